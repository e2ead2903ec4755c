"""Bad geodata gives one clear InputError (nl + en) naming file, column and code; never a traceback."""

from __future__ import annotations

import json
import struct
import zipfile
from pathlib import Path
from typing import Any

import pytest

from ber.cli import main
from ber.geodata import ColumnMapping, import_geodata, readers
from ber.texts.messages import InputError, Problem

# Three 10 km squares side by side in RD New (EPSG:28992), around Utrecht.
SQUARES = {
    "GM0001": (130_000, 450_000),
    "GM0002": (140_000, 450_000),
    "GM0003": (150_000, 450_000),
}


def square(x: float, y: float, size: float = 10_000) -> list[list[list[float]]]:
    return [[[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]]


def features(**overrides: Any) -> list[dict[str, Any]]:
    out = []
    for i, (code, (x, y)) in enumerate(SQUARES.items()):
        props = {
            "gemeentecode": code,
            "gemeentenaam": f"Gemeente {i + 1}",
            "woningvoorraad": 1000 * (i + 1),
            "aantal_inwoners": 2000 * (i + 1),
            "huishoudens": 900 * (i + 1),
        }
        geom: dict[str, Any] | None = {"type": "Polygon", "coordinates": square(x, y)}
        out.append({"type": "Feature", "properties": props, "geometry": geom})
    return out


def write_geojson(path: Path, feats: list[dict[str, Any]], crs: str | None = "EPSG:28992") -> Path:
    doc: dict[str, Any] = {"type": "FeatureCollection", "features": feats}
    if crs is not None:
        doc["crs"] = {"type": "name", "properties": {"name": f"urn:ogc:def:crs:{crs.replace(':', '::')}"}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


#: CBS shapefile column names (at most 10 characters)
SHORT = {
    "gemeentecode": "GM_CODE",
    "gemeentenaam": "GM_NAAM",
    "woningvoorraad": "WONINGEN",
    "aantal_inwoners": "AANT_INW",
    "huishoudens": "AANT_HH",
}


def gdf(crs: str | None = "EPSG:28992") -> Any:
    import geopandas as gpd
    from shapely.geometry import shape

    feats = features()
    return gpd.GeoDataFrame(
        [{SHORT[k]: v for k, v in f["properties"].items()} for f in feats],
        geometry=[shape(f["geometry"]) for f in feats],
        crs=crs,
    )


def problems_of(err: pytest.ExceptionInfo[InputError]) -> list[Problem]:
    # every problem has both languages, and the texts name something concrete
    for p in err.value.problems:
        assert "{" not in p.text("nl") and "{" not in p.text("en")
    return err.value.problems


def import_fails(tmp_path: Path, feats: list[dict[str, Any]]) -> pytest.ExceptionInfo[InputError]:
    """Import the features as a GeoJSON file; the import must fail with an InputError."""
    with pytest.raises(InputError) as err:
        import_geodata([write_geojson(tmp_path / "g.geojson", feats)], store=False)
    return err


def codes_of(err: pytest.ExceptionInfo[InputError]) -> list[str]:
    return [p.code for p in problems_of(err)]


def test_good_small_file_imports(tmp_path: Path) -> None:
    geo = import_geodata([write_geojson(tmp_path / "g.geojson", features())], store=False)
    assert geo.table.codes == ("GM0001", "GM0002", "GM0003")
    # centroid of a 10 km square at (130000, 450000) is its middle
    assert (geo.table.x[0], geo.table.y[0]) == (135_000.0, 455_000.0)
    assert list(geo.table.dwellings) == [1000.0, 2000.0, 3000.0]
    assert geo.locate(145_000, 455_000) == "GM0002"
    # the small test file has no region columns: one notice says so (links never vanish silently)
    assert [n.code for n in geo.notices] == ["geodata.no_region_links"]


def write_shp_without_prj(path: Path) -> Path:
    gdf().to_file(path)
    path.with_suffix(".prj").unlink()  # what a hand-made shapefile often looks like
    return path


def test_no_crs(tmp_path: Path) -> None:
    path = write_shp_without_prj(tmp_path / "grenzen.shp")
    assert not path.with_suffix(".prj").exists()
    with pytest.raises(InputError) as err:
        import_geodata([path], store=False)
    assert codes_of(err) == ["geodata.no_crs"]
    assert "grenzen.shp" in err.value.texts("nl")[0] and "EPSG:28992" in err.value.texts("en")[0]


def test_unknown_crs(tmp_path: Path) -> None:
    path = tmp_path / "mercator.gpkg"
    gdf().to_crs(3857).to_file(path)
    with pytest.raises(InputError) as err:
        import_geodata([path], store=False)
    assert codes_of(err) == ["geodata.unknown_crs"]
    assert "3857" in err.value.texts("en")[0]


def test_rd_coordinates_declared_as_wgs84(tmp_path: Path) -> None:
    path = write_geojson(tmp_path / "g.geojson", features(), crs=None)  # GeoJSON default: WGS84
    with pytest.raises(InputError) as err:
        import_geodata([path], store=False)
    assert codes_of(err) == ["geodata.crs_mismatch"]


def test_duplicate_codes_and_bad_code_all_reported(tmp_path: Path) -> None:
    feats = features()
    feats[1]["properties"]["gemeentecode"] = "GM0001"
    feats[2]["properties"]["gemeentecode"] = "Utrecht"
    err = import_fails(tmp_path, feats)
    assert sorted(codes_of(err)) == ["geodata.bad_code", "geodata.duplicate_code"]
    texts = " ".join(err.value.texts("en"))
    assert "GM0001" in texts and "rows 1, 2" in texts and "row 3" in texts and "'Utrecht'" in texts


def test_empty_geometry(tmp_path: Path) -> None:
    feats = features()
    feats[2]["geometry"] = None
    err = import_fails(tmp_path, feats)
    assert codes_of(err) == ["geodata.empty_geometry"]
    assert "GM0003" in err.value.texts("nl")[0]


def test_invalid_geometry_repaired_with_notice(tmp_path: Path) -> None:
    feats = features()
    x, y = SQUARES["GM0002"]
    # a bow-tie: self-intersecting ring, invalid; make_valid gives two triangles
    feats[1]["geometry"]["coordinates"] = [
        [[x, y], [x + 10_000, y + 10_000], [x + 10_000, y], [x, y + 10_000], [x, y]]
    ]
    geo = import_geodata([write_geojson(tmp_path / "g.geojson", feats)], store=False)
    assert [n.code for n in geo.notices] == ["geodata.repaired", "geodata.no_region_links"]
    assert "GM0002" in geo.notices[0].text("nl")
    repaired = geo.boundaries.geometry["GM0002"]
    assert repaired.is_valid
    # two triangles of half a square each: total 10 km x 10 km / 2
    assert repaired.area == pytest.approx(50_000_000)


def test_missing_columns(tmp_path: Path) -> None:
    feats = features()
    for f in feats:
        f["properties"] = {"naam": "x", "woningvoorraad": 5}
    err = import_fails(tmp_path, feats)
    assert codes_of(err) == ["geodata.missing_column"]
    assert "gemeentecode" in err.value.texts("en")[0] and "--map" in err.value.texts("en")[0]


def test_missing_dwellings_is_an_error(tmp_path: Path) -> None:
    feats = features()
    for f in feats:
        del f["properties"]["woningvoorraad"]
    err = import_fails(tmp_path, feats)
    assert codes_of(err) == ["geodata.missing_dwellings"]
    assert "GM0001, GM0002, GM0003" in err.value.texts("en")[0]


def test_negative_dwellings(tmp_path: Path) -> None:
    feats = features()
    feats[0]["properties"]["woningvoorraad"] = -5
    err = import_fails(tmp_path, feats)
    assert "geodata.bad_number" in codes_of(err)


def test_column_mapping(tmp_path: Path) -> None:
    feats = features()
    for f in feats:
        p = f["properties"]
        f["properties"] = {"MIJNCODE": p["gemeentecode"], "WON": p["woningvoorraad"]}
    path = write_geojson(tmp_path / "g.geojson", feats)
    geo = import_geodata([path], ColumnMapping.parse(["code=MIJNCODE,dwellings=WON"]), store=False)
    assert list(geo.table.dwellings) == [1000.0, 2000.0, 3000.0]
    with pytest.raises(InputError) as err:
        ColumnMapping.parse(["code"])
    assert codes_of(err) == ["geodata.map_syntax"]
    with pytest.raises(InputError) as err:
        import_geodata([path], ColumnMapping.parse(["code=NOPE"]), store=False)
    assert codes_of(err) == ["geodata.mapped_column"]


def test_not_a_geodata_file(tmp_path: Path) -> None:
    garbage = tmp_path / "grenzen.geojson"
    garbage.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    with pytest.raises(InputError) as err:
        import_geodata([garbage], store=False)
    assert codes_of(err) == ["geodata.unreadable"]
    assert "grenzen.geojson" in err.value.texts("nl")[0]
    text = tmp_path / "notities.txt"
    text.write_text("hallo")
    with pytest.raises(InputError) as err:
        import_geodata([text], store=False)
    assert codes_of(err) == ["geodata.unsupported"]


def test_too_large_file_refused_before_reading(tmp_path: Path) -> None:
    big = tmp_path / "groot.gpkg"
    with big.open("wb") as f:  # sparse: takes no disk space and no time
        f.truncate(readers.MAX_FILE_BYTES + 1)
    with pytest.raises(InputError) as err:
        import_geodata([big], store=False)
    assert codes_of(err) == ["geodata.too_large"]
    assert "1,024 MB" in err.value.texts("en")[0]


def test_zip_bomb_by_ratio(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("grenzen.geojson", "w") as member:
        block = b"\0" * (1024 * 1024)
        for _ in range(20):  # 20 MB of zeros compress ~1000:1
            member.write(block)
    with pytest.raises(InputError) as err:
        import_geodata([bomb], store=False)
    assert codes_of(err) == ["geodata.zip_bomb"]


def test_zip_bomb_by_declared_size(tmp_path: Path) -> None:
    """A small zip whose directory claims ~4 GB uncompressed is refused without extracting."""
    bomb = tmp_path / "claims.zip"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("grenzen.geojson", "{}")
    data = bytearray(bomb.read_bytes())
    central = data.find(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, 0xFFFF_FFF0)  # uncompressed size field
    bomb.write_bytes(bytes(data))
    with pytest.raises(InputError) as err:
        import_geodata([bomb], store=False)
    assert codes_of(err) == ["geodata.zip_bomb"]


def test_corrupt_zip(tmp_path: Path) -> None:
    path = tmp_path / "kapot.zip"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputError) as err:
        import_geodata([path], store=False)
    assert codes_of(err) == ["geodata.unreadable"]


def test_zipped_shapefile_reads(tmp_path: Path) -> None:
    shp = tmp_path / "shp"
    shp.mkdir()
    gdf().to_file(shp / "gemeenten.shp")
    archive = tmp_path / "gemeenten.zip"
    with zipfile.ZipFile(archive, "w", zipfile.ZIP_DEFLATED) as zf:
        for part in shp.iterdir():
            zf.write(part, part.name)
    geo = import_geodata([archive], store=False)
    assert geo.table.codes == ("GM0001", "GM0002", "GM0003")
    assert list(geo.table.inhabitants) == [2000.0, 4000.0, 6000.0]  # AANT_INW
    assert geo.table.name("GM0002") == "Gemeente 2"  # GM_NAAM


def test_too_many_features(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(readers, "MAX_FEATURES", 2)
    with pytest.raises(InputError) as err:
        import_geodata([write_geojson(tmp_path / "g.geojson", features())], store=False)
    assert codes_of(err) == ["geodata.too_many_features"]


def test_csv_with_coordinates_and_statistics(tmp_path: Path) -> None:
    """Centroids from a Dutch CSV (semicolon, decimal comma) plus a statistics CSV joined on the code."""
    points = tmp_path / "middelpunten.csv"
    points.write_text(
        "code;naam;x;y\nGM0001;Een;135000,5;455000\nGM0002;Twee;145000;455000\n", encoding="utf-8"
    )
    stats = tmp_path / "kerncijfers_2023.csv"
    stats.write_text(
        "statcode,woningvoorraad,aantal_inwoners\n2024GM0001,1.5,3\nGM0002,200,\n", encoding="utf-8"
    )
    geo = import_geodata([points, stats], store=False)
    assert geo.table.x[0] == 135_000.5
    assert list(geo.table.dwellings) == [1.5, 200.0]
    assert not geo.has_polygons and geo.locate(135_000, 455_000) is None
    from ber.reference.data import load_reference

    assert geo.context(load_reference()).locate is None  # host = nearest centroid
    # inhabitants unknown for GM0002: a notice, shown as unknown (NaN), never zero
    codes = [n.code for n in geo.notices]
    assert codes == ["geodata.no_region_links", "geodata.missing_stat", "geodata.missing_stat"]
    assert "GM0002" in geo.notices[1].text("nl")  # inhabitants


def test_several_problems_in_one_error(tmp_path: Path) -> None:
    a = write_geojson(tmp_path / "a.geojson", features())
    b = write_geojson(tmp_path / "b.geojson", features())
    with pytest.raises(InputError) as err:
        import_geodata([a, b, tmp_path / "weg.gpkg"], store=False)
    assert sorted(codes_of(err)) == ["file.missing", "geodata.several_boundaries"]


def test_cli_exit_2_with_readable_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_shp_without_prj(tmp_path / "grenzen.shp")
    assert main(["--lang", "nl", "geodata", "import", str(path)]) == 2
    err = capsys.readouterr().err
    assert "coördinatenstelsel ontbreekt" in err and "Traceback" not in err
    assert main(["geodata", "import", str(tmp_path), "--map", "nonsense"]) == 2


def test_folder_skips_other_json_files(tmp_path: Path) -> None:
    write_geojson(tmp_path / "gemeenten.geojson", features())
    (tmp_path / "instellingen.json").write_text('{"not": "geojson"}', encoding="utf-8")
    (tmp_path / "LEESMIJ.md").write_text("tekst", encoding="utf-8")
    geo = import_geodata([tmp_path], store=False)
    assert len(geo.table) == 3
    assert [n.code for n in geo.notices] == ["geodata.unreadable", "geodata.no_region_links"]
    assert "instellingen.json" in geo.notices[0].text("nl")


def test_cbs_water_rows_left_out(tmp_path: Path) -> None:
    """CBS wijken-en-buurten: a gemeente with a water row (water = JA) and its land row."""
    feats = features()
    for f in feats:
        f["properties"]["water"] = "NEE"
    water = json.loads(json.dumps(feats[0]))
    water["properties"]["water"] = "JA"
    water["geometry"]["coordinates"] = square(130_000, 440_000)
    geo = import_geodata([write_geojson(tmp_path / "wijkenbuurten.geojson", [*feats, water])], store=False)
    assert geo.table.codes == ("GM0001", "GM0002", "GM0003")
    assert geo.table.y[0] == 455_000.0  # the land square, not the water square below it
    assert [n.code for n in geo.notices] == ["geodata.water_dropped", "geodata.no_region_links"]
