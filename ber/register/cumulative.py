"""Cumulative effects: the new case on top of the registered cases in its region.

For every domain, municipality of the new case's region and calendar year of
its horizon, the demand of every *granted* and *in procedure* registered case is
summed (the compact store, ``ber/register/area_query.py``; float32 demand, so
sums agree with a float64 computation to about 1e-7 relative), the new case's own demand is added, and
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
from sqlalchemy import select

from ber.case.model import Case
from ber.engine.cumulative import Contributor, Cumulative, CumulativeSeries, threshold
from ber.engine.domains import domain_keys, domain_unit
from ber.engine.model import pressure_status
from ber.engine.result import Assessment, clean
from ber.engine.status import STATUS_CODES
from ber.engine.verdict import domain_verdicts
from ber.reference.data import load_reference
from ber.register.area_query import AreaSums, area_sums
from ber.register.conditions import employer_beds_adjustment
from ber.register.schema import COUNTED_STATUSES, cases

if TYPE_CHECKING:
    from ber.register.store import Register


def _exclude_id(register: Register, reference: str | None) -> int:
    """Row id of the case to leave out (0, never an id, when none or not registered)."""
    if not reference:
        return 0
    with register._read() as conn:
        found = conn.execute(select(cases.c.id).where(cases.c.reference == reference)).scalar()
    return int(found or 0)


def _contributors(register: Register, domains: tuple[str, ...], sums: AreaSums) -> list[Contributor]:
    """Every counted case with demand in the region during the window, with its demand in
    the full-operation year per domain (from :func:`area_sums`); names from ``cases``."""
    found: dict[int, tuple[Any, ...]] = {}
    ids = [int(i) for i in sums.case_ids]
    with register._read() as conn:
        p = "?" if conn.dialect.paramstyle == "qmark" else "%s"
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:  # thousands of ids: the driver's cursor, no statement building per id
            for start in range(0, len(ids), 5000):
                chunk = ids[start : start + 5000]
                cursor.execute(
                    "SELECT id, reference, title, business_name, status, host_municipality, "
                    f"start_year, last_year FROM cases WHERE id IN ({', '.join([p] * len(chunk))})",
                    chunk,
                )
                found.update((int(row[0]), tuple(row[1:])) for row in cursor.fetchall())
        finally:
            cursor.close()
    out = []
    for case_id, demand in zip(ids, sums.case_demand.tolist(), strict=True):
        h = found.get(case_id)
        if h is None:  # removed meanwhile (never on PostgreSQL, where cases are never deleted)
            continue
        out.append(
            Contributor(
                reference=h[0],
                title=h[1],
                business_name=h[2],
                status=h[3],
                host_municipality=h[4],
                start_year=int(h[5]),
                last_year=int(h[6]),
                demand=dict(zip(domains, demand, strict=True)),
            )
        )
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
    domains = domain_keys()
    with register._read() as conn:
        sums = area_sums(conn, domains, codes, years, result.full_operation_year, exclude_id, carry_forward)
    # employer beds count as capacity only once delivered (permit conditions, ber.register.conditions)
    beds = employer_beds_adjustment(
        register, codes, years, result.full_operation_year, exclude_id, carry_forward
    )
    other = sums.other + beds.extra
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
    contributors = _contributors(register, domains, sums)
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
