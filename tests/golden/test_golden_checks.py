"""Hand-computed tests of the checks beside the pressure (issue 11 items 3 and 5):
the age of each capacity figure and the municipal policy rules.

Base case ``thresholds.ber``: 100 jobs, every job a labour migrant of category
``eu_mid`` (no family), all living in Venlo (manual share 1.0): Venlo gets 100 migrant
workers and 100 new residents, and 100 flex beds of demand (no employer beds).
Inhabitants of Venlo in the demo table (CBS): 103,789.
"""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

import pytest

from ber.case.model import Case, parse_case
from ber.engine.assess import Context, assess
from ber.engine.checks import figure_note
from ber.engine.result import Assessment

CASES = Path(__file__).parent / "cases"
VENLO, VENRAY = "GM0983", "GM0984"
VENLO_INHABITANTS = 103_789


def rel(x: float) -> Any:
    return pytest.approx(x, rel=1e-9, abs=1e-12)


def load(**changes: Any) -> Case:
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    doc.update(changes)
    return parse_case(doc, "thresholds.ber")


def run(case: Case) -> Assessment:
    return assess(case, Context.demo_region())


def rule(value: float) -> dict[str, Any]:
    return {"value": value, "source": "Beleidsregel huisvesting arbeidsmigranten (test)"}


def checks(result: Assessment, key: str) -> list[Any]:
    return [c for c in result.policy_checks if c.rule == key]


# --- the share of labour migrants in the population ---------------------------------


def test_migrant_share_counts_the_existing_migrants() -> None:
    """(50 already living there + 100 new) / (103,789 + 100 new residents) = 150 / 103,889
    = 0.0014438: above a cap of 0.001 (exceeded), below 0.002 (ok)."""
    for cap, status in ((0.001, "exceeded"), (0.002, "ok")):
        case = load(
            policy={VENLO: {"max_migrant_share": rule(cap)}},
            existing_migrants={VENLO: {"value": 50, "source": "BRP-telling (test)"}},
        )
        r = run(case)
        assert r.municipality(VENLO).workers == rel(100.0)
        assert r.municipality(VENLO).residents == rel(100.0)
        (c,) = checks(r, "max_migrant_share")
        assert c.value == rel(150 / (VENLO_INHABITANTS + 100))
        assert (c.status, c.limit, c.detail) == (status, cap, "")
        assert c.source.startswith("Beleidsregel")


def test_migrant_share_without_existing_is_never_ok() -> None:
    """Without the existing number: 100 / 103,889 = 0.00096256. Below a cap of 0.002 the
    rule cannot be said to hold (unknown); above a cap of 0.0005 it is broken anyway."""
    for cap, status in ((0.002, "unknown"), (0.0005, "exceeded")):
        r = run(load(policy={VENLO: {"max_migrant_share": rule(cap)}}))
        (c,) = checks(r, "max_migrant_share")
        assert c.value == rel(100 / (VENLO_INHABITANTS + 100))
        assert (c.status, c.detail) == (status, "existing_unknown")


# --- housing locations: beds and floor area ------------------------------------------


def test_beds_and_floor_area_per_location() -> None:
    """Employer locations in Venlo: 60 beds on 600 m² and 30 beds (floor area not given).
    The 90 employer beds are filled first by the eu_mid workers: flex demand 100 - 90 = 10.

    Cap of 50 beds per location: 60 > 50 exceeded, 30 ok; the 10 flex beds need
    ceil(10 / 50) = 1 location. Minimum 12 m² per person: 600 / 60 = 10 < 12 exceeded,
    the second location unknown; the 10 flex beds need 10 x 12 = 120 m².
    """
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    doc["workforce"]["employer_beds"] = [
        {"municipality": VENLO, "beds": 60, "floor_area_m2": 600},
        {"municipality": VENLO, "beds": 30},
    ]
    doc["policy"] = {VENLO: {"max_beds_per_location": rule(50), "min_floor_area_per_person_m2": rule(12)}}
    r = run(parse_case(doc, "beds.ber"))
    assert r.municipality(VENLO).domains["housing_flex"].demand == rel(10.0)
    beds = checks(r, "max_beds_per_location")
    assert [(c.location, c.value, c.status, c.detail) for c in beds] == [
        (0, 60.0, "exceeded", ""),
        (1, 30.0, "ok", ""),
        (None, rel(10.0), "ok", "locations_needed"),
    ]
    assert beds[2].needed == 1.0
    area = checks(r, "min_floor_area_per_person_m2")
    assert [(c.location, c.status, c.detail) for c in area] == [
        (0, "exceeded", ""),
        (1, "unknown", "floor_area_unknown"),
        (None, "ok", "floor_area_needed"),
    ]
    assert area[0].value == rel(10.0)
    assert area[1].value is None
    assert area[2].needed == rel(120.0)


# --- the minimum share housed in the host municipality --------------------------------


def test_min_host_share() -> None:
    """Manual shares Venlo 0.54, Venray 0.36, cross-border 0.10: the host (Venlo) houses
    54 of the 100 migrant workers = 0.54 (cross-border commuters live elsewhere).
    A minimum of 0.5 holds, 0.6 does not. Venray's own rule is not checked: it is not the host."""
    for minimum, status in ((0.5, "ok"), (0.6, "exceeded")):
        doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
        doc["workforce"]["residence"] = {"method": "manual", "shares": {VENLO: 0.54, VENRAY: 0.36}}
        doc["workforce"]["cross_border_share"] = 0.1
        doc["region"] = {"municipalities": [VENLO, VENRAY]}
        doc["policy"] = {VENLO: {"min_host_share": rule(minimum)}, VENRAY: {"min_host_share": rule(0.9)}}
        r = run(parse_case(doc, "host.ber"))
        (c,) = checks(r, "min_host_share")
        assert (c.municipality, c.value, c.status) == (VENLO, rel(0.54), status)


def test_no_rules_no_checks_and_the_json_round_trip() -> None:
    r = run(load())
    assert r.policy_checks == []
    r = run(load(policy={VENLO: {"max_migrant_share": rule(0.1)}}))
    back = Assessment.from_dict(json.loads(r.to_json()))
    assert back.policy_checks == r.policy_checks
    assert json.loads(r.to_json())["policy_checks"][0]["status"] == "unknown"


# --- the age of capacity figures -------------------------------------------------------


def figure(value: float | None, date: str) -> dict[str, Any]:
    return {
        "value": value,
        "source": "Woonmonitor (test)",
        "reference_date": date,
        "supplied_by": "J. Jansen",
    }


def test_figure_age_against_the_case_date() -> None:
    """Case date 2026-11-24, maximum age 12 months (reference row, an assumption):
    2025-11-24 is exactly 12 months old (not flagged), 2025-11-23 is older (stale, 12 whole
    months), a figure without date is undated, an unknown figure without date has no note."""
    case = load(
        meta={"date": "2026-11-24"},
        capacity={
            VENLO: {
                "housing_flex": figure(200, "2025-11-24"),
                "care_gp": figure(300, "2025-11-23"),
                "education_primary": {"value": 5, "source": "telefonisch"},
                "transport_peak": {"value": None, "source": "niet bekend"},
            }
        },
    )
    r = run(case)
    got = {f.domain: (f.age_months, f.note) for f in r.capacity_figures}
    assert got == {
        "housing_flex": (12, ""),
        "care_gp": (12, "stale"),
        "education_primary": (None, "undated"),
        "transport_peak": (None, ""),
    }
    flex = next(f for f in r.capacity_figures if f.domain == "housing_flex")
    assert (flex.value, flex.source, flex.supplied_by, flex.unit) == (
        200.0,
        "Woonmonitor (test)",
        "J. Jansen",
        "beds",
    )


def test_figure_age_override_and_month_ends() -> None:
    """An override of the maximum age (6 months) flags a 7-month-old figure; 29 February
    2024 plus 12 months is 28 February 2025, so on 1 March 2025 it is stale, on 28 February not."""
    assert figure_note(_dt.date(2024, 2, 29), 1.0, _dt.date(2025, 2, 28), 12) == ""
    assert figure_note(_dt.date(2024, 2, 29), 1.0, _dt.date(2025, 3, 1), 12) == "stale"
    case = load(
        meta={"date": "2026-11-24"},
        capacity={VENLO: {"housing_flex": figure(200, "2026-04-20")}},
        overrides={"capacity.max_age_months": {"value": 6, "justification": "halfjaarlijkse monitor"}},
    )
    (f,) = run(case).capacity_figures
    assert (f.age_months, f.note) == (7, "stale")
