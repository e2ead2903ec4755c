"""``ber reference [--check]``: print or verify the reference data."""

from __future__ import annotations

import argparse
from typing import Any

from ber.cli.lang import h
from ber.reference.data import check_reference, load_reference
from ber.texts.labels import format_number, unit_label
from ber.texts.messages import InputError, translate


def register(sub: Any) -> None:
    p = sub.add_parser(
        "reference",
        help=h(
            "toon de referentiegegevens, of controleer ze met --check",
            "print the reference data, or --check it",
        ),
    )
    p.add_argument(
        "--check",
        action="store_true",
        help=h(
            "controleer de checksum en dat elke regel een bron of het aanname-teken heeft",
            "verify the checksum and that every row has a source or the assumption mark",
        ),
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
    nl = lang == "nl"
    print(("Referentiegegevens " if nl else "Reference data ") + ref.version)
    print(("Controlegetal (SHA-256): " if nl else "Checksum (SHA-256): ") + ref.checksum)
    print()
    for norm in ref.norms.values():
        value = format_number(norm.value, lang, 4).rstrip("0").rstrip(",.")
        low = format_number(norm.low, lang, 4).rstrip("0").rstrip(",.")
        high = format_number(norm.high, lang, 4).rstrip("0").rstrip(",.")
        print(f"{norm.key}")
        print(f"    {norm.label(lang)}: {value} {unit_label(norm.unit, lang)} ({low} – {high})")
        print(f"    {'bron' if nl else 'source'}: {ref.citation(norm.source, lang)}")
    print()
    print("Sectoren:" if nl else "Sectors:")
    for s in ref.sectors.values():
        print(
            f"  {s.key}: {s.label(lang)}; "
            f"{'aandeel arbeidsmigranten' if nl else 'migrant share'} "
            f"{format_number(s.migrant_share, lang, 2)} "
            f"({ref.citation(s.migrant_share_source, lang)}); "
            f"{format_number(s.m2_per_job, lang)} m² BVO "
            f"{'per baan' if nl else 'per job'} ({ref.citation(s.m2_per_job_source, lang)})"
        )
    print()
    print("Categorieën arbeidsmigranten:" if nl else "Migrant categories:")
    for c in ref.categories.values():
        print(f"  {c.key}: {c.label(lang)}")
    print()
    print("Gezinsmigratie-presets:" if nl else "Family-ratio presets:")
    for key, p in ref.presets.items():
        print(f"  {key}: {p['label_nl' if nl else 'label_en']}")
    print()
    print(("Regio (demo): " if nl else "Region (demo): ") + ref.citation(ref.municipalities.source))
    for code, name, dw in zip(
        ref.municipalities.codes, ref.municipalities.names, ref.municipalities.dwellings, strict=True
    ):
        print(f"  {code} {name}: {format_number(float(dw), lang)} {'woningen' if nl else 'dwellings'}")
    return 0
