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


def run_import(args: argparse.Namespace) -> int:
    from ber.case.validate_site import site_problems
    from ber.io.capacity_map import read_capacity_map
    from ber.io.grid_match import match_sites, mw_text, queue_count
    from ber.reference.data import load_reference
    from ber.texts.messages import InputError

    lang: Lang = args.lang
    case = load_case(Path(args.case))
    cmap = read_capacity_map(Path(args.map))  # every problem before anything else
    got = match_sites(case, cmap)  # the matching the desktop's import shares
    for site in got.sites:
        fig = site.figure
        if site.kind == "no_postcode":
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
                    available=mw_text(fig.available_mw, lang),
                    colour=text(COLOUR_KEYS[fig.colour], lang),
                    requests=queue_count(fig),
                    queue=mw_text(fig.queue_mw, lang),
                )
            )
    print(text("cli.grid.summary", lang, count=got.found, source=cmap.source, date=cmap.issued))
    if not args.apply:
        print(text("cli.grid.dry_run", lang))
        return 0
    problems = site_problems(got.case, load_reference())  # the figures the map wrote
    if problems:
        raise InputError(problems)
    save_case(got.case, Path(args.case))
    print(text("cli.grid.applied", lang, path=args.case))
    return 0
