"""Plausible ranges of overrides and capacities, derived from each reference row's unit.

The reference rows give a value with a low/high; a case may override them with a
justification. Whatever the justification, some values are not possible: a
household of 1e-308 persons, a class of 5e-324 pupils, 1e308 m² per person. These
ranges are far wider than the reference ranges (they catch typos and nonsense, not
local choices) and keep every number the calculation derives finite. Each range is
listed in ``docs/case-format.md`` ("Plausible ranges") and named in the message.
"""

from __future__ import annotations

from ber.case.model import Case
from ber.reference.data import ReferenceSet
from ber.texts.catalogue import num as _fmt
from ber.texts.messages import Problem

#: range per unit of a reference row (the unit text of ``norms.json``)
UNIT_RANGES: dict[str, tuple[float, float]] = {
    "persons per migrant": (0.0, 5.0),
    "persons per worker": (0.0, 5.0),
    "persons per household": (1.0, 10.0),
    "m² per person": (4.0, 100.0),
    "persons per position per year": (1.0, 12.0),
    "months": (1.0, 24.0),
    "patients per FTE GP": (500.0, 5_000.0),
    "patients per short-stay worker": (0.0, 1.0),
    "pupils per class": (5.0, 40.0),
    "children per place": (0.5, 5.0),
    "years": (0.0, 10.0),
    "one-way trips": (0.0, 10.0),
    "persons per vehicle": (1.0, 100.0),
    "kg CO₂ per vehicle-km": (0.0, 5.0),
    "road km per straight-line km": (1.0, 3.0),
    "pressure (demand / spare capacity)": (0.01, 10.0),
}
#: ranges of keys whose unit alone says too little ("km"), and of the sector keys
KEY_RANGES: dict[str, tuple[float, float]] = {
    "gravity.cutoff_km": (5.0, 300.0),
    "gravity.half_distance_km": (1.0, 100.0),
    "gravity.half_distance_km_flex": (1.0, 100.0),
    "transport.cross_border_distance_km": (1.0, 300.0),
    "sector.m2_per_job": (5.0, 10_000.0),
    "sector.w_per_m2": (0.1, 5_000.0),
    "sector.trucks_per_100m2": (0.0, 100.0),
    # the peak month over the year average: at least the average, at most all in one month
    "season.peak_factor": (1.0, 12.0),
}
#: units of the keys without a reference row
KEY_UNITS: dict[str, str] = {"season.peak_factor": "factor over the year average"}
#: spare capacity per domain: 0, or from MIN_CAPACITY up to the country's total (CBS 2024,
#: rounded up: 8.2 million dwellings, 18 million inhabitants and GP patients, 1.5 million
#: primary and 1 million secondary pupils); a hundredth of a unit is the least one can write
MIN_CAPACITY = 0.01
#: per domain of the registry (``ber.engine.domains``; the case layer may not import the
#: engine, ``tests/core/test_registry.py`` checks the keys and units agree): (most, unit)
CAPACITY_MAX: dict[str, tuple[float, str]] = {
    "housing_flex": (1_000_000.0, "beds"),
    "housing_dwellings": (10_000_000.0, "dwellings"),
    "care_gp": (20_000_000.0, "patients"),
    "education_primary": (2_000_000.0, "pupils"),
    "education_secondary": (2_000_000.0, "pupils"),
    "transport_peak": (1_000_000.0, "vehicles per peak hour"),
    # 307,662 day-care places in the country (LRK, September 2022), rounded up generously
    "childcare": (1_000_000.0, "places"),
    "space": (100_000.0, "ha"),  # issuable business-park land in one municipality
    "energy": (100_000.0, "MW"),  # available grid transport capacity at a site
}


def override_range(key: str, ref: ReferenceSet) -> tuple[float, float, str] | None:
    """The plausible (low, high, unit) of an overridable key; None when unknown or a share."""
    norm = ref.norms.get(key)
    if key in KEY_RANGES:
        unit = norm.unit if norm is not None else KEY_UNITS.get(key, "m² per job")
        return (*KEY_RANGES[key], unit)
    if norm is None or norm.unit.startswith("share"):
        return None  # unknown keys and shares are checked by validate_case
    low, high = UNIT_RANGES.get(norm.unit, (0.0, max(1.0, 100.0 * norm.high)))
    return low, high, norm.unit


def plausibility_problems(case: Case, ref: ReferenceSet) -> list[Problem]:
    """Overrides and capacities outside their plausible range.

    Values that already fail the sign checks of :func:`ber.case.validate.validate_case`
    (negative, or not greater than 0 where the calculation divides) are left to
    those checks, so each value gets one message.
    """
    from ber.case.validate import POSITIVE_OVERRIDE_KEYS  # here: validate imports this module

    problems: list[Problem] = []
    for key, ov in case.overrides.items():
        found = override_range(key, ref)
        if found is None:
            continue
        low, high, unit = found
        norm = ref.norms.get(key)
        for part, number in (("value", ov.value), ("low", ov.low), ("high", ov.high)):
            if number is None or number < 0 or low <= number <= high:
                continue
            if number == 0 and key in POSITIVE_OVERRIDE_KEYS:
                continue
            problems.append(
                Problem(
                    "override.plausible",
                    f"overrides.{key}.{part}",
                    {
                        "value": _fmt(number),
                        "low": _fmt(low),
                        "high": _fmt(high),
                        "unit": unit,
                        "reference": _fmt(norm.value) if norm is not None else "-",
                    },
                )
            )
    for code, cap in case.capacity.items():
        for domain, (most, unit) in CAPACITY_MAX.items():
            value = cap.get(domain)
            if value is None or value <= 0 or MIN_CAPACITY <= value <= most:
                continue
            problems.append(
                Problem(
                    "capacity.plausible",
                    f"capacity.{code}.{domain}",
                    {
                        "value": _fmt(value),
                        "low": _fmt(MIN_CAPACITY),
                        "high": _fmt(most),
                        "unit": unit,
                    },
                )
            )
    return problems
