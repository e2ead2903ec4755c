"""Conversions between the register's rows and the typed records, and the conflict error.

Kept apart from ``store`` (the operations) to keep modules small.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Text, cast

from ber.case.model import Case
from ber.engine.result import Assessment
from ber.register.records import DemandRow, Summary
from ber.register.schema import cases
from ber.texts.messages import InputError, Problem


class ConflictError(InputError):
    """Someone else changed the case since it was read (optimistic locking)."""

    def __init__(self, reference: str, expected: int, current: int, who: str, at: dt.datetime) -> None:
        super().__init__(
            [
                Problem(
                    "register.conflict",
                    params={
                        "reference": reference,
                        "expected": expected,
                        "current": current,
                        "who": who or "?",
                        "at": at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S UTC"),
                    },
                )
            ]
        )
        self.reference = reference
        self.expected_version = expected
        self.current_version = current
        self.changed_by = who
        self.changed_at = at


def now_utc() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def aware(value: dt.datetime) -> dt.datetime:
    """SQLite returns naive datetimes; everything is stored in UTC."""
    return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)


SUMMARY_COLUMNS = (
    cases.c.reference,
    cases.c.title,
    cases.c.business_name,
    cases.c.sector,
    cases.c.host_municipality,
    cases.c.host_name,
    cases.c.status,
    cases.c.received,
    cases.c.decided,
    cases.c.officer,
    cases.c.start_year,
    cases.c.last_year,
    cases.c.full_operation_year,
    cases.c.jobs,
    cases.c.residents,
    # as plain text: jsonb's text form on PostgreSQL, parsed once per distinct verdict below
    cast(cases.c.verdict_json, Text).label("verdict_json"),
    cases.c.version,
    cases.c.updated_at,
    cases.c.updated_by,
)


@functools.lru_cache(maxsize=8192)
def _verdict(text: str) -> tuple[tuple[str, str], ...]:
    return tuple(json.loads(text).items())


def summary_from_row(row: Any) -> Summary:
    """A Summary from a row of ``SUMMARY_COLUMNS`` (positional: listing 10,000 rows is hot)."""
    return Summary(
        reference=row[0],
        title=row[1],
        business_name=row[2],
        sector=row[3],
        host_municipality=row[4],
        host_name=row[5],
        status=row[6],
        received=row[7],
        decided=row[8],
        officer=row[9],
        start_year=row[10],
        last_year=row[11],
        full_operation_year=row[12],
        jobs=row[13],
        residents=row[14],
        verdict=dict(_verdict(row[15])),
        version=row[16],
        updated_at=aware(row[17]),
        updated_by=row[18],
    )


def case_values(case: Case, result: Assessment) -> dict[str, Any]:
    """Columns derived from the case file and its result."""
    meta = case.meta
    return {
        "title": meta.title or case.business.name,
        "business_name": case.business.name,
        "sector": case.business.sector,
        "host_municipality": result.site.host_municipality,
        "host_name": result.site.host_name,
        "start_year": int(result.years[0]),
        "last_year": int(result.years[-1]),
        "full_operation_year": int(result.full_operation_year),
        "jobs": result.totals.value("jobs"),
        "residents": result.totals.value("residents"),
        "verdict_json": json.dumps({k: v.status for k, v in result.verdict.items()}),
        "reference_version": result.reference_version,
        "app_version": result.app_version,
        "case_sha256": case.sha256(),
    }


def case_file_json(case: Case) -> str:
    """The canonical case file (sorted keys, UTF-8): its SHA-256 is ``case.sha256()``."""
    return case.canonical_json().decode("utf-8")


def demand_params(case_id: int, rows: Sequence[DemandRow], status: str) -> list[dict[str, Any]]:
    return [
        {
            "case_id": case_id,
            "domain": r.domain,
            "municipality": r.municipality,
            "year": r.year,
            "demand": r.demand,
            "capacity": r.capacity,
            "pressure": r.pressure,
            "status": r.status,
            "is_last": r.is_last,
            "case_status": status,
        }
        for r in rows
    ]
