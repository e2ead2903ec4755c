"""The register's tables (SQLAlchemy Core) and the case status vocabulary.

These definitions describe the schema at the newest migration (``head``); the
migrations in ``ber/register/migrations/versions`` create it step by step and
must be kept in step with this module (a test compares them).
"""

from __future__ import annotations

import json
from typing import Any

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    SmallInteger,
    String,
    Table,
    Text,
    TypeDecorator,
    UniqueConstraint,
)
from sqlalchemy.dialects.postgresql import JSONB
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeEngine

#: status codes of a registered case, in procedure order
CASE_STATUSES: tuple[str, ...] = ("in_procedure", "granted", "refused", "withdrawn")
#: statuses whose demand counts in the cumulative assessment
COUNTED_STATUSES: tuple[str, ...] = ("in_procedure", "granted")


_STATUS_CHECK = "status IN ('in_procedure', 'granted', 'refused', 'withdrawn')"


class JSONDocument(TypeDecorator[str]):
    """A JSON document held as text by the register's code: ``jsonb`` on PostgreSQL
    (revision 0003; queryable, validated by the server), ``TEXT`` on SQLite.

    Values go in and come out as JSON text; on PostgreSQL the text read back is
    canonical (sorted keys, no spaces), which is how BER-desk writes it too.
    """

    impl = Text
    cache_ok = True

    def load_dialect_impl(self, dialect: Dialect) -> TypeEngine[Any]:
        if dialect.name == "postgresql":
            return dialect.type_descriptor(JSONB())
        return dialect.type_descriptor(Text())

    def process_bind_param(self, value: str | None, dialect: Dialect) -> Any:
        if value is not None and dialect.name == "postgresql":
            return json.loads(value)
        return value

    def process_result_value(self, value: Any, dialect: Dialect) -> str | None:
        if value is None or dialect.name != "postgresql":
            return None if value is None else str(value)
        return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


metadata = MetaData()

cases = Table(
    "cases",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("reference", String(64), nullable=False, unique=True),
    Column("title", String(300), nullable=False, default=""),
    Column("business_name", String(300), nullable=False, default=""),
    Column("sector", String(64), nullable=False, default=""),
    Column("host_municipality", String(16), nullable=False, default=""),
    Column("host_name", String(120), nullable=False, default=""),
    Column("status", String(16), nullable=False),
    Column("received", Date, nullable=True),
    Column("decided", Date, nullable=True),
    Column("officer", String(200), nullable=False, default=""),
    Column("start_year", Integer, nullable=False),
    Column("last_year", Integer, nullable=False),
    Column("full_operation_year", Integer, nullable=False),
    Column("jobs", Float, nullable=True),
    Column("residents", Float, nullable=True),
    Column("verdict_json", JSONDocument, nullable=False, default="{}"),
    Column("reference_version", String(64), nullable=False, default=""),
    Column("app_version", String(32), nullable=False, default=""),
    Column("version", Integer, nullable=False, default=1),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(200), nullable=False, default=""),
    Column("case_sha256", String(64), nullable=False),
    CheckConstraint(_STATUS_CHECK, name="ck_cases_status"),
    CheckConstraint("version >= 1", name="ck_cases_version"),
)

#: the case file itself, apart from ``cases`` so that listing reads small rows only
case_files = Table(
    "case_files",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("case_json", JSONDocument, nullable=False),
)

#: the compact store (revisions 0004 and 0006, ``ber/register/area.py``): per case and
#: municipality with demand, the demand over the case's years as float32 (the
#: municipality's domains x the years up to its steady state) behind a small header;
#: clustered by municipality (SQLite WITHOUT ROWID) for the cumulative query
case_area = Table(
    "case_area",
    metadata,
    Column("municipality", String(16), primary_key=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    #: copy of cases.status, kept in step in the same transaction by every status change
    Column("case_status", String(16), nullable=False),
    Column("first_year", Integer, nullable=False),
    #: the layout id of the header (revision 0006): a layout fixes the row's length, so
    #: PostgreSQL joins each municipality's rows per layout into one value
    Column("layout", SmallInteger, nullable=False),
    Column("demand", LargeBinary, nullable=False),
    sqlite_with_rowid=False,
)

#: what a ``case_area`` body holds (revision 0006): its domains in order, the years
#: stored and the case's years (a layout id is in every header)
area_layouts = Table(
    "area_layouts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=False),
    Column("domains", String(600), nullable=False),
    Column("stored_years", Integer, nullable=False),
    Column("years", Integer, nullable=False),
    UniqueConstraint("domains", "stored_years", "years", name="uq_area_layouts_shape"),
)

#: the case's own run besides its demand (capacity, pressure, status), zlib-compressed JSON
case_results = Table(
    "case_results",
    metadata,
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
    Column("result_z", LargeBinary, nullable=False),
)

status_history = Table(
    "status_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("event", String(16), nullable=False),
    Column("old_status", String(16), nullable=True),
    Column("new_status", String(16), nullable=False),
    #: who recorded the entry: on PostgreSQL the database session user, set by the server
    #: (revision 0003 trigger; a desk cannot write another name), on SQLite the typed name
    Column("who", String(200), nullable=False),
    #: the name the officer typed (display name; revision 0003)
    Column("who_name", String(200), nullable=False, server_default=""),
    Column("at", DateTime(timezone=True), nullable=False),
    Column("why", Text, nullable=False),
    Column("version", Integer, nullable=False),
)

# indexes (revision 0002; 0004 for case_area)
Index("ix_case_area_case", case_area.c.case_id)
Index("ix_cases_status", cases.c.status)
Index("ix_cases_host", cases.c.host_municipality)
Index("ix_cases_sector", cases.c.sector)
Index("ix_cases_received", cases.c.received)
Index("ix_status_history_case", status_history.c.case_id, status_history.c.id)

# the permit conditions' tables (revision 0005) live in their own module; importing it
# here puts them in ``metadata`` whoever imports the schema (migrations, comparison test)
from ber.register import condition_schema as _condition_schema  # noqa: E402,F401
