"""The case register: add, get, list, change status (optimistic locking), history.

One code path for SQLite (one desk) and PostgreSQL (a region): SQLAlchemy Core
statements only, schema by Alembic migrations run on :meth:`Register.open`.
"""

from __future__ import annotations

import builtins
import datetime as dt
import logging
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, Row, and_, func, or_, select, update
from sqlalchemy.exc import IntegrityError

from ber.case.model import Case
from ber.engine.result import Assessment
from ber.register import area_sql, db
from ber.register.records import (
    DemandRow,
    HistoryEntry,
    RegisteredCase,
    Summary,
    check_status,
)
from ber.register.rows import (
    SUMMARY_COLUMNS,
    ConflictError,
    aware,
    case_file_json,
    case_values,
    now_utc,
    summary_from_row,
)
from ber.register.schema import case_area, case_files, cases, status_history
from ber.texts.labels import CASE_STATUS_LABELS
from ber.texts.messages import InputError, Lang, Problem

log = logging.getLogger("ber.register")


class Register:
    """A case register on SQLite or PostgreSQL. Use :meth:`open`; close when done."""

    def __init__(self, engine: Engine, url: str) -> None:
        self.engine = engine
        self._url = url

    # -- opening -------------------------------------------------------------
    @classmethod
    def open(
        cls,
        url: str | None = None,
        *,
        migrate: bool = True,
        progress: Callable[[int, int], None] | None = None,
    ) -> Register:
        """Open (and create or upgrade) the register at ``url``.

        ``url`` None: ``BER_REGISTER_URL``, else ``<user data>/register.sqlite``.
        PostgreSQL: ``postgresql+psycopg://user:password@host:port/database``.
        ``progress(done, total)``: called while an upgrade converts the cases.
        """
        resolved = db.resolve_url(url)
        engine = db.create_register_engine(resolved)
        try:
            with db.translate_errors(resolved):
                if migrate:
                    db.upgrade(engine, progress=progress)
                else:
                    with engine.connect():
                        pass
        except BaseException:
            engine.dispose()  # no connection left open behind a failed open
            raise
        log.info("opened register %s", db.mask_url(resolved))
        return cls(engine, resolved)

    @property
    def url(self) -> str:
        """The register's URL with the password masked (safe to show)."""
        return db.mask_url(self._url)

    @property
    def backend(self) -> str:
        return self.engine.dialect.name

    def close(self) -> None:
        if self.backend == "sqlite":
            # SQLite's advice for long-lived databases: refresh planner statistics when needed
            try:
                with self.engine.connect() as conn:
                    conn.exec_driver_sql("PRAGMA optimize")
            except Exception:  # closing must not fail over an optimisation
                log.debug("PRAGMA optimize failed", exc_info=True)
        self.engine.dispose()

    def __enter__(self) -> Register:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        with db.translate_errors(self._url), self.engine.connect() as conn:
            yield conn

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """One transaction: committed at the end, rolled back on any error."""
        with (
            db.translate_errors(self._url),
            self.engine.connect().execution_options(ber_write=True) as conn,
            conn.begin(),
        ):
            yield conn

    # -- reading -------------------------------------------------------------
    def _case_row(self, conn: Connection, reference: str) -> Row[Any]:
        row = conn.execute(select(cases).where(cases.c.reference == reference)).first()
        if row is None:
            raise InputError([Problem("register.unknown_ref", params={"reference": reference})])
        return row

    def get(self, reference: str, *, with_demand: bool = True) -> RegisteredCase:
        """The registered case ``reference`` (zaaknummer); InputError when unknown."""
        with self._read() as conn:
            row = self._case_row(conn, reference)
            case_json = conn.execute(
                select(case_files.c.case_json).where(case_files.c.case_id == row.id)
            ).scalar_one()
            demand: list[DemandRow] = []
            if with_demand:
                demand = area_sql.read_rows(conn, row.id, row.last_year)
        return RegisteredCase(
            summary=summary_from_row([row._mapping[c.name] for c in SUMMARY_COLUMNS]),
            case_json=case_json,
            case_sha256=row.case_sha256,
            reference_version=row.reference_version,
            app_version=row.app_version,
            created_at=aware(row.created_at),
            demand=demand,
        )

    def exists(self, reference: str) -> bool:
        with self._read() as conn:
            return conn.execute(select(cases.c.id).where(cases.c.reference == reference)).first() is not None

    def list(
        self,
        *,
        municipality: str | None = None,
        status: str | Sequence[str] | None = None,
        sector: str | None = None,
        year: int | None = None,
        operating_year: int | None = None,
        text: str | None = None,
        limit: int | None = None,
    ) -> list[Summary]:
        """Registered cases, newest received first, filtered by every argument given.

        ``municipality``: host municipality, or a municipality where the case's
        workers and families live (any stored demand). ``year``: the year the
        application was received. ``operating_year``: the case operates in that
        year. ``text``: part of the reference, title, business name or officer.
        """
        query = select(*SUMMARY_COLUMNS)
        conds: list[Any] = []
        if municipality:
            code = municipality.strip().upper()
            conds.append(
                or_(
                    cases.c.host_municipality == code,
                    cases.c.id.in_(select(case_area.c.case_id).where(case_area.c.municipality == code)),
                )
            )
        if status:
            codes = [check_status(s) for s in ([status] if isinstance(status, str) else status)]
            conds.append(cases.c.status.in_(codes))
        if sector:
            conds.append(cases.c.sector == sector)
        if year is not None:
            conds.append(
                and_(cases.c.received >= dt.date(year, 1, 1), cases.c.received < dt.date(year + 1, 1, 1))
            )
        if operating_year is not None:
            conds.append(and_(cases.c.start_year <= operating_year, cases.c.last_year >= operating_year))
        if text:
            pattern = "%" + text.strip().lower().replace("\\", "").replace("%", "").replace("_", "") + "%"
            conds.append(
                or_(
                    func.lower(cases.c.reference).like(pattern),
                    func.lower(cases.c.title).like(pattern),
                    func.lower(cases.c.business_name).like(pattern),
                    func.lower(cases.c.officer).like(pattern),
                )
            )
        if conds:
            query = query.where(and_(*conds))
        query = query.order_by(cases.c.received.desc().nulls_last(), cases.c.reference)
        if limit is not None:
            query = query.limit(limit)
        with self._read() as conn:
            return [summary_from_row(r) for r in conn.execute(query).all()]

    def count(self) -> int:
        with self._read() as conn:
            return int(conn.execute(select(func.count()).select_from(cases)).scalar_one())

    def history(self, reference: str) -> builtins.list[HistoryEntry]:
        """The audit trail of a case, oldest first."""
        with self._read() as conn:
            row = self._case_row(conn, reference)
            rows = conn.execute(
                select(status_history).where(status_history.c.case_id == row.id).order_by(status_history.c.id)
            )
            return [
                HistoryEntry(
                    event=r.event,
                    old_status=r.old_status,
                    new_status=r.new_status,
                    who=r.who,
                    at=aware(r.at),
                    why=r.why,
                    version=r.version,
                    who_name=r.who_name,
                )
                for r in rows
            ]

    # -- writing -------------------------------------------------------------
    def add(
        self,
        case: Case,
        result: Assessment,
        *,
        status: str = "in_procedure",
        officer: str | None = None,
        received: dt.date | None = None,
        decided: dt.date | None = None,
        reference: str | None = None,
        who: str | None = None,
    ) -> RegisteredCase:
        """Register an assessed case under its reference (``case.meta.reference``).

        The case file, the result summary and the first audit entry are written in
        one transaction: all or nothing. Returns the registered case without its
        demand rows (``get(reference)`` has them).
        """
        ref = (reference if reference is not None else case.meta.reference).strip()
        if not ref:
            raise InputError([Problem("register.reference_missing", "meta.reference")])
        if len(ref) > 64:
            raise InputError([Problem("register.reference_long", "meta.reference", {"value": ref[:70]})])
        if result.case_sha256 and result.case_sha256 != case.sha256():
            raise InputError([Problem("register.result_mismatch", params={"reference": ref})])
        code = check_status(status)
        officer_name = officer if officer is not None else case.meta.officer
        now = now_utc()
        values = case_values(case, result) | {
            "reference": ref,
            "status": code,
            "received": received,
            "decided": decided,
            "officer": officer_name,
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "updated_by": who or officer_name,
        }
        try:
            with self._write() as conn:
                case_id = conn.execute(cases.insert().values(**values)).inserted_primary_key[0]  # type: ignore[index]
                conn.execute(case_files.insert().values(case_id=case_id, case_json=case_file_json(case)))
                n_rows = area_sql.write(conn, case_id, code, result)
                conn.execute(
                    status_history.insert().values(
                        case_id=case_id,
                        event="registered",
                        old_status=None,
                        new_status=code,
                        who=who or officer_name,
                        who_name=who or officer_name,
                        at=now,
                        why="",
                        version=1,
                    )
                )
        except IntegrityError:
            raise InputError([Problem("register.duplicate", params={"reference": ref})]) from None
        log.info("registered case %s (%d municipalities with demand)", ref, n_rows)
        return self.get(ref, with_demand=False)

    def _conflict(self, conn: Connection, reference: str, expected: int) -> ConflictError:
        row = conn.execute(
            select(cases.c.version, cases.c.updated_by, cases.c.updated_at).where(
                cases.c.reference == reference
            )
        ).one()
        return ConflictError(reference, expected, row.version, row.updated_by, aware(row.updated_at))

    def set_status(
        self, reference: str, new: str, *, who: str, why: str, expected_version: int | None = None
    ) -> Summary:
        """Change a case's status and record who, when and why.

        ``expected_version``: the version the caller read; when someone else
        changed the case since, nothing is written and :class:`ConflictError` is
        raised naming who changed it and when. None: the current version (no check;
        for the command line, where nothing was read before).
        """
        code = check_status(new)
        if not why.strip():
            raise InputError([Problem("register.why_required", "why")])
        now = now_utc()
        with self._write() as conn:
            row = self._case_row(conn, reference)
            expected = row.version if expected_version is None else expected_version
            if row.status == code and row.version == expected:
                raise InputError(
                    [
                        Problem(
                            "register.same_status",
                            params={
                                "reference": reference,
                                "status": f"{CASE_STATUS_LABELS[code]['nl']} ({code})",
                            },
                        )
                    ]
                )
            changes: dict[str, Any] = {
                "status": code,
                "version": cases.c.version + 1,
                "updated_at": now,
                "updated_by": who,
            }
            if code in ("granted", "refused") and row.decided is None:
                changes["decided"] = now.date()
            done = conn.execute(
                update(cases).where(cases.c.id == row.id, cases.c.version == expected).values(**changes)
            ).rowcount
            if done != 1:
                raise self._conflict(conn, reference, expected)
            conn.execute(update(case_area).where(case_area.c.case_id == row.id).values(case_status=code))
            conn.execute(
                status_history.insert().values(
                    case_id=row.id,
                    event="status",
                    old_status=row.status,
                    new_status=code,
                    who=who,
                    who_name=who,
                    at=now,
                    why=why.strip(),
                    version=expected + 1,
                )
            )
        log.info("case %s: status %s -> %s by %s", reference, row.status, code, who)
        return self.get(reference, with_demand=False).summary

    def update_case(
        self,
        reference: str,
        case: Case,
        result: Assessment,
        *,
        expected_version: int,
        who: str = "",
        why: str = "",
    ) -> RegisteredCase:
        """Replace the stored case file and result summary (e.g. after a correction)."""
        if result.case_sha256 and result.case_sha256 != case.sha256():
            raise InputError([Problem("register.result_mismatch", params={"reference": reference})])
        now = now_utc()
        with self._write() as conn:
            row = self._case_row(conn, reference)
            changes = case_values(case, result) | {
                "version": cases.c.version + 1,
                "updated_at": now,
                "updated_by": who or row.updated_by,
            }
            done = conn.execute(
                update(cases)
                .where(cases.c.id == row.id, cases.c.version == expected_version)
                .values(**changes)
            ).rowcount
            if done != 1:
                raise self._conflict(conn, reference, expected_version)
            conn.execute(
                update(case_files)
                .where(case_files.c.case_id == row.id)
                .values(case_json=case_file_json(case))
            )
            area_sql.delete(conn, row.id)
            area_sql.write(conn, row.id, row.status, result)
            conn.execute(
                status_history.insert().values(
                    case_id=row.id,
                    event="case_updated",
                    old_status=row.status,
                    new_status=row.status,
                    who=who or row.updated_by,
                    who_name=who or row.updated_by,
                    at=now,
                    why=why.strip() or f"sha256 {case.sha256()[:12]}",
                    version=expected_version + 1,
                )
            )
        return self.get(reference)

    # -- export --------------------------------------------------------------
    def export(self, path: Path | str, *, lang: Lang = "nl", **filters: Any) -> int:
        """Write the (filtered, as :meth:`list`) register to .xlsx or .csv; returns the row count."""
        from ber.register.conditions import conditions_of
        from ber.register.export import export_register

        rows = self.list(**filters)
        return export_register(rows, Path(path), lang, conditions_of(self, rows))

    def export_xlsx(self, path: Path | str, *, lang: Lang = "nl", **filters: Any) -> int:
        from ber.register.conditions import conditions_of
        from ber.register.export import write_xlsx

        rows = self.list(**filters)
        write_xlsx(rows, Path(path), lang, conditions_of(self, rows))
        return len(rows)

    def export_csv(self, path: Path | str, *, lang: Lang = "nl", **filters: Any) -> int:
        from ber.register.conditions import conditions_of
        from ber.register.export import write_csv

        rows = self.list(**filters)
        write_csv(rows, Path(path), lang, conditions_of(self, rows))
        return len(rows)
