"""Results to GIS: the GeoPackages of ``ber assess --gpkg`` and ``ber compare --gpkg``, read back
with GDAL (pyogrio): layers, CRS, fields, values and the QGIS styles."""

from __future__ import annotations

import math
import xml.etree.ElementTree as ET
from pathlib import Path

import pyogrio
import pytest

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys
from ber.maplayer.style import STATUS_COLOURS

MEASURES = ("demand", "capacity", "pressure", "status")


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.ber"
    save_case(demo_case(), path)
    return path


def _styles(path: Path) -> object:
    return pyogrio.read_dataframe(path, layer="layer_styles")


def _qml(text: str) -> ET.Element:
    return ET.fromstring(text.split("\n", 1)[1])


def test_assess_gpkg_with_boundaries(demo_file: Path, tmp_path: Path, shared_reference: Path) -> None:
    from ber.geodata import context_for_cli

    out = tmp_path / "uitkomst.gpkg"
    args = ["assess", str(demo_file), "--geodata", str(shared_reference), "--gpkg", str(out), "--quiet"]
    assert main(args) == 0
    layers = {name: kind for name, kind in pyogrio.list_layers(out)}
    assert layers == {
        "municipalities": "MultiPolygon",
        "sites": "Point",
        "region": "Polygon",
        "layer_styles": None,
    }
    for layer in ("municipalities", "sites", "region"):
        info = pyogrio.read_info(out, layer=layer)
        assert info["crs"] == "EPSG:28992", layer

    result = assess(demo_case(), context_for_cli(Context.default(), str(shared_reference)))
    i = result.years.index(result.full_operation_year)
    munis = pyogrio.read_dataframe(out, layer="municipalities").set_index("code")
    expected_fields = {"name", "year", "distance_km", "residence_share", "workers", "residents",
                       "capacity_coverage", "status"}  # fmt: skip
    expected_fields |= {f"{d}_{m}" for d in domain_keys() for m in MEASURES}
    assert expected_fields <= set(munis.columns)
    assert sorted(munis.index) == sorted(m.code for m in result.municipalities)
    for m in result.municipalities:
        row = munis.loc[m.code]
        assert row["name"] == m.name and row["year"] == result.full_operation_year
        assert row["residence_share"] == pytest.approx(m.residence_share)
        for d in domain_keys():
            dom = m.domains[d]
            assert row[f"{d}_demand"] == pytest.approx(dom.demand_per_year[i])
            assert row[f"{d}_status"] == dom.status_per_year[i]
            if dom.capacity is None:  # unknown: NULL beside the status, never a word
                assert row[f"{d}_capacity"] is None or math.isnan(row[f"{d}_capacity"])
            else:
                assert row[f"{d}_capacity"] == pytest.approx(dom.capacity)
            pressure = dom.pressure_per_year[i]
            if pressure is None:
                assert math.isnan(row[f"{d}_pressure"])
            else:
                assert row[f"{d}_pressure"] == pytest.approx(pressure)
    statuses = {s for d in domain_keys() for s in munis[f"{d}_status"]}
    assert statuses <= {"green", "amber", "red", "grey"} and "grey" in statuses
    assert munis.loc["GM0983", "status"] == "red"  # Venlo: dwellings red in the demo
    # polygons of the real boundaries: Venlo's area is about 128 km²
    assert 100e6 < munis.loc["GM0983"].geometry.area < 160e6

    sites = pyogrio.read_dataframe(out, layer="sites").sort_values("rank")
    assert list(sites["rank"]) == [s.rank for s in sorted(result.sites, key=lambda s: s.rank)]
    best = min(result.sites, key=lambda s: s.rank)
    first = sites.iloc[0]
    assert (first["name"], first["host_municipality"], first["red"], first["amber"], first["unknown"]) == (
        best.name, best.host_municipality, best.red, best.amber, best.grey)  # fmt: skip
    assert (first.geometry.x, first.geometry.y) == (best.x, best.y)

    region = pyogrio.read_dataframe(out, layer="region")
    assert len(region) == 1 and region.iloc[0]["label"] == result.region["label"]
    assert region.geometry.iloc[0].area == pytest.approx(munis.geometry.area.sum(), rel=1e-3)


def test_the_geopackage_carries_qgis_styles_in_the_status_colours(
    demo_file: Path, tmp_path: Path, shared_reference: Path
) -> None:
    out = tmp_path / "uitkomst.gpkg"
    assert (
        main(["assess", str(demo_file), "--geodata", str(shared_reference), "--gpkg", str(out), "--quiet"])
        == 0
    )
    styles = _styles(out)
    defaults = styles[styles["useAsDefault"]]
    assert sorted(defaults["f_table_name"]) == ["municipalities", "region", "sites"]
    assert set(styles["f_geometry_column"]) == {
        pyogrio.read_info(out, layer="sites")["geometry_name"] or "geom"
    }
    muni = _qml(defaults[defaults["f_table_name"] == "municipalities"]["styleQML"].iloc[0])
    renderer = muni.find("renderer-v2")
    assert renderer is not None
    assert renderer.get("type") == "categorizedSymbol" and renderer.get("attr") == "status"
    categories = {c.get("value"): (c.get("label"), c.get("symbol")) for c in renderer.iter("category")}
    assert {k: v[0] for k, v in categories.items()} == {
        "red": "rood", "amber": "oranje", "grey": "onbekend", "green": "groen"}  # fmt: skip
    for status, (_label, symbol) in categories.items():
        sym = next(s for s in renderer.iter("symbol") if s.get("name") == symbol)
        colour = next(o.get("value") for o in sym.iter("Option") if o.get("name") == "color")
        assert colour == ",".join(str(v) for v in STATUS_COLOURS[status]) + ",255", status
    aliases = {a.get("field"): a.get("name") for a in muni.iter("alias")}
    assert aliases["housing_flex_capacity"] == "Huisvesting: flexbedden – capaciteit (bedden)"
    assert aliases["residence_share"] == "Woonaandeel (0-1)"
    # one extra style per domain, to switch in QGIS's style manager
    assert len(styles[styles["f_table_name"] == "municipalities"]) == 1 + len(domain_keys())


def test_assess_gpkg_english_labels(demo_file: Path, tmp_path: Path, shared_reference: Path) -> None:
    out = tmp_path / "result.gpkg"
    args = ["assess", str(demo_file), "--geodata", str(shared_reference), "--gpkg", str(out), "--quiet"]
    assert main([*args, "--lang", "en"]) == 0
    styles = _styles(out)
    qml = _qml(
        styles[styles["useAsDefault"] & (styles["f_table_name"] == "municipalities")]["styleQML"].iloc[0]
    )
    assert {c.get("label") for c in qml.iter("category")} == {"red", "amber", "unknown", "green"}


def test_assess_gpkg_with_the_built_in_national_set_has_polygons(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """No --geodata and nothing imported: the built-in national boundaries are drawn."""
    out = tmp_path / "vlakken.gpkg"
    assert main(["assess", str(demo_file), "--gpkg", str(out), "--quiet"]) == 0
    assert "als punten" not in capsys.readouterr().err
    layers = dict(pyogrio.list_layers(out))
    assert layers["municipalities"] == "MultiPolygon" and "region" in layers
    munis = pyogrio.read_dataframe(out, layer="municipalities")
    assert len(munis) == 7 and munis.crs.to_epsg() == 28992


def test_gpkg_without_boundaries_has_points(tmp_path: Path) -> None:
    """Geodata without polygons (the seven-row demo table): municipalities as centroid points."""
    from ber.io.gpkg import context_geometry, write_result_gpkg

    ctx = Context.demo_region()
    result = assess(demo_case("nl"), ctx)
    polygons, centroids = context_geometry(ctx)
    assert polygons is None
    out = tmp_path / "punten.gpkg"
    write_result_gpkg(out, result, polygons, centroids)
    layers = dict(pyogrio.list_layers(out))
    assert layers == {"municipalities": "Point", "sites": "Point", "layer_styles": None}
    munis = pyogrio.read_dataframe(out, layer="municipalities")
    assert len(munis) == 7 and munis.crs.to_epsg() == 28992


def test_compare_gpkg_ranking(
    demo_file: Path, tmp_path: Path, shared_reference: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    sites = tmp_path / "kavels.csv"
    sites.write_text("naam,lon,lat\nVenlo,6.1720,51.3704\nHorst,6.0519,51.4548\n", encoding="utf-8")
    out, table, ranking = tmp_path / "rang.gpkg", tmp_path / "rang.csv", tmp_path / "rang.json"
    code = main(["compare", str(demo_file), "--sites", str(sites), "--geodata", str(shared_reference),
                 "--gpkg", str(out), "--csv", str(table), "--out", str(ranking), "--quiet"])  # fmt: skip
    assert code == 0, capsys.readouterr().err
    assert dict(pyogrio.list_layers(out)) == {"sites": "Point", "layer_styles": None}
    got = pyogrio.read_dataframe(out, layer="sites").sort_values("rank")
    assert got.crs.to_epsg() == 28992
    import json

    doc = json.loads(ranking.read_text("utf-8"))
    assert list(got["name"]) == [s["name"] for s in doc["sites"]]
    assert list(got["unknown"]) == [s["grey"] for s in doc["sites"]]
    assert [round(p.x) for p in got.geometry] == [round(s["x"]) for s in doc["sites"]]
    for d in domain_keys():
        assert list(got[f"{d}_status"]) == [s["verdict"][d] for s in doc["sites"]]
    # the CSV names its coordinate system
    header = table.read_bytes().decode("utf-8-sig").splitlines()[0].split(";")
    assert "x_rd_epsg28992" in header and "y_rd_epsg28992" in header
