"""``ber assess --region``: labour-market region, COROP region, province or cut-off distance."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main
from ber.reference.national import load_national

NOORD_LIMBURG = ["GM0889", "GM0893", "GM0907", "GM0983", "GM0984", "GM1507", "GM1894"]


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.ber"
    save_case(demo_case(), path)
    return path


def _region(tmp_path: Path, case_file: Path, choice: str) -> dict[str, object]:
    out = tmp_path / "r.json"
    assert main(["assess", str(case_file), "--region", choice, "--out", str(out), "--quiet"]) == 0
    doc: dict[str, object] = json.loads(out.read_text(encoding="utf-8"))
    return doc


def test_region_kinds(tmp_path: Path, case_file: Path) -> None:
    # COROP region Noord-Limburg (CR37) = the seven of labour-market region AM29 plus Mook en
    # Middelaar (GM0944), which belongs to labour-market region Rijk van Nijmegen (raw CSV)
    corop = _region(tmp_path, case_file, "corop:CR37")
    assert corop["region"]["municipalities"] == sorted([*NOORD_LIMBURG, "GM0944"])  # type: ignore[index]
    assert corop["region"]["label"] == "COROP-gebied Noord-Limburg"  # type: ignore[index]
    am = _region(tmp_path, case_file, "arbeidsmarktregio:am29")  # codes case-insensitive
    assert am["region"]["municipalities"] == NOORD_LIMBURG  # type: ignore[index]
    assert am["region"]["label"] == "Arbeidsmarktregio Noord-Limburg"  # type: ignore[index]
    assert am["geodata"]["builtin"] is True  # type: ignore[index]
    # the province of Limburg: its 31 municipalities (README of the raw data)
    prov = _region(tmp_path, case_file, "provincie:PV31")
    assert len(prov["region"]["municipalities"]) == 31  # type: ignore[index, arg-type]
    # the reference cut-off (40 km) of the chosen site: the default method
    cutoff = _region(tmp_path, case_file, "cutoff")
    assert cutoff["region"]["method"] == "cutoff"  # type: ignore[index]
    # 20 km: every centroid within 20 km of the Venlo site (205021, 379119), computed here by hand
    table = load_national().table
    expected = [
        c
        for c, x, y in zip(table.codes, table.x, table.y, strict=True)
        if ((x - 205021) ** 2 + (y - 379119) ** 2) ** 0.5 <= 20_000
    ]
    near = _region(tmp_path, case_file, "cutoff:20")
    assert near["region"]["municipalities"] == expected  # type: ignore[index]
    assert "GM0983" in expected and "GM0907" not in expected  # Gennep lies ~40 km north


@pytest.mark.parametrize(
    ("choice", "needle"),
    [
        ("corop:CR99", "CR99"),
        ("gemeente:GM0983", "gemeente:GM0983"),
        ("cutoff:500", "1 tot en met 200"),
        ("cutoff:veel", "cutoff:veel"),
        ("arbeidsmarktregio", "arbeidsmarktregio:CODE"),
    ],
)
def test_bad_region_choice_exit_2(
    case_file: Path, capsys: pytest.CaptureFixture[str], choice: str, needle: str
) -> None:
    assert main(["--lang", "nl", "assess", str(case_file), "--region", choice, "--quiet"]) == 2
    err = capsys.readouterr().err
    assert needle in err and "Traceback" not in err
