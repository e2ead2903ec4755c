"""The compact store: demand per case and municipality as float32 (``case_area``).

Replaces ``case_demand`` (one row per domain, municipality and year) by
``case_area`` (one row per case and municipality, ``ber/register/area.py``),
``area_layouts`` and ``case_results``. Every case is converted: its demand goes
to ``case_area`` (float32) and its old rows, exactly as they were (float64 demand,
capacity, pressure, status, last-year flag), to ``case_results``, so nothing is
lost. Then ``case_demand`` is dropped.

One transaction: a row that cannot be converted (a demand that is not a number,
a year outside 1900-2200) stops the migration with a message naming the case
and the row, and the register stays at revision 0003, unchanged. Progress goes
to ``config.attributes["progress"]`` (fraction, cases done, cases in all) when
the caller passed one.

Revision ID: 0004
Revises: 0003
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import sqlalchemy as sa
from alembic import context, op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

#: the domains of 2026, layout 1 (a later domain gets a new layout)
DOMAINS_2026 = (
    "housing_flex",
    "housing_dwellings",
    "care_gp",
    "education_primary",
    "education_secondary",
    "transport_peak",
)


def _tables() -> None:
    op.create_table(
        "area_layouts",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=False),
        sa.Column("domains", sa.String(600), nullable=False, unique=True),
    )
    op.create_table(
        "case_area",
        sa.Column("municipality", sa.String(16), primary_key=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("case_status", sa.String(16), nullable=False),
        sa.Column("first_year", sa.Integer, nullable=False),
        sa.Column("demand", sa.LargeBinary, nullable=False),
        sqlite_with_rowid=False,
    )
    op.create_index("ix_case_area_case", "case_area", ["case_id"])
    op.create_table(
        "case_results",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("result_z", sa.LargeBinary, nullable=False),
    )


def _bad_row(reference: str, row: Any, value: Any) -> Exception:
    from ber.texts.messages import InputError, Problem

    return InputError(
        [
            Problem(
                "register.migration_bad_row",
                params={
                    "reference": reference,
                    "domain": str(row[1])[:40],
                    "municipality": str(row[2])[:20],
                    "year": str(row[3])[:20],
                    "value": repr(value)[:40],
                },
            )
        ]
    )


def _number(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(value)
    return float(value)


def _convert(
    case_id: int, reference: str, status: str, start: int, last: int, rows: Sequence[Any], domains: list[str]
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    from ber.register.area import encode_area, legacy_document
    from ber.register.records import DemandRow

    legacy = []
    years = []
    for row in rows:
        try:
            year = row[3]
            if isinstance(year, bool) or not isinstance(year, int) or not 1900 <= year <= 2200:
                raise ValueError(year)
            years.append(year)
            demand = _number(row[4])
            if demand is None or not math.isfinite(demand):
                raise ValueError(row[4])
            capacity, pressure = _number(row[5]), _number(row[6])
        except ValueError as exc:
            raise _bad_row(reference, row, exc.args[0]) from None
        legacy.append(
            DemandRow(
                str(row[1]), str(row[2]), int(year), demand, capacity, pressure, str(row[7]), bool(row[8])
            )
        )
    first = min([start, *years])
    n_years = max([last, *years]) - first + 1
    per_muni: dict[str, np.ndarray] = {}
    index = {d: i for i, d in enumerate(domains)}
    for r in legacy:
        grid = per_muni.setdefault(r.municipality, np.zeros((len(domains), n_years)))
        grid[index[r.domain], r.year - first] += max(r.demand, 0.0)
    area = []
    for code, values in per_muni.items():
        if (values.astype("<f4") > 0.0).any():
            area.append(
                {
                    "municipality": code,
                    "case_id": case_id,
                    "case_status": status,
                    "first_year": first,
                    "demand": encode_area(case_id, first, 1, values),
                }
            )
    return area, {"case_id": case_id, "result_z": legacy_document(legacy)}


def upgrade() -> None:
    _tables()
    bind = op.get_bind()
    progress: Callable[[int, int], None] | None = context.config.attributes.get("progress")
    layouts = sa.table("area_layouts", sa.column("id", sa.Integer), sa.column("domains", sa.String))
    area_t = sa.table(
        "case_area",
        sa.column("municipality", sa.String),
        sa.column("case_id", sa.Integer),
        sa.column("case_status", sa.String),
        sa.column("first_year", sa.Integer),
        sa.column("demand", sa.LargeBinary),
    )
    results_t = sa.table(
        "case_results", sa.column("case_id", sa.Integer), sa.column("result_z", sa.LargeBinary)
    )
    # layout 1: the domains of 2026, then any other domain found in the old rows
    found = {str(d) for (d,) in bind.execute(sa.text("SELECT DISTINCT domain FROM case_demand"))}
    domains = [*DOMAINS_2026, *sorted(found - set(DOMAINS_2026))]
    bind.execute(layouts.insert().values(id=1, domains=",".join(domains)))
    cases = bind.execute(
        sa.text("SELECT id, reference, status, start_year, last_year FROM cases ORDER BY id")
    ).all()
    total = len(cases)
    query = sa.text(
        "SELECT case_id, domain, municipality, year, demand, capacity, pressure, status, is_last "
        "FROM case_demand WHERE case_id = :id ORDER BY domain, municipality, year"
    )
    batch_area: list[dict[str, Any]] = []
    batch_results: list[dict[str, Any]] = []
    for n, (case_id, reference, status, start, last) in enumerate(cases, start=1):
        rows = bind.execute(query, {"id": case_id}).all()
        area, own = _convert(case_id, reference, status, int(start), int(last), rows, domains)
        batch_area += area
        batch_results.append(own)
        if len(batch_results) >= 200 or n == total:
            if batch_area:
                bind.execute(area_t.insert(), batch_area)
            bind.execute(results_t.insert(), batch_results)
            batch_area, batch_results = [], []
        if progress is not None and (n % 50 == 0 or n == total):
            progress(n, total)
    op.drop_index("ix_case_demand_area", table_name="case_demand")
    op.drop_table("case_demand")


def downgrade() -> None:
    """Back to ``case_demand`` (the rows as ``Register.get`` returns them)."""
    op.create_table(
        "case_demand",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("domain", sa.String(32), primary_key=True),
        sa.Column("municipality", sa.String(16), primary_key=True),
        sa.Column("year", sa.Integer, primary_key=True),
        sa.Column("demand", sa.Float, nullable=False),
        sa.Column("capacity", sa.Float, nullable=True),
        sa.Column("pressure", sa.Float, nullable=True),
        sa.Column("status", sa.String(8), nullable=False),
        sa.Column("is_last", sa.Boolean, nullable=False),
        sa.Column("case_status", sa.String(16), nullable=False, server_default="in_procedure"),
    )
    from ber.register.area import Layout, demand_rows_from_store

    bind = op.get_bind()
    layouts = {
        int(i): Layout(tuple(str(d).split(",")))
        for i, d in bind.execute(sa.text("SELECT id, domains FROM area_layouts"))
    }
    demand_t = sa.table(
        "case_demand",
        *(sa.column(c) for c in ("case_id", "domain", "municipality", "year", "demand", "capacity")),
        *(sa.column(c) for c in ("pressure", "status", "is_last", "case_status")),
    )
    for case_id, status, last in bind.execute(sa.text("SELECT id, status, last_year FROM cases")).all():
        area: dict[str, Any] = dict(
            bind.execute(
                sa.text("SELECT municipality, demand FROM case_area WHERE case_id = :id"), {"id": case_id}
            ).all()
        )
        own = bind.execute(
            sa.text("SELECT result_z FROM case_results WHERE case_id = :id"), {"id": case_id}
        ).scalar()
        rows = demand_rows_from_store(own, area, layouts, int(last))
        if rows:
            bind.execute(
                demand_t.insert(),
                [dict(case_id=case_id, case_status=status, **r.__dict__) for r in rows],
            )
    op.create_index(
        "ix_case_demand_area",
        "case_demand",
        ["municipality", "domain", "year", "case_status", "case_id", "demand", "is_last"],
    )
    op.drop_table("case_results")
    op.drop_table("case_area")
    op.drop_table("area_layouts")
