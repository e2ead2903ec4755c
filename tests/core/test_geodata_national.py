"""Geodata on the national CBS/PDOK files: import, store, host, regions, assess, compare."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest

from ber.case.demo import demo_case
from ber.case.model import Region, Site
from ber.engine.assess import Context, assess
from ber.engine.geometry import to_rd
from ber.geodata import (
    GeoData,
    clear_store,
    compare_sites,
    context_for_cli,
    import_geodata,
    load_geodata,
    region_from_codes,
    region_from_kind,
    with_region,
)
from ber.geodata.store import read_manifest, store_path
from ber.io.paths import reference_dir
from ber.reference.data import load_reference
from ber.texts.messages import InputError

# A point in the city of Groningen (Grote Markt), WGS84 lon/lat, and its RD New equivalent.
GRONINGEN_LONLAT = (6.5683, 53.2194)


@pytest.fixture(scope="module")
def national(shared_reference_dir: Path) -> GeoData:
    return import_geodata([shared_reference_dir], store=False)


def test_national_counts_and_statistics(national: GeoData, shared_reference: Path) -> None:
    table = national.table
    assert len(table) == 342
    # README of the reference folder: national inhabitants 2024 = 17,942,942; Amsterdam 931,298
    assert table.inhabitants.sum() == pytest.approx(17_942_942)
    assert table.inhabitants[table.index("GM0363")] == 931_298
    # dwellings come from kerncijfers 2023 (the 2024 release has none): read the row by hand
    with (shared_reference / "kerncijfers_gemeenten_2023.csv").open(encoding="utf-8") as f:
        rows = {r["gemeentecode"]: r for r in csv.DictReader(f)}
    for code in ("GM0014", "GM0983", "GM0363"):
        assert table.dwellings[table.index(code)] == float(rows[code]["woningvoorraad"])
    assert "2023" in national.fields["dwellings"]
    assert "kerncijfers_gemeenten_2024.csv" in national.fields["inhabitants"]
    assert np.isfinite(table.dwellings).all()
    assert table.name("GM0014") == "Groningen"


def test_centroids_match_builtin_table(national: GeoData) -> None:
    """The built-in Noord-Limburg centroids (whole metres) are the RD centroids of these polygons."""
    path = reference_dir() / "municipalities_noord_limburg.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == 7
    for row in rows:
        i = national.table.index(row["code"])
        assert abs(national.table.x[i] - float(row["x"])) <= 1.0
        assert abs(national.table.y[i] - float(row["y"])) <= 1.0


def test_regions(national: GeoData) -> None:
    prov = national.regions("provincie")
    assert len(prov) == 12
    assert len(national.regions("arbeidsmarktregio")) == 35
    assert len(national.regions("corop")) == 40
    # README: gemeenten per province in code order; Groningen (PV20) has 10, Limburg (PV31) 31
    assert len(prov["PV20"][1]) == 10
    assert len(prov["PV31"][1]) == 31
    assert sum(len(m) for _, m in prov.values()) == 342
    noord_limburg = national.region_members("arbeidsmarktregio", "AM29")
    builtin = set(load_reference().municipalities.codes)
    assert builtin <= set(noord_limburg)
    with pytest.raises(InputError) as err:
        national.region_members("arbeidsmarktregio", "AM99")
    assert "AM99" in err.value.texts("en")[0]
    with pytest.raises(InputError):
        national.regions("gemeente")


def test_site_near_groningen_wgs84_and_rd(national: GeoData) -> None:
    ref = load_reference()
    ctx = national.context(ref)
    x, y = to_rd(*GRONINGEN_LONLAT, "EPSG:4326")
    assert national.locate(x, y) == "GM0014"
    # at sea north of the Wadden islands: no municipality
    assert national.locate(200_000, 640_000) is None

    base = demo_case()
    results = []
    for site in (
        Site(
            name="Groningen WGS84", x=GRONINGEN_LONLAT[0], y=GRONINGEN_LONLAT[1], crs="EPSG:4326", chosen=True
        ),
        Site(name="Groningen RD", x=x, y=y, crs="EPSG:28992", chosen=True),
    ):
        case = base.copy_with(
            sites=[site],
            region=Region(),
            capacity={},
            workforce=base.workforce.model_copy(update={"employer_beds": []}),
        )
        results.append(assess(case, ctx))
    wgs, rd = results
    assert wgs.site["host_municipality"] == rd.site["host_municipality"] == "GM0014"
    assert wgs.region["municipalities"] == rd.region["municipalities"]
    # cut-off region: every municipality whose centroid lies within 40 km (reference cut-off)
    cutoff = rd.region["cutoff_km"]
    expected = national.within_cutoff(x, y, cutoff)
    assert rd.region["municipalities"] == expected
    assert "GM0014" in expected and "GM0363" not in expected
    assert rd.totals["residents"] > 0
    assert rd.region["data_source"].startswith("Geodata: gemeenten_2024.geojson")

    # the labour-market region Groningen (AM01) as the region instead
    region = region_from_kind(national, "arbeidsmarktregio", "AM01", "nl")
    assert region.label == "Arbeidsmarktregio Groningen"
    case = with_region(base.copy_with(sites=[Site(name="G", x=x, y=y)], capacity={}), region)
    case = case.copy_with(workforce=case.workforce.model_copy(update={"employer_beds": []}))
    result = assess(case, ctx)
    assert result.region["municipalities"] == sorted(region.municipalities or [])
    assert result.region["method"] == "list"


def test_region_from_codes(national: GeoData) -> None:
    region = region_from_codes(["gm0983", "GM0014"], national.table, "eigen keuze")
    assert region.municipalities == ["GM0014", "GM0983"]  # table order
    with pytest.raises(InputError) as err:
        region_from_codes(["GM0014", "GM9999"], national.table)
    assert "region.municipalities[1]" in err.value.texts("en")[0]


def test_rank_50_sites_across_the_country(national: GeoData) -> None:
    ctx = national.context(load_reference())
    pts = national.boundaries.geometry.representative_point()
    codes = list(national.boundaries.index)[::6][:50]
    sites = [Site(name=f"Kavel {c}", x=pts[c].x, y=pts[c].y) for c in codes]
    assert len(sites) == 50
    ranking = compare_sites(demo_case(), sites, ctx, region="cutoff")
    doc = ranking.to_dict()
    assert doc["schema"] == "ber-ranking/1"
    assert [s["rank"] for s in doc["sites"]] == list(range(1, 51))
    # a representative point lies inside its own polygon: the host is that municipality
    assert {s["name"]: s["host_municipality"] for s in doc["sites"]} == {f"Kavel {c}": c for c in codes}
    # the one ranking rule (method section 10): red, amber, demand on unknown capacity, the
    # highest known pressure (finite, then infinite, then unknown), vehicle-km
    keys = [
        (
            s["red"],
            s["amber"],
            round(s["unknown_share"], 9),
            2 if s["max_pressure"] is None and not s["no_capacity"] else int(s["no_capacity"]),
            s["max_pressure"] or 0.0,
            s["commute_vehicle_km_per_day"],
        )
        for s in doc["sites"]
    ]
    assert keys == sorted(keys)
    json.dumps(doc, allow_nan=False)


def test_store_roundtrip_and_cli_context(shared_reference: Path) -> None:
    builtin = Context.default()
    assert context_for_cli(builtin, None) is builtin  # nothing stored yet
    assert load_geodata(None) is None
    geo = import_geodata([shared_reference])
    assert store_path().is_file()
    manifest = read_manifest()
    assert manifest is not None and manifest["counts"]["municipalities"] == 342
    assert manifest["schema"] == "ber-geodata/1"
    stored = load_geodata(None)
    assert stored is not None
    assert stored.table.codes == geo.table.codes
    np.testing.assert_allclose(stored.table.x, geo.table.x, atol=1e-6)
    np.testing.assert_array_equal(stored.table.dwellings, geo.table.dwellings)
    assert stored.regions("arbeidsmarktregio") == geo.regions("arbeidsmarktregio")
    # the stored GeoPackage is itself an importable file (column names code, name, dwellings, ...)
    again = load_geodata(store_path())
    assert again is not None and again.table.codes == geo.table.codes
    np.testing.assert_array_equal(again.table.dwellings, geo.table.dwellings)
    assert again.regions("corop") == geo.regions("corop")
    ctx = context_for_cli(builtin, None)
    assert len(ctx.table) == 342 and ctx.locate is not None and ctx.geo is not None
    # a path is imported for this run only, never stored
    assert clear_store()
    ctx = context_for_cli(builtin, str(shared_reference))
    assert len(ctx.table) == 342
    assert not store_path().exists()
