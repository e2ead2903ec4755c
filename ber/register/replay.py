"""Gather the counted register cases for a report (``register-cases.json``).

One pass over the compact store: the counted cases' ``case_area`` rows in the new
case's region are read and decoded once (``ber.register.area_query.area_blocks``,
the rows the cumulative view sums), the cases with demand in the region during
the window are found by the same sum (``ber.engine.area_sum``), and their
reference, status, dates, host and case hash come from one query. Each case's
rows go into the document as they are stored (float32, base64, the domains named
once). The report's cumulative figures are then computed from that document by
``ber.engine.cumulative_replay.replay``, the function ``ber assess REPORT.pdf``
uses to recompute them without a register: both read the same float32 values.
"""

from __future__ import annotations

from typing import Any

import numpy as np
from sqlalchemy import select

from ber.case.model import Case
from ber.engine.area_sum import Block, contributing
from ber.engine.cumulative import Cumulative
from ber.engine.cumulative_replay import (
    CountedArea,
    CountedBeds,
    CountedCase,
    CountedCases,
    encode_values,
    replay,
)
from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.register.cumulative import cases_by_id, region_blocks
from ber.register.employer_beds import BedsAdjustment, employer_beds_adjustment
from ber.register.schema import COUNTED_STATUSES, cases
from ber.register.store import Register

_COLUMNS = (
    "id",
    "reference",
    "title",
    "business_name",
    "status",
    "received",
    "decided",
    "host_municipality",
    "start_year",
    "last_year",
    "case_sha256",
    "reference_version",
    "app_version",
)


def _metadata(register: Register, ids: list[int], references: list[str]) -> dict[Any, dict[str, Any]]:
    """The ``cases`` columns of the given ids and references, keyed by both."""
    out: dict[Any, dict[str, Any]] = {}
    for case_id, row in cases_by_id(register, _COLUMNS[1:], ids).items():
        found = dict(zip(_COLUMNS, (case_id, *row), strict=True))
        out[case_id] = out[found["reference"]] = found
    missing = [r for r in references if r not in out]  # employer-beds lines: a few references
    if missing:
        c = cases.c
        with register._read() as conn:
            for row in conn.execute(select(*(c[name] for name in _COLUMNS)).where(c.reference.in_(missing))):
                found = dict(zip(_COLUMNS, row, strict=True))
                out[int(found["id"])] = out[found["reference"]] = found
    return out


def _date(value: Any) -> str:
    """A date column read by the driver: a ``date`` (PostgreSQL) or its ISO text (SQLite)."""
    if not value:
        return ""
    return value.isoformat() if hasattr(value, "isoformat") else str(value)[:10]


def counted_cases(
    register: Register,
    blocks: list[Block],
    owners: list[int],
    codes: list[str],
    years: list[int],
    case: Case,
    beds: BedsAdjustment,
    carry_forward: bool,
) -> CountedCases:
    """The document: every case in ``owners`` (register ids, in the order registered) with
    its stored rows in the region ``codes`` in the years the window ``years`` needs
    (``CountedArea``), and the employer-beds lines."""
    wanted = np.array(sorted(owners), dtype=np.int64)
    blocks = [b for b in blocks if np.isin(b.owner, wanted).any()]
    # the domains the embedded rows store (a case stores only the domains it has demand in)
    stored = {d for b in blocks for d in b.domains}
    domains = tuple(d for d in domain_keys() if d in stored) or domain_keys()
    first_w, last_w = years[0], years[-1]
    areas: dict[int, list[CountedArea]] = {i: [] for i in owners}
    # the store keeps per row only its own domains and years up to a steady state: over the
    # case's years and in the document's domains, the rows of one horizon are one block again
    merged: dict[int, list[Block]] = {}
    for b in blocks:
        rows = np.flatnonzero(np.isin(b.owner, wanted))
        if not len(rows):
            continue
        values = b.full()[rows]
        if b.domains != domains:  # another layout: in the document's domains
            have = [i for i, d in enumerate(b.domains) if d in domains]
            placed = np.zeros((len(rows), len(domains), values.shape[2]), dtype=values.dtype)
            placed[:, [domains.index(b.domains[i]) for i in have]] = values[:, have]
            values = placed
        part = Block(b.first[rows], values, domains, b.municipality[rows], b.owner[rows])
        merged.setdefault(b.horizon, []).append(part)
    for parts in merged.values():
        first_y = np.concatenate([p.first for p in parts]).astype(np.int64)
        owner = np.concatenate([p.owner for p in parts]).astype(np.int64)
        muni = np.concatenate([p.municipality for p in parts]).astype(np.int64)
        values = np.concatenate([p.values for p in parts])
        # one area per case (and first year): its municipalities' rows, the needed years only
        rows = np.lexsort((muni, first_y, owner))
        key = np.stack([owner[rows], first_y[rows]], axis=1)
        starts = np.flatnonzero(np.r_[True, (key[1:] != key[:-1]).any(axis=1)])
        Yc = values.shape[2]
        for sel in np.split(rows, starts[1:]):
            first = int(first_y[sel[0]])
            hi = min(Yc - 1, last_w - first)
            lo = max(0, first_w - first) if first + Yc - 1 >= first_w else hi
            areas[int(owner[sel[0]])].append(
                CountedArea.model_construct(
                    municipalities=[codes[k] for k in muni[sel].tolist()],
                    first_year=first + lo,
                    years=hi - lo + 1,
                    demand=encode_values(values[sel, :, lo : hi + 1]),
                )
            )
    line_refs = sorted({line.reference for line in (beds.count.lines if beds.count else [])})
    meta = _metadata(register, owners, line_refs)
    out = []
    for i in owners:
        m = meta.get(i)
        if m is None:  # removed meanwhile (never on PostgreSQL, where cases are never deleted)
            continue
        out.append(
            CountedCase.model_construct(
                reference=m["reference"],
                title=m["title"],
                business_name=m["business_name"],
                status=m["status"],
                received=_date(m["received"]),
                decided=_date(m["decided"]),
                host_municipality=m["host_municipality"],
                start_year=int(m["start_year"]),
                last_year=int(m["last_year"]),
                case_sha256=m["case_sha256"],
                reference_version=m["reference_version"],
                app_version=m["app_version"],
                areas=areas[i],
            )
        )
    lines = None
    if beds.count is not None:
        lines = [
            CountedBeds(
                reference=line.reference,
                municipality=line.municipality,
                start_year=int(meta[line.reference]["start_year"]),
                last_year=int(meta[line.reference]["last_year"]),
                delivered=line.delivered,
                promised=line.promised,
                added=line.added,
            )
            for line in beds.count.lines
        ]
    return CountedCases(
        case_sha256=case.sha256(),
        carry_forward=carry_forward,
        domains=list(domains),
        counted_statuses=list(COUNTED_STATUSES),
        cases=out,
        employer_beds=lines,
    )


def cumulative_with_cases(
    result: Assessment,
    case: Case,
    register: Register,
    exclude_ref: str | None = None,
    *,
    carry_forward: bool = True,
) -> Cumulative:
    """The cumulative view with its counted cases (``Cumulative.counted``) for the report.

    The same view as ``ber.register.cumulative.cumulative`` (same rows, same sum, same
    last step); its figures are computed from the gathered document, so a report made
    from it and ``ber assess REPORT.pdf`` use the same numbers and the same code.
    """
    codes, years, exclude_id, blocks = region_blocks(result, case, register, exclude_ref)
    # the cases with demand in the region during the window (the contributors)
    owners = [
        int(i) for i in contributing(blocks, domain_keys(), years, carry_forward)
    ]  # ascending: order registered
    beds = employer_beds_adjustment(
        register, codes, years, result.full_operation_year, exclude_id, carry_forward
    )
    counted = counted_cases(register, blocks, owners, codes, years, case, beds, carry_forward)
    return replay(result, case, counted)
