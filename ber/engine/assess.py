"""Assess a case: validate, compute central / Monte Carlo / sensitivity, rank sites.

This is the engine's public entry point (``assess``); the CLI, the GUI and the
report call it and nothing below it.
"""

from __future__ import annotations

import datetime as _dt
import math
import os
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np

from ber import __version__
from ber.case.model import Case
from ber.case.validate import validate_case
from ber.engine.afweging import afweging_result
from ber.engine.checks import capacity_figures, case_date, policy_checks
from ber.engine.domains import counts_in, domains
from ber.engine.geometry import HostLocator, SitePoint, distances_km, site_point
from ber.engine.model import Prepared, compute, ramp_profile
from ber.engine.montecarlo import DrawAccumulator, Layout, chunk_size
from ber.engine.params import (
    ParamSpec,
    central_params,
    parameter_specs,
    triangular_params,
)
from ber.engine.progress import NoProgress, Progress, check_cancel
from ber.engine.result import (
    ActiveMitigations,
    Assessment,
    ChosenSite,
    DatasetUsed,
    DomainState,
    MitigationEffect,
    MunicipalityWithout,
    RegionUsed,
    SiteRank,
    Totals,
    WithoutMitigations,
    clean,
)
from ber.engine.sitefacts import site_facts
from ber.engine.siteinputs import case_site, site_capacity, site_inputs, status_floors
from ber.engine.status import STATUS_CODES, Status
from ber.engine.summary import (
    municipality_results,
    parameters_used,
    per_year,
    rank_key,
    sensitivity_rows,
    totals_at,
    uncertainty_summary,
    verdicts,
)
from ber.reference.data import CATEGORIES, MunicipalityTable, ReferenceSet, load_reference
from ber.reference.national import DatasetInfo, load_national
from ber.texts.catalogue import num
from ber.texts.messages import InputError, Problem


class GeoSource(Protocol):
    """What the engine's callers read of geodata: the built-in national set
    (``ber.reference.national.NationalData``) or an import (``ber.geodata.GeoData``)."""

    @property
    def source(self) -> str:
        """Citation of the boundaries and statistics."""
        ...

    def boundaries_rd(self) -> dict[str, Any]:
        """Municipality polygons in RD metres (shapely geometries) by code."""
        ...

    @property
    def info(self) -> DatasetInfo | None:
        """Name, year and checksum of the data set (None when not known)."""
        ...

    def regions(self, kind: str) -> dict[str, tuple[str, list[str]]]:
        """Regions of one kind (arbeidsmarktregio, corop, provincie): code -> (name, members)."""
        ...


@dataclass(frozen=True)
class Context:
    """What an assessment needs besides the case: reference data and region data."""

    ref: ReferenceSet
    table: MunicipalityTable
    locate: HostLocator | None = None
    #: geodata behind ``table``: the built-in national set
    #: (``ber.reference.national.NationalData``) or an import (``ber.geodata.GeoData``);
    #: None for the seven-municipality demo table without boundaries
    geo: GeoSource | None = None

    @classmethod
    def default(cls) -> Context:
        """The built-in national geodata: every municipality of 2024, hosts by polygon."""
        ref = load_reference()
        national = load_national()
        return cls(ref=ref, table=national.table, locate=national.locate, geo=national)

    @classmethod
    def demo_region(cls) -> Context:
        """Only the seven Noord-Limburg rows of ``municipalities_noord_limburg.csv``, no boundaries."""
        ref = load_reference()
        return cls(ref=ref, table=ref.municipalities)

    @property
    def dataset(self) -> DatasetInfo | None:
        """Which geodata set the table comes from (None for the demo table)."""
        return None if self.geo is None else self.geo.info


def check_case(case: Case, ctx: Context) -> None:
    """Raise InputError with every problem of the case in this context."""
    problems = validate_case(case, ctx.ref, ctx.table)
    if not problems and ctx.locate is None:
        problems = _sites_far_from_region(case, ctx)
        problems = _cutoff_as_cause(case, ctx, problems) + problems
    if problems:
        raise InputError(problems)


def _cutoff_as_cause(case: Case, ctx: Context, problems: list[Problem]) -> list[Problem]:
    """Name the cut-off override when it alone makes every site fail (issue 15, item 14)."""
    ov = case.overrides.get("gravity.cutoff_km")
    if ov is None or len(problems) < len(case.sites):
        return []
    without = case.copy_with(overrides={k: v for k, v in case.overrides.items() if k != "gravity.cutoff_km"})
    if len(_sites_far_from_region(without, ctx)) == len(case.sites):
        return []  # the reference cut-off refuses them too: the sites are the cause
    reference = ctx.ref.value("gravity.cutoff_km")
    field = "overrides.gravity.cutoff_km.value"
    return [
        Problem("override.sites_all_invalid", field, {"value": num(ov.value), "reference": num(reference)})
    ]


def _sites_far_from_region(case: Case, ctx: Context) -> list[Problem]:
    """Without boundaries the host is the nearest centroid: refuse sites far from every one.

    A site beyond the gravity cut-off from every municipality of the region data
    (e.g. a site in Groningen with only the built-in Noord-Limburg table) would
    otherwise silently get a wrong host municipality.
    """
    ov = case.overrides.get("gravity.cutoff_km")
    limit = ov.value if ov is not None else ctx.ref.value("gravity.cutoff_km")
    problems = []
    for i, site in enumerate(case.sites):
        if site.municipality is not None or site.x is None or site.y is None:
            continue
        point = site_point(site, ctx.table, None)
        d = distances_km(SitePoint(site.name, point.x, point.y, "", False), ctx.table)
        k = int(np.argmin(d))
        if d[k] > limit:
            problems.append(
                Problem(
                    "site.far_from_region",
                    f"sites[{i}]",
                    {"km": f"{d[k]:.0f}", "host": ctx.table.names[k], "limit": num(limit)},
                )
            )
    return problems


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


def prepare(
    case: Case,
    ctx: Context,
    site: SitePoint,
    specs: dict[str, ParamSpec],
    codes: list[str] | None = None,
) -> Prepared:
    """The case as arrays for one site; ``codes`` fixes the region (else ``region_codes``)."""
    if codes is None:
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
    doms = domains()
    capacity = np.full((len(doms), len(codes)), np.nan)
    for k, code in enumerate(codes):
        cap = case.capacity.get(code)
        if cap is not None:
            for dom_i, dom in enumerate(doms):
                value = cap.get(dom.key)
                if value is not None and not dom.at_site:
                    capacity[dom_i, k] = value
    case_s = case_site(case, site.name)
    if site.host in codes:  # a site domain's capacity lies at the site (the host's column)
        for dom_i, dom in enumerate(doms):
            value = site_capacity(case, case_s, site.host, dom.key) if dom.at_site else None
            if value is not None:
                capacity[dom_i, codes.index(site.host)] = value
    status_floor = status_floors(case, site.name, site.host, list(codes))
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
        status_floor=status_floor,
        jobs=b.jobs,
        floor_area_m2=b.floor_area_m2,
        site=site_inputs(case, case_s, ctx.ref),
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


def _computed_at() -> str:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch:
        now = _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC)
    else:
        now = _dt.datetime.now(tz=_dt.UTC).replace(microsecond=0)
    return now.isoformat()


def _mitigation_effect(case: Case, ctx: Context, site: SitePoint, codes: list[str]) -> MitigationEffect:
    """The case without its measures on the same region (``codes``): only the measures differ."""
    base = without_mitigations(case)
    specs = parameter_specs(base, ctx.ref)
    prep = prepare(base, ctx, site, specs, codes)
    raw = compute(prep, site, central_params(specs))
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
    inf_l = np.isinf(raw.pressure[0, :, :, t]).tolist()
    return MitigationEffect(
        active=ActiveMitigations(
            employer_beds=sum(b.beds for b in case.workforce.employer_beds),
            shuttle_share=case.mitigations.shuttle_share,
            employer_gp_share=case.mitigations.employer_gp_share,
            local_recruitment_share=case.mitigations.local_recruitment_share,
        ),
        without=WithoutMitigations(
            totals=totals_at(raw, 0, t),
            verdict=verdicts(prep, raw, specs["verdict.min_coverage"].central),
            municipalities=[
                MunicipalityWithout(
                    code=code,
                    name=prep.region.names[k],
                    domains={
                        dom.key: DomainState(
                            demand=demand_l[d][k],
                            capacity=capacity_l[d][k],
                            pressure=pressure_l[d][k],
                            status=status_l[d][k],
                            no_capacity=bool(inf_l[d][k]),
                        )
                        for d, dom in enumerate(domains())
                    },
                )
                for k, code in enumerate(prep.region.codes)
            ],
        ),
    )


def rank_sites(case: Case, ctx: Context, specs: dict[str, ParamSpec] | None = None) -> list[SiteRank]:
    """Evaluate the case once per candidate site and rank them (method section 6)."""
    specs = specs or parameter_specs(case, ctx.ref)
    params = central_params(specs)
    rows = []
    for site in case.sites:
        point = site_point(site, ctx.table, ctx.locate)
        prep = prepare(case, ctx, point, specs)
        raw = compute(prep, point, params)
        key = rank_key(prep, raw)
        verdict = verdicts(prep, raw, specs["verdict.min_coverage"].central)
        real = np.array([[counts_in(d.key, c, point.host) for c in prep.region.codes] for d in domains()])
        grey = int(((raw.status[0, :, :, prep.full_idx] == Status.GREY) & real).sum())
        rows.append((key, point, verdict, grey))
    order = sorted(range(len(rows)), key=lambda i: rows[i][0].order())  # stable: ties keep case order
    out = []
    for rank, i in enumerate(order, start=1):
        key, point, verdict, grey = rows[i]
        out.append(
            SiteRank(
                name=point.name,
                host_municipality=point.host,
                host_name=ctx.table.name(point.host),
                x=point.x,
                y=point.y,
                chosen=point.chosen or len(case.sites) == 1,
                rank=rank,
                red=key.red,
                amber=key.amber,
                grey=grey,
                max_pressure=clean(key.max_pressure),
                no_capacity=math.isinf(key.max_pressure),
                commute_vehicle_km_per_day=key.vehicle_km,
                verdict={k: v.status for k, v in verdict.items()},
                unknown_share=key.unknown_share,
                coverage={k: v.coverage if v.coverage is not None else 1.0 for k, v in verdict.items()},
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

    totals = Totals(
        values=totals_at(raw, 0, t),
        workers={c: float(raw.workers[0, i, t]) for i, c in enumerate(CATEGORIES)},
        family={c: float(raw.family[0, i, t]) for i, c in enumerate(CATEGORIES)},
    )

    sites = rank_sites(case, ctx, specs) if len(case.sites) > 1 else []
    mitigations = (
        _mitigation_effect(case, ctx, chosen, list(prep.region.codes)) if has_mitigations(case) else None
    )
    municipalities = municipality_results(prep, raw)
    computed_at = _computed_at()
    names = dict(zip(prep.region.codes, prep.region.names, strict=True))
    figures = capacity_figures(case, ref, names, list(prep.region.codes), case_date(case, computed_at))
    checks = policy_checks(case, ctx.table, municipalities, sum(totals.workers.values()), chosen.host)
    provinces = ctx.geo.regions("provincie") if ctx.geo is not None else None
    facts = site_facts(case, prep, chosen.host, chosen.name, specs, ref, provinces)
    check_cancel(progress)

    uncertainty = None
    sensitivity = None
    if samples > 0:
        # chunks of draws; only the tracked values (or their histograms) are kept
        acc = DrawAccumulator(Layout.for_prepared(prep), samples)
        all_params = triangular_params(specs, samples, seed)
        chunk = chunk_size(len(prep.region))
        for start in range(0, samples, chunk):
            check_cancel(progress)
            part = {k: v[start : start + chunk] for k, v in all_params.items()}
            acc.add(compute(prep, chosen, part))
            progress.report(0.1 + 0.8 * min(1.0, (start + chunk) / samples), "samples")
        del all_params
        uncertainty = uncertainty_summary(prep, acc, samples, seed)
        sensitivity = sensitivity_rows(prep, chosen, specs, ref)
    verdict = verdicts(prep, raw, specs["verdict.min_coverage"].central)
    afweging = afweging_result(case, ref, ctx.table, municipalities, totals, verdict, uncertainty)
    progress.report(1.0, "done")

    return Assessment(
        app_version=__version__,
        reference_version=ref.version,
        reference_checksum=ref.checksum,
        case_sha256=case.sha256(),
        computed_at=computed_at,
        language=case.meta.language,
        years=[int(y) for y in prep.years],
        full_operation_year=int(prep.years[t]),
        site=ChosenSite(
            name=chosen.name,
            x=chosen.x,
            y=chosen.y,
            crs="EPSG:28992",
            host_municipality=chosen.host,
            host_name=ctx.table.name(chosen.host),
        ),
        region=RegionUsed(
            method="list" if case.region.municipalities else "cutoff",
            label=case.region.label,
            cutoff_km=specs["gravity.cutoff_km"].central,
            municipalities=list(prep.region.codes),
            data_source=ref.citation(ctx.table.source)
            if ctx.table.source in ref.sources
            else ctx.table.source,
        ),
        geodata=None if ctx.dataset is None else DatasetUsed(**ctx.dataset.to_dict()),
        family_preset=case.workforce.family_preset,
        totals=totals,
        per_year=per_year(raw, 0),
        municipalities=municipalities,
        verdict=verdict,
        sites=sites,
        mitigations=mitigations,
        parameters=parameters_used(specs, case, ref),
        uncertainty=uncertainty,
        sensitivity=sensitivity,
        capacity_figures=figures,
        policy_checks=checks,
        site_facts=facts,
        afweging=afweging,
    )
