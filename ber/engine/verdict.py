"""The regional verdict per domain (with its coverage) and the site-ranking key.

One rule for every verdict (the case, the case without its measures, the
cumulative view) and one ranking rule for every site comparison (``assess``'s
``sites``, ``ber compare``, the GUI and the report read the ranked list):

- *Coverage* of a domain: the share of its demand that falls in municipalities
  whose spare capacity is known (a capacity of 0 is known). With no demand at all
  the coverage is 1: nothing lies on unknown capacity. A site domain (space, energy)
  has one cell, the site: its coverage is 1 when the site's capacity is known, else 0.
- *Verdict*: the worst status among the municipalities with known capacity (red >
  amber > green). When that is green (or nothing is known) and the coverage is
  below ``verdict.min_coverage``, the verdict is grey (unknown): a domain whose
  demand lies mostly on unknown capacity is never called green.
- The named municipality is the worst one with known capacity and demand (ties:
  highest pressure, then largest demand); the largest demand on unknown capacity is
  named separately.
"""

from __future__ import annotations

import math
from typing import Any, NamedTuple

import numpy as np

from ber.engine.domains import domains
from ber.engine.result import SiteRank, Verdict, clean
from ber.engine.status import SEVERITY, STATUS_CODES, Status

#: demand at or below this counts as none (floating-point noise; as in the calculation)
EPS = 1e-9


def domain_verdicts(
    codes: list[str],
    names: list[str],
    demand: np.ndarray,
    pressure: np.ndarray,
    status: np.ndarray,
    capacity: np.ndarray,
    min_coverage: float,
) -> dict[str, Verdict]:
    """The verdict of every domain; arrays are (D, K) in the order of ``domains()``.

    ``capacity`` is NaN where unknown; ``pressure`` NaN where unknown and infinite
    where demand meets a capacity of 0.
    """
    out: dict[str, Verdict] = {}
    for d, dom in enumerate(domains()):
        key = dom.key
        known = ~np.isnan(capacity[d])
        dem = np.where(demand[d] > EPS, demand[d], 0.0)
        total = float(dem.sum())
        unknown_dem = np.where(known, 0.0, dem)
        coverage = 1.0 - float(unknown_dem.sum()) / total if total > 0 else 1.0
        if dom.at_site:  # one cell, the site: known or not, whatever the demand
            coverage = 1.0 if known.any() else 0.0
        # the worst municipality with known capacity and demand
        candidates = np.flatnonzero(known & (dem > 0))
        worst = Status.GREEN
        municipality: int | None = None
        if candidates.size:
            sev = SEVERITY[status[d, candidates]]
            tie = np.nan_to_num(pressure[d, candidates], posinf=1e300)
            municipality = int(candidates[np.lexsort((dem[candidates], tie, sev))[-1]])
            worst = Status(int(status[d, municipality]))
        verdict = worst
        if worst == Status.GREEN and coverage < min_coverage:
            verdict = Status.GREY
        u = int(np.argmax(unknown_dem)) if float(unknown_dem.max(initial=0.0)) > 0 else None
        p = float(pressure[d, municipality]) if municipality is not None else math.nan
        out[key] = Verdict(
            status=STATUS_CODES[verdict],
            municipality=codes[municipality] if municipality is not None else None,
            municipality_name=names[municipality] if municipality is not None else None,
            pressure=clean(p),
            no_capacity=math.isinf(p),
            coverage=coverage,
            unknown_demand=float(unknown_dem.sum()),
            unknown_municipality=codes[u] if u is not None else None,
            unknown_municipality_name=names[u] if u is not None else None,
            unknown_municipality_demand=float(unknown_dem[u]) if u is not None else 0.0,
        )
    return out


class RankKey(NamedTuple):
    """What a candidate site is ranked by (method section 10), in sort order.

    Fewest red (domain × municipality cells), then fewest amber, then the least
    demand on unknown capacity (``unknown_share``: the share of each domain's demand
    that lies where capacity is unknown, averaged over the domains with demand, 0–1; shares
    because the domains' units differ), then the lowest highest known pressure
    (zero capacity with demand is infinite; nothing known sorts last), then the
    fewest commuting vehicle-km. A site about which nothing is known never ranks
    above a site with a known low pressure.
    """

    red: int
    amber: int
    unknown_share: float
    max_pressure: float  # NaN when no pressure is known, inf for zero capacity with demand
    vehicle_km: float

    def order(self) -> tuple[int, int, float, int, float, float]:
        """The tuple to sort by, best first: known finite pressures, then infinite, then unknown."""
        p = self.max_pressure
        tier = 2 if math.isnan(p) else (1 if math.isinf(p) else 0)
        return (
            self.red,
            self.amber,
            round(self.unknown_share, 9),
            tier,
            p if tier == 0 else 0.0,
            self.vehicle_km,
        )

    @classmethod
    def of_site(cls, site: SiteRank) -> RankKey:
        """The key of a ranked site as stored in a result (``sites[]``, ``ber-ranking/1``)."""
        p = math.inf if site.no_capacity else (math.nan if site.max_pressure is None else site.max_pressure)
        return cls(site.red, site.amber, site.unknown_share, p, site.commute_vehicle_km_per_day)


def rank_key(
    demand: np.ndarray, pressure: np.ndarray, status: np.ndarray, capacity: np.ndarray, vehicle_km: float
) -> RankKey:
    """The ranking key of one site from its (D, K) arrays of the full-operation year."""
    known = ~np.isnan(capacity)
    dem = np.where(demand > EPS, demand, 0.0)
    total = dem.sum(axis=1)
    unknown = np.where(known, 0.0, dem).sum(axis=1)
    has = total > 0
    shares = unknown[has] / total[has]  # domains without demand have nothing unknown to weigh
    known_pressure = pressure[known & ~np.isnan(pressure)]
    return RankKey(
        red=int((status == Status.RED).sum()),
        amber=int((status == Status.AMBER).sum()),
        unknown_share=float(shares.mean()) if shares.size else 0.0,
        max_pressure=float(known_pressure.max()) if known_pressure.size else math.nan,
        vehicle_km=vehicle_km,
    )


def unjudged(result: Any) -> tuple[list[str], list[str]]:
    """The domains without a verdict (grey), in registry order, split by what is missing:
    (capacity: demand lies mostly where the spare capacity is unknown; input: no demand at
    all was computed, e.g. space without a plot area)."""
    grey = [d for d, v in result.verdict.items() if v.status == "grey"]
    empty = [
        d
        for d in grey
        if not any((m.domains[d].demand or 0.0) > 0 for m in result.municipalities if d in m.domains)
    ]
    return [d for d in grey if d not in empty], empty
