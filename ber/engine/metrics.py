"""The metric registry: every output number of an assessment once.

A metric is one regional total (``totals`` and ``per_year`` of the result): its key,
unit, label key (looked up in ``ber.texts.labels.TOTAL_LABELS``), how many decimals
it is shown with (the one rounding policy, :mod:`ber.engine.rounding`; whole numbers
for persons), how it is taken from the computed arrays (:class:`ber.engine.model.Raw`
to an array over draws × years) and in which outputs it is listed besides the result
JSON, the Monte Carlo totals and the Excel export, which carry every metric.

Everything that lists metrics (the engine's totals, percentiles and sensitivity, the
CLI summary, the report's key-figure and uncertainty tables, the GUI's key figures,
the Excel export) iterates :func:`metrics`; ``docs/adding-a-domain.md`` says how to
add one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from ber.engine.model import Raw


class Output(StrEnum):
    """Where a metric is listed (the result JSON and the Excel export list every metric)."""

    CLI = "cli"  # the summary printed by ``ber assess``
    KEY_FIGURES = "key_figures"  # the report's key figures on the summary page
    UNCERTAINTY = "uncertainty"  # the report's table of P10/P50/P90 totals
    SENSITIVITY = "sensitivity"  # the outputs the one-at-a-time sensitivity follows
    GUI = "gui"  # the key-figure table of the desktop application


ALL_OUTPUTS: frozenset[Output] = frozenset(Output)


@dataclass(frozen=True)
class Metric:
    key: str
    #: engine unit name (translated by ``ber.texts.labels.unit_label``)
    unit: str
    #: key of its label in ``ber.texts.labels.TOTAL_LABELS``
    label: str
    #: the metric over draws × years, from the computed arrays: (S, Y)
    take: Callable[[Raw], np.ndarray]
    #: decimals wherever it is shown (0 for persons and other whole things)
    decimals: int = 0
    shown_in: frozenset[Output] = frozenset()


_REGISTRY: dict[str, Metric] = {}


def register(metric: Metric) -> Metric:
    """Add a metric at the end (its key must be new)."""
    if metric.key in _REGISTRY:
        raise ValueError(f"metric {metric.key!r} is already registered")
    _REGISTRY[metric.key] = metric
    return metric


def unregister(key: str) -> None:
    """Remove a metric (for tests that register one temporarily)."""
    del _REGISTRY[key]


def metrics(shown_in: Output | None = None) -> tuple[Metric, ...]:
    """Every metric in registry order, or those listed in one output."""
    return tuple(m for m in _REGISTRY.values() if shown_in is None or shown_in in m.shown_in)


def metric_keys(shown_in: Output | None = None) -> tuple[str, ...]:
    return tuple(m.key for m in metrics(shown_in))


def metric(key: str) -> Metric:
    return _REGISTRY[key]


def is_metric(key: str) -> bool:
    return key in _REGISTRY


def regional(local_key: str) -> Callable[[Raw], np.ndarray]:
    """Take the regional total of a per-municipality quantity (``Raw.local``)."""

    def take(raw: Raw) -> np.ndarray:
        out: np.ndarray = raw.local[local_key].sum(axis=1)
        return out

    return take


_C, _K, _U, _S, _G = Output.CLI, Output.KEY_FIGURES, Output.UNCERTAINTY, Output.SENSITIVITY, Output.GUI


def _add(key: str, unit: str, take: Callable[[Raw], np.ndarray], *shown: Output, decimals: int = 0) -> None:
    register(Metric(key, unit, key, take, decimals, frozenset(shown)))


_add("jobs", "jobs", lambda r: r.jobs, _K, _G)
# the peak month of the seasonal profile (the year average is ``jobs``)
_add("jobs_peak", "jobs", lambda r: r.jobs * r.peak_factor, _K, _G)
_add("migrant_workers", "persons", lambda r: r.workers.sum(axis=1), _C, _K, _G)
_add("migrant_workers_peak", "persons", lambda r: r.workers.sum(axis=1) * r.peak_factor, _K)
_add("family_members", "persons", lambda r: r.family.sum(axis=1), _C, _K, _U, _G)
_add("residents", "persons", regional("residents"), _C, _K, _U, _S, _G)
_add("cross_border_workers", "persons", lambda r: r.cross_border)
_add("flex_beds", "beds", regional("flex_beds"), _C, _K, _U, _S, _G)
# flex beds at the peak month: the demand of the domain housing_flex
_add("flex_beds_peak", "beds", regional("flex_beds_peak"), _C, _K, _U, _S, _G)
_add("employer_beds_used", "beds", lambda r: r.employer_beds_used, _K)
_add("flex_floor_area_m2", "m²", lambda r: r.flex_floor_area)
_add("short_stay_persons_per_year", "persons per year", lambda r: r.short_stay_persons)
_add("dwellings", "dwellings", regional("dwellings"), _C, _K, _U, _S, _G)
_add("gp_patients", "patients", regional("gp_patients"), _K, _U, _G)
# two decimals: a small case needs 0.23 FTE, which a whole number would show as 0
_add("gp_fte", "FTE", regional("gp_fte"), _C, _K, _U, _S, decimals=2)
_add("pupils_primary", "pupils", regional("pupils_primary"), _C, _K, _U, _S, _G)
_add("pupils_secondary", "pupils", regional("pupils_secondary"), _C, _K, _U, _S, _G)
_add("pupils_newcomer", "pupils", regional("pupils_newcomer"), _K, _U, _G)
_add("classes_primary", "classes", lambda r: r.classes_primary, decimals=1)
_add("classes_secondary", "classes", lambda r: r.classes_secondary, decimals=1)
_add("classes_newcomer", "classes", lambda r: r.classes_newcomer, decimals=1)
_add("children_0_3", "persons", regional("children_0_3"), _K, _G)
_add("childcare_places", "places", regional("childcare_places"), _C, _K, _U, _S, _G)
_add("peak_vehicles", "vehicles per peak hour", lambda r: r.peak_vehicles, _C, _K, _U, _S, _G)
# freight at the site: its own lines, and with the commuters the peak-hour load of the site's roads
_add("freight_trucks_per_day", "trucks per day", lambda r: r.freight_trucks_day, _C, _K, _U, _G)
_add("freight_trucks_peak", "trucks per peak hour", lambda r: r.freight_trucks_peak, _U, _G)
_add("site_peak_vehicles", "vehicles per peak hour", regional("site_peak_vehicles"), _C, _U, _S, _G)
_add("commute_vehicle_km_per_day", "vehicle-km per day", lambda r: r.vehicle_km, _C, _K, _U, _S, _G)
_add("commute_co2_kg_per_day", "kg CO₂ per day", lambda r: r.co2_kg, _K, _U)
# site domains: the plot (ha) and the grid capacity the business needs (MW); the report's key
# figures leave them to the site section (the summary stays within two pages)
_add("plot_area_ha", "ha", regional("plot_area_ha"), decimals=1)
_add("grid_demand_mw", "MW", regional("grid_demand_mw"), _C, _U, _S, decimals=2)
# the afweging (issue 18): jobs not filled by labour migrants; residents not in the BRP
_add(
    "local_jobs", "jobs", lambda r: np.maximum(r.jobs - r.workers.sum(axis=1), 0.0), _G
)  # never below 0 by rounding
_add("unregistered_residents", "persons", regional("unregistered_residents"), _U, _G)
