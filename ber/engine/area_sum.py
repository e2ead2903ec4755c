"""The sum behind the cumulative view, on decoded float32 demand blocks.

One routine for the register (``ber.register.area_query``, blocks decoded from
``case_area``) and for a report's embedded cases (``ber.engine.cumulative_replay``,
blocks decoded from ``register-cases.json``): both sum the same float32 values the
same way, so the report and its recomputation agree.

A block holds rows of one length: per row (a case in one municipality) its first
year, its demand (domains x its years, float32), the municipality index and the
owner (the case). Summed in float64:

* ``other`` (D, K, Y): demand per domain, municipality and year of the window, a
  case counting from its first year and, with ``carry_forward``, keeping its last
  year's demand after its horizon;
* per owner with any demand in the region during the window, its demand in
  ``year`` summed over the region.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np


@dataclass
class Block:
    first: np.ndarray  # (R,) first year of each row
    values: np.ndarray  # (R, D', Yc) float32
    domains: tuple[str, ...]  # the D' domains of ``values``
    municipality: np.ndarray  # (R,) index into the region's municipalities
    owner: np.ndarray  # (R,) the case (a register id or an index)


@dataclass
class AreaSums:
    other: np.ndarray  # (D, K, Y) float64
    owners: np.ndarray  # (C,) int, the contributing cases, ascending
    owner_demand: np.ndarray  # (C, D) float64, their demand in ``year`` over the region


def area_sums(
    blocks: Iterable[Block],
    domains: Sequence[str],
    n_municipalities: int,
    years: Sequence[int],
    year: int,
    carry_forward: bool,
) -> AreaSums:
    first_w, last_w = int(years[0]), int(years[-1])
    Y = len(years)
    dom_i = {d: i for i, d in enumerate(domains)}
    other = np.zeros((len(domains), n_municipalities, Y))
    ids: list[np.ndarray] = []
    at_year: list[np.ndarray] = []
    for b in blocks:
        target = [dom_i.get(d, -1) for d in b.domains]
        keep = [i for i, t in enumerate(target) if t >= 0]
        if not keep or not len(b.first):
            continue
        tgt = np.array([target[i] for i in keep])
        order = np.argsort(b.municipality, kind="stable")  # each municipality's rows one run
        ks = b.municipality[order]
        vals = b.values[order]
        vals = vals[:, keep, :] if len(keep) < len(b.domains) else vals  # (R, D', Yc)
        first = b.first[order].astype(np.int64)
        owner = b.owner[order].astype(np.int64)
        R, _, Yc = vals.shape
        for f in np.unique(first):  # rows of one first year share their calendar years
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
        in_window = _in_window(vals, first, first_w, last_w, carry_forward)
        j = year - first
        valid = (j >= 0) & ((j < Yc) | carry_forward)
        jc = np.clip(j, 0, Yc - 1)
        at = vals[np.arange(R), :, jc].astype(np.float64) * valid[:, None]  # (R, D')
        full = np.zeros((int(in_window.sum()), len(domains)))
        full[:, tgt] = at[in_window]
        ids.append(owner[in_window])
        at_year.append(full)
    if not ids:
        return AreaSums(other, np.zeros(0, dtype=np.int64), np.zeros((0, len(domains))))
    owners, inverse = np.unique(np.concatenate(ids), return_inverse=True)
    stacked = np.concatenate(at_year)
    per_owner = np.column_stack(
        [np.bincount(inverse, weights=stacked[:, d], minlength=len(owners)) for d in range(len(domains))]
    ).reshape(len(owners), len(domains))
    return AreaSums(other, owners, per_owner)


def _in_window(
    vals: np.ndarray, first: np.ndarray, first_w: int, last_w: int, carry_forward: bool
) -> np.ndarray:
    """Per row: has it demand in a year of the window (or, carried forward, before it)?"""
    Yc = vals.shape[2]
    positive = vals.max(axis=1) > 0.0  # (R, Yc)
    lo = first_w - first
    hi = last_w - first
    cols = np.arange(Yc)
    in_window = (positive & (cols >= lo[:, None]) & (cols <= hi[:, None])).any(axis=1)
    if carry_forward:
        in_window |= (Yc - 1 < lo) & positive[:, -1]
    return np.asarray(in_window)


def contributing(
    blocks: Iterable[Block], domains: Sequence[str], years: Sequence[int], carry_forward: bool
) -> np.ndarray:
    """The owners :func:`area_sums` lists (ascending), without summing."""
    found = []
    for b in blocks:
        keep = [i for i, d in enumerate(b.domains) if d in domains]
        if keep and len(b.first):
            vals = b.values[:, keep, :] if len(keep) < len(b.domains) else b.values
            mask = _in_window(vals, b.first.astype(np.int64), int(years[0]), int(years[-1]), carry_forward)
            found.append(b.owner[mask])
    return np.unique(np.concatenate(found).astype(np.int64)) if found else np.zeros(0, dtype=np.int64)
