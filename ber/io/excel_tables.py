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
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, unit_label
from ber.texts.messages import Lang

Table = tuple[list[str], list[list[Any]], dict[int, str]]


def tidy_sheet_name(lang: Lang) -> str:
    return text("excel.tidy.municipalities_table", lang)


def tidy_municipalities(result: Assessment, lang: Lang) -> Table:
    """Headers, rows and number formats of the one-row-per-municipality sheet."""
    headers = [
        text("excel.code", lang),
        text("excel.municipality", lang),
        text("excel.tidy.year_full_operation", lang),
        text("excel.distance_to_site_km", lang),
        text("excel.residence_share", lang),
    ]
    formats: dict[int, str] = {3: DEC1, 4: PCT1}
    pressure = text("excel.tidy.pressure_of_spare_capacity", lang)
    for d in domains():
        unit = unit_label(domain_unit(d), lang)
        label = DOMAIN_LABELS[d][lang]
        first = len(headers)
        headers += [
            f"{label} – {text('excel.tidy.demand', lang)} ({unit})",
            f"{label} – {text('excel.tidy.spare_capacity', lang)} ({unit})",
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
        text("excel.parameter", lang),
        text("excel.key", lang),
        text("excel.value", lang),
        text("excel.low", lang),
        text("excel.high", lang),
        text("excel.unit", lang),
        text("excel.source", lang),
        text("excel.citation", lang),
        text("excel.assumption", lang),
        text("excel.overridden", lang),
        text("excel.justification", lang),
    ]
    yes, no = text("excel.yes", lang), text("excel.no", lang)
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
