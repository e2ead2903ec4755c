"""The cumulative view's reading of the compact store.

For the municipalities of the new case's region the counted cases' ``case_area``
rows are read (the primary key starts with the municipality) and decoded in bulk
with numpy into blocks that ``ber.engine.area_sum.area_sums`` sums (the cumulative
view) and ``ber.register.replay`` embeds in a report (its counted cases).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np
from sqlalchemy import Connection

from ber.engine.area_sum import Block
from ber.register.area import decode_chunks
from ber.register.area_sql import layouts
from ber.register.schema import COUNTED_STATUSES


def _chunks(
    conn: Connection, codes: Sequence[str], last: int, exclude_id: int
) -> list[tuple[int, bytes, np.ndarray]]:
    """The counted cases' area rows of ``codes``, joined per municipality and row length:
    (row length, the rows' bytes, each row's municipality index).

    PostgreSQL joins each municipality's rows of one layout in the server (``string_agg``
    over ``bytea`` grouped by municipality and layout: a hash aggregate with no sort, the
    planner knows the few layouts from the statistics; binary results). A layout fixes
    the row length; should a group's rows still differ in length, that municipality is
    read again row by row. SQLite reads each municipality's range of the primary key.
    Both run on the driver's cursor (no statement building per call).
    """
    out: list[tuple[int, bytes, np.ndarray]] = []
    postgresql = conn.dialect.name == "postgresql"
    driver: Any = conn.connection.dbapi_connection
    cursor = driver.cursor(binary=True) if postgresql else driver.cursor()
    index = {code: k for k, code in enumerate(codes)}
    try:
        if postgresql:
            where = "WHERE municipality = ANY(%s) AND case_status IN (%s, %s) AND first_year <= %s AND case_id <> %s"
            cursor.execute(
                "SELECT municipality, min(octet_length(demand)), max(octet_length(demand)), count(*), "
                f"string_agg(demand, ''::bytea) FROM case_area {where} GROUP BY municipality, layout",
                (list(codes), *COUNTED_STATUSES, last, exclude_id),
            )
            mixed = set()
            for code, shortest, longest, count, data in cursor.fetchall():
                if shortest != longest:
                    mixed.add(code)
                    continue
                out.append((int(shortest), bytes(data), np.full(int(count), index[code], dtype=np.int64)))
            if mixed:
                out = [chunk for chunk in out if codes[int(chunk[2][0])] not in mixed]
                cursor.execute(
                    f"SELECT municipality, demand FROM case_area {where}",
                    (sorted(mixed), *COUNTED_STATUSES, last, exclude_id),
                )
                by_code: dict[str, list[bytes]] = {}
                for code, blob in cursor.fetchall():
                    by_code.setdefault(code, []).append(bytes(blob))
                for code, blobs in by_code.items():
                    out += _joined(blobs, index[code])
            return out
        sql = (
            "SELECT demand FROM case_area WHERE municipality = ? AND case_status IN (?, ?) "
            "AND first_year <= ? AND case_id <> ?"
        )
        for k, code in enumerate(codes):
            cursor.execute(sql, (code, *COUNTED_STATUSES, last, exclude_id))
            out += _joined([row[0] for row in cursor.fetchall()], k)
    finally:
        cursor.close()
    return out


def _joined(blobs: list[bytes], k: int) -> list[tuple[int, bytes, np.ndarray]]:
    """One municipality's rows joined per row length (a few: one per layout in use)."""
    if not blobs:
        return []
    lengths = np.fromiter(map(len, blobs), dtype=np.int64, count=len(blobs))
    if (lengths == lengths[0]).all():
        return [(int(lengths[0]), b"".join(blobs), np.full(len(blobs), k, dtype=np.int64))]
    order = np.argsort(lengths, kind="stable")
    ordered = [blobs[i] for i in order.tolist()]
    lengths = lengths[order]
    cuts = [0, *(np.flatnonzero(lengths[1:] != lengths[:-1]) + 1).tolist(), len(blobs)]
    return [
        (int(lengths[a]), b"".join(ordered[a:b]), np.full(b - a, k, dtype=np.int64))
        for a, b in pairwise(cuts)
    ]


def area_blocks(conn: Connection, codes: Sequence[str], last: int, exclude_id: int) -> list[Block]:
    """The counted cases' rows of ``codes`` (first year up to ``last``, not ``exclude_id``),
    decoded: per block the rows' first years, float32 demand (the years stored), municipality
    index, case id and the case's years."""
    lay = layouts(conn)
    return [
        Block(d.head["first"], d.values, d.domains, d.tags, d.head["case"], d.years)
        for d in decode_chunks(_chunks(conn, codes, last, exclude_id), lay)
    ]
