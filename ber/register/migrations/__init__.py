"""Alembic migrations of the case register (run in code by ``ber.register.db``)."""
