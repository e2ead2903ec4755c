"""Connecting to a register: URL resolution, password masking, SQLite setup, migrations.

The URL comes from the caller (command line ``--url``, GUI preferences), else the
environment variable ``BER_REGISTER_URL``, else a SQLite file in the user data
folder. Passwords never reach logs or messages: every URL shown is masked with
:func:`mask_url`, and error texts are scrubbed of the password.
"""

from __future__ import annotations

import logging
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, IntegrityError, SQLAlchemyError

from ber.texts.messages import InputError, Problem

ENV_URL = "BER_REGISTER_URL"
SQLITE_NAME = "register.sqlite"
MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
#: PostgreSQL advisory lock key held while migrating (any constant; "BERR" in ASCII)
_PG_MIGRATION_LOCK = 0x42455252

log = logging.getLogger("ber.register")


def default_url() -> str:
    """The SQLite file in the user data folder."""
    from ber.io.paths import user_data_dir

    return f"sqlite:///{user_data_dir() / SQLITE_NAME}"


def resolve_url(url: str | None) -> str:
    """The URL to use: the argument, else ``BER_REGISTER_URL``, else the SQLite default."""
    if url:
        return url
    env = os.environ.get(ENV_URL, "").strip()
    return env or default_url()


def mask_url(url: str | URL) -> str:
    """The URL with its password replaced by ``***`` (safe for logs and messages)."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return re.sub(r"://([^:/@]*):[^@]*@", r"://\1:***@", str(url))
    return parsed.render_as_string(hide_password=True)


def scrub(text: str, url: str | URL) -> str:
    """Remove the password of ``url`` from an error text."""
    try:
        parsed = make_url(url) if isinstance(url, str) else url
        password = parsed.password
    except ArgumentError:
        password = None
    if password:
        text = text.replace(str(password), "***")
    return re.sub(r"(password\s*=\s*)\S+", r"\1***", text, flags=re.IGNORECASE)


def _parse(url: str) -> URL:
    try:
        parsed = make_url(url)
    except ArgumentError:
        raise InputError([Problem("register.bad_url", params={"url": mask_url(url)})]) from None
    backend = parsed.get_backend_name()
    if backend not in ("sqlite", "postgresql"):
        raise InputError([Problem("register.bad_url", params={"url": mask_url(parsed)})])
    if backend == "postgresql" and parsed.drivername == "postgresql":
        parsed = parsed.set(drivername="postgresql+psycopg")
    return parsed


def _sqlite_setup(engine: Engine) -> None:
    """Foreign keys on, WAL journal, and real transactions (BEGIN / BEGIN IMMEDIATE).

    pysqlite's own transaction handling does not wrap DDL and starts write
    transactions late; SQLAlchemy's documented recipe hands control to us instead.
    Write transactions start with BEGIN IMMEDIATE so two writers queue on the
    busy timeout instead of failing on a lock upgrade.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute("PRAGMA busy_timeout = 30000")
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("ber_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")


def create_register_engine(url: str) -> Engine:
    """An engine for a register URL (no connection is made yet)."""
    parsed = _parse(url)
    if parsed.get_backend_name() == "sqlite":
        if parsed.database and parsed.database != ":memory:":
            Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(parsed, connect_args={"timeout": 30})
        _sqlite_setup(engine)
        return engine
    return create_engine(parsed, pool_pre_ping=True, connect_args={"connect_timeout": 10})


def server_params(url: str | URL) -> dict[str, str]:
    """Host, port, database and user of a register URL, for messages (never the password).

    Parts missing from the URL are the PostgreSQL client's defaults (``PGHOST``,
    ``PGUSER``... or the login name), as shown here.
    """
    try:
        parsed = make_url(url) if isinstance(url, str) else url
    except ArgumentError:
        return {"host": "?", "port": "?", "database": "?", "user": "?"}
    query = {k: v if isinstance(v, str) else v[0] for k, v in parsed.query.items()}
    user = parsed.username or query.get("user") or os.environ.get("PGUSER") or _login_name()
    return {
        "host": parsed.host or query.get("host") or os.environ.get("PGHOST") or "localhost",
        "port": str(parsed.port or query.get("port") or os.environ.get("PGPORT") or 5432),
        "database": parsed.database or os.environ.get("PGDATABASE") or user,
        "user": user,
    }


def _login_name() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def _sqlstate(exc: BaseException) -> str:
    return str(getattr(getattr(exc, "orig", None), "sqlstate", "") or "")


@contextmanager
def translate_errors(url: str | URL) -> Iterator[None]:
    """Turn database errors into an InputError naming the register (masked URL; on
    PostgreSQL host, database and user too, never the password)."""
    try:
        yield
    except IntegrityError:
        raise  # a broken constraint is the caller's to explain (e.g. a duplicate reference)
    except SQLAlchemyError as exc:
        reason = scrub(str(getattr(exc, "orig", None) or exc).strip().splitlines()[0], url)
        params = {"url": mask_url(url), "reason": reason}
        if mask_url(url).startswith("postgresql"):
            params |= server_params(url)
            state = _sqlstate(exc)
            # 42501 insufficient_privilege; other 42xxx are no-table/no-schema errors of a
            # register that was never set up; connection failures carry no SQLSTATE
            code = "register.denied" if state == "42501" else "register.unreachable_pg"
            raise InputError([Problem(code, params=params)]) from None
        raise InputError([Problem("register.unreachable", params=params)]) from None


def _alembic_config(
    conn: Connection, revision_target: str, progress: Callable[[int, int], None] | None = None
) -> Any:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS_DIR))
    cfg.attributes["connection"] = conn
    cfg.attributes["target"] = revision_target
    cfg.attributes["progress"] = progress
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None, "head")  # type: ignore[arg-type]
    head = ScriptDirectory.from_config(cfg).get_current_head()
    assert head is not None
    return head


def known_revisions() -> set[str]:
    from alembic.script import ScriptDirectory

    cfg = _alembic_config(None, "head")  # type: ignore[arg-type]
    return {rev.revision for rev in ScriptDirectory.from_config(cfg).walk_revisions()}


def current_revision(conn: Connection) -> str | None:
    from alembic.runtime.migration import MigrationContext

    return MigrationContext.configure(conn).get_current_revision()


def upgrade(engine: Engine, target: str = "head", progress: Callable[[int, int], None] | None = None) -> None:
    """Bring the register's schema to ``target`` (alembic upgrade, config built in code).

    All revisions run in one transaction: when one fails, nothing is changed.
    ``progress(done, total)`` is called while revisions 0004 and 0006 convert the cases.
    """
    from alembic import command

    with engine.connect() as probe:
        current = current_revision(probe)
    if target == "head" and current == head_revision():
        return
    if current is not None and current not in known_revisions():
        # made by a newer BER-desk (a colleague in the region updated first)
        raise InputError(
            [Problem("register.newer_schema", params={"url": mask_url(engine.url), "revision": current})]
        )
    with engine.connect().execution_options(ber_write=True) as conn:
        if conn.dialect.name == "postgresql":
            _check_may_migrate(conn, engine.url, current)
            conn.exec_driver_sql(f"SELECT pg_advisory_lock({_PG_MIGRATION_LOCK})")
        try:
            command.upgrade(_alembic_config(conn, target, progress), target)
            conn.commit()
        finally:
            if conn.dialect.name == "postgresql":
                conn.rollback()
                conn.exec_driver_sql(f"SELECT pg_advisory_unlock({_PG_MIGRATION_LOCK})")
                conn.commit()
    if engine.dialect.name == "sqlite" and current in ("0001", "0002", "0003", "0004", "0005"):
        _vacuum(engine)  # the old demand rows were dropped (0004) or rebuilt (0006): give the space back
    log.info("register schema at %s", target)


def _vacuum(engine: Engine) -> None:
    """Compact a SQLite register (VACUUM runs outside a transaction: the raw connection)."""
    raw = engine.raw_connection()
    try:
        raw.driver_connection.execute("VACUUM")  # type: ignore[union-attr]
    finally:
        raw.close()


def _check_may_migrate(conn: Connection, url: URL, current: str | None) -> None:
    """A desk role (no CREATE on the register's schema) cannot migrate: say who can."""
    may = conn.exec_driver_sql(
        "SELECT current_schema() IS NOT NULL AND has_schema_privilege(current_schema(), 'CREATE')"
    ).scalar()
    conn.rollback()
    if not may:
        raise InputError(
            [
                Problem(
                    "register.needs_owner",
                    params=server_params(url)
                    | {"url": mask_url(url), "revision": current or "-", "head": head_revision()},
                )
            ]
        )
