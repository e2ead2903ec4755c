"""Golden tests of issue 17 items 4 and 5: the seasonal peak and the childcare domain.

Computed by hand from the method (``docs/method.md``, sections "Seasonal peak" and
"Childcare") with the reference values spelled out as literals (``NORM`` below,
checked against ``reference_data/norms.json`` and ``sectors.json`` first).

Seasonal peak. A monthly profile is normalised to a mean of 1: the declared jobs are
the year average. Profile [1] x 10 + [2, 2] (November and December double):
mean = 14 / 12, peak factor = 2 / (14/12) = 12/7 = 1.714286.
Flex beds at the peak month = flex workers x 12/7 minus the employer beds (filled
first), spread like the flex workers; everything else stays at the year average.

Childcare. Children = family members x (1 - partner share 0.5); aged 0-3: x 0.2222;
day-care places = children aged 0-3 x take-up 0.55 / children per place 1.2.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.figures import CapacityFigure
from ber.engine.params import parameter_specs
from ber.engine.season import case_profile, normalised
from ber.reference.data import load_reference
from tests.golden.test_golden_engine import VENLO, VENRAY, dom, load, rel, run

NORM = {
    "family.third_country.rijksoverheid_2023": 0.6,
    "family.partner_share": 0.5,
    "family.child_share_0_3": 0.2222,
    "childcare.take_up": 0.55,
    "childcare.children_per_place": 1.2,
}
#: November and December double (the e-commerce default's shape)
Q4 = [1.0] * 10 + [2.0, 2.0]
PEAK_Q4 = 2 / (14 / 12)  # 12/7 = 1.714286
REF = Path(__file__).parents[2] / "reference_data"


def test_literals_match_reference() -> None:
    rows = {r["key"]: r for r in json.loads((REF / "norms.json").read_text("utf-8"))}
    for key, value in NORM.items():
        assert rows[key]["value"] == value, f"{key} changed in norms.json: update the hand computations"
    sectors = {r["key"]: r for r in json.loads((REF / "sectors.json").read_text("utf-8"))}
    assert sectors["ecommerce_fulfilment"]["monthly_profile"] == Q4
    assert sectors["manufacturing"]["monthly_profile"] == [1.0] * 12
    assert abs(PEAK_Q4 - 12 / 7) < 1e-12


# --------------------------------------------------------------------------- seasonal peak


def test_profile_normalised_to_the_year_average() -> None:
    """Head counts 100 in January-June and 200 in July-December: mean 150, so the
    normalised months are 2/3 and 4/3 and the peak is 200 / 150 = 4/3 (month 7)."""
    factors = normalised([100.0] * 6 + [200.0] * 6)
    assert factors == pytest.approx([2 / 3] * 6 + [4 / 3] * 6)
    assert sum(factors) / 12 == pytest.approx(1.0)
    case = load("single_category.ber", business__monthly_profile=[100.0] * 6 + [200.0] * 6)
    profile = case_profile(case, load_reference())
    assert (profile.peak_factor, profile.peak_month, profile.from_case) == (pytest.approx(4 / 3), 7, True)


def test_flex_beds_at_the_peak_month() -> None:
    """single_category.ber, 100 eu_mid workers, half in Venlo and half in Venray, no
    employer beds, profile Q4: flex beds at the peak 100 x 12/7 = 171.43, 85.71 in each
    municipality (the domain's demand); the year average stays 100. Jobs and labour
    migrants in the peak month: 100 x 12/7. Dwellings, GP patients and schools stay at
    the average (eu_mid: 100 GP patients, no family)."""
    r = run(
        load("single_category.ber", workforce__category_shares={"eu_mid": 1.0}, business__monthly_profile=Q4)
    )
    t = r.totals
    assert t["jobs"] == rel(100.0)
    assert t["jobs_peak"] == rel(100 * PEAK_Q4)
    assert t["migrant_workers_peak"] == rel(100 * PEAK_Q4)
    assert t["flex_beds"] == rel(100.0)
    assert t["flex_beds_peak"] == rel(100 * PEAK_Q4)
    assert t["gp_patients"] == rel(100.0)
    for code in (VENLO, VENRAY):
        assert dom(r, code, "housing_flex").demand == rel(50 * PEAK_Q4)  # 85.714
        assert dom(r, code, "care_gp").demand == rel(50.0)


def test_flat_profile_changes_nothing() -> None:
    """A flat profile (production): peak = average, flex beds at the peak = 100."""
    r = run(load("single_category.ber", workforce__category_shares={"eu_mid": 1.0}))
    assert r.totals["flex_beds_peak"] == rel(r.totals["flex_beds"]) == rel(100.0)
    assert r.totals["jobs_peak"] == rel(100.0)


def test_employer_beds_fill_first_at_the_peak() -> None:
    """employer_beds.ber: 100 flex workers, 30 employer beds in Venray, the rest in Venlo.
    Profile 6 x 1 and 6 x 2: mean 1.5, peak 2 / 1.5 = 4/3. At the peak 133.33 flex
    workers; 30 in the employer's beds; 103.33 need flex beds in Venlo (the average
    needs 70, as in test_employer_beds)."""
    r = run(load("employer_beds.ber", business__monthly_profile=[1.0] * 6 + [2.0] * 6))
    assert r.totals["flex_beds"] == rel(70.0)
    assert r.totals["flex_beds_peak"] == rel(100 * 4 / 3 - 30)
    assert dom(r, VENLO, "housing_flex").demand == rel(100 * 4 / 3 - 30)
    assert dom(r, VENRAY, "housing_flex").demand == rel(0.0)


def test_peak_status_judged_at_the_peak() -> None:
    """thresholds.ber (100 eu_mid in Venlo), flex capacity 150: at the average 100 / 150
    = 0.67 would be amber; at the peak 171.43 / 150 = 1.143 is red."""
    case = load("thresholds.ber", business__monthly_profile=Q4)
    case.capacity[VENLO].housing_flex = CapacityFigure(value=150.0)
    flex = dom(run(case), VENLO, "housing_flex")
    assert flex.pressure == rel(100 * PEAK_Q4 / 150)
    assert flex.status == "red"


def test_peak_factor_range_from_the_sector_and_none_for_the_case() -> None:
    """The sector's default has a range for Monte Carlo (e-commerce 1.3-1.85 around
    12/7); a profile the case declares is certain."""
    ref = load_reference()
    sector_case = load(
        "single_category.ber", business__sector="ecommerce_fulfilment", business__monthly_profile=None
    )
    spec = parameter_specs(sector_case, ref)["season.peak_factor"]
    assert (spec.low, spec.central, spec.high) == (1.3, pytest.approx(12 / 7), 1.85)
    assert spec.source == "bolcom_peak"
    own = parameter_specs(load("single_category.ber", business__monthly_profile=Q4), ref)[
        "season.peak_factor"
    ]
    assert own.low == own.central == own.high == pytest.approx(12 / 7)
    assert own.source == "case"


# --------------------------------------------------------------------------- childcare


def test_childcare_places_and_status() -> None:
    """single_category.ber with third-country workers: family 100 x 0.6 = 60, children
    60 x 0.5 = 30, aged 0-3 30 x 0.2222 = 6.666, day-care places 6.666 x 0.55 / 1.2 =
    3.05525; half in Venlo and half in Venray: 1.527625 each.
    Capacity Venlo 2 places: 1.527625 / 2 = 0.7638, amber (0.5-1.0); Venray 1 place:
    1.527625, red; the regional verdict is the worse, red in Venray."""
    case = load(
        "single_category.ber",
        workforce__category_shares={"third_country": 1.0},
        capacity={VENLO: {"childcare": 2}, VENRAY: {"childcare": 1}},
    )
    r = run(case)
    young = 30 * 0.2222
    places = young * 0.55 / 1.2
    assert r.totals["children_0_3"] == rel(young)
    assert r.totals["childcare_places"] == rel(places)  # 3.05525
    venlo, venray = dom(r, VENLO, "childcare"), dom(r, VENRAY, "childcare")
    assert venlo.demand == rel(places / 2)
    assert (venlo.pressure, venlo.status) == (rel(places / 2 / 2), "amber")
    assert (venray.pressure, venray.status) == (rel(places / 2), "red")
    assert venlo.unit == "places"
    v = r.verdict["childcare"]
    assert (v.status, v.municipality) == ("red", VENRAY)


def test_childcare_unknown_capacity_is_grey_and_flex_workers_need_none() -> None:
    """No childcare capacity: grey, never zero. Flex workers bring no family (ratio 0):
    no day-care places."""
    r = run(load("single_category.ber", workforce__category_shares={"third_country": 1.0}))
    assert dom(r, VENLO, "childcare").status == "grey"
    assert dom(r, VENLO, "childcare").pressure is None
    r = run(load("single_category.ber", workforce__category_shares={"eu_short": 1.0}))
    assert r.totals["childcare_places"] == rel(0.0)


def test_overridden_peak_factor() -> None:
    """Manufacturing (flat default) with the peak overridden to 1.5: 100 eu_mid workers
    need 100 x 1.5 = 150 flex beds in the peak month; the average stays 100."""
    case = load(
        "single_category.ber",
        workforce__category_shares={"eu_mid": 1.0},
        business__sector="manufacturing",
        business__monthly_profile=None,
        overrides={"season.peak_factor": {"value": 1.5, "justification": "werkgever: zomerpiek"}},
    )
    r = run(case)
    assert r.totals["flex_beds"] == rel(100.0)
    assert r.totals["flex_beds_peak"] == rel(150.0)
    (used,) = [p for p in r.parameters if p.name == "season.peak_factor"]
    assert used.overridden and used.value == 1.5
