"""Cumulative effects: the new case on top of the registered cases in its region.

For every domain, municipality of the new case's region and calendar year of
its horizon, the demand of every *granted* and *in procedure* registered case is
summed (one aggregate SQL query), the new case's own demand is added, and
pressure and status are computed without and with the new case against the new
case's capacity table and thresholds (the same ``ber.engine.model.pressure_status``
as a single assessment).

Calendar years: a registered case counts from its first assessed year; after its
last assessed year it keeps the demand of that year (a granted business does not
vanish when its assessment horizon ends). ``carry_forward=False`` turns that off.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import and_, func, or_, select
from sqlalchemy import case as sql_case

from ber.case.model import Case
from ber.engine.cumulative import Contributor, Cumulative, CumulativeSeries, threshold
from ber.engine.domains import domain_keys, domain_unit
from ber.engine.model import pressure_status
from ber.engine.result import Assessment, clean
from ber.engine.status import STATUS_CODES
from ber.engine.verdict import domain_verdicts
from ber.reference.data import load_reference
from ber.register.conditions import employer_beds_adjustment
from ber.register.schema import COUNTED_STATUSES, case_demand, cases

if TYPE_CHECKING:
    from ber.register.store import Register


def _exclude_id(register: Register, reference: str | None) -> int:
    """Row id of the case to leave out (0, never an id, when none or not registered)."""
    if not reference:
        return 0
    with register._read() as conn:
        found = conn.execute(select(cases.c.id).where(cases.c.reference == reference)).scalar()
    return int(found or 0)


def _window(first: int, last: int, carry_forward: bool) -> Any:
    d = case_demand.c
    in_window = d.year.between(first, last)
    return or_(in_window, and_(d.is_last, d.year < first)) if carry_forward else in_window


def _other_demand(
    register: Register, codes: list[str], years: list[int], exclude_id: int, carry_forward: bool
) -> np.ndarray:
    """Summed demand (D, K, Y) of the counted registered cases: one aggregate query.

    It reads only the covering index ``ix_case_demand_area`` (no join: the case's
    status is kept on its demand rows).
    """
    first, last = years[0], years[-1]
    d = case_demand.c
    query = (
        select(d.domain, d.municipality, d.year, d.is_last, func.sum(d.demand))
        .where(
            d.municipality.in_(codes),
            _window(first, last, carry_forward),
            d.case_status.in_(COUNTED_STATUSES),
            d.case_id != exclude_id,
        )
        .group_by(d.domain, d.municipality, d.year, d.is_last)
    )
    dom_i = {dom: i for i, dom in enumerate(domain_keys())}
    mun_i = {c: i for i, c in enumerate(codes)}
    Y = len(years)
    out = np.zeros((len(domain_keys()), len(codes), Y))
    carry = np.zeros((len(domain_keys()), len(codes), Y))  # level added from year index t on
    with register._read() as conn:
        for domain, municipality, year, is_last, total in conn.execute(query):
            if domain not in dom_i:
                continue
            i, k = dom_i[domain], mun_i[municipality]
            if first <= year <= last:
                out[i, k, year - first] += total
            if carry_forward and is_last:
                # the steady state of a case whose horizon ends in ``year`` holds afterwards
                start = max(year + 1 - first, 0)
                if start < Y:
                    carry[i, k, start] += total
    return out + np.cumsum(carry, axis=2)


def _contributors(
    register: Register,
    codes: list[str],
    years: list[int],
    year: int,
    exclude_id: int,
    carry_forward: bool,
) -> list[Contributor]:
    """Every counted case with demand in the region during the window (one query).

    ``demand`` is each case's demand in ``year`` (the full-operation year), per
    domain. The per-case sums come from the covering index; only their few rows are
    joined to ``cases`` for the names.
    """
    d = case_demand.c
    at_year = or_(d.year == year, and_(d.is_last, d.year < year)) if carry_forward else d.year == year
    per_case = (
        select(
            d.case_id.label("case_id"),
            d.domain.label("domain"),
            func.sum(sql_case((at_year, d.demand), else_=0.0)).label("demand"),
        )
        .where(
            d.municipality.in_(codes),
            _window(years[0], years[-1], carry_forward),
            d.case_status.in_(COUNTED_STATUSES),
            d.case_id != exclude_id,
        )
        .group_by(d.case_id, d.domain)
        .subquery()
    )
    query = select(
        cases.c.reference,
        cases.c.title,
        cases.c.business_name,
        cases.c.status,
        cases.c.host_municipality,
        cases.c.start_year,
        cases.c.last_year,
        per_case.c.domain,
        per_case.c.demand,
    ).join_from(per_case, cases, cases.c.id == per_case.c.case_id)
    found: dict[str, tuple[tuple[Any, ...], dict[str, float]]] = {}
    with register._read() as conn:
        for row in conn.execute(query):
            entry = found.setdefault(row[0], (tuple(row[:7]), {dom: 0.0 for dom in domain_keys()}))
            if row[7] in entry[1]:
                entry[1][row[7]] += float(row[8] or 0.0)
    out = [
        Contributor(
            reference=h[0],
            title=h[1],
            business_name=h[2],
            status=h[3],
            host_municipality=h[4],
            start_year=int(h[5]),
            last_year=int(h[6]),
            demand=dem,
        )
        for h, dem in found.values()
    ]
    return sorted(out, key=lambda c: (-sum(c.demand.values()), c.reference))


def cumulative(
    result: Assessment,
    case: Case,
    register: Register,
    exclude_ref: str | None = None,
    *,
    carry_forward: bool = True,
) -> Cumulative:
    """Cumulative pressure of ``case`` (assessed as ``result``) with the registered cases.

    ``exclude_ref``: a registered case to leave out; None leaves out the case's own
    reference (``case.meta.reference``), so re-assessing a registered case never
    counts it twice.
    """
    exclude = exclude_ref if exclude_ref is not None else (case.meta.reference.strip() or None)
    codes = [m.code for m in result.municipalities]
    names = [m.name for m in result.municipalities]
    years = [int(y) for y in result.years]
    D, K, Y = len(domain_keys()), len(codes), len(years)
    this = np.zeros((D, K, Y))
    capacity = np.full((D, K), np.nan)
    for k, m in enumerate(result.municipalities):
        for i, dom in enumerate(domain_keys()):
            dr = m.domains[dom]
            this[i, k] = dr.demand_per_year
            if dr.capacity is not None:
                capacity[i, k] = dr.capacity
    exclude_id = _exclude_id(register, exclude)
    other = _other_demand(register, codes, years, exclude_id, carry_forward) if K else np.zeros_like(this)
    # employer beds count as capacity only once delivered (permit conditions, ber.register.conditions)
    beds = employer_beds_adjustment(
        register, codes, years, result.full_operation_year, exclude_id, carry_forward
    )
    other = other + beds.extra
    # a result without the thresholds (never expected) falls back on the reference rows
    ref = load_reference()
    amber = threshold(result, "status.amber_threshold", ref.value("status.amber_threshold"))
    red = threshold(result, "status.red_threshold", ref.value("status.red_threshold"))
    coverage = threshold(result, "verdict.min_coverage", ref.value("verdict.min_coverage"))
    params = {"status.amber_threshold": np.array([amber]), "status.red_threshold": np.array([red])}
    p_without, s_without = pressure_status(other[None], capacity, params)
    total = other + this
    p_with, s_with = pressure_status(total[None], capacity, params)
    p_without, s_without, p_with, s_with = p_without[0], s_without[0], p_with[0], s_with[0]

    def plist(p: np.ndarray, known: bool) -> list[float | None]:
        return [clean(float(x)) if known else None for x in p]

    series = []
    for i, dom in enumerate(domain_keys()):
        for k, code in enumerate(codes):
            known = not np.isnan(capacity[i, k])
            series.append(
                CumulativeSeries(
                    domain=dom,
                    municipality=code,
                    municipality_name=names[k],
                    unit=domain_unit(dom),
                    capacity=float(capacity[i, k]) if known else None,
                    other=[float(x) for x in other[i, k]],
                    this=[float(x) for x in this[i, k]],
                    total=[float(x) for x in total[i, k]],
                    pressure_without=plist(p_without[i, k], known),
                    status_without=[STATUS_CODES[int(x)] for x in s_without[i, k]],
                    pressure_with=plist(p_with[i, k], known),
                    status_with=[STATUS_CODES[int(x)] for x in s_with[i, k]],
                )
            )
    t = years.index(result.full_operation_year)
    contributors = (
        _contributors(register, codes, years, result.full_operation_year, exclude_id, carry_forward)
        if K
        else []
    )
    for c in contributors:
        c.demand["housing_flex"] += beds.per_case.get(c.reference, 0.0)
    return Cumulative(
        reference=case.meta.reference,
        years=years,
        full_operation_year=result.full_operation_year,
        municipalities=codes,
        municipality_names=names,
        thresholds={"amber": amber, "red": red},
        counted_statuses=COUNTED_STATUSES,
        carry_forward=carry_forward,
        series=series,
        verdict_without=domain_verdicts(
            codes, names, other[:, :, t], p_without[:, :, t], s_without[:, :, t], capacity, coverage
        ),
        verdict_with=domain_verdicts(
            codes, names, total[:, :, t], p_with[:, :, t], s_with[:, :, t], capacity, coverage
        ),
        contributors=contributors,
        employer_beds=beds.count,
    )
