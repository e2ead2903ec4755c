"""Candidate sites from files: points, polygons (centroid), CSV in RD or WGS84, names, bad files."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ber.engine.geometry import from_rd, to_rd
from ber.geodata import read_sites, site_from_coordinates
from ber.texts.messages import InputError


def write_fc(path: Path, feats: list[dict[str, Any]], crs: str | None = None) -> Path:
    doc: dict[str, Any] = {"type": "FeatureCollection", "features": feats}
    if crs:
        doc["crs"] = {"type": "name", "properties": {"name": crs}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def feature(geom: dict[str, Any], **props: Any) -> dict[str, Any]:
    return {"type": "Feature", "properties": props, "geometry": geom}


def test_points_in_wgs84_become_rd(tmp_path: Path) -> None:
    lon, lat = 6.5683, 53.2194
    path = write_fc(
        tmp_path / "kavels.geojson",
        [
            feature({"type": "Point", "coordinates": [lon, lat]}, naam="Zernike"),
            feature({"type": "Point", "coordinates": [5.0, 52.0]}),
        ],
    )
    sites = read_sites(path)
    assert [s.name for s in sites] == ["Zernike", "Locatie 2"]
    assert all(s.crs == "EPSG:28992" for s in sites)
    x, y = to_rd(lon, lat, "EPSG:4326")
    assert (sites[0].x, sites[0].y) == pytest.approx((x, y), abs=0.01)
    assert read_sites(path, "en")[1].name == "Site 2"


def test_polygon_counts_by_its_rd_centroid(tmp_path: Path) -> None:
    # a 1 km square in RD New, written in WGS84 lon/lat: the site is the centroid of the RD square
    corners_rd = [(150_000, 450_000), (151_000, 450_000), (151_000, 451_000), (150_000, 451_000)]
    ring = [list(from_rd(x, y)) for x, y in corners_rd]
    ring.append(ring[0])
    path = write_fc(
        tmp_path / "kavel.geojson", [feature({"type": "Polygon", "coordinates": [ring]}, name="Kavel A")]
    )
    (site,) = read_sites(path)
    assert site.name == "Kavel A"
    # the RD image of the square is not exactly square, but its centroid is within a metre of the middle
    assert site.x == pytest.approx(150_500, abs=1.0)
    assert site.y == pytest.approx(450_500, abs=1.0)


def test_csv_rd_and_lonlat(tmp_path: Path) -> None:
    rd = tmp_path / "kavels_rd.csv"
    rd.write_text("naam;x;y\nNoord;233000;582000\nZuid;176000,5;317000\n", encoding="utf-8")
    sites = read_sites(rd)
    assert [(s.name, s.x, s.y) for s in sites] == [
        ("Noord", 233000.0, 582000.0),
        ("Zuid", 176000.5, 317000.0),
    ]
    ll = tmp_path / "kavels_wgs84.csv"
    ll.write_text("name,lat,lon\nGroningen,53.2194,6.5683\n", encoding="utf-8")
    (site,) = read_sites(ll)
    x, y = to_rd(6.5683, 53.2194, "EPSG:4326")
    assert (site.x, site.y) == pytest.approx((x, y), abs=0.01)


def test_site_by_coordinates() -> None:
    site = site_from_coordinates("Handmatig", 6.5683, 53.2194, "EPSG:4326")
    assert (site.crs, site.x) == ("EPSG:4326", 6.5683)


def test_bad_site_files(tmp_path: Path) -> None:
    line = write_fc(
        tmp_path / "lijn.geojson", [feature({"type": "LineString", "coordinates": [[5, 52], [5.1, 52.1]]})]
    )
    with pytest.raises(InputError) as err:
        read_sites(line)
    assert err.value.problems[0].code == "sites.geometry"
    assert "LineString" in err.value.texts("en")[0]
    empty = write_fc(tmp_path / "leeg.geojson", [])
    with pytest.raises(InputError) as err:
        read_sites(empty)
    assert err.value.problems[0].code == "sites.file_empty"
    nocoords = tmp_path / "kavels.csv"
    nocoords.write_text("naam\nA\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_sites(nocoords)
    assert err.value.problems[0].code == "geodata.missing_column"
    garbage = tmp_path / "kavels.gpkg"
    garbage.write_bytes(b"SQLite format 3\x00" + b"\xff" * 500)
    with pytest.raises(InputError) as err:
        read_sites(garbage)
    assert err.value.problems[0].code == "geodata.unreadable"
