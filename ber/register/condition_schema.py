"""Tables of the permit conditions (vergunningvoorschriften) of granted cases (revision 0005).

Kept apart from ``schema.py`` (which imports this module at its end, so that the
tables belong to the register's ``metadata``): the conditions are followed up per
case, each with its own version (optimistic locking) and an append-only audit
trail like ``status_history``.
"""

from __future__ import annotations

from sqlalchemy import (
    CheckConstraint,
    Column,
    Date,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from ber.register.schema import metadata

#: kinds of permit condition, in the order the interface lists them
CONDITION_KINDS: tuple[str, ...] = ("employer_beds", "certified_agency", "snf_housing", "shuttle_service")
#: statuses stored in the register; "overdue" is derived (open and past its due date)
CONDITION_STATUSES: tuple[str, ...] = ("open", "delivered", "waived")

_KIND_CHECK = "kind IN ('employer_beds', 'certified_agency', 'snf_housing', 'shuttle_service')"
_STATUS_CHECK = "status IN ('open', 'delivered', 'waived')"
#: employer beds name the municipality and the number of beds (> 0)
_BEDS_CHECK = "kind <> 'employer_beds' OR (beds IS NOT NULL AND beds > 0 AND municipality IS NOT NULL)"

permit_condition = Table(
    "permit_condition",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("case_id", Integer, ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
    Column("kind", String(24), nullable=False),
    #: municipality (GM code) of the employer beds; other kinds may leave it empty
    Column("municipality", String(16), nullable=True),
    #: number of employer beds promised (employer_beds only)
    Column("beds", Integer, nullable=True),
    Column("due_date", Date, nullable=False),
    Column("status", String(16), nullable=False),
    #: the date the condition was delivered (status delivered)
    Column("delivered_on", Date, nullable=True),
    Column("note", Text, nullable=False, server_default=""),
    Column("version", Integer, nullable=False, server_default="1"),
    Column("created_at", DateTime(timezone=True), nullable=False),
    Column("updated_at", DateTime(timezone=True), nullable=False),
    Column("updated_by", String(200), nullable=False, server_default=""),
    CheckConstraint(_KIND_CHECK, name="ck_permit_condition_kind"),
    CheckConstraint(_STATUS_CHECK, name="ck_permit_condition_status"),
    CheckConstraint(_BEDS_CHECK, name="ck_permit_condition_beds"),
    CheckConstraint("version >= 1", name="ck_permit_condition_version"),
)

#: append-only audit of every change to a condition (like ``status_history``)
condition_history = Table(
    "permit_condition_history",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("condition_id", Integer, ForeignKey("permit_condition.id", ondelete="CASCADE"), nullable=False),
    Column("event", String(16), nullable=False),  # added | changed
    Column("old_status", String(16), nullable=True),
    Column("new_status", String(16), nullable=False),
    #: on PostgreSQL the database session user, set by the server (trigger); on SQLite the typed name
    Column("who", String(200), nullable=False),
    Column("who_name", String(200), nullable=False, server_default=""),
    Column("at", DateTime(timezone=True), nullable=False),
    #: what changed ("due_date 2027-01-01 -> 2027-03-01; status open -> delivered") and why
    Column("what", Text, nullable=False),
    Column("version", Integer, nullable=False),
)

Index("ix_permit_condition_case", permit_condition.c.case_id)
Index("ix_permit_condition_due", permit_condition.c.status, permit_condition.c.due_date)
Index("ix_permit_condition_history_cond", condition_history.c.condition_id, condition_history.c.id)
