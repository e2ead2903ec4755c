"""Golden tests: small cases computed by hand from the method (BER-MODEL.md sections 3-4)
and the reference values of ``reference_data/norms.json`` (version 2026.11-3).

The expected numbers below are written as the arithmetic of the method, with the
reference values spelled out as literals (``NORM``), never taken from the engine.
``test_norm_literals_match_reference`` fails first if the reference data change,
so a changed norm cannot silently change what these tests check.

Shared set-up of every case (files in ``cases/``):
- 100 jobs, ramp-up [1.0] (full operation in the start year 2030), migrant share 1.0,
  2 shifts per day, commuting mode shares car 0.5, van 0.3, bus 0.1, bike 0.1, walk 0.
- The site lies exactly on the centroid of Venlo (GM0983: 208728, 378261, EPSG:28992),
  so Venlo is the host (distance 0, method section 3.4).
- Venray (GM0984) centroid 194963, 391978: d = sqrt(13765^2 + 13717^2) / 1000
  = sqrt(377,631,314) / 1000 = 19.4327 km.
- Vehicles per commuter = 0.5/1.5 (car) + 0.3/6 (van) + 0.1/30 (bus)
  = 100/300 + 15/300 + 1/300 = 116/300 = 0.38667.
- Peak-hour vehicles = commuters / shifts x 116/300 = 100 / 2 x 116/300 = 19.333.
- Freight (sector distribution, no floor area given): floor area = 100 jobs x 160 m² per job
  = 16,000 m²; 16,000 / 100 x 0.5 truck movements = 80 per day; x 0.08 in the peak hour
  = 6.4. The site's peak-hour load (the transport domain's demand) = 19.333 + 6.4 = 25.733.
- Vehicle-km per day = one-way person-km x 2 trips x road factor 1.3 x 116/300.
- kg CO2 per person-km (before trips and road factor) = 0.5/1.5 x 0.17 + 0.3/6 x 0.25
  + 0.1/30 x 0.9 = 0.056667 + 0.0125 + 0.003 = 0.0721667 = 21.65/300.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from ber.case.model import Case, parse_case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment

CASES = Path(__file__).parent / "cases"
VENLO, VENRAY, BEESEL, GENNEP = "GM0983", "GM0984", "GM0889", "GM0907"

#: reference values used below (norms.json 2026.11-3), checked against the file
NORM: dict[str, float] = {
    "family.eu_short": 0.0,
    "family.eu_mid": 0.0,
    "family.eu_long": 0.3,
    "family.third_country.rijksoverheid_2023": 0.6,
    "family.knowledge.rijksoverheid_2023": 1.0,
    "family.knowledge.cbs_2023": 0.77,
    "family.third_country.cbs_2023": 0.2,
    "family.partner_share": 0.5,
    "family.child_share_4_11": 0.4444,
    "family.child_share_12_17": 0.3334,
    "housing.household_size": 2.1,
    "housing.snf_m2_per_person": 12.0,
    "housing.short_stay_turnover": 1.2,
    "care.gp_patients_per_fte": 2095.0,
    "care.short_stay_registration_factor": 0.0,
    "education.class_size_primary": 23.1,
    "education.class_size_secondary": 25.0,
    "education.newcomer_years": 2.0,
    "education.newcomer_class_size": 16.0,
    "transport.occupancy.car": 1.5,
    "transport.occupancy.van": 6.0,
    "transport.occupancy.bus": 30.0,
    "transport.co2_kg_per_vkm.car": 0.17,
    "transport.co2_kg_per_vkm.van": 0.25,
    "transport.co2_kg_per_vkm.bus": 0.9,
    "transport.road_factor": 1.3,
    "transport.freight_peak_hour_share": 0.08,
    "transport.trips_per_worker_per_shift": 2.0,
    "transport.cross_border_distance_km": 40.0,
    "gravity.half_distance_km": 15.0,
    "gravity.half_distance_km_flex": 6.0,
    "gravity.host_share_min_flex": 0.3,
    "gravity.host_share_min_settling": 0.3,
    "gravity.cutoff_km": 40.0,
    "status.amber_threshold": 0.5,
    "status.red_threshold": 1.0,
}

D_VENRAY = math.hypot(208728 - 194963, 378261 - 391978) / 1000.0  # 19.4327 km
VEH_PER_COMMUTER = 116 / 300  # 0.38667
#: truck movements in the peak hour of the 100-job distribution cases: 16,000 / 100 x 0.5 x 0.08
FREIGHT_PEAK = 16_000 / 100 * 0.5 * 0.08  # 6.4
CO2_PER_PERSON_KM = 21.65 / 300  # 0.0721667 kg
TRIP_ROAD = 2 * 1.3  # two one-way trips per day x road factor


def rel(x: float) -> Any:
    return pytest.approx(x, rel=1e-9, abs=1e-9)


def load(name: str, **changes: Any) -> Case:
    doc = json.loads((CASES / name).read_text(encoding="utf-8"))
    for dotted, value in changes.items():
        node = doc
        parts = dotted.split("__")
        for part in parts[:-1]:
            node = node[part]
        node[parts[-1]] = value
    return parse_case(doc, name)


def run(case: Case) -> Assessment:
    return assess(case, Context.default())


def dom(result: Assessment, code: str, domain: str) -> Any:
    return result.municipality(code).domains[domain]


def test_norm_literals_match_reference() -> None:
    rows = json.loads((Path(__file__).parents[2] / "reference_data" / "norms.json").read_text("utf-8"))
    values = {r["key"]: r["value"] for r in rows}
    for key, value in NORM.items():
        assert values[key] == value, f"{key} changed in norms.json: update the hand computations"
    assert abs(D_VENRAY - 19.4327) < 1e-4


# ---------------------------------------------------------------------------
# one category alone (single_category.ber): W = 100 workers of category c,
# living half in Venlo (d = 0) and half in Venray (d = 19.4327 km)
# ---------------------------------------------------------------------------
#
# family F = 100 x ratio; residents = 100 + F, half in each municipality.
# Flex categories (eu_short, eu_mid): flex beds = W = 100, dwellings 0.
# Settling categories: dwellings = (W + F) / 2.1.
# GP patients: eu_short 100 x 0 (registration factor) = 0; eu_mid 100; settling W + F.
# Children = F x (1 - 0.5); primary = children x 0.4444; secondary = children x 0.3334.
# Newcomer pupils in the first year = every school-age child (all arrived that year).
# Vehicle-km: one-way person-km = 50 x 0 + 50 x 19.4327 = 971.64;
#   x 2.6 x 116/300 = 976.82 vehicle-km; CO2 = 971.64 x 2.6 x 21.65/300 = 182.31 kg.
#
# category  F    residents  flex  dwellings        gp_patients  primary  secondary
# eu_short  0    100        100   0                0            0        0
# eu_mid    0    100        100   0                100          0        0
# eu_long   30   130        0     130/2.1=61.905   130          6.666    5.001
# third     60   160        0     160/2.1=76.190   160          13.332   10.002
# knowledge 100  200        0     200/2.1=95.238   200          22.22    16.67
SINGLE = {
    # category: (family, flex_beds, dwellings, gp_patients, primary, secondary)
    "eu_short": (0.0, 100.0, 0.0, 0.0, 0.0, 0.0),
    "eu_mid": (0.0, 100.0, 0.0, 100.0, 0.0, 0.0),
    "eu_long": (30.0, 0.0, 130 / 2.1, 130.0, 15 * 0.4444, 15 * 0.3334),
    "third_country": (60.0, 0.0, 160 / 2.1, 160.0, 30 * 0.4444, 30 * 0.3334),
    "knowledge": (100.0, 0.0, 200 / 2.1, 200.0, 50 * 0.4444, 50 * 0.3334),
}


@pytest.mark.parametrize("category", list(SINGLE))
def test_single_category(category: str) -> None:
    case = load("single_category.ber", workforce__category_shares={category: 1.0})
    r = run(case)
    family, flex, dwellings, gp, primary, secondary = SINGLE[category]
    t = r.totals
    assert r.full_operation_year == 2030
    assert t["jobs"] == rel(100.0)
    assert t["migrant_workers"] == rel(100.0)
    assert t["workers"][category] == rel(100.0)
    assert sum(t["workers"].values()) == rel(100.0)
    assert t["family"][category] == rel(family)
    assert t["family_members"] == rel(family)
    assert t["residents"] == rel(100.0 + family)
    assert t["flex_beds"] == rel(flex)
    assert t["dwellings"] == rel(dwellings)
    assert t["gp_patients"] == rel(gp)
    assert t["gp_fte"] == rel(gp / 2095)
    assert t["pupils_primary"] == rel(primary)
    assert t["pupils_secondary"] == rel(secondary)
    assert t["pupils_newcomer"] == rel(primary + secondary)
    # primary class size 23.1 pupils (DUO 2017; was 23.0 before the 2026.11-2 citation fix)
    assert t["classes_primary"] == rel(primary / 23.1)
    assert t["classes_secondary"] == rel(secondary / 25)
    assert t["classes_newcomer"] == rel((primary + secondary) / 16)
    assert t["peak_vehicles"] == rel(100 / 2 * VEH_PER_COMMUTER)
    assert t["freight_trucks_per_day"] == rel(80.0)
    assert t["freight_trucks_peak"] == rel(FREIGHT_PEAK)
    assert t["site_peak_vehicles"] == rel(100 / 2 * VEH_PER_COMMUTER + FREIGHT_PEAK)
    assert t["commute_vehicle_km_per_day"] == rel(50 * D_VENRAY * TRIP_ROAD * VEH_PER_COMMUTER)
    assert t["commute_co2_kg_per_day"] == rel(50 * D_VENRAY * TRIP_ROAD * CO2_PER_PERSON_KM)
    assert t["cross_border_workers"] == rel(0.0)
    # short stay: 100 positions x 1.2 persons per position per year; SNF floor area 12 m² per bed
    assert t["short_stay_persons_per_year"] == rel(120.0 if category == "eu_short" else 0.0)
    assert t["flex_floor_area_m2"] == rel(12.0 * flex)
    # per municipality: exactly half of every demand in each
    for code in (VENLO, VENRAY):
        m = r.municipality(code)
        assert m.residence_share == rel(0.5)
        assert m.workers == rel(50.0)
        assert m.residents == rel((100.0 + family) / 2)
        assert m.gp_fte == rel(gp / 2 / 2095)
        assert dom(r, code, "housing_flex").demand == rel(flex / 2)
        assert dom(r, code, "housing_dwellings").demand == rel(dwellings / 2)
        assert dom(r, code, "care_gp").demand == rel(gp / 2)
        assert dom(r, code, "education_primary").demand == rel(primary / 2)
        assert dom(r, code, "education_secondary").demand == rel(secondary / 2)
    # peak-hour traffic (commuters and trucks) is demand of the host municipality only
    assert dom(r, VENLO, "transport_peak").demand == rel(100 / 2 * VEH_PER_COMMUTER + FREIGHT_PEAK)
    assert dom(r, VENRAY, "transport_peak").demand == rel(0.0)
    assert r.municipality(VENRAY).distance_km == rel(D_VENRAY)
    assert r.municipality(VENLO).distance_km == 0.0


def test_single_category_newcomer_window() -> None:
    """Ramp-up [0.5, 1.0] over 3 years, third-country workers only.

    School-age children per year: 23.334 x ramp = 11.667, 23.334, 23.334
    (children 30 x (0.4444 + 0.3334) = 23.334 at full operation).
    Arrivals (increase over the year before): 11.667, 11.667, 0.
    Newcomer pupils = arrivals of this year and the year before (duration 2 years):
    11.667, 23.334, 11.667. Full operation (first year at the highest ramp): 2031.
    """
    case = load(
        "single_category.ber",
        workforce__category_shares={"third_country": 1.0},
        business__ramp_up=[0.5, 1.0],
    )
    r = run(case)
    school = 30 * (0.4444 + 0.3334)
    assert r.full_operation_year == 2031
    assert r.years == [2030, 2031, 2032]
    assert r.per_year["pupils_newcomer"] == [rel(school / 2), rel(school), rel(school / 2)]
    assert r.per_year["migrant_workers"] == [rel(50.0), rel(100.0), rel(100.0)]
    assert r.totals["pupils_newcomer"] == rel(school)
    assert r.totals["dwellings"] == rel(160 / 2.1)


def test_cbs_preset_knowledge_family() -> None:
    """CBS 2023 preset: 0.77 family members per knowledge migrant: F = 77, residents 177."""
    case = load(
        "single_category.ber",
        workforce__category_shares={"knowledge": 1.0},
        workforce__family_preset="cbs_2023",
    )
    r = run(case)
    assert r.totals["family_members"] == rel(77.0)
    assert r.totals["dwellings"] == rel(177 / 2.1)
    assert r.family_preset == "cbs_2023"


# ---------------------------------------------------------------------------
# employer beds (employer_beds.ber)
# ---------------------------------------------------------------------------
def test_employer_beds() -> None:
    """50 eu_short + 50 eu_mid workers, 30 employer beds in Venray, everyone else in Venlo.

    Employer beds are filled first by short- and mid-stay workers: 30 of the 100 flex
    workers (share 0.3 of each category) sleep in the Venray beds; the other 70 need
    municipal flex beds in Venlo (manual share 1.0). Employer beds are no municipal
    flex-bed demand: Venray flex demand 0, Venlo 70, total 70; beds used 30.
    Workers living: Venlo 70, Venray 30 (residence shares 0.7 / 0.3).
    GP patients: mid-stay 50 registered, split like the flex workers (35 Venlo, 15
    Venray); short-stay x 0. FTE = 50 / 2095.
    SNF floor area = (70 + 30) x 12 = 1,200 m². Short-stay persons = 50 x 1.2 = 60.
    Vehicle-km = 30 x 19.4327 x 2.6 x 116/300 = 586.09.
    Without the beds (mitigation comparison), all 100 need Venlo flex beds.
    """
    r = run(load("employer_beds.ber"))
    t = r.totals
    assert r.region["municipalities"] == [VENLO, VENRAY]  # the bed municipality joins the region
    assert t["employer_beds_used"] == rel(30.0)
    assert t["flex_beds"] == rel(70.0)
    assert dom(r, VENLO, "housing_flex").demand == rel(70.0)
    assert dom(r, VENRAY, "housing_flex").demand == rel(0.0)
    assert r.municipality(VENLO).workers == rel(70.0)
    assert r.municipality(VENRAY).workers == rel(30.0)
    assert r.municipality(VENLO).residence_share == rel(0.7)
    assert dom(r, VENLO, "care_gp").demand == rel(35.0)
    assert dom(r, VENRAY, "care_gp").demand == rel(15.0)
    assert t["gp_fte"] == rel(50 / 2095)
    assert t["flex_floor_area_m2"] == rel(1200.0)
    assert t["short_stay_persons_per_year"] == rel(60.0)
    assert t["dwellings"] == rel(0.0)
    assert t["peak_vehicles"] == rel(100 / 2 * VEH_PER_COMMUTER)
    assert t["commute_vehicle_km_per_day"] == rel(30 * D_VENRAY * TRIP_ROAD * VEH_PER_COMMUTER)
    assert r.mitigations is not None
    assert r.mitigations["active"]["employer_beds"] == 30
    assert r.mitigations["without"]["totals"]["flex_beds"] == rel(100.0)
    assert r.mitigations["without"]["totals"]["employer_beds_used"] == rel(0.0)


def test_employer_beds_more_than_flex_workers() -> None:
    """200 beds for 100 flex workers: all 100 in beds, 100 beds stay empty, no municipal demand."""
    r = run(load("employer_beds.ber", workforce__employer_beds=[{"municipality": VENRAY, "beds": 200}]))
    assert r.totals["employer_beds_used"] == rel(100.0)
    assert r.totals["flex_beds"] == rel(0.0)
    assert r.municipality(VENRAY).workers == rel(100.0)


# ---------------------------------------------------------------------------
# manual residence shares with a cross-border share (manual_cross_border.ber)
# ---------------------------------------------------------------------------
def test_manual_shares_with_cross_border() -> None:
    """100 third-country workers, 20% live abroad; manual shares Venlo 0.5, Venray 0.3.

    Family = 100 x 0.6 = 60 (12 of them abroad with the cross-border workers).
    Domestic: workers 80 (Venlo 50, Venray 30), family 48 (Venlo 30, Venray 18);
    residents 128 (Venlo 80, Venray 48). Dwellings = 128 / 2.1 = 60.952
    (Venlo 80/2.1 = 38.095, Venray 48/2.1 = 22.857). GP patients 128, FTE 128/2095.
    Children 24 (Venlo 15, Venray 9): primary 24 x 0.4444 = 10.6656, secondary
    24 x 0.3334 = 8.0016. Every worker commutes, also from abroad: peak 19.333.
    One-way person-km = 50 x 0 + 30 x 19.4327 + 20 x 40 (cross-border distance) = 1,382.98;
    vehicle-km = 1,382.98 x 2.6 x 116/300 = 1,390.36; CO2 = 1,382.98 x 2.6 x 21.65/300 = 259.49 kg.
    """
    r = run(load("manual_cross_border.ber"))
    t = r.totals
    person_km = 30 * D_VENRAY + 20 * 40
    assert t["cross_border_workers"] == rel(20.0)
    assert t["family_members"] == rel(60.0)
    assert t["residents"] == rel(128.0)
    assert r.municipality(VENLO).residence_share == rel(0.5)
    assert r.municipality(VENRAY).residence_share == rel(0.3)
    assert r.municipality(VENLO).residents == rel(80.0)
    assert r.municipality(VENRAY).residents == rel(48.0)
    assert t["dwellings"] == rel(128 / 2.1)
    assert dom(r, VENLO, "housing_dwellings").demand == rel(80 / 2.1)
    assert dom(r, VENRAY, "housing_dwellings").demand == rel(48 / 2.1)
    assert t["gp_patients"] == rel(128.0)
    assert t["gp_fte"] == rel(128 / 2095)
    assert t["pupils_primary"] == rel(24 * 0.4444)
    assert t["pupils_secondary"] == rel(24 * 0.3334)
    assert dom(r, VENRAY, "education_primary").demand == rel(9 * 0.4444)
    assert t["peak_vehicles"] == rel(100 / 2 * VEH_PER_COMMUTER)
    assert t["commute_vehicle_km_per_day"] == rel(person_km * TRIP_ROAD * VEH_PER_COMMUTER)
    assert t["commute_co2_kg_per_day"] == rel(person_km * TRIP_ROAD * CO2_PER_PERSON_KM)
    assert t["commute_vehicle_km_per_day"] == pytest.approx(1390.36, abs=0.01)


# ---------------------------------------------------------------------------
# gravity over two municipalities (gravity_two.ber)
# ---------------------------------------------------------------------------
def test_gravity_two_municipalities() -> None:
    """100 eu_mid workers, gravity over Venlo (host, d = 0) and Venray (d = 19.4327 km).

    The case pins the plain gravity model of the first version with overrides: the flex
    half-distance 15 km (as for settling workers) and no minimum host share.

    Weight = dwellings x exp(-ln 2 x d / 15 km):
      Venlo  48,553 x 1                                 = 48,553
      Venray 19,757 x exp(-0.693147 x 19.4327 / 15)
             = 19,757 x exp(-0.897988) = 19,757 x 0.407384 = 8,048.7
    Shares: Venray 8,048.7 / 56,601.7 = 0.14220, Venlo 0.85780.
    Flex beds = 100 x share; GP patients = 100 x share.
    Vehicle-km = 100 x 0.14220 x 19.4327 x 2.6 x 116/300 = 277.8.
    """
    w_venlo = 48553 * 1.0
    w_venray = 19757 * math.exp(-math.log(2) * D_VENRAY / 15.0)
    s_venray = w_venray / (w_venlo + w_venray)
    assert s_venray == pytest.approx(0.14220, abs=1e-5)
    r = run(load("gravity_two.ber"))
    assert r.municipality(VENRAY).residence_share == rel(s_venray)
    assert r.municipality(VENLO).residence_share == rel(1 - s_venray)
    assert dom(r, VENRAY, "housing_flex").demand == rel(100 * s_venray)
    assert dom(r, VENLO, "care_gp").demand == rel(100 * (1 - s_venray))
    vkm = 100 * s_venray * D_VENRAY * TRIP_ROAD * VEH_PER_COMMUTER
    assert r.totals["commute_vehicle_km_per_day"] == rel(vkm)
    assert vkm == pytest.approx(277.8, abs=0.1)


def test_gravity_cutoff() -> None:
    """Site on the Beesel centroid (202577, 364647), region Beesel + Gennep.

    Gennep's centroid (196469, 412451) is sqrt(6108^2 + 47804^2) / 1000 = 48.19 km away,
    beyond the 40 km cut-off: weight 0, so every worker lives in Beesel (plain gravity
    pinned by the case; with the default minimum host share the result is the same).
    """
    d_gennep = math.hypot(202577 - 196469, 364647 - 412451) / 1000
    assert d_gennep > 40.0
    case = load(
        "gravity_two.ber",
        sites=[{"name": "Beesel", "x": 202577, "y": 364647, "crs": "EPSG:28992", "chosen": True}],
        region={"municipalities": [BEESEL, GENNEP]},
    )
    r = run(case)
    assert r.site["host_municipality"] == BEESEL
    assert r.municipality(GENNEP).residence_share == 0.0
    assert r.municipality(BEESEL).residence_share == rel(1.0)
    assert r.totals["commute_vehicle_km_per_day"] == rel(0.0)


# ---------------------------------------------------------------------------
# pressure and status (thresholds.ber): 100 eu_mid workers in Venlo
# flex-bed demand 100, GP patients 100, dwellings 0, pupils 0, peak 19.333
# ---------------------------------------------------------------------------
