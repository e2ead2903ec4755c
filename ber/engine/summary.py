"""Turning the raw arrays of a calculation into the result objects of ``ber.engine.result``.

Totals, per-municipality results, regional verdicts, the site-ranking key, the
list of parameters used, Monte Carlo percentiles and the one-at-a-time
sensitivity. Called by :mod:`ber.engine.assess`; pure functions of arrays.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ber.case.model import DOMAIN_UNITS, DOMAINS, Case
from ber.engine.geometry import SitePoint
from ber.engine.model import SEVERITY, STATUS_CODES, Prepared, Raw, compute
from ber.engine.params import ParamSpec, one_at_a_time_params
from ber.engine.result import KEY_FIGURES, DomainResult, MunicipalityResult, ParameterUsed, Verdict, clean
from ber.reference.data import CATEGORIES, ReferenceSet
from ber.texts.catalogue import text


def totals_at(raw: Raw, s: int, t: int | slice) -> dict[str, Any]:
    """Totals of draw s at year index t (an int) or over all years (a slice)."""

    def v(a: np.ndarray) -> Any:
        return np.asarray(a[s, ..., t], dtype=float).tolist()  # a float, or a list per year

    demand = raw.demand[s]  # (D, K, Y)
    out: dict[str, Any] = {
        "jobs": v(raw.jobs),
        "migrant_workers": v(raw.workers.sum(axis=1)),
        "family_members": v(raw.family.sum(axis=1)),
        "residents": v(raw.residents_k.sum(axis=1)),
        "cross_border_workers": v(raw.cross_border),
        "flex_beds": _v(demand[0].sum(axis=0), t),
        "employer_beds_used": v(raw.employer_beds_used),
        "flex_floor_area_m2": v(raw.flex_floor_area),
        "short_stay_persons_per_year": v(raw.short_stay_persons),
        "dwellings": _v(demand[1].sum(axis=0), t),
        "gp_patients": _v(demand[2].sum(axis=0), t),
        "gp_fte": v(raw.gp_fte_k.sum(axis=1)),
        "pupils_primary": _v(demand[3].sum(axis=0), t),
        "pupils_secondary": _v(demand[4].sum(axis=0), t),
        "pupils_newcomer": v(raw.pupils_newcomer_k.sum(axis=1)),
        "classes_primary": v(raw.classes_primary),
        "classes_secondary": v(raw.classes_secondary),
        "classes_newcomer": v(raw.classes_newcomer),
        "peak_vehicles": v(raw.peak_vehicles),
        "commute_vehicle_km_per_day": v(raw.vehicle_km),
        "commute_co2_kg_per_day": v(raw.co2_kg),
    }
    return out


def _v(a: np.ndarray, t: int | slice) -> Any:
    return np.asarray(a[t], dtype=float).tolist()


def municipality_results(prep: Prepared, raw: Raw) -> list[MunicipalityResult]:
    t = prep.full_idx
    region = prep.region
    all_workers = float(raw.workers[0, :, t].sum())
    # whole arrays to Python lists at once (per-element float() dominated the national screening)
    known = ~np.isnan(prep.capacity)  # (D, K)
    demand = raw.demand[0]  # (D, K, Y)
    pressure = raw.pressure[0].astype(object)
    pressure[~(np.isfinite(raw.pressure[0]) & known[:, :, None])] = None  # unknown or no capacity
    status = np.asarray(STATUS_CODES, dtype=object)[raw.status[0]]
    demand_l, pressure_l, status_l = demand.tolist(), pressure.tolist(), status.tolist()
    capacity_l = prep.capacity.tolist()
    known_l = known.tolist()
    workers_l = raw.workers_k[0, :, t].tolist()
    residents_l = raw.residents_k[0, :, t].tolist()
    gp_fte_l = raw.gp_fte_k[0, :, t].tolist()
    newcomer_l = raw.pupils_newcomer_k[0, :, t].tolist()
    distance_l = raw.distance_km.tolist()
    out = []
    for k, code in enumerate(region.codes):
        domains = {}
        for d, dom in enumerate(DOMAINS):
            domains[dom] = DomainResult(
                demand=demand_l[d][k][t],
                capacity=capacity_l[d][k] if known_l[d][k] else None,
                pressure=pressure_l[d][k][t],
                status=status_l[d][k][t],
                unit=DOMAIN_UNITS[dom],
                demand_per_year=demand_l[d][k],
                pressure_per_year=pressure_l[d][k],
                status_per_year=status_l[d][k],
            )
        workers = workers_l[k]
        out.append(
            MunicipalityResult(
                code=code,
                name=region.names[k],
                distance_km=distance_l[k],
                residence_share=workers / all_workers if all_workers > 0 else 0.0,
                workers=workers,
                residents=residents_l[k],
                gp_fte=gp_fte_l[k],
                pupils_newcomer=newcomer_l[k],
                domains=domains,
            )
        )
    return out


def verdicts(prep: Prepared, raw: Raw, s: int = 0) -> dict[str, Verdict]:
    t = prep.full_idx
    out = {}
    for d, dom in enumerate(DOMAINS):
        status = raw.status[s, d, :, t]
        pressure = raw.pressure[s, d, :, t]
        demand = raw.demand[s, d, :, t]
        sev = SEVERITY[status]
        # worst status; among equals the highest pressure, then the largest demand
        tie = np.where(np.isnan(pressure), -1.0, np.nan_to_num(pressure, posinf=1e300))
        order = np.lexsort((demand, tie, sev))
        k = int(order[-1])
        out[dom] = Verdict(
            status=STATUS_CODES[int(status[k])],
            municipality=prep.region.codes[k],
            municipality_name=prep.region.names[k],
            pressure=clean(float(pressure[k])) if not np.isnan(prep.capacity[d, k]) else None,
        )
    return out


def rank_key(prep: Prepared, raw: Raw) -> tuple[int, int, int, float, bool, float]:
    t = prep.full_idx
    status = raw.status[0, :, :, t]
    pressure = raw.pressure[0, :, :, t]
    known = pressure[~np.isnan(pressure)]
    max_p = float(known.max()) if known.size else float("nan")
    return (
        int((status == 2).sum()),
        int((status == 1).sum()),
        int((status == 3).sum()),
        max_p,
        bool(np.isinf(known).any()),
        float(raw.vehicle_km[0, t]),
    )


def parameters_used(specs: dict[str, ParamSpec], case: Case, ref: ReferenceSet) -> list[ParameterUsed]:
    out = []
    for name in sorted(specs):
        s = specs[name]
        norm = ref.norms.get(s.key)
        ov = case.overrides.get(s.key) or (case.overrides.get(name) if name.startswith("sector.") else None)
        if norm is not None:
            unit, label_nl, label_en, source = norm.unit, norm.label_nl, norm.label_en, norm.source
        else:
            sector = ref.sectors[case.business.sector]
            if name == "sector.migrant_share":
                unit = "share of jobs"
                label_nl = text("label.parameter.sector_migrant_share", "nl", sector=sector.label_nl)
                label_en = text("label.parameter.sector_migrant_share", "en", sector=sector.label_en)
                source = sector.migrant_share_source
            else:
                unit = "m² BVO per job"
                label_nl = text("label.parameter.sector_m2_per_job", "nl", sector=sector.label_nl)
                label_en = text("label.parameter.sector_m2_per_job", "en", sector=sector.label_en)
                source = sector.m2_per_job_source
            if s.source == "case":
                source = "case"
        if s.source == "case":
            source = "case"
        out.append(
            ParameterUsed(
                name=name,
                key=s.key,
                value=s.central,
                low=s.low,
                high=s.high,
                unit=unit,
                source=source,
                citation=ref.citation(source) if source != "case" else "",
                assumption=source == "assumption",
                overridden=s.overridden,
                justification=ov.justification if ov is not None else "",
                label_nl=label_nl,
                label_en=label_en,
            )
        )
    return out


def percentiles(values: np.ndarray) -> dict[str, float | None]:
    """P10 / P50 / P90 of the draws; None when unknown (NaN) or infinite (no capacity).

    Draws are NaN only all together (unknown capacity). Infinite draws (zero
    capacity) sort above every finite one, so the lower percentiles stay finite
    when enough draws are finite; interpolating between two infinities gives NaN,
    which means infinite here.
    """
    if values.size == 0 or bool(np.isnan(values).any()):
        return {"p10": None, "p50": None, "p90": None}
    with np.errstate(invalid="ignore"):
        p = np.percentile(values, [10, 50, 90], method="linear")
    p10, p50, p90 = (None if np.isnan(x) else clean(float(x)) for x in p)
    return {"p10": p10, "p50": p50, "p90": p90}


def uncertainty_summary(prep: Prepared, raw: Raw, samples: int, seed: int) -> dict[str, Any]:
    t = prep.full_idx
    tot: dict[str, Any] = {}
    scalar = {
        "jobs": raw.jobs[:, t],
        "migrant_workers": raw.workers[:, :, t].sum(axis=1),
        "family_members": raw.family[:, :, t].sum(axis=1),
        "residents": raw.residents_k[:, :, t].sum(axis=1),
        "flex_beds": raw.demand[:, 0, :, t].sum(axis=1),
        "dwellings": raw.demand[:, 1, :, t].sum(axis=1),
        "gp_patients": raw.demand[:, 2, :, t].sum(axis=1),
        "gp_fte": raw.gp_fte_k[:, :, t].sum(axis=1),
        "pupils_primary": raw.demand[:, 3, :, t].sum(axis=1),
        "pupils_secondary": raw.demand[:, 4, :, t].sum(axis=1),
        "pupils_newcomer": raw.pupils_newcomer_k[:, :, t].sum(axis=1),
        "peak_vehicles": raw.peak_vehicles[:, t],
        "commute_vehicle_km_per_day": raw.vehicle_km[:, t],
        "commute_co2_kg_per_day": raw.co2_kg[:, t],
        "cross_border_workers": raw.cross_border[:, t],
        "employer_beds_used": raw.employer_beds_used[:, t],
        "flex_floor_area_m2": raw.flex_floor_area[:, t],
        "short_stay_persons_per_year": raw.short_stay_persons[:, t],
        "classes_primary": raw.classes_primary[:, t],
        "classes_secondary": raw.classes_secondary[:, t],
        "classes_newcomer": raw.classes_newcomer[:, t],
    }
    for key, arr in scalar.items():
        tot[key] = percentiles(arr)
    tot["workers"] = {c: percentiles(raw.workers[:, i, t]) for i, c in enumerate(CATEGORIES)}
    tot["family"] = {c: percentiles(raw.family[:, i, t]) for i, c in enumerate(CATEGORIES)}
    pressure: dict[str, dict[str, Any]] = {}
    demand_bands: dict[str, dict[str, Any]] = {}
    for d, dom in enumerate(DOMAINS):
        pressure[dom] = {}
        demand_bands[dom] = {}
        for k, code in enumerate(prep.region.codes):
            p = raw.pressure[:, d, k, t]
            entry: dict[str, Any] = (
                percentiles(p)
                if not np.isnan(prep.capacity[d, k])
                else {"p10": None, "p50": None, "p90": None}
            )
            entry["share_red"] = float((raw.status[:, d, k, t] == 2).mean())
            entry["share_amber_or_red"] = float(
                (raw.status[:, d, k, t] >= 1).mean() - (raw.status[:, d, k, t] == 3).mean()
            )
            pressure[dom][code] = entry
            band = np.percentile(raw.demand[:, d, k, :], [10, 50, 90], axis=0)
            demand_bands[dom][code] = {
                "p10": [float(x) for x in band[0]],
                "p50": [float(x) for x in band[1]],
                "p90": [float(x) for x in band[2]],
            }
    return {
        "samples": samples,
        "seed": seed,
        "method": "triangular(low, central, high) per uncertain value, independent draws",
        "totals": tot,
        "pressure": pressure,
        "demand_per_year": demand_bands,
    }


SENSITIVITY_OUTPUTS: tuple[str, ...] = KEY_FIGURES


def sensitivity_rows(
    prep: Prepared, site: SitePoint, specs: dict[str, ParamSpec], ref: ReferenceSet
) -> list[dict[str, Any]]:
    params, labels = one_at_a_time_params(specs)
    raw = compute(prep, site, params)
    t = prep.full_idx
    rows: list[dict[str, Any]] = []
    base = totals_at(raw, 0, t)
    for i in range(1, len(labels), 2):
        name = labels[i][0]
        lo, hi = totals_at(raw, i, t), totals_at(raw, i + 1, t)
        swing = {}
        for key in SENSITIVITY_OUTPUTS:
            b = base[key]
            swing[key] = {"low": lo[key], "high": hi[key], "central": b}
        rel = max(
            (abs(hi[k] - lo[k]) / abs(base[k]) if abs(base[k]) > 1e-9 else 0.0) for k in SENSITIVITY_OUTPUTS
        )
        spec = specs[name]
        norm = ref.norms.get(spec.key)
        rows.append(
            {
                "name": name,
                "key": spec.key,
                "low": spec.low,
                "central": spec.central,
                "high": spec.high,
                "label_nl": norm.label_nl if norm else name,
                "label_en": norm.label_en if norm else name,
                "max_relative_swing": rel,
                "outputs": swing,
            }
        )
    rows.sort(key=lambda r: -float(r["max_relative_swing"]))
    return rows
