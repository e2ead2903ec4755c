"""``ber compare CASE --sites SITES``: rank candidate sites for a case."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ber.cli.common import add_case_argument, add_flag_options, add_value_options, case_in_context, write_json
from ber.cli.lang import h
from ber.io.atomic import STDOUT, check_outputs, write_output
from ber.texts.catalogue import text
from ber.texts.labels import STATUS_LABELS, format_number
from ber.texts.messages import Lang
from ber.texts.verdicts import percent_floor, pressure_text


def register(sub: Any) -> None:
    p = sub.add_parser("compare", help=h("compare.rank_candidate_sites_for"))
    add_case_argument(p)
    p.add_argument("--sites", required=True, help=h("compare.sites_geojson_geopackage_shapefile"))
    add_value_options(p, {"--geodata": "compare.geodata_file_or_folder"})
    p.add_argument("--region", choices=["case", "cutoff"], default="case", help=h("compare.case_the_case_s"))
    add_value_options(
        p,
        {
            "--out": "compare.write_the_ranking_json",
            "--csv": "compare.write_the_ranking_as",
            "--gpkg": "compare.write_the_ranking_as_2",
        },
    )
    add_flag_options(p, {"--quiet": "compare.print_no_table"})
    p.set_defaults(func=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    from ber.cli.geodata_cmd import print_notices
    from ber.geodata import compare_sites, read_sites

    lang: Lang = args.lang
    check_outputs({"--out": args.out, "--csv": args.csv, "--gpkg": args.gpkg}, inputs=[args.case, args.sites])
    case, ctx = case_in_context(args)
    sites = read_sites(Path(args.sites), lang)
    ranking = compare_sites(case, sites, ctx, region=args.region)
    print_notices(ranking.notices, lang)
    if args.out:
        write_json(args.out, ranking.to_dict())
    if args.csv:
        write_output(args.csv, ranking.to_csv_bytes(lang))
    if args.gpkg:
        from ber.io.gpkg import write_ranking_gpkg

        write_ranking_gpkg(Path(args.gpkg), ranking.sites, lang)
    if not args.quiet and STDOUT not in (args.out, args.csv):
        _print_table(ranking, lang)
    return 0


#: the columns of the ranking table after "#" (``cli.compare.column.<name>``)
COLUMNS = ("site", "host", "red", "amber", "unknown_share", "max_pressure", "vehicle_km")


def _print_table(ranking: Any, lang: Lang) -> None:
    head = ("#", *(text(f"cli.compare.column.{c}", lang) for c in COLUMNS))
    print(
        f"{head[0]:>3}  {head[1]:<32} {head[2]:<24} {head[3]:>5} {head[4]:>6} {head[5]:>14} "
        f"{head[6]:>22} {head[7]:>16}"
    )
    for s in ranking.sites:
        # the columns of the ranking rule, in its order (ber.engine.verdict.RankKey)
        pressure = pressure_text(s.max_pressure, s.no_capacity, lang) or format_number(None, lang, 2)
        unknown = percent_floor(s.unknown_share, lang)
        vkm = format_number(s.commute_vehicle_km_per_day, lang, 0)
        print(
            f"{s.rank:>3}  {s.name[:32]:<32} {s.host_name[:24]:<24} {s.red:>5} {s.amber:>6} {unknown:>14} "
            f"{pressure:>22} {vkm:>16}"
        )
    legend = STATUS_LABELS["red"][lang], STATUS_LABELS["amber"][lang]
    print(text("cli.compare.legend", lang, red=legend[0], amber=legend[1]))
