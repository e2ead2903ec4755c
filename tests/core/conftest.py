"""Fixtures of the core tests: a real PostgreSQL server for the register suite.

``register_url`` is parametrised over SQLite and PostgreSQL, so every register
test runs on both backends. PostgreSQL is ``BER_TEST_PG_URL`` when set (a superuser
on a disposable server), else a throwaway cluster started on 127.0.0.1 from the
installed server binaries (``tests/pgserver.py``), stopped and removed at the end of
the session.

On that server the session runs the administrator's set-up from
``docs/register.md`` (its SQL blocks, verbatim): roles ``ber_owner`` (owns the
schema, runs the migrations), ``ber_desk`` (group) and the login ``desk_jansen``,
database ``ber_register``. Every test then gets its own schema, owned by
``ber_owner`` with the desk privileges of step 2, migrated to head by the owner;
``register_url`` connects as ``desk_jansen``, who is not a superuser.

When PostgreSQL cannot be started or reached: in CI (environment variable
``CI`` set) the tests FAIL; elsewhere they are skipped with a message saying so.
"""

from __future__ import annotations

import os
import re
import secrets
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from pgserver import PgRegister, dba_steps, run_sql


def _unavailable(reason: str) -> None:
    text = f"PostgreSQL not available: {reason}"
    if os.environ.get("CI"):
        pytest.fail(text + " (CI is set: the PostgreSQL register tests must run, so this fails)")
    pytest.skip(text + " (skipped outside CI; set CI=1 to make this a failure)")


@pytest.fixture(scope="session")
def pg_server_url() -> Iterator[str]:
    """URL of a PostgreSQL superuser for the whole session (contains a password)."""
    external = os.environ.get("BER_TEST_PG_URL")
    if external:
        yield external
        return
    from pgserver import PostgresUnavailable, TempPostgres

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


@pytest.fixture(scope="session")
def pg_register(pg_server_url: str) -> PgRegister:
    """The administrator's set-up of docs/register.md, run once on the test server."""
    setup = PgRegister(pg_server_url, secrets.token_urlsafe(12), secrets.token_urlsafe(12))
    try:
        for _step, database, sql in dba_steps():
            run_sql(setup.superuser_in(database), sql)
        # psql's \password in the doc; here in SQL (the test server's log is thrown away)
        run_sql(
            setup.superuser_in("postgres"),
            f"ALTER ROLE ber_owner PASSWORD '{setup.owner_password}';"
            f"ALTER ROLE desk_jansen PASSWORD '{setup.desk_password}'",
        )
    except Exception as exc:
        _unavailable(f"the set-up of docs/register.md failed ({type(exc).__name__}: {exc})")
    return setup


@pytest.fixture
def pg_schema(pg_register: PgRegister) -> Iterator[str]:
    """A fresh, empty schema set up as step 2 of docs/register.md (dropped afterwards)."""
    schema = "t_" + uuid.uuid4().hex[:12]
    step2 = next(sql for step, _db, sql in dba_steps() if step == 2)
    run_sql(pg_register.superuser_in("ber_register"), re.sub(r"\bber\b", schema, step2))
    try:
        yield schema
    finally:
        run_sql(pg_register.superuser_in("ber_register"), f'DROP SCHEMA "{schema}" CASCADE')


@pytest.fixture
def pg_url(pg_register: PgRegister, pg_schema: str) -> str:
    """A register migrated to head by the owner, opened as the desk role (not a superuser)."""
    from ber.register import Register

    Register.open(pg_register.owner(pg_schema)).close()
    return pg_register.desk(pg_schema)


@pytest.fixture(params=["sqlite", "postgresql"])
def register_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty register, on SQLite and on PostgreSQL (as the desk role)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite'}"
    url: str = request.getfixturevalue("pg_url")
    return url


@pytest.fixture(params=["sqlite", "postgresql"])
def owner_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """An empty, unmigrated register that the connecting role owns (for migration tests)."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'register.sqlite'}"
    setup: PgRegister = request.getfixturevalue("pg_register")
    schema: str = request.getfixturevalue("pg_schema")
    return setup.owner(schema)
