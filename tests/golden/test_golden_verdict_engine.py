"""Golden tests, continued: pressure and status, the regional verdict, jobs from floor
area, the measures and the site ranking, computed by hand from the method with the
reference values spelled out in ``test_golden_engine`` (its module docstring gives the
shared set-up of every case, its ``NORM`` the reference literals).
"""

from __future__ import annotations

import json

import pytest

from ber.case.figures import CapacityFigure
from tests.golden.test_golden_engine import (
    D_VENRAY,
    FREIGHT_PEAK,
    TRIP_ROAD,
    VEH_PER_COMMUTER,
    VENLO,
    VENRAY,
    dom,
    load,
    rel,
    run,
)


@pytest.mark.parametrize(
    ("capacity", "pressure", "status"),
    [
        (250.0, 0.4, "green"),  # 100 / 250 = 0.4 < 0.5
        (200.0, 0.5, "amber"),  # 100 / 200 = 0.5: amber starts at 0.5
        (125.0, 0.8, "amber"),  # 0.8 < 1.0
        (100.0, 1.0, "red"),  # 1.0: red starts at 1.0
        (40.0, 2.5, "red"),
        (0.0, None, "red"),  # no spare capacity at all: pressure infinite -> null, red
        (None, None, "grey"),  # unknown: demand shown, no verdict, never zero
    ],
)
def test_pressure_status(capacity: float | None, pressure: float | None, status: str) -> None:
    case = load("thresholds.ber")
    case.capacity[VENLO].housing_flex = None if capacity is None else CapacityFigure(value=capacity)
    r = run(case)
    flex = dom(r, VENLO, "housing_flex")
    assert flex.demand == rel(100.0)
    assert flex.capacity == capacity
    assert flex.pressure == (None if pressure is None else rel(pressure))
    assert flex.status == status
    assert flex.no_capacity == (capacity == 0.0)  # 100 beds on 0 spare: infinite pressure, flagged
    v = r.verdict["housing_flex"]
    assert v.status == status
    assert v.no_capacity == (capacity == 0.0)
    if capacity is None:
        # all 100 beds of demand lie in Venlo, whose capacity is unknown: coverage 0 / 100 = 0;
        # no municipality with a known pressure is named, Venlo is named as the largest unknown
        assert (v.municipality, v.coverage, v.unknown_municipality) == (None, 0.0, VENLO)
        assert v.unknown_demand == rel(100.0)
    else:
        # the 100 beds are all on known capacity: coverage 100 / 100 = 1
        assert (v.municipality, v.coverage, v.unknown_municipality) == (VENLO, 1.0, None)


def test_unknown_and_zero_capacity_other_domains() -> None:
    """thresholds.ber: GP capacity unknown with 100 patients: grey, pressure null.
    Dwellings: capacity unknown, demand 0: grey, pressure null (unknown whatever the demand);
    the verdict is green with coverage 1 (no demand lies on unknown capacity).
    Primary school: capacity 0, demand 0: green, pressure 0.
    Peak traffic: capacity 0, demand 19.333 commuters + 6.4 trucks: red, pressure null (infinite).
    """
    r = run(load("thresholds.ber"))
    gp = dom(r, VENLO, "care_gp")
    assert (gp.demand, gp.capacity, gp.pressure, gp.status) == (rel(100.0), None, None, "grey")
    dw = dom(r, VENLO, "housing_dwellings")
    assert (dw.demand, dw.capacity, dw.pressure, dw.status) == (0.0, None, None, "grey")
    assert (r.verdict["housing_dwellings"].status, r.verdict["housing_dwellings"].coverage) == ("green", 1.0)
    pr = dom(r, VENLO, "education_primary")
    assert (pr.demand, pr.capacity, pr.pressure, pr.status) == (0.0, 0.0, 0.0, "green")
    tr = dom(r, VENLO, "transport_peak")
    assert (tr.demand, tr.capacity, tr.pressure, tr.status) == (
        rel(19.0 + 1 / 3 + FREIGHT_PEAK),
        0.0,
        None,
        "red",
    )
    doc = r.to_dict()
    json.dumps(doc, allow_nan=False)  # infinities never reach the JSON


def test_regional_verdict_worst_municipality() -> None:
    """Two municipalities, 50 eu_mid workers each (manual 0.5 / 0.5): 50 flex beds each.

    Venlo flex capacity 200: 50/200 = 0.25 green; Venray unknown: grey. Coverage =
    known demand / all demand = 50 / 100 = 0.5, not below verdict.min_coverage 0.5, so
    the verdict is the worst known status, green, named Venlo, with Venray (50 beds)
    named as the largest unknown demand. With Venray capacity 50: 50/50 = 1.0 red, and
    the verdict is red, Venray, pressure 1.0, coverage 1.
    """
    case = load(
        "thresholds.ber",
        workforce__residence={"method": "manual", "shares": {VENLO: 0.5, VENRAY: 0.5}},
        region={"municipalities": [VENLO, VENRAY]},
    )
    r = run(case)
    assert dom(r, VENLO, "housing_flex").status == "green"
    assert dom(r, VENRAY, "housing_flex").status == "grey"
    v = r.verdict["housing_flex"]
    assert (v.status, v.municipality, v.pressure, v.coverage) == ("green", VENLO, rel(0.25), rel(0.5))
    assert (v.unknown_municipality, v.unknown_municipality_demand) == (VENRAY, rel(50.0))
    case.capacity[VENRAY] = case.capacity[VENLO].model_copy(
        update={"housing_flex": CapacityFigure(value=50.0)}
    )
    r = run(case)
    v = r.verdict["housing_flex"]
    assert (v.status, v.municipality, v.pressure, v.coverage) == ("red", VENRAY, rel(1.0), 1.0)
    assert (v.unknown_demand, v.unknown_municipality) == (0.0, None)


# ---------------------------------------------------------------------------
# jobs from floor area, sector default migrant share, and the mitigations
# ---------------------------------------------------------------------------
def test_jobs_from_floor_area_and_sector_share() -> None:
    """No jobs given: 16,000 m² BVO / 160 m² per job (distribution, Stec/Buck) = 100 jobs.
    No migrant share given: the sector's 0.5 (assumption) -> 50 eu_mid workers;
    flex beds 50 x 0.5 = 25 in each of Venlo and Venray."""
    case = load(
        "single_category.ber",
        business__jobs=None,
        business__floor_area_m2=16000,
        workforce__migrant_share=None,
        workforce__category_shares={"eu_mid": 1.0},
    )
    r = run(case)
    assert r.totals["jobs"] == rel(100.0)
    assert r.totals["migrant_workers"] == rel(50.0)
    assert dom(r, VENRAY, "housing_flex").demand == rel(25.0)
    names = {p.name: p for p in r.parameters}
    assert names["sector.m2_per_job"].value == 160.0
    assert names["sector.migrant_share"].assumption


def test_mitigations_local_recruitment_gp_and_shuttle() -> None:
    """thresholds.ber (100 eu_mid workers in Venlo) with three conditions:

    - local recruitment 0.2: migrant share 1.0 x (1 - 0.2) -> 80 workers, 80 flex beds;
    - employer GP arrangement 0.25: GP patients 80 x (1 - 0.25) = 60;
    - shuttle 0.5: half the car share moves to the van: car 0.25, van 0.3 + 0.25 = 0.55,
      bus 0.1: vehicles per commuter = 0.25/1.5 + 0.55/6 + 0.1/30 = 78.5/300 = 0.26167;
      peak = 80 / 2 x 78.5/300 = 10.467 vehicles.
    Without them: 100 workers, 100 flex beds, 100 patients, peak 100/2 x 116/300 = 19.333.
    """
    case = load(
        "thresholds.ber",
        mitigations={"shuttle_share": 0.5, "employer_gp_share": 0.25, "local_recruitment_share": 0.2},
    )
    r = run(case)
    assert r.totals["migrant_workers"] == rel(80.0)
    assert r.totals["flex_beds"] == rel(80.0)
    assert r.totals["gp_patients"] == rel(60.0)
    assert r.totals["gp_fte"] == rel(60 / 2095)
    assert r.totals["peak_vehicles"] == rel(80 / 2 * 78.5 / 300)
    assert r.mitigations is not None
    without = r.mitigations["without"]
    assert without["totals"]["migrant_workers"] == rel(100.0)
    assert without["totals"]["gp_patients"] == rel(100.0)
    assert without["totals"]["peak_vehicles"] == rel(100 / 2 * VEH_PER_COMMUTER)
    # flex capacity 200: 100/200 = 0.5 amber without, 80/200 = 0.4 green with the conditions
    (venlo,) = without["municipalities"]
    assert (venlo["housing_flex"]["pressure"], venlo["housing_flex"]["status"]) == (rel(0.5), "amber")
    assert dom(r, VENLO, "housing_flex").status == "green"


def test_site_ranking_fewest_red_first() -> None:
    """Two sites for 100 eu_short workers living half in Venlo, half in Venray (manual).

    Peak traffic (100 / 2 x 116/300 = 19.333 vehicles) lands on the host municipality.
    The site's peak hour: 19.333 commuter vehicles + 6.4 trucks = 25.733. Venlo's access roads
    take 10 more vehicles: 25.733 / 10 = 2.57, red. Venray's take 50: 25.733 / 50 = 0.515,
    amber. Flex capacity is unknown (grey) in both. So the Venray
    site has no red and ranks first, the chosen Venlo site second. Vehicle-km are equal
    (50 workers at 19.4327 km either way): 50 x 19.4327 x 2.6 x 116/300 = 976.82.
    """
    case = load(
        "single_category.ber",
        sites=[
            {"name": "Venlo", "x": 208728, "y": 378261, "crs": "EPSG:28992", "chosen": True},
            {"name": "Venray", "x": 194963, "y": 391978, "crs": "EPSG:28992", "chosen": False},
        ],
        capacity={VENLO: {"transport_peak": 10}, VENRAY: {"transport_peak": 50}},
    )
    r = run(case)
    first, second = r.sites
    assert (first.name, first.rank, first.red, first.chosen) == ("Venray", 1, 0, False)
    assert (second.name, second.rank, second.red, second.chosen) == ("Venlo", 2, 1, True)
    assert first.max_pressure == rel((100 / 2 * VEH_PER_COMMUTER + FREIGHT_PEAK) / 50)
    assert second.max_pressure == rel((100 / 2 * VEH_PER_COMMUTER + FREIGHT_PEAK) / 10)
    assert first.verdict["transport_peak"] == "amber" and second.verdict["transport_peak"] == "red"
    vkm = 50 * D_VENRAY * TRIP_ROAD * VEH_PER_COMMUTER
    assert first.commute_vehicle_km_per_day == rel(vkm)
    assert second.commute_vehicle_km_per_day == rel(vkm)
    # the main result is still the chosen site's
    assert r.site["host_municipality"] == VENLO
    assert r.verdict["transport_peak"].status == "red"
