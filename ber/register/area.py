"""The compact register store (revisions 0004 and 0006): one row per case and municipality.

``case_area`` holds, per registered case and per municipality where the case's
own run found demand (any domain, any year above exactly zero; nothing else is
cut off), the demand over the case's years as one binary value::

    header  <i4 case id, <u2 first year, <u2 layout id      (8 bytes, little-endian)
    body    <f4 demand, domains x stored years, row-major  (4 bytes a value)

The layout (``area_layouts``, also the row's ``layout`` column) says what the body
holds (revision 0006): the domains with demand in *this* municipality, in the
registry's order (a municipality where the case only houses people has no
transport or energy demand, so those are not stored), the years stored, and the
case's years. The years after the last change are left out: when the demand of
the last stored year stays the same to the case's last year (a steady state after
the ramp-up) it is written once. Nothing is rounded away: the values left out are
exactly (in float32) the last one stored. A register written before a domain was
added still reads correctly. Demand is stored as float32: a value keeps about 7
significant digits (relative error at most 6e-8), which is the tolerance of the
cumulative assessment against the float64 rows of revisions 0001-0003.

Revision 0004 stored every row with the case's domains and all its years; a layout
without stored years (:class:`Layout` with ``stored=None``) reads such a row. Revision
0006 converts those rows.

``case_results`` holds, compressed (zlib, JSON), what the case's own run said
per domain and municipality besides the demand: capacity, pressure and status
per year. Registers migrated from 0003 keep their old rows there exactly
(``"rows"``), float64 demand included.
"""

from __future__ import annotations

import json
import math
import zlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

import numpy as np

from ber.engine.area_sum import expand
from ber.register.records import DemandRow

HEADER = np.dtype([("case", "<i4"), ("first", "<u2"), ("layout", "<u2")])
HEADER_SIZE = HEADER.itemsize  # 8
OWN_FORMAT = "ber-register-own/1"


class Layout(NamedTuple):
    """What a row's body holds: its domains in order, the years stored and the case's
    years (the last stored year repeats through them). ``stored=None``: a row of
    revision 0004, every year stored (its length says how many)."""

    domains: tuple[str, ...]
    stored: int | None = None
    years: int | None = None


class Decoded(NamedTuple):
    """Rows of one length and layout: header records, values (R, D, stored years)
    float32, the layout's domains, the rows' tags (e.g. their municipality index) and
    the case's number of years (``years`` >= the stored years; the last one repeats)."""

    head: np.ndarray
    values: np.ndarray
    domains: tuple[str, ...]
    tags: np.ndarray
    years: int

    def full(self) -> np.ndarray:
        """The values over all the case's years (R, D, years): the last stored one repeated."""
        return expand(self.values, self.years)


@dataclass(frozen=True)
class AreaRow:
    """One ``case_area`` row before it is written."""

    municipality: str
    first_year: int
    layout: int
    demand: bytes


def encode_area(case_id: int, first_year: int, layout: int, values: np.ndarray) -> bytes:
    """Header plus the (domains, years) demand as little-endian float32."""
    head = np.array([(case_id, first_year, layout)], dtype=HEADER).tobytes()
    return head + np.ascontiguousarray(values, dtype="<f4").tobytes()


def compact(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One municipality's (domains, years) demand as it is stored: the indexes of the
    domains with a value above zero, and their float32 values up to the last year that
    differs from the one after it (the rest repeats the last stored year exactly).
    Values that are not finite or not above zero count as zero."""
    clean = np.where(np.isfinite(values) & (values > 0.0), values, 0.0).astype("<f4")
    keep = np.flatnonzero((clean > 0.0).any(axis=1))
    body = clean[keep]
    changes = np.flatnonzero(~(body == body[:, -1:]).all(axis=0)) if len(keep) else np.zeros(0, int)
    stored = int(changes[-1]) + 2 if len(changes) else 1
    return keep, body[:, :stored]


def area_rows(
    case_id: int,
    first_year: int,
    domains: Sequence[str],
    demand: dict[str, np.ndarray],
    layout_of: Callable[[Layout], int],
) -> list[AreaRow]:
    """Rows for the municipalities whose (domains, years) demand has a value above zero,
    each with only its own domains and the years up to its steady state
    (:func:`compact`); ``layout_of`` gives (or adds) a layout's id."""
    out = []
    for code, values in demand.items():
        keep, body = compact(values)
        if len(keep):
            layout = layout_of(Layout(tuple(domains[int(i)] for i in keep), body.shape[1], values.shape[1]))
            out.append(AreaRow(code, first_year, layout, encode_area(case_id, first_year, layout, body)))
    return out


def decode(blobs: Sequence[Any], layouts: dict[int, Layout], tags: np.ndarray | None = None) -> list[Decoded]:
    """Blobs grouped by shape and layout (:class:`Decoded`), the ``tags`` of those rows
    (e.g. their municipality index) in the order given."""
    tags = np.zeros(len(blobs), dtype=np.int64) if tags is None else tags
    lengths = np.array(list(map(len, blobs)), dtype=np.int64)
    chunks = []
    for length in np.unique(lengths):
        rows = np.flatnonzero(lengths == length)
        group = blobs if len(rows) == len(blobs) else [blobs[int(i)] for i in rows]
        chunks.append((int(length), b"".join(group), tags[rows]))
    return decode_chunks(chunks, layouts)


def decode_chunks(
    chunks: Sequence[tuple[int, bytes, np.ndarray]], layouts: dict[int, Layout]
) -> list[Decoded]:
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
            lay = layouts[int(layout)]
            domains = lay.domains
            mask = rec["h"]["layout"] == layout
            sel = rec if mask.all() else rec[mask]
            stored = n // len(domains)
            years = stored if lay.years is None else lay.years
            values = sel["v"].reshape(len(sel), len(domains), stored)
            out.append(Decoded(sel["h"], values, domains, tags if mask.all() else tags[mask], years))
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
    own: bytes | None, area: dict[str, bytes], layouts: dict[int, Layout], last_year: int
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
    for group in decode([area[c] for c in codes], layouts, np.arange(len(codes))):
        head, values, domains, tags = group.head, group.full(), group.domains, group.tags
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
