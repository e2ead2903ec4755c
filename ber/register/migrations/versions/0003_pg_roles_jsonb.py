"""Typed display name in the audit; on PostgreSQL: jsonb, an append-only audit, no deleting cases.

All backends: ``status_history.who_name`` keeps the name the officer typed (copied
from ``who`` for existing rows).

PostgreSQL only (SQLite keeps TEXT and relies on the application):

* ``cases.verdict_json`` and ``case_files.case_json`` become ``jsonb``;
* ``status_history.who`` is set by the server to ``session_user`` on every insert,
  so the audit names the database login, not a typed name;
* the audit trail is append-only and cases are never deleted: triggers refuse
  UPDATE/DELETE/TRUNCATE of ``status_history`` and DELETE/TRUNCATE of ``cases`` and
  ``case_files`` for every role, and every role other than the owner loses those
  privileges (and write access to ``alembic_version``) if it had them, e.g. from the
  DBA's default privileges (``docs/register.md``).

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects.postgresql import JSONB

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

_FUNCTIONS = """
CREATE OR REPLACE FUNCTION ber_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'BER-desk register: % on % is not allowed (%)', TG_OP, TG_TABLE_NAME, TG_ARGV[0]
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE OR REPLACE FUNCTION ber_history_who() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    NEW.who := session_user;
    RETURN NEW;
END
$$;
"""

_TRIGGERS = """
CREATE TRIGGER status_history_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON status_history
    FOR EACH STATEMENT EXECUTE FUNCTION ber_refuse_change('the audit trail is append-only');
CREATE TRIGGER status_history_who BEFORE INSERT ON status_history
    FOR EACH ROW EXECUTE FUNCTION ber_history_who();
CREATE TRIGGER cases_never_deleted BEFORE DELETE OR TRUNCATE ON cases
    FOR EACH STATEMENT EXECUTE FUNCTION ber_refuse_change('withdraw a case instead');
CREATE TRIGGER case_files_never_deleted BEFORE DELETE OR TRUNCATE ON case_files
    FOR EACH STATEMENT EXECUTE FUNCTION ber_refuse_change('withdraw a case instead');
"""

#: privileges no role but the owner keeps: (table, privileges)
_REVOKED = (
    ("status_history", "UPDATE, DELETE, TRUNCATE"),
    ("cases", "DELETE, TRUNCATE"),
    ("case_files", "DELETE, TRUNCATE"),
    ("alembic_version", "INSERT, UPDATE, DELETE, TRUNCATE"),
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
    with op.batch_alter_table("status_history") as batch:
        batch.add_column(sa.Column("who_name", sa.String(200), nullable=False, server_default=""))
    op.execute("UPDATE status_history SET who_name = who")
    if op.get_bind().dialect.name != "postgresql":
        return
    op.alter_column(
        "cases",
        "verdict_json",
        type_=JSONB(),
        existing_nullable=False,
        postgresql_using="verdict_json::jsonb",
    )
    op.alter_column(
        "case_files", "case_json", type_=JSONB(), existing_nullable=False, postgresql_using="case_json::jsonb"
    )
    op.execute(_FUNCTIONS)
    op.execute(_TRIGGERS)
    for table, privileges in _REVOKED:
        op.execute(_REVOKE_FROM_GRANTEES.format(table=table, privileges=privileges))


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        for trigger, table in (
            ("case_files_never_deleted", "case_files"),
            ("cases_never_deleted", "cases"),
            ("status_history_who", "status_history"),
            ("status_history_append_only", "status_history"),
        ):
            op.execute(f"DROP TRIGGER {trigger} ON {table}")
        op.execute("DROP FUNCTION ber_history_who()")
        op.execute("DROP FUNCTION ber_refuse_change()")
        op.alter_column("case_files", "case_json", type_=sa.Text(), postgresql_using="case_json::text")
        op.alter_column("cases", "verdict_json", type_=sa.Text(), postgresql_using="verdict_json::text")
    with op.batch_alter_table("status_history") as batch:
        batch.drop_column("who_name")
