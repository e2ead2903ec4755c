"""``ber reference [--check]``: print or verify the reference data."""

from __future__ import annotations

import argparse
from typing import Any

from ber.cli.app import help_text
from ber.reference.data import check_reference, load_reference
from ber.texts.catalogue import text
from ber.texts.labels import format_number, unit_label
from ber.texts.messages import InputError, translate


def register(sub: Any) -> None:
    p = sub.add_parser("reference", help=help_text("reference.print_the_reference_data"))
    p.add_argument(
        "--check",
        action="store_true",
        help=help_text("reference.verify_the_checksum_and"),
    )
    p.set_defaults(func=run_reference)


def run_reference(args: argparse.Namespace) -> int:
    ref = load_reference()
    lang = args.lang
    if args.check:
        from ber.reference.national import dataset_entry, verify

        problems = check_reference(ref) + verify(ref.folder)
        if problems:
            raise InputError(problems)
        assumptions = sum(1 for n in ref.norms.values() if n.is_assumption)
        print(
            translate(
                "reference.ok",
                lang,
                version=ref.version,
                rows=len(ref.norms),
                checksum=ref.checksum[:16],
                assumptions=assumptions,
            )
        )
        entry = dataset_entry(ref.folder)
        print(
            translate(
                "reference.geodata_ok",
                lang,
                name=entry.get("name", ""),
                version=entry.get("version", ""),
                file=entry["file"],
                checksum=str(entry["sha256"])[:16],
            )
        )
        return 0
    print(text("cli.reference.reference_data", lang, version=ref.version))
    print(text("cli.reference.checksum_sha_256", lang, checksum=ref.checksum))
    print()
    for norm in ref.norms.values():
        value = format_number(norm.value, lang, 4).rstrip("0").rstrip(",.")
        low = format_number(norm.low, lang, 4).rstrip("0").rstrip(",.")
        high = format_number(norm.high, lang, 4).rstrip("0").rstrip(",.")
        print(f"{norm.key}")
        print(f"    {norm.label(lang)}: {value} {unit_label(norm.unit, lang)} ({low} – {high})")
        print(f"    {text('cli.reference.source', lang)}: {ref.citation(norm.source, lang)}")
    print()
    print(text("cli.reference.sectors", lang))
    for s in ref.sectors.values():
        print(
            f"  {s.key}: {s.label(lang)}; "
            f"{text('cli.reference.migrant_share', lang)} "
            f"{format_number(s.migrant_share, lang, 2)} "
            f"({ref.citation(s.migrant_share_source, lang)}); "
            f"{format_number(s.m2_per_job, lang)} m² BVO "
            f"{text('cli.reference.per_job', lang)} ({ref.citation(s.m2_per_job_source, lang)})"
        )
    print()
    print(text("cli.reference.migrant_categories", lang))
    for c in ref.categories.values():
        print(f"  {c.key}: {c.label(lang)}")
    print()
    print(text("cli.reference.family_ratio_presets", lang))
    for key, p in ref.presets.items():
        print(f"  {key}: {p[f'label_{lang}']}")
    print()
    print(text("cli.reference.region_demo", lang, source=ref.citation(ref.municipalities.source)))
    for code, name, dw in zip(
        ref.municipalities.codes, ref.municipalities.names, ref.municipalities.dwellings, strict=True
    ):
        print(f"  {code} {name}: {format_number(float(dw), lang)} {text('cli.reference.dwellings', lang)}")
    return 0
