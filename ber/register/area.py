"""The compact register store (revision 0004): one row per case and municipality.

``case_area`` holds, per registered case and per municipality where the case's
own run found demand (any domain, any year above exactly zero; nothing else is
cut off), the demand over the case's years as one binary value::

    header  <i4 case id, <u2 first year, <u2 layout id      (8 bytes, little-endian)
    body    <f4 demand, domains x years, row-major         (4 bytes a value)

The layout (``area_layouts``) names the domains of the body in order, so a
register written before a domain was added still reads correctly. Demand is
stored as float32: a value keeps about 7 significant digits (relative error at
most 6e-8), which is the tolerance of the cumulative assessment against the
float64 rows of revisions 0001-0003.

``case_results`` holds, compressed (zlib, JSON), what the case's own run said
per domain and municipality besides the demand: capacity, pressure and status
per year. Registers migrated from 0003 keep their old rows there exactly
(``"rows"``), float64 demand included.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ber.register.records import DemandRow

HEADER = np.dtype([("case", "<i4"), ("first", "<u2"), ("layout", "<u2")])
HEADER_SIZE = HEADER.itemsize  # 8
OWN_FORMAT = "ber-register-own/1"


@dataclass(frozen=True)
class AreaRow:
    """One ``case_area`` row before it is written."""

    municipality: str
    first_year: int
    demand: bytes


def encode_area(case_id: int, first_year: int, layout: int, values: np.ndarray) -> bytes:
    """Header plus the (domains, years) demand as little-endian float32."""
    head = np.array([(case_id, first_year, layout)], dtype=HEADER).tobytes()
    return head + np.ascontiguousarray(values, dtype="<f4").tobytes()


def area_rows(case_id: int, first_year: int, layout: int, demand: dict[str, np.ndarray]) -> list[AreaRow]:
    """Rows for the municipalities whose (domains, years) demand has a value above zero."""
    out = []
    for code, values in demand.items():
        clean = np.where(np.isfinite(values) & (values > 0.0), values, 0.0)
        if (clean.astype("<f4") > 0.0).any():
            out.append(AreaRow(code, first_year, encode_area(case_id, first_year, layout, clean)))
    return out


def decode(
    blobs: Sequence[Any], layouts: dict[int, tuple[str, ...]], tags: np.ndarray | None = None
) -> list[tuple[np.ndarray, np.ndarray, tuple[str, ...], np.ndarray]]:
    """Blobs grouped by shape: (header records, values (R, D, Y) float32, layout domains,
    the ``tags`` of those rows (e.g. their municipality index), in the order given)."""
    tags = np.zeros(len(blobs), dtype=np.int64) if tags is None else tags
    lengths = np.array(list(map(len, blobs)), dtype=np.int64)
    chunks = []
    for length in np.unique(lengths):
        rows = np.flatnonzero(lengths == length)
        group = blobs if len(rows) == len(blobs) else [blobs[int(i)] for i in rows]
        chunks.append((int(length), b"".join(group), tags[rows]))
    return decode_chunks(chunks, layouts)


def decode_chunks(
    chunks: Sequence[tuple[int, bytes, np.ndarray]], layouts: dict[int, tuple[str, ...]]
) -> list[tuple[np.ndarray, np.ndarray, tuple[str, ...], np.ndarray]]:
    """Like :func:`decode` for rows already joined: (row length, the rows' bytes, their tags)."""
    by_len: dict[int, list[tuple[bytes, np.ndarray]]] = {}
    for length, data, tags in chunks:
        by_len.setdefault(length, []).append((data, tags))
    out = []
    for length, parts in by_len.items():
        n = (length - HEADER_SIZE) // 4
        data = parts[0][0] if len(parts) == 1 else b"".join(p[0] for p in parts)
        tags = parts[0][1] if len(parts) == 1 else np.concatenate([p[1] for p in parts])
        rec = np.frombuffer(data, dtype=np.dtype([("h", HEADER), ("v", "<f4", (n,))]))
        for layout in np.unique(rec["h"]["layout"]):
            domains = layouts[int(layout)]
            mask = rec["h"]["layout"] == layout
            sel = rec if mask.all() else rec[mask]
            years = n // len(domains)
            out.append((sel["h"], sel["v"].reshape(len(sel), len(domains), years), domains, tags[mask]))
    return out


def result_demand(result: Any, domains: Sequence[str]) -> dict[str, np.ndarray]:
    """The assessment's demand per municipality as a (domains, years) array."""
    out = {}
    for m in result.municipalities:
        out[m.code] = np.array(
            [m.domains[d].demand_per_year if d in m.domains else [0.0] * len(result.years) for d in domains],
            dtype=float,
        )
    return out


def own_document(result: Any, domains: Sequence[str], codes: set[str]) -> bytes:
    """Capacity, pressure and status per year of the case's own run, compressed.

    Only for the municipalities stored in ``case_area`` (``codes``); the demand is
    there.
    """
    cells = []
    for m in result.municipalities:
        if m.code not in codes:
            continue
        for dom in domains:
            d = m.domains.get(dom)
            if d is None:
                continue
            pressure = [_finite(p) for p in d.pressure_per_year]
            cells.append([m.code, dom, _finite(d.capacity), pressure, list(d.status_per_year)])
    doc = {"format": OWN_FORMAT, "years": [int(result.years[0]), int(result.years[-1])], "cells": cells}
    return compress(doc)


def legacy_document(rows: Sequence[DemandRow]) -> bytes:
    """The exact demand rows of a register before revision 0004 (migration)."""
    doc = {
        "format": OWN_FORMAT,
        "rows": [
            [
                r.domain,
                r.municipality,
                r.year,
                r.demand,
                _finite(r.capacity),
                _finite(r.pressure),
                r.status,
                r.is_last,
            ]
            for r in rows
        ],
    }
    return compress(doc)


def compress(doc: dict[str, Any]) -> bytes:
    raw = json.dumps(doc, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode("utf-8")
    return zlib.compress(raw, 9)


def _finite(value: Any) -> float | None:
    return None if value is None or not math.isfinite(float(value)) else float(value)


def demand_rows_from_store(
    own: bytes | None, area: dict[str, bytes], layouts: dict[int, tuple[str, ...]], last_year: int
) -> list[DemandRow]:
    """The case's rows as before revision 0004: every domain, municipality, year with demand.

    Migrated cases return their old rows exactly; others combine the float32 demand
    of ``case_area`` with capacity, pressure and status of ``case_results``.
    """
    doc = json.loads(zlib.decompress(own)) if own else {"cells": []}
    if "rows" in doc:
        return [
            DemandRow(
                domain=r[0],
                municipality=r[1],
                year=int(r[2]),
                demand=float(r[3]),
                capacity=_finite(r[4]),
                pressure=_finite(r[5]),
                status=r[6],
                is_last=bool(r[7]),
            )
            for r in doc["rows"]
        ]
    cells = {(c[0], c[1]): c for c in doc.get("cells", [])}
    codes = sorted(area)
    rows = []
    # all municipalities decoded at once; positive values listed with plain Python numbers
    for head, values, domains, tags in decode([area[c] for c in codes], layouts, np.arange(len(codes))):
        firsts = head["first"].tolist()
        found = np.nonzero(values > 0.0)  # (row, domain, year index), row-major
        for r, i, t, value in zip(*(a.tolist() for a in found), values[found].tolist(), strict=True):
            code, dom, first = codes[int(tags[r])], domains[i], firsts[r]
            cell = cells.get((code, dom))
            rows.append(
                DemandRow(
                    domain=dom,
                    municipality=code,
                    year=first + t,
                    demand=value,
                    capacity=_finite(cell[2]) if cell else None,
                    pressure=_finite(cell[3][t]) if cell and t < len(cell[3]) else None,
                    status=cell[4][t] if cell and t < len(cell[4]) else "",
                    is_last=first + t == last_year,
                )
            )
    rows.sort(key=lambda r: (r.domain, r.municipality, r.year))
    return rows
