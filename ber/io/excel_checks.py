"""Sheets of the results workbook for the checks beside the pressure (issue 11 items 3, 5):

* *Herkomst capaciteit* / *Capacity provenance*: one row per capacity figure with its
  value, unit, source, reference date (a real Excel date), supplier, age in months and
  note (verouderd / zonder peildatum);
* *Beleidsregels* / *Policy rules*: one row per municipal rule checked, with its limit,
  the computed value, the status (coloured: voldoet green, overschreden / niet gehaald
  red, onbekend grey) and its source. Shares are real numbers formatted as %.

Unknown is an empty cell, never a word among numbers.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from ber.case.figures import parse_date
from ber.engine.result import Assessment
from ber.io.excel import INT, OPT1, PCT1, STATUS_FILLS, XCell
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, unit_label
from ber.texts.messages import Lang

Table = tuple[list[str], list[list[Any]], dict[int, str]]
_SHARE_RULES = ("max_migrant_share", "min_host_share")
#: status of a check -> fill of its cell
_FILLS = {"ok": STATUS_FILLS["green"], "exceeded": STATUS_FILLS["red"], "unknown": STATUS_FILLS["grey"]}


def provenance_sheet_name(lang: Lang) -> str:
    return text("excel.checks.provenance_sheet", lang)


def policy_sheet_name(lang: Lang) -> str:
    return text("excel.checks.policy_sheet", lang)


def provenance_table(result: Assessment, lang: Lang) -> Table:
    headers = [
        text("excel.checks.col_code", lang),
        text("report.inputs.col_municipality", lang),
        text("report.checks.col_domain", lang),
        text("excel.checks.col_value", lang),
        text("excel.checks.col_unit", lang),
        text("report.checks.col_source", lang),
        text("report.checks.col_date", lang),
        text("report.checks.col_supplied_by", lang),
        text("excel.checks.col_age", lang),
        text("report.checks.col_note", lang),
    ]
    rows: list[list[Any]] = []
    for f in result.capacity_figures:
        date: _dt.date | str | None = parse_date(f.reference_date) or None
        note = text(f"report.checks.note.{f.note}", lang, months=f.age_months or 0) if f.note else ""
        rows.append(
            [
                f.municipality,
                f.municipality_name,
                DOMAIN_LABELS[f.domain][lang],
                f.value,
                unit_label(f.unit, lang),
                f.source,
                XCell(date, number_format="yyyy-mm-dd") if date else None,
                f.supplied_by,
                f.age_months,
                XCell(note, fill=STATUS_FILLS["amber"]) if note else "",
            ]
        )
    return headers, rows, {3: OPT1, 8: INT}


def policy_table(result: Assessment, lang: Lang) -> Table:
    headers = [
        text("excel.checks.col_code", lang),
        text("report.inputs.col_municipality", lang),
        text("report.checks.col_rule", lang),
        text("excel.checks.col_location", lang),
        text("report.checks.col_limit", lang),
        text("excel.checks.col_computed", lang),
        text("excel.checks.col_unit", lang),
        text("report.checks.col_status", lang),
        text("excel.checks.col_needed", lang),
        text("excel.checks.col_remark", lang),
        text("report.checks.col_source", lang),
    ]
    rows: list[list[Any]] = []
    for c in result.policy_checks:
        share = c.rule in _SHARE_RULES
        fmt = PCT1 if share else OPT1
        unit = {
            "max_migrant_share": "excel.checks.unit_share_inhabitants",
            "min_host_share": "excel.checks.unit_share_workers",
            "max_beds_per_location": "excel.checks.unit_beds",
            "min_floor_area_per_person_m2": "excel.checks.unit_m2",
        }[c.rule]
        status = "not_met" if c.rule.startswith("min_") and c.status == "exceeded" else c.status
        rows.append(
            [
                c.municipality,
                c.municipality_name,
                text(f"report.checks.rule.{c.rule}", lang),
                None if c.location is None else c.location + 1,
                XCell(c.limit, number_format=fmt),
                XCell(
                    c.value,
                    number_format=fmt if c.detail not in ("locations_needed", "floor_area_needed") else OPT1,
                ),
                text(unit, lang),
                XCell(text(f"report.checks.status.{status}", lang), fill=_FILLS[c.status]),
                c.needed,
                text(f"excel.checks.detail.{c.detail}", lang) if c.detail else "",
                c.source,
            ]
        )
    return headers, rows, {3: INT, 8: OPT1}


def site_sheet_name(lang: Lang) -> str:
    return text("excel.site.sheet", lang)


def site_table(result: Assessment, lang: Lang) -> Table:
    """Space, freight and energy at the chosen site, then the provincial plot-size rules
    (the rows of the report's section, ``ber.io.site_rows``)."""
    from ber.io.site_rows import fact_rows, rule_notes, rule_rows
    from ber.reference.data import load_reference

    f = result.site_facts
    headers = [text("excel.site.col_item", lang), text("excel.site.col_value", lang)]
    if f is None:
        return headers, [], {}
    rows: list[list[Any]] = [[label, value] for label, value in fact_rows(f, lang)]
    for (province, limit, plot, status), note in zip(
        rule_rows(f, lang), rule_notes(f, load_reference(), lang), strict=True
    ):
        rows.append([province, f"{limit} · {plot} · {status}"])
        rows.append(["", note])
    return headers, rows, {}
