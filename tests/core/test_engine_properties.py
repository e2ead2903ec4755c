"""Property tests of the engine over random valid cases (hypothesis).

Cases are drawn over the built-in Noord-Limburg region: random jobs, ramp-up,
categories, sites, residence method (gravity or manual shares), cross-border share,
employer beds, mode shares, capacity (known, zero or unknown) and mitigations.
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys
from ber.engine.metrics import metric_keys
from ber.engine.params import parameter_specs, triangular_params
from ber.reference.data import CATEGORIES, MODES, load_reference

REF = load_reference()
# the seven-row demo table (no boundaries), like COLLAPSED below: the cases use its codes
CTX = Context.demo_region()
CODES = list(REF.municipalities.codes)
SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
#: domain -> the total that is the sum of that domain's demand over the municipalities
DOMAIN_TOTAL = {
    "housing_flex": "flex_beds_peak",  # flex beds are judged at the peak month
    "housing_dwellings": "dwellings",
    "care_gp": "gp_patients",
    "education_primary": "pupils_primary",
    "education_secondary": "pupils_secondary",
    "transport_peak": "site_peak_vehicles",
    "childcare": "childcare_places",
}


def _floats(low: float, high: float) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_subnormal=False)


def _fraction() -> st.SearchStrategy[float]:
    """A share or ramp-up fraction: 0, or at least 1e-6. Smaller ones (5e-110 × 2.6e-213,
    drawn once) multiply into float64's underflow, where no scaling law holds exactly;
    no officer types them."""
    return st.one_of(st.just(0.0), _floats(1e-6, 1.0))


def _shares(draw: st.DrawFn, keys: list[str], total: float = 1.0) -> dict[str, float]:
    weights = [draw(st.integers(0, 20)) for _ in keys]
    if sum(weights) == 0:
        weights[draw(st.integers(0, len(keys) - 1))] = 1
    s = sum(weights)
    return {k: total * w / s for k, w in zip(keys, weights, strict=True) if w > 0}


@st.composite
def cases(draw: st.DrawFn, with_beds: bool = True) -> dict[str, Any]:
    n_sites = draw(st.integers(1, 3))
    sites = []
    chosen = draw(st.integers(0, n_sites - 1))
    for i in range(n_sites):
        code = draw(st.sampled_from(CODES))
        k = REF.municipalities.index(code)
        if draw(st.booleans()):
            site: dict[str, Any] = {
                "name": f"site {i}",
                "x": float(REF.municipalities.x[k]) + draw(_floats(-2000, 2000)),
                "y": float(REF.municipalities.y[k]) + draw(_floats(-2000, 2000)),
                "crs": "EPSG:28992",
            }
        else:
            site = {"name": f"site {i}", "municipality": code}
        site["chosen"] = i == chosen
        sites.append(site)
    xb = draw(st.sampled_from([0.0, 0.0, 0.1, 0.35, 1.0]))
    if draw(st.booleans()):
        subset = draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=7, unique=True))
        residence: dict[str, Any] = {"method": "manual", "shares": _shares(draw, subset, 1.0 - xb)}
        if xb == 1.0:
            residence = {"method": "gravity"}
    else:
        residence = {"method": "gravity"}
    beds = []
    if with_beds:
        for _ in range(draw(st.integers(0, 2))):
            beds.append({"municipality": draw(st.sampled_from(CODES)), "beds": draw(_floats(0, 400))})
    mode_shares = _shares(draw, list(MODES)) if draw(st.booleans()) else None
    region = (
        {"municipalities": draw(st.lists(st.sampled_from(CODES), min_size=1, max_size=7, unique=True))}
        if draw(st.booleans())
        else {}
    )
    capacity: dict[str, Any] = {}
    for code in draw(st.lists(st.sampled_from(CODES), max_size=7, unique=True)):
        capacity[code] = {
            dom: draw(st.one_of(st.none(), st.just(0.0), _floats(0.01, 2000.0))) for dom in domain_keys()
        }
    return {
        "schema": "ber-case/1",
        "business": {
            "name": "Property B.V.",
            "sector": draw(st.sampled_from(list(REF.sectors))),
            "start_year": draw(st.integers(2000, 2090)),
            "jobs": draw(_floats(1.0, 5000.0)),
            "ramp_up": draw(st.lists(_fraction(), min_size=1, max_size=5)),
            "horizon_years": draw(st.integers(1, 10)),
            "shifts_per_day": draw(st.integers(1, 4)),
        },
        "sites": sites,
        "workforce": {
            "migrant_share": draw(st.one_of(st.none(), _fraction())),
            "category_shares": _shares(draw, list(CATEGORIES)),
            "employer_beds": beds,
            "mode_shares": mode_shares,
            "residence": residence,
            "cross_border_share": xb,
            "family_preset": draw(st.sampled_from(list(REF.presets))),
        },
        "region": region,
        "capacity": capacity,
        "mitigations": {
            "shuttle_share": draw(st.sampled_from([0.0, 0.0, 0.5, 1.0])),
            "employer_gp_share": draw(st.sampled_from([0.0, 0.0, 0.3])),
            "local_recruitment_share": draw(st.sampled_from([0.0, 0.0, 0.2])),
        },
    }


def _numbers(value: Any) -> list[float]:
    if isinstance(value, dict):
        return [x for v in value.values() for x in _numbers(v)]
    if isinstance(value, list):
        return [x for v in value for x in _numbers(v)]
    return [float(value)]


def _ratio(case: Case, category: str) -> float:
    return REF.norms[REF.categories[category].family_norm_key(case.workforce.family_preset)].value


@SETTINGS
@given(cases())
def test_central_invariants(doc: dict[str, Any]) -> None:
    case = Case.model_validate(doc)
    r = assess(case, CTX)
    t = r.totals
    # totals (full-operation year and per year) never negative
    for key in (*metric_keys(), "workers", "family"):
        assert all(x >= 0 for x in _numbers(t[key])), key
    for key, values in r.per_year.items():
        assert all(x >= 0 for x in values), key
    # family = workers x ratio, per category
    for c in CATEGORIES:
        assert t["family"][c] == pytest.approx(t["workers"][c] * _ratio(case, c), rel=1e-9, abs=1e-9)
    assert t["family_members"] == pytest.approx(sum(t["family"].values()), rel=1e-9, abs=1e-9)
    # residence shares sum to 1 minus the cross-border share (when anyone works there)
    if t["migrant_workers"] > 1e-9:
        shares = sum(m.residence_share for m in r.municipalities)
        assert shares == pytest.approx(1.0 - case.workforce.cross_border_share, abs=1e-9)
    # every domain's demand summed over the municipalities is the total
    for domain, total in DOMAIN_TOTAL.items():
        summed = sum(m.domains[domain].demand for m in r.municipalities)
        assert summed == pytest.approx(t[total], rel=1e-9, abs=1e-9), domain
    assert sum(m.gp_fte for m in r.municipalities) == pytest.approx(t["gp_fte"], rel=1e-9, abs=1e-9)
    assert sum(m.residents for m in r.municipalities) == pytest.approx(t["residents"], rel=1e-9, abs=1e-9)
    # unknown capacity stays unknown; pressures are demand / capacity
    for m in r.municipalities:
        for dom in m.domains.values():
            if dom.capacity is None:
                assert dom.pressure is None
                assert dom.status == "grey"  # unknown stays unknown, whatever the demand
            elif dom.capacity > 0:
                # demand below 1e-9 is floating-point noise: no demand, pressure 0 (model.EPS)
                expected = dom.demand / dom.capacity if dom.demand > 1e-9 else 0.0
                assert dom.pressure == pytest.approx(expected, rel=1e-9, abs=1e-12)
    if len(case.sites) > 1:
        assert sorted(s.rank for s in r.sites) == list(range(1, len(case.sites) + 1))


def _scaled(doc: dict[str, Any], factor: float) -> dict[str, Any]:
    out: dict[str, Any] = {**doc, "business": dict(doc["business"]), "workforce": dict(doc["workforce"])}
    out["business"]["jobs"] = doc["business"]["jobs"] * factor
    out["workforce"]["employer_beds"] = [
        {**b, "beds": b["beds"] * factor} for b in doc["workforce"]["employer_beds"]
    ]
    return out


@SETTINGS
@given(cases())
def test_doubling_jobs_doubles_every_demand(doc: dict[str, Any]) -> None:
    """Twice the jobs (and twice the employer beds, a fixed number otherwise) doubles
    every demand, per municipality and year, and the vehicle-km and CO2."""
    one = assess(Case.model_validate(doc), CTX)
    two = assess(Case.model_validate(_scaled(doc, 2.0)), CTX)
    for key in metric_keys():
        assert two.totals[key] == pytest.approx(2 * one.totals[key], rel=1e-9, abs=1e-9), key
    for key in metric_keys():
        assert two.per_year[key] == pytest.approx([2 * x for x in one.per_year[key]], rel=1e-9, abs=1e-9)
    for m1, m2 in zip(one.municipalities, two.municipalities, strict=True):
        for dom in domain_keys():
            d1, d2 = m1.domains[dom], m2.domains[dom]
            assert d2.demand_per_year == pytest.approx(
                [2 * x for x in d1.demand_per_year], rel=1e-9, abs=1e-9
            )
        assert m2.residence_share == pytest.approx(m1.residence_share, rel=1e-9, abs=1e-12)


MC_SETTINGS = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@MC_SETTINGS
@given(cases(), st.integers(0, 2**31 - 1))
def test_monte_carlo_percentiles_ordered_and_reproducible(doc: dict[str, Any], seed: int) -> None:
    case = Case.model_validate(doc)
    r = assess(case, CTX, samples=64, seed=seed)
    assert r.uncertainty is not None
    assert set(r.uncertainty["totals"]) == {*metric_keys(), "workers", "family"}  # every totals number
    for key, band in r.uncertainty["totals"].items():
        bands = band.values() if key in ("workers", "family") else [band]
        for b in bands:
            assert b["p10"] <= b["p50"] + 1e-9 and b["p50"] <= b["p90"] + 1e-9, key
    for dom, per_code in r.uncertainty["pressure"].items():
        for code, b in per_code.items():
            values = [b[p] for p in ("p10", "p50", "p90")]
            known = [v for v in values if v is not None]
            assert known == sorted(known), (dom, code)
            assert 0.0 <= b["share_red"] <= b["share_amber_or_red"] + 1e-12 <= 1.0 + 1e-12
    again = assess(case, CTX, samples=64, seed=seed)
    a, b = r.to_dict(), again.to_dict()
    a.pop("computed_at")
    b.pop("computed_at")
    assert a == b


def test_different_seed_different_draws() -> None:
    from ber.case.demo import demo_case

    case = demo_case()
    specs = parameter_specs(case, REF)
    one, two = triangular_params(specs, 200, 1), triangular_params(specs, 200, 2)
    uncertain = [n for n, s in specs.items() if s.uncertain]
    assert uncertain
    for name in uncertain:
        assert not np.array_equal(one[name], two[name]), name
        assert one[name].min() >= specs[name].low and one[name].max() <= specs[name].high
    r1 = assess(case, CTX, samples=200, seed=1)
    r2 = assess(case, CTX, samples=200, seed=2)
    assert r1.uncertainty is not None and r2.uncertainty is not None
    assert r1.uncertainty["totals"]["residents"] != r2.uncertainty["totals"]["residents"]


def _collapsed_context() -> Context:
    """The reference set with every range collapsed onto its central value."""
    norms = {k: dataclasses.replace(n, low=n.value, high=n.value) for k, n in REF.norms.items()}
    sectors = {
        k: dataclasses.replace(
            s,
            migrant_share_low=s.migrant_share,
            migrant_share_high=s.migrant_share,
            m2_per_job_low=s.m2_per_job,
            m2_per_job_high=s.m2_per_job,
            w_per_m2_low=s.w_per_m2,
            w_per_m2_high=s.w_per_m2,
            trucks_per_100m2_low=s.trucks_per_100m2,
            trucks_per_100m2_high=s.trucks_per_100m2,
            peak_factor_low=s.peak_factor,
            peak_factor_high=s.peak_factor,
        )
        for k, s in REF.sectors.items()
    }
    ref = dataclasses.replace(REF, norms=norms, sectors=sectors)
    return Context(ref=ref, table=ref.municipalities)


COLLAPSED = _collapsed_context()


@MC_SETTINGS
@given(cases())
def test_central_equals_monte_carlo_with_collapsed_ranges(doc: dict[str, Any]) -> None:
    case = Case.model_validate(doc)
    central = assess(case, COLLAPSED)
    mc = assess(case, COLLAPSED, samples=16, seed=3)
    assert mc.uncertainty is not None
    for key, band in mc.uncertainty["totals"].items():
        if key in ("workers", "family"):
            for c in CATEGORIES:
                for p in ("p10", "p50", "p90"):
                    assert band[c][p] == pytest.approx(central.totals[key][c], rel=1e-12, abs=1e-12)
        else:
            for p in ("p10", "p50", "p90"):
                assert band[p] == pytest.approx(central.totals[key], rel=1e-12, abs=1e-12), key
    for m in central.municipalities:
        for dom, res in m.domains.items():
            b = mc.uncertainty["pressure"][dom][m.code]
            if res.pressure is not None:
                assert b["p50"] == pytest.approx(res.pressure, rel=1e-12, abs=1e-12)
            else:  # unknown capacity, or zero capacity with demand (infinite pressure)
                assert b["p50"] is None
    # the collapsed central run equals the ordinary central run (collapsing changes no value)
    normal = assess(case, CTX)
    assert central.totals == normal.totals


def test_percentiles_with_infinite_and_unknown_draws() -> None:
    """Zero capacity gives infinite pressures: they sort above every finite draw, lower
    percentiles stay finite, an infinite percentile is null; unknown (NaN) is all null."""
    from ber.engine.summary import percentiles as _percentiles

    mixed = np.array([0.0, 1.0, 2.0, np.inf, np.inf, 3.0])
    # sorted: 0, 1, 2, 3, inf, inf; P10 at rank 0.5 -> 0.5; P50 at 2.5 -> 2.5; P90 at 4.5 -> inf
    assert _percentiles(mixed) == {"p10": 0.5, "p50": 2.5, "p90": None}
    assert _percentiles(np.full(4, np.inf)) == {"p10": None, "p50": None, "p90": None}
    assert _percentiles(np.full(4, np.nan)) == {"p10": None, "p50": None, "p90": None}


def test_zero_capacity_under_monte_carlo() -> None:
    from ber.case.demo import demo_case
    from ber.case.figures import CapacityFigure

    case = demo_case()
    case.capacity["GM0983"].housing_dwellings = CapacityFigure(value=0.0)
    r = assess(case, CTX, samples=200, seed=5)
    assert r.uncertainty is not None
    band = r.uncertainty["pressure"]["housing_dwellings"]["GM0983"]
    assert (band["p10"], band["p50"], band["p90"]) == (None, None, None)
    assert band["share_red"] == 1.0
    json.dumps(r.to_dict(), allow_nan=False)
