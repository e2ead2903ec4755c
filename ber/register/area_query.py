"""The cumulative view's reading of the compact store: one indexed range per municipality.

For each municipality of the new case's region the counted cases' ``case_area``
rows are read (the primary key starts with the municipality), decoded in bulk
with numpy and summed in float64:

* ``other`` (D, K, Y): the summed demand per domain, municipality and calendar
  year of the window, a case counting from its first year and, with
  ``carry_forward``, keeping its last year's demand after its horizon;
* per case, its demand in ``year`` summed over the region (for the contributors),
  for every case with any demand in the region during the window.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from sqlalchemy import Connection, bindparam, select

from ber.register.area import decode
from ber.register.area_sql import layouts
from ber.register.schema import COUNTED_STATUSES, case_area


@dataclass
class AreaSums:
    other: np.ndarray  # (D, K, Y) float64
    case_ids: np.ndarray  # (C,) int, the contributing cases
    case_demand: np.ndarray  # (C, D) float64, their demand in ``year`` over the region


def _query() -> object:
    a = case_area.c
    return select(a.demand).where(
        a.municipality == bindparam("code"),
        a.case_status.in_(COUNTED_STATUSES),
        a.first_year <= bindparam("last"),
        a.case_id != bindparam("exclude"),
    )


def area_sums(
    conn: Connection,
    domains: Sequence[str],
    codes: Sequence[str],
    years: Sequence[int],
    year: int,
    exclude_id: int,
    carry_forward: bool,
) -> AreaSums:
    first_w, last_w = int(years[0]), int(years[-1])
    Y = len(years)
    dom_i = {d: i for i, d in enumerate(domains)}
    other = np.zeros((len(domains), len(codes), Y))
    ids: list[np.ndarray] = []
    at_year: list[np.ndarray] = []
    lay = layouts(conn)
    query = _query()
    for k, code in enumerate(codes):
        blobs = conn.execute(query, {"code": code, "last": last_w, "exclude": exclude_id}).scalars().all()  # type: ignore[call-overload]
        if not blobs:
            continue
        for head, values, layout in decode(blobs, lay):
            target = [dom_i.get(d, -1) for d in layout]
            keep = [i for i, t in enumerate(target) if t >= 0]
            if not keep:
                continue
            tgt = [target[i] for i in keep]
            vals = values[:, keep, :]  # (R, D', Yc)
            R, _, Yc = vals.shape
            first = head["first"].astype(np.int64)
            # summed demand: rows with the same first year share their calendar years
            for f in np.unique(first):
                s = vals[first == f].sum(axis=0, dtype=np.float64)  # (D', Yc)
                t = np.arange(Y) + first_w - int(f)  # index into the case's years per window year
                inside = (t >= 0) & (t < Yc)
                block = np.zeros((len(tgt), Y))
                block[:, inside] = s[:, t[inside]]
                if carry_forward:
                    block[:, t >= Yc] = s[:, Yc - 1 : Yc]
                other[tgt, k, :] += block
            # contributors: does the row have demand in the window, and its demand in ``year``
            positive = vals.max(axis=1) > 0.0  # (R, Yc)
            lo = first_w - first
            hi = last_w - first
            cols = np.arange(Yc)
            in_window = (positive & (cols >= lo[:, None]) & (cols <= hi[:, None])).any(axis=1)
            if carry_forward:
                in_window |= (Yc - 1 < lo) & positive[:, -1]
            j = year - first
            valid = (j >= 0) & ((j < Yc) | carry_forward)
            jc = np.clip(j, 0, Yc - 1)
            at = vals[np.arange(R), :, jc].astype(np.float64) * valid[:, None]  # (R, D')
            full = np.zeros((R, len(domains)))
            full[:, tgt] = at
            ids.append(head["case"][in_window].astype(np.int64))
            at_year.append(full[in_window])
    if not ids:
        return AreaSums(other, np.zeros(0, dtype=np.int64), np.zeros((0, len(domains))))
    all_ids = np.concatenate(ids)
    case_ids, inverse = np.unique(all_ids, return_inverse=True)
    per_case = np.zeros((len(case_ids), len(domains)))
    np.add.at(per_case, inverse, np.concatenate(at_year))
    return AreaSums(other, case_ids, per_case)
