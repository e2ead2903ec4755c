"""A throwaway PostgreSQL server on loopback, for tests and benchmarks (not shipped).

Uses the server binaries of the installed PostgreSQL (Debian package
``postgresql``): ``initdb`` into a temporary folder, ``pg_ctl start`` on a free
port on 127.0.0.1 with password authentication, one database, and ``stop()``
removes everything. As root the binaries run as the ``postgres`` user (the
server refuses to run as root).
"""

from __future__ import annotations

import glob
import os
import re
import secrets
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "register.md"
_STEP = re.compile(r"^-- step (\d+) \(as superuser, in database (\w+)\)$")


class PostgresUnavailable(RuntimeError):
    """PostgreSQL could not be found or started (the message says why)."""


def find_bindir() -> Path:
    """Folder with initdb and pg_ctl: ``BER_PG_BINDIR``, else ``pg_config --bindir``, else the
    newest /usr/lib/postgresql/*/bin."""
    override = os.environ.get("BER_PG_BINDIR")
    if override:
        if (Path(override) / "initdb").exists() and (Path(override) / "pg_ctl").exists():
            return Path(override)
        raise PostgresUnavailable(f"BER_PG_BINDIR={override} has no initdb and pg_ctl")
    candidates: list[Path] = []
    pg_config = shutil.which("pg_config")
    if pg_config:
        try:
            out = subprocess.run([pg_config, "--bindir"], capture_output=True, text=True, timeout=10)
            candidates.append(Path(out.stdout.strip()))
        except (OSError, subprocess.SubprocessError):
            pass
    versions = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(Path(p).parent.name or 0), reverse=True
    )
    candidates += [Path(p) for p in versions]
    for c in candidates:
        if (c / "initdb").exists() and (c / "pg_ctl").exists():
            return c
    raise PostgresUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) found; install 'postgresql'")


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class TempPostgres:
    """``with TempPostgres() as pg: url = pg.url`` — a server that lives for the block."""

    def __init__(self, database: str = "ber_test", *, fsync: bool = True) -> None:
        self.database = database
        self.password = secrets.token_urlsafe(12)
        self.user = "postgres"
        self.port = 0
        self.fsync = fsync
        self.root: Path | None = None
        self.bindir: Path | None = None
        self._started = False

    # -- helpers -------------------------------------------------------------
    def _as_server_user(self, args: list[str]) -> list[str]:
        if os.geteuid() == 0:
            return ["runuser", "-u", "postgres", "--", *args]
        return args

    def _run(self, args: list[str], timeout: float = 120) -> None:
        proc = subprocess.run(
            self._as_server_user(args), capture_output=True, text=True, timeout=timeout, cwd="/"
        )
        if proc.returncode != 0:
            raise PostgresUnavailable(
                f"{Path(args[0]).name} failed ({proc.returncode}): {(proc.stderr or proc.stdout).strip()[-800:]}"
            )

    @property
    def url(self) -> str:
        """SQLAlchemy URL of the database (contains the password: do not log it)."""
        return f"postgresql+psycopg://{self.user}:{self.password}@127.0.0.1:{self.port}/{self.database}"

    # -- life cycle ----------------------------------------------------------
    def start(self) -> str:
        self.bindir = find_bindir()
        self.root = Path(tempfile.mkdtemp(prefix="ber-pg-"))
        data, pwfile = self.root / "data", self.root / "pw"
        pwfile.write_text(self.password + "\n")
        if os.geteuid() == 0:
            shutil.chown(self.root, "postgres", "postgres")
            shutil.chown(pwfile, "postgres", "postgres")
        os.chmod(self.root, 0o700)
        os.chmod(pwfile, 0o600)
        self._run(
            [
                str(self.bindir / "initdb"),
                "-D",
                str(data),
                "-U",
                self.user,
                "--pwfile",
                str(pwfile),
                "--auth-local=trust",
                "--auth-host=scram-sha-256",
                "-E",
                "UTF8",
                "--locale=C",
                "--no-sync",
            ]
        )
        pwfile.unlink()
        self.port = free_port()
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1"
        if not self.fsync:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        self._run(
            [
                str(self.bindir / "pg_ctl"),
                "-D",
                str(data),
                "-o",
                options,
                "-l",
                str(self.root / "server.log"),
                "-w",
                "-t",
                "60",
                "start",
            ]
        )
        self._started = True
        self._run(
            [
                str(self.bindir / "createdb"),
                "-h",
                str(self.root),
                "-p",
                str(self.port),
                "-U",
                self.user,
                self.database,
            ]
        )
        return self.url

    def stop(self) -> None:
        if self.root is None:
            return
        try:
            if self._started and self.bindir is not None:
                self._run(
                    [str(self.bindir / "pg_ctl"), "-D", str(self.root / "data"), "-m", "immediate", "stop"],
                    timeout=60,
                )
        finally:
            shutil.rmtree(self.root, ignore_errors=True)
            self.root = None
            self._started = False

    def __enter__(self) -> TempPostgres:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


# -- the administrator's set-up of docs/register.md ------------------------------


def dba_steps() -> list[tuple[int, str, str]]:
    """The administrator's SQL blocks of docs/register.md: (step, database, sql)."""
    blocks = re.findall(r"```sql\n(.*?)```", DOC.read_text(encoding="utf-8"), flags=re.S)
    steps = []
    for block in blocks:
        first, _, body = block.partition("\n")
        match = _STEP.match(first.strip())
        assert match, f"SQL block in {DOC.name} without a '-- step N (as superuser, in database X)' line"
        steps.append((int(match.group(1)), match.group(2), body))
    return steps


def run_sql(url: str, sql: str) -> None:
    """Run a block of statements (autocommit: CREATE DATABASE cannot run in a transaction)."""
    import psycopg

    with psycopg.connect(url.replace("postgresql+psycopg://", "postgresql://"), autocommit=True) as conn:
        for statement in sql.split(";"):
            if statement.strip():
                conn.execute(statement)  # type: ignore[call-overload]


@dataclass(frozen=True)
class PgRegister:
    """The documented set-up on the test server: URLs of the owner and the desk."""

    superuser: str
    owner_password: str
    desk_password: str

    def _url(self, user: str, password: str, database: str, schema: str | None) -> str:
        from sqlalchemy.engine import make_url

        base = make_url(self.superuser).set(
            drivername="postgresql+psycopg", username=user, password=password, database=database
        )
        if schema:
            base = base.update_query_dict({"options": f"-csearch_path={schema}"})
        return base.render_as_string(hide_password=False)

    def superuser_in(self, database: str) -> str:
        from sqlalchemy.engine import make_url

        url = make_url(self.superuser).set(drivername="postgresql+psycopg", database=database)
        return url.render_as_string(hide_password=False)

    def owner(self, schema: str | None = None) -> str:
        return self._url("ber_owner", self.owner_password, "ber_register", schema)

    def desk(self, schema: str | None = None) -> str:
        return self._url("desk_jansen", self.desk_password, "ber_register", schema)
