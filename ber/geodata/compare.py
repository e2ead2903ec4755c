"""Site comparison: the case evaluated at every candidate site, ranked.

Ranking (``ber.engine.verdict.RankKey``, method section 10): fewest red
domain-municipality cells, then fewest amber, then the least demand on unknown
capacity, then the lowest known maximum pressure (unknown last), then the fewest
commuting vehicle-km.
Output as ``ber-ranking/1`` JSON and as CSV for Dutch Excel (semicolon, decimal
comma, UTF-8 with BOM); the CSV's coordinate columns name their system
(``x_rd_epsg28992``, ``y_rd_epsg28992``: RD New metres).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np

from ber import __version__
from ber.case.model import Case, Region, Site
from ber.engine.assess import Context, check_case, rank_sites
from ber.engine.domains import domain_keys
from ber.engine.geometry import SitePoint
from ber.engine.params import parameter_specs
from ber.engine.progress import NoProgress, Progress, check_cancel
from ber.engine.result import SiteRank
from ber.engine.verdict import RankKey
from ber.geodata.sites import MAX_SITES
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS
from ber.texts.messages import InputError, Lang, Problem

SCHEMA = "ber-ranking/1"
CHUNK = 10
RegionMode = Literal["case", "cutoff"]


#: the CSV's columns before the per-domain verdicts; headers are ``excel.compare.column.<name>``
CSV_COLUMNS = (
    "rank",
    "name",
    "host_municipality",
    "host_name",
    "x_rd_epsg28992",
    "y_rd_epsg28992",
    "red",
    "amber",
    "unknown",
    "max_pressure",
    "commute_vehicle_km_per_day",
)


@dataclass
class Ranking:
    """Candidate sites ranked best first."""

    sites: list[SiteRank]
    app_version: str
    reference_version: str
    case_sha256: str
    region: str  # "case" (the case's region for every site) or "cutoff" (around each site)
    notices: list[Problem] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "app_version": self.app_version,
            "reference_version": self.reference_version,
            "case_sha256": self.case_sha256,
            "region": self.region,
            "sites": [
                {
                    "rank": s.rank,
                    "name": s.name,
                    "host_municipality": s.host_municipality,
                    "host_name": s.host_name,
                    "x": s.x,
                    "y": s.y,
                    "red": s.red,
                    "amber": s.amber,
                    "grey": s.grey,
                    "max_pressure": s.max_pressure,
                    "no_capacity": s.no_capacity,
                    "unknown_share": s.unknown_share,
                    "coverage": dict(s.coverage),
                    "commute_vehicle_km_per_day": s.commute_vehicle_km_per_day,
                    "verdict": dict(s.verdict),
                }
                for s in self.sites
            ],
        }

    def to_csv_bytes(self, lang: Lang = "nl") -> bytes:
        """CSV for Excel: ``;``-separated, decimal comma in Dutch, UTF-8 with BOM.

        After the per-domain verdicts: the demand share on unknown capacity and per
        domain the coverage (share of demand on known capacity, 0–1), as in the JSON."""
        nl = lang == "nl"
        header = [text(f"excel.compare.column.{c}", lang) for c in CSV_COLUMNS]
        header += [DOMAIN_LABELS[d][lang] for d in domain_keys()]
        # as in the JSON: demand share on unknown capacity, and per domain the known share (coverage)
        header.append(text("excel.compare.column.unknown_share", lang))
        header += [
            text("excel.compare.column.coverage", lang, domain=DOMAIN_LABELS[d][lang]) for d in domain_keys()
        ]
        buf = io.StringIO()
        writer = csv.writer(buf, delimiter=";" if nl else ",", lineterminator="\r\n")
        writer.writerow(header)
        for s in self.sites:
            writer.writerow(
                [
                    s.rank,
                    s.name,
                    s.host_municipality,
                    s.host_name,
                    _num(s.x, lang, 0),
                    _num(s.y, lang, 0),
                    s.red,
                    s.amber,
                    s.grey,
                    _num(s.max_pressure, lang, 2),
                    _num(s.commute_vehicle_km_per_day, lang, 0),
                    *[STATUS_LABELS[s.verdict[d]][lang] for d in domain_keys()],
                    _num(s.unknown_share, lang, 3),
                    *[_num(s.coverage.get(d), lang, 3) for d in domain_keys()],
                ]
            )
        return ("\ufeff" + buf.getvalue()).encode("utf-8")


def _num(value: float | None, lang: Lang, decimals: int) -> str:
    """A number without thousands separators (Excel reads them as text otherwise)."""
    if value is None or not math.isfinite(value):
        return ""
    out = f"{value:.{decimals}f}"
    return out.replace(".", ",") if lang == "nl" else out


def _sort_key(s: SiteRank) -> tuple[int, int, float, int, float, float]:
    # the one ranking rule (ber.engine.verdict.RankKey), as in ber.engine.assess.rank_sites
    return RankKey.of_site(s).order()


def candidates_case(case: Case, sites: Sequence[Site], region: RegionMode = "case") -> Case:
    """The case with the candidates as its sites (the first marked chosen, for validation)."""
    cands = [s.model_copy(update={"chosen": i == 0}) for i, s in enumerate(sites)]
    update: dict[str, Any] = {"sites": cands}
    if region == "cutoff":
        update["region"] = Region(label=case.region.label)
    return case.model_copy(update=update)


def file_hosts(
    case: Case, ctx: Context, path: Path, lang: Lang = "nl"
) -> tuple[list[SitePoint], dict[str, str], list[Problem]]:
    """The hosts of a scan from a file of points (or polygons, by centroid), checked like
    ``ber compare`` (InputError naming the file or field, before anything is computed);
    the scan's area record; notices of points outside every municipality.
    ``ber scan --sites`` and the desktop's scan share it."""
    from ber.engine.geometry import site_point
    from ber.geodata import read_sites

    sites = read_sites(path, lang)
    full = candidates_case(case, sites, "cutoff")
    check_case(full, ctx)
    hosts = [site_point(s, ctx.table, ctx.locate) for s in full.sites]
    notices = []
    if ctx.locate is not None:
        notices = [
            Problem("sites.outside", params={"name": s.name}) for s in hosts if ctx.locate(s.x, s.y) is None
        ]
    return hosts, {"kind": "file", "code": "", "name": path.name}, notices


def compare_sites(
    case: Case,
    sites: Sequence[Site],
    ctx: Context | None = None,
    progress: Progress | None = None,
    region: RegionMode = "case",
) -> Ranking:
    """Evaluate ``case`` at every candidate site and rank them (best first).

    ``region="case"`` keeps the case's region list for every site (a comparison
    within one region); ``"cutoff"`` uses the municipalities within the cut-off
    distance around each site (a comparison across the country). The case is
    validated once with all candidates; InputError lists every problem.
    """
    ctx = ctx or Context.default()
    progress = progress or NoProgress()
    if not sites:
        raise InputError([Problem("sites.none", "sites")])
    if len(sites) > MAX_SITES:
        raise InputError([Problem("compare.too_many", params={"count": len(sites), "limit": MAX_SITES})])
    full = candidates_case(case, sites, region)
    check_case(full, ctx)
    specs = parameter_specs(full, ctx.ref)
    ranks: list[SiteRank] = []
    for start in range(0, len(full.sites), CHUNK):
        check_cancel(progress)
        part = full.model_copy(update={"sites": full.sites[start : start + CHUNK]})
        ranks.extend(rank_sites(part, ctx, specs))
        progress.report(min(1.0, (start + CHUNK) / len(full.sites)), "sites")
    ranks.sort(key=_sort_key)  # stable: equal keys keep the candidates' order
    notices = []
    for i, r in enumerate(ranks, start=1):
        r.rank = i
        r.chosen = False
    cutoff = specs["gravity.cutoff_km"].central
    for r in ranks:
        if ctx.locate is not None and ctx.locate(r.x, r.y) is None:
            notices.append(Problem("sites.outside", params={"name": r.name}))
        nearest_km = float(np.min(np.hypot(ctx.table.x - r.x, ctx.table.y - r.y))) / 1000.0
        if nearest_km > cutoff:
            km = f"{nearest_km:.0f}"
            notices.append(Problem("sites.far", params={"name": r.name, "km": km, "host": r.host_name}))
    return Ranking(
        sites=ranks,
        app_version=__version__,
        reference_version=ctx.ref.version,
        case_sha256=case.sha256(),
        region=region,
        notices=notices,
    )
