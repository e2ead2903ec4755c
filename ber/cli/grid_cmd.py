"""``ber grid import CASE MAP.json [--apply]``: find each site of a case on the grid
operators' capacity map (the ``im-capaciteitskaart`` JSON, ``ber.io.capacity_map``).

Prints per site the energy area, how it was found (postcode or its four digits), the
available capacity, the queue and the congestion colour; with ``--apply`` saves the
figures in the case's ``sites[].grid`` (atomically). A bad map: every problem, exit 2,
nothing changed.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ber.case.model import load_case, save_case
from ber.cli.lang import h
from ber.io.site_rows import COLOUR_KEYS
from ber.texts.catalogue import text
from ber.texts.labels import format_number
from ber.texts.messages import Lang

MATCH_KEYS = {"postcode": "cli.grid.match.postcode", "pc4": "cli.grid.match.pc4"}


def register(sub: Any) -> None:
    p = sub.add_parser("grid", help=h("grid.help"))
    actions = p.add_subparsers(dest="grid_action", required=True, metavar="{import}")
    i = actions.add_parser("import", help=h("grid.import"))
    i.add_argument("case", help=h("assess.case_file_ber_or"))
    i.add_argument("map", help=h("grid.map"))
    i.add_argument("--apply", action="store_true", help=h("grid.apply"))
    i.set_defaults(func=run_import)


def _mw(value: float | None, lang: Lang) -> str:
    return text("cli.grid.unknown", lang) if value is None else f"{format_number(value, lang, 1)} MW"


def run_import(args: argparse.Namespace) -> int:
    from ber.case.validate_site import site_problems
    from ber.io.capacity_map import apply_map, read_capacity_map
    from ber.reference.data import load_reference
    from ber.texts.messages import InputError

    lang: Lang = args.lang
    case = load_case(Path(args.case))
    cmap = read_capacity_map(Path(args.map))  # every problem before anything else
    new, found = apply_map(case, cmap)
    for i, fig in found:
        site = case.sites[i]
        if not site.postcode:
            print(text("cli.grid.no_postcode", lang, site=site.name))
        elif fig is None:
            print(text("cli.grid.no_match", lang, site=site.name, postcode=site.postcode))
        else:
            print(
                text(
                    MATCH_KEYS[fig.match],
                    lang,
                    site=site.name,
                    postcode=site.postcode,
                    area=fig.area,
                    available=_mw(fig.available_mw, lang),
                    colour=text(COLOUR_KEYS[fig.colour], lang),
                    requests=fig.requests_in_queue if fig.requests_in_queue is not None else "-",
                    queue=_mw(fig.queue_mw, lang),
                )
            )
    print(
        text(
            "cli.grid.summary",
            lang,
            count=sum(1 for _, f in found if f is not None),
            source=cmap.source,
            date=cmap.issued,
        )
    )
    if not args.apply:
        print(text("cli.grid.dry_run", lang))
        return 0
    problems = site_problems(new, load_reference())  # the figures the map wrote
    if problems:
        raise InputError(problems)
    save_case(new, Path(args.case))
    print(text("cli.grid.applied", lang, path=args.case))
    return 0
