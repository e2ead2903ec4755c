"""Plain typed records the register returns (no database objects leak out)."""

from __future__ import annotations

import datetime as dt
import json
import math
from dataclasses import dataclass, field
from typing import Any

from ber.case.model import Case, parse_case
from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.register.schema import CASE_STATUSES
from ber.texts.labels import CASE_STATUS_LABELS
from ber.texts.messages import InputError, Lang, Problem


@dataclass(frozen=True)
class Summary:
    """One line of the register listing."""

    reference: str
    title: str
    business_name: str
    sector: str
    host_municipality: str
    host_name: str
    status: str
    received: dt.date | None
    decided: dt.date | None
    officer: str
    start_year: int
    last_year: int
    full_operation_year: int
    jobs: float | None
    residents: float | None
    #: regional verdict of the case's own run: domain -> green|amber|red|grey
    verdict: dict[str, str]
    version: int
    updated_at: dt.datetime
    updated_by: str

    def status_label(self, lang: Lang = "nl") -> str:
        return CASE_STATUS_LABELS[self.status][lang]

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            out[key] = value.isoformat() if isinstance(value, dt.date | dt.datetime) else value
        return out


@dataclass(frozen=True)
class DemandRow:
    """Stored result of a case's own run for one domain, municipality and year."""

    domain: str
    municipality: str
    year: int
    demand: float
    capacity: float | None
    pressure: float | None
    status: str
    is_last: bool = False


@dataclass(frozen=True)
class RegisteredCase:
    """A registered case with its file, result summary and bookkeeping."""

    summary: Summary
    case_json: str
    case_sha256: str
    reference_version: str
    app_version: str
    created_at: dt.datetime
    demand: list[DemandRow] = field(default_factory=list)

    @property
    def reference(self) -> str:
        return self.summary.reference

    @property
    def version(self) -> int:
        return self.summary.version

    @property
    def status(self) -> str:
        return self.summary.status

    def case(self) -> Case:
        """The stored case file as a :class:`Case` (validated like a file on disk)."""
        return parse_case(json.loads(self.case_json), f"register:{self.reference}")


@dataclass(frozen=True)
class HistoryEntry:
    """One entry of the audit trail (nothing is ever deleted)."""

    event: str  # registered | status | case_updated
    old_status: str | None
    new_status: str
    #: on PostgreSQL the database login that wrote the entry; on SQLite the typed name
    who: str
    at: dt.datetime
    why: str
    version: int
    #: the name the officer typed (may differ from the login on PostgreSQL)
    who_name: str = ""

    @property
    def display_who(self) -> str:
        """``who`` with the typed name beside it when they differ: ``"M. de Vries (desk_mdv)"``."""
        if self.who_name and self.who_name != self.who:
            return f"{self.who_name} ({self.who})"
        return self.who

    def to_dict(self) -> dict[str, Any]:
        out = dict(self.__dict__)
        out["at"] = self.at.isoformat()
        return out


def check_status(status: str, field_name: str = "status") -> str:
    """The status code for a code or a Dutch/English label; InputError otherwise."""
    value = status.strip().lower().replace("-", "_")
    if value in CASE_STATUSES:
        return value
    for code, labels in CASE_STATUS_LABELS.items():
        if value.replace("_", " ") in (labels["nl"], labels["en"]):
            return code
    raise InputError(
        [
            Problem(
                "field.choice",
                field_name,
                {"value": repr(status), "choices": ", ".join(CASE_STATUSES)},
            )
        ]
    )


def demand_rows(result: Assessment) -> list[DemandRow]:
    """The result summary to store: every domain, municipality and year with demand > 0.

    Rows without demand are left out (they add nothing to a cumulative sum and a
    region of 10 municipalities x 6 domains x 10 years would otherwise store many
    zeros); ``is_last`` marks the last assessed year, the case's steady state.
    """
    rows: list[DemandRow] = []
    last = len(result.years) - 1
    for m in result.municipalities:
        for dom in domain_keys():
            d = m.domains[dom]
            for i, year in enumerate(result.years):
                value = float(d.demand_per_year[i])
                if not value > 0.0 or not math.isfinite(value):
                    continue
                pressure = d.pressure_per_year[i] if i < len(d.pressure_per_year) else None
                rows.append(
                    DemandRow(
                        domain=dom,
                        municipality=m.code,
                        year=int(year),
                        demand=value,
                        capacity=d.capacity,
                        pressure=pressure,
                        status=d.status_per_year[i],
                        is_last=i == last,
                    )
                )
    return rows
