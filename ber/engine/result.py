"""The result of an assessment (``ber-result/1``) as typed objects and as JSON.

Every part is a pydantic dataclass (validated when built and loaded); ``docs/result-format.md``
documents every field, in the units of the metric and domain registries; unknown values are
``None`` (JSON null). :meth:`Assessment.to_json` writes the file, :func:`load_result` reads it.
The JSON is flatter than the objects in three places, kept apart here for typing: ``totals``
(:class:`Totals`), a municipality (``MunicipalityResult.domains``) and the Monte Carlo totals
(:class:`UncertainTotals`). Parts can also be read by their JSON field name
(``result.site["host_name"]``), as scripts written against the JSON do.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Iterator
from dataclasses import asdict, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, Literal, TypeVar

from pydantic import TypeAdapter, model_validator
from pydantic.dataclasses import dataclass

from ber.engine.result_afweging import AfwegingResult
from ber.engine.result_checks import CapacityFigureUsed, PolicyCheck
from ber.engine.result_parts import Band as Band
from ber.engine.result_parts import BandPerYear as BandPerYear
from ber.engine.result_parts import PressureBand as PressureBand
from ber.engine.result_parts import SensitivityRow as SensitivityRow
from ber.engine.result_parts import Swing as Swing
from ber.engine.result_parts import _ByName
from ber.engine.result_site import SiteFacts

RESULT_SCHEMA = "ber-result/1"
#: the per-category entries of ``totals`` (every other entry is a metric)
CATEGORY_TOTALS = ("workers", "family")
V = TypeVar("V")


def clean(value: float) -> float | None:  # a float for JSON: NaN, infinity -> None
    return None if value is None or not math.isfinite(value) else float(value)


@dataclass
class DomainResult(_ByName):
    demand: float
    capacity: float | None
    pressure: float | None
    status: str
    unit: str
    demand_per_year: list[float] = field(default_factory=list)
    pressure_per_year: list[float | None] = field(default_factory=list)
    status_per_year: list[str] = field(default_factory=list)
    no_capacity: bool = False  # demand on a capacity of 0: pressure infinite (null), red


@dataclass
class MunicipalityResult(_ByName):
    code: str
    name: str
    distance_km: float
    residence_share: float
    workers: float
    residents: float
    gp_fte: float
    pupils_newcomer: float
    domains: dict[str, DomainResult]

    @model_validator(mode="before")
    @classmethod
    def _read_flat(cls, data: Any) -> Any:
        return _nest_domains(data, _MUNICIPALITY_FIELDS)

    def __getitem__(self, key: str) -> Any:
        return self.domains[key] if key in self.domains else super().__getitem__(key)

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: v for k, v in asdict(self).items() if k != "domains"}
        for name, dom in self.domains.items():
            out[name] = asdict(dom)
        return out


@dataclass
class Verdict(_ByName):
    """A domain's regional verdict: the worst known status and its coverage (result-format.md)."""

    status: str
    municipality: str | None  # worst municipality with known capacity and demand
    municipality_name: str | None
    pressure: float | None  # None when unknown or infinite (``no_capacity``)
    no_capacity: bool = False
    coverage: float | None = None  # share of demand on known capacity; None in older results
    unknown_demand: float = 0.0
    unknown_municipality: str | None = None  # largest demand on unknown capacity
    unknown_municipality_name: str | None = None
    unknown_municipality_demand: float = 0.0


@dataclass
class SiteRank(_ByName):
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
    unknown_share: float = 0.0  # demand share on unknown capacity, mean over domains with demand
    coverage: dict[str, float] = field(default_factory=dict)


@dataclass
class ParameterUsed(_ByName):
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
class ChosenSite(_ByName):
    """The chosen site (``site``): RD metres and its host municipality."""

    name: str
    x: float
    y: float
    crs: str
    host_municipality: str
    host_name: str


@dataclass
class DatasetUsed(_ByName):
    """The geodata set behind the region figures (``geodata``): built in or imported."""

    name: str
    year: int
    checksum: str
    version: str = ""
    builtin: bool = True
    attribution: str = ""


@dataclass
class RegionUsed(_ByName):
    """How the region was formed (``region``)."""

    method: Literal["list", "cutoff"]
    label: str
    cutoff_km: float
    municipalities: list[str]
    data_source: str


class _ByCategory(Generic[V]):
    """Metrics by key beside ``workers``/``family`` per category, read as the JSON's one object."""

    if TYPE_CHECKING:
        values: dict[str, V]
        workers: dict[str, V]
        family: dict[str, V]

    @model_validator(mode="before")
    @classmethod
    def _read_flat(cls, data: Any) -> Any:
        return _nest_categories(data)

    def __getitem__(self, key: str) -> V | dict[str, V]:
        if key == "workers":
            return self.workers
        if key == "family":
            return self.family
        return self.values[key]

    def get(self, key: str, default: V | None = None) -> V | dict[str, V] | None:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        return key in CATEGORY_TOTALS or key in self.values

    def __iter__(self) -> Iterator[str]:
        yield from self.values
        yield from CATEGORY_TOTALS

    def items(self) -> Iterator[tuple[str, V | dict[str, V]]]:
        for key in self:
            yield key, self[key]


@dataclass
class Totals(_ByCategory[float]):
    """Regional totals of the full-operation year: every metric, and workers/family per category."""

    values: dict[str, float]
    workers: dict[str, float]
    family: dict[str, float]

    def value(self, key: str) -> float:
        return self.values[key]

    def to_dict(self) -> dict[str, Any]:
        return {**self.values, "workers": dict(self.workers), "family": dict(self.family)}


@dataclass
class ActiveMitigations(_ByName):
    employer_beds: float
    shuttle_share: float
    employer_gp_share: float
    local_recruitment_share: float


@dataclass
class DomainState(_ByName):
    """A domain in one municipality without the mitigations (full-operation year)."""

    demand: float
    capacity: float | None
    pressure: float | None
    status: str
    no_capacity: bool = False


@dataclass
class MunicipalityWithout(_ByName):
    code: str
    name: str
    domains: dict[str, DomainState]

    @model_validator(mode="before")
    @classmethod
    def _read_flat(cls, data: Any) -> Any:
        return _nest_domains(data, ("code", "name"))

    def __getitem__(self, key: str) -> Any:
        return self.domains[key] if key in self.domains else super().__getitem__(key)

    def to_dict(self) -> dict[str, Any]:
        return {"code": self.code, "name": self.name, **{k: asdict(v) for k, v in self.domains.items()}}


@dataclass
class WithoutMitigations(_ByName):
    totals: dict[str, float]
    verdict: dict[str, Verdict]
    municipalities: list[MunicipalityWithout]


@dataclass
class MitigationEffect(_ByName):
    """What the conditions change (``mitigations``): the case without them, for comparison."""

    active: ActiveMitigations
    without: WithoutMitigations

    def to_dict(self) -> dict[str, Any]:
        w = self.without
        return {
            "active": asdict(self.active),
            "without": {
                "totals": dict(w.totals),
                "verdict": {k: asdict(v) for k, v in w.verdict.items()},
                "municipalities": [m.to_dict() for m in w.municipalities],
            },
        }


@dataclass
class UncertainTotals(_ByCategory[Band]):
    """The percentiles of every metric, and of workers/family per category."""

    values: dict[str, Band]
    workers: dict[str, Band]
    family: dict[str, Band]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {k: asdict(v) for k, v in self.values.items()}
        out["workers"] = {k: asdict(v) for k, v in self.workers.items()}
        out["family"] = {k: asdict(v) for k, v in self.family.items()}
        return out


@dataclass
class Uncertainty(_ByName):
    """Monte Carlo percentiles (``uncertainty``)."""

    samples: int
    seed: int
    method: str
    totals: UncertainTotals
    pressure: dict[str, dict[str, PressureBand]]
    demand_per_year: dict[str, dict[str, BandPerYear]]

    def to_dict(self) -> dict[str, Any]:
        return {
            "samples": self.samples,
            "seed": self.seed,
            "method": self.method,
            "totals": self.totals.to_dict(),
            "pressure": {d: {k: asdict(b) for k, b in per.items()} for d, per in self.pressure.items()},
            "demand_per_year": {
                d: {k: asdict(b) for k, b in per.items()} for d, per in self.demand_per_year.items()
            },
        }


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
    site: ChosenSite
    region: RegionUsed
    family_preset: str
    totals: Totals
    per_year: dict[str, list[float]]
    municipalities: list[MunicipalityResult]
    verdict: dict[str, Verdict]
    sites: list[SiteRank]
    mitigations: MitigationEffect | None
    parameters: list[ParameterUsed]
    uncertainty: Uncertainty | None = None
    sensitivity: list[SensitivityRow] | None = None
    #: the geodata set behind the region figures (name, year, checksum)
    geodata: DatasetUsed | None = None
    capacity_figures: list[CapacityFigureUsed] = field(default_factory=list)
    policy_checks: list[PolicyCheck] = field(default_factory=list)  # both: ber.engine.checks
    #: the site domains' facts at the chosen site (space, energy); None in older results
    site_facts: SiteFacts | None = None
    afweging: AfwegingResult | None = None  # liveability, benefits, burdens: ber.engine.afweging

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
            "site": asdict(self.site),
            "region": asdict(self.region),
            "geodata": asdict(self.geodata) if self.geodata is not None else None,
            "family_preset": self.family_preset,
            "totals": self.totals.to_dict(),
            "per_year": self.per_year,
            "municipalities": [m.to_dict() for m in self.municipalities],
            "verdict": {k: asdict(v) for k, v in self.verdict.items()},
            "sites": [asdict(s) for s in self.sites],
            "mitigations": self.mitigations.to_dict() if self.mitigations else None,
            "parameters": [asdict(p) for p in self.parameters],
            "uncertainty": self.uncertainty.to_dict() if self.uncertainty else None,
            "sensitivity": [asdict(r) for r in self.sensitivity] if self.sensitivity is not None else None,
            "capacity_figures": [asdict(f) for f in self.capacity_figures],
            "policy_checks": [asdict(c) for c in self.policy_checks],
            "site_facts": asdict(self.site_facts) if self.site_facts is not None else None,
            "afweging": self.afweging.to_dict() if self.afweging is not None else None,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"

    @classmethod
    def from_dict(cls, doc: dict[str, Any]) -> Assessment:
        """The result of a ``ber-result/1`` document (ValueError when it is not one)."""
        if not isinstance(doc, dict) or doc.get("schema") != RESULT_SCHEMA:
            raise ValueError(f"not a {RESULT_SCHEMA} document")
        return _ADAPTERS.assessment.validate_python({k: v for k, v in doc.items() if k != "schema"})


_MUNICIPALITY_FIELDS = (
    "code",
    "name",
    "distance_km",
    "residence_share",
    "workers",
    "residents",
    "gp_fte",
    "pupils_newcomer",
)


def _nest_domains(data: Any, own: tuple[str, ...]) -> Any:
    """A municipality as in the JSON (its domains beside its own fields): domains nested."""
    if isinstance(data, dict) and "domains" not in data:
        nested = {k: data[k] for k in own if k in data}
        nested["domains"] = {k: v for k, v in data.items() if k not in own}
        return nested
    return data


def _nest_categories(data: Any) -> Any:
    """Totals as in the JSON (metrics beside ``workers``/``family``): metrics nested in ``values``."""
    if isinstance(data, dict) and "values" not in data:
        values = {k: v for k, v in data.items() if k not in CATEGORY_TOTALS}
        return {"values": values, "workers": data.get("workers", {}), "family": data.get("family", {})}
    return data


class _Adapters:  # validators of the JSON, built on first use (every dataclass defined)
    @functools.cached_property
    def assessment(self) -> TypeAdapter[Assessment]:
        return TypeAdapter(Assessment)


_ADAPTERS = _Adapters()


def load_result(path: Path | str) -> Assessment:
    """Read a result file written by ``ber assess --out`` (ValueError when it is not one)."""
    return Assessment.from_dict(json.loads(Path(path).read_text("utf-8")))
