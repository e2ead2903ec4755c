"""Where does the business fit best: the case evaluated with every candidate host at once.

``scan`` gives the same numbers as one ``assess`` per host (the site at the host, the
host's own cut-off region as ``region_codes`` builds it), but computes all hosts in one
pass of ``ber.engine.model.compute``: the hosts take the place of the Monte Carlo draws
on its first axis (``ber.engine.hosts.HostBatch``), on the union of their regions, with
each host's gravity weights 0 outside its own region. Only the years up to the full-
operation year are computed (every verdict and ranking value is taken there, and no
quantity of a year depends on later years). The verdicts and the ranking key are the
vectorised forms of ``ber.engine.verdict``; the order is ``RankKey.order()``, the rule
of ``assess``'s ``sites`` and of ``ber compare``. Domains come from the registry.

Hosts are the municipalities of an area, each at its centroid (the table's x, y) with
that municipality as host, as a case site ``{"municipality": code}`` is placed; or
points from a file (``ber scan --sites``), each in the municipality that contains it.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from ber import __version__
from ber.case.model import Case, Region
from ber.engine.assess import Context, check_case, prepare
from ber.engine.domains import domain_keys, domains
from ber.engine.geometry import SitePoint
from ber.engine.hosts import HostBatch
from ber.engine.model import Prepared, compute
from ber.engine.params import Params, ParamSpec, central_params, parameter_specs
from ber.engine.progress import NoProgress, Progress, check_cancel
from ber.engine.result import clean
from ber.engine.scan_result import ScanResult, ScanRow
from ber.engine.status import SEVERITY, STATUS_CODES, Status
from ber.engine.verdict import EPS, RankKey


def municipality_hosts(ctx: Context, codes: Sequence[str]) -> list[SitePoint]:
    """Each municipality as host, the site at its centroid (the table's x, y)."""
    table = ctx.table
    out = []
    for code in codes:
        i = table.index(code)
        out.append(SitePoint(table.names[i], float(table.x[i]), float(table.y[i]), code, False))
    return out


def host_regions(
    case: Case, ctx: Context, hosts: Sequence[SitePoint], cutoff_km: float
) -> tuple[np.ndarray, np.ndarray]:
    """Distances ``(H, N)`` from every host's site to every centroid of the table (the
    host's own 0) and each host's region ``(H, N)`` (as ``assess.region_codes``)."""
    table = ctx.table
    hx = np.array([h.x for h in hosts])
    hy = np.array([h.y for h in hosts])
    dist = np.hypot(table.x[None, :] - hx[:, None], table.y[None, :] - hy[:, None]) / 1000.0
    own = np.array([table.index(h.host) for h in hosts])
    rows = np.arange(len(hosts))
    dist[rows, own] = 0.0
    if case.region.municipalities:
        fixed = np.isin(np.array(table.codes), list(case.region.municipalities))
        region = np.broadcast_to(fixed, dist.shape).copy()
    else:
        region = dist <= cutoff_km
    region[rows, own] = True
    always = {b.municipality for b in case.workforce.employer_beds}
    if case.workforce.residence.method == "manual":
        always.update(case.workforce.residence.shares)
    for code in always:
        region[:, table.index(code)] = True
    return dist, region


def scan(
    case: Case,
    hosts: Sequence[SitePoint],
    ctx: Context | None = None,
    *,
    area: dict[str, str] | None = None,
    hosts_from: str = "municipalities",
    region: Literal["cutoff", "case"] = "cutoff",
    progress: Progress | None = None,
) -> ScanResult:
    """Evaluate ``case`` with each of ``hosts`` as its site, ranked best first.

    The case is validated once (InputError with every problem); its own sites are
    replaced by the hosts. Row values equal those of ``assess`` for a site there,
    with ``region="cutoff"`` (default) on the case without its region list (each host
    its own cut-off region), with ``"case"`` on the case as it is (its list plus the host).
    """
    ctx = ctx or Context.default()
    progress = progress or NoProgress()
    check_case(case, ctx)
    sha256 = case.sha256()
    if region == "cutoff":
        case = case.model_copy(update={"region": Region(label=case.region.label)})
    if not hosts:
        raise ValueError("scan needs at least one host")
    specs = parameter_specs(case, ctx.ref)
    cutoff = specs["gravity.cutoff_km"].central
    dist, own = host_regions(case, ctx, hosts, cutoff)
    min_cov = specs["verdict.min_coverage"].central
    central = central_params(specs)
    groups = _groups(hosts, cutoff)
    progress.report(0.05, "prepared")
    parts: list[_Part] = []
    for g, idx in enumerate(groups):
        check_cancel(progress)
        parts.append(_part(case, ctx, specs, [hosts[i] for i in idx], dist[idx], own[idx], central, min_cov))
        progress.report(0.05 + 0.9 * (g + 1) / len(groups), "hosts")
    order = np.concatenate(groups)
    rows = _ranked([hosts[i] for i in order], _Part.join(parts), ctx)
    progress.report(1.0, "done")
    return ScanResult(
        rows=rows,
        hosts_from=hosts_from,
        area=dict(area or {}),
        cutoff_km=cutoff,
        full_operation_year=parts[0].full_year,
        domains=list(domain_keys()),
        case_sha256=sha256,
        app_version=__version__,
        reference_version=ctx.ref.version,
    )


#: hosts are computed in groups of neighbouring hosts (grid cells of this many cut-off
#: distances): a group's union of regions stays small, so the dense host × municipality
#: arrays hold few pairs outside any host's region
GROUP_CELL_CUTOFFS = 1.5


def _groups(hosts: Sequence[SitePoint], cutoff_km: float) -> list[np.ndarray]:
    """Host indices by grid cell (in the hosts' order within a cell)."""
    cell_m = max(cutoff_km, 5.0) * 1000.0 * GROUP_CELL_CUTOFFS
    cells: dict[tuple[int, int], list[int]] = {}
    for i, h in enumerate(hosts):
        cells.setdefault((math.floor(h.x / cell_m), math.floor(h.y / cell_m)), []).append(i)
    return [np.array(v, dtype=np.int64) for _k, v in sorted(cells.items())]


@dataclass(frozen=True)
class _Part:
    """Ranking values and verdicts of a group of hosts (rows in the group's host order)."""

    red: np.ndarray  # (H,)
    amber: np.ndarray
    grey: np.ndarray
    unknown_share: np.ndarray
    max_pressure: np.ndarray
    vehicle_km: np.ndarray
    region_size: np.ndarray
    verdict: np.ndarray  # (H, D) status codes
    coverage: np.ndarray  # (H, D)
    pressure: np.ndarray  # (H, D) in the named municipality, NaN none
    municipality: np.ndarray  # (H, D) object: code or None
    full_year: int

    @staticmethod
    def join(parts: list[_Part]) -> _Part:
        def cat(name: str) -> np.ndarray:
            return np.concatenate([getattr(p, name) for p in parts])

        names = [f.name for f in dataclasses.fields(_Part) if f.name != "full_year"]
        return _Part(**{n: cat(n) for n in names}, full_year=parts[0].full_year)


def _part(
    case: Case,
    ctx: Context,
    specs: dict[str, ParamSpec],
    hosts: list[SitePoint],
    dist: np.ndarray,
    region: np.ndarray,
    central: Params,
    min_coverage: float,
) -> _Part:
    """Compute one group of hosts on the union of their regions."""
    union = np.flatnonzero(region.any(axis=0))
    codes = [ctx.table.codes[i] for i in union]
    prep = prepare(case, ctx, hosts[0], specs, codes)
    t = prep.full_idx
    prep = dataclasses.replace(prep, years=prep.years[: t + 1], ramp=prep.ramp[: t + 1])
    position = {c: k for k, c in enumerate(codes)}
    batch = HostBatch(
        distance_km=dist[:, union],
        host=np.array([position[h.host] for h in hosts]),
        in_region=region[:, union],
    )
    prep = _site_capacity_everywhere(case, prep, codes)
    params = {k: np.repeat(v, len(hosts)) for k, v in central.items()}
    raw = compute(prep, hosts[0], params, batch)
    pressure, status, capacity, off = _site_cells_at_hosts(
        raw.pressure[:, :, :, t], raw.status[:, :, :, t], prep.capacity, batch.host
    )
    return _verdicts(
        raw.demand[:, :, :, t],
        pressure,
        status,
        capacity,
        batch.in_region,
        raw.vehicle_km[:, t],
        min_coverage,
        codes,
        int(prep.years[t]),
        off,
    )


def _site_capacity_everywhere(case: Case, prep: Prepared, codes: list[str]) -> Prepared:
    """A site domain's capacity in every municipality of the group (each row's site lies in
    its own host), from the case's capacity table; no capacity map (no site of the case)."""
    capacity = prep.capacity.copy()
    for d, dom in enumerate(domains()):
        if dom.at_site:
            for k, code in enumerate(codes):
                cap = case.capacity.get(code)
                value = None if cap is None else cap.get(dom.key)
                capacity[d, k] = np.nan if value is None else value
    return dataclasses.replace(prep, capacity=capacity, status_floor=np.zeros_like(prep.status_floor))


def _site_cells_at_hosts(
    pressure: np.ndarray, status: np.ndarray, capacity: np.ndarray, host: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """As ``assess`` has them: a site domain's cells outside a row's host are unknown (H, D, K);
    the last array marks those cells (they are not counted as unknown, as in ``rank_sites``)."""
    rows = np.arange(len(host))
    at_host = np.zeros((len(host), capacity.shape[1]), dtype=bool)
    at_host[rows, host] = True
    site = np.array([d.at_site for d in domains()], dtype=bool)
    off = site[None, :, None] & ~at_host[:, None, :]
    cap = np.where(off, np.nan, np.broadcast_to(capacity[None], off.shape))
    return np.where(off, np.nan, pressure), np.where(off, Status.GREY, status).astype(np.int8), cap, off


def _verdicts(
    demand: np.ndarray,  # (H, D, K)
    pressure: np.ndarray,
    status: np.ndarray,
    capacity: np.ndarray,  # (D, K), or (H, D, K) when it differs per host (site domains)
    in_region: np.ndarray,  # (H, K)
    vehicle_km: np.ndarray,  # (H,)
    min_coverage: float,
    codes: list[str],
    full_year: int,
    structural: np.ndarray | None = None,  # (H, D, K) cells of site domains outside the host
) -> _Part:
    """``verdict.domain_verdicts`` and ``verdict.rank_key`` for every host at once."""
    inside = in_region[:, None, :]
    known = ~np.isnan(capacity) if capacity.ndim == 3 else ~np.isnan(capacity)[None, :, :]
    dem = np.where((demand > EPS) & inside, demand, 0.0)
    total = dem.sum(axis=2)  # (H, D)
    unknown = np.where(known, 0.0, dem).sum(axis=2)
    has = total > 0
    share = np.divide(unknown, total, out=np.zeros_like(total), where=has)
    n_has = has.sum(axis=1)
    unknown_share = np.divide(share.sum(axis=1), n_has, out=np.zeros(len(n_has)), where=n_has > 0)
    coverage = np.where(has, 1.0 - share, 1.0)
    # a site domain has one cell, the site: covered when its capacity is known (verdict.py)
    at_site = np.array([d.at_site for d in domains()], dtype=bool)
    coverage = np.where(at_site[None, :], (known & inside).any(axis=2).astype(float), coverage)
    known_p = known & inside & ~np.isnan(pressure)
    max_p = np.where(known_p.any(axis=(1, 2)), np.where(known_p, pressure, -np.inf).max(axis=(1, 2)), np.nan)

    # the worst municipality with known capacity and demand: severity, then pressure, then demand
    cand = known & (dem > 0)
    sev = np.where(cand, SEVERITY[status], -1)
    tie = np.nan_to_num(pressure, posinf=1e300)
    m = cand & (sev == sev.max(axis=2, keepdims=True))
    m &= tie == np.where(m, tie, -np.inf).max(axis=2, keepdims=True)
    m &= dem == np.where(m, dem, -np.inf).max(axis=2, keepdims=True)
    worst = m.shape[2] - 1 - np.argmax(m[:, :, ::-1], axis=2)  # the last of equals, as lexsort
    has_worst = cand.any(axis=2)
    worst_status = np.where(
        has_worst, np.take_along_axis(status, worst[:, :, None], 2)[:, :, 0], Status.GREEN
    )
    verdict = np.where((worst_status == Status.GREEN) & (coverage < min_coverage), Status.GREY, worst_status)
    worst_p = np.where(has_worst, np.take_along_axis(pressure, worst[:, :, None], 2)[:, :, 0], np.nan)
    names = np.array([*codes, None], dtype=object)
    return _Part(
        red=((status == Status.RED) & inside).sum(axis=(1, 2)),
        amber=((status == Status.AMBER) & inside).sum(axis=(1, 2)),
        grey=((status == Status.GREY) & inside & (True if structural is None else ~structural)).sum(
            axis=(1, 2)
        ),
        unknown_share=unknown_share,
        max_pressure=max_p,
        vehicle_km=vehicle_km,
        region_size=in_region.sum(axis=1),
        verdict=verdict,
        coverage=coverage,
        pressure=worst_p,
        municipality=names[np.where(has_worst, worst, len(codes))],
        full_year=full_year,
    )


def _ranked(hosts: list[SitePoint], part: _Part, ctx: Context) -> list[ScanRow]:
    """The rows, best first by ``RankKey.order()`` (ties keep the hosts' order)."""
    keys = domain_keys()
    words = np.asarray(STATUS_CODES, dtype=object)[part.verdict].tolist()
    coverage = part.coverage.tolist()
    pressure = part.pressure.tolist()
    municipality = part.municipality.tolist()
    red, amber, grey = part.red.tolist(), part.amber.tolist(), part.grey.tolist()
    share, max_p, vkm = part.unknown_share.tolist(), part.max_pressure.tolist(), part.vehicle_km.tolist()
    size = part.region_size.tolist()
    ranking = [RankKey(red[h], amber[h], share[h], max_p[h], vkm[h]) for h in range(len(hosts))]
    order = sorted(range(len(hosts)), key=lambda h: (ranking[h].order(), h))
    rows = []
    for rank, h in enumerate(order, start=1):
        site, key = hosts[h], ranking[h]
        rows.append(
            ScanRow(
                rank=rank,
                name=site.name,
                host_municipality=site.host,
                host_name=ctx.table.name(site.host),
                x=site.x,
                y=site.y,
                red=key.red,
                amber=key.amber,
                grey=grey[h],
                unknown_share=key.unknown_share,
                max_pressure=clean(key.max_pressure),
                no_capacity=math.isinf(key.max_pressure),
                commute_vehicle_km_per_day=key.vehicle_km,
                region_size=size[h],
                verdict=dict(zip(keys, words[h], strict=True)),
                coverage=dict(zip(keys, coverage[h], strict=True)),
                pressure={k: clean(pressure[h][d]) for d, k in enumerate(keys)},
                municipality=dict(zip(keys, municipality[h], strict=True)),
            )
        )
    return rows
