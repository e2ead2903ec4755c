"""The cumulative view's reading of the compact store.

For the municipalities of the new case's region the counted cases' ``case_area``
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
from typing import Any

import numpy as np
from sqlalchemy import Connection

from ber.register.area import decode_chunks
from ber.register.area_sql import layouts
from ber.register.schema import COUNTED_STATUSES


@dataclass
class AreaSums:
    other: np.ndarray  # (D, K, Y) float64
    case_ids: np.ndarray  # (C,) int, the contributing cases
    case_demand: np.ndarray  # (C, D) float64, their demand in ``year`` over the region


def _chunks(
    conn: Connection, codes: Sequence[str], last: int, exclude_id: int
) -> list[tuple[int, bytes, np.ndarray]]:
    """The counted cases' area rows of ``codes``, joined per municipality and row length:
    (row length, the rows' bytes, each row's municipality index).

    PostgreSQL joins them in the server (``string_agg`` over ``bytea``, one statement,
    binary results); SQLite reads each municipality's range of the primary key. Both run
    on the driver's cursor (no statement building per call).
    """
    out: list[tuple[int, bytes, np.ndarray]] = []
    postgresql = conn.dialect.name == "postgresql"
    driver: Any = conn.connection.dbapi_connection
    cursor = driver.cursor(binary=True) if postgresql else driver.cursor()
    try:
        if postgresql:
            index = {code: k for k, code in enumerate(codes)}
            cursor.execute(
                "SELECT municipality, octet_length(demand), count(*), string_agg(demand, ''::bytea) "
                "FROM case_area WHERE municipality = ANY(%s) AND case_status IN (%s, %s) "
                "AND first_year <= %s AND case_id <> %s GROUP BY municipality, octet_length(demand)",
                (list(codes), *COUNTED_STATUSES, last, exclude_id),
            )
            for code, length, count, data in cursor.fetchall():
                out.append((int(length), bytes(data), np.full(int(count), index[code], dtype=np.int64)))
            return out
        sql = (
            "SELECT demand FROM case_area WHERE municipality = ? AND case_status IN (?, ?) "
            "AND first_year <= ? AND case_id <> ?"
        )
        for k, code in enumerate(codes):
            cursor.execute(sql, (code, *COUNTED_STATUSES, last, exclude_id))
            blobs = [row[0] for row in cursor.fetchall()]
            lengths = set(map(len, blobs))
            if len(lengths) == 1:  # the usual case: every case with the same horizon and domains
                out.append((lengths.pop(), b"".join(blobs), np.full(len(blobs), k, dtype=np.int64)))
                continue
            for length in lengths:
                group = [b for b in blobs if len(b) == length]
                out.append((length, b"".join(group), np.full(len(group), k, dtype=np.int64)))
    finally:
        cursor.close()
    return out


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
    chunks = _chunks(conn, codes, last_w, exclude_id)
    lay = layouts(conn)
    for head, values, layout, ks in decode_chunks(chunks, lay):
        target = [dom_i.get(d, -1) for d in layout]
        keep = [i for i, t in enumerate(target) if t >= 0]
        if not keep:
            continue
        tgt = np.array([target[i] for i in keep])
        vals = values[:, keep, :] if len(keep) < len(layout) else values  # (R, D', Yc)
        R, _, Yc = vals.shape
        first = head["first"].astype(np.int64)
        # summed demand: rows of one first year share their calendar years; rows come
        # ordered by municipality, so each municipality's rows are one run to reduce
        for f in np.unique(first):
            sel = np.flatnonzero(first == f)
            k_sel = ks[sel]
            starts = np.flatnonzero(np.r_[True, k_sel[1:] != k_sel[:-1]])
            sums = np.add.reduceat(vals[sel], starts, axis=0, dtype=np.float64)  # (n, D', Yc)
            t = np.arange(Y) + first_w - int(f)  # index into the case's years per window year
            inside = (t >= 0) & (t < Yc)
            block = np.zeros((len(starts), len(tgt), Y))
            block[:, :, inside] = sums[:, :, t[inside]]
            if carry_forward:
                block[:, :, t >= Yc] = sums[:, :, Yc - 1 : Yc]
            other[tgt[:, None], k_sel[starts][None, :], :] += block.transpose(1, 0, 2)
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
        full = np.zeros((int(in_window.sum()), len(domains)))
        full[:, tgt] = at[in_window]
        ids.append(head["case"][in_window].astype(np.int64))
        at_year.append(full)
    if not ids:
        return AreaSums(other, np.zeros(0, dtype=np.int64), np.zeros((0, len(domains))))
    case_ids, inverse = np.unique(np.concatenate(ids), return_inverse=True)
    stacked = np.concatenate(at_year)
    per_case = np.column_stack(
        [np.bincount(inverse, weights=stacked[:, d], minlength=len(case_ids)) for d in range(len(domains))]
    ).reshape(len(case_ids), len(domains))
    return AreaSums(other, case_ids, per_case)
