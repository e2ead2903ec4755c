"""The files municipalities actually download: multi-layer GeoPackage, cut Shapefile names.

And the guard on replacing the current set: fewer municipalities, another CRS or
missing statistics are refused and the current set stays in use.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ber.cli import main
from ber.geodata import active_geodata, import_geodata, load_geodata
from ber.geodata.layers import list_layers
from ber.geodata.store import store_path
from ber.texts.messages import InputError


@pytest.fixture(scope="module")
def raw(shared_reference_dir: Path) -> dict[str, Any]:
    import geopandas as gpd
    import pandas as pd

    gem = gpd.read_file(shared_reference_dir / "gemeenten_2024.geojson")
    stats = pd.read_csv(shared_reference_dir / "gemeenten_2024_indicatoren.csv", dtype={"gemeentecode": str})
    regio = pd.read_csv(shared_reference_dir / "gemeente_regio_indeling_2024.csv", dtype=str)
    out = {"gem": gem, "stats": stats, "regio": regio}
    for kind, name in (
        ("provincie", "provincies"),
        ("arbeidsmarktregio", "arbeidsmarktregios"),
        ("corop", "coropgebieden"),
    ):
        out[kind] = gpd.read_file(shared_reference_dir / f"{name}_2024.geojson")
    return out


def _gebiedsindelingen(raw: dict[str, Any], path: Path) -> Path:
    """A GeoPackage shaped like CBS Gebiedsindelingen: a layer per division, statcode/statnaam.

    The municipality layer has no membership columns (as in the real download); the
    statistics are added to it so that one file is a complete import.
    """
    import pyogrio

    gem = raw["gem"][["gemeentecode", "gemeentenaam", "geometry"]].rename(
        columns={"gemeentecode": "statcode", "gemeentenaam": "statnaam"}
    )
    gem = gem.merge(
        raw["stats"][["gemeentecode", "aantal_inwoners_2024", "huishoudens_2024", "woningvoorraad_2023"]],
        left_on="statcode",
        right_on="gemeentecode",
    ).drop(columns=["gemeentecode"])
    gen = gem.to_crs(28992)
    pyogrio.write_dataframe(gen, path, layer="cbs_gemeente_2024_gegeneraliseerd", driver="GPKG")
    points = gen.copy()
    points["geometry"] = gen.geometry.representative_point()
    pyogrio.write_dataframe(points, path, layer="cbs_gemeente_2024_labelpoint", driver="GPKG")
    for layer, kind in (
        ("cbs_provincie_2024_gegeneraliseerd", "provincie"),
        ("cbs_arbeidsmarktregio_2024_gegeneraliseerd", "arbeidsmarktregio"),
        ("cbs_coropgebied_2024_gegeneraliseerd", "corop"),
    ):
        frame = raw[kind][[f"{kind}code", f"{kind}naam", "geometry"]]
        frame = frame.rename(columns={f"{kind}code": "statcode", f"{kind}naam": "statnaam"})
        pyogrio.write_dataframe(frame.to_crs(28992), path, layer=layer, driver="GPKG")
    return path


def test_multi_layer_geopackage_default_and_layer_option(raw: dict[str, Any], tmp_path: Path) -> None:
    path = _gebiedsindelingen(raw, tmp_path / "cbsgebiedsindelingen2024.gpkg")
    names, default = list_layers(path)
    assert len(names) == 5 and default == "cbs_gemeente_2024_gegeneraliseerd"
    geo = import_geodata([path], store=False)
    assert len(geo.table) == 342 and geo.has_polygons
    assert geo.table.inhabitants.sum() == 17_942_942  # README of the raw data
    # membership derived from the region layers equals the CBS indeling for every municipality
    regio = raw["regio"].set_index("gemeentecode")
    for kind, count in (("provincie", 12), ("arbeidsmarktregio", 35), ("corop", 40)):
        assert len(geo.regions(kind)) == count
        for code in geo.table.codes:
            assert geo.region_of(kind, code) == (
                regio.loc[code, f"{kind}code"],
                regio.loc[code, f"{kind}naam"],
            )
    assert not [n for n in geo.notices if n.code.startswith("geodata.no_region")]
    skipped = [n.params["path"] for n in geo.notices if n.code == "geodata.layer_skipped"]
    assert any(s.endswith("labelpoint") for s in skipped)
    # the layer named on the command line: the label points give point municipalities
    points = import_geodata([path], store=False, layer="cbs_gemeente_2024_labelpoint")
    assert len(points.table) == 342 and not points.has_polygons
    with pytest.raises(InputError) as err:
        import_geodata([path], store=False, layer="wijken")
    text = err.value.texts("en")[0]
    assert "wijken" in text and "cbs_gemeente_2024_gegeneraliseerd" in text


def test_ambiguous_layers_are_listed(raw: dict[str, Any], tmp_path: Path) -> None:
    import pyogrio

    path = tmp_path / "twee.gpkg"
    gen = raw["gem"].merge(raw["stats"][["gemeentecode", "woningvoorraad_2023"]], on="gemeentecode")
    gen = gen.to_crs(28992)
    pyogrio.write_dataframe(gen, path, layer="grenzen_a", driver="GPKG")
    pyogrio.write_dataframe(gen, path, layer="grenzen_b", driver="GPKG")
    assert list_layers(path) == (["grenzen_a", "grenzen_b"], None)
    with pytest.raises(InputError) as err:
        import_geodata([path], store=False)
    assert [p.code for p in err.value.problems] == ["geodata.layer_ambiguous"]
    nl = err.value.texts("nl")[0]
    assert "--layer" in nl and "grenzen_a, grenzen_b" in nl
    geo = import_geodata([path], store=False, layer="grenzen_b")
    assert len(geo.table) == 342


def test_shapefile_with_cut_column_names(raw: dict[str, Any], tmp_path: Path) -> None:
    import pyogrio

    gem = raw["gem"].merge(
        raw["stats"][["gemeentecode", "aantal_inwoners_2024", "huishoudens_2024", "woningvoorraad_2023"]],
        on="gemeentecode",
    )
    gem = gem.rename(
        columns={"aantal_inwoners_2024": "aantal_inwoners", "huishoudens_2024": "huishoudens"}
    ).rename(columns={"woningvoorraad_2023": "woningvoorraad"})
    path = tmp_path / "gemeenten.shp"
    with pytest.warns(RuntimeWarning):  # GDAL says it cuts the names
        pyogrio.write_dataframe(gem.to_crs(28992), path, driver="ESRI Shapefile", encoding="UTF-8")
    fields = pyogrio.read_info(path)["fields"].tolist()
    assert "arbeidsmar" in fields and "gemeenteco" in fields  # what the file really holds
    geo = import_geodata([path], store=False)
    assert len(geo.table) == 342
    assert geo.table.dwellings.sum() == raw["stats"]["woningvoorraad_2023"].sum()
    assert len(geo.regions("arbeidsmarktregio")) == 35
    assert geo.regions("arbeidsmarktregio")["AM29"][0] == "Noord-Limburg"
    assert len(geo.regions("corop")) == 40 and len(geo.regions("provincie")) == 12
    assert not [n for n in geo.notices if n.code.startswith("geodata.no_region")]


def test_shapefile_without_region_columns_says_so(raw: dict[str, Any], tmp_path: Path) -> None:
    import pyogrio

    gem = raw["gem"][["gemeentecode", "gemeentenaam", "geometry"]].merge(
        raw["stats"][["gemeentecode", "woningvoorraad_2023"]], on="gemeentecode"
    )
    path = tmp_path / "alleen.shp"
    with pytest.warns(RuntimeWarning):
        pyogrio.write_dataframe(gem, path, driver="ESRI Shapefile", encoding="UTF-8")
    geo = import_geodata([path], store=False)
    (notice,) = [n for n in geo.notices if n.code == "geodata.no_region_links"]
    assert notice.params["columns"] == "arbeidsmarktregiocode, provinciecode, coropcode"
    assert "missing columns" in notice.text("en") and "ontbrekende kolommen" in notice.text("nl")


def test_import_of_fewer_municipalities_keeps_the_current_set(
    raw: dict[str, Any], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _gebiedsindelingen(raw, tmp_path / "all.gpkg")
    import pyogrio

    few = tmp_path / "limburg.gpkg"
    frame = pyogrio.read_dataframe(path, layer="cbs_gemeente_2024_gegeneraliseerd")
    pyogrio.write_dataframe(frame[frame["statcode"].str.startswith("GM09")], few, driver="GPKG")
    # against the built-in set (nothing stored yet)
    assert main(["--lang", "en", "geodata", "import", str(few)]) == 2
    err = capsys.readouterr().err
    assert "CBS gemeenten 2024" in err and "342" in err and "--partial" in err
    assert not store_path().exists()
    assert active_geodata().info is not None and active_geodata().info.builtin  # type: ignore[union-attr]
    # a full import is stored and named; a smaller one then is refused against it
    assert main(["geodata", "import", str(path)]) == 0
    stored = load_geodata(None)
    assert stored is not None and stored.info is not None and not stored.info.builtin
    before = store_path().read_bytes()
    assert main(["--lang", "nl", "geodata", "import", str(few)]) == 2
    assert "De huidige geodata blijven in gebruik" in capsys.readouterr().err
    assert store_path().read_bytes() == before
    # --partial imports it anyway
    assert main(["geodata", "import", str(few), "--partial"]) == 0
    assert len(load_geodata(None).table) < 342  # type: ignore[union-attr]


def test_import_missing_statistics_or_other_crs_is_refused(raw: dict[str, Any], tmp_path: Path) -> None:
    import pyogrio

    gem = raw["gem"][["gemeentecode", "gemeentenaam", "geometry"]].merge(
        raw["stats"][["gemeentecode", "woningvoorraad_2023"]], on="gemeentecode"
    )
    bare = tmp_path / "zonder_inwoners.gpkg"
    pyogrio.write_dataframe(gem.to_crs(28992), bare, driver="GPKG")
    with pytest.raises(InputError) as err:
        import_geodata([bare])
    codes = {p.code for p in err.value.problems}
    assert codes == {"geodata.replace_missing_stats"}
    assert "aantal_inwoners" in err.value.texts("en")[0] and "342" in err.value.texts("en")[0]
    assert not store_path().exists()
    # another CRS (ETRS89-LAEA, EPSG:3035): said so by name, nothing stored
    other = tmp_path / "laea.gpkg"
    pyogrio.write_dataframe(gem.to_crs(3035), other, driver="GPKG")
    with pytest.raises(InputError) as err:
        import_geodata([other])
    assert "EPSG:3035" in err.value.texts("en")[0]
    assert not store_path().exists()
