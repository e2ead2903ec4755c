"""Assess a case: validate, compute central / Monte Carlo / sensitivity, rank sites.

This is the engine's public entry point (``assess``); the CLI, the GUI and the
report call it and nothing below it.
"""

from __future__ import annotations

import datetime as _dt
import os
from dataclasses import dataclass
from typing import Any

import numpy as np

from ber import __version__
from ber.case import DOMAIN_UNITS, DOMAINS, Case
from ber.geometry import HostLocator, SitePoint, distances_km, site_point
from ber.messages import InputError
from ber.model import (
    SEVERITY,
    STATUS_CODES,
    Prepared,
    Raw,
    compute,
    ramp_profile,
)
from ber.params import (
    ParamSpec,
    central_params,
    one_at_a_time_params,
    parameter_specs,
    triangular_params,
)
from ber.progress import NoProgress, Progress, check_cancel
from ber.reference import CATEGORIES, MunicipalityTable, ReferenceSet, load_reference
from ber.result import (
    Assessment,
    DomainResult,
    MunicipalityResult,
    ParameterUsed,
    SiteRank,
    Verdict,
    clean,
)
from ber.validate import validate_case

MC_CHUNK = 500


@dataclass(frozen=True)
class Context:
    """What an assessment needs besides the case: reference data and region data."""

    ref: ReferenceSet
    table: MunicipalityTable
    locate: HostLocator | None = None
    #: geodata behind ``table`` when it came from imported boundaries (a
    #: ``ber.geodata.GeoData``); None for the built-in demo region
    geo: Any = None

    @classmethod
    def default(cls) -> Context:
        ref = load_reference()
        return cls(ref=ref, table=ref.municipalities)


def check_case(case: Case, ctx: Context) -> None:
    problems = validate_case(case, ctx.ref, ctx.table)
    if problems:
        raise InputError(problems)


# ---------------------------------------------------------------------------
# preparation
# ---------------------------------------------------------------------------


def region_codes(case: Case, ctx: Context, site: SitePoint, cutoff_km: float) -> list[str]:
    """Municipalities of the region, in the order of the municipality table.

    The case's list when given, else every municipality whose centroid is within
    the cut-off distance of the site; the host municipality and the municipalities
    of employer beds and manual residence shares always belong to it.
    """
    table = ctx.table
    if case.region.municipalities:
        wanted = set(case.region.municipalities)
    else:
        d = distances_km(site, table)
        wanted = {table.codes[i] for i in np.flatnonzero(d <= cutoff_km)}
    wanted.add(site.host)
    wanted.update(b.municipality for b in case.workforce.employer_beds)
    if case.workforce.residence.method == "manual":
        wanted.update(case.workforce.residence.shares)
    return [c for c in table.codes if c in wanted]


def prepare(case: Case, ctx: Context, site: SitePoint, specs: dict[str, ParamSpec]) -> Prepared:
    codes = region_codes(case, ctx, site, specs["gravity.cutoff_km"].central)
    region = ctx.table.subset(codes)
    b = case.business
    years = np.arange(b.start_year, b.start_year + b.horizon_years)
    ramp = ramp_profile(b.ramp_up, b.horizon_years)
    full_idx = int(np.argmax(ramp >= ramp.max() - 1e-12))
    beds = np.zeros(len(codes))
    for block in case.workforce.employer_beds:
        beds[codes.index(block.municipality)] += block.beds
    manual = None
    if case.workforce.residence.method == "manual":
        manual = np.array([case.workforce.residence.shares.get(c, 0.0) for c in codes])
    capacity = np.full((len(DOMAINS), len(codes)), np.nan)
    for k, code in enumerate(codes):
        cap = case.capacity.get(code)
        if cap is not None:
            for dom_i, dom in enumerate(DOMAINS):
                value = cap.get(dom)
                if value is not None:
                    capacity[dom_i, k] = value
    shares = np.array([case.workforce.category_shares.get(c, 0.0) for c in CATEGORIES])
    return Prepared(
        case=case,
        region=region,
        years=years,
        ramp=ramp,
        full_idx=full_idx,
        category_shares=shares,
        beds=beds,
        manual_shares=manual,
        capacity=capacity,
        jobs=b.jobs,
        floor_area_m2=b.floor_area_m2,
    )


def without_mitigations(case: Case) -> Case:
    """The same case without the conditions the municipality can attach."""
    wf = case.workforce.model_copy(update={"employer_beds": []})
    mit = case.mitigations.model_copy(
        update={"shuttle_share": 0.0, "employer_gp_share": 0.0, "local_recruitment_share": 0.0}
    )
    return case.model_copy(update={"workforce": wf, "mitigations": mit})


def has_mitigations(case: Case) -> bool:
    m = case.mitigations
    return bool(
        sum(b.beds for b in case.workforce.employer_beds) > 0
        or m.shuttle_share > 0
        or m.employer_gp_share > 0
        or m.local_recruitment_share > 0
    )


# ---------------------------------------------------------------------------
# result building
# ---------------------------------------------------------------------------


def _totals(raw: Raw, s: int, t: int | slice) -> dict[str, Any]:
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


def _municipalities(prep: Prepared, raw: Raw) -> list[MunicipalityResult]:
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


def _verdicts(prep: Prepared, raw: Raw, s: int = 0) -> dict[str, Verdict]:
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


def _rank_key(prep: Prepared, raw: Raw) -> tuple[int, int, int, float, bool, float]:
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


def _parameters(specs: dict[str, ParamSpec], case: Case, ref: ReferenceSet) -> list[ParameterUsed]:
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
                label_nl = f"Aandeel arbeidsmigranten, sector {sector.label_nl}"
                label_en = f"Labour-migrant share, sector {sector.label_en}"
                source = sector.migrant_share_source
            else:
                unit = "m² BVO per job"
                label_nl = f"Vloeroppervlak per baan, sector {sector.label_nl}"
                label_en = f"Floor area per job, sector {sector.label_en}"
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


def _percentiles(values: np.ndarray) -> dict[str, float | None]:
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


def _uncertainty(prep: Prepared, raw: Raw, samples: int, seed: int) -> dict[str, Any]:
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
        tot[key] = _percentiles(arr)
    tot["workers"] = {c: _percentiles(raw.workers[:, i, t]) for i, c in enumerate(CATEGORIES)}
    tot["family"] = {c: _percentiles(raw.family[:, i, t]) for i, c in enumerate(CATEGORIES)}
    pressure: dict[str, dict[str, Any]] = {}
    demand_bands: dict[str, dict[str, Any]] = {}
    for d, dom in enumerate(DOMAINS):
        pressure[dom] = {}
        demand_bands[dom] = {}
        for k, code in enumerate(prep.region.codes):
            p = raw.pressure[:, d, k, t]
            entry: dict[str, Any] = (
                _percentiles(p)
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


SENSITIVITY_OUTPUTS: tuple[str, ...] = (
    "residents",
    "flex_beds",
    "dwellings",
    "gp_fte",
    "pupils_primary",
    "pupils_secondary",
    "peak_vehicles",
    "commute_vehicle_km_per_day",
)


def _sensitivity(
    prep: Prepared, site: SitePoint, specs: dict[str, ParamSpec], ref: ReferenceSet
) -> list[dict[str, Any]]:
    params, labels = one_at_a_time_params(specs)
    raw = compute(prep, site, params)
    t = prep.full_idx
    rows: list[dict[str, Any]] = []
    base = _totals(raw, 0, t)
    for i in range(1, len(labels), 2):
        name = labels[i][0]
        lo, hi = _totals(raw, i, t), _totals(raw, i + 1, t)
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


def _computed_at() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        now = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
    else:
        now = _dt.datetime.now(tz=_dt.UTC).replace(microsecond=0)
    return now.isoformat()


def _mitigation_effect(case: Case, ctx: Context, site: SitePoint) -> dict[str, Any]:
    base = without_mitigations(case)
    specs = parameter_specs(base, ctx.ref)
    prep = prepare(base, ctx, site, specs)
    raw = compute(prep, site, central_params(specs))
    verdict = _verdicts(prep, raw)
    t = prep.full_idx
    known = ~np.isnan(prep.capacity)  # (D, K)
    pressure = raw.pressure[0, :, :, t].astype(object)
    pressure[~(np.isfinite(raw.pressure[0, :, :, t]) & known)] = None
    capacity = prep.capacity.astype(object)
    capacity[~known] = None
    demand_l, capacity_l, pressure_l = (
        raw.demand[0, :, :, t].tolist(),
        capacity.tolist(),
        pressure.tolist(),
    )
    status_l = np.asarray(STATUS_CODES, dtype=object)[raw.status[0, :, :, t]].tolist()
    return {
        "active": {
            "employer_beds": sum(b.beds for b in case.workforce.employer_beds),
            "shuttle_share": case.mitigations.shuttle_share,
            "employer_gp_share": case.mitigations.employer_gp_share,
            "local_recruitment_share": case.mitigations.local_recruitment_share,
        },
        "without": {
            "totals": _totals(raw, 0, t),
            "verdict": {k: v.__dict__ for k, v in verdict.items()},
            "municipalities": [
                {
                    "code": code,
                    "name": prep.region.names[k],
                    **{
                        dom: {
                            "demand": demand_l[d][k],
                            "capacity": capacity_l[d][k],
                            "pressure": pressure_l[d][k],
                            "status": status_l[d][k],
                        }
                        for d, dom in enumerate(DOMAINS)
                    },
                }
                for k, code in enumerate(prep.region.codes)
            ],
        },
    }


def rank_sites(case: Case, ctx: Context, specs: dict[str, ParamSpec] | None = None) -> list[SiteRank]:
    """Evaluate the case once per candidate site and rank them (method section 6)."""
    specs = specs or parameter_specs(case, ctx.ref)
    params = central_params(specs)
    rows = []
    for site in case.sites:
        point = site_point(site, ctx.table, ctx.locate)
        prep = prepare(case, ctx, point, specs)
        raw = compute(prep, point, params)
        key = _rank_key(prep, raw)
        verdict = _verdicts(prep, raw)
        rows.append((key, point, verdict))
    order = sorted(
        range(len(rows)),
        key=lambda i: (
            rows[i][0][0],
            rows[i][0][1],
            rows[i][0][3] if np.isfinite(rows[i][0][3]) else 1e300,
            rows[i][0][5],
        ),
    )
    out = []
    for rank, i in enumerate(order, start=1):
        (red, amber, grey, max_p, no_cap, vkm), point, verdict = rows[i]
        out.append(
            SiteRank(
                name=point.name,
                host_municipality=point.host,
                host_name=ctx.table.name(point.host),
                x=point.x,
                y=point.y,
                chosen=point.chosen or len(case.sites) == 1,
                rank=rank,
                red=red,
                amber=amber,
                grey=grey,
                max_pressure=clean(max_p),
                no_capacity=no_cap,
                commute_vehicle_km_per_day=vkm,
                verdict={k: v.status for k, v in verdict.items()},
            )
        )
    return out


def assess(
    case: Case,
    ctx: Context | None = None,
    *,
    samples: int = 0,
    seed: int = 0,
    progress: Progress | None = None,
) -> Assessment:
    """Assess a case: validates it (InputError with every problem) and computes all.

    ``samples`` > 0 adds Monte Carlo percentiles and the one-at-a-time sensitivity.
    ``progress`` receives fractions and may cancel (raises ``Cancelled``).
    """
    ctx = ctx or Context.default()
    progress = progress or NoProgress()
    check_case(case, ctx)
    ref = ctx.ref
    specs = parameter_specs(case, ref)
    chosen = site_point(case.chosen_site(), ctx.table, ctx.locate)
    prep = prepare(case, ctx, chosen, specs)
    raw = compute(prep, chosen, central_params(specs))
    t = prep.full_idx
    progress.report(0.05, "central")

    totals = _totals(raw, 0, t)
    totals["workers"] = {c: float(raw.workers[0, i, t]) for i, c in enumerate(CATEGORIES)}
    totals["family"] = {c: float(raw.family[0, i, t]) for i, c in enumerate(CATEGORIES)}
    per_year = _totals(raw, 0, slice(None))

    sites = rank_sites(case, ctx, specs) if len(case.sites) > 1 else []
    mitigations = _mitigation_effect(case, ctx, chosen) if has_mitigations(case) else None
    check_cancel(progress)

    uncertainty = None
    sensitivity = None
    if samples > 0:
        chunks = []
        all_params = triangular_params(specs, samples, seed)
        for start in range(0, samples, MC_CHUNK):
            check_cancel(progress)
            part = {k: v[start : start + MC_CHUNK] for k, v in all_params.items()}
            chunks.append(compute(prep, chosen, part))
            progress.report(0.1 + 0.8 * min(1.0, (start + MC_CHUNK) / samples), "samples")
        mc = _concat(chunks)
        uncertainty = _uncertainty(prep, mc, samples, seed)
        sensitivity = _sensitivity(prep, chosen, specs, ref)
    progress.report(1.0, "done")

    region_method = "list" if case.region.municipalities else "cutoff"
    return Assessment(
        app_version=__version__,
        reference_version=ref.version,
        reference_checksum=ref.checksum,
        case_sha256=case.sha256(),
        computed_at=_computed_at(),
        language=case.meta.language,
        years=[int(y) for y in prep.years],
        full_operation_year=int(prep.years[t]),
        site={
            "name": chosen.name,
            "x": chosen.x,
            "y": chosen.y,
            "crs": "EPSG:28992",
            "host_municipality": chosen.host,
            "host_name": ctx.table.name(chosen.host),
        },
        region={
            "method": region_method,
            "label": case.region.label,
            "cutoff_km": specs["gravity.cutoff_km"].central,
            "municipalities": list(prep.region.codes),
            "data_source": ref.citation(ctx.table.source)
            if ctx.table.source in ref.sources
            else ctx.table.source,
        },
        family_preset=case.workforce.family_preset,
        totals=totals,
        per_year=per_year,
        municipalities=_municipalities(prep, raw),
        verdict=_verdicts(prep, raw),
        sites=sites,
        mitigations=mitigations,
        parameters=_parameters(specs, case, ref),
        uncertainty=uncertainty,
        sensitivity=sensitivity,
    )


def _concat(chunks: list[Raw]) -> Raw:
    if len(chunks) == 1:
        return chunks[0]
    first = chunks[0]
    fields = {}
    for name in first.__dataclass_fields__:
        value = getattr(first, name)
        if name == "distance_km":
            fields[name] = value
        else:
            fields[name] = np.concatenate([getattr(c, name) for c in chunks], axis=0)
    return Raw(**fields)
