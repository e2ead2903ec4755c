"""The typed part of the result for the site domains (``site_facts``, ``ber-result/1``):
the chosen site's plot and floor area against the sector's reference, the provincial
plot-size rules, and the grid capacity map at the site. :mod:`ber.engine.sitefacts`
computes it; ``docs/result-format.md`` documents every field.
"""

from __future__ import annotations

from dataclasses import field
from typing import Literal

from pydantic.dataclasses import dataclass

#: ``many``: more jobs declared than the floor area suggests; ``few``: fewer; empty: plausible
JobsFlag = Literal["", "many", "few"]
#: a provincial rule at the site: the plot is larger (``exceeded``), not (``ok``), or not given
RuleStatus = Literal["ok", "exceeded", "unknown"]


@dataclass
class ProvinceRuleCheck:
    """One provincial plot-size rule (``reference_data/provincial_rules.json``) at the site."""

    key: str
    province: str
    province_name: str
    #: plots larger than this fall under the rule (ha)
    limit_ha: float
    #: the site's plot (ha); None when not given
    plot_area_ha: float | None
    #: ``exceeded`` (the plot is larger: the rule applies), ``ok``, ``unknown`` (no plot area)
    status: RuleStatus
    in_force: str
    source: str


@dataclass
class GridAtSite:
    """The grid operators' capacity map at the site (from ``ber grid import``)."""

    area: str
    #: ``postcode``: the site's postcode lies in the area; ``pc4``: only its four digits match
    match: str
    available_mw: float | None
    colour: str
    requests_in_queue: int | None
    queue_mw: float | None
    source: str
    reference_date: str


@dataclass
class SiteFacts:
    site: str
    plot_area_ha: float | None
    floor_area_m2: float
    #: the floor area is estimated from the jobs (jobs × the sector's m² per job)
    floor_estimated: bool
    #: jobs in the full-operation year
    jobs: float
    jobs_per_ha: float | None
    m2_per_job: float | None
    #: the sector's reference range of m² BVO per job
    m2_per_job_low: float
    m2_per_job_high: float
    jobs_flag: JobsFlag
    #: grid capacity the business needs (MW) and whether the employer declared it
    grid_demand_mw: float
    grid_declared: bool
    grid: GridAtSite | None = None
    #: freight at full operation: truck movements per working day and in the peak hour
    freight_trucks_per_day: float = 0.0
    freight_trucks_peak: float = 0.0
    #: where the energy capacity comes from: ``map`` (capacity map), ``municipality``, ``""`` unknown
    grid_capacity_source: str = ""
    province: str | None = None
    province_name: str | None = None
    rules: list[ProvinceRuleCheck] = field(default_factory=list)
