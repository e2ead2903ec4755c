"""Cumulative effects: the new case on top of the registered cases in its region.

For every domain, municipality of the new case's region and calendar year of
its horizon, the demand of every *granted* and *in procedure* registered case is
summed (the compact store, ``ber/register/area_query.py``; float32 demand, so
sums agree with a float64 computation to about 1e-7 relative), the new case's own demand is added, and
pressure and status are computed without and with the new case against the new
case's capacity table and thresholds (the same ``ber.engine.model.pressure_status``
as a single assessment) by ``ber.engine.cumulative_replay.assemble``, the last step
a report's recomputation takes too.

Calendar years: a registered case counts from its first assessed year; after its
last assessed year it keeps the demand of that year (a granted business does not
vanish when its assessment horizon ends). ``carry_forward=False`` turns that off.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from sqlalchemy import select

from ber.case.model import Case
from ber.engine.area_sum import AreaSums, Block, area_sums
from ber.engine.cumulative import Contributor, Cumulative
from ber.engine.cumulative_replay import assemble
from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.register.area_query import area_blocks
from ber.register.employer_beds import employer_beds_adjustment
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


def cases_by_id(register: Register, columns: Sequence[str], ids: Sequence[int]) -> dict[int, tuple[Any, ...]]:
    """``columns`` of the ``cases`` rows with these ids (thousands: the driver's cursor, one
    array parameter on PostgreSQL, 5,000 placeholders a statement on SQLite), keyed by id."""
    found: dict[int, tuple[Any, ...]] = {}
    known = {c.name for c in cases.c}
    if any(c not in known for c in columns):
        raise ValueError(columns)
    select_cases = f"SELECT id, {', '.join(columns)} FROM cases WHERE id "
    with register._read() as conn:
        cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
        try:
            if conn.dialect.name == "postgresql":
                cursor.execute(select_cases + "= ANY(%s)", (list(ids),))
                found.update((int(row[0]), tuple(row[1:])) for row in cursor.fetchall())
            else:
                for start in range(0, len(ids), 5000):
                    chunk = list(ids[start : start + 5000])
                    cursor.execute(select_cases + f"IN ({', '.join(['?'] * len(chunk))})", chunk)
                    found.update((int(row[0]), tuple(row[1:])) for row in cursor.fetchall())
        finally:
            cursor.close()
    return found


def _contributors(register: Register, domains: tuple[str, ...], sums: AreaSums) -> list[Contributor]:
    """Every counted case with demand in the region during the window, with its demand in
    the full-operation year per domain (from :func:`area_sums`); names from ``cases``."""
    ids = [int(i) for i in sums.owners]
    columns = (
        "reference",
        "title",
        "business_name",
        "status",
        "host_municipality",
        "start_year",
        "last_year",
    )
    found = cases_by_id(register, columns, ids)
    out = []
    for case_id, demand in zip(ids, sums.owner_demand.tolist(), strict=True):
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


def region_blocks(
    result: Assessment, case: Case, register: Register, exclude_ref: str | None
) -> tuple[list[str], list[int], int, list[Block]]:
    """What both cumulative views start from: the region's codes, the window's years, the
    row id of the case left out (``exclude_ref``, else the case's own reference) and the
    counted cases' decoded rows in the region."""
    exclude = exclude_ref if exclude_ref is not None else (case.meta.reference.strip() or None)
    codes = [m.code for m in result.municipalities]
    years = [int(y) for y in result.years]
    exclude_id = _exclude_id(register, exclude)
    with register._read() as conn:
        blocks = area_blocks(conn, codes, years[-1], exclude_id)
    return codes, years, exclude_id, blocks


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
    codes, years, exclude_id, blocks = region_blocks(result, case, register, exclude_ref)
    domains = domain_keys()
    sums = area_sums(blocks, domains, len(codes), years, result.full_operation_year, carry_forward)
    # employer beds count as capacity only once delivered (permit conditions, ber.register.employer_beds)
    beds = employer_beds_adjustment(
        register, codes, years, result.full_operation_year, exclude_id, carry_forward
    )
    contributors = _contributors(register, domains, sums)
    for c in contributors:
        c.demand["housing_flex"] += beds.per_case.get(c.reference, 0.0)
    return assemble(
        result,
        case,
        sums.other + beds.extra,
        contributors,
        counted_statuses=COUNTED_STATUSES,
        carry_forward=carry_forward,
        employer_beds=beds.count,
    )
