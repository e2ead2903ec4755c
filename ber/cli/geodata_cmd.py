"""``ber geodata import|info|clear``: the per-user store of municipality geodata."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from ber.cli.lang import h
from ber.texts.messages import Lang, Problem, translate

TEXT: dict[str, dict[str, str]] = {
    "imported": {
        "nl": "Geïmporteerd: {count} gemeenten ({regions}); opgeslagen in {path}",
        "en": "Imported: {count} municipalities ({regions}); stored in {path}",
    },
    "regions": {
        "nl": "{prov} provincies, {am} arbeidsmarktregio's, {corop} COROP-gebieden",
        "en": "{prov} provinces, {am} labour-market regions, {corop} COROP regions",
    },
    "field": {"nl": "  {role}: {source}", "en": "  {role}: {source}"},
    "notice": {"nl": "Let op: {text}", "en": "Note: {text}"},
    "info": {
        "nl": "Geodata: {count} gemeenten, geïmporteerd {date} uit {paths}\nBestand: {path}",
        "en": "Geodata: {count} municipalities, imported {date} from {paths}\nFile: {path}",
    },
    "cleared": {"nl": "Opgeslagen geodata verwijderd.", "en": "Stored geodata removed."},
    "nothing": {"nl": "Er waren geen opgeslagen geodata.", "en": "There was no stored geodata."},
}

ROLE_LABELS = {
    "inhabitants": {"nl": "inwoners", "en": "inhabitants"},
    "households": {"nl": "huishoudens", "en": "households"},
    "dwellings": {"nl": "woningvoorraad", "en": "housing stock"},
}


def _t(key: str, lang: Lang, **params: Any) -> str:
    return TEXT[key][lang].format(**params)


def register(sub: Any) -> None:
    p = sub.add_parser(
        "geodata",
        help=h(
            "importeer een nieuwer jaar gemeentegrenzen en statistiek (per gebruiker bewaard)",
            "import a newer year of municipality boundaries and statistics (stored per user)",
        ),
    )
    actions = p.add_subparsers(dest="geodata_action", required=True, parser_class=type(p))
    imp = actions.add_parser(
        "import",
        help=h(
            "importeer bestanden of mappen (GeoPackage, GeoJSON, Shapefile, zip, CSV)",
            "import files or folders (GeoPackage, GeoJSON, Shapefile, zip, CSV)",
        ),
    )
    imp.add_argument(
        "paths",
        nargs="+",
        help=h(
            "bestanden of mappen, bijv. de map met gemeenten_2024.geojson",
            "files or folders, e.g. the folder with gemeenten_2024.geojson",
        ),
    )
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="ROLE=COLUMN,...",
        help=h(
            "eigen kolomnamen, bijv. code=GMCODE,dwellings=WONINGEN (rollen: code, name, inhabitants, "
            "households, dwellings, x, y, lon, lat, crs)",
            "own column names, e.g. code=GMCODE,dwellings=WONINGEN (roles: code, name, inhabitants, "
            "households, dwellings, x, y, lon, lat, crs)",
        ),
    )
    imp.add_argument(
        "--layer",
        default=None,
        metavar="NAME",
        help=h(
            "de grenzenlaag van een bestand met meerdere lagen (standaard: de laag met de naam "
            "gemeente…gegeneraliseerd, anders de ene vlakkenlaag met gemeentecodes)",
            "the boundary layer of a file with several layers (default: the layer named "
            "gemeente…gegeneraliseerd, else the one polygon layer with municipality codes)",
        ),
    )
    imp.add_argument(
        "--partial",
        action="store_true",
        help=h(
            "bewaar de import ook als die minder gemeenten heeft dan de huidige set",
            "store the import even when it has fewer municipalities than the current set",
        ),
    )
    imp.set_defaults(func=run_import)
    info = actions.add_parser("info", help=h("toon wat er bewaard is", "show what is stored"))
    info.set_defaults(func=run_info)
    clear = actions.add_parser(
        "clear",
        help=h(
            "verwijder de bewaarde geodata (terug naar de ingebouwde landelijke set)",
            "remove the stored geodata (back to the built-in national set)",
        ),
    )
    clear.set_defaults(func=run_clear)


def print_notices(notices: list[Problem], lang: Lang) -> None:
    for n in notices:
        print(_t("notice", lang, text=n.text(lang)), file=sys.stderr)


def run_import(args: argparse.Namespace) -> int:
    from ber.geodata import ColumnMapping, import_geodata, store_path

    lang: Lang = args.lang
    mapping = ColumnMapping.parse(args.map)
    geo = import_geodata([Path(p) for p in args.paths], mapping, layer=args.layer, partial=args.partial)
    print_notices(geo.notices, lang)
    regions = _t(
        "regions",
        lang,
        prov=len(geo.regions("provincie")),
        am=len(geo.regions("arbeidsmarktregio")),
        corop=len(geo.regions("corop")),
    )
    print(_t("imported", lang, count=len(geo.table), regions=regions, path=store_path()))
    for role, source in geo.fields.items():
        print(_t("field", lang, role=ROLE_LABELS[role][lang], source=source or "-"))
    return 0


def run_info(args: argparse.Namespace) -> int:
    from ber.geodata import read_manifest, store_path

    lang: Lang = args.lang
    doc = read_manifest()
    if doc is None:
        from ber.reference.national import load_national

        info = load_national().info
        name = f"{info.name}, {info.version}, SHA-256 {info.checksum[:16]}…"
        print(translate("geodata.none_stored", lang, name=name))
        return 0
    counts = doc.get("counts", {})
    print(
        _t(
            "info",
            lang,
            count=counts.get("municipalities", "?"),
            date=doc.get("imported_at", "?"),
            paths=", ".join(doc.get("imported_from", [])),
            path=store_path(),
        )
    )
    regions = _t(
        "regions",
        lang,
        prov=counts.get("provincie_regions", 0),
        am=counts.get("arbeidsmarktregio_regions", 0),
        corop=counts.get("corop_regions", 0),
    )
    print("  " + regions)
    for role, source in doc.get("fields", {}).items():
        if role in ROLE_LABELS:
            print(_t("field", lang, role=ROLE_LABELS[role][lang], source=source or "-"))
    notices = [
        Problem(str(n.get("code", "")), str(n.get("field", "")), dict(n.get("params", {})))
        for n in doc.get("notices", [])
    ]
    for n in notices:
        print("  " + _t("notice", lang, text=n.text(lang)))
    return 0


def run_clear(args: argparse.Namespace) -> int:
    from ber.geodata import clear_store

    print(_t("cleared" if clear_store() else "nothing", args.lang))
    return 0
