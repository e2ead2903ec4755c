"""``ber compare CASE --sites SITES``: rank candidate sites for a case."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ber.case.model import load_case
from ber.cli.common import context_for, write_json
from ber.cli.lang import h
from ber.io.atomic import STDOUT, check_outputs, write_output
from ber.texts.labels import STATUS_LABELS, format_number
from ber.texts.messages import Lang


def register(sub: Any) -> None:
    p = sub.add_parser(
        "compare", help=h("rangschik kandidaat-locaties voor een zaak", "rank candidate sites for a case")
    )
    p.add_argument("case", help=h("zaakbestand (.ber) of rapport-PDF", "case file (.ber) or report PDF"))
    p.add_argument(
        "--sites",
        required=True,
        help=h(
            "locaties: GeoJSON, GeoPackage, Shapefile, zip of CSV (punten of vlakken)",
            "sites: GeoJSON, GeoPackage, Shapefile, zip or CSV (points or polygons)",
        ),
    )
    p.add_argument(
        "--geodata",
        help=h(
            "geodatabestand of -map voor deze berekening (standaard: de opgeslagen import)",
            "geodata file or folder for this run (default: the stored import)",
        ),
    )
    p.add_argument(
        "--region",
        choices=["case", "cutoff"],
        default="case",
        help=h(
            "case: de regio van de zaak voor elke locatie (standaard); cutoff: de gemeenten binnen "
            "de afkapafstand van elke locatie (om door het hele land te vergelijken)",
            "case: the case's region for every site (default); cutoff: the municipalities within "
            "the cut-off distance of each site (for a comparison across the country)",
        ),
    )
    p.add_argument(
        "--out",
        help=h(
            "schrijf de rangschikking als JSON (ber-ranking/1) naar dit bestand",
            "write the ranking JSON (ber-ranking/1) here",
        ),
    )
    p.add_argument(
        "--csv",
        help=h(
            "schrijf de rangschikking als CSV (puntkomma, decimale komma, voor Excel) naar dit bestand",
            "write the ranking as CSV (semicolon, decimal comma, for Excel) here",
        ),
    )
    p.add_argument(
        "--gpkg",
        help=h(
            "schrijf de rangschikking als GeoPackage (punten, EPSG:28992, met QGIS-opmaak) naar dit bestand",
            "write the ranking as a GeoPackage (points, EPSG:28992, with QGIS styles) here",
        ),
    )
    p.add_argument("--quiet", action="store_true", help=h("druk geen tabel af", "print no table"))
    p.set_defaults(func=run_compare)


def run_compare(args: argparse.Namespace) -> int:
    from ber.cli.geodata_cmd import print_notices
    from ber.geodata import compare_sites, read_sites

    lang: Lang = args.lang
    check_outputs({"--out": args.out, "--csv": args.csv, "--gpkg": args.gpkg}, inputs=[args.case, args.sites])
    case = load_case(Path(args.case))
    ctx = context_for(args.geodata)
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


def _print_table(ranking: Any, lang: Lang) -> None:
    nl = lang == "nl"
    head = (
        ("#", "Locatie", "Gastgemeente", "rood", "oranje", "max. druk", "voertuig-km/dag")
        if nl
        else ("#", "Site", "Host municipality", "red", "amber", "max. pressure", "vehicle-km/day")
    )
    print(f"{head[0]:>3}  {head[1]:<32} {head[2]:<24} {head[3]:>5} {head[4]:>6} {head[5]:>10} {head[6]:>16}")
    for s in ranking.sites:
        pressure = format_number(s.max_pressure, lang, 2)
        vkm = format_number(s.commute_vehicle_km_per_day, lang, 0)
        print(
            f"{s.rank:>3}  {s.name[:32]:<32} {s.host_name[:24]:<24} {s.red:>5} {s.amber:>6} {pressure:>10} {vkm:>16}"
        )
    legend = STATUS_LABELS["red"][lang], STATUS_LABELS["amber"][lang]
    print(
        (
            "(aantallen gemeente×domein met status {0} / {1})"
            if nl
            else "(counts of municipality×domain cells {0} / {1})"
        ).format(*legend)
    )
