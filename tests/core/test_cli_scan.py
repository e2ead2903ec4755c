"""``ber scan`` (issue 18, item 6): areas, a file of sites, outputs, bad input (exit 2)."""

from __future__ import annotations

import csv
import io
import json
import os
import sqlite3
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main
from ber.reference.national import load_national


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.ber"
    save_case(demo_case("en"), path)
    return path


def _points(path: Path, crs: str = "urn:ogc:def:crs:EPSG::28992") -> Path:
    features = [
        {"type": "Feature", "properties": {"naam": n}, "geometry": {"type": "Point", "coordinates": xy}}
        for n, xy in (("Trade Port", [205021, 379119]), ("De Blakt", [195591, 392107]))
    ]
    doc = {
        "type": "FeatureCollection",
        "crs": {"type": "name", "properties": {"name": crs}},
        "features": features,
    }
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_whole_country_json_csv_gpkg(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, table, gpkg = tmp_path / "s.json", tmp_path / "s.csv", tmp_path / "s.gpkg"
    code = main(["--lang", "en", "scan", str(demo_file), "--within", "nl", "--json", str(out),
                 "--csv", str(table), "--gpkg", str(gpkg), "--top", "3"])  # fmt: skip
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["schema"] == "ber-scan/1" and doc["host_point"] == "centroid"
    assert doc["area"] == {"kind": "nl", "code": "NL", "name": "NL"}
    hosts = doc["hosts"]
    assert len(hosts) == 342 and [h["rank"] for h in hosts] == list(range(1, 343))
    assert len({h["host_municipality"] for h in hosts}) == 342
    rows = list(csv.reader(io.StringIO(table.read_text(encoding="utf-8-sig")), delimiter=","))
    assert len(rows) == 343 and rows[0][0] == "rank"
    assert [r[2] for r in rows[1:]] == [h["host_municipality"] for h in hosts]
    with sqlite3.connect(gpkg) as con:
        assert con.execute("SELECT count(*) FROM scan").fetchone() == (342,)
        first = con.execute("SELECT host_municipality FROM scan WHERE rank = 1").fetchone()
    assert first == (hosts[0]["host_municipality"],)
    printed = capsys.readouterr().out
    assert "339 more rows" in printed and "no advice" in printed


@pytest.mark.parametrize(("area", "kind", "code"), [("PV31", "provincie", "PV31"), ("Limburg", "provincie", "PV31"),
                                                    ("am29", "arbeidsmarktregio", "AM29"), ("CR37", "corop", "CR37")])  # fmt: skip
def test_areas_by_code_and_name(demo_file: Path, area: str, kind: str, code: str) -> None:
    out = demo_file.parent / "s.json"
    assert main(["scan", str(demo_file), "--within", area, "--json", str(out), "--quiet"]) == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    members = load_national().regions(kind)[code][1]
    assert doc["area"]["code"] == code
    assert sorted(h["host_municipality"] for h in doc["hosts"]) == sorted(members)


def test_sites_file(demo_file: Path, tmp_path: Path) -> None:
    out, gpkg = tmp_path / "s.json", tmp_path / "s.gpkg"
    sites = _points(tmp_path / "parks.geojson")
    argv = ["scan", str(demo_file), "--sites", str(sites), "--json", str(out), "--gpkg", str(gpkg), "--quiet"]
    assert main(argv) == 0
    with sqlite3.connect(gpkg) as con:  # the file's points, not municipality polygons
        assert con.execute("SELECT count(*), min(rank), max(rank) FROM sites").fetchone() == (2, 1, 2)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["hosts_from"] == "sites"
    assert {(h["name"], h["host_municipality"]) for h in doc["hosts"]} == {
        ("Trade Port", "GM0983"),
        ("De Blakt", "GM0984"),
    }


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--within", "XX12"], ["--within", "XX12", "PV20", "AM01", "CR01"]),
        (["--within", "Groningen"], ["--within", "PV20", "AM01"]),
        (["--within", "NL", "--top", "-1"], ["--top", "-1", "0", "100,000"]),
        (["--within", "NL", "--gpkg", "-"], ["--gpkg"]),
    ],
)
def test_bad_options_exit_2(
    demo_file: Path, args: list[str], words: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "en", "scan", str(demo_file), *args]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    for word in words:
        assert word in err


def test_sites_file_in_unknown_crs_or_without_points(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = _points(tmp_path / "odd.geojson", "urn:ogc:def:crs:EPSG::3857")
    assert main(["--lang", "en", "scan", str(demo_file), "--sites", str(odd)]) == 2
    err = capsys.readouterr().err
    assert "unknown coordinate reference system" in err and "EPSG:28992" in err and "odd.geojson" in err
    table = tmp_path / "parks.csv"
    table.write_text("naam,a,b\nPark,1,2\n", encoding="utf-8")
    assert main(["--lang", "nl", "scan", str(demo_file), "--sites", str(table)]) == 2
    err = capsys.readouterr().err
    assert "parks.csv" in err and "x/y" in err and "Traceback" not in err


def test_refuses_symlink_and_fifo_outputs(
    demo_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "elsewhere.json"
    target.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.json"
    link.symlink_to(target)
    fifo = tmp_path / "pipe.csv"
    os.mkfifo(fifo)
    code = main(
        ["--lang", "en", "scan", str(demo_file), "--within", "PV31", "--json", str(link), "--csv", str(fifo)]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "link.json" in err and "pipe.csv" in err and "symbolic link" in err
    assert target.read_text(encoding="utf-8") == "keep"


def test_invalid_case_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = demo_case("en").model_dump(by_alias=True, mode="json")
    case["business"]["jobs"] = -5
    path = tmp_path / "bad.ber"
    path.write_text(json.dumps(case), encoding="utf-8")
    assert main(["--lang", "en", "scan", str(path), "--within", "NL"]) == 2
    err = capsys.readouterr().err
    assert "business.jobs" in err and "Traceback" not in err
