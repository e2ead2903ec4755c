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

import base64
import json
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ber.case.limits import load_json_limited
from ber.case.model import Case
from ber.engine.area_sum import Block, area_sums, expand
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
from ber.engine.siteinputs import status_floors
from ber.engine.status import STATUS_CODES, Status
from ber.engine.verdict import domain_verdicts
from ber.reference.data import load_reference
from ber.texts.catalogue import LANGS, has, text
from ber.texts.messages import InputError, Problem

#: the attachment's schema (``register-cases.json``, ``ber.io.report_attachments``)
SCHEMA = "ber-register-cases/2"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class CountedArea(_Strict):
    """A counted case's stored demand (``case_area``, float32) in municipalities of the
    region over ``years`` years from ``first_year``: ``demand`` is the base64 of
    little-endian float32 values, ``municipalities`` x the document's ``domains`` x the
    years stored, row-major. When the demand stays the same to the end (a steady state),
    the years after the first of those are left out: the last year stored repeats
    through ``years``. Only the years the report needs are kept: those of its window,
    and for a case that ended before it, its last year; the last of ``years`` counts as
    the case's last (its steady state, carried forward)."""

    municipalities: list[str] = Field(min_length=1, max_length=1_000)
    first_year: int = Field(ge=1900, le=2200)
    years: int = Field(ge=1, le=300)
    demand: str = Field(max_length=20_000_000)

    def values(self, n_domains: int) -> np.ndarray:
        """(municipalities, domains, years) float32; ValueError when the text is not a
        whole number of years (1 to ``years``) of values."""
        raw = base64.b64decode(self.demand.encode("ascii"), validate=True)
        per_year = 4 * len(self.municipalities) * n_domains
        stored = len(raw) // per_year
        if len(raw) != stored * per_year or not 1 <= stored <= self.years:
            raise ValueError("length")
        return expand(
            np.frombuffer(raw, dtype="<f4").reshape(len(self.municipalities), n_domains, stored), self.years
        )


def encode_values(values: np.ndarray) -> str:
    """(municipalities, domains, years) demand as the base64 of its little-endian float32
    values, without the repeats of a steady state at the end (see ``CountedArea``)."""
    v = np.ascontiguousarray(values, dtype="<f4")
    changes = np.flatnonzero(~(v == v[:, :, -1:]).all(axis=(0, 1)))
    stored = int(changes[-1]) + 2 if len(changes) else 1
    return base64.b64encode(np.ascontiguousarray(v[:, :, :stored]).tobytes()).decode("ascii")


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
    #: its stored demand per municipality of the region
    areas: list[CountedArea] = Field(default_factory=list, max_length=1_000)


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

    schema_: Literal["ber-register-cases/2"] = Field(default="ber-register-cases/2", alias="schema")
    #: SHA-256 of the case the cumulative view was computed for (its ``case.ber``)
    case_sha256: str = Field(max_length=64)
    carry_forward: bool = True
    #: the domains of every area's demand, in order (named once)
    domains: list[str] = Field(min_length=1, max_length=64)
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
    for j, dom in enumerate(counted.domains):
        if dom not in known or counted.domains.index(dom) != j:
            reason = {lang: text("msg.reason.domain", lang, value=repr(dom)[:60]) for lang in LANGS}
            raise _invalid(source, f"domains.{j}", reason)
    D = len(counted.domains)
    for i, c in enumerate(counted.cases):
        for j, area in enumerate(c.areas):
            try:
                values = area.values(D)
            except ValueError:  # not base64, or not domains x years values
                raise _invalid(source, f"cases.{i}.areas.{j}.demand", _reason({"type": "other"})) from None
            if not (np.isfinite(values) & (values >= 0.0)).all():
                raise _invalid(source, f"cases.{i}.areas.{j}.demand", _reason({"type": "greater_than_equal"}))
    return counted


def _blocks(counted: CountedCases, codes: list[str]) -> list[Block]:
    """The embedded areas in the region as blocks for ``area_sums`` (owner: the case's index)."""
    mun_i = {c: i for i, c in enumerate(codes)}
    D = len(counted.domains)
    # per length in years: the areas' values, municipalities, first years, owners and sizes
    groups: dict[int, tuple[list[np.ndarray], list[str], list[int], list[int], list[int]]] = {}
    for n, c in enumerate(counted.cases):
        for area in c.areas:
            values, muns, first, owners, sizes = groups.setdefault(area.years, ([], [], [], [], []))
            values.append(area.values(D))
            muns.extend(area.municipalities)
            first.append(area.first_year)
            owners.append(n)
            sizes.append(len(area.municipalities))
    out = []
    for values, muns, first, owners, sizes in groups.values():
        ks = np.array([mun_i.get(m, -1) for m in muns], dtype=np.int64)
        inside = ks >= 0
        out.append(
            Block(
                np.repeat(np.array(first, dtype=np.int64), sizes)[inside],
                np.concatenate(values)[inside],
                tuple(counted.domains),
                ks[inside],
                np.repeat(np.array(owners, dtype=np.int64), sizes)[inside],
            )
        )
    return out


def _beds(
    counted: CountedCases, codes: list[str], years: list[int], full_operation_year: int
) -> tuple[np.ndarray, EmployerBedsCount | None, dict[str, float]]:
    """Flex-bed demand (D, K, Y) added for employer beds not delivered, the count for the
    report and the beds added per case in the full-operation year (the register's rule,
    ``ber.register.employer_beds.employer_beds_adjustment``, on the embedded lines)."""
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
    domains = domain_keys()
    year = result.full_operation_year
    sums = area_sums(_blocks(counted, codes), domains, len(codes), years, year, counted.carry_forward)
    extra, beds, per_case = _beds(counted, codes, years, year)
    contributors = []
    for n, demand in zip(sums.owners.tolist(), sums.owner_demand.tolist(), strict=True):
        c = counted.cases[n]
        contributors.append(
            Contributor(
                reference=c.reference,
                title=c.title,
                business_name=c.business_name,
                status=c.status,
                host_municipality=c.host_municipality,
                start_year=c.start_year,
                last_year=c.last_year,
                demand=dict(zip(domains, demand, strict=True)),
            )
        )
    for contributor in contributors:
        contributor.demand["housing_flex"] += per_case.get(contributor.reference, 0.0)
    contributors.sort(key=lambda x: (-sum(x.demand.values()), x.reference))
    return assemble(
        result,
        case,
        sums.other + extra,
        contributors,
        counted_statuses=tuple(counted.counted_statuses),
        carry_forward=counted.carry_forward,
        counted=counted,
        employer_beds=beds,
    )


def assemble(
    result: Assessment,
    case: Case,
    other: np.ndarray,
    contributors: list[Contributor],
    *,
    counted_statuses: tuple[str, ...],
    carry_forward: bool,
    counted: CountedCases | None = None,
    employer_beds: EmployerBedsCount | None = None,
) -> Cumulative:
    """Pressure and status without and with the case, per domain, municipality and year
    (the same ``pressure_status`` and verdict rule as a single assessment): the last step
    of both the register's view (``ber.register.cumulative``) and the replay."""
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
    # the capacity map's colour at the site is the lowest status of its energy cell, with and
    # without the case (the grid's state there), as in the single assessment
    site = result.site
    floor = status_floors(case, site.name, site.host_municipality, codes)[:, :, None]
    s_without = np.where(s_without == Status.GREY, s_without, np.maximum(s_without, floor))
    s_with = np.where(s_with == Status.GREY, s_with, np.maximum(s_with, floor))

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
        counted_statuses=counted_statuses,
        carry_forward=carry_forward,
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
