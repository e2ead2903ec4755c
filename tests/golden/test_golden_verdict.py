"""Golden tests of the verdict's coverage, zero capacity, the site ranking and the
"without measures" comparison (issue 11 items 1, 2 and 7; method sections 8, 10, 11).

Every expected number is computed by hand in the comment beside it, from the shared
set-up of ``thresholds.ber`` (100 jobs, migrant share 1, site on Venlo's centroid;
see test_golden_engine.py) and ``verdict.min_coverage`` = 0.5 (norms.json).
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from ber.case.model import Case, parse_case
from ber.case.validate import validate_case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.engine.verdict import RankKey

CASES = Path(__file__).parent / "cases"
VENLO, VENRAY = "GM0983", "GM0984"

BEESEL, GENNEP = "GM0889", "GM0907"
HUGE = 100_000.0  # a spare capacity (plausible in every domain) far above any demand here: green


def rel(x: float) -> Any:
    return pytest.approx(x, rel=1e-9, abs=1e-9)


def run(case: Case) -> Assessment:
    return assess(case, Context.default())


def two_municipalities(venlo_share: float, category: str) -> dict[str, Any]:
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    wf = doc["workforce"]
    wf["category_shares"] = {category: 1.0}
    wf["residence"] = {"method": "manual", "shares": {VENLO: venlo_share, VENRAY: 1.0 - venlo_share}}
    doc["region"] = {"municipalities": [VENLO, VENRAY]}
    return doc


def test_tilburg_like_mostly_unknown_is_not_green_and_says_its_coverage() -> None:
    """100 settling workers (eu_long), 32% living in Venlo (dwelling capacity known and
    huge: green), 68% in Venray (capacity unknown). Dwellings are proportional to the
    residence share (the household size divides both), so coverage = 0.32 exactly; 0.32
    < 0.5: the verdict is unknown (grey), never green, and names Venray as the largest
    unknown demand (68% of all dwellings) and no "most burdened" municipality with an
    unknown pressure."""
    doc = two_municipalities(0.32, "eu_long")
    doc["capacity"] = {VENLO: {"housing_dwellings": HUGE}}
    r = run(parse_case(doc, "tilburg-like"))
    v = r.verdict["housing_dwellings"]
    total = sum(m.domains["housing_dwellings"].demand for m in r.municipalities)
    assert (v.status, v.coverage) == ("grey", rel(0.32))
    assert (v.municipality, v.unknown_municipality) == (VENLO, VENRAY)  # Venlo: known, pressure ~0
    assert v.unknown_demand == rel(0.68 * total)
    assert v.unknown_municipality_demand == rel(0.68 * total)

    # The known part amber: Venlo's capacity set so that its pressure is 0.75 (demand /
    # (demand / 0.75)). A known amber is shown whatever the coverage: amber, coverage 0.32.
    venlo = r.municipality(VENLO).domains["housing_dwellings"].demand
    doc["capacity"] = {VENLO: {"housing_dwellings": venlo / 0.75}}
    v = run(parse_case(doc, "tilburg-like")).verdict["housing_dwellings"]
    assert (v.status, v.municipality, v.pressure, v.coverage) == ("amber", VENLO, rel(0.75), rel(0.32))


def test_coverage_threshold_is_a_case_override() -> None:
    """50 / 50 flex workers, Venlo known (green), Venray unknown: coverage 50/100 = 0.5.
    At the reference 0.5 it is green; with the threshold overridden to 0.9, 0.5 < 0.9: grey."""
    doc = two_municipalities(0.5, "eu_mid")
    doc["capacity"] = {VENLO: {"housing_flex": HUGE}}
    assert run(parse_case(doc, "c")).verdict["housing_flex"].status == "green"
    doc["overrides"] = {"verdict.min_coverage": {"value": 0.9, "justification": "strict municipality"}}
    v = run(parse_case(doc, "c")).verdict["housing_flex"]
    assert (v.status, v.coverage) == ("grey", rel(0.5))


@pytest.mark.parametrize("value", [1.5, -0.1])
def test_coverage_threshold_outside_0_1_is_refused(value: float) -> None:
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    doc["overrides"] = {"verdict.min_coverage": {"value": value, "justification": "test"}}
    ctx = Context.default()
    problems = validate_case(parse_case(doc, "c"), ctx.ref, ctx.table)
    assert [(p.code, p.field) for p in problems] == [("field.range", "overrides.verdict.min_coverage.value")]
    nl, en = problems[0].text("nl"), problems[0].text("en")
    assert "overrides.verdict.min_coverage.value" in nl and "0 tot en met 1" in nl
    assert "overrides.verdict.min_coverage.value" in en and "0 to 1" in en


def test_goirle_like_zero_capacity_with_demand_is_red_with_infinite_pressure() -> None:
    """100 eu_mid workers in Venlo, flex capacity 0: 100 beds on 0 spare beds, pressure
    infinite. Red everywhere it is reported: the cell, the verdict (coverage 1: the 0 is
    known), the case without measures and the site ranking; JSON pressure null + flag."""
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    doc["capacity"][VENLO]["housing_flex"] = 0
    doc["mitigations"] = {"shuttle_share": 0.5}  # a measure, so the result holds "without"
    doc["sites"].append({"name": "Venlo again", "municipality": VENLO, "chosen": False})
    r = run(parse_case(doc, "goirle-like"))
    cell = r.municipality(VENLO).domains["housing_flex"]
    assert (cell.status, cell.pressure, cell.no_capacity) == ("red", None, True)
    v = r.verdict["housing_flex"]
    assert (v.status, v.pressure, v.no_capacity, v.coverage, v.municipality) == (
        "red",
        None,
        True,
        1.0,
        VENLO,
    )
    assert r.mitigations is not None
    w = r.mitigations.without.verdict["housing_flex"]
    assert (w.status, w.no_capacity) == ("red", True)
    assert r.mitigations.without.municipalities[0].domains["housing_flex"].no_capacity
    assert all(
        s.no_capacity and s.max_pressure is None and s.verdict["housing_flex"] == "red" for s in r.sites
    )
    doc_json = json.loads(r.to_json())
    assert doc_json["verdict"]["housing_flex"]["pressure"] is None
    assert doc_json["verdict"]["housing_flex"]["no_capacity"] is True


def test_unknown_capacity_gives_null_pressure_whatever_the_demand() -> None:
    """Venray has no capacity and (manual share 0) no demand: pressure null, status grey
    (before: pressure 0, green). Venlo (capacity 0 for schools, 0 pupils): pressure 0."""
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    doc["region"] = {"municipalities": [VENLO, VENRAY]}
    r = run(parse_case(doc, "c"))
    cell = r.municipality(VENRAY).domains["housing_flex"]
    assert (cell.demand, cell.capacity, cell.pressure, cell.status) == (0.0, None, None, "grey")
    assert r.municipality(VENLO).domains["education_primary"].pressure == 0.0


def test_a_site_about_which_nothing_is_known_never_ranks_above_a_known_low_pressure() -> None:
    """Two sites, the region around each site (cut-off). Venlo's capacity is huge in every
    domain (pressure ~0); nothing is known around Groningen. Neither has red or amber;
    the Venlo site has less demand on unknown capacity (its host share is known) and
    ranks first. Before: Groningen had max_pressure 0.0 (no-demand cells on unknown
    capacity counted as 0) and ranked above Venlo."""
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    doc["workforce"]["residence"] = {"method": "gravity"}
    doc["region"] = {}
    doc["capacity"] = {VENLO: {k: HUGE for k in doc["capacity"][VENLO]}}
    doc["sites"] = [
        {"name": "Groningen", "municipality": "GM0014", "chosen": True},
        {"name": "Venlo", "x": 208728, "y": 378261, "crs": "EPSG:28992"},
    ]
    r = run(parse_case(doc, "c"))
    by = {s.name: s for s in r.sites}
    assert [s.name for s in r.sites] == ["Venlo", "Groningen"]
    assert by["Groningen"].max_pressure is None  # nothing known: null, never 0
    assert by["Groningen"].unknown_share == rel(
        1.0
    )  # all demand of every domain with demand is on unknown capacity
    assert by["Venlo"].unknown_share < 1.0
    assert (by["Venlo"].red, by["Venlo"].amber, by["Groningen"].red, by["Groningen"].amber) == (0, 0, 0, 0)


def test_rank_key_order() -> None:
    """The one rule, criterion by criterion (each pair differs in one criterion only)."""
    nan, inf = math.nan, math.inf
    assert RankKey(0, 5, 1.0, nan, 9).order() < RankKey(1, 0, 0.0, 0.1, 0).order()  # red first
    assert RankKey(0, 0, 1.0, nan, 9).order() < RankKey(0, 1, 0.0, 0.1, 0).order()  # then amber
    assert RankKey(0, 0, 0.2, nan, 9).order() < RankKey(0, 0, 0.3, 0.1, 0).order()  # then unknown share
    assert RankKey(0, 0, 0.2, 0.4, 9).order() < RankKey(0, 0, 0.2, nan, 0).order()  # known before unknown
    assert RankKey(0, 0, 0.2, 0.4, 9).order() < RankKey(0, 0, 0.2, inf, 0).order()  # finite before infinite
    assert RankKey(0, 0, 0.2, inf, 9).order() < RankKey(0, 0, 0.2, nan, 0).order()  # infinite before unknown
    assert RankKey(0, 0, 0.2, 0.4, 1).order() < RankKey(0, 0, 0.2, 0.4, 2).order()  # then vehicle-km


def test_without_measures_uses_the_same_region() -> None:
    """Region listed as Venlo + Beesel + Gennep, gravity residence, 100 eu_long settlers,
    and 20 employer beds in Venray (outside the list: the case with measures adds Venray
    to its region). Beds house only short- and mid-stay workers, so they cannot change
    dwellings: with the same region the gravity shares are the same, hence the same
    dwellings in Venlo with and without (before: without dropped Venray and every
    gravity share changed, e.g. 92.9 without vs 82.5 with in the issue's case)."""
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    doc["workforce"]["category_shares"] = {"eu_long": 1.0}
    doc["workforce"]["residence"] = {"method": "gravity"}
    doc["workforce"]["employer_beds"] = [{"municipality": VENRAY, "beds": 20}]
    doc["region"] = {"municipalities": [VENLO, BEESEL, GENNEP]}
    r = run(parse_case(doc, "c"))
    assert r.mitigations is not None
    without = r.mitigations.without
    assert [m.code for m in without.municipalities] == r.region.municipalities
    assert VENRAY in r.region.municipalities
    for m in without.municipalities:
        assert m.domains["housing_dwellings"].demand == rel(
            r.municipality(m.code).domains["housing_dwellings"].demand
        )
