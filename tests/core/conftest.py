"""Fixtures of the core tests: a real PostgreSQL server for the register suite.

``register_url`` is parametrised over SQLite and PostgreSQL, so every register
test runs on both backends. PostgreSQL is ``BER_TEST_PG_URL`` when set (a
database the tests may create schemas in), else a throwaway cluster started on
127.0.0.1 from the installed server binaries (``ber.register.pgtemp``), stopped
and removed at the end of the session.

When PostgreSQL cannot be started or reached: in CI (environment variable
``CI`` set) the tests FAIL; elsewhere they are skipped with a message saying so.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest


def _unavailable(reason: str) -> None:
    text = f"PostgreSQL not available: {reason}"
    if os.environ.get("CI"):
        pytest.fail(text + " (CI is set: the PostgreSQL register tests must run, so this fails)")
    pytest.skip(text + " (skipped outside CI; set CI=1 to make this a failure)")


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a PostgreSQL database for the whole session (contains a password)."""
    external = os.environ.get("BER_TEST_PG_URL")
    if external:
        yield external
        return
    from ber.register.pgtemp import PostgresUnavailable, TempPostgres

    server = TempPostgres()
    try:
        server.start()
    except (PostgresUnavailable, OSError) as exc:
        server.stop()
        _unavailable(str(exc))
    try:
        yield server.url
    finally:
        server.stop()


@pytest.fixture
def pg_url(pg_server_url: str) -> Iterator[str]:
    """A fresh, empty schema in the session's PostgreSQL database (dropped afterwards)."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    schema = "t_" + uuid.uuid4().hex[:12]
    base = make_url(pg_server_url)
    if base.drivername == "postgresql":
        base = base.set(drivername="postgresql+psycopg")
    admin = create_engine(base)
    try:
        with admin.begin() as conn:
            conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    except Exception as exc:
        admin.dispose()
        _unavailable(f"cannot create a schema ({type(exc).__name__})")
    url = base.update_query_dict({"options": f"-csearch_path={schema}"})
    try:
        yield url.render_as_string(hide_password=False)
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty register, on SQLite and on PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite'}"
    url: str = request.getfixturevalue("pg_url")
    return url
