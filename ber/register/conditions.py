"""Permit conditions (vergunningvoorschriften) of granted cases, followed up in the register.

A condition belongs to a registered case with status *granted*: employer beds
delivered (municipality and number of beds), a certified agency (Wtta), housing to
the SNF norm, or a shuttle service; each with a due date, a status (open, delivered,
waived; *overdue* is derived: open and past its due date) and a note. Every change
is kept in an append-only audit (``permit_condition_history``); a condition is never
deleted (waive it).

The cumulative view counts employer beds as capacity only once delivered; that
adjustment is ``ber.register.employer_beds``.

Qt-free; every function takes an open :class:`ber.register.Register`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Row, and_, or_, select, update

from ber.register.condition_schema import (
    CONDITION_KINDS,
    CONDITION_STATUSES,
    condition_history,
    permit_condition,
)
from ber.register.rows import ConflictError, aware, now_utc
from ber.register.schema import cases
from ber.texts.catalogue import num
from ber.texts.messages import InputError, Problem

if TYPE_CHECKING:
    from ber.register.store import Register

#: statuses a listing can filter on: the stored ones and the derived "overdue"
FILTER_STATUSES: tuple[str, ...] = ("open", "overdue", "delivered", "waived")
#: the number of employer beds one condition may name
BEDS_RANGE = (1, 100_000)
#: the longest note kept
NOTE_MAX = 2000
_GM_CODE = re.compile(r"GM\d{4}")


@dataclass(frozen=True)
class Condition:
    """One permit condition of a registered case."""

    id: int
    reference: str  # the case's zaaknummer
    case_title: str
    kind: str
    municipality: str | None
    beds: int | None
    due_date: dt.date
    status: str  # open | delivered | waived (as stored)
    delivered_on: dt.date | None
    note: str
    version: int
    created_at: dt.datetime
    updated_at: dt.datetime
    updated_by: str

    def is_overdue(self, today: dt.date | None = None) -> bool:
        return self.status == "open" and self.due_date < (today or dt.date.today())

    def display_status(self, today: dt.date | None = None) -> str:
        """The status to show: ``overdue`` for an open condition past its due date."""
        return "overdue" if self.is_overdue(today) else self.status

    def to_dict(self, today: dt.date | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {}
        for key, value in self.__dict__.items():
            out[key] = value.isoformat() if isinstance(value, dt.date | dt.datetime) else value
        out["overdue"] = self.is_overdue(today)
        return out


@dataclass(frozen=True)
class ConditionChange:
    """One entry of a condition's audit trail."""

    event: str  # added | changed
    old_status: str | None
    new_status: str
    who: str
    who_name: str
    at: dt.datetime
    what: str
    version: int


# -- checks --------------------------------------------------------------------
def _choice(value: str, choices: tuple[str, ...], field_name: str) -> str:
    code = value.strip().lower().replace("-", "_").replace(" ", "_")
    if code in choices:
        return code
    raise InputError(
        [Problem("field.choice", field_name, {"value": repr(value), "choices": ", ".join(choices)})]
    )


def check_kind(value: str, field_name: str = "kind") -> str:
    return _choice(value, CONDITION_KINDS, field_name)


def check_condition_status(value: str, field_name: str = "status") -> str:
    """A status to store; "overdue" is refused with the list (it follows from the due date)."""
    return _choice(value, CONDITION_STATUSES, field_name)


def check_filter_status(value: str, field_name: str = "status") -> str:
    return _choice(value, FILTER_STATUSES, field_name)


def check_fields(
    kind: str,
    municipality: str | None,
    beds: int | None,
    due_date: dt.date,
    permit_date: dt.date | None,
    note: str,
    *,
    check_beds: bool = True,
) -> tuple[str | None, int | None]:
    """Every problem with a condition's fields at once (InputError), else the clean
    municipality and beds. ``check_beds`` False: the caller already named a bad number."""
    problems: list[Problem] = []
    code = municipality.strip().upper() if municipality and municipality.strip() else None
    if code is not None and not _GM_CODE.fullmatch(code):
        problems.append(Problem("condition.municipality", "municipality", {"value": repr(municipality)}))
    if kind == "employer_beds":
        if code is None:
            problems.append(Problem("condition.beds_municipality", "municipality"))
        if beds is None and check_beds:
            problems.append(
                Problem(
                    "condition.beds_missing", "beds", {"low": num(BEDS_RANGE[0]), "high": num(BEDS_RANGE[1])}
                )
            )
    if beds is not None and not BEDS_RANGE[0] <= beds <= BEDS_RANGE[1]:
        problems.append(
            Problem(
                "field.range",
                "beds",
                {"value": num(beds), "low": num(BEDS_RANGE[0]), "high": num(BEDS_RANGE[1])},
            )
        )
    if permit_date is not None and due_date < permit_date:
        problems.append(
            Problem(
                "condition.due_before_permit",
                "due_date",
                {"value": due_date.isoformat(), "permit": permit_date.isoformat()},
            )
        )
    if len(note) > NOTE_MAX:
        problems.append(Problem("condition.note_long", "note", {"high": NOTE_MAX}))
    if problems:
        raise InputError(problems)
    return code, beds


# -- reading -------------------------------------------------------------------
_SELECT = select(permit_condition, cases.c.reference, cases.c.title).join_from(
    permit_condition, cases, cases.c.id == permit_condition.c.case_id
)


def _condition(row: Row[Any]) -> Condition:
    return Condition(
        id=row.id,
        reference=row.reference,
        case_title=row.title,
        kind=row.kind,
        municipality=row.municipality,
        beds=row.beds,
        due_date=row.due_date,
        status=row.status,
        delivered_on=row.delivered_on,
        note=row.note,
        version=row.version,
        created_at=aware(row.created_at),
        updated_at=aware(row.updated_at),
        updated_by=row.updated_by,
    )


def _get(conn: Connection, condition_id: int) -> Condition:
    row = conn.execute(_SELECT.where(permit_condition.c.id == condition_id)).first()
    if row is None:
        raise InputError([Problem("condition.unknown", "id", {"value": condition_id})])
    return _condition(row)


def get_condition(register: Register, condition_id: int) -> Condition:
    with register._read() as conn:
        return _get(conn, condition_id)


def list_conditions(
    register: Register,
    *,
    reference: str | None = None,
    status: str | list[str] | None = None,
    kind: str | None = None,
    municipality: str | None = None,
    today: dt.date | None = None,
) -> list[Condition]:
    """Conditions, earliest due date first; ``status`` may be ``overdue`` (open, past due)."""
    day = today or dt.date.today()
    query = _SELECT
    if reference:
        query = query.where(cases.c.reference == reference)
    if kind:
        query = query.where(permit_condition.c.kind == check_kind(kind))
    if municipality:
        query = query.where(permit_condition.c.municipality == municipality.strip().upper())
    wanted = [check_filter_status(s) for s in ([status] if isinstance(status, str) else status or [])]
    if wanted:  # in SQL: "overdue" is open with a due date before today
        pc = permit_condition.c
        derived = {
            "open": and_(pc.status == "open", pc.due_date >= day),
            "overdue": and_(pc.status == "open", pc.due_date < day),
            "delivered": pc.status == "delivered",
            "waived": pc.status == "waived",
        }
        query = query.where(or_(*(derived[w] for w in wanted)))
    query = query.order_by(permit_condition.c.due_date, cases.c.reference, permit_condition.c.id)
    with register._read() as conn:
        if (
            reference
            and conn.execute(select(cases.c.id).where(cases.c.reference == reference)).first() is None
        ):
            raise InputError([Problem("register.unknown_ref", params={"reference": reference})])
        return [_condition(r) for r in conn.execute(query)]


def condition_changes(register: Register, condition_id: int) -> list[ConditionChange]:
    """The audit trail of one condition, oldest first."""
    h = condition_history.c
    with register._read() as conn:
        _get(conn, condition_id)
        rows = conn.execute(select(condition_history).where(h.condition_id == condition_id).order_by(h.id))
        return [
            ConditionChange(
                r.event, r.old_status, r.new_status, r.who, r.who_name, aware(r.at), r.what, r.version
            )
            for r in rows
        ]


# -- writing -------------------------------------------------------------------
def _audit(
    conn: Connection, cond_id: int, event: str, old: str | None, new: str, who: str, what: str, version: int
) -> None:
    conn.execute(
        condition_history.insert().values(
            condition_id=cond_id,
            event=event,
            old_status=old,
            new_status=new,
            who=who,
            who_name=who,
            at=now_utc(),
            what=what,
            version=version,
        )
    )


def add_condition(
    register: Register,
    reference: str,
    kind: str,
    due_date: dt.date,
    *,
    municipality: str | None = None,
    beds: int | None = None,
    note: str = "",
    status: str = "open",
    who: str = "",
) -> Condition:
    """Attach a condition to the granted case ``reference``; its due date may not lie
    before the permit date (the case's decision date)."""
    code = check_kind(kind)
    state = check_condition_status(status)
    with register._write() as conn:
        case = conn.execute(
            select(cases.c.id, cases.c.status, cases.c.decided).where(cases.c.reference == reference)
        ).first()
        if case is None:
            raise InputError([Problem("register.unknown_ref", params={"reference": reference})])
        if case.status != "granted":
            raise InputError([Problem("condition.not_granted", "reference", {"reference": reference})])
        mun, n = check_fields(code, municipality, beds, due_date, case.decided, note)
        now = now_utc()
        cond_id = conn.execute(
            permit_condition.insert().values(
                case_id=case.id,
                kind=code,
                municipality=mun,
                beds=n,
                due_date=due_date,
                status=state,
                delivered_on=now.date() if state == "delivered" else None,
                note=note.strip(),
                version=1,
                created_at=now,
                updated_at=now,
                updated_by=who,
            )
        ).inserted_primary_key[0]  # type: ignore[index]
        _audit(conn, int(cond_id), "added", None, state, who, note.strip(), 1)
        return _get(conn, int(cond_id))


#: sentinel: "leave as it is" for the optional fields of :func:`set_condition`
_KEEP: Any = object()


def set_condition(
    register: Register,
    condition_id: int,
    *,
    status: str | None = None,
    due_date: dt.date | None = None,
    municipality: str | None = _KEEP,
    beds: int | None = _KEEP,
    note: str | None = None,
    delivered_on: dt.date | None = None,
    who: str = "",
    why: str = "",
    expected_version: int | None = None,
) -> Condition:
    """Change a condition (status, due date, municipality, beds, note); recorded in its audit.

    ``expected_version``: the version the caller read (None: no check); when someone
    changed the condition since, nothing is saved (:class:`ConflictError`).
    """
    new_status = check_condition_status(status) if status is not None else None
    with register._write() as conn:
        old = _get(conn, condition_id)
        decided = conn.execute(select(cases.c.decided).where(cases.c.reference == old.reference)).scalar()
        values: dict[str, Any] = {
            "status": new_status or old.status,
            "due_date": due_date or old.due_date,
            "municipality": old.municipality if municipality is _KEEP else municipality,
            "beds": old.beds if beds is _KEEP else beds,
            "note": old.note if note is None else note.strip(),
        }
        values["municipality"], values["beds"] = check_fields(
            old.kind, values["municipality"], values["beds"], values["due_date"], decided, values["note"]
        )
        if values["status"] == "delivered":
            values["delivered_on"] = delivered_on or old.delivered_on or dt.date.today()
        else:
            values["delivered_on"] = None
        changed = [k for k, v in values.items() if getattr(old, k) != v]
        if not changed:
            raise InputError([Problem("condition.nothing_changed", "id", {"value": condition_id})])
        expected = old.version if expected_version is None else expected_version
        now = now_utc()
        done = conn.execute(
            update(permit_condition)
            .where(permit_condition.c.id == condition_id, permit_condition.c.version == expected)
            .values(**values, version=expected + 1, updated_at=now, updated_by=who)
        ).rowcount
        if done != 1:
            raise ConflictError(
                f"{old.reference} #{condition_id}", expected, old.version, old.updated_by, old.updated_at
            )
        what = "; ".join(
            f"{k} {_show(getattr(old, k))} -> {_show(values[k])}" for k in changed if k != "note"
        )
        if "note" in changed:
            what = "; ".join(filter(None, (what, "note")))
        if why.strip():
            what = f"{what}: {why.strip()}"
        _audit(conn, condition_id, "changed", old.status, values["status"], who, what, expected + 1)
        return _get(conn, condition_id)


def _show(value: Any) -> str:
    if value is None:
        return "-"
    return value.isoformat() if isinstance(value, dt.date) else str(value)


def conditions_of(register: Register, summaries: Sequence[Any]) -> list[Condition]:
    """The conditions of the listed cases (``Summary`` rows), earliest due date first (for the export)."""
    wanted = {s.reference for s in summaries}
    if not wanted:
        return []
    return [c for c in list_conditions(register) if c.reference in wanted]
