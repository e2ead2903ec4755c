"""Bad input of issue 17: the monthly workforce profile (``business.monthly_profile``).

A negative month, every month 0, a non-finite value or not 12 values: each a clear
message naming the field and the allowed range in Dutch and English, exit code 2 on
the command line, nothing computed.
"""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from ber.case.model import parse_case
from ber.case.validate import validate_case
from ber.cli import main
from ber.reference.data import load_reference
from tests.core.test_validation import doc_with, expect, problems_of

FIELD = "business.monthly_profile"
FLAT = [1.0] * 12


def test_a_valid_profile_passes() -> None:
    assert problems_of(doc_with(FIELD, [100.0] * 10 + [200.0, 200.0])) == []
    assert problems_of(doc_with(FIELD, [0.0] * 11 + [5.0])) == []  # one month with staff is enough


def test_negative_month() -> None:
    doc = doc_with(FIELD, [1.0] * 5 + [-0.5] + [1.0] * 6)
    expect(doc, f"{FIELD}[5]", "-0.5", code="field.non_negative")


def test_every_month_zero() -> None:
    p = expect(doc_with(FIELD, [0.0] * 12), FIELD, "0", "1,000,000", code="profile.all_zero")
    assert "0 tot en met 1.000.000" in p.text("nl") and "0 to 1,000,000" in p.text("en")


@pytest.mark.parametrize("values", [[1.0] * 11, [1.0] * 13, []])
def test_not_twelve_values(values: list[float]) -> None:
    p = expect(doc_with(FIELD, values), FIELD, str(len(values)), "12", code="profile.months")
    assert "1.000.000" in p.text("nl") and "1,000,000" in p.text("en")


def test_absurd_month() -> None:
    expect(doc_with(FIELD, [1.0] * 11 + [5e6]), f"{FIELD}[11]", "5,000,000", "1,000,000", code="field.range")


@pytest.mark.parametrize("value", [math.nan, math.inf, -math.inf])
def test_non_finite_month_in_a_file(value: float) -> None:
    """JSON with NaN or Infinity (Python writes them) is refused when read, naming the month."""
    doc = doc_with(FIELD, [1.0] * 3 + [value] + [1.0] * 8)
    found = [p for p in problems_of(doc) if p.field == f"{FIELD}[3]"]
    assert found and all(
        p.text(lang) != "" and "Traceback" not in p.text(lang) for p in found for lang in ("nl", "en")
    )


def test_non_finite_month_built_in_the_application() -> None:
    """A case built in code (as the GUI does) with NaN in a month: the range message."""
    case = parse_case(doc_with(FIELD, FLAT))
    case.business.monthly_profile = [1.0] * 3 + [math.nan] + [1.0] * 8
    ref = load_reference()
    problems = [p for p in validate_case(case, ref, ref.municipalities) if p.field == f"{FIELD}[3]"]
    assert [p.code for p in problems] == ["field.range"]
    assert "0 tot en met 1.000.000" in problems[0].text("nl")


def test_strings_are_not_months() -> None:
    expect(doc_with(FIELD, ["1"] * 12), f"{FIELD}[0]", code="field.type")


def test_cli_exit_code_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.ber"
    path.write_text(json.dumps(doc_with(FIELD, [-1.0] * 12)), "utf-8")
    for lang, fragment in (("nl", "mag niet negatief zijn"), ("en", "must not be negative")):
        code = main(["--lang", lang, "assess", str(path), "--out", str(tmp_path / "r.json")])
        err = capsys.readouterr().err
        assert code == 2
        assert f"{FIELD}[0]" in err and fragment in err and "Traceback" not in err
    assert not (tmp_path / "r.json").exists()


def test_peak_factor_override_out_of_range() -> None:
    """The sector default's peak may be overridden, between 1 and 12 times the average."""
    doc = doc_with("overrides", {"season.peak_factor": {"value": 20.0, "justification": "test"}})
    expect(doc, "overrides.season.peak_factor.value", "20", "1", "12", code="override.plausible")
    ok = doc_with("overrides", {"season.peak_factor": {"value": 1.5, "justification": "bol.com-achtig"}})
    assert problems_of(ok) == []
