"""The sum behind the cumulative view, on decoded float32 demand blocks.

One routine for the register (``ber.register.area_query``, blocks decoded from
``case_area``) and for a report's embedded cases (``ber.engine.cumulative_replay``,
blocks decoded from ``register-cases.json``): both sum the same float32 values the
same way, so the report and its recomputation agree.

A block holds rows of one length: per row (a case in one municipality) its first
year, its demand (domains x the years stored, float32; the last stored year repeats
through the cases' years, ``Block.years``), the municipality index and the owner
(the case). Summed in float64:

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
    values: np.ndarray  # (R, D', Ys) float32, the years stored
    domains: tuple[str, ...]  # the D' domains of ``values``
    municipality: np.ndarray  # (R,) index into the region's municipalities
    owner: np.ndarray  # (R,) the case (a register id or an index)
    years: int = 0  # the cases' years (Yc >= Ys; the last stored repeats); 0: Ys

    @property
    def horizon(self) -> int:
        return max(self.years, int(self.values.shape[2]))

    def full(self) -> np.ndarray:
        """(R, D', Yc): the values over the cases' years, the last stored one repeated."""
        return expand(self.values, self.horizon)


def expand(values: np.ndarray, years: int) -> np.ndarray:
    """(R, D, stored) values over ``years`` years: the last stored year repeated (a steady
    state is stored once, in the register and in a report's counted cases alike)."""
    stored = int(values.shape[2])
    if years <= stored:
        return values
    return np.concatenate([values, np.repeat(values[:, :, -1:], years - stored, axis=2)], axis=2)


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
    """One pass per block: its rows sorted by (first year, municipality), summed per run
    with one ``reduceat``, each run's years placed in the window with one gather and
    added with one ``bincount``."""
    first_w, last_w = int(years[0]), int(years[-1])
    Y = len(years)
    K = n_municipalities
    dom_i = {d: i for i, d in enumerate(domains)}
    other = np.zeros(len(domains) * K * Y)
    ids: list[np.ndarray] = []
    at_year: list[np.ndarray] = []
    window = np.arange(Y)
    for b in blocks:
        target = [dom_i.get(d, -1) for d in b.domains]
        keep = [i for i, t in enumerate(target) if t >= 0]
        if not keep or not len(b.first):
            continue
        tgt = np.array([target[i] for i in keep], dtype=np.int64)
        vals = b.values[:, keep, :] if len(keep) < len(b.domains) else b.values  # (R, D', Ys)
        first = b.first.astype(np.int64)
        ks = b.municipality.astype(np.int64)
        R, _, Ys = vals.shape
        Yc = b.horizon
        # the sum: rows of one first year and municipality are one run
        order = np.lexsort((ks, first))
        key = first[order] * K + ks[order]
        starts = np.flatnonzero(np.r_[True, key[1:] != key[:-1]])
        sums = np.add.reduceat(vals[order], starts, axis=0, dtype=np.float64)  # (G, D', Ys)
        g_first, g_k = first[order][starts], ks[order][starts]
        t = window[None, :] + first_w - g_first[:, None]  # (G, Y) the case's year index
        valid = (t >= 0) & ((t < Yc) | carry_forward)
        cols = np.broadcast_to(np.clip(t, 0, Ys - 1)[:, None, :], (len(starts), len(tgt), Y))
        placed = np.take_along_axis(sums, cols, axis=2) * valid[:, None, :]  # (G, D', Y)
        cell = (tgt[None, :, None] * K + g_k[:, None, None]) * Y + window[None, None, :]
        other += np.bincount(cell.ravel(), weights=placed.ravel(), minlength=other.size)
        # contributors: does the row have demand in the window, and its demand in ``year``
        in_window = _in_window(vals, first, first_w, last_w, carry_forward, Yc)
        j = year - first
        valid_j = (j >= 0) & ((j < Yc) | carry_forward)
        jc = np.clip(j, 0, Ys - 1)
        at = vals[np.arange(R), :, jc].astype(np.float64) * valid_j[:, None]  # (R, D')
        full = np.zeros((int(in_window.sum()), len(domains)))
        full[:, tgt] = at[in_window]
        ids.append(b.owner[in_window].astype(np.int64))
        at_year.append(full)
    other3 = other.reshape(len(domains), K, Y)
    if not ids:
        return AreaSums(other3, np.zeros(0, dtype=np.int64), np.zeros((0, len(domains))))
    owners, inverse = np.unique(np.concatenate(ids), return_inverse=True)
    stacked = np.concatenate(at_year)
    per_owner = np.column_stack(
        [np.bincount(inverse, weights=stacked[:, d], minlength=len(owners)) for d in range(len(domains))]
    ).reshape(len(owners), len(domains))
    return AreaSums(other3, owners, per_owner)


def _in_window(
    vals: np.ndarray, first: np.ndarray, first_w: int, last_w: int, carry_forward: bool, years: int
) -> np.ndarray:
    """Per row: has it demand in a year of the window (or, carried forward, before it)?

    ``vals`` holds the years stored (Ys); the last of them repeats through the case's
    ``years`` (Yc) and, carried forward, after them."""
    Ys = vals.shape[2]
    positive = vals[:, 0, :] > 0.0  # (R, Ys): any domain above zero (a loop over the few domains
    for d in range(1, vals.shape[1]):  # is faster than a reduction over the middle axis)
        positive |= vals[:, d, :] > 0.0
    lo = first_w - first
    hi = last_w - first
    cols = np.arange(Ys - 1)
    inner = (positive[:, :-1] & (cols >= lo[:, None]) & (cols <= hi[:, None])).any(axis=1)
    # the last stored year stands for the years Ys-1 .. Yc-1 (and later, carried forward)
    tail = positive[:, -1] & (hi >= Ys - 1) & (carry_forward | (np.maximum(lo, Ys - 1) <= years - 1))
    return np.asarray(inner | tail)


def contributing(
    blocks: Iterable[Block], domains: Sequence[str], years: Sequence[int], carry_forward: bool
) -> np.ndarray:
    """The owners :func:`area_sums` lists (ascending), without summing."""
    found = []
    for b in blocks:
        keep = [i for i, d in enumerate(b.domains) if d in domains]
        if keep and len(b.first):
            vals = b.values[:, keep, :] if len(keep) < len(b.domains) else b.values
            first = b.first.astype(np.int64)
            mask = _in_window(vals, first, int(years[0]), int(years[-1]), carry_forward, b.horizon)
            found.append(b.owner[mask])
    return np.unique(np.concatenate(found).astype(np.int64)) if found else np.zeros(0, dtype=np.int64)
