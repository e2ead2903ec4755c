"""The inputs of the site domains (space, energy) for one site, resolved from the case.

A site's plot is its own ``plot_area_ha``, else the business's (one plot for every
site). A site's floor area is its own ``floor_area_m2``, else the business's, else estimated
as jobs × the sector's central m² per job (``floor_estimated``). Its declared grid
capacity is the business's ``grid_capacity_kva`` / 1000 (MW, taking a power factor of
1: 1 MVA = 1 MW); None when not declared (the calculation then estimates it from the
floor area). Its grid capacity (MW) is the imported capacity map at the site, else
the host municipality's ``capacity.<host>.energy``; its space capacity is
``capacity.<host>.space`` (issuable business-park land, ha).

The capacity map's congestion colour sets the lowest status of the energy domain
(``site_status_floor``): red (shortage, with queue) is red and amber (under
investigation, with queue) at least amber, whatever the MW available.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ber.case.model import Case, Site
from ber.reference.data import ReferenceSet

#: unit conversions (not norms): the freight ratio is per 100 m² BVO, W/m² × m² gives W
M2_PER_TRUCK_RATIO = 100.0
W_PER_MW = 1_000_000.0


@dataclass(frozen=True)
class SiteInputs:
    plot_area_ha: float  # 0 when not given
    plot_given: bool
    floor_area_m2: float
    floor_estimated: bool
    grid_mw: float | None  # declared contract in MW; None = estimate from floor area


def case_site(case: Case, name: str) -> Site:
    """The case's site of this name. A point that is no site of the case (a host of
    ``ber scan``) gets the chosen site's plot and floor area (the business's needs) but no
    postcode and no capacity map: those belong to the chosen site's location."""
    for s in case.sites:
        if s.name == name:
            return s
    return case.chosen_site().model_copy(update={"postcode": "", "grid": None})


def site_inputs(case: Case, site: Site, ref: ReferenceSet) -> SiteInputs:
    b = case.business
    floor = site.floor_area_m2 if site.floor_area_m2 is not None else b.floor_area_m2
    estimated = floor is None
    if floor is None:
        floor = (b.jobs or 0.0) * ref.sectors[b.sector].m2_per_job
    kva = b.grid_capacity_kva
    plot = site.plot_area_ha if site.plot_area_ha is not None else b.plot_area_ha
    return SiteInputs(
        plot_area_ha=plot or 0.0,
        plot_given=plot is not None,
        floor_area_m2=float(floor),
        floor_estimated=estimated,
        grid_mw=None if kva is None else kva / 1000.0,
    )


def site_capacity(case: Case, site: Site, host: str, domain: str) -> float | None:
    """A site domain's capacity at the site: the capacity map (energy), else the host's entry."""
    if domain == "energy" and site.grid is not None and site.grid.available_mw is not None:
        return site.grid.available_mw
    cap = case.capacity.get(host)
    return None if cap is None else cap.get(domain)


def site_status_floor(site: Site, domain: str) -> int:
    """The lowest status code of a site domain: from the capacity map's colour (energy)."""
    from ber.engine.status import Status

    if domain != "energy" or site.grid is None or site.grid.available_mw is None:
        return int(Status.GREEN)
    return int({"red": Status.RED, "amber": Status.AMBER}.get(site.grid.colour, Status.GREEN))


def status_floors(case: Case, site_name: str, host: str, codes: list[str]) -> np.ndarray:
    """The lowest status per domain and municipality (D, K) of an assessment at this site:
    the capacity map's colour in the host's cell of a site domain with a capacity there
    (:func:`site_status_floor`), else green. A single assessment and the cumulative view
    (``ber.engine.cumulative_replay.assemble``) use the same floors."""
    from ber.engine.domains import domains

    floor = np.zeros((len(domains()), len(codes)), dtype=np.int8)
    if host not in codes:
        return floor
    site = case_site(case, site_name)
    for i, dom in enumerate(domains()):
        if dom.at_site and site_capacity(case, site, host, dom.key) is not None:
            floor[i, codes.index(host)] = site_status_floor(site, dom.key)
    return floor
