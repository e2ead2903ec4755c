"""The vectorised calculation of sections 3-4 of the method.

``compute`` takes a prepared case (:class:`Prepared`), one site and a parameter
set of S draws, and returns every demand as arrays. The same code path serves the
central run (S = 1), Monte Carlo (S = N) and the one-at-a-time sensitivity.

Array axes: S draws, C categories (``CATEGORIES`` order), K municipalities of the
region, Y years.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ber.case.model import Case
from ber.engine.domains import domains
from ber.engine.geometry import SitePoint, distances_km
from ber.engine.hosts import HostBatch
from ber.engine.params import Params
from ber.engine.residence import Residence, mixed_shares, residence_shares
from ber.engine.siteinputs import M2_PER_TRUCK_RATIO, W_PER_MW, SiteInputs
from ber.engine.status import Status
from ber.reference.data import (
    CATEGORIES,
    FLEX_CATEGORIES,
    MODES,
    SETTLING_CATEGORIES,
    VEHICLE_MODES,
    MunicipalityTable,
)

EPS = 1e-9

#: positions on the category axis, by name
I_SHORT, I_MID = CATEGORIES.index("eu_short"), CATEGORIES.index("eu_mid")
#: categories housed in flex beds, and those that settle in dwellings
FLEX = [CATEGORIES.index(c) for c in FLEX_CATEGORIES]
SETTLE = [CATEGORIES.index(c) for c in SETTLING_CATEGORIES]


@dataclass(frozen=True)
class Prepared:
    """What the calculation needs from a case, as arrays, independent of the draws."""

    case: Case
    region: MunicipalityTable
    years: np.ndarray  # (Y,)
    ramp: np.ndarray  # (Y,)
    full_idx: int
    category_shares: np.ndarray  # (C,)
    beds: np.ndarray  # (K,) employer beds per municipality
    manual_shares: np.ndarray | None  # (K,) residence shares incl. the cross-border remainder
    capacity: np.ndarray  # (D, K), NaN = unknown
    #: lowest status per domain and municipality where capacity is known (D, K): the grid
    #: map's congestion colour at the site (red -> red, amber -> amber), else green
    status_floor: np.ndarray
    jobs: float | None
    floor_area_m2: float | None
    #: the site domains' inputs (``ber.engine.sitefacts``): plot area (ha, 0 when not given),
    #: floor area at the site (m²; estimated from jobs when not given), declared grid MW or None
    site: SiteInputs


def ramp_profile(ramp_up: list[float], horizon: int) -> np.ndarray:
    """Ramp-up fraction per year; the last value holds for the rest of the horizon."""
    values = list(ramp_up[:horizon])
    values += [ramp_up[-1]] * (horizon - len(values))
    return np.array(values, dtype=float)


@dataclass
class Raw:
    """Every computed quantity, arrays over (S, ...)."""

    jobs: np.ndarray  # (S, Y) year average
    peak_factor: np.ndarray  # (S, 1) the peak month over the year average
    workers: np.ndarray  # (S, C, Y) all migrant workers
    family: np.ndarray  # (S, C, Y)
    cross_border: np.ndarray  # (S, Y) workers living abroad
    employer_beds_used: np.ndarray  # (S, Y)
    residence: np.ndarray  # (S, K) gravity or manual shares of domestic workers
    #: per-municipality quantities (S, K, Y) by metric key: ``migrant_workers`` (living in k),
    #: ``residents`` (workers + family living in k), each domain's demand, ``gp_fte``, ...
    local: dict[str, np.ndarray]
    demand: np.ndarray  # (S, D, K, Y) demand per domain, in the order of ``domains()``
    peak_vehicles: np.ndarray  # (S, Y) commuters
    freight_trucks_day: np.ndarray  # (S, Y) truck movements per working day at the site
    freight_trucks_peak: np.ndarray  # (S, Y) of which in the peak hour
    vehicle_km: np.ndarray  # (S, Y)
    co2_kg: np.ndarray  # (S, Y)
    short_stay_persons: np.ndarray  # (S, Y)
    flex_floor_area: np.ndarray  # (S, Y)
    classes_primary: np.ndarray  # (S, Y)
    classes_secondary: np.ndarray  # (S, Y)
    classes_newcomer: np.ndarray  # (S, Y)
    pressure: np.ndarray  # (S, D, K, Y), NaN unknown, inf no capacity
    status: np.ndarray  # (S, D, K, Y) int codes
    distance_km: np.ndarray  # (K,); (S, K) for a batch of hosts


def _n(params: Params) -> int:
    return len(next(iter(params.values())))


def compute(prep: Prepared, site: SitePoint, params: Params, hosts: HostBatch | None = None) -> Raw:
    """Compute every demand and pressure for one site and S parameter draws.

    With ``hosts`` (the scan, ``ber.engine.scan``) row s of the draw axis is the site
    at host s instead: ``site`` is then not used and the distances are (S, K).
    """
    case = prep.case
    region = prep.region
    s_count = _n(params)
    K = len(region)

    # 1. jobs ------------------------------------------------------------
    if prep.jobs is not None:
        jobs = np.full(s_count, prep.jobs)
    else:
        assert prep.floor_area_m2 is not None
        jobs = prep.floor_area_m2 / params["sector.m2_per_job"]
    J = jobs[:, None] * prep.ramp[None, :]  # (S, Y)

    # 2. migrant workers per category -----------------------------------
    mit = case.mitigations
    share = params["sector.migrant_share"] * (1.0 - mit.local_recruitment_share)
    W = J[:, None, :] * share[:, None, None] * prep.category_shares[None, :, None]  # (S,C,Y)

    # 3. family ----------------------------------------------------------
    ratio = np.stack([params[f"family.{c}"] for c in CATEGORIES], axis=1)  # (S, C)
    F = W * ratio[:, :, None]

    # 4. residence ------------------------------------------------------
    xb = case.workforce.cross_border_share
    Wd = W * (1.0 - xb)
    Fd = F * (1.0 - xb)
    d = distances_km(site, region) if hosts is None else hosts.distance_km  # (K,) or (S, K)
    d2 = d if d.ndim == 2 else d[None, :]
    if prep.manual_shares is not None:
        g1 = prep.manual_shares / (1.0 - xb) if xb < 1.0 else np.zeros(K)
        g = g_set = np.broadcast_to(g1, (s_count, K))
    else:  # default residence model: ber/engine/residence.py
        if hosts is None:
            host = region.index(site.host) if site.host in region else None
            res = residence_shares(d, region.dwellings, host, params)
        else:
            res = residence_shares(d, region.dwellings, hosts.host, params, hosts.in_region)
        g, g_set = res.flex, res.settling  # g: flex workers, g_set: settling workers

    beds_total = float(prep.beds.sum())
    flex_dom = Wd[:, I_SHORT, :] + Wd[:, I_MID, :]  # (S, Y)
    in_beds = np.minimum(beds_total, flex_dom)
    phi = np.divide(in_beds, flex_dom, out=np.zeros_like(flex_dom), where=flex_dom > 0)
    b = prep.beds / beds_total if beds_total > 0 else np.zeros(K)
    loc_flex = (1.0 - phi)[:, None, :] * g[:, :, None] + phi[:, None, :] * b[None, :, None]
    loc_set = g_set[:, :, None]  # (S, K, 1)

    def spread(flex: np.ndarray, settle: np.ndarray) -> np.ndarray:
        out: np.ndarray = flex[:, None, :] * loc_flex + settle[:, None, :] * loc_set
        return out

    workers_k = spread(Wd[:, FLEX].sum(axis=1), Wd[:, SETTLE].sum(axis=1))
    family_k = spread(Fd[:, FLEX].sum(axis=1), Fd[:, SETTLE].sum(axis=1))
    residents_k = workers_k + family_k

    # 5. housing ---------------------------------------------------------
    flex_beds_k = (flex_dom * (1.0 - phi))[:, None, :] * g[:, :, None]
    # the seasonal peak: flex beds are judged at the peak month, when the employer's own
    # beds fill first and the rest needs beds in the region (ber/engine/season.py)
    pf = params["season.peak_factor"][:, None]  # (S, 1)
    flex_peak = flex_dom * pf
    flex_beds_peak_k = (flex_peak - np.minimum(beds_total, flex_peak))[:, None, :] * g[:, :, None]
    hh = params["housing.household_size"][:, None, None]
    dwellings_k = (Wd[:, SETTLE] + Fd[:, SETTLE]).sum(axis=1)[:, None, :] * loc_set / hh

    # 6. care ------------------------------------------------------------
    reg = params["care.short_stay_registration_factor"]
    registered = (
        spread(Wd[:, I_MID, :] + reg[:, None] * Wd[:, I_SHORT, :], Wd[:, SETTLE].sum(axis=1)) + family_k
    )
    gp_patients_k = registered * (1.0 - mit.employer_gp_share)
    gp_fte_k = gp_patients_k / params["care.gp_patients_per_fte"][:, None, None]

    # 7. education -------------------------------------------------------
    children_k = family_k * (1.0 - params["family.partner_share"])[:, None, None]
    primary_k = children_k * params["family.child_share_4_11"][:, None, None]
    secondary_k = children_k * params["family.child_share_12_17"][:, None, None]
    school_k = primary_k + secondary_k
    # childcare: children aged 0-3 x take-up / children per place (places in day care)
    young_k = children_k * params["family.child_share_0_3"][:, None, None]
    childcare_k = (
        young_k * (params["childcare.take_up"] / params["childcare.children_per_place"])[:, None, None]
    )
    arrivals = np.clip(np.diff(school_k, axis=2, prepend=0.0), 0.0, None)
    Y = len(prep.years)
    t = np.arange(Y)
    dur = np.rint(params["education.newcomer_years"]).astype(int)  # (S,)
    window = (t[None, None, :] <= t[None, :, None]) & (
        t[None, None, :] > t[None, :, None] - dur[:, None, None]
    )  # (S, t, tau)
    newcomer_k = np.einsum("skt,sut->sku", arrivals, window.astype(float))

    # 8. transport -------------------------------------------------------
    modes = np.stack([params[f"transport.mode_share.{m}"] for m in MODES], axis=1)  # (S, 5)
    total_share = modes.sum(axis=1, keepdims=True)
    modes = np.divide(modes, total_share, out=np.zeros_like(modes), where=total_share > 0)
    if mit.shuttle_share > 0:
        moved = modes[:, 0] * mit.shuttle_share
        modes = modes.copy()
        modes[:, 0] -= moved
        modes[:, 1] += moved
    occ = np.stack([params[f"transport.occupancy.{m}"] for m in VEHICLE_MODES], axis=1)
    per_person = modes[:, : len(VEHICLE_MODES)] / occ  # vehicles per commuter, per mode (S, 3)
    commuters = W.sum(axis=1)  # (S, Y) every migrant worker present
    shifts = float(case.business.shifts_per_day)
    peak = commuters / shifts * per_person.sum(axis=1)[:, None]
    abroad = W.sum(axis=1) * xb
    person_km = (workers_k * d2[:, :, None]).sum(axis=1) + abroad * params[
        "transport.cross_border_distance_km"
    ][:, None]  # (S, Y) one-way straight-line person-km
    trip_factor = (params["transport.trips_per_worker_per_shift"] * params["transport.road_factor"])[:, None]
    vkm_mode = person_km[:, None, :] * trip_factor[:, :, None] * per_person[:, :, None]
    co2_per = np.stack([params[f"transport.co2_kg_per_vkm.{m}"] for m in VEHICLE_MODES], axis=1)
    vkm = vkm_mode.sum(axis=1)
    co2 = (vkm_mode * co2_per[:, :, None]).sum(axis=1)
    # 8b. freight: truck movements from the site's floor area and the sector's ratio, with the ramp-up
    trucks_day = (prep.site.floor_area_m2 / M2_PER_TRUCK_RATIO * params["sector.trucks_per_100m2"])[
        :, None
    ] * prep.ramp[None, :]
    trucks_peak = trucks_day * params["transport.freight_peak_hour_share"][:, None]
    peak_k = np.zeros((s_count, K, Y))
    site_peak_k = np.zeros((s_count, K, Y))
    plot_k = np.zeros((s_count, K, Y))
    grid_k = np.zeros((s_count, K, Y))
    host_rows: tuple[np.ndarray, np.ndarray | int] | None = None
    if hosts is not None:  # the scan: row s of the draws is the site in municipality hosts.host[s]
        host_rows = (np.arange(s_count), hosts.host)
    elif site.host in region:
        host_rows = (np.arange(s_count), region.index(site.host))
    if host_rows is not None:
        rows, at = host_rows
        peak_k[rows, at, :] = peak
        site_peak_k[rows, at, :] = peak + trucks_peak  # commuters and trucks share the access roads
        # 9. site domains: space and energy (the site's own needs, from the start year)
        plot_k[rows, at, :] = prep.site.plot_area_ha
        grid_k[rows, at, :] = site_grid_mw(prep.site, params)[:, None]

    local = {
        "migrant_workers": workers_k,
        "residents": residents_k,
        "flex_beds": flex_beds_k,
        "flex_beds_peak": flex_beds_peak_k,
        "dwellings": np.broadcast_to(dwellings_k, flex_beds_k.shape),
        "gp_patients": gp_patients_k,
        "gp_fte": gp_fte_k,
        "pupils_primary": primary_k,
        "pupils_secondary": secondary_k,
        "pupils_newcomer": newcomer_k,
        "children_0_3": young_k,
        "childcare_places": childcare_k,
        "peak_vehicles": peak_k,
        "site_peak_vehicles": site_peak_k,
        "plot_area_ha": plot_k,
        "grid_demand_mw": grid_k,
        # liveability: new residents likely not registered as residents in the BRP
        "unregistered_residents": residents_k * params["liveability.unregistered_share"][:, None, None],
    }
    demand = np.stack([local[dom.demand] for dom in domains()], axis=1)  # (S, D, K, Y)
    pressure, status = pressure_status(demand, prep.capacity, params)
    floor = prep.status_floor[None, :, :, None]
    status = np.where(status == Status.GREY, status, np.maximum(status, floor)).astype(np.int8)
    flex_total = flex_beds_k.sum(axis=1)
    return Raw(
        jobs=J,
        peak_factor=pf,
        workers=W,
        family=F,
        cross_border=abroad,
        employer_beds_used=in_beds,
        residence=mixed_shares(
            Residence(g, g_set), Wd[:, FLEX].sum(axis=(1, 2)), Wd[:, SETTLE].sum(axis=(1, 2))
        ),
        local=local,
        demand=demand,
        peak_vehicles=peak,
        freight_trucks_day=trucks_day,
        freight_trucks_peak=trucks_peak,
        vehicle_km=vkm,
        co2_kg=co2,
        short_stay_persons=W[:, I_SHORT, :] * params["housing.short_stay_turnover"][:, None],
        flex_floor_area=(flex_total + in_beds) * params["housing.snf_m2_per_person"][:, None],
        classes_primary=primary_k.sum(axis=1) / params["education.class_size_primary"][:, None],
        classes_secondary=secondary_k.sum(axis=1) / params["education.class_size_secondary"][:, None],
        classes_newcomer=newcomer_k.sum(axis=1) / params["education.newcomer_class_size"][:, None],
        pressure=pressure,
        status=status,
        distance_km=d,
    )


def site_grid_mw(inputs: SiteInputs, params: Params) -> np.ndarray:
    """The grid capacity the business needs (MW, per draw): the declared contract, else
    floor area × the sector's W/m² (``sector.w_per_m2``)."""
    if inputs.grid_mw is not None:
        return np.full(_n(params), inputs.grid_mw)
    out: np.ndarray = inputs.floor_area_m2 * params["sector.w_per_m2"] / W_PER_MW
    return out


def pressure_status(
    demand: np.ndarray, capacity: np.ndarray, params: Params
) -> tuple[np.ndarray, np.ndarray]:
    """Pressure = demand / spare capacity; status by each domain's reference thresholds.

    ``demand`` is (S, D, K, Y) and ``capacity`` (D, K), domains in the order of
    ``domains()``. Unknown capacity (NaN) gives NaN pressure and status grey (never
    zero), whatever the demand; zero capacity with positive demand gives an infinite
    pressure (red: no spare capacity). No demand on a known capacity is green
    (pressure 0, also on a capacity of 0).
    """
    cap = capacity[None, :, :, None]
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        pressure = np.where(demand > EPS, demand / cap, 0.0)
    pressure = np.where(np.isnan(cap), np.nan, pressure)
    doms = domains()
    amber = np.stack([params[d.amber_threshold] for d in doms], axis=1)[:, :, None, None]  # (S, D, 1, 1)
    red = np.stack([params[d.red_threshold] for d in doms], axis=1)[:, :, None, None]
    status = np.full(pressure.shape, Status.GREEN, dtype=np.int8)
    status[pressure >= amber] = Status.AMBER
    status[pressure >= red] = Status.RED
    status[np.isnan(pressure)] = Status.GREY
    return pressure, status
