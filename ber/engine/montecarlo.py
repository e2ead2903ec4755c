"""Monte Carlo in bounded memory: draws are computed in chunks and only what the
outputs need is kept.

What the outputs need (``ber.engine.result.Uncertainty``): P10/P50/P90 of every
metric and of workers/family per category in the full-operation year, of the
pressure per domain and municipality in that year, of the demand per domain,
municipality and year, and the shares of draws that are red or amber-or-red. Those
are ``Q`` tracked values per draw (``Q = metrics + 2 × categories + D × K + D × K × Y``).

Two ways to keep them, chosen up front from ``samples × Q``:

* **exact** (``samples × Q × 8 bytes ≤ EXACT_BYTES``): every tracked value of every
  draw in one preallocated array; percentiles are ``numpy.percentile`` over it,
  identical to computing them with every draw in memory. This covers the default
  2,000 draws for regions up to about 90 municipalities.
* **binned** (larger runs): the first ``pilot`` draws are kept exactly and fix, per
  tracked value, a histogram range ``[min − span/2, max + span/2]`` of ``BINS`` bins
  (``span`` = max − min of the pilot); every draw after that only increments a bin
  count. A percentile is read from the cumulative counts by linear interpolation
  inside its bin and clipped to the exact minimum and maximum seen, so it is within
  one bin width (``2 × span / BINS``, 0.2 % of the pilot's span) of the exact
  value; draws outside the range are counted below or above it. Memory is
  ``Q × (BINS + 4) × 8 bytes`` whatever the number of draws (48 MB for 87 municipalities).

Status shares are counted exactly in both ways. Infinite values (zero capacity) sort
above every finite one and NaN (unknown capacity) gives "unknown", as in
:func:`ber.engine.summary.percentiles`.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ber.engine.domains import domains
from ber.engine.metrics import metrics
from ber.engine.model import Prepared, Raw
from ber.engine.status import Status
from ber.reference.data import CATEGORIES

#: largest array of tracked values kept for the exact percentiles (bytes)
EXACT_BYTES = 160 * 1024 * 1024
#: histogram bins per tracked value in the binned way
BINS = 1024
#: draws kept exactly to fix the histogram ranges (at most; fewer for very large regions)
PILOT = 2000
#: largest array of pilot draws (bytes)
PILOT_BYTES = 48 * 1024 * 1024
PERCENTS = (10.0, 50.0, 90.0)


@dataclass(frozen=True)
class Layout:
    """Where each output sits in the row of tracked values of one draw."""

    n_metrics: int
    n_categories: int
    n_domains: int
    n_municipalities: int
    n_years: int
    t: int  # index of the full-operation year

    @classmethod
    def for_prepared(cls, prep: Prepared) -> Layout:
        return cls(
            n_metrics=len(metrics()),
            n_categories=len(CATEGORIES),
            n_domains=len(domains()),
            n_municipalities=len(prep.region),
            n_years=len(prep.years),
            t=prep.full_idx,
        )

    @property
    def width(self) -> int:
        dk = self.n_domains * self.n_municipalities
        return self.n_metrics + 2 * self.n_categories + dk + dk * self.n_years

    def rows(self, raw: Raw) -> np.ndarray:
        """The tracked values of every draw of ``raw``: (S, Q), float64."""
        t = self.t
        s_count = raw.jobs.shape[0]
        parts = [
            np.stack([m.take(raw)[:, t] for m in metrics()], axis=1),
            raw.workers[:, :, t],
            raw.family[:, :, t],
            raw.pressure[:, :, :, t].reshape(s_count, -1),
            raw.demand.reshape(s_count, -1),
        ]
        return np.concatenate([np.asarray(p, dtype=float) for p in parts], axis=1)

    def slices(self) -> dict[str, slice]:
        m, c = self.n_metrics, self.n_categories
        dk = self.n_domains * self.n_municipalities
        edges = np.cumsum([0, m, c, c, dk, dk * self.n_years])
        names = ("metrics", "workers", "family", "pressure", "demand")
        return {name: slice(int(edges[i]), int(edges[i + 1])) for i, name in enumerate(names)}


class DrawAccumulator:
    """Collects chunks of draws; :meth:`percentiles` gives P10/P50/P90 per tracked value."""

    def __init__(self, layout: Layout, samples: int, *, exact_bytes: int = EXACT_BYTES) -> None:
        self.layout = layout
        self.samples = samples
        q = layout.width
        self.exact = samples * q * 8 <= exact_bytes
        self.pilot = (
            samples if self.exact else max(1, min(PILOT, min(exact_bytes, PILOT_BYTES) // (q * 8), samples))
        )
        self._kept = np.empty((self.pilot, q))
        self.count = 0
        dk = (layout.n_domains, layout.n_municipalities)
        self.red = np.zeros(dk, dtype=np.int64)
        self.amber_or_red = np.zeros(dk, dtype=np.int64)
        # binned way, set up once the pilot is complete
        self._lo = self._width = self._min = self._max = np.empty(0)
        self._counts = self._offsets = np.empty(0, dtype=np.int64)

    # -- adding ---------------------------------------------------------------
    def add(self, raw: Raw) -> None:
        """Add the draws of one computed chunk."""
        status = raw.status[:, :, :, self.layout.t]
        self.red += (status == Status.RED).sum(axis=0)
        self.amber_or_red += ((status == Status.AMBER) | (status == Status.RED)).sum(axis=0)
        rows = self.layout.rows(raw)
        room = self.pilot - min(self.count, self.pilot)
        head, tail = rows[:room], rows[room:]
        if len(head):
            self._kept[self.count : self.count + len(head)] = head
        self.count += len(rows)
        if self.exact:
            return
        if len(head) and self.count >= self.pilot:
            self._start_bins()
        if len(tail):
            self._bin(tail)

    def _start_bins(self) -> None:
        kept = self._kept[: min(self.count, self.pilot)]
        q = kept.shape[1]
        lo, hi = np.full(q, np.inf), np.full(q, -np.inf)
        for start in range(0, len(kept), 500):  # in pieces: temporaries stay small
            piece = kept[start : start + 500]
            finite = np.isfinite(piece)
            lo = np.minimum(lo, np.where(finite, piece, np.inf).min(axis=0))
            hi = np.maximum(hi, np.where(finite, piece, -np.inf).max(axis=0))
        lo = np.where(np.isfinite(lo), lo, 0.0)  # no finite draw yet: any range does
        hi = np.where(np.isfinite(hi), hi, 0.0)
        span = hi - lo
        self._lo = lo - span / 2.0
        self._width = np.where(span > 0, 2.0 * span / BINS, 1.0)
        # per tracked value: [below, BINS bins, above, +inf, NaN]
        self._counts = np.zeros((q, BINS + 4), dtype=np.int64)
        self._offsets = np.arange(q, dtype=np.int64) * (BINS + 4) + 1
        self._min = np.full(q, np.inf)
        self._max = np.full(q, -np.inf)
        for start in range(0, len(kept), 500):  # in pieces: temporaries stay small
            self._bin(kept[start : start + 500])
        self._kept = np.empty((0, q))  # the pilot lives on in the counts

    def _bin(self, rows: np.ndarray) -> None:
        with np.errstate(invalid="ignore"):
            self._min = np.fmin(self._min, np.fmin.reduce(rows, axis=0))
            self._max = np.fmax(self._max, np.fmax.reduce(np.where(np.isposinf(rows), -np.inf, rows), axis=0))
            z = (rows - self._lo) / self._width
            np.floor(z, out=z)
            np.clip(z, -1, BINS, out=z)  # below the range: -1, above: BINS
        z[np.isposinf(rows)] = BINS + 1
        z[np.isnan(rows)] = BINS + 2
        idx = z.astype(np.int64)
        idx += self._offsets
        self._counts += np.bincount(idx.ravel(), minlength=self._counts.size).reshape(self._counts.shape)

    # -- reading --------------------------------------------------------------
    def shares(self) -> tuple[np.ndarray, np.ndarray]:
        """Share of draws red, and amber or red, per (domain, municipality)."""
        n = max(self.count, 1)
        return self.red / n, self.amber_or_red / n

    def percentiles(self) -> np.ndarray:
        """P10/P50/P90 per tracked value: (3, Q); NaN where unknown or infinite."""
        if self.exact:
            kept = self._kept[: self.count]
            if not self.count:
                return np.full((3, self.layout.width), np.nan)
            with np.errstate(invalid="ignore"):
                out: np.ndarray = np.percentile(kept, PERCENTS, axis=0, method="linear")
            return out
        if self.count < self.pilot:
            self._start_bins()  # fewer draws than announced (not expected)
        return self._binned()

    def _binned(self) -> np.ndarray:
        n = self.count
        q = self._counts.shape[0]
        below = self._counts[:, 0]
        above = self._counts[:, BINS + 1]
        nan = self._counts[:, BINS + 3]
        cum = np.cumsum(self._counts[:, 1 : BINS + 1], axis=1) + below[:, None]
        out = np.empty((3, q))
        for i, p in enumerate(PERCENTS):
            h = (n - 1) * p / 100.0
            lo_rank, hi_rank = int(np.floor(h)), int(np.ceil(h))
            a = self._value_at(cum, below, above, lo_rank)
            b = self._value_at(cum, below, above, hi_rank)
            frac = h - lo_rank
            with np.errstate(invalid="ignore"):
                out[i] = a + frac * (b - a) if frac > 0 else a
        out[:, nan > 0] = np.nan
        return out

    def _value_at(self, cum: np.ndarray, below: np.ndarray, above: np.ndarray, rank: int) -> np.ndarray:
        """Estimated value of the draw at 0-based ``rank`` in sorted order, per tracked value."""
        q = cum.shape[0]
        in_range = cum[:, -1]
        value = np.full(q, np.inf)  # ranks beyond the finite draws are infinite
        low = rank < below
        value[low] = self._min[low]
        high = (rank >= in_range) & (rank < in_range + above)
        value[high] = self._max[high]
        inside = ~low & (rank < in_range)
        idx = np.argmax(cum > rank, axis=1)  # first bin whose cumulative count passes rank
        rows = np.arange(q)
        before = np.where(idx > 0, cum[rows, np.maximum(idx - 1, 0)], below)
        in_bin = self._counts[rows, idx + 1].astype(float)
        est = self._lo + self._width * (idx + (rank - before + 0.5) / np.maximum(in_bin, 1.0))
        est = np.clip(est, self._min, self._max)
        value[inside] = est[inside]
        return value

    def tolerance(self) -> np.ndarray:
        """Largest difference from the exact percentile per tracked value (0 when exact)."""
        if self.exact:
            return np.zeros(self.layout.width)
        return self._width.copy()


def chunk_size(municipalities: int) -> int:
    """Draws per computed chunk: 500 for small regions, fewer for large ones so that one
    chunk's arrays stay about the size of 500 draws over 20 municipalities (the draws
    are the same whatever the chunk size; only memory and speed change)."""
    return max(100, min(500, 500 * 20 // max(municipalities, 1)))
