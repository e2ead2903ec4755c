"""``ber register add|list|show|set-status|export|cumulative|conditions|condition``: the case register.

The register is ``--url``, else ``BER_REGISTER_URL``, else the SQLite file in the
user data folder. Unknown references, conflicts and bad statuses exit with code 2
and one readable message (nl/en).
"""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import json
from pathlib import Path
from typing import Any

from ber.cli.app import help_text
from ber.cli.common import add_case_argument, add_flag_options, add_value_options, print_columns
from ber.cli.lang import h
from ber.reference.data import sector_label
from ber.texts.catalogue import text
from ber.texts.messages import InputError, Lang, Problem


def register(sub: Any) -> None:
    p = sub.add_parser("register", help=help_text("register.the_case_register_sqlite"))
    url_help = help_text("register.register_database_sqlite_file")
    p.add_argument("--url", help=url_help)
    rsub = p.add_subparsers(dest="register_command", required=True, parser_class=type(p))

    a = rsub.add_parser("add", help=h("register.assess_a_case_and"))
    add_case_argument(a)
    a.add_argument("--status", default="in_procedure", help=h("register.in_procedure_granted_refused"))
    add_value_options(
        a,
        {
            "--officer": "register.officer_default_meta_officer",
            "--reference": "register.zaaknummer_default_meta_reference",
            "--received": "register.date_received_yyyy_mm",
            "--decided": "register.date_of_the_decision",
            "--geodata": "register.geodata_file_or_folder",
        },
    )
    a.set_defaults(func=run_add)

    ls = rsub.add_parser("list", help=h("register.list_registered_cases"))
    _filters(ls)
    add_flag_options(ls, {"--json": "register.print_json"})
    ls.set_defaults(func=run_list)

    sh = rsub.add_parser("show", help=h("register.show_one_registered_case"))
    add_value_options(sh, {"reference": "register.case_reference_zaaknummer"})
    add_flag_options(sh, {"--json": "register.print_json"})
    sh.set_defaults(func=run_show)

    st = rsub.add_parser("set-status", help=h("register.change_the_status_of"))
    add_value_options(
        st,
        {
            "reference": "register.case_reference_zaaknummer",
            "status": "register.in_procedure_granted_refused",
        },
    )
    st.add_argument("--why", required=True, help=h("register.reason_kept_in_the"))
    add_value_options(st, {"--who": "register.your_name_default_the"})
    st.add_argument("--expected-version", type=int, help=h("register.refuse_when_the_case"))
    st.set_defaults(func=run_set_status)

    ex = rsub.add_parser("export", help=h("register.export_the_register_to"))
    ex.add_argument("out", help=h("register.out_xlsx_or_out"))
    _filters(ex)
    ex.set_defaults(func=run_export)

    up = rsub.add_parser("upgrade", help=h("register.create_or_upgrade_the"))
    up.set_defaults(func=run_upgrade)

    cu = rsub.add_parser("cumulative", help=h("register.cumulative_pressure_of_a"))
    add_case_argument(cu)
    add_value_options(
        cu,
        {
            "--out": "register.write_the_cumulative_result",
            "--exclude": "register.leave_this_registered_case",
            "--geodata": "register.geodata_file_or_folder",
        },
    )
    cu.set_defaults(func=run_cumulative)
    from ber.cli.register_conditions_cmd import add_parsers  # permit conditions (own module)

    add_parsers(rsub, url_help)
    # --url may also follow the action (like --lang); "not given" there keeps an earlier --url
    for action in rsub.choices.values():
        action.add_argument("--url", default=argparse.SUPPRESS, help=url_help)


def _filters(p: argparse.ArgumentParser) -> None:
    add_value_options(p, {"--municipality": "register.gm_code_host_municipality"})
    p.add_argument("--status", action="append", help=h("register.status_repeat_for_several"))
    add_value_options(p, {"--sector": "register.sector_e_g_distribution"})
    p.add_argument("--year", type=int, help=h("register.year_the_application_was"))
    p.add_argument("--operating-year", type=int, help=h("register.the_business_operates_in"))
    add_value_options(p, {"--search": "register.text_in_reference_title"})


#: years accepted by --year and --operating-year
YEAR_RANGE = (1900, 2200)


def _filter_kwargs(args: argparse.Namespace) -> dict[str, Any]:
    from ber.cli.common import check_int_option, check_text_option

    check_int_option("--year", args.year, *YEAR_RANGE)
    check_int_option("--operating-year", args.operating_year, *YEAR_RANGE)
    for option, value in (
        ("--municipality", args.municipality),
        ("--sector", args.sector),
        ("--search", args.search),
    ):
        check_text_option(option, value)
    return {
        "municipality": args.municipality,
        "status": args.status,
        "sector": args.sector,
        "year": args.year,
        "operating_year": args.operating_year,
        "text": args.search,
    }


#: options whose text goes into the register (paths and URLs are not text fields)
_TEXT_OPTIONS = (
    "reference",
    "status",
    "officer",
    "who",
    "why",
    "exclude",
    "municipality",
    "sector",
    "search",
)


def _open(args: argparse.Namespace) -> Any:
    from ber.cli.common import check_text_option, migration_progress
    from ber.register import Register

    for name in _TEXT_OPTIONS:  # text stored or searched must be valid Unicode
        value = getattr(args, name, None)
        check_text_option(
            f"--{name}" if name not in ("reference", "status") else name,
            value if isinstance(value, str) else None,
        )

    return Register.open(args.url, progress=migration_progress(args.lang))


def _date(value: str | None, field: str) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise InputError(
            [Problem("field.type", field, {"value": repr(value), "expected": "date (YYYY-MM-DD)"})]
        ) from None


def _assessed(path: str, geodata: str | None) -> tuple[Any, Any]:
    from ber.case.model import load_case
    from ber.cli.common import context_for
    from ber.engine.assess import assess

    case = load_case(Path(path))
    return case, assess(case, context_for(geodata))


def _login() -> str:
    """The login name, for the audit trail when --who / --officer is not given."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def run_upgrade(args: argparse.Namespace) -> int:
    """Bring the register's schema to this BER-desk's revision and say where it stands."""
    from ber.cli.common import migration_progress
    from ber.register import Register
    from ber.register import db as regdb

    with Register.open(args.url, progress=migration_progress(args.lang)) as reg, reg.engine.connect() as conn:
        revision = regdb.current_revision(conn)
        url = reg.url
    lang: Lang = args.lang
    print(text("cli.register.upgraded", lang, url=url, revision=revision))
    return 0


def run_add(args: argparse.Namespace) -> int:
    received = _date(args.received, "--received")
    decided = _date(args.decided, "--decided")
    from ber.register import check_status

    status = check_status(args.status, "--status")
    case, result = _assessed(args.case, args.geodata)
    with _open(args) as reg:
        rc = reg.add(
            case,
            result,
            status=status,
            officer=args.officer,
            received=received,
            decided=decided,
            reference=args.reference,
            who=args.officer or _login(),
        )
        print(
            text(
                "cli.register.registered",
                args.lang,
                reference=rc.reference,
                status=rc.summary.status_label(args.lang),
                version=rc.version,
                url=reg.url,
            )
        )
    return 0


def _print_table(summaries: list[Any], lang: Lang) -> None:
    from ber.texts.labels import STATUS_LABELS

    if not summaries:
        print(text("cli.register.no_cases_found", lang))
        return
    head = [
        text("cli.register.reference", lang),
        text("cli.register.status", lang),
        text("cli.register.municipality", lang),
        text("cli.register.sector", lang),
        text("cli.register.received", lang),
        text("cli.register.years", lang),
        text("cli.register.verdict_red_amber", lang),
        text("cli.register.title", lang),
    ]
    rows = []
    for s in summaries:
        red = sum(1 for v in s.verdict.values() if v == "red")
        amber = sum(1 for v in s.verdict.values() if v == "amber")
        rows.append(
            [
                s.reference,
                s.status_label(lang),
                f"{s.host_municipality} {s.host_name}".strip(),
                sector_label(s.sector, lang) if s.sector else "",
                s.received.isoformat() if s.received else "-",
                f"{s.start_year}–{s.last_year}",
                f"{red} {STATUS_LABELS['red'][lang]}, {amber} {STATUS_LABELS['amber'][lang]}",
                s.title,
            ]
        )
    print_columns(head, rows)
    print(text("cli.register.case_count", lang, count=len(rows)))


def run_list(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        summaries = reg.list(**_filter_kwargs(args))
    if args.json:
        print(json.dumps([s.to_dict() for s in summaries], indent=2, ensure_ascii=False))
    else:
        _print_table(summaries, args.lang)
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, format_number, unit_label

    lang: Lang = args.lang
    with _open(args) as reg:
        rc = reg.get(args.reference)
        history = reg.history(args.reference)
        from ber.register.conditions import list_conditions

        conditions = list_conditions(reg, reference=args.reference)
    s = rc.summary
    if args.json:
        doc = s.to_dict() | {
            "case_sha256": rc.case_sha256,
            "reference_version": rc.reference_version,
            "app_version": rc.app_version,
            "history": [h.to_dict() for h in history],
            "conditions": [c.to_dict() for c in conditions],
            "case": json.loads(rc.case_json),
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    lines = [
        (text("cli.register.reference", lang), s.reference),
        (text("cli.register.title", lang), s.title),
        (text("cli.register.business", lang), f"{s.business_name} ({sector_label(s.sector, lang)})"),
        (text("cli.register.host_municipality", lang), f"{s.host_name} ({s.host_municipality})"),
        (text("cli.register.status", lang), s.status_label(lang)),
        (text("cli.register.received", lang), s.received.isoformat() if s.received else "-"),
        (text("cli.register.decided", lang), s.decided.isoformat() if s.decided else "-"),
        (text("cli.register.officer", lang), s.officer),
        (text("cli.register.years", lang), f"{s.start_year}–{s.last_year} ({s.full_operation_year})"),
        (text("cli.register.version", lang), str(s.version)),
        (text("cli.register.reference_data", lang), rc.reference_version),
        ("SHA-256", rc.case_sha256),
    ]
    for k, v in lines:
        print(f"{k + ':':<22} {v}")
    print()
    print(text("cli.register.verdict_year", lang, year=s.full_operation_year))
    totals: dict[str, float] = {}
    for row in rc.demand:
        if row.year == s.full_operation_year:
            totals[row.domain] = totals.get(row.domain, 0.0) + row.demand
    from ber.engine.domains import domain_unit

    for dom, status in s.verdict.items():
        value = format_number(totals.get(dom, 0.0), lang, 0)
        print(
            f"  {DOMAIN_LABELS[dom][lang]:<40} {STATUS_LABELS[status][lang]:<9} "
            f"{value} {unit_label(domain_unit(dom), lang)}"
        )
    print()
    print(text("cli.register.history", lang))
    for entry in history:
        old = "" if entry.old_status is None else f"{entry.old_status} → "
        why = f": {entry.why}" if entry.why else ""
        print(
            f"  {entry.at:%Y-%m-%d %H:%M} UTC  v{entry.version}  {entry.event:<12} {old}{entry.new_status}"
            f"  ({entry.display_who}){why}"
        )
    from ber.cli.register_conditions_cmd import print_case_conditions

    print_case_conditions(conditions, lang)
    return 0


def run_set_status(args: argparse.Namespace) -> int:
    who = args.who or _login()
    with _open(args) as reg:
        s = reg.set_status(
            args.reference, args.status, who=who, why=args.why, expected_version=args.expected_version
        )
    print(
        text(
            "cli.register.status_set",
            args.lang,
            reference=s.reference,
            status=s.status_label(args.lang),
            version=s.version,
        )
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        n = reg.export(Path(args.out), lang=args.lang, **_filter_kwargs(args))
    print(text("cli.register.exported", args.lang, count=n, path=args.out))
    return 0


def run_cumulative(args: argparse.Namespace) -> int:
    from ber.cli.common import write_json
    from ber.io.atomic import check_outputs
    from ber.register import cumulative
    from ber.texts.labels import CASE_STATUS_LABELS, DOMAIN_LABELS, STATUS_LABELS, format_number, unit_label

    lang: Lang = args.lang
    check_outputs({"--out": args.out}, inputs=[args.case])
    case, result = _assessed(args.case, args.geodata)
    with _open(args) as reg:
        cum = cumulative(result, case, reg, exclude_ref=args.exclude)
    if args.out:
        write_json(args.out, cum.to_dict())
    year = cum.full_operation_year
    t = cum.year_index(year)
    print(text("cli.register.cumulative_year", lang, year=year))
    word = text("cli.register.pressure", lang)
    head = text("cli.register.without_this_case", lang), text("cli.register.with_this_case", lang)
    print(f"  {'':<40} {head[0]:<34} {head[1]}")
    for dom in cum.verdict_with:
        parts = []
        for v in (cum.verdict_without[dom], cum.verdict_with[dom]):
            p = "" if v.pressure is None else f" {word} {format_number(v.pressure, lang, 2)}"
            parts.append(f"{STATUS_LABELS[v.status][lang]}{p} ({v.municipality_name})")
        print(f"  {DOMAIN_LABELS[dom][lang]:<40} {parts[0]:<34} {parts[1]}")
        code = cum.verdict_with[dom].municipality
        if code is not None:
            s = cum.get(dom, code)
            unit = unit_label(s.unit, lang)
            cap = (
                text("cli.register.capacity_unknown", lang)
                if s.capacity is None
                else text("cli.register.spare_capacity", lang, value=format_number(s.capacity, lang, 0))
            )
            sums = text(
                "cli.register.other_plus_this",
                lang,
                other=format_number(s.other[t], lang, 0),
                this=format_number(s.this[t], lang, 0),
                total=format_number(s.total[t], lang, 0),
                unit=unit,
            )
            print(f"  {'':<40} {s.municipality_name}: {sums}; {cap}")
    print()
    if cum.contributors:
        print(text("cli.register.counted_granted_and_in_procedure", lang))
        for c in cum.contributors:
            print(f"  {c.reference}  {CASE_STATUS_LABELS[c.status][lang]:<13} {c.title}")
    else:
        print(text("cli.register.no_other_cases_in_these_municipalities", lang))
    from ber.cli.register_conditions_cmd import print_employer_beds

    print_employer_beds(cum, lang)
    if args.out:
        print(text("cli.register.written", lang, path=args.out))
    return 0
