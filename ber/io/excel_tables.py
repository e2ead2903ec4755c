"""Sheets of the results workbook kept apart from ``ber.io.excel`` (module size):
the tidy municipality table and the parameters.

*Gemeenten (tabel)* / *Municipalities (table)*: one row per municipality and, per
domain, demand, capacity, pressure and status of the full-operation year, ready for
a join (in QGIS or Excel) on the CBS code. An unknown capacity or pressure is an
empty cell with its status beside it, never a word in a column of numbers.
"""

from __future__ import annotations

from typing import Any

from ber.engine.domains import domain_unit
from ber.engine.result import Assessment
from ber.io.excel import DEC1, OPT1, OPT3, PCT, PCT1, status_cell
from ber.io.result_table import domains, municipality_records
from ber.reference.data import source_label
from ber.texts.labels import DOMAIN_LABELS, unit_label
from ber.texts.messages import Lang

Table = tuple[list[str], list[list[Any]], dict[int, str]]


def _t(lang: Lang, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def tidy_sheet_name(lang: Lang) -> str:
    return _t(lang, "Gemeenten (tabel)", "Municipalities (table)")


def tidy_municipalities(result: Assessment, lang: Lang) -> Table:
    """Headers, rows and number formats of the one-row-per-municipality sheet."""
    headers = [
        _t(lang, "Gemeentecode", "Code"),
        _t(lang, "Gemeente", "Municipality"),
        _t(lang, "Jaar (volledig in bedrijf)", "Year (full operation)"),
        _t(lang, "Afstand tot locatie (km)", "Distance to site (km)"),
        _t(lang, "Aandeel woonplaats (%)", "Residence share (%)"),
    ]
    formats: dict[int, str] = {3: DEC1, 4: PCT1}
    pressure = _t(lang, "druk (% van de vrije capaciteit)", "pressure (% of spare capacity)")
    for d in domains():
        unit = unit_label(domain_unit(d), lang)
        label = DOMAIN_LABELS[d][lang]
        first = len(headers)
        headers += [
            f"{label} – {_t(lang, 'vraag', 'demand')} ({unit})",
            f"{label} – {_t(lang, 'vrije capaciteit', 'spare capacity')} ({unit})",
            f"{label} – {pressure}",
            f"{label} – status",
        ]
        formats |= {first: DEC1, first + 1: OPT1, first + 2: PCT}
    rows = []
    for rec in municipality_records(result):
        row: list[Any] = [rec["code"], rec["name"], rec["year"], rec["distance_km"], rec["residence_share"]]
        for d in domains():
            row += [
                rec[f"{d}_demand"],
                rec[f"{d}_capacity"],  # None: an empty cell (the status says unknown)
                rec[f"{d}_pressure"],
                status_cell(rec[f"{d}_status"], lang),
            ]
        rows.append(row)
    return headers, rows, formats


def parameters(result: Assessment, lang: Lang) -> Table:
    """The parameters used, with units and source names in the workbook's language."""
    headers = [
        _t(lang, "Parameter", "Parameter"),
        _t(lang, "Sleutel", "Key"),
        _t(lang, "Waarde", "Value"),
        _t(lang, "Laag", "Low"),
        _t(lang, "Hoog", "High"),
        _t(lang, "Eenheid", "Unit"),
        _t(lang, "Bron", "Source"),
        _t(lang, "Bronvermelding", "Citation"),
        _t(lang, "Aanname", "Assumption"),
        _t(lang, "Aangepast", "Overridden"),
        _t(lang, "Onderbouwing", "Justification"),
    ]
    yes, no = _t(lang, "ja", "yes"), _t(lang, "nee", "no")
    rows = [
        [
            p.label_nl if lang == "nl" else p.label_en,
            p.key,
            p.value,
            p.low,
            p.high,
            unit_label(p.unit, lang),
            source_label(p.source, lang),
            p.citation if p.source not in ("assumption", "case") else "",
            yes if p.assumption else no,
            yes if p.overridden else no,
            p.justification,
        ]
        for p in result.parameters
    ]
    return headers, rows, {2: OPT3 + "#", 3: OPT3 + "#", 4: OPT3 + "#"}
