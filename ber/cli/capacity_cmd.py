"""``ber capacity request CASE --out FORM.xlsx`` and ``ber capacity import CASE FORMS... [--apply]``:
ask the neighbouring municipalities for their spare capacity and read their answers back.

``import`` prints what would change (old -> new figure with source, reference date and
supplier) and a message per bad cell; with ``--apply`` and no problems it saves the case
(atomically). Any problem: exit 2 and nothing is changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ber.case.model import load_case, save_case
from ber.cli.common import context_for
from ber.cli.lang import h
from ber.io.atomic import check_outputs
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, format_number, unit_label
from ber.texts.messages import InputError, Lang


def register(sub: Any) -> None:
    p = sub.add_parser("capacity", help=h("capacity.ask_the_neighbours"))
    actions = p.add_subparsers(dest="capacity_action", required=True, metavar="{request,import}")
    r = actions.add_parser("request", help=h("capacity.request"))
    r.add_argument("case", help=h("assess.case_file_ber_or"))
    r.add_argument("--out", required=True, help=h("capacity.request_out"))
    r.add_argument("--geodata", help=h("compare.geodata_file_or_folder"))
    r.set_defaults(func=run_request)
    i = actions.add_parser("import", help=h("capacity.import"))
    i.add_argument("case", help=h("assess.case_file_ber_or"))
    i.add_argument("forms", nargs="+", help=h("capacity.forms"))
    i.add_argument("--apply", action="store_true", help=h("capacity.apply"))
    i.add_argument("--geodata", help=h("compare.geodata_file_or_folder"))
    i.set_defaults(func=run_import)


def _region(case: Any, geodata: str | None) -> tuple[list[str], list[str]]:
    """The case's region (its list, else the cut-off around the chosen site) with names."""
    from ber.engine.assess import check_case, region_codes
    from ber.engine.geometry import site_point
    from ber.engine.params import parameter_specs

    ctx = context_for(geodata)
    check_case(case, ctx)
    point = site_point(case.chosen_site(), ctx.table, ctx.locate)
    codes = region_codes(case, ctx, point, parameter_specs(case, ctx.ref)["gravity.cutoff_km"].central)
    return codes, [ctx.table.name(c) for c in codes]


def run_request(args: argparse.Namespace) -> int:
    from ber.io.capacity_form import write_request

    lang: Lang = args.lang
    check_outputs({"--out": args.out}, inputs=[args.case])
    case = load_case(Path(args.case))
    codes, names = _region(case, args.geodata)
    write_request(Path(args.out), case, codes, names, lang=lang)
    print(text("cli.capacity.request_written", lang, count=len(codes), path=args.out))
    return 0


def _figure(value: float | None, unit: str, lang: Lang) -> str:
    if value is None:
        return text("cli.capacity.unknown", lang)
    shown = format_number(value, lang, 0 if float(value).is_integer() else 2)
    return f"{shown} {unit_label(unit, lang)}"


def run_import(args: argparse.Namespace) -> int:
    from ber.engine.assess import check_case
    from ber.engine.domains import domain_unit
    from ber.io.capacity_form import apply_entries, form_changes, read_forms

    lang: Lang = args.lang
    case = load_case(Path(args.case))
    entries, problems = read_forms([Path(f) for f in args.forms], lang=lang)
    if problems:
        raise InputError(problems)
    ctx = context_for(args.geodata)
    changes = form_changes(case, entries)
    names = {c: ctx.table.name(c) for c in {ch.code for ch in changes} if c in ctx.table}
    for ch in changes:
        unit = domain_unit(ch.domain)
        old = None if ch.old is None else ch.old.value
        print(
            text(
                "cli.capacity.change",
                lang,
                municipality=f"{names.get(ch.code, ch.code)} ({ch.code})",
                domain=DOMAIN_LABELS[ch.domain][lang],
                old=_figure(old, unit, lang),
                new=_figure(ch.new.value, unit, lang),
                source=ch.new.source or "-",
                date=ch.new.reference_date or "-",
                supplied_by=ch.new.supplied_by or "-",
                file=Path(ch.file).name,
            )
        )
    print(text("cli.capacity.summary", lang, count=len(changes), rows=len(entries)))
    if not args.apply:
        if changes:
            print(text("cli.capacity.dry_run", lang))
        return 0
    if changes:
        new = apply_entries(case, entries)
        check_case(new, ctx)  # e.g. a code outside the geodata: nothing is saved
        save_case(new, Path(args.case))
        print(text("cli.capacity.applied", lang, path=args.case))
    return 0
