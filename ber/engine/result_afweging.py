"""The typed parts of the result for the afweging (issue 18, ``afweging`` in ``ber-result/1``):
the liveability indicators per municipality and per housing location, the benefit side,
and the burdens set beside the benefits (with a weighted score only when the case sets
weights). ``docs/result-format.md`` documents every field; :mod:`ber.engine.liveability`
and :mod:`ber.engine.afweging` compute them.
"""

from __future__ import annotations

from dataclasses import asdict, field
from typing import Any, Literal

from pydantic.dataclasses import dataclass

#: status of an indicator against a municipality's cap; "" where no cap or norm exists
IndicatorStatus = Literal["", "ok", "exceeded", "unknown"]


@dataclass
class Range:
    """A central value with its low and high, and the Monte Carlo P10 / P90 when drawn."""

    central: float
    low: float
    high: float
    p10: float | None = None
    p90: float | None = None


@dataclass
class LiveabilityRow:
    """New residents against the inhabitants of one municipality (full-operation year)."""

    municipality: str
    municipality_name: str
    inhabitants: float
    new_residents: float  # workers + family living there
    existing_migrants: float | None  # labour migrants already living there; None = not given
    per_100_before: float | None  # existing / inhabitants x 100
    per_100_new: float  # new residents / inhabitants x 100
    per_100_after: float | None  # (existing + new) / (inhabitants + new) x 100; None when existing unknown
    cap_per_100: float | None  # the municipality's max_migrant_share x 100
    status: IndicatorStatus
    unregistered: Range  # new residents likely not registered as residents in the BRP


@dataclass
class HousingLocation:
    """One employer housing location (bed block) against the place it stands in."""

    location: int  # index in workforce.employer_beds
    municipality: str
    municipality_name: str
    place: str  # the village or kern; the municipality's name when not given
    place_inhabitants: float
    place_source: str
    beds: float
    beds_per_100_inhabitants: float
    cap_beds: float | None  # the municipality's max_beds_per_location
    status: IndicatorStatus
    largest: bool


@dataclass
class Liveability:
    unregistered_share: Range  # the reference ratio (liveability.unregistered_share)
    unregistered_source: str
    unregistered_total: Range
    municipalities: list[LiveabilityRow]
    locations: list[HousingLocation] = field(default_factory=list)


@dataclass
class Benefits:
    """The benefit side in the full-operation year."""

    jobs: Range
    migrant_jobs: Range  # jobs filled by labour migrants (all migrant workers)
    local_jobs: Range  # jobs - migrant jobs
    plot_area_ha: float | None
    jobs_per_ha: float | None
    value_added_per_job: Range  # euro per job per year, for the sector
    value_added_source: str
    value_added_year: int
    value_added_total: Range  # euro per year
    labour_reserve: float | None
    labour_reserve_source: str
    local_jobs_per_reserve: float | None  # local jobs / labour reserve


@dataclass
class Burden:
    """One domain's regional verdict, as in ``verdict``, beside the benefits."""

    domain: str
    status: str
    coverage: float | None
    pressure: float | None
    score: float | None  # green 1, amber 0.5, red 0, grey None (only used with weights)


@dataclass
class WeightedCriterion:
    kind: Literal["domain", "benefit"]
    key: str
    weight: float  # as a fraction (percent weights divided by 100)
    score: float | None  # 0 - 1; None = unknown, left out of the score
    target: float | None = None  # a benefit's value that scores 1


@dataclass
class Weighting:
    """The score the municipality asked for with its weights, and how it was combined."""

    criteria: list[WeightedCriterion]
    score: float | None  # sum(w x s) / sum(w) over criteria with a known score
    known_weight: float  # sum of the weights of criteria with a known score
    method: str = "weighted_mean_of_known_scores"


@dataclass
class AfwegingResult:
    liveability: Liveability
    benefits: Benefits
    burdens: list[Burden]
    weighting: Weighting | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
