"""The result of a scan (``ber scan``): one ranked row per candidate host.

Document ``ber-scan/1`` (``docs/scan.md``): the rows carry the same ranking
columns as ``sites[]`` of an assessment (``ber.engine.verdict.RankKey``), plus
the verdict, coverage, pressure and named municipality of every domain of the
registry as ``assess`` would give them for a site at that host.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from ber.engine.verdict import RankKey

SCAN_SCHEMA = "ber-scan/1"


@dataclass(frozen=True)
class ScanRow:
    """One candidate host: where the site stands and how it ranks."""

    rank: int
    name: str
    host_municipality: str
    host_name: str
    x: float  # RD New metres
    y: float
    red: int
    amber: int
    grey: int
    unknown_share: float
    max_pressure: float | None  # None: no known pressure (or no spare capacity, see no_capacity)
    no_capacity: bool
    commute_vehicle_km_per_day: float
    #: municipalities in this host's own region (as ``assess`` builds it)
    region_size: int
    verdict: dict[str, str] = field(default_factory=dict)
    coverage: dict[str, float] = field(default_factory=dict)
    #: pressure in the domain's named municipality (None: unknown or no spare capacity)
    pressure: dict[str, float | None] = field(default_factory=dict)
    municipality: dict[str, str | None] = field(default_factory=dict)

    def key(self) -> RankKey:
        p = math.inf if self.no_capacity else (math.nan if self.max_pressure is None else self.max_pressure)
        return RankKey(self.red, self.amber, self.unknown_share, p, self.commute_vehicle_km_per_day)

    def to_dict(self) -> dict[str, Any]:
        return {
            "rank": self.rank,
            "name": self.name,
            "host_municipality": self.host_municipality,
            "host_name": self.host_name,
            "x": self.x,
            "y": self.y,
            "red": self.red,
            "amber": self.amber,
            "grey": self.grey,
            "unknown_share": self.unknown_share,
            "max_pressure": self.max_pressure,
            "no_capacity": self.no_capacity,
            "commute_vehicle_km_per_day": self.commute_vehicle_km_per_day,
            "region_size": self.region_size,
            "verdict": dict(self.verdict),
            "coverage": dict(self.coverage),
            "pressure": dict(self.pressure),
            "municipality": dict(self.municipality),
        }


@dataclass(frozen=True)
class ScanResult:
    """Every host of the scan, best first (the ranking rule of ``ber.engine.verdict``)."""

    rows: list[ScanRow]
    #: "municipalities" (each municipality of the area at its centroid) or "sites" (a file)
    hosts_from: str
    area: dict[str, str]
    cutoff_km: float
    full_operation_year: int
    domains: list[str]
    case_sha256: str
    app_version: str
    reference_version: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCAN_SCHEMA,
            "app_version": self.app_version,
            "reference_version": self.reference_version,
            "case_sha256": self.case_sha256,
            "hosts_from": self.hosts_from,
            "host_point": "centroid" if self.hosts_from == "municipalities" else "file",
            "area": dict(self.area),
            "cutoff_km": self.cutoff_km,
            "full_operation_year": self.full_operation_year,
            "domains": list(self.domains),
            "hosts": [r.to_dict() for r in self.rows],
        }
