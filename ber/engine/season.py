"""The seasonal peak: a monthly workforce profile and its peak month.

A profile has 12 values, January first, in any scale (a factor, a percentage or a head
count per month). It is normalised so that its mean is 1: the declared jobs are the
year average, and month m has ``jobs x profile[m] / mean(profile)`` jobs. The peak
factor is the largest normalised month. Flex beds are judged at the peak month (the
beds must be there then); settled households, GP care and schools at the year average
(``docs/method.md``, section "Seasonal peak").
"""

from __future__ import annotations

from dataclasses import dataclass

from ber.case.model import Case
from ber.reference.data import ReferenceSet

MONTHS = 12


@dataclass(frozen=True)
class Profile:
    """The profile a case uses, normalised to a mean of 1, and where it comes from."""

    factors: tuple[float, ...]  # 12 values, mean 1
    source: str  # "case", a source id, or "assumption"
    from_case: bool

    @property
    def peak_factor(self) -> float:
        return max(self.factors)

    @property
    def peak_month(self) -> int:
        """The first month (1-12) with the largest factor."""
        return self.factors.index(max(self.factors)) + 1


def normalised(values: list[float] | tuple[float, ...]) -> tuple[float, ...]:
    """The values divided by their mean (so the mean is 1); flat when they sum to 0."""
    total = float(sum(values))
    if total <= 0 or len(values) == 0:
        return (1.0,) * MONTHS
    mean = total / len(values)
    return tuple(float(v) / mean for v in values)


def case_profile(case: Case, ref: ReferenceSet) -> Profile:
    """The case's own profile, else its sector's default (flat for an unknown sector)."""
    own = case.business.monthly_profile
    if own is not None:
        return Profile(normalised(own), "case", True)
    sector = ref.sectors.get(case.business.sector)
    if sector is None:
        return Profile((1.0,) * MONTHS, "assumption", False)
    return Profile(normalised(sector.monthly_profile), sector.monthly_profile_source, False)
