"""The grid operators' capacity map (``im-capaciteitskaart`` JSON): strict reading, finding a
site by postcode, and ``ber grid import`` (exit 2 and nothing saved on a bad file)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.demo import demo_case_dict
from ber.case.model import load_case
from ber.cli.app import main
from ber.io.capacity_map import locate, read_capacity_map
from ber.texts.messages import InputError

SMALL = Path(__file__).parents[1] / "data" / "capaciteitskaart_small.json"


def test_reads_the_published_format() -> None:
    cmap = read_capacity_map(SMALL)
    assert (cmap.identifier, cmap.issued, len(cmap.areas)) == ("ber_test_capaciteitskaart", "2025-10-01", 2)
    fig = locate(cmap, "5928RB")
    assert fig is not None
    assert (fig.area, fig.match, fig.available_mw, fig.colour) == (
        "OS FICTIEF VENLO",
        "postcode",
        12.5,
        "amber",
    )
    assert (fig.requests_in_queue, fig.queue_mw, fig.reference_date) == (7, 40.0, "2025-10-01")
    near = locate(cmap, "5804ZZ")  # not on the map; its four digits are
    assert near is not None and (near.area, near.match, near.colour) == ("OS FICTIEF VENRAY", "pc4", "yellow")
    assert locate(cmap, "1011AA") is None and locate(cmap, "") is None


@pytest.mark.parametrize(
    ("content", "field"),
    [
        (b'{"type": "FeatureCollection", "crs": {"type": "name"}, "features": []}', "crs"),
        (b"SQLite format 3\x00rest", "energy_areas"),
        (b"postcode;colour\n5928RA;red\n", "energy_areas"),
        (
            b'{"conforms_to": "http://example.org/other", "creator": "x", "identifier": "y",'
            b' "issued": "2025-01-01", "energy_areas": [{"short_code": "A"}]}',
            "conforms_to",
        ),
    ],
)
def test_other_formats_refused(tmp_path: Path, content: bytes, field: str) -> None:
    path = tmp_path / "map.json"
    path.write_bytes(content)
    with pytest.raises(InputError) as err:
        read_capacity_map(path)
    assert field in err.value.texts("en")[0]


def test_every_bad_field_named(tmp_path: Path) -> None:
    doc = json.loads(SMALL.read_text("utf-8"))
    doc["issued"] = "1 Oct 2025"
    doc["energy_areas"][0]["demand_available_capacity"] = -1
    doc["energy_areas"][1]["postcode_areas"][0]["demand_constraint"] = "green"
    path = tmp_path / "map.json"
    path.write_text(json.dumps(doc), "utf-8")
    with pytest.raises(InputError) as err:
        read_capacity_map(path)
    fields = [p.field for p in err.value.problems]
    assert fields == [
        "issued",
        "energy_areas[0].demand_available_capacity",
        "energy_areas[1].postcode_areas[0].demand_constraint",
    ]


def _case_file(tmp_path: Path) -> Path:
    doc = demo_case_dict()
    doc["sites"][0]["postcode"] = "5928RA"
    path = tmp_path / "case.ber"
    path.write_text(json.dumps(doc), "utf-8")
    return path


def test_cli_import_apply(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _case_file(tmp_path)
    assert main(["--lang", "en", "grid", "import", str(path), str(SMALL)]) == 0
    assert load_case(path).sites[0].grid is None  # without --apply nothing is saved
    assert main(["--lang", "en", "grid", "import", str(path), str(SMALL), "--apply"]) == 0
    out = capsys.readouterr().out
    assert "OS FICTIEF VENLO" in out and "12.5 MW" in out
    grid = load_case(path).sites[0].grid
    assert grid is not None and (grid.available_mw, grid.colour) == (12.5, "red")


def test_cli_bad_map_exit_2_nothing_saved(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _case_file(tmp_path)
    before = path.read_bytes()
    bad = tmp_path / "map.geojson"
    bad.write_text('{"type": "FeatureCollection", "features": []}', "utf-8")
    assert main(["--lang", "nl", "grid", "import", str(path), str(bad), "--apply"]) == 2
    assert "type" in capsys.readouterr().err
    assert path.read_bytes() == before
