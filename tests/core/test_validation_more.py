"""Bad input, continued: file-level problems, thresholds, absurd counts, sites far from
the built-in region, shares of the residence model and the shift default (same helpers as
``test_validation``)."""

from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from ber.case.model import load_case
from ber.engine.assess import Context, assess
from ber.texts.messages import InputError, Problem
from tests.core.test_validation import BASE, doc_with, expect


def test_file_problems(tmp_path: Path) -> None:
    cases = {
        "missing.ber": (None, "file.missing"),
        "broken.ber": (b'{"schema": "ber-case/1", ', "file.not_json"),
        "binary.ber": (b"\xff\xfe\x00garbage", "file.not_json"),
        "list.ber": (b"[1, 2]", "file.not_a_case"),
        "other.ber": (b'{"type": "FeatureCollection"}', "file.not_a_case"),
        "newer.ber": (json.dumps({**BASE, "schema": "ber-case/3"}).encode(), "file.newer_schema"),
    }
    for name, (data, code) in cases.items():
        path = tmp_path / name
        if data is not None:
            path.write_bytes(data)
        with pytest.raises(InputError) as err:
            load_case(path)
        (problem,) = err.value.problems
        assert problem.code == code, name
        for lang in ("nl", "en"):
            assert name in problem.text(lang)  # names the file
    newer = InputError(
        [
            Problem(
                "file.newer_schema", params={"path": "x", "schema": "ber-case/2", "supported": "ber-case/1"}
            )
        ]
    )
    assert "ber-case/2" in newer.texts("nl")[0] and "ber-case/1" in newer.texts("en")[0]


def test_override_amber_threshold_above_red() -> None:
    doc = copy.deepcopy(BASE)
    doc["overrides"]["status.amber_threshold"] = {"value": 1.2, "justification": "test"}
    expect(doc, "overrides.status.amber_threshold", "1.2", "1", code="override.thresholds")


@pytest.mark.parametrize(
    ("path", "field", "value", "high"),
    [
        ("business.jobs", "business.jobs", 2e6, "1,000,000"),
        ("business.floor_area_m2", "business.floor_area_m2", 2e8, "100,000,000"),
        ("workforce.employer_beds.0.beds", "workforce.employer_beds[0].beds", 5e6, "1,000,000"),
    ],
)
def test_absurdly_large_counts(path: str, field: str, value: float, high: str) -> None:
    expect(doc_with(path, value), field, high, code="field.range")


def test_site_far_from_the_built_in_region_is_refused() -> None:
    # With only the seven-row demo table (Context.demo_region, no boundaries) the host is the nearest centroid; a site in Groningen
    # (233000, 582000) is about 173 km from Gennep, the nearest built-in centroid, far
    # beyond the 40 km gravity cut-off, so it must be refused rather than placed in Gennep.
    from ber.case.demo import demo_case_dict
    from ber.case.model import Case

    doc = demo_case_dict()
    doc["sites"][1]["x"], doc["sites"][1]["y"] = 233000, 582000  # type: ignore[index]
    with pytest.raises(InputError) as err:
        assess(Case.model_validate(doc), Context.demo_region())
    nl, en = err.value.texts("nl"), err.value.texts("en")
    assert len(nl) == 1 and nl[0].startswith("sites[1]:")
    assert "173 km" in nl[0] and "40 km" in nl[0] and "ber geodata import" in nl[0]
    assert "173 km" in en[0] and "at most 40 km" in en[0]


@pytest.mark.parametrize("key", ["gravity.host_share_min_flex", "gravity.host_share_min_settling"])
def test_override_of_a_minimum_host_share_within_0_1(key: str) -> None:
    doc = copy.deepcopy(BASE)
    doc["overrides"][key] = {"value": 1.2, "justification": "test"}
    expect(doc, f"overrides.{key}.value", "1.2", "0", "1", code="field.range")


def test_shift_default_is_set_in_the_case_not_overridden() -> None:
    """business.shifts_per_day is the default of a case field: an override would do nothing."""
    doc = copy.deepcopy(BASE)
    doc["overrides"]["business.shifts_per_day"] = {"value": 3, "justification": "test"}
    p = expect(doc, "overrides.business.shifts_per_day", code="override.case_input")
    assert "business.shifts_per_day" in p.text("nl").split(":", 1)[1]
