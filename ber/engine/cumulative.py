"""The cumulative view's result: registered cases plus the new one, per domain,
municipality and calendar year (pure data and the verdict rule; the register in
``ber.register.cumulative`` fills it from its tables)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from ber.engine.result import Assessment, Verdict

if TYPE_CHECKING:
    from ber.engine.cumulative_replay import CountedCases


@dataclass(frozen=True)
class CumulativeSeries:
    """One domain in one municipality, per calendar year of the new case."""

    domain: str
    municipality: str
    municipality_name: str
    unit: str
    capacity: float | None
    other: list[float]  # demand of the registered cases
    this: list[float]  # demand of the new case
    total: list[float]  # other + this
    pressure_without: list[float | None]
    status_without: list[str]
    pressure_with: list[float | None]
    status_with: list[str]


@dataclass(frozen=True)
class Contributor:
    """A registered case counted in the cumulative view."""

    reference: str
    title: str
    business_name: str
    status: str
    host_municipality: str
    start_year: int
    last_year: int
    #: its demand in the new case's region in the full-operation year, per domain
    demand: dict[str, float]


@dataclass(frozen=True)
class EmployerBedsLine:
    """Employer beds of one counted case in one municipality (from its permit conditions)."""

    reference: str
    municipality: str
    delivered: float  # beds of conditions marked delivered
    promised: float  # beds of conditions not (yet) delivered: open, overdue or waived
    added: float  # flex-bed demand added back because they are not delivered


@dataclass(frozen=True)
class EmployerBedsCount:
    """Employer beds of the counted cases in the region: capacity only once delivered."""

    delivered: float
    promised: float
    added: float
    lines: list[EmployerBedsLine] = field(default_factory=list)


@dataclass(frozen=True)
class Cumulative:
    """The cumulative assessment of one new case (see the module docstring)."""

    reference: str  # the new case's reference ("" when it has none)
    years: list[int]
    full_operation_year: int
    municipalities: list[str]
    municipality_names: list[str]
    thresholds: dict[str, float]
    counted_statuses: tuple[str, ...]
    carry_forward: bool
    series: list[CumulativeSeries]
    verdict_without: dict[str, Verdict]
    verdict_with: dict[str, Verdict]
    contributors: list[Contributor] = field(default_factory=list)
    #: the counted cases with their stored demand, embedded in a report as
    #: ``register-cases.json`` (``ber.engine.cumulative_replay``); None when not gathered
    counted: CountedCases | None = None
    #: employer beds of the counted cases' permit conditions (None: not looked up)
    employer_beds: EmployerBedsCount | None = None

    def get(self, domain: str, municipality: str) -> CumulativeSeries:
        for s in self.series:
            if s.domain == domain and s.municipality == municipality:
                return s
        raise KeyError((domain, municipality))

    def year_index(self, year: int) -> int:
        return self.years.index(year)

    def statuses(self, domain: str, year: int | None = None, *, with_case: bool = True) -> dict[str, str]:
        """Status per municipality code for one domain and year (default: full operation), for a map."""
        t = self.year_index(self.full_operation_year if year is None else year)
        return {
            s.municipality: (s.status_with if with_case else s.status_without)[t]
            for s in self.series
            if s.domain == domain
        }

    @property
    def other_references(self) -> list[str]:
        return [c.reference for c in self.contributors]

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": "ber-cumulative/1",
            "reference": self.reference,
            "years": self.years,
            "full_operation_year": self.full_operation_year,
            "municipalities": self.municipalities,
            "municipality_names": self.municipality_names,
            "thresholds": self.thresholds,
            "counted_statuses": list(self.counted_statuses),
            "carry_forward": self.carry_forward,
            "series": [asdict(s) for s in self.series],
            "verdict_without": {k: asdict(v) for k, v in self.verdict_without.items()},
            "verdict_with": {k: asdict(v) for k, v in self.verdict_with.items()},
            "contributors": [asdict(c) for c in self.contributors],
            "employer_beds": None if self.employer_beds is None else asdict(self.employer_beds),
        }


def threshold(result: Assessment, name: str, default: float) -> float:
    for p in result.parameters:
        if p.name == name:
            return float(p.value)
    return default
