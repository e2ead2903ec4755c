"""Cumulative effects against a small register whose sums are computed by hand.

Region of the new case N: Venlo (GM0983, "A") and Venray (GM0984, "B"); years
2030-2033, full operation 2031; thresholds amber 0.5, red 1.0; capacity A flex
beds 100, B GP patients 400, everything else unknown.

Registered (demand per calendar year):
  R1 granted       2028-2031  flex beds A: 10, 20, 30, 30   (horizon ends 2031)
  R2 in procedure  2031-2034  flex beds A: 5, 10, 10, 10;  GP patients B: 100, 200, 200, 200
  R3 refused       2030-2033  flex beds A: 1000 each year   (not counted)
  R4 withdrawn     2030-2033  flex beds A: 1000 each year   (not counted)
  R5 granted       2030-2033  flex beds in Beesel GM0889: 500 (outside N's region)
New case N: flex beds A 0, 15, 15, 15; GP patients B 50, 50, 50, 50.

Flex beds A, other cases (R1 keeps its last-year level 30 after 2031):
  2030: 30          2031: 30 + 5 = 35   2032: 30 + 10 = 40   2033: 30 + 10 = 40
  pressure without /100: 0.30 0.35 0.40 0.40 -> green green green green
  with N (+0, 15, 15, 15): 30 50 55 55 -> 0.30 green, 0.50 amber, 0.55 amber, 0.55 amber
GP patients B, other: 0, 100, 200, 200 -> /400: 0, 0.25, 0.50, 0.50 -> green green amber amber
  with N (+50 each): 50 150 250 250 -> 0.125 0.375 0.625 0.625 -> green green amber amber
Regional verdict in 2031: flex beds green (A, 0.35) without, amber (A, 0.50) with;
GP green (B, 0.25) without, green (B, 0.375) with.
Without carrying R1 forward, flex beds A other in 2032 and 2033 is 10 (R2 only).
"""

from __future__ import annotations

import pytest

from ber.case.demo import demo_case
from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys, domain_unit
from ber.engine.result import (
    Assessment,
    ChosenSite,
    DomainResult,
    MunicipalityResult,
    ParameterUsed,
    RegionUsed,
    Totals,
    Verdict,
)
from ber.register import Register, cumulative

NAMES = {"GM0983": "Venlo", "GM0984": "Venray", "GM0889": "Beesel"}


def make_case(ref: str) -> Case:
    base = demo_case()
    return base.model_copy(update={"meta": base.meta.model_copy(update={"reference": ref, "title": ref})})


def make_result(
    case: Case,
    first_year: int,
    demand: dict[tuple[str, str], list[float]],
    capacity: dict[tuple[str, str], float] | None = None,
    codes: tuple[str, ...] = ("GM0983", "GM0984"),
    full_year: int | None = None,
) -> Assessment:
    """An assessment with exactly these demands (hand-made; the engine is tested elsewhere)."""
    capacity = capacity or {}
    years = [first_year + i for i in range(len(next(iter(demand.values()))))]
    full = full_year or years[min(1, len(years) - 1)]
    t = years.index(full)
    munis = []
    for code in codes:
        domains = {}
        for dom in domain_keys():
            d = demand.get((dom, code), [0.0] * len(years))
            domains[dom] = DomainResult(
                demand=d[t],
                capacity=capacity.get((dom, code)),
                pressure=None,
                status="green",
                unit=domain_unit(dom),
                demand_per_year=d,
                pressure_per_year=[None] * len(years),
                status_per_year=["green"] * len(years),
            )
        munis.append(MunicipalityResult(code, NAMES[code], 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, domains))

    def threshold(name: str, value: float) -> ParameterUsed:
        return ParameterUsed(name, name, value, value, value, "", "", "", False, False, "", name, name)

    return Assessment(
        app_version="test",
        reference_version="test",
        reference_checksum="",
        case_sha256=case.sha256(),
        computed_at="",
        language="nl",
        years=years,
        full_operation_year=full,
        site=ChosenSite("site", 0.0, 0.0, "EPSG:28992", codes[0], NAMES[codes[0]]),
        region=RegionUsed("list", "", 0.0, list(codes), ""),
        family_preset="",
        totals=Totals({"jobs": 100.0, "residents": 50.0}, {}, {}),
        per_year={},
        municipalities=munis,
        verdict={dom: Verdict("green", codes[0], NAMES[codes[0]], None) for dom in domain_keys()},
        sites=[],
        mitigations=None,
        parameters=[threshold("status.amber_threshold", 0.5), threshold("status.red_threshold", 1.0)],
    )


FLEX, GP = "housing_flex", "care_gp"
A, B = "GM0983", "GM0984"


@pytest.fixture
def reg(register_url: str) -> Register:
    register = Register.open(register_url)
    registered = [
        ("R1", "granted", 2028, {(FLEX, A): [10, 20, 30, 30]}, ("GM0983", "GM0984")),
        ("R2", "in_procedure", 2031, {(FLEX, A): [5, 10, 10, 10], (GP, B): [100, 200, 200, 200]}, (A, B)),
        ("R3", "refused", 2030, {(FLEX, A): [1000] * 4}, (A, B)),
        ("R4", "withdrawn", 2030, {(FLEX, A): [1000] * 4}, (A, B)),
        ("R5", "granted", 2030, {(FLEX, "GM0889"): [500] * 4}, ("GM0889",)),
    ]
    for ref, status, first, demand, codes in registered:
        case = make_case(ref)
        fdemand = {k: [float(x) for x in v] for k, v in demand.items()}
        register.add(case, make_result(case, first, fdemand, codes=codes), status=status)
    yield register
    register.close()


def new_case(ref: str = "N-1") -> tuple[Case, Assessment]:
    case = make_case(ref)
    result = make_result(
        case,
        2030,
        {(FLEX, A): [0.0, 15.0, 15.0, 15.0], (GP, B): [50.0] * 4},
        {(FLEX, A): 100.0, (GP, B): 400.0},
        full_year=2031,
    )
    return case, result


def test_hand_computed_example(reg: Register) -> None:
    case, result = new_case()
    cum = cumulative(result, case, reg)
    assert cum.years == [2030, 2031, 2032, 2033] and cum.full_operation_year == 2031
    flex = cum.get(FLEX, A)
    assert flex.other == pytest.approx([30, 35, 40, 40])
    assert flex.this == pytest.approx([0, 15, 15, 15])
    assert flex.total == pytest.approx([30, 50, 55, 55])
    assert flex.capacity == 100.0 and flex.unit == "beds"
    assert flex.pressure_without == pytest.approx([0.30, 0.35, 0.40, 0.40])
    assert flex.status_without == ["green"] * 4
    assert flex.pressure_with == pytest.approx([0.30, 0.50, 0.55, 0.55])
    assert flex.status_with == ["green", "amber", "amber", "amber"]
    gp = cum.get(GP, B)
    assert gp.other == pytest.approx([0, 100, 200, 200])
    assert gp.pressure_without == pytest.approx([0, 0.25, 0.5, 0.5])
    assert gp.status_without == ["green", "green", "amber", "amber"]
    assert gp.pressure_with == pytest.approx([0.125, 0.375, 0.625, 0.625])
    assert gp.status_with == ["green", "green", "amber", "amber"]
    # unknown capacity: demand shown, no pressure, grey when there is demand
    gp_a = cum.get(GP, A)
    assert gp_a.capacity is None and gp_a.pressure_with == [None] * 4
    flex_b = cum.get(FLEX, B)
    # no demand but unknown capacity: grey, pressure null (unknown whatever the demand)
    assert flex_b.other == [0.0] * 4 and flex_b.status_with == ["grey"] * 4
    v0, v1 = cum.verdict_without[FLEX], cum.verdict_with[FLEX]
    assert (v0.status, v0.municipality, v0.pressure) == ("green", A, pytest.approx(0.35))
    assert (v1.status, v1.municipality, v1.pressure) == ("amber", A, pytest.approx(0.50))
    g0, g1 = cum.verdict_without[GP], cum.verdict_with[GP]
    assert (g0.status, g0.municipality, g0.pressure) == ("green", B, pytest.approx(0.25))
    assert (g1.status, g1.municipality, g1.pressure) == ("green", B, pytest.approx(0.375))
    # the other cases by reference: granted and in procedure in the region only
    assert sorted(cum.other_references) == ["R1", "R2"]
    by_ref = {c.reference: c for c in cum.contributors}
    assert by_ref["R1"].status == "granted" and by_ref["R2"].status == "in_procedure"
    assert by_ref["R1"].demand[FLEX] == pytest.approx(30)  # in 2031
    assert by_ref["R2"].demand[FLEX] == pytest.approx(5) and by_ref["R2"].demand[GP] == pytest.approx(100)
    # B: no flex demand on unknown capacity: grey (unknown whatever the demand)
    assert cum.statuses(FLEX) == {A: "amber", B: "grey"}
    assert cum.statuses(FLEX, with_case=False) == {A: "green", B: "grey"}
    assert cum.statuses(GP, 2033) == {A: "grey", B: "amber"}  # A: GP capacity unknown: grey
    doc = cum.to_dict()
    assert doc["schema"] == "ber-cumulative/1" and len(doc["series"]) == len(domain_keys()) * 2
    assert doc["verdict_with"][FLEX]["status"] == "amber"


def test_without_carry_forward(reg: Register) -> None:
    case, result = new_case()
    flex = cumulative(result, case, reg, carry_forward=False).get(FLEX, A)
    assert flex.other == pytest.approx([30, 35, 10, 10])


def test_status_changes_move_cases_in_and_out(reg: Register) -> None:
    case, result = new_case()
    reg.set_status("R2", "withdrawn", who="x", why="ingetrokken")
    reg.set_status("R3", "granted", who="x", why="beroep gegrond")
    cum = cumulative(result, case, reg)
    assert sorted(cum.other_references) == ["R1", "R3"]
    assert cum.get(FLEX, A).other == pytest.approx([1030, 1030, 1030, 1030])
    assert cum.get(GP, B).other == [0.0] * 4
    assert cum.verdict_without[FLEX].status == "red"


def test_own_reference_is_not_counted_twice(reg: Register) -> None:
    case, result = new_case("N-1")
    reg.add(case, result, status="in_procedure")
    cum = cumulative(result, case, reg)  # its own registration is left out by default
    assert cum.get(FLEX, A).other == pytest.approx([30, 35, 40, 40])
    assert "N-1" not in cum.other_references
    twice = cumulative(result, case, reg, exclude_ref="")  # explicitly nothing excluded
    assert twice.get(FLEX, A).other == pytest.approx([30, 50, 55, 55])
    without_r1 = cumulative(result, case, reg, exclude_ref="R1")
    # R2 (0, 5, 10, 10) + N-1 (0, 15, 15, 15)
    assert without_r1.get(FLEX, A).other == pytest.approx([0, 20, 25, 25])


def test_empty_register_gives_the_case_alone(register_url: str) -> None:
    case, result = new_case()
    with Register.open(register_url) as reg:
        cum = cumulative(result, case, reg)
    flex = cum.get(FLEX, A)
    assert flex.other == [0.0] * 4 and flex.total == pytest.approx([0, 15, 15, 15])
    assert cum.contributors == []
    assert cum.verdict_without[FLEX].status == "green"


def test_real_assessment_twice_doubles_demand(register_url: str) -> None:
    """The demo registered as granted + the same business again: other == this everywhere."""
    demo = demo_case()
    ctx = Context.default()
    second = demo.model_copy(update={"meta": demo.meta.model_copy(update={"reference": "DEMO-2"})})
    r2 = assess(second, ctx)
    with Register.open(register_url) as reg:
        reg.add(demo, assess(demo, ctx), status="granted")
        cum = cumulative(r2, second, reg)
    assert cum.other_references == ["DEMO-2026-001"]
    for s in cum.series:
        # the register stores demand as float32 (docs/register.md): 6e-8 relative at most
        assert s.other == pytest.approx(s.this, rel=6e-8, abs=1e-30)
        assert s.other != pytest.approx(s.this, rel=1e-12, abs=0) or not any(s.this)
        if s.capacity is not None:
            for pw, pwo in zip(s.pressure_with, s.pressure_without, strict=True):
                assert pw == pytest.approx(2 * pwo)  # type: ignore[operator]
    t = r2.years.index(r2.full_operation_year)
    dwell = cum.get("housing_dwellings", "GM0983")
    assert dwell.pressure_without[t] == pytest.approx(
        r2.municipality("GM0983").domains["housing_dwellings"].pressure
    )
    assert cum.verdict_without["housing_dwellings"].status == r2.verdict["housing_dwellings"].status
