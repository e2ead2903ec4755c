"""The cumulative view recomputed from the register cases a report embeds.

A cumulative report carries, next to ``case.ber``, the attachment
``register-cases.json``: every registered case that was counted, with its
reference, status, dates, case hash and its *stored demand rows* (demand per
domain, municipality of the new case's region and calendar year, and whether the
row is the case's last assessed year). ``ber assess REPORT.pdf`` recomputes the
cumulative view from those rows, without a register.

The stored rows and not the case files: the register sums the demand it stored
when each case was registered. Re-assessing the case files would depend on the
reference data, geodata and program version of the machine that recomputes, and
could then differ from the report; the rows reproduce the sum exactly. The case
hash lets the other side check each case against the register's file.

The sum follows ``ber.register.cumulative``: a case counts from its first assessed
year and, after its last assessed year, keeps that year's demand
(``carry_forward``). The report itself is made from this module's result, so the
recomputation uses the same code on the same numbers.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ber.case.limits import load_json_limited
from ber.case.model import Case
from ber.engine.cumulative import (
    Contributor,
    Cumulative,
    CumulativeSeries,
    EmployerBedsCount,
    EmployerBedsLine,
    threshold,
)
from ber.engine.domains import domain_keys, domain_unit
from ber.engine.model import pressure_status
from ber.engine.result import Assessment, clean
from ber.engine.status import STATUS_CODES
from ber.engine.verdict import domain_verdicts
from ber.reference.data import load_reference
from ber.texts.catalogue import LANGS, has, text
from ber.texts.messages import InputError, Problem

#: the attachment's schema (``register-cases.json``, ``ber.io.report_attachments``)
SCHEMA = "ber-register-cases/1"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


@dataclass(frozen=True)
class CountedDemand:
    """One stored demand row of a counted case (as the register holds it)."""

    domain: str
    municipality: str
    year: int
    demand: float
    is_last: bool = False


class CountedSeries(_Strict):
    """A counted case's stored demand in one domain and municipality, per year from
    ``first_year`` (``null``: no row stored for that year); ``last_row_year``: the year
    whose row is the case's last assessed year (its steady state), when among them."""

    domain: str = Field(max_length=32)
    municipality: str = Field(max_length=16)
    first_year: int = Field(ge=1900, le=2200)
    demand: list[Annotated[float, Field(ge=0.0, allow_inf_nan=False)] | None] = Field(
        min_length=1, max_length=300
    )
    last_row_year: int | None = None

    def rows(self) -> list[CountedDemand]:
        return [
            CountedDemand(self.domain, self.municipality, year, value, year == self.last_row_year)
            for year, value in enumerate(self.demand, start=self.first_year)
            if value is not None
        ]


def series_of(rows: Iterable[CountedDemand]) -> list[CountedSeries]:
    """Stored rows as series per domain and municipality (the attachment's compact form)."""
    grouped: dict[tuple[str, str], dict[int, CountedDemand]] = {}
    for r in rows:
        grouped.setdefault((r.domain, r.municipality), {})[r.year] = r
    out = []
    for (domain, municipality), by_year in sorted(grouped.items()):
        first, last = min(by_year), max(by_year)
        last_rows = [y for y, r in by_year.items() if r.is_last]
        out.append(
            CountedSeries(
                domain=domain,
                municipality=municipality,
                first_year=first,
                demand=[by_year[y].demand if y in by_year else None for y in range(first, last + 1)],
                last_row_year=last_rows[0] if last_rows else None,
            )
        )
    return out


class CountedCase(_Strict):
    """A registered case counted in the cumulative view."""

    reference: str = Field(max_length=64)
    title: str = Field(default="", max_length=300)
    business_name: str = Field(default="", max_length=300)
    status: Literal["in_procedure", "granted"]
    received: str = Field(default="", max_length=32)
    decided: str = Field(default="", max_length=32)
    host_municipality: str = Field(default="", max_length=16)
    start_year: int = Field(ge=1900, le=2200)
    last_year: int = Field(ge=1900, le=2200)
    case_sha256: str = Field(default="", max_length=64)
    reference_version: str = Field(default="", max_length=64)
    app_version: str = Field(default="", max_length=32)
    #: its stored demand in the region, per domain and municipality
    demand: list[CountedSeries] = Field(default_factory=list, max_length=100_000)

    def rows(self) -> list[CountedDemand]:
        return [r for series in self.demand for r in series.rows()]


class CountedBeds(_Strict):
    """Employer beds of one counted case in one municipality, from its permit conditions
    (``ber.register.conditions``): flex-bed demand is added back for beds not delivered."""

    reference: str = Field(max_length=64)
    municipality: str = Field(max_length=16)
    start_year: int = Field(ge=1900, le=2200)
    last_year: int = Field(ge=1900, le=2200)
    delivered: float = Field(ge=0.0, allow_inf_nan=False)
    promised: float = Field(ge=0.0, allow_inf_nan=False)
    added: float = Field(ge=0.0, allow_inf_nan=False)


class CountedCases(_Strict):
    """The attachment ``register-cases.json``."""

    schema_: Literal["ber-register-cases/1"] = Field(default="ber-register-cases/1", alias="schema")
    #: SHA-256 of the case the cumulative view was computed for (its ``case.ber``)
    case_sha256: str = Field(max_length=64)
    carry_forward: bool = True
    counted_statuses: list[str] = Field(default_factory=lambda: ["in_procedure", "granted"], max_length=4)
    cases: list[CountedCase] = Field(default_factory=list, max_length=10_000)
    #: employer beds of the counted cases' permit conditions (None: not looked up)
    employer_beds: list[CountedBeds] | None = Field(default=None, max_length=100_000)

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    def to_json(self) -> bytes:
        doc = self.model_dump(by_alias=True)
        return json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":")).encode("utf-8")


def _reason(error: Any) -> object:
    """What is wrong with one field, in both languages (pydantic's own text is English)."""
    kind = str(error["type"])
    params: dict[str, Any]
    if kind in ("missing", "extra_forbidden", "literal_error", "too_long", "too_short"):
        key, params = f"msg.reason.{kind}", {}
    elif kind in ("greater_than_equal", "greater_than", "less_than_equal", "less_than"):
        key, params = "msg.reason.range", {}
    elif has(f"msg.type.{kind}"):
        key, params = (
            "msg.reason.type",
            {"expected": {lang: text(f"msg.type.{kind}", lang) for lang in LANGS}},
        )
    else:
        key, params = "msg.reason.other", {}
    return {lang: text(key, lang, **params) for lang in LANGS}


def _invalid(source: str, where: str, reason: object) -> InputError:
    params = {"path": source, "where": where, "reason": reason}
    return InputError([Problem("file.register_cases_invalid", params=params)])


def parse_counted(data: bytes, source: str) -> CountedCases:
    """The attachment's contents; InputError (``file.register_cases_invalid``) naming the field."""
    doc = load_json_limited(data, source)
    try:
        counted = CountedCases.model_validate(doc)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise _invalid(source, ".".join(str(p) for p in first["loc"]) or "schema", _reason(first)) from None
    known = set(domain_keys())
    for i, c in enumerate(counted.cases):
        for j, row in enumerate(c.demand):
            if row.domain not in known:
                reason = {
                    lang: text("msg.reason.domain", lang, value=repr(row.domain)[:60]) for lang in LANGS
                }
                raise _invalid(source, f"cases.{i}.demand.{j}.domain", reason)
    return counted


def in_window(row: CountedDemand, first: int, last: int, carry_forward: bool) -> bool:
    """The register's window: a row of the new case's years, or a steady state from before them."""
    return first <= row.year <= last or (carry_forward and row.is_last and row.year < first)


def _other(counted: CountedCases, codes: list[str], years: list[int]) -> np.ndarray:
    """Summed demand (D, K, Y) of the counted cases, by the register's rule."""
    first, last = years[0], years[-1]
    dom_i = {dom: i for i, dom in enumerate(domain_keys())}
    mun_i = {c: i for i, c in enumerate(codes)}
    Y = len(years)
    groups: dict[tuple[int, int, int, bool], float] = {}
    for c in counted.cases:
        for row in c.rows():
            if row.municipality in mun_i and in_window(row, first, last, counted.carry_forward):
                key = (dom_i[row.domain], mun_i[row.municipality], row.year, row.is_last)
                groups[key] = groups.get(key, 0.0) + row.demand
    out = np.zeros((len(dom_i), len(codes), Y))
    carry = np.zeros_like(out)  # level added from year index t on
    for (i, k, year, is_last), total in groups.items():
        if first <= year <= last:
            out[i, k, year - first] += total
        if counted.carry_forward and is_last:
            start = max(year + 1 - first, 0)
            if start < Y:
                carry[i, k, start] += total
    return out + np.cumsum(carry, axis=2)


def _contributors(counted: CountedCases, codes: list[str], years: list[int], year: int) -> list[Contributor]:
    """Every counted case with demand in the region during the window; demand in ``year``."""
    area, out = set(codes), []
    cf = counted.carry_forward
    for c in counted.cases:
        rows = [r for r in c.rows() if r.municipality in area and in_window(r, years[0], years[-1], cf)]
        if not rows:
            continue
        demand = {dom: 0.0 for dom in domain_keys()}
        for r in rows:
            if r.year == year or (cf and r.is_last and r.year < year):
                demand[r.domain] += r.demand
        out.append(
            Contributor(
                reference=c.reference,
                title=c.title,
                business_name=c.business_name,
                status=c.status,
                host_municipality=c.host_municipality,
                start_year=c.start_year,
                last_year=c.last_year,
                demand=demand,
            )
        )
    return sorted(out, key=lambda x: (-sum(x.demand.values()), x.reference))


def _beds(
    counted: CountedCases, codes: list[str], years: list[int], full_operation_year: int
) -> tuple[np.ndarray, EmployerBedsCount | None, dict[str, float]]:
    """Flex-bed demand (D, K, Y) added for employer beds not delivered, the count for the
    report and the beds added per case in the full-operation year (the register's rule,
    ``ber.register.conditions.employer_beds_adjustment``, on the embedded lines)."""
    extra = np.zeros((len(domain_keys()), len(codes), len(years)))
    if counted.employer_beds is None:
        return extra, None, {}
    lines = [b for b in counted.employer_beds if b.municipality in codes]
    flex = domain_keys().index("housing_flex")
    mun_i = {c: i for i, c in enumerate(codes)}
    cf = counted.carry_forward
    added = np.array([b.added for b in lines])
    first = np.array([b.start_year for b in lines], dtype=int)
    last = np.array([b.last_year for b in lines], dtype=int)
    year_arr = np.array(years)
    counts = (year_arr[None, :] >= first[:, None]) & ((year_arr[None, :] <= last[:, None]) | cf)
    np.add.at(
        extra[flex], np.array([mun_i[b.municipality] for b in lines], dtype=int), added[:, None] * counts
    )
    per_case: dict[str, float] = {}
    for b in lines:
        if b.start_year <= full_operation_year and (full_operation_year <= b.last_year or cf):
            per_case[b.reference] = per_case.get(b.reference, 0.0) + float(b.added)
    count = EmployerBedsCount(
        delivered=float(np.array([b.delivered for b in lines]).sum()),
        promised=float(np.array([b.promised for b in lines]).sum()),
        added=float(added.sum()),
        lines=[
            EmployerBedsLine(b.reference, b.municipality, b.delivered, b.promised, b.added) for b in lines
        ],
    )
    return extra, count, per_case


def replay(result: Assessment, case: Case, counted: CountedCases) -> Cumulative:
    """The cumulative view of ``case`` (assessed as ``result``) on top of the embedded cases."""
    codes = [m.code for m in result.municipalities]
    years = [int(y) for y in result.years]
    other = _other(counted, codes, years) if codes else np.zeros((len(domain_keys()), 0, len(years)))
    extra, beds, per_case = _beds(counted, codes, years, result.full_operation_year)
    contributors = _contributors(counted, codes, years, result.full_operation_year) if codes else []
    for c in contributors:
        c.demand["housing_flex"] += per_case.get(c.reference, 0.0)
    return assemble(result, case, other + extra, contributors, counted, beds)


def assemble(
    result: Assessment,
    case: Case,
    other: np.ndarray,
    contributors: list[Contributor],
    counted: CountedCases,
    employer_beds: EmployerBedsCount | None = None,
) -> Cumulative:
    """Pressure and status without and with the case, per domain, municipality and year
    (the same ``pressure_status`` and verdict rule as a single assessment)."""
    codes = [m.code for m in result.municipalities]
    names = [m.name for m in result.municipalities]
    years = [int(y) for y in result.years]
    D, K, Y = len(domain_keys()), len(codes), len(years)
    this = np.zeros((D, K, Y))
    capacity = np.full((D, K), np.nan)
    for k, m in enumerate(result.municipalities):
        for i, dom in enumerate(domain_keys()):
            dr = m.domains[dom]
            this[i, k] = dr.demand_per_year
            if dr.capacity is not None:
                capacity[i, k] = dr.capacity
    ref = load_reference()
    amber = threshold(result, "status.amber_threshold", ref.value("status.amber_threshold"))
    red = threshold(result, "status.red_threshold", ref.value("status.red_threshold"))
    coverage = threshold(result, "verdict.min_coverage", ref.value("verdict.min_coverage"))
    params = {"status.amber_threshold": np.array([amber]), "status.red_threshold": np.array([red])}
    total = other + this
    p_without, s_without = (a[0] for a in pressure_status(other[None], capacity, params))
    p_with, s_with = (a[0] for a in pressure_status(total[None], capacity, params))

    def plist(p: Iterable[float], known: bool) -> list[float | None]:
        return [clean(float(x)) if known else None for x in p]

    series = []
    for i, dom in enumerate(domain_keys()):
        for k, code in enumerate(codes):
            known = not np.isnan(capacity[i, k])
            series.append(
                CumulativeSeries(
                    domain=dom,
                    municipality=code,
                    municipality_name=names[k],
                    unit=domain_unit(dom),
                    capacity=float(capacity[i, k]) if known else None,
                    other=[float(x) for x in other[i, k]],
                    this=[float(x) for x in this[i, k]],
                    total=[float(x) for x in total[i, k]],
                    pressure_without=plist(p_without[i, k], known),
                    status_without=[STATUS_CODES[int(x)] for x in s_without[i, k]],
                    pressure_with=plist(p_with[i, k], known),
                    status_with=[STATUS_CODES[int(x)] for x in s_with[i, k]],
                )
            )
    t = years.index(result.full_operation_year)
    return Cumulative(
        reference=case.meta.reference,
        years=years,
        full_operation_year=result.full_operation_year,
        municipalities=codes,
        municipality_names=names,
        thresholds={"amber": amber, "red": red},
        counted_statuses=tuple(counted.counted_statuses),
        carry_forward=counted.carry_forward,
        series=series,
        verdict_without=domain_verdicts(
            codes, names, other[:, :, t], p_without[:, :, t], s_without[:, :, t], capacity, coverage
        ),
        verdict_with=domain_verdicts(
            codes, names, total[:, :, t], p_with[:, :, t], s_with[:, :, t], capacity, coverage
        ),
        contributors=contributors,
        counted=counted,
        employer_beds=employer_beds,
    )
