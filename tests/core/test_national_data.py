"""The built-in national data set: reproducible derivation, counts, totals, checksum guard."""

from __future__ import annotations

import csv
import importlib.util
import shutil
import sqlite3
import sys
from pathlib import Path
from types import ModuleType

import numpy as np
import pytest

from ber.engine.assess import Context
from ber.io.paths import REPO_ROOT, reference_dir
from ber.reference.national import clear_cache, dataset_entry, load_national, read_national, verify
from ber.texts.messages import InputError


def _tool() -> ModuleType:
    path = REPO_ROOT / "tools" / "derive_national_data.py"
    spec = importlib.util.spec_from_file_location("derive_national_data", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["derive_national_data"] = module
    spec.loader.exec_module(module)
    return module


def _content(path: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every table of a GeoPackage except GDAL's bookkeeping tables."""
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        tables = [
            r[0]
            for r in con.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
            if not r[0].startswith(("gpkg_", "sqlite_", "rtree_"))
        ]
        return {t: con.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}
    finally:
        con.close()


def test_derivation_reproduces_the_shipped_file(shared_reference: Path, tmp_path: Path) -> None:
    tool = _tool()
    out = tmp_path / "national.gpkg"
    checksum = tool.derive(shared_reference, out)
    shipped = reference_dir() / dataset_entry()["file"]
    assert _content(out) == _content(shipped)
    # with the same GDAL the file is byte-identical; the manifest holds that checksum
    if checksum != dataset_entry()["sha256"]:
        pytest.xfail("content equal, bytes differ: another GDAL/SQLite version wrote the file")


def test_counts_codes_and_totals_match_the_raw_csv(shared_reference: Path) -> None:
    data = load_national()
    table = data.table
    assert len(table) == 342 and len(set(table.codes)) == 342
    assert list(table.codes) == sorted(table.codes)
    with (shared_reference / "kerncijfers_gemeenten_2024.csv").open(encoding="utf-8") as f:
        kc24 = {r["gemeentecode"]: r for r in csv.DictReader(f)}
    with (shared_reference / "kerncijfers_gemeenten_2023.csv").open(encoding="utf-8") as f:
        kc23 = {r["gemeentecode"]: r for r in csv.DictReader(f)}
    with (shared_reference / "gemeente_regio_indeling_2024.csv").open(encoding="utf-8") as f:
        regio = {r["gemeentecode"]: r for r in csv.DictReader(f)}
    assert set(table.codes) == set(kc24) == set(regio)
    # README of the raw folder: national inhabitants 2024 = 17,942,942; Amsterdam 931,298
    assert table.inhabitants.sum() == 17_942_942
    assert table.inhabitants[table.index("GM0363")] == 931_298
    assert table.households.sum() == sum(int(r["huishoudens"]) for r in kc24.values())
    assert table.dwellings.sum() == sum(int(r["woningvoorraad"]) for r in kc23.values())
    sizes = np.array([float(kc24[c]["gem_huishouden_grootte"]) for c in table.codes])
    np.testing.assert_array_equal(data.household_size, sizes)
    for kind in ("provincie", "arbeidsmarktregio", "corop"):
        codes, names = data.region_columns[kind]
        assert list(codes) == [regio[c][f"{kind}code"] for c in table.codes]
        assert list(names) == [regio[c][f"{kind}naam"] for c in table.codes]
    assert [len(data.regions(k)) for k in ("provincie", "arbeidsmarktregio", "corop")] == [12, 35, 40]
    assert data.regions("corop")["CR37"][0] == "Noord-Limburg"  # Venlo GM0983 in the raw CSV


def test_noord_limburg_rows_equal_the_demo_table() -> None:
    """The demo's seven CBS rows (figures and whole-metre centroids) are the national rows."""
    national = load_national().table
    demo = Context.demo_region().table
    for i, code in enumerate(demo.codes):
        k = national.index(code)
        assert national.names[k] == demo.names[i]
        for col in ("inhabitants", "households", "dwellings", "x", "y"):
            assert getattr(national, col)[k] == getattr(demo, col)[i], (code, col)


def test_polygons_valid_and_hosts(shared_reference: Path) -> None:
    import shapely

    data = load_national()
    polygons = data.boundaries_rd()
    assert all(shapely.is_valid(g) and g.geom_type == "MultiPolygon" for g in polygons.values())
    # coordinates are whole metres
    coords = shapely.get_coordinates(list(polygons.values()))
    assert np.array_equal(coords, np.round(coords))
    # no overlaps: the sum of the areas is the area of the union
    total = sum(g.area for g in polygons.values())
    assert shapely.union_all(list(polygons.values())).area == pytest.approx(total, rel=1e-9)
    # Grote Markt, Groningen (6.5683 E, 53.2194 N = RD 233,890 / 582,067) lies in Groningen;
    # the North Sea north of the Wadden islands in none
    assert data.locate(233_890, 582_067) == "GM0014"
    assert data.locate(200_000, 640_000) is None
    outlines = data.region_outlines("provincie")
    assert len(outlines) == 12 and outlines["PV31"][0] == "Limburg"


def test_metadata_in_the_file() -> None:
    path = reference_dir() / dataset_entry()["file"]
    con = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    meta = dict(con.execute("SELECT key, value FROM metadata").fetchall())
    con.close()
    assert meta["attribution"] == "Bron: CBS, PDOK (CC BY 4.0)"
    assert meta["data_year"] == "2024" and meta["year.woningvoorraad"] == "2023"
    assert meta["crs"] == "EPSG:28992"


def _copy_reference(tmp_path: Path) -> Path:
    folder = tmp_path / "reference_data"
    shutil.copytree(reference_dir(), folder)
    return folder


def test_damaged_file_is_named(tmp_path: Path) -> None:
    folder = _copy_reference(tmp_path)
    name = dataset_entry(folder)["file"]
    data = bytearray((folder / name).read_bytes())
    data[len(data) // 2] ^= 0xFF
    (folder / name).write_bytes(bytes(data))
    problems = verify(folder)
    assert [p.code for p in problems] == ["geodata.builtin_checksum"]
    with pytest.raises(InputError) as err:
        read_national(folder)
    nl, en = err.value.texts("nl")[0], err.value.texts("en")[0]
    assert name in nl and "beschadigd of onvolledig" in nl
    assert name in en and "damaged or incomplete" in en


def test_partial_file_is_named(tmp_path: Path) -> None:
    folder = _copy_reference(tmp_path)
    name = dataset_entry(folder)["file"]
    data = (folder / name).read_bytes()
    (folder / name).write_bytes(data[: len(data) // 3])  # an interrupted download or copy
    with pytest.raises(InputError) as err:
        read_national(folder)
    assert name in err.value.texts("en")[0]
    (folder / name).unlink()
    with pytest.raises(InputError) as err:
        read_national(folder)
    assert err.value.problems[0].code == "geodata.builtin_corrupt"


def test_cli_exit_2_on_damaged_builtin_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    from ber.cli import main
    from ber.reference.data import _load_cached

    folder = _copy_reference(tmp_path)
    name = dataset_entry(folder)["file"]
    (folder / name).write_bytes(b"not a geopackage")
    monkeypatch.setenv("BER_REFERENCE_DIR", str(folder))
    _load_cached.cache_clear()
    clear_cache()
    try:
        assert main(["--lang", "en", "demo", "--out", str(tmp_path / "out")]) == 2
        err = capsys.readouterr().err
        assert name in err and "damaged or incomplete" in err
        assert main(["--lang", "en", "reference", "--check"]) == 2
        assert name in capsys.readouterr().err
    finally:
        monkeypatch.delenv("BER_REFERENCE_DIR")
        _load_cached.cache_clear()
        clear_cache()


def test_demo_results_unchanged_by_the_national_set() -> None:
    """The demo computed on the national set equals the demo on the seven-row demo table.

    Same CBS rows and whole-metre centroids (test above), the same region list, and the
    Venlo site lies in Venlo's polygon as well as nearest Venlo's centroid.
    """
    from ber.case.demo import demo_case
    from ber.engine.assess import assess

    national = assess(demo_case(), Context.default(), samples=200, seed=1)
    demo = assess(demo_case(), Context.demo_region(), samples=200, seed=1)
    assert national.site == demo.site
    assert national.region == demo.region
    assert national.totals == demo.totals
    assert national.per_year == demo.per_year
    assert [m.to_dict() for m in national.municipalities] == [m.to_dict() for m in demo.municipalities]
    assert national.sites == demo.sites
    assert national.uncertainty == demo.uncertainty
    assert national.geodata is not None and demo.geodata is None
    assert load_national() is load_national()  # read once per process
