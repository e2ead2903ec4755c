"""Golden tests of the site domains (space, energy), computed by hand.

Set-up: ``thresholds.ber`` (see ``test_golden_engine``): 100 jobs of sector
``distribution`` at the Venlo centroid (GM0983, province Limburg PV31), ramp 1.0.
Reference values used (``reference_data/sectors.json``, ``norms.json``,
``provincial_rules.json``): distribution 30 W/m² (15-60), 160 m² per job (150-170);
``space.jobs_flag_factor`` 1.5; ``space.max_storeys`` 3; Limburg art. 12.5: 5 ha;
Noord-Brabant large logistics: 3 ha for distribution and e-commerce; status amber from a
pressure of 0.5, red from 1.0.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ber.case.figures import CapacityFigure
from ber.case.model import Capacity, Case, GridFigure
from ber.engine.assess import Context, assess
from ber.texts.messages import InputError
from tests.golden.test_golden_engine import VENLO, dom, load, rel, run

REF = Path(__file__).parents[2] / "reference_data"


def test_reference_literals() -> None:
    sectors = {r["key"]: r for r in json.loads((REF / "sectors.json").read_text("utf-8"))}
    d = sectors["distribution"]
    assert (d["w_per_m2"], d["w_per_m2_low"], d["w_per_m2_high"]) == (30.0, 15.0, 60.0)
    assert (d["m2_per_job_low"], d["m2_per_job_high"]) == (150.0, 170.0)
    rules = {r["key"]: r for r in json.loads((REF / "provincial_rules.json").read_text("utf-8"))}
    assert rules["limburg_art_12_5"]["max_plot_ha"] == 5.0
    assert rules["brabant_large_logistics"]["max_plot_ha"] == 3.0


def _case(plot: float | None = None, floor: float | None = None, **cap: float) -> Case:
    case = load("thresholds.ber")
    site = case.sites[0].model_copy(update={"plot_area_ha": plot, "floor_area_m2": floor})
    capacity = dict(case.capacity)
    entry = capacity[VENLO].model_copy(update={k: CapacityFigure(value=v) for k, v in cap.items()})
    capacity[VENLO] = entry
    return case.copy_with(sites=[site], capacity=capacity)


def test_space_pressure_and_limburg_rule() -> None:
    r = run(_case(plot=8.0, space=20.0))
    space = dom(r, VENLO, "space")
    assert (space.demand, space.capacity) == (rel(8.0), 20.0)
    assert space.pressure == rel(0.4)  # 8 ha / 20 ha issuable land
    assert space.status == "green"
    assert r.verdict["space"].coverage == 1.0
    assert r.totals.values["plot_area_ha"] == rel(8.0)
    f = r.site_facts
    assert f is not None
    assert f.jobs_per_ha == rel(12.5)  # 100 jobs / 8 ha
    assert (f.province, f.province_name) == ("PV31", "Limburg")
    (rule,) = f.rules
    assert (rule.key, rule.status, rule.limit_ha) == ("limburg_art_12_5", "exceeded", 5.0)  # 8 > 5 ha


@pytest.mark.parametrize(("plot", "status"), [(4.0, "ok"), (5.0, "ok"), (None, "unknown")])
def test_limburg_rule_not_exceeded(plot: float | None, status: str) -> None:
    f = run(_case(plot=plot)).site_facts
    assert f is not None and [r.status for r in f.rules] == [status]


def test_space_unknown_capacity_is_grey() -> None:
    # 8 ha of demand on no recorded land: coverage 0, verdict grey (never green)
    v = run(_case(plot=8.0)).verdict["space"]
    assert (v.status, v.coverage, v.unknown_demand) == ("grey", 0.0, rel(8.0))


def test_energy_estimate_from_floor_area() -> None:
    # 16,000 m² × 30 W/m² = 480,000 W = 0.48 MW; 0.48 / 1.2 MW = 0.4: green
    r = run(_case(floor=16_000.0, energy=1.2))
    e = dom(r, VENLO, "energy")
    assert (e.demand, e.pressure, e.status) == (rel(0.48), rel(0.4), "green")
    f = r.site_facts
    assert f is not None
    assert (f.grid_demand_mw, f.grid_declared, f.grid_capacity_source) == (rel(0.48), False, "municipality")
    assert f.m2_per_job == rel(160.0) and f.jobs_flag == ""  # 16,000 / 100 within 150-170


def test_energy_declared_kva() -> None:
    # 2,400 kVA = 2.4 MW; 2.4 / 3.0 = 0.8: amber
    case = _case(floor=16_000.0, energy=3.0)
    case = case.copy_with(business=case.business.model_copy(update={"grid_capacity_kva": 2400.0}))
    e = dom(run(case), VENLO, "energy")
    assert (e.demand, e.pressure, e.status) == (rel(2.4), rel(0.8), "amber")


@pytest.mark.parametrize(("colour", "status"), [("transparant", "green"), ("amber", "amber"), ("red", "red")])
def test_energy_capacity_map_colour(colour: str, status: str) -> None:
    # the map (12.5 MW) comes before the municipality's figure (1.0 MW): 0.48 / 12.5 = 0.0384,
    # green by pressure; the congestion colour sets the lowest status
    case = _case(floor=16_000.0, energy=1.0)
    grid = GridFigure(area="OS X", match="postcode", available_mw=12.5, colour=colour, requests_in_queue=7)
    case = case.copy_with(sites=[case.sites[0].model_copy(update={"grid": grid})])
    r = run(case)
    e = dom(r, VENLO, "energy")
    assert (e.capacity, e.pressure, e.status) == (12.5, rel(0.0384), status)
    assert r.site_facts is not None and r.site_facts.grid_capacity_source == "map"
    assert r.site_facts.grid is not None and r.site_facts.grid.requests_in_queue == 7


@pytest.mark.parametrize(("floor", "flag"), [(16_000.0, ""), (5_000.0, "many"), (40_000.0, "few")])
def test_jobs_flag(floor: float, flag: str) -> None:
    # 5,000 / 100 = 50 m² per job < 150 / 1.5 = 100: many jobs; 40,000 / 100 = 400 > 170 × 1.5 = 255: few
    f = run(_case(floor=floor)).site_facts
    assert f is not None and f.jobs_flag == flag


def test_monte_carlo_energy_band() -> None:
    # W/m² triangular(15, 30, 60): every draw between 16,000 × 15 and 16,000 × 60 W
    r = assess(_case(floor=16_000.0, energy=1.0), Context.default(), samples=200, seed=1)
    assert r.uncertainty is not None
    band = r.uncertainty.totals.values["grid_demand_mw"]
    assert band.p10 is not None and band.p90 is not None
    assert 0.24 <= band.p10 < 0.48 < band.p90 <= 0.96


def _brabant(sector: str, plot: float) -> Case:
    case = load("thresholds.ber")
    doc: dict[str, Any] = case.to_dict()
    doc["business"]["sector"] = sector
    doc["sites"] = [{"name": "Tilburg", "municipality": "GM0855", "plot_area_ha": plot}]
    doc["region"] = {"municipalities": ["GM0855"]}
    doc["workforce"]["residence"] = {"method": "manual", "shares": {"GM0855": 1.0}}
    doc["capacity"] = {}
    return Case.model_validate(doc)


def test_brabant_large_logistics() -> None:
    f = run(_brabant("distribution", 4.0)).site_facts
    assert f is not None and [(r.key, r.status) for r in f.rules] == [("brabant_large_logistics", "exceeded")]
    f = run(_brabant("manufacturing", 4.0)).site_facts  # the rule names logistics only
    assert f is not None and f.rules == []


@pytest.mark.parametrize(
    ("plot", "floor", "kva", "code", "field"),
    [
        (0.0, 10_000.0, None, "site.plot_zero", "sites[0].plot_area_ha"),
        (1.0, 30_001.0, None, "site.floor_exceeds_plot", "sites[0].floor_area_m2"),  # 1 ha × 3 storeys
        (None, None, -5.0, "field.non_negative", "business.grid_capacity_kva"),
        (None, None, 600_000.0, "field.range", "business.grid_capacity_kva"),
        (-2.0, None, None, "field.non_negative", "sites[0].plot_area_ha"),
    ],
)
def test_bad_site_input(
    plot: float | None, floor: float | None, kva: float | None, code: str, field: str
) -> None:
    case = _case(plot=plot, floor=floor)
    case = case.copy_with(business=case.business.model_copy(update={"grid_capacity_kva": kva}))
    with pytest.raises(InputError) as err:
        run(case)
    assert (code, field) in [(p.code, p.field) for p in err.value.problems]
    assert any(field in t for t in err.value.texts("nl"))


def test_capacity_fields_optional() -> None:
    assert Capacity().get("space") is None and Capacity().get("energy") is None


def test_freight_at_the_site() -> None:
    # 20,000 m² at the site: 20,000 / 100 × 0.5 = 100 truck movements a day, × 0.08 = 8 in the
    # peak hour, added to the 100 / 2 × 116/300 = 19.333 commuter vehicles of the transport domain
    r = run(_case(floor=20_000.0))
    t = r.totals.values
    assert (t["freight_trucks_per_day"], t["freight_trucks_peak"]) == (rel(100.0), rel(8.0))
    assert dom(r, VENLO, "transport_peak").demand == rel(100 / 2 * 116 / 300 + 8.0)
    assert t["site_peak_vehicles"] == rel(t["peak_vehicles"] + 8.0)
    f = r.site_facts
    assert f is not None and (f.freight_trucks_per_day, f.freight_trucks_peak) == (rel(100.0), rel(8.0))


def test_freight_monte_carlo_band() -> None:
    # trucks per 100 m² triangular(0.25, 0.5, 1.0): every draw 50-200 movements a day
    r = assess(_case(floor=20_000.0), Context.default(), samples=200, seed=2)
    assert r.uncertainty is not None
    band = r.uncertainty.totals.values["freight_trucks_per_day"]
    assert band.p10 is not None and band.p90 is not None
    assert 50.0 <= band.p10 < 100.0 < band.p90 <= 200.0
