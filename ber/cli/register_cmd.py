"""``ber register add|list|show|set-status|export|cumulative``: the case register.

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

from ber.cli.lang import h
from ber.reference.data import sector_label
from ber.texts.messages import InputError, Lang, Problem


def register(sub: Any) -> None:
    p = sub.add_parser(
        "register",
        help=h(
            "het zaakregister (SQLite, of PostgreSQL voor een regio)",
            "the case register (SQLite, or PostgreSQL for a region)",
        ),
    )
    url_help = h(
        "registerdatabase: sqlite:///BESTAND of postgresql+psycopg://GEBRUIKER@SERVER/DB "
        "(standaard: BER_REGISTER_URL, anders register.sqlite in de gebruikersmap)",
        "register database: sqlite:///FILE or postgresql+psycopg://USER@HOST/DB "
        "(default: BER_REGISTER_URL, else register.sqlite in the user data folder)",
    )
    p.add_argument("--url", help=url_help)
    rsub = p.add_subparsers(dest="register_command", required=True, parser_class=type(p))

    a = rsub.add_parser(
        "add", help=h("beoordeel een zaak en registreer hem", "assess a case and register it")
    )
    a.add_argument("case", help=h("zaakbestand (.ber) of rapport-PDF", "case file (.ber) or report PDF"))
    a.add_argument(
        "--status",
        default="in_procedure",
        help=h(
            "in_procedure|granted|refused|withdrawn (of: in procedure, verleend, geweigerd, ingetrokken)",
            "in_procedure|granted|refused|withdrawn",
        ),
    )
    a.add_argument(
        "--officer",
        help=h(
            "behandelaar (standaard: meta.officer van de zaak)", "officer (default: meta.officer of the case)"
        ),
    )
    a.add_argument(
        "--reference",
        help=h(
            "zaaknummer (standaard: meta.reference van de zaak)",
            "zaaknummer (default: meta.reference of the case)",
        ),
    )
    a.add_argument("--received", help=h("datum van ontvangst, JJJJ-MM-DD", "date received, YYYY-MM-DD"))
    a.add_argument(
        "--decided", help=h("datum van het besluit, JJJJ-MM-DD", "date of the decision, YYYY-MM-DD")
    )
    a.add_argument(
        "--geodata",
        help=h("geodatabestand of -map voor de beoordeling", "geodata file or folder for the assessment"),
    )
    a.set_defaults(func=run_add)

    ls = rsub.add_parser("list", help=h("toon geregistreerde zaken", "list registered cases"))
    _filters(ls)
    ls.add_argument("--json", action="store_true", help=h("druk JSON af", "print JSON"))
    ls.set_defaults(func=run_list)

    sh = rsub.add_parser(
        "show",
        help=h(
            "toon één geregistreerde zaak met zijn geschiedenis", "show one registered case with its history"
        ),
    )
    sh.add_argument("reference", help=h("zaaknummer", "case reference (zaaknummer)"))
    sh.add_argument("--json", action="store_true", help=h("druk JSON af", "print JSON"))
    sh.set_defaults(func=run_show)

    st = rsub.add_parser(
        "set-status",
        help=h(
            "wijzig de status van een zaak (vastgelegd in de geschiedenis)",
            "change the status of a case (kept in the audit trail)",
        ),
    )
    st.add_argument("reference", help=h("zaaknummer", "case reference (zaaknummer)"))
    st.add_argument(
        "status",
        help=h(
            "in_procedure|granted|refused|withdrawn (of: in procedure, verleend, geweigerd, ingetrokken)",
            "in_procedure|granted|refused|withdrawn",
        ),
    )
    st.add_argument(
        "--why",
        required=True,
        help=h("reden (vastgelegd in de geschiedenis)", "reason (kept in the audit trail)"),
    )
    st.add_argument(
        "--who", help=h("uw naam (standaard: de inlognaam)", "your name (default: the login name)")
    )
    st.add_argument(
        "--expected-version",
        type=int,
        help=h(
            "weiger als de zaak niet meer deze versie heeft",
            "refuse when the case is no longer at this version",
        ),
    )
    st.set_defaults(func=run_set_status)

    ex = rsub.add_parser(
        "export", help=h("exporteer het register naar .xlsx of .csv", "export the register to .xlsx or .csv")
    )
    ex.add_argument("out", help=h("UIT.xlsx of UIT.csv", "OUT.xlsx or OUT.csv"))
    _filters(ex)
    ex.set_defaults(func=run_export)

    up = rsub.add_parser(
        "upgrade",
        help=h(
            "maak of werk de tabellen van het register bij (op PostgreSQL: als eigenaar van het schema)",
            "create or upgrade the register's tables (on PostgreSQL: as the schema's owner role)",
        ),
    )
    up.set_defaults(func=run_upgrade)

    cu = rsub.add_parser(
        "cumulative",
        help=h(
            "cumulatieve druk van een zaak samen met de geregistreerde zaken",
            "cumulative pressure of a case with the registered cases",
        ),
    )
    cu.add_argument("case", help=h("zaakbestand (.ber) of rapport-PDF", "case file (.ber) or report PDF"))
    cu.add_argument(
        "--out",
        help=h(
            "schrijf de cumulatieve uitkomst als JSON naar dit bestand",
            "write the cumulative result as JSON here",
        ),
    )
    cu.add_argument(
        "--exclude",
        help=h(
            "laat deze geregistreerde zaak weg (standaard: het eigen zaaknummer)",
            "leave this registered case out (default: the case's own reference)",
        ),
    )
    cu.add_argument(
        "--geodata",
        help=h("geodatabestand of -map voor de beoordeling", "geodata file or folder for the assessment"),
    )
    cu.set_defaults(func=run_cumulative)
    # --url may also follow the action (like --lang); "not given" there keeps an earlier --url
    for action in rsub.choices.values():
        action.add_argument("--url", default=argparse.SUPPRESS, help=url_help)


def _filters(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--municipality",
        help=h(
            "GM-code: vestigingsgemeente of waar werknemers wonen",
            "GM code: host municipality or where workers live",
        ),
    )
    p.add_argument(
        "--status", action="append", help=h("status (herhaal voor meerdere)", "status (repeat for several)")
    )
    p.add_argument("--sector", help=h("sector, bijv. distribution", "sector, e.g. distribution"))
    p.add_argument(
        "--year", type=int, help=h("jaar waarin de aanvraag binnenkwam", "year the application was received")
    )
    p.add_argument(
        "--operating-year",
        type=int,
        help=h("het bedrijf is in dit jaar in bedrijf", "the business operates in this year"),
    )
    p.add_argument(
        "--search",
        help=h(
            "tekst in zaaknummer, titel, bedrijf of behandelaar",
            "text in reference, title, business or officer",
        ),
    )


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
    from ber.cli.common import check_text_option
    from ber.register import Register

    for name in _TEXT_OPTIONS:  # text stored or searched must be valid Unicode
        value = getattr(args, name, None)
        check_text_option(
            f"--{name}" if name not in ("reference", "status") else name,
            value if isinstance(value, str) else None,
        )

    return Register.open(args.url)


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


def _t(lang: Lang, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def run_upgrade(args: argparse.Namespace) -> int:
    """Bring the register's schema to this BER-desk's revision and say where it stands."""
    from ber.register import Register
    from ber.register import db as regdb

    with Register.open(args.url) as reg, reg.engine.connect() as conn:
        revision = regdb.current_revision(conn)
        url = reg.url
    lang: Lang = args.lang
    print(
        _t(
            lang,
            f"Register {url}: schema {revision} (actueel)",
            f"Register {url}: schema {revision} (current)",
        )
    )
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
            _t(args.lang, "Geregistreerd: ", "Registered: ")
            + f"{rc.reference} ({rc.summary.status_label(args.lang)}, "
            + _t(args.lang, "versie ", "version ")
            + f"{rc.version}) in {reg.url}"
        )
    return 0


def _print_table(summaries: list[Any], lang: Lang) -> None:
    from ber.texts.labels import STATUS_LABELS

    if not summaries:
        print(_t(lang, "Geen zaken gevonden.", "No cases found."))
        return
    head = [
        _t(lang, "Zaaknummer", "Reference"),
        "Status",
        _t(lang, "Gemeente", "Municipality"),
        "Sector",
        _t(lang, "Ontvangen", "Received"),
        _t(lang, "Jaren", "Years"),
        _t(lang, "Oordeel (rood/oranje)", "Verdict (red/amber)"),
        _t(lang, "Titel", "Title"),
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
    widths = [max(len(str(r[i])) for r in [head, *rows]) for i in range(len(head))]
    for r in [head, *rows]:
        print("  ".join(str(v).ljust(w) for v, w in zip(r, widths, strict=True)).rstrip())
    print(_t(lang, f"{len(rows)} zaak/zaken", f"{len(rows)} case(s)"))


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
    s = rc.summary
    if args.json:
        doc = s.to_dict() | {
            "case_sha256": rc.case_sha256,
            "reference_version": rc.reference_version,
            "app_version": rc.app_version,
            "history": [h.to_dict() for h in history],
            "case": json.loads(rc.case_json),
        }
        print(json.dumps(doc, indent=2, ensure_ascii=False))
        return 0
    lines = [
        (_t(lang, "Zaaknummer", "Reference"), s.reference),
        (_t(lang, "Titel", "Title"), s.title),
        (_t(lang, "Bedrijf", "Business"), f"{s.business_name} ({sector_label(s.sector, lang)})"),
        (_t(lang, "Vestiging", "Host municipality"), f"{s.host_name} ({s.host_municipality})"),
        ("Status", s.status_label(lang)),
        (_t(lang, "Ontvangen", "Received"), s.received.isoformat() if s.received else "-"),
        (_t(lang, "Besluit", "Decided"), s.decided.isoformat() if s.decided else "-"),
        (_t(lang, "Behandelaar", "Officer"), s.officer),
        (_t(lang, "Jaren", "Years"), f"{s.start_year}–{s.last_year} ({s.full_operation_year})"),
        (_t(lang, "Versie", "Version"), str(s.version)),
        (_t(lang, "Referentiegegevens", "Reference data"), rc.reference_version),
        ("SHA-256", rc.case_sha256),
    ]
    for k, v in lines:
        print(f"{k + ':':<22} {v}")
    print()
    print(_t(lang, f"Oordeel (jaar {s.full_operation_year}):", f"Verdict (year {s.full_operation_year}):"))
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
    print(_t(lang, "Geschiedenis:", "History:"))
    for entry in history:
        old = "" if entry.old_status is None else f"{entry.old_status} → "
        why = f": {entry.why}" if entry.why else ""
        print(
            f"  {entry.at:%Y-%m-%d %H:%M} UTC  v{entry.version}  {entry.event:<12} {old}{entry.new_status}"
            f"  ({entry.display_who}){why}"
        )
    return 0


def run_set_status(args: argparse.Namespace) -> int:
    who = args.who or _login()
    with _open(args) as reg:
        s = reg.set_status(
            args.reference, args.status, who=who, why=args.why, expected_version=args.expected_version
        )
    print(
        f"{s.reference}: {s.status_label(args.lang)} ("
        + _t(args.lang, "versie ", "version ")
        + f"{s.version})"
    )
    return 0


def run_export(args: argparse.Namespace) -> int:
    with _open(args) as reg:
        n = reg.export(Path(args.out), lang=args.lang, **_filter_kwargs(args))
    print(_t(args.lang, f"Geschreven: {args.out} ({n} zaak/zaken)", f"Written: {args.out} ({n} cases)"))
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
    print(_t(lang, f"Cumulatieve effecten, jaar {year}", f"Cumulative effects, year {year}"))
    word = _t(lang, "druk", "pressure")
    head = _t(lang, "zonder deze zaak", "without this case"), _t(lang, "met deze zaak", "with this case")
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
                _t(lang, "capaciteit onbekend", "capacity unknown")
                if s.capacity is None
                else _t(lang, "vrije capaciteit ", "spare capacity ") + format_number(s.capacity, lang, 0)
            )
            print(
                f"  {'':<40} {s.municipality_name}: {format_number(s.other[t], lang, 0)} "
                + _t(lang, "andere zaken", "other cases")
                + f" + {format_number(s.this[t], lang, 0)} "
                + _t(lang, "deze zaak", "this case")
                + f" = {format_number(s.total[t], lang, 0)} {unit}; {cap}"
            )
    print()
    if cum.contributors:
        print(_t(lang, "Meegeteld (verleend en in procedure):", "Counted (granted and in procedure):"))
        for c in cum.contributors:
            print(f"  {c.reference}  {CASE_STATUS_LABELS[c.status][lang]:<13} {c.title}")
    else:
        print(_t(lang, "Geen andere zaken in deze gemeenten.", "No other cases in these municipalities."))
    if args.out:
        print(_t(lang, "Geschreven: ", "Written: ") + args.out)
    return 0
