"""Parameter sets: the uncertain reference values of one case as arrays of draws.

One code path serves the central run (one draw: every value at its central value),
Monte Carlo (N triangular draws between low, central and high) and the
one-at-a-time sensitivity (each uncertain value at its low and at its high).
Every array has shape ``(S,)``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ber.case.model import Case
from ber.engine.season import case_profile
from ber.reference.data import CATEGORIES, MODES, VEHICLE_MODES, ReferenceSet

#: reference rows of the residence model (``ber.engine.residence``)
RESIDENCE_PARAMETERS: tuple[str, ...] = (
    "gravity.half_distance_km_flex",
    "gravity.half_distance_km",
    "gravity.host_share_min_flex",
    "gravity.host_share_min_settling",
    "gravity.cutoff_km",
)


@dataclass(frozen=True)
class ParamSpec:
    """One parameter of the calculation: its key and its low / central / high."""

    key: str
    central: float
    low: float
    high: float
    source: str  # source id, "assumption", or "case" for an input of the case
    overridden: bool = False

    @property
    def uncertain(self) -> bool:
        return self.high > self.low


def family_key(ref: ReferenceSet, case: Case, category: str) -> str:
    return ref.categories[category].family_norm_key(case.workforce.family_preset)


def parameter_specs(case: Case, ref: ReferenceSet) -> dict[str, ParamSpec]:
    """Every parameter the case uses, after overrides, keyed by a stable name."""
    specs: dict[str, ParamSpec] = {}

    def overridable(name: str, key: str, reference: ParamSpec) -> None:
        """The case's override of ``key`` when there is one, else the ``reference`` spec."""
        ov = case.overrides.get(key)
        if ov is not None:
            low = ov.low if ov.low is not None else ov.value
            high = ov.high if ov.high is not None else ov.value
            specs[name] = ParamSpec(key, ov.value, low, high, "case", overridden=True)
        else:
            specs[name] = reference

    def from_norm(name: str, norm_key: str) -> None:
        norm = ref.norms[norm_key]
        overridable(name, norm_key, ParamSpec(norm_key, norm.value, norm.low, norm.high, norm.source))

    for cat in CATEGORIES:
        from_norm(f"family.{cat}", family_key(ref, case, cat))
    for name in (
        "family.partner_share",
        "family.child_share_0_3",
        "family.child_share_4_11",
        "family.child_share_12_17",
        "housing.household_size",
        "housing.snf_m2_per_person",
        "housing.short_stay_turnover",
        "care.gp_patients_per_fte",
        "care.short_stay_registration_factor",
        "education.class_size_primary",
        "education.class_size_secondary",
        "education.newcomer_years",
        "education.newcomer_class_size",
        "childcare.take_up",
        "childcare.children_per_place",
        "transport.trips_per_worker_per_shift",
        "transport.road_factor",
        "transport.cross_border_distance_km",
        "transport.freight_peak_hour_share",
        *RESIDENCE_PARAMETERS,
        "status.amber_threshold",
        "status.red_threshold",
        "verdict.min_coverage",
        "liveability.unregistered_share",
    ):
        from_norm(name, name)
    for mode in VEHICLE_MODES:
        from_norm(f"transport.occupancy.{mode}", f"transport.occupancy.{mode}")
        from_norm(f"transport.co2_kg_per_vkm.{mode}", f"transport.co2_kg_per_vkm.{mode}")
    w = case.workforce
    for mode in MODES:
        key = f"transport.mode_share.{mode}"
        if w.mode_shares is not None:
            share = float(w.mode_shares.get(mode, 0.0))
            specs[key] = ParamSpec(key, share, share, share, "case")
        else:
            from_norm(key, key)

    sector = ref.sectors[case.business.sector]
    if w.migrant_share is not None:
        specs["sector.migrant_share"] = ParamSpec(
            "workforce.migrant_share", w.migrant_share, w.migrant_share, w.migrant_share, "case"
        )
    else:
        overridable(
            "sector.migrant_share",
            "sector.migrant_share",
            ParamSpec(
                f"sectors.{sector.key}.migrant_share",
                sector.migrant_share,
                sector.migrant_share_low,
                sector.migrant_share_high,
                sector.migrant_share_source,
            ),
        )
    trucks = (
        sector.trucks_per_100m2,
        sector.trucks_per_100m2_low,
        sector.trucks_per_100m2_high,
        sector.trucks_per_100m2_source,
    )
    overridable(
        "sector.trucks_per_100m2",
        "sector.trucks_per_100m2",
        ParamSpec(f"sectors.{sector.key}.trucks_per_100m2", *trucks),
    )
    if case.business.grid_capacity_kva is None:  # the energy domain estimates it from the floor area
        wm2 = (sector.w_per_m2, sector.w_per_m2_low, sector.w_per_m2_high, sector.w_per_m2_source)
        overridable("sector.w_per_m2", "sector.w_per_m2", ParamSpec(f"sectors.{sector.key}.w_per_m2", *wm2))
    # the seasonal peak: the case's profile is certain, a sector default has a range
    profile = case_profile(case, ref)
    peak = profile.peak_factor
    if profile.from_case:
        specs["season.peak_factor"] = ParamSpec("business.monthly_profile", peak, peak, peak, "case")
    else:
        low, high = min(sector.peak_factor_low, peak), max(sector.peak_factor_high, peak)
        overridable(
            "season.peak_factor",
            "season.peak_factor",
            ParamSpec(f"sectors.{sector.key}.monthly_profile", peak, low, high, profile.source),
        )
    if case.business.jobs is None:
        m2 = (sector.m2_per_job, sector.m2_per_job_low, sector.m2_per_job_high, sector.m2_per_job_source)
        overridable(
            "sector.m2_per_job", "sector.m2_per_job", ParamSpec(f"sectors.{sector.key}.m2_per_job", *m2)
        )
    return specs


Params = dict[str, np.ndarray]


def central_params(specs: dict[str, ParamSpec]) -> Params:
    return {name: np.array([s.central]) for name, s in specs.items()}


def triangular_params(specs: dict[str, ParamSpec], samples: int, seed: int) -> Params:
    """N draws; every uncertain value from a triangular(low, central, high) distribution.

    Draws are taken in the sorted order of parameter names from one generator, so
    the same seed and the same case give identical numbers.
    """
    rng = np.random.default_rng(seed)
    out: Params = {}
    for name in sorted(specs):
        s = specs[name]
        if s.uncertain:
            out[name] = rng.triangular(s.low, s.central, s.high, size=samples)
        else:
            out[name] = np.full(samples, s.central)
    return out


def one_at_a_time_params(specs: dict[str, ParamSpec]) -> tuple[Params, list[tuple[str, str]]]:
    """Row 0 all central; then per uncertain parameter one row at low, one at high."""
    uncertain = [n for n in sorted(specs) if specs[n].uncertain]
    rows = 1 + 2 * len(uncertain)
    out: Params = {n: np.full(rows, s.central) for n, s in specs.items()}
    labels: list[tuple[str, str]] = [("", "central")]
    for i, name in enumerate(uncertain):
        out[name][1 + 2 * i] = specs[name].low
        out[name][2 + 2 * i] = specs[name].high
        labels += [(name, "low"), (name, "high")]
    return out, labels
