"""Excel export of an assessment, and the table helpers other exports reuse.

:func:`export_result_xlsx` writes one workbook with the sheets *Samenvatting*,
*Gemeenten* (one row per municipality and domain), *Gemeenten (tabel)* (one row per
municipality, ready for a join; ``ber.io.excel_tables``), *Per jaar*, *Locaties*
(when sites were ranked), *Onzekerheid* and *Gevoeligheid* (when sampled) and
*Parameters* (English names with ``lang="en"``). Unknown numbers are empty cells
with the status beside them. ``ber assess CASE --xlsx OUT.xlsx`` writes the same
workbook as the desktop app.

Reusable helpers (the case-register export uses them):

``new_workbook(title, lang, subject="")``
    an empty workbook with document properties (title, creator "BER-desk").
``write_table_sheet(ws, headers, rows, number_formats=None)``
    writes one table from row 1: bold header row with a grey fill (put the unit in
    the header text, e.g. ``"Vraag (bedden)"``), data from row 2, frozen header row
    (``A2``), an auto-filter over the whole table, column widths fitted to the text,
    and a print setup (A4 landscape, one page wide, header row on every page).
    ``rows`` holds plain values (``str``, ``int``, ``float``, ``None`` -> empty cell)
    or :class:`XCell` for a per-cell number format, fill colour, italic, colour or
    alignment.
    ``number_formats`` maps a column index (0-based) to an Excel format code such
    as ``"#,##0"``, ``"#,##0.0"``, ``"0%"`` or, for dates, ``"dd-mm-yyyy"``; Excel shows these with the user's
    locale separators (Dutch: ``1.234,5``), so the file itself is locale-free.
``status_cell(status, lang)``
    a traffic-light cell: the status word (groen/oranje/rood/onbekend) on its colour.
``workbook_bytes(wb)``
    the workbook as bytes, to write with :func:`ber.io.atomic.atomic_write_bytes`.
"""

from __future__ import annotations

import datetime as dt
import io
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.case.model import Case
from ber.engine.domains import domain_keys
from ber.engine.metrics import metric, metric_keys
from ber.engine.result import Assessment
from ber.engine.rounding import number_format
from ber.io.atomic import atomic_write_bytes
from ber.texts.catalogue import text as txt
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, STATUS_MEANING, TOTAL_LABELS, unit_label
from ber.texts.messages import Lang
from ber.texts.verdicts import coverage_text, pressure_text

if TYPE_CHECKING:
    from openpyxl import Workbook
    from openpyxl.worksheet.worksheet import Worksheet

#: Excel's own "good / neutral / bad" fills, and grey for unknown
STATUS_FILLS: dict[str, str] = {"green": "C6EFCE", "amber": "FFEB9C", "red": "FFC7CE", "grey": "D9D9D9"}
HEADER_FILL = "E7E6E6"
INT = "#,##0"
DEC1 = "#,##0.0"
OPT1 = "#,##0.#"  # one decimal when there is one (whole numbers show without)
OPT3 = "#,##0.###"
PCT = "0%"
PCT1 = "0.0%"
MAX_WIDTH = 50  # characters; longer text wraps


@dataclass(frozen=True)
class XCell:
    """A cell value with optional formatting for :func:`write_table_sheet`."""

    value: Any
    number_format: str | None = None
    fill: str | None = None  # RRGGBB
    italic: bool = False
    bold: bool = False
    color: str | None = None  # font colour RRGGBB
    align: str | None = None  # "right" for a word in a column of numbers, e.g. 'onbekend'


def new_workbook(title: str, lang: Lang = "nl", subject: str = "") -> Workbook:
    from openpyxl import Workbook

    wb = Workbook()
    props = wb.properties
    props.title = title
    props.creator = "BER-desk"
    props.lastModifiedBy = "BER-desk"
    props.subject = subject
    props.language = {"nl": "nl-NL", "en": "en-GB"}[lang]  # a locale code, not prose
    props.keywords = "BER-desk; bedrijfseffectrapportage"
    return wb


def workbook_bytes(wb: Workbook) -> bytes:
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def status_cell(status: str, lang: Lang = "nl") -> XCell:
    return XCell(
        STATUS_LABELS.get(status, STATUS_LABELS["grey"])[lang], fill=STATUS_FILLS.get(status, "D9D9D9")
    )


def write_table_sheet(
    ws: Worksheet,
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    number_formats: Mapping[int, str] | None = None,
) -> None:
    """Write a formatted table (see the module docstring) to an empty worksheet."""
    from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
    from openpyxl.utils import get_column_letter

    formats = dict(number_formats or {})
    bold = Font(bold=True)
    fill = PatternFill("solid", fgColor=HEADER_FILL)
    line = Border(bottom=Side(style="thin", color="808080"))
    # headers wrap: a long header needs no wider column than about 24 characters
    widths = [max(8, min(24, len(str(h)) + 2)) for h in headers]
    number_align = Alignment(horizontal="right", indent=1, vertical="top")
    text_align = Alignment(vertical="top")
    wrap_align = Alignment(wrap_text=True, vertical="top")
    wrapped: list[tuple[int, int, int]] = []  # (row, column, characters) of wrapped cells
    for j, text in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=j, value=text)
        cell.font = bold
        cell.fill = fill
        cell.border = line
        right = str(text).isdigit()  # year columns sit above right-aligned numbers
        cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="right" if right else None)
    for i, row in enumerate(rows, start=2):
        for j, item in enumerate(row, start=1):
            x = item if isinstance(item, XCell) else XCell(item)
            value = x.value
            if isinstance(value, float) and value != value:
                value = None
            cell = ws.cell(row=i, column=j, value=value)
            fmt = x.number_format or formats.get(j - 1)
            if fmt and isinstance(value, int | float) and not isinstance(value, bool):
                cell.number_format = _fit_format(fmt, value)
            elif fmt and isinstance(value, dt.date | dt.time):
                cell.number_format = fmt  # e.g. "dd-mm-yyyy"
            if x.fill:
                cell.fill = PatternFill("solid", fgColor=x.fill)
            if x.italic or x.bold or x.color:
                cell.font = Font(italic=x.italic, bold=x.bold, color=x.color)
            shown = len(f"{value:,.2f}") if isinstance(value, float) else len(str(value or ""))
            if isinstance(value, int | float) and not isinstance(value, bool):
                cell.alignment = number_align  # a little room before the unit in the next column
            elif shown > MAX_WIDTH:
                cell.alignment = wrap_align  # long text wraps instead of widening the column
                wrapped.append((i, j, shown))
            elif x.align:
                cell.alignment = Alignment(horizontal=x.align, indent=1, vertical="top")
            else:
                cell.alignment = text_align
            widths[j - 1] = max(widths[j - 1], min(MAX_WIDTH, shown + 2))
    for j, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(j)].width = width
    lines = max(
        (math.ceil(len(str(h)) / max(1, w - 2)) for h, w in zip(headers, widths, strict=True)), default=1
    )
    ws.row_dimensions[1].height = 15 * max(1, lines)
    heights: dict[int, int] = {}
    for i, j, shown in wrapped:  # spreadsheet programs do not grow these rows by themselves
        heights[i] = max(heights.get(i, 1), math.ceil(shown / max(1, widths[j - 1] - 2)))
    for i, n in heights.items():
        ws.row_dimensions[i].height = 15 * n
    ws.freeze_panes = "A2"
    # printing: landscape, one page wide, header row repeated on every page
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.print_title_rows = "1:1"
    last = f"{get_column_letter(max(1, len(headers)))}{max(2, len(rows) + 1)}"
    ws.auto_filter.ref = f"A1:{last}"


def _fit_format(fmt: str, value: float) -> str:
    """``#,##0.##`` shows a trailing decimal mark for whole numbers ('2.095,'): drop it."""
    head, dot, tail = fmt.partition(".")
    if dot and tail and set(tail) == {"#"} and float(value).is_integer():
        return head
    return fmt


def _unit(key: str, lang: Lang) -> str:
    return unit_label(metric(key).unit, lang)


def _summary(result: Assessment, case: Case, lang: Lang) -> tuple[list[str], list[list[Any]]]:
    headers = [
        txt("excel.section", lang),
        txt("excel.item", lang),
        txt("excel.value", lang),
        txt("excel.unit", lang),
        txt("excel.verdict", lang),
        txt("excel.explanation", lang),
    ]
    case_s = txt("excel.case", lang)
    site = result.site
    info: list[tuple[str, Any]] = [
        (txt("excel.title", lang), case.meta.title or case.business.name),
        (txt("excel.reference", lang), case.meta.reference),
        (txt("excel.business", lang), case.business.name),
        (txt("excel.chosen_site", lang), site.name),
        (
            txt("excel.host_municipality", lang),
            f"{site.host_name} ({site.host_municipality})",
        ),
        (txt("excel.region", lang), result.region.label),
        (txt("excel.full_operation_year", lang), result.full_operation_year),
        (txt("excel.capacity_source", lang), case.meta.capacity_source),
        (txt("excel.reference_data", lang), result.reference_version),
        (txt("excel.computed_at", lang), result.computed_at),
        (txt("excel.ber_desk_version", lang), result.app_version),
    ]
    rows: list[list[Any]] = [[case_s, k, v, "", "", ""] for k, v in info]
    verdict_s = txt("excel.verdict", lang)
    pct = txt("excel.of_spare_capacity", lang)

    def verdict_row(label: str, domain: str, pressure: float | None, status: str, note: str) -> list[Any]:
        return [
            label,
            DOMAIN_LABELS[domain][lang],
            XCell(pressure, PCT),
            pct,
            status_cell(status, lang),
            note,
        ]

    for domain in domain_keys():
        v = result.verdict.get(domain)
        if v is None:
            continue
        note = STATUS_MEANING[v.status][lang]
        if v.status == "grey":  # name where the largest demand meets unknown capacity
            if v.unknown_municipality_name:
                note += f" ({v.unknown_municipality_name})"
        elif v.municipality_name:
            note = txt("excel.highest_pressure_in", lang, municipality=v.municipality_name, meaning=note)
        # zero capacity reads "geen vrije capaciteit" (the pressure cell stays empty), then the coverage
        note = "; ".join(
            t for t in (note, pressure_text(None, v.no_capacity, lang), coverage_text(v.coverage, lang)) if t
        )
        rows.append(verdict_row(verdict_s, domain, v.pressure, v.status, note))
    if result.mitigations:
        without = result.mitigations.without.verdict
        label = txt("excel.verdict_without_mitigations", lang)
        for domain in domain_keys():
            w = without.get(domain)
            if w is not None:
                meaning = (STATUS_MEANING[w.status][lang], pressure_text(None, w.no_capacity, lang))
                rows.append(
                    verdict_row(label, domain, w.pressure, w.status, "; ".join(t for t in meaning if t))
                )
    figures = txt("excel.key_figures_full_operation_year", lang)
    for key in metric_keys():
        value = result.totals.value(key)
        rows.append(
            [
                figures,
                TOTAL_LABELS.get(key, {}).get(lang, key),
                XCell(value, number_format(metric(key).decimals)),
                _unit(key, lang),
                "",
                "",
            ]
        )
    return headers, rows


def _municipalities(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [
        txt("excel.code", lang),
        txt("excel.municipality", lang),
        txt("excel.distance_to_site_km", lang),
        txt("excel.residence_share", lang),
        txt("excel.domain", lang),
        txt("excel.demand_unit_see_unit_column", lang),
        txt("excel.spare_capacity_unit_see_unit_column", lang),
        txt("excel.unit", lang),
        txt("excel.pressure_of_spare_capacity", lang),
        txt("excel.status", lang),
    ]
    rows: list[list[Any]] = []
    for m in result.municipalities:
        for domain in domain_keys():
            d = m.domains.get(domain)
            if d is None:
                continue
            cap = XCell(d.capacity, OPT1)  # unknown: an empty cell; the status column says so
            rows.append(
                [
                    m.code,
                    m.name,
                    m.distance_km,
                    m.residence_share,
                    DOMAIN_LABELS[domain][lang],
                    d.demand,
                    cap,
                    unit_label(d.unit, lang),
                    d.pressure,
                    status_cell(d.status, lang),
                ]
            )
    return headers, rows, {2: DEC1, 3: PCT1, 5: DEC1, 8: PCT}


def _per_year(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    """One row per key figure, one column per year (reads and prints like a policy table)."""
    keys = [k for k in metric_keys() if k in result.per_year]
    headers = [txt("excel.key_figure", lang), txt("excel.unit", lang)]
    headers += [str(year) for year in result.years]
    rows = [
        [TOTAL_LABELS.get(k, {}).get(lang, k), _unit(k, lang)]
        + [XCell(v, number_format(metric(k).decimals)) for v in result.per_year[k]]
        for k in keys
    ]
    return headers, rows, {}


def _sites(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [
        txt("excel.rank", lang),
        txt("excel.site", lang),
        txt("excel.host_municipality", lang),
        txt("excel.chosen", lang),
        txt("excel.number_red", lang),
        txt("excel.number_amber", lang),
        txt("excel.number_unknown", lang),
        txt("excel.highest_pressure_of_spare_capacity", lang),
        f"{TOTAL_LABELS['commute_vehicle_km_per_day'][lang]} ({unit_label('vehicle-km per day', lang)})",
    ] + [DOMAIN_LABELS[d][lang] for d in domain_keys()]
    yes, no = txt("excel.yes", lang), txt("excel.no", lang)
    rows = [
        [
            s.rank,
            s.name,
            f"{s.host_name} ({s.host_municipality})",
            yes if s.chosen else no,
            s.red,
            s.amber,
            s.grey,
            s.max_pressure,
            s.commute_vehicle_km_per_day,
        ]
        + [status_cell(s.verdict.get(d, "grey"), lang) for d in domain_keys()]
        for s in sorted(result.sites, key=lambda s: s.rank)
    ]
    return headers, rows, {4: INT, 5: INT, 6: INT, 7: PCT, 8: INT}


def _uncertainty(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    unc = result.uncertainty
    headers = [
        txt("excel.part", lang),
        txt("excel.municipality", lang),
        txt("excel.item", lang),
        "P10",
        "P50",
        "P90",
        txt("excel.unit", lang),
        txt("excel.chance_of_red", lang),
        txt("excel.chance_of_amber_or_red", lang),
    ]
    rows: list[list[Any]] = []
    part = txt("excel.key_figure", lang)
    for key in metric_keys():
        band = unc.totals.values.get(key) if unc else None
        if band is not None:
            fmt = number_format(metric(key).decimals)
            rows.append(
                [
                    part,
                    "",
                    TOTAL_LABELS.get(key, {}).get(lang, key),
                    XCell(band.p10, fmt),
                    XCell(band.p50, fmt),
                    XCell(band.p90, fmt),
                    _unit(key, lang),
                    None,
                    None,
                ]
            )
    names = {m.code: m.name for m in result.municipalities}
    part = txt("excel.pressure", lang)
    pct = txt("excel.of_spare_capacity", lang)
    for domain in domain_keys():
        for code, pband in (unc.pressure.get(domain, {}) if unc else {}).items():
            rows.append(
                [
                    part,
                    f"{names.get(code, code)} ({code})",
                    DOMAIN_LABELS[domain][lang],
                    XCell(pband.p10, PCT),
                    XCell(pband.p50, PCT),
                    XCell(pband.p90, PCT),
                    pct,
                    pband.share_red,
                    pband.share_amber_or_red,
                ]
            )
    return headers, rows, {7: PCT, 8: PCT}


def _sensitivity(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [
        txt("excel.parameter", lang),
        txt("excel.key", lang),
        txt("excel.low", lang),
        txt("excel.central", lang),
        txt("excel.high", lang),
        txt("excel.largest_relative_swing", lang),
    ]
    rows = [
        [
            r.label(lang),
            r.key,
            r.low,
            r.central,
            r.high,
            r.max_relative_swing,
        ]
        for r in result.sensitivity or []
    ]
    return headers, rows, {2: OPT3, 3: OPT3, 4: OPT3, 5: PCT}


def export_result_xlsx(result: Assessment, case: Case, path: Path | str, lang: Lang = "nl") -> None:
    """Write the assessment as a formatted Excel workbook (atomically)."""
    title = txt("excel.business_impact_report", lang, title=case.meta.title or case.business.name)
    wb = new_workbook(title, lang, subject=txt("excel.ber_desk_results", lang))
    wb.properties.description = f"reference {result.reference_version}; case sha256 {result.case_sha256}"
    ws = wb.active
    ws.title = txt("excel.summary", lang)
    headers, rows = _summary(result, case, lang)
    write_table_sheet(ws, headers, rows)
    from ber.io.excel_tables import parameters, tidy_municipalities, tidy_sheet_name

    sheets = [
        (txt("excel.municipalities", lang), _municipalities(result, lang)),
        (tidy_sheet_name(lang), tidy_municipalities(result, lang)),
        (txt("excel.per_year", lang), _per_year(result, lang)),
    ]
    if len(result.sites) > 1:
        sheets.append((txt("excel.sites", lang), _sites(result, lang)))
    if result.uncertainty:
        sheets.append((txt("excel.uncertainty", lang), _uncertainty(result, lang)))
    if result.sensitivity:
        sheets.append((txt("excel.sensitivity", lang), _sensitivity(result, lang)))
    sheets.append((txt("excel.parameters", lang), parameters(result, lang)))
    from ber.io.excel_checks import (
        policy_sheet_name,
        policy_table,
        provenance_sheet_name,
        provenance_table,
        site_sheet_name,
        site_table,
    )

    if result.capacity_figures:
        sheets.append((provenance_sheet_name(lang), provenance_table(result, lang)))
    if result.policy_checks:
        sheets.append((policy_sheet_name(lang), policy_table(result, lang)))
    if result.site_facts is not None:
        sheets.append((site_sheet_name(lang), site_table(result, lang)))
    from ber.io.excel_qualitative import has_qualitative, qualitative_sheet_name, qualitative_table

    if has_qualitative(case):
        sheets.append((qualitative_sheet_name(lang), qualitative_table(case, lang)))
    from ber.io.excel_afweging import afweging_sheet_name, afweging_table

    if result.afweging is not None:
        sheets.append((afweging_sheet_name(lang), afweging_table(result, lang)))
    for name, (headers, rows, formats) in sheets:
        write_table_sheet(wb.create_sheet(name), headers, rows, formats)
    atomic_write_bytes(Path(path), workbook_bytes(wb))
