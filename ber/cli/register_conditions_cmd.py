"""``ber register conditions`` and ``ber register condition add|set|show``: permit conditions.

A condition belongs to a granted case (zaaknummer): employer beds (municipality and
number of beds), a certified agency (Wtta), housing to the SNF norm or a shuttle
service, with a due date, a status (open, delivered, waived; overdue = open and past
its due date) and a note. Bad input exits with code 2 and one line per problem naming
the option and the allowed values (nl/en).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import json
from typing import Any

from ber.cli.common import add_flag_options, add_value_options, print_columns
from ber.cli.lang import h
from ber.texts.catalogue import num, num_range, text
from ber.texts.labels import format_number, label
from ber.texts.messages import InputError, Lang, Problem

#: the register API's field names -> the options that set them (for the messages)
_OPTIONS = {
    "due_date": "--due",
    "beds": "--beds",
    "municipality": "--municipality",
    "note": "--note",
    "status": "--status",
    "delivered_on": "--delivered-on",
}


def add_parsers(rsub: Any, url_help: str) -> None:
    """The conditions' actions under ``ber register`` (called by ``register_cmd``)."""
    ls = rsub.add_parser("conditions", help=h("register.conditions.list"))
    add_value_options(ls, {"--case": "register.conditions.case_filter"})
    add_flag_options(ls, {"--overdue": "register.conditions.overdue"})
    ls.add_argument("--status", action="append", help=h("register.conditions.status_filter"))
    add_value_options(
        ls,
        {
            "--kind": "register.conditions.kind",
            "--municipality": "register.conditions.municipality_filter",
            "--today": "register.conditions.today",
        },
    )
    add_flag_options(ls, {"--json": "register.print_json"})
    ls.set_defaults(func=run_list)

    one = rsub.add_parser("condition", help=h("register.conditions.one"))
    csub = one.add_subparsers(dest="condition_command", required=True, parser_class=type(one))
    a = csub.add_parser("add", help=h("register.conditions.add"))
    add_value_options(
        a, {"reference": "register.case_reference_zaaknummer", "kind": "register.conditions.kind"}
    )
    a.add_argument("--due", required=True, help=h("register.conditions.due"))
    _fields(a)
    a.set_defaults(func=run_add)

    s = csub.add_parser("set", help=h("register.conditions.set"))
    add_value_options(s, {"id": "register.conditions.id", "--due": "register.conditions.due"})
    _fields(s)
    add_value_options(
        s,
        {
            "--delivered-on": "register.conditions.delivered_on",
            "--why": "register.conditions.why",
            "--expected-version": "register.conditions.expected_version",
        },
    )
    s.set_defaults(func=run_set)

    sh = csub.add_parser("show", help=h("register.conditions.show"))
    add_value_options(sh, {"id": "register.conditions.id"})
    add_flag_options(sh, {"--json": "register.print_json"})
    sh.set_defaults(func=run_show)
    for p in (a, s, sh):
        p.add_argument("--url", default=argparse.SUPPRESS, help=url_help)


def _fields(p: argparse.ArgumentParser) -> None:
    add_value_options(
        p,
        {
            "--municipality": "register.conditions.municipality",
            "--beds": "register.conditions.beds",
            "--status": "register.conditions.status",
            "--note": "register.conditions.note",
            "--who": "register.your_name_default_the",
        },
    )


def _cli_fields(err: InputError) -> InputError:
    """The same problems, naming the command line's options instead of the API's fields."""
    return InputError([dataclasses.replace(p, field=_OPTIONS.get(p.field, p.field)) for p in err.problems])


def _date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InputError([Problem("field.date", option, {"value": repr(value)})]) from None


def _int(value: str | None, option: str, low: int, high: int) -> int | None:
    if value is None:
        return None
    try:
        number = int(value.strip())
    except ValueError:
        raise InputError(
            [Problem("field.type", option, {"value": repr(value), "expected": num_range(low, high)})]
        ) from None
    if not low <= number <= high:
        raise InputError(
            [Problem("field.range", option, {"value": num(number), "low": num(low), "high": num(high)})]
        )
    return number


def _beds(args: argparse.Namespace) -> int | None:
    from ber.register.conditions import BEDS_RANGE

    return _int(args.beds, "--beds", *BEDS_RANGE)


def _open(args: argparse.Namespace) -> Any:
    from ber.cli.register_cmd import _open as open_register

    for name in ("who", "note", "why", "kind", "case", "municipality"):
        if name not in vars(args):
            setattr(args, name, None)
    return open_register(args)


def _who(args: argparse.Namespace) -> str:
    from ber.cli.register_cmd import _login

    return str(args.who or _login())


def run_add(args: argparse.Namespace) -> int:
    from ber.register import conditions as cond

    due = _date(args.due, "--due")
    assert due is not None  # --due is required
    kind = cond.check_kind(args.kind, "kind")
    status = cond.check_condition_status(args.status, "--status") if args.status else "open"
    beds = _beds(args)
    with _open(args) as reg:
        try:
            c = cond.add_condition(
                reg,
                args.reference,
                kind,
                due,
                municipality=args.municipality,
                beds=beds,
                note=args.note or "",
                status=status,
                who=_who(args),
            )
        except InputError as err:
            raise _cli_fields(err) from None
    print(
        text("cli.conditions.added", args.lang, id=c.id, reference=c.reference, kind=_kind(c.kind, args.lang))
    )
    return 0


def run_set(args: argparse.Namespace) -> int:
    from ber.register import conditions as cond

    cid = _int(args.id, "id", 1, 2**31 - 1)
    assert cid is not None
    version = _int(args.expected_version, "--expected-version", 1, 2**31 - 1)
    status = cond.check_condition_status(args.status, "--status") if args.status else None
    due, delivered_on = _date(args.due, "--due"), _date(args.delivered_on, "--delivered-on")
    beds = _beds(args)
    changes: dict[str, Any] = {}
    if args.municipality is not None:
        changes["municipality"] = args.municipality
    if beds is not None:
        changes["beds"] = beds
    with _open(args) as reg:
        try:
            c = cond.set_condition(
                reg,
                cid,
                status=status,
                due_date=due,
                note=args.note,
                delivered_on=delivered_on,
                who=_who(args),
                why=args.why or "",
                expected_version=version,
                **changes,
            )
        except InputError as err:
            raise _cli_fields(err) from None
    lang: Lang = args.lang
    print(
        text(
            "cli.conditions.changed",
            lang,
            id=c.id,
            status=_status(c.display_status(), lang),
            version=c.version,
        )
    )
    return 0


def _kind(kind: str, lang: Lang) -> str:
    return label("condition_kind", kind, lang)


def _status(status: str, lang: Lang) -> str:
    return label("condition_status", status, lang)


def _what(c: Any, lang: Lang) -> str:
    if c.kind != "employer_beds":
        return _kind(c.kind, lang)
    beds = text("cli.conditions.beds_in", lang, count=c.beds, municipality=c.municipality)
    return f"{_kind(c.kind, lang)}: {beds}"


def run_list(args: argparse.Namespace) -> int:
    from ber.register import conditions as cond

    lang: Lang = args.lang
    today = _date(args.today, "--today") or dt.date.today()
    wanted = [cond.check_filter_status(s, "--status") for s in args.status or []]
    if args.overdue:
        wanted.append("overdue")
    kind = cond.check_kind(args.kind, "--kind") if args.kind else None
    with _open(args) as reg:
        found = cond.list_conditions(
            reg, reference=args.case, status=wanted, kind=kind, municipality=args.municipality, today=today
        )
    if args.json:
        print(json.dumps([c.to_dict(today) for c in found], indent=2, ensure_ascii=False))
        return 0
    if not found:
        print(text("cli.conditions.none", lang))
        return 0
    head = [
        text("cli.conditions.col_id", lang),
        text("cli.register.reference", lang),
        text("cli.conditions.col_condition", lang),
        text("cli.conditions.col_due", lang),
        text("cli.register.status", lang),
        text("cli.conditions.col_note", lang),
    ]
    rows = []
    for c in found:
        state = (
            _status(c.display_status(today), lang).upper() if c.is_overdue(today) else _status(c.status, lang)
        )
        rows.append([str(c.id), c.reference, _what(c, lang), c.due_date.isoformat(), state, c.note])
    print_columns(head, rows)
    overdue = sum(1 for c in found if c.is_overdue(today))
    print(text("cli.conditions.count", lang, count=len(found), overdue=format_number(overdue, lang, 0)))
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ber.register import conditions as cond

    lang: Lang = args.lang
    cid = _int(args.id, "id", 1, 2**31 - 1)
    assert cid is not None
    with _open(args) as reg:
        c = cond.get_condition(reg, cid)
        changes = cond.condition_changes(reg, cid)
    if args.json:
        doc = c.to_dict() | {"history": [dataclasses.asdict(x) | {"at": x.at.isoformat()} for x in changes]}
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    print(f"#{c.id}  {c.reference}  {_what(c, lang)}")
    print(
        text(
            "cli.conditions.due_status",
            lang,
            due=c.due_date.isoformat(),
            status=_status(c.display_status(), lang),
        )
    )
    if c.note:
        print(f"  {c.note}")
    print(text("cli.register.history", lang))
    for x in changes:
        who = x.who if not x.who_name or x.who_name == x.who else f"{x.who_name} ({x.who})"
        what = f": {x.what}" if x.what else ""
        print(f"  {x.at:%Y-%m-%d %H:%M} UTC  v{x.version}  {x.event:<8} {x.new_status}  ({who}){what}")
    return 0


def print_employer_beds(cum: Any, lang: Lang) -> None:
    """The cumulative view's employer beds: delivered beside promised (not yet delivered)."""
    beds = cum.employer_beds
    if beds is None or not beds.lines:
        return
    print(
        text(
            "cli.conditions.employer_beds",
            lang,
            delivered=format_number(beds.delivered, lang, 0),
            promised=format_number(beds.promised, lang, 0),
            added=format_number(beds.added, lang, 0),
        )
    )


def print_case_conditions(conditions: list[Any], lang: Lang) -> None:
    """The permit conditions of one case, for ``ber register show``."""
    if not conditions:
        return
    print()
    print(text("cli.conditions.of_case", lang))
    for c in conditions:
        state = _status(c.display_status(), lang)
        print(f"  #{c.id:<4} {c.due_date.isoformat()}  {state:<10} {_what(c, lang)}")
