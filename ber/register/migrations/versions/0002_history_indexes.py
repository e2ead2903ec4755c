"""Audit trail, the case status on the demand rows, and indexes for listing and the cumulative query.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "status_history",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), nullable=False),
        sa.Column("event", sa.String(16), nullable=False),
        sa.Column("old_status", sa.String(16), nullable=True),
        sa.Column("new_status", sa.String(16), nullable=False),
        sa.Column("who", sa.String(200), nullable=False),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("why", sa.Text, nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
    )
    op.create_index("ix_status_history_case", "status_history", ["case_id", "id"])
    # the case's status copied onto its demand rows: the cumulative sum then reads one
    # covering index without a join (kept in step by every status change)
    with op.batch_alter_table("case_demand") as batch:
        batch.add_column(
            sa.Column("case_status", sa.String(16), nullable=False, server_default="in_procedure")
        )
    op.execute(
        "UPDATE case_demand SET case_status = (SELECT status FROM cases WHERE cases.id = case_demand.case_id)"
    )
    op.create_index(
        "ix_case_demand_area",
        "case_demand",
        ["municipality", "domain", "year", "case_status", "case_id", "demand", "is_last"],
    )
    op.create_index("ix_cases_status", "cases", ["status"])
    op.create_index("ix_cases_host", "cases", ["host_municipality"])
    op.create_index("ix_cases_sector", "cases", ["sector"])
    op.create_index("ix_cases_received", "cases", ["received"])
    # cases registered before this revision get their registration as first history entry
    op.execute(
        "INSERT INTO status_history (case_id, event, old_status, new_status, who, at, why, version) "
        "SELECT id, 'registered', NULL, status, updated_by, created_at, '', version FROM cases"
    )


def downgrade() -> None:
    for name, table in (
        ("ix_cases_received", "cases"),
        ("ix_cases_sector", "cases"),
        ("ix_cases_host", "cases"),
        ("ix_cases_status", "cases"),
        ("ix_case_demand_area", "case_demand"),
    ):
        op.drop_index(name, table_name=table)
    with op.batch_alter_table("case_demand") as batch:
        batch.drop_column("case_status")
    op.drop_table("status_history")
