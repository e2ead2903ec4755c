"""The *Kwalitatief oordeel* / *Qualitative assessment* sheet of the results workbook.

One row per theme (``reference_data/qualitative_themes.json``, then any other theme
the case holds): its key, name, the officer's rating (geen / beperkt / aanzienlijk or
niet beoordeeld), the evidence, the source, and whether the employer declared the
evidence in the intake. The header says the rating is the officer's, not computed.
Written only when the case holds an assessment.
"""

from __future__ import annotations

from typing import Any

from ber.case.model import Case
from ber.case.qualitative import rating_label, theme_keys
from ber.reference.themes import load_themes
from ber.texts.catalogue import text
from ber.texts.messages import Lang

Table = tuple[list[str], list[list[Any]], dict[int, str]]


def qualitative_sheet_name(lang: Lang) -> str:
    return text("excel.qualitative.sheet", lang)


def has_qualitative(case: Case) -> bool:
    return any(not item.is_empty() for item in case.qualitative.values())


def qualitative_table(case: Case, lang: Lang) -> Table:
    themes = load_themes()
    headers = [
        text("excel.qualitative.col_key", lang),
        text("excel.qualitative.col_theme", lang),
        text("excel.qualitative.col_rating", lang),
        text("excel.qualitative.col_evidence", lang),
        text("excel.qualitative.col_source", lang),
        text("excel.qualitative.col_declared", lang),
    ]
    rows: list[list[Any]] = []
    for key in theme_keys(case.qualitative):
        item = case.qualitative.get(key)
        declared = f"qualitative.{key}.evidence" in case.meta.declared_by_employer
        rows.append(
            [
                key,
                themes.label(key, lang),
                rating_label(item, lang),
                (item.evidence.strip() if item is not None else "") or None,
                (item.source.strip() if item is not None else "") or None,
                text("excel.qualitative.yes", lang) if declared else None,
            ]
        )
    return headers, rows, {}
