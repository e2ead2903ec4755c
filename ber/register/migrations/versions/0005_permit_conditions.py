"""Permit conditions (vergunningvoorschriften) of granted cases, with an append-only audit.

All backends: the tables ``permit_condition`` (one row per condition: case, kind,
municipality and beds of employer beds, due date, status open/delivered/waived, note,
version, created/updated) and ``permit_condition_history`` (every change, who, when,
what), see ``ber/register/condition_schema.py``.

PostgreSQL only, as revision 0003 does for the cases: the condition audit is
append-only and its "who" is set by the server to ``session_user``; a condition is
never deleted (it is waived instead). Triggers refuse those operations for every role,
and every role other than the owner loses the privileges (desks keep SELECT, INSERT
and UPDATE on the conditions: they record and follow them up).

Revision ID: 0005
Revises: 0004
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

_TRIGGERS = """
CREATE TRIGGER permit_condition_history_append_only
    BEFORE UPDATE OR DELETE OR TRUNCATE ON permit_condition_history
    FOR EACH STATEMENT EXECUTE FUNCTION ber_refuse_change('the audit trail is append-only');
CREATE TRIGGER permit_condition_history_who BEFORE INSERT ON permit_condition_history
    FOR EACH ROW EXECUTE FUNCTION ber_history_who();
CREATE TRIGGER permit_condition_never_deleted BEFORE DELETE OR TRUNCATE ON permit_condition
    FOR EACH STATEMENT EXECUTE FUNCTION ber_refuse_change('waive a condition instead');
"""

#: privileges no role but the owner keeps: (table, privileges)
_REVOKED = (
    ("permit_condition_history", "UPDATE, DELETE, TRUNCATE"),
    ("permit_condition", "DELETE, TRUNCATE"),
)

_REVOKE_FROM_GRANTEES = """
DO $$
DECLARE
    g record;
BEGIN
    FOR g IN
        SELECT DISTINCT a.grantee
        FROM pg_class c, aclexplode(c.relacl) a
        WHERE c.oid = to_regclass('{table}') AND a.grantee <> c.relowner
    LOOP
        IF g.grantee = 0 THEN
            EXECUTE 'REVOKE {privileges} ON {table} FROM PUBLIC';
        ELSE
            EXECUTE format('REVOKE {privileges} ON {table} FROM %I', g.grantee::regrole::text);
        END IF;
    END LOOP;
END
$$;
"""


def upgrade() -> None:
    op.create_table(
        "permit_condition",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.String(24), nullable=False),
        sa.Column("municipality", sa.String(16), nullable=True),
        sa.Column("beds", sa.Integer, nullable=True),
        sa.Column("due_date", sa.Date, nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("delivered_on", sa.Date, nullable=True),
        sa.Column("note", sa.Text, nullable=False, server_default=""),
        sa.Column("version", sa.Integer, nullable=False, server_default="1"),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False, server_default=""),
        sa.CheckConstraint(
            "kind IN ('employer_beds', 'certified_agency', 'snf_housing', 'shuttle_service')",
            name="ck_permit_condition_kind",
        ),
        sa.CheckConstraint("status IN ('open', 'delivered', 'waived')", name="ck_permit_condition_status"),
        sa.CheckConstraint(
            "kind <> 'employer_beds' OR (beds IS NOT NULL AND beds > 0 AND municipality IS NOT NULL)",
            name="ck_permit_condition_beds",
        ),
        sa.CheckConstraint("version >= 1", name="ck_permit_condition_version"),
    )
    op.create_index("ix_permit_condition_case", "permit_condition", ["case_id"])
    op.create_index("ix_permit_condition_due", "permit_condition", ["status", "due_date"])
    op.create_table(
        "permit_condition_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column(
            "condition_id",
            sa.Integer,
            sa.ForeignKey("permit_condition.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("old_status", sa.String(16), nullable=True),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("who_name", sa.String(200), nullable=False, server_default=""),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("what", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_permit_condition_history_cond", "permit_condition_history", ["condition_id", "id"])
    if op.get_bind().dialect.name != "postgresql":
        return
    # ber_refuse_change() and ber_history_who() were created by revision 0003
    op.execute(_TRIGGERS)
    for table, privileges in _REVOKED:
        op.execute(_REVOKE_FROM_GRANTEES.format(table=table, privileges=privileges))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table in (
            ("permit_condition_never_deleted", "permit_condition"),
            ("permit_condition_history_who", "permit_condition_history"),
            ("permit_condition_history_append_only", "permit_condition_history"),
        ):
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
    op.drop_index("ix_permit_condition_history_cond", table_name="permit_condition_history")
    op.drop_table("permit_condition_history")
    op.drop_index("ix_permit_condition_due", table_name="permit_condition")
    op.drop_index("ix_permit_condition_case", table_name="permit_condition")
    op.drop_table("permit_condition")
