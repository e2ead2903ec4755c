"""Employer beds of permit conditions in the cumulative view.

The cumulative view counts employer beds as capacity only once delivered: a
registered case's stored flex-bed demand is net of the employer beds the case
declared (``workforce.employer_beds``, filled first, ``docs/method.md``), so for every
counted case the employer beds of its conditions (``ber.register.conditions``) that
are not delivered are added back as flex-bed demand in the condition's municipality
(:func:`employer_beds_adjustment`). That adjustment reads only the conditions and the
case files, not the stored demand rows, so it does not depend on how those are stored.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from sqlalchemy import case as sql_case
from sqlalchemy import func, select

from ber.engine.cumulative import EmployerBedsCount, EmployerBedsLine
from ber.engine.domains import domain_keys
from ber.register.condition_schema import permit_condition
from ber.register.schema import COUNTED_STATUSES, case_files, cases

if TYPE_CHECKING:
    from ber.register.store import Register


@dataclass
class BedsAdjustment:
    """Flex-bed demand to add for employer beds not delivered, and the count for the report."""

    extra: np.ndarray  # (D, K, Y) added to the other cases' demand
    count: EmployerBedsCount
    #: per case reference: beds added in the full-operation year (for the counted-cases list)
    per_case: dict[str, float] = field(default_factory=dict)


def _employer_beds_json(dialect: str) -> Any:
    """SQL for the case file's ``workforce.employer_beds`` as JSON text (not the whole file)."""
    if dialect == "postgresql":
        return func.jsonb_extract_path_text(case_files.c.case_json, "workforce", "employer_beds")
    return func.json_extract(case_files.c.case_json, "$.workforce.employer_beds")


def _declared_beds(blocks_json: str | None) -> dict[str, float]:
    """Employer beds the case file declares, per municipality (``workforce.employer_beds``)."""
    out: dict[str, float] = {}
    for block in json.loads(blocks_json or "[]") or []:
        code = str(block.get("municipality", ""))
        out[code] = out.get(code, 0.0) + float(block.get("beds") or 0.0)
    return out


def employer_beds_adjustment(
    register: Register,
    codes: list[str],
    years: list[int],
    full_operation_year: int,
    exclude_id: int,
    carry_forward: bool,
) -> BedsAdjustment:
    """Employer beds of the counted registered cases: delivered, promised, and the
    flex-bed demand to add for those not delivered.

    Per counted case and municipality of the region: ``U`` = beds of its employer-beds
    conditions not delivered (open, overdue or waived), ``V`` = beds delivered,
    ``B`` = employer beds the case file declares there (its stored flex-bed demand is
    net of them). Added demand = ``min(U, max(B - V, 0))`` in every year the case counts
    (its assessed years; after them too when ``carry_forward``): beds promised beyond
    the declared ones were never taken off its demand, so they add nothing.
    """
    D, K, Y = len(domain_keys()), len(codes), len(years)
    extra = np.zeros((D, K, Y))
    flex = domain_keys().index("housing_flex")
    pc, cs = permit_condition.c, cases.c
    done = pc.status == "delivered"
    query = (  # per case and municipality: beds not delivered, beds delivered
        select(
            cs.id,
            cs.reference,
            cs.start_year,
            cs.last_year,
            pc.municipality,
            func.sum(sql_case((done, 0), else_=pc.beds)),
            func.sum(sql_case((done, pc.beds), else_=0)),
        )
        .join_from(permit_condition, cases, cs.id == pc.case_id)
        .where(
            pc.kind == "employer_beds",
            pc.municipality.in_(codes),
            cs.status.in_(COUNTED_STATUSES),
            cs.id != exclude_id,
        )
        .group_by(cs.id, cs.reference, cs.start_year, cs.last_year, pc.municipality)
        .order_by(cs.reference, pc.municipality)
    )
    with register._read() as conn:
        rows = conn.execute(query).all()
        # case files are read only for cases with beds not delivered (nothing to add otherwise)
        wanted = sorted({r[0] for r in rows if (r[5] or 0) > 0})
        files = select(case_files.c.case_id, _employer_beds_json(conn.dialect.name)).where(
            case_files.c.case_id.in_(wanted)
        )
        declared = {cid: _declared_beds(doc) for cid, doc in conn.execute(files)} if wanted else {}
    mun_i = {c: i for i, c in enumerate(codes)}
    undelivered = np.array([float(r[5] or 0) for r in rows])
    delivered = np.array([float(r[6] or 0) for r in rows])
    b = np.array([declared.get(r[0], {}).get(r[4], 0.0) for r in rows])
    added = np.minimum(undelivered, np.maximum(b - delivered, 0.0))
    first = np.array([int(r[2]) for r in rows], dtype=int)
    last = np.array([int(r[3]) for r in rows], dtype=int)
    year_arr = np.array(years)
    counts = (year_arr[None, :] >= first[:, None]) & ((year_arr[None, :] <= last[:, None]) | carry_forward)
    np.add.at(extra[flex], np.array([mun_i[r[4]] for r in rows], dtype=int), added[:, None] * counts)
    at_full = (first <= full_operation_year) & ((full_operation_year <= last) | carry_forward)
    per_case: dict[str, float] = {}
    for r, a, full in zip(rows, added, at_full, strict=True):
        if full:
            per_case[r[1]] = per_case.get(r[1], 0.0) + float(a)
    lines = [
        EmployerBedsLine(r[1], r[4], delivered=float(v), promised=float(u), added=float(a))
        for r, u, v, a in zip(rows, undelivered, delivered, added, strict=True)
    ]
    count = EmployerBedsCount(
        delivered=float(delivered.sum()),
        promised=float(undelivered.sum()),
        added=float(added.sum()),
        lines=lines,
    )
    return BedsAdjustment(extra=extra, count=count, per_case=per_case)
