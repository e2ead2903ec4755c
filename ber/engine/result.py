"""The result of an assessment (``ber-result/1``) as typed objects and as JSON.

``docs/result-format.md`` documents every field. Numbers are in the units of the
metric and domain registries (:mod:`ber.engine.metrics`, :mod:`ber.engine.domains`);
unknown values are ``None`` (JSON null).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

RESULT_SCHEMA = "ber-result/1"


def clean(value: float) -> float | None:
    """A float for JSON: NaN and infinity become None (unknown / no capacity)."""
    return None if value is None or not math.isfinite(value) else float(value)


@dataclass
class DomainResult:
    demand: float
    capacity: float | None
    pressure: float | None
    status: str
    unit: str
    demand_per_year: list[float] = field(default_factory=list)
    pressure_per_year: list[float | None] = field(default_factory=list)
    status_per_year: list[str] = field(default_factory=list)


@dataclass
class MunicipalityResult:
    code: str
    name: str
    distance_km: float
    residence_share: float
    workers: float
    residents: float
    gp_fte: float
    pupils_newcomer: float
    domains: dict[str, DomainResult]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in asdict(self).items() if k != "domains"}
        for name, dom in self.domains.items():
            out[name] = asdict(dom)
        return out


@dataclass
class Verdict:
    status: str
    municipality: str | None
    municipality_name: str | None
    pressure: float | None


@dataclass
class SiteRank:
    name: str
    host_municipality: str
    host_name: str
    x: float
    y: float
    chosen: bool
    rank: int
    red: int
    amber: int
    grey: int
    max_pressure: float | None
    no_capacity: bool
    commute_vehicle_km_per_day: float
    verdict: dict[str, str]


@dataclass
class ParameterUsed:
    name: str
    key: str
    value: float
    low: float
    high: float
    unit: str
    source: str
    citation: str
    assumption: bool
    overridden: bool
    justification: str
    label_nl: str
    label_en: str


@dataclass
class Assessment:
    app_version: str
    reference_version: str
    reference_checksum: str
    case_sha256: str
    computed_at: str
    language: str
    years: list[int]
    full_operation_year: int
    site: dict[str, Any]
    region: dict[str, Any]
    family_preset: str
    totals: dict[str, Any]
    per_year: dict[str, list[float]]
    municipalities: list[MunicipalityResult]
    verdict: dict[str, Verdict]
    sites: list[SiteRank]
    mitigations: dict[str, Any] | None
    parameters: list[ParameterUsed]
    uncertainty: dict[str, Any] | None = None
    sensitivity: list[dict[str, Any]] | None = None

    def municipality(self, code: str) -> MunicipalityResult:
        for m in self.municipalities:
            if m.code == code:
                return m
        raise KeyError(code)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": RESULT_SCHEMA,
            "app_version": self.app_version,
            "reference_version": self.reference_version,
            "reference_checksum": self.reference_checksum,
            "case_sha256": self.case_sha256,
            "computed_at": self.computed_at,
            "language": self.language,
            "years": self.years,
            "full_operation_year": self.full_operation_year,
            "site": self.site,
            "region": self.region,
            "family_preset": self.family_preset,
            "totals": self.totals,
            "per_year": self.per_year,
            "municipalities": [m.to_dict() for m in self.municipalities],
            "verdict": {k: asdict(v) for k, v in self.verdict.items()},
            "sites": [asdict(s) for s in self.sites],
            "mitigations": self.mitigations,
            "parameters": [asdict(p) for p in self.parameters],
            "uncertainty": self.uncertainty,
            "sensitivity": self.sensitivity,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
