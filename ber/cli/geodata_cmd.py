"""``ber geodata import|info|clear``: the per-user store of municipality geodata."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from ber.cli.app import help_text
from ber.texts.catalogue import LangTable, text
from ber.texts.messages import Lang, Problem, translate

ROLE_LABELS: Mapping[str, dict[str, str]] = LangTable("cli.geodata.role.")


def _t(key: str, lang: Lang, **params: Any) -> str:
    return text(f"cli.geodata.{key}", lang, **params)


def register(sub: Any) -> None:
    p = sub.add_parser("geodata", help=help_text("geodata.import_municipality_boundaries_and"))
    actions = p.add_subparsers(dest="geodata_action", required=True, parser_class=type(p))
    imp = actions.add_parser("import", help=help_text("geodata.import_files_or_folders"))
    imp.add_argument("paths", nargs="+", help=help_text("geodata.files_or_folders_e"))
    imp.add_argument(
        "--map",
        action="append",
        default=[],
        metavar="ROLE=COLUMN,...",
        help=help_text("geodata.own_column_names_e"),
    )
    imp.add_argument(
        "--layer",
        default=None,
        metavar="NAME",
        help=help_text("geodata.layer"),
    )
    imp.add_argument(
        "--partial",
        action="store_true",
        help=help_text("geodata.partial"),
    )
    imp.set_defaults(func=run_import)
    info = actions.add_parser("info", help=help_text("geodata.show_what_is_stored"))
    info.set_defaults(func=run_info)
    clear = actions.add_parser("clear", help=help_text("geodata.remove_the_stored_geodata"))
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
