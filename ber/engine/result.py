"""The result of an assessment (``ber-result/1``) as typed objects and as JSON.

``docs/result-format.md`` documents every field. Numbers are in the units named
by ``DOMAIN_UNITS`` and by the key names; unknown values are ``None`` (JSON null).
"""

from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass, field
from typing import Any

from ber.reference.national import DatasetInfo

RESULT_SCHEMA = "ber-result/1"

#: keys of ``totals`` that are single numbers (workers and family are keyed by category)
TOTAL_KEYS: tuple[str, ...] = (
    "jobs",
    "migrant_workers",
    "family_members",
    "residents",
    "cross_border_workers",
    "flex_beds",
    "employer_beds_used",
    "flex_floor_area_m2",
    "short_stay_persons_per_year",
    "dwellings",
    "gp_patients",
    "gp_fte",
    "pupils_primary",
    "pupils_secondary",
    "pupils_newcomer",
    "classes_primary",
    "classes_secondary",
    "classes_newcomer",
    "peak_vehicles",
    "commute_vehicle_km_per_day",
    "commute_co2_kg_per_day",
)

#: the key figures shown first (CLI summary, report uncertainty, sensitivity outputs)
KEY_FIGURES: tuple[str, ...] = (
    "residents",
    "flex_beds",
    "dwellings",
    "gp_fte",
    "pupils_primary",
    "pupils_secondary",
    "peak_vehicles",
    "commute_vehicle_km_per_day",
)

TOTAL_UNITS: dict[str, str] = {
    "jobs": "jobs",
    "migrant_workers": "persons",
    "family_members": "persons",
    "residents": "persons",
    "cross_border_workers": "persons",
    "flex_beds": "beds",
    "employer_beds_used": "beds",
    "flex_floor_area_m2": "m²",
    "short_stay_persons_per_year": "persons per year",
    "dwellings": "dwellings",
    "gp_patients": "patients",
    "gp_fte": "FTE",
    "pupils_primary": "pupils",
    "pupils_secondary": "pupils",
    "pupils_newcomer": "pupils",
    "classes_primary": "classes",
    "classes_secondary": "classes",
    "classes_newcomer": "classes",
    "peak_vehicles": "vehicles per peak hour",
    "commute_vehicle_km_per_day": "vehicle-km per day",
    "commute_co2_kg_per_day": "kg CO₂ per day",
    "workers": "persons",
    "family": "persons",
}


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
    #: the geodata set behind the region figures (name, year, checksum)
    geodata: DatasetInfo | None = None

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
            "geodata": self.geodata.to_dict() if self.geodata is not None else None,
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
