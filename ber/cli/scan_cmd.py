"""``ber scan CASE --within AREA | --sites FILE``: where does the business fit best.

Evaluates the case with every municipality of the area as host (the site at the
municipality's centroid), or at every point of a file, each with its own cut-off
region, and ranks them by the one ranking rule (``ber.engine.verdict.RankKey``).
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ber.cli.common import add_case_argument, add_flag_options, add_value_options, case_in_context, write_json
from ber.cli.lang import h
from ber.io.atomic import STDOUT, check_outputs
from ber.texts.catalogue import text
from ber.texts.labels import STATUS_LABELS, format_number
from ber.texts.messages import Lang
from ber.texts.verdicts import percent_floor, pressure_text

#: rows printed unless ``--top`` says otherwise
DEFAULT_TOP = 20
TOP_RANGE = (0, 100_000)


def register(sub: Any) -> None:
    p = sub.add_parser("scan", help=h("scan.where_does_it_fit"))
    add_case_argument(p)
    where = p.add_mutually_exclusive_group(required=True)
    where.add_argument("--within", help=h("scan.within_area"))
    where.add_argument("--sites", help=h("scan.sites_file"))
    add_value_options(p, {"--geodata": "compare.geodata_file_or_folder"})
    p.add_argument("--region", choices=["cutoff", "case"], default="cutoff", help=h("scan.region_mode"))
    add_value_options(
        p,
        {
            "--json": "scan.write_json",
            "--csv": "scan.write_csv",
            "--gpkg": "scan.write_gpkg",
        },
    )
    p.add_argument("--top", type=int, default=DEFAULT_TOP, help=h("scan.top_rows"))
    add_flag_options(p, {"--quiet": "compare.print_no_table"})
    p.set_defaults(func=run_scan)


def run_scan(args: argparse.Namespace) -> int:
    from ber.cli.common import check_int_option
    from ber.engine.scan import scan

    lang: Lang = args.lang
    check_int_option("--top", args.top, *TOP_RANGE)
    inputs = [args.case] + ([args.sites] if args.sites else [])
    check_outputs({"--json": args.json, "--csv": args.csv, "--gpkg": args.gpkg}, inputs=inputs)
    if args.gpkg == STDOUT:
        from ber.texts.messages import InputError, Problem

        raise InputError([Problem("scan.gpkg_stdout", "--gpkg")])
    case, ctx = case_in_context(args)
    if args.sites:
        from ber.geodata.compare import file_hosts

        hosts, area, notices = file_hosts(case, ctx, Path(args.sites), lang)
        hosts_from = "sites"
    else:
        from ber.engine.scan import municipality_hosts
        from ber.engine.scan_area import resolve_area

        found = resolve_area(ctx, args.within)
        hosts, area, notices = municipality_hosts(ctx, found.members), found.to_dict(), []
        hosts_from = "municipalities"
    result = scan(case, hosts, ctx, area=area, hosts_from=hosts_from, region=args.region)
    if notices:
        from ber.cli.geodata_cmd import print_notices

        print_notices(notices, lang)
    if args.json:
        write_json(args.json, result.to_dict())
    if args.csv:
        from ber.io.scan_io import write_scan_csv

        write_scan_csv(args.csv, result, lang)
    if args.gpkg:
        from ber.io.scan_io import write_scan_gpkg

        polygons = ctx.geo.boundaries_rd() if ctx.geo is not None else None
        write_scan_gpkg(Path(args.gpkg), result, polygons, lang)
    if not args.quiet and STDOUT not in (args.json, args.csv):
        _print_table(result, args.top, lang)
    return 0


def _print_table(result: Any, top: int, lang: Lang) -> None:
    area = result.area.get("name") or result.area.get("code", "")
    print(
        text(
            "cli.scan.heading",
            lang,
            count=len(result.rows),
            area=area,
            km=format_number(result.cutoff_km, lang, 0),
            year=result.full_operation_year,
        )
    )
    by_site = result.hosts_from != "municipalities"  # hosts by municipality: the site is its centroid
    columns: tuple[str, ...] = ("site", "host") if by_site else ("host",)
    columns += ("red", "amber", "unknown_share", "max_pressure", "vehicle_km")
    head = [f"{'#':>3}", *(text(f"cli.compare.column.{c}", lang) for c in columns)]
    widths = ([-32, -24] if by_site else [-24]) + [5, 6, 14, 22, 16]
    print("  ".join([head[0], " ".join(_cell(v, w) for v, w in zip(head[1:], widths, strict=True))]))
    shown = result.rows if top == 0 else result.rows[:top]
    for s in shown:
        pressure = pressure_text(s.max_pressure, s.no_capacity, lang) or format_number(None, lang, 2)
        values = [s.name, s.host_name] if by_site else [s.host_name]
        values += [
            str(s.red),
            str(s.amber),
            percent_floor(s.unknown_share, lang),
            pressure,
            format_number(s.commute_vehicle_km_per_day, lang, 0),
        ]
        print(f"{s.rank:>3}  " + " ".join(_cell(v, w) for v, w in zip(values, widths, strict=True)))
    if len(shown) < len(result.rows):
        print(text("cli.scan.more_rows", lang, count=len(result.rows) - len(shown)))
    legend = STATUS_LABELS["red"][lang], STATUS_LABELS["amber"][lang]
    print(text("cli.compare.legend", lang, red=legend[0], amber=legend[1]))
    print(text("cli.scan.not_advice", lang))


def _cell(value: str, width: int) -> str:
    """Left-aligned (negative width, cut to fit) or right-aligned text."""
    if width < 0:
        return f"{value[:-width]:<{-width}}"
    return f"{value:>{width}}"
