"""The CLI says the same as the engine about unknown, zero and coverage (issue 11 item 1).

Cases built from tests/golden/cases/thresholds.ber (100 jobs, migrant share 1, site on
Venlo's centroid); numbers computed by hand in the comments.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ber.cli import main
from ber.io.paths import REPO_ROOT

THRESHOLDS = REPO_ROOT / "tests" / "golden" / "cases" / "thresholds.ber"
VENLO, VENRAY = "GM0983", "GM0984"


@pytest.fixture(autouse=True)
def _plain_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("BER_LANG", "BER_REFERENCE_DIR", "SOURCE_DATE_EPOCH"):
        monkeypatch.delenv(name, raising=False)


def write(tmp_path: Path, doc: dict[str, Any]) -> Path:
    path = tmp_path / "case.ber"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def assess_out(capsys: pytest.CaptureFixture[str], path: Path, lang: str) -> str:
    assert main(["--lang", lang, "assess", str(path)]) == 0
    return capsys.readouterr().out


def test_tilburg_like_headline_says_unknown_and_coverage(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """100 settlers (eu_long), 32% in Venlo (dwelling capacity 100,000: pressure ~0) and
    68% in Venray (unknown): coverage 32 / 100 = 32% < 50%, so dwellings are "onbekend",
    and the summary never says that nothing is exceeded."""
    doc = json.loads(THRESHOLDS.read_text("utf-8"))
    doc["workforce"]["category_shares"] = {"eu_long": 1.0}
    doc["workforce"]["residence"] = {"method": "manual", "shares": {VENLO: 0.32, VENRAY: 0.68}}
    doc["region"] = {"municipalities": [VENLO, VENRAY]}
    doc["capacity"] = {VENLO: {"housing_dwellings": 100_000, "housing_flex": 100_000}}
    out = assess_out(capsys, write(tmp_path, doc), "nl")
    assert "nergens een overschrijding" not in out
    assert "Geen oordeel (te weinig vrije capaciteit bekend): " in out
    line = next(x for x in out.splitlines() if x.strip().startswith("Huisvesting: woningen"))
    assert "ONBEKEND" in line and "dekking 32%" in line and "Venray" in line
    out = assess_out(capsys, write(tmp_path, doc), "en")
    line = next(x for x in out.splitlines() if x.strip().startswith("Housing: dwellings"))
    assert "UNKNOWN" in line and "coverage 32%" in line


def test_goirle_like_zero_capacity_reads_no_spare_capacity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """100 eu_mid workers in Venlo, flex capacity 0: red, "geen vrije capaciteit" (never
    "onbekend"), in the summary and in `ber compare`'s max-pressure column."""
    doc = json.loads(THRESHOLDS.read_text("utf-8"))
    doc["capacity"][VENLO]["housing_flex"] = 0
    path = write(tmp_path, doc)
    out = assess_out(capsys, path, "nl")
    line = next(x for x in out.splitlines() if x.strip().startswith("Huisvesting: flexbedden"))
    assert "ROOD" in line and "geen vrije capaciteit" in line and "onbekend" not in line.lower()
    assert "Oordeel: de vraag overschrijdt de vrije capaciteit bij: huisvesting: flexbedden" in out
    sites = tmp_path / "sites.csv"
    sites.write_text("naam;x;y\nA;208728;378261\nB;208700;378200\n", encoding="utf-8")
    assert main(["--lang", "nl", "compare", str(path), "--sites", str(sites)]) == 0
    table = capsys.readouterr().out
    assert table.count("geen vrije capaciteit") == 2


def test_coverage_override_out_of_range_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads(THRESHOLDS.read_text("utf-8"))
    doc["overrides"] = {"verdict.min_coverage": {"value": 2, "justification": "test"}}
    path = write(tmp_path, doc)
    assert main(["--lang", "en", "assess", str(path)]) == 2
    err = capsys.readouterr().err
    assert "overrides.verdict.min_coverage.value" in err and "0 to 1" in err


def test_demo_names_missing_input_apart_from_unknown_capacity(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The demo gives no plot area (space: no demand, nothing to judge) and no grid capacity
    (energy: 4.3 MW on an unknown capacity): two different reasons, two lines."""
    from ber.case.demo import demo_case_dict

    out = assess_out(capsys, write(tmp_path, demo_case_dict()), "nl")
    assert "Geen oordeel (te weinig vrije capaciteit bekend): energie: netcapaciteit bij de locatie." in out
    assert "Geen oordeel (geen invoer, geen vraag berekend): ruimte: kavel op de locatie." in out
    out = assess_out(capsys, write(tmp_path, demo_case_dict()), "en")
    assert "No verdict (no input, no demand computed): space: plot at the site." in out
