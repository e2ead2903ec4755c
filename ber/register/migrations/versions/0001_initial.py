"""Initial register: cases, their files, and their demand per domain, municipality and year.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cases",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        sa.Column("reference", sa.String(64), nullable=False, unique=True),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("business_name", sa.String(300), nullable=False),
        sa.Column("sector", sa.String(64), nullable=False),
        sa.Column("host_municipality", sa.String(16), nullable=False),
        sa.Column("host_name", sa.String(120), nullable=False),
        sa.Column("status", sa.String(16), nullable=False),
        sa.Column("received", sa.Date, nullable=True),
        sa.Column("decided", sa.Date, nullable=True),
        sa.Column("officer", sa.String(200), nullable=False),
        sa.Column("start_year", sa.Integer, nullable=False),
        sa.Column("last_year", sa.Integer, nullable=False),
        sa.Column("full_operation_year", sa.Integer, nullable=False),
        sa.Column("jobs", sa.Float, nullable=True),
        sa.Column("residents", sa.Float, nullable=True),
        sa.Column("verdict_json", sa.Text, nullable=False),
        sa.Column("reference_version", sa.String(64), nullable=False),
        sa.Column("app_version", sa.String(32), nullable=False),
        sa.Column("version", sa.Integer, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_by", sa.String(200), nullable=False),
        sa.Column("case_sha256", sa.String(64), nullable=False),
        sa.CheckConstraint(
            "status IN ('in_procedure', 'granted', 'refused', 'withdrawn')", name="ck_cases_status"
        ),
        sa.CheckConstraint("version >= 1", name="ck_cases_version"),
    )
    op.create_table(
        "case_files",
        sa.Column("case_id", sa.Integer, sa.ForeignKey("cases.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("case_json", sa.Text, nullable=False),
    )
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
    )


def downgrade() -> None:
    op.drop_table("case_demand")
    op.drop_table("case_files")
    op.drop_table("cases")
