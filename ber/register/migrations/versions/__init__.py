"""Alembic revisions, oldest first: 0001 initial tables, 0002 audit trail and indexes."""
