"""The facts of the site domains at the chosen site (method section "Site domains").

* Space: jobs per hectare of plot and m² BVO per job, against the sector's reference
  range of m² per job; the declared jobs are flagged ``many`` when floor area / jobs is
  below the sector's low m² per job divided by ``space.jobs_flag_factor`` and ``few`` when
  it is above its high times that factor (only when the case gives both jobs and a floor
  area: jobs computed from the floor area fit it by construction).
* Provincial rules (``reference_data/provincial_rules.json``): a rule of the site's
  province (from its host municipality) applies to the plot when the plot is larger
  than the rule's threshold and the sector is one the rule names (or it names none).
* Freight: truck movements per working day (floor area / 100 × the sector's trucks per
  100 m²) and in the peak hour (× ``transport.freight_peak_hour_share``), at full operation.
* Energy: the grid capacity the business needs (declared, or floor area × W/m²) and the
  capacity map at the site with its queue and congestion colour.
"""

from __future__ import annotations

from ber.case.model import Case
from ber.engine.model import Prepared, site_grid_mw
from ber.engine.params import ParamSpec, central_params
from ber.engine.result import clean
from ber.engine.result_site import GridAtSite, JobsFlag, ProvinceRuleCheck, RuleStatus, SiteFacts
from ber.engine.siteinputs import M2_PER_TRUCK_RATIO, case_site
from ber.reference.data import ReferenceSet


def _province(regions: dict[str, tuple[str, list[str]]], host: str) -> tuple[str | None, str | None]:
    for code, (name, members) in regions.items():
        if host in members:
            return code, name
    return None, None


def jobs_flag(jobs: float, floor_m2: float, low: float, high: float, factor: float) -> JobsFlag:
    """``many`` / ``few`` when the declared jobs lie far outside what the floor area suggests."""
    if jobs <= 0 or floor_m2 <= 0:
        return ""
    per_job = floor_m2 / jobs
    if per_job < low / factor:
        return "many"
    if per_job > high * factor:
        return "few"
    return ""


def site_facts(
    case: Case,
    prep: Prepared,
    host: str,
    site_name: str,
    specs: dict[str, ParamSpec],
    ref: ReferenceSet,
    provinces: dict[str, tuple[str, list[str]]] | None,
) -> SiteFacts:
    site = case_site(case, site_name)
    inputs = prep.site
    sector = ref.sectors[case.business.sector]
    jobs = (
        float(prep.jobs)
        if prep.jobs is not None
        else inputs.floor_area_m2 / specs["sector.m2_per_job"].central
    )
    jobs *= float(prep.ramp[prep.full_idx])
    plot = site.plot_area_ha
    floor = inputs.floor_area_m2
    factor = ref.value("space.jobs_flag_factor")
    declared_both = case.business.jobs is not None and not inputs.floor_estimated
    flag = (
        jobs_flag(jobs, floor, sector.m2_per_job_low, sector.m2_per_job_high, factor) if declared_both else ""
    )
    province, province_name = _province(provinces, host) if provinces else (None, None)
    rules = []
    for rule in ref.provincial_rules:
        if rule.province != province or not rule.applies_to(case.business.sector):
            continue
        status: RuleStatus = "unknown" if plot is None else ("exceeded" if plot > rule.max_plot_ha else "ok")
        rules.append(
            ProvinceRuleCheck(
                key=rule.key,
                province=rule.province,
                province_name=rule.province_name,
                limit_ha=rule.max_plot_ha,
                plot_area_ha=plot,
                status=status,
                in_force=rule.in_force,
                source=ref.citation(rule.source, case.meta.language),
            )
        )
    params = central_params(specs)
    trucks = (
        inputs.floor_area_m2
        / M2_PER_TRUCK_RATIO
        * float(params["sector.trucks_per_100m2"][0])
        * float(prep.ramp[prep.full_idx])
    )
    freight = (trucks, trucks * float(params["transport.freight_peak_hour_share"][0]))
    g = site.grid
    grid = None
    if g is not None:
        grid = GridAtSite(
            area=g.area,
            match=g.match,
            available_mw=g.available_mw,
            colour=g.colour,
            requests_in_queue=g.requests_in_queue,
            queue_mw=g.queue_mw,
            source=g.source,
            reference_date=g.reference_date,
        )
    cap = case.capacity.get(host)
    if g is not None and g.available_mw is not None:
        cap_source = "map"
    elif cap is not None and cap.get("energy") is not None:
        cap_source = "municipality"
    else:
        cap_source = ""
    return SiteFacts(
        site=site.name,
        plot_area_ha=plot,
        floor_area_m2=floor,
        floor_estimated=inputs.floor_estimated,
        jobs=jobs,
        jobs_per_ha=clean(jobs / plot) if plot else None,  # None, never inf, for absurd inputs
        m2_per_job=clean(floor / jobs) if jobs > 0 and floor > 0 else None,
        m2_per_job_low=sector.m2_per_job_low,
        m2_per_job_high=sector.m2_per_job_high,
        jobs_flag=flag,
        grid_demand_mw=float(site_grid_mw(inputs, central_params(specs))[0]),
        grid_declared=inputs.grid_mw is not None,
        freight_trucks_per_day=freight[0],
        freight_trucks_peak=freight[1],
        grid=grid,
        grid_capacity_source=cap_source,
        province=province,
        province_name=province_name,
        rules=rules,
    )
