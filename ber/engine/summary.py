"""Turning the raw arrays of a calculation into the result objects of ``ber.engine.result``.

Totals, per-municipality results, regional verdicts, the site-ranking key, the
list of parameters used, Monte Carlo percentiles and the one-at-a-time
sensitivity. Called by :mod:`ber.engine.assess`; pure functions of arrays.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ber.case.model import Case
from ber.engine.domains import domains
from ber.engine.geometry import SitePoint
from ber.engine.metrics import Output, metrics
from ber.engine.model import Prepared, Raw, compute
from ber.engine.montecarlo import DrawAccumulator
from ber.engine.params import ParamSpec, one_at_a_time_params
from ber.engine.result import (
    Band,
    BandPerYear,
    DomainResult,
    MunicipalityResult,
    ParameterUsed,
    PressureBand,
    SensitivityRow,
    Swing,
    UncertainTotals,
    Uncertainty,
    Verdict,
    clean,
)
from ber.engine.status import STATUS_CODES
from ber.engine.verdict import RankKey, domain_verdicts
from ber.engine.verdict import rank_key as site_rank_key
from ber.reference.data import CATEGORIES, ReferenceSet, Sector
from ber.texts.catalogue import text


def totals_at(raw: Raw, s: int, t: int) -> dict[str, float]:
    """Every metric of draw s at year index t."""
    return {m.key: float(m.take(raw)[s, t]) for m in metrics()}


def per_year(raw: Raw, s: int) -> dict[str, list[float]]:
    """Every metric of draw s, per year."""
    return {m.key: np.asarray(m.take(raw)[s], dtype=float).tolist() for m in metrics()}


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
    inf_l = np.isinf(raw.pressure[0, :, :, t]).tolist()
    workers_l = raw.local["migrant_workers"][0, :, t].tolist()
    residents_l = raw.local["residents"][0, :, t].tolist()
    gp_fte_l = raw.local["gp_fte"][0, :, t].tolist()
    newcomer_l = raw.local["pupils_newcomer"][0, :, t].tolist()
    distance_l = raw.distance_km.tolist()
    out = []
    for k, code in enumerate(region.codes):
        per_domain = {}
        for d, dom in enumerate(domains()):
            per_domain[dom.key] = DomainResult(
                demand=demand_l[d][k][t],
                capacity=capacity_l[d][k] if known_l[d][k] else None,
                pressure=pressure_l[d][k][t],
                status=status_l[d][k][t],
                unit=dom.unit,
                demand_per_year=demand_l[d][k],
                pressure_per_year=pressure_l[d][k],
                status_per_year=status_l[d][k],
                no_capacity=bool(inf_l[d][k]),
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
                domains=per_domain,
            )
        )
    return out


def verdicts(prep: Prepared, raw: Raw, min_coverage: float, s: int = 0) -> dict[str, Verdict]:
    """The regional verdict per domain with its coverage (``ber.engine.verdict``)."""
    t = prep.full_idx
    return domain_verdicts(
        list(prep.region.codes),
        list(prep.region.names),
        raw.demand[s, :, :, t],
        raw.pressure[s, :, :, t],
        raw.status[s, :, :, t],
        prep.capacity,
        min_coverage,
    )


def rank_key(prep: Prepared, raw: Raw) -> RankKey:
    t = prep.full_idx
    return site_rank_key(
        raw.demand[0, :, :, t],
        raw.pressure[0, :, :, t],
        raw.status[0, :, :, t],
        prep.capacity,
        float(raw.vehicle_km[0, t]),
    )


#: a sector value without a norm in the reference: (unit, label key, the sector's source for it)
_SectorParameter = tuple[str, str, Callable[[Sector], str]]
_SECTOR_PARAMETERS: dict[str, _SectorParameter] = {
    "season.peak_factor": (
        "factor over the year average",
        "label.parameter.season_peak_factor",
        lambda sector: sector.monthly_profile_source,
    ),
    "sector.migrant_share": (
        "share of jobs",
        "label.parameter.sector_migrant_share",
        lambda sector: sector.migrant_share_source,
    ),
    "sector.trucks_per_100m2": (
        "trucks per 100 m² BVO per day",
        "label.parameter.sector_trucks_per_100m2",
        lambda sector: sector.trucks_per_100m2_source,
    ),
    "sector.w_per_m2": (
        "W per m² BVO",
        "label.parameter.sector_w_per_m2",
        lambda sector: sector.w_per_m2_source,
    ),
}
#: any other sector value: the floor area per job
_SECTOR_M2_PER_JOB: _SectorParameter = (
    "m² BVO per job",
    "label.parameter.sector_m2_per_job",
    lambda sector: sector.m2_per_job_source,
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
            unit, label_key, source_of = _SECTOR_PARAMETERS.get(name, _SECTOR_M2_PER_JOB)
            label_nl = text(label_key, "nl", sector=sector.label_nl)
            label_en = text(label_key, "en", sector=sector.label_en)
            source = source_of(sector)
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


def _band(p: np.ndarray, j: int) -> Band:
    """Band of tracked value j from the (3, Q) percentile array (NaN: unknown or infinite)."""
    p10, p50, p90 = (None if np.isnan(x) else clean(float(x)) for x in p[:, j])
    return Band(p10=p10, p50=p50, p90=p90)


def uncertainty_summary(prep: Prepared, acc: DrawAccumulator, samples: int, seed: int) -> Uncertainty:
    """Percentiles and status shares from the draws collected in ``acc`` (``ber.engine.montecarlo``)."""
    lay = acc.layout
    p = acc.percentiles()
    at = lay.slices()
    m0, w0, f0 = at["metrics"].start, at["workers"].start, at["family"].start
    p0, d0 = at["pressure"].start, at["demand"].start
    totals = UncertainTotals(
        values={m.key: _band(p, m0 + i) for i, m in enumerate(metrics())},
        workers={c: _band(p, w0 + i) for i, c in enumerate(CATEGORIES)},
        family={c: _band(p, f0 + i) for i, c in enumerate(CATEGORIES)},
    )
    share_red, share_amber_or_red = acc.shares()
    K, Y = lay.n_municipalities, lay.n_years
    pressure: dict[str, dict[str, PressureBand]] = {}
    demand_bands: dict[str, dict[str, BandPerYear]] = {}
    for d, dom in enumerate(domains()):
        pressure[dom.key] = {}
        demand_bands[dom.key] = {}
        for k, code in enumerate(prep.region.codes):
            known = not np.isnan(prep.capacity[d, k])
            b = _band(p, p0 + d * K + k) if known else Band(p10=None, p50=None, p90=None)
            pressure[dom.key][code] = PressureBand(
                p10=b.p10,
                p50=b.p50,
                p90=b.p90,
                share_red=float(share_red[d, k]),
                share_amber_or_red=float(share_amber_or_red[d, k]),
            )
            yearly = p[:, d0 + (d * K + k) * Y : d0 + (d * K + k + 1) * Y]
            demand_bands[dom.key][code] = BandPerYear(
                p10=[float(x) for x in yearly[0]],
                p50=[float(x) for x in yearly[1]],
                p90=[float(x) for x in yearly[2]],
            )
    return Uncertainty(
        samples=samples,
        seed=seed,
        method="triangular(low, central, high) per uncertain value, independent draws",
        totals=totals,
        pressure=pressure,
        demand_per_year=demand_bands,
    )


def sensitivity_rows(
    prep: Prepared, site: SitePoint, specs: dict[str, ParamSpec], ref: ReferenceSet
) -> list[SensitivityRow]:
    params, labels = one_at_a_time_params(specs)
    raw = compute(prep, site, params)
    t = prep.full_idx
    rows: list[SensitivityRow] = []
    outputs = [m.key for m in metrics(Output.SENSITIVITY)]
    at_t = {m.key: m.take(raw)[:, t].tolist() for m in metrics(Output.SENSITIVITY)}  # every draw at once
    base = {k: v[0] for k, v in at_t.items()}
    for i in range(1, len(labels), 2):
        name = labels[i][0]
        lo = {k: v[i] for k, v in at_t.items()}
        hi = {k: v[i + 1] for k, v in at_t.items()}
        swing = {key: Swing(low=lo[key], high=hi[key], central=base[key]) for key in outputs}
        rel = max((abs(hi[k] - lo[k]) / abs(base[k]) if abs(base[k]) > 1e-9 else 0.0) for k in outputs)
        spec = specs[name]
        norm = ref.norms.get(spec.key)
        rows.append(
            SensitivityRow(
                name=name,
                key=spec.key,
                low=spec.low,
                central=spec.central,
                high=spec.high,
                label_nl=norm.label_nl if norm else name,
                label_en=norm.label_en if norm else name,
                max_relative_swing=rel,
                outputs=swing,
            )
        )
    rows.sort(key=lambda r: -r.max_relative_swing)
    return rows
