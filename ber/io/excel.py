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
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, STATUS_MEANING, TOTAL_LABELS, unit_label
from ber.texts.messages import Lang

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


def _t(lang: Lang, nl: str, en: str) -> str:
    return nl if lang == "nl" else en


def new_workbook(title: str, lang: Lang = "nl", subject: str = "") -> Workbook:
    from openpyxl import Workbook

    wb = Workbook()
    props = wb.properties
    props.title = title
    props.creator = "BER-desk"
    props.lastModifiedBy = "BER-desk"
    props.subject = subject
    props.language = "nl-NL" if lang == "nl" else "en-GB"
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
        _t(lang, "Rubriek", "Section"),
        _t(lang, "Omschrijving", "Item"),
        _t(lang, "Waarde", "Value"),
        _t(lang, "Eenheid", "Unit"),
        _t(lang, "Oordeel", "Verdict"),
        _t(lang, "Toelichting", "Explanation"),
    ]
    case_s = _t(lang, "Casus", "Case")
    site = result.site
    info: list[tuple[str, Any]] = [
        (_t(lang, "Titel", "Title"), case.meta.title or case.business.name),
        (_t(lang, "Kenmerk", "Reference"), case.meta.reference),
        (_t(lang, "Bedrijf", "Business"), case.business.name),
        (_t(lang, "Gekozen locatie", "Chosen site"), site.name),
        (
            _t(lang, "Gastgemeente", "Host municipality"),
            f"{site.host_name} ({site.host_municipality})",
        ),
        (_t(lang, "Regio", "Region"), result.region.label),
        (_t(lang, "Jaar volledige bedrijfsvoering", "Full-operation year"), result.full_operation_year),
        (_t(lang, "Bron capaciteit", "Capacity source"), case.meta.capacity_source),
        (_t(lang, "Referentiegegevens", "Reference data"), result.reference_version),
        (_t(lang, "Berekend op", "Computed at"), result.computed_at),
        (_t(lang, "Versie BER-desk", "BER-desk version"), result.app_version),
    ]
    rows: list[list[Any]] = [[case_s, k, v, "", "", ""] for k, v in info]
    verdict_s = _t(lang, "Oordeel", "Verdict")
    pct = _t(lang, "% van de vrije capaciteit", "% of spare capacity")
    for domain in domain_keys():
        v = result.verdict.get(domain)
        if v is None:
            continue
        note = STATUS_MEANING[v.status][lang]
        if v.municipality_name and v.status == "grey":
            note += f" ({v.municipality_name})"
        elif v.municipality_name:
            where = _t(lang, "hoogste druk in", "highest pressure in")
            note = f"{where} {v.municipality_name}; {note}"
        rows.append(
            [
                verdict_s,
                DOMAIN_LABELS[domain][lang],
                XCell(v.pressure, PCT),
                pct,
                status_cell(v.status, lang),
                note,
            ]
        )
    if result.mitigations:
        without = result.mitigations.without.verdict
        label = _t(lang, "Oordeel zonder maatregelen", "Verdict without mitigations")
        for domain in domain_keys():
            w = without.get(domain)
            if w is not None:
                rows.append(
                    [
                        label,
                        DOMAIN_LABELS[domain][lang],
                        XCell(w.pressure, PCT),
                        pct,
                        status_cell(w.status, lang),
                        STATUS_MEANING[w.status][lang],
                    ]
                )
    figures = _t(lang, "Kengetallen (jaar volledige bedrijfsvoering)", "Key figures (full-operation year)")
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
        _t(lang, "Gemeentecode", "Code"),
        _t(lang, "Gemeente", "Municipality"),
        _t(lang, "Afstand tot locatie (km)", "Distance to site (km)"),
        _t(lang, "Aandeel woonplaats (%)", "Residence share (%)"),
        _t(lang, "Domein", "Domain"),
        _t(lang, "Vraag (eenheid: zie kolom Eenheid)", "Demand (unit: see Unit column)"),
        _t(lang, "Vrije capaciteit (eenheid: zie kolom Eenheid)", "Spare capacity (unit: see Unit column)"),
        _t(lang, "Eenheid", "Unit"),
        _t(lang, "Druk (% van de vrije capaciteit)", "Pressure (% of spare capacity)"),
        _t(lang, "Status", "Status"),
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
    headers = [_t(lang, "Kengetal", "Key figure"), _t(lang, "Eenheid", "Unit")]
    headers += [str(year) for year in result.years]
    rows = [
        [TOTAL_LABELS.get(k, {}).get(lang, k), _unit(k, lang)]
        + [XCell(v, number_format(metric(k).decimals)) for v in result.per_year[k]]
        for k in keys
    ]
    return headers, rows, {}


def _sites(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Any]], dict[int, str]]:
    headers = [
        _t(lang, "Rang", "Rank"),
        _t(lang, "Locatie", "Site"),
        _t(lang, "Gastgemeente", "Host municipality"),
        _t(lang, "Gekozen", "Chosen"),
        _t(lang, "Aantal rood", "Number red"),
        _t(lang, "Aantal oranje", "Number amber"),
        _t(lang, "Aantal onbekend", "Number unknown"),
        _t(lang, "Hoogste druk (% van de vrije capaciteit)", "Highest pressure (% of spare capacity)"),
        f"{TOTAL_LABELS['commute_vehicle_km_per_day'][lang]} ({unit_label('vehicle-km per day', lang)})",
    ] + [DOMAIN_LABELS[d][lang] for d in domain_keys()]
    yes, no = _t(lang, "ja", "yes"), _t(lang, "nee", "no")
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
        _t(lang, "Onderdeel", "Part"),
        _t(lang, "Gemeente", "Municipality"),
        _t(lang, "Omschrijving", "Item"),
        "P10",
        "P50",
        "P90",
        _t(lang, "Eenheid", "Unit"),
        _t(lang, "Kans op rood (%)", "Chance of red (%)"),
        _t(lang, "Kans op oranje of rood (%)", "Chance of amber or red (%)"),
    ]
    rows: list[list[Any]] = []
    part = _t(lang, "Kengetal", "Key figure")
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
    part = _t(lang, "Druk", "Pressure")
    pct = _t(lang, "% van de vrije capaciteit", "% of spare capacity")
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
        _t(lang, "Parameter", "Parameter"),
        _t(lang, "Sleutel", "Key"),
        _t(lang, "Laag", "Low"),
        _t(lang, "Centraal", "Central"),
        _t(lang, "Hoog", "High"),
        _t(lang, "Grootste relatieve uitslag (%)", "Largest relative swing (%)"),
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
    title = (
        _t(lang, "Bedrijfseffectrapportage", "Business impact report")
        + f" – {case.meta.title or case.business.name}"
    )
    wb = new_workbook(title, lang, subject=_t(lang, "Resultaten BER-desk", "BER-desk results"))
    wb.properties.description = f"reference {result.reference_version}; case sha256 {result.case_sha256}"
    ws = wb.active
    ws.title = _t(lang, "Samenvatting", "Summary")
    headers, rows = _summary(result, case, lang)
    write_table_sheet(ws, headers, rows)
    from ber.io.excel_tables import parameters, tidy_municipalities, tidy_sheet_name

    sheets = [
        (_t(lang, "Gemeenten", "Municipalities"), _municipalities(result, lang)),
        (tidy_sheet_name(lang), tidy_municipalities(result, lang)),
        (_t(lang, "Per jaar", "Per year"), _per_year(result, lang)),
    ]
    if len(result.sites) > 1:
        sheets.append((_t(lang, "Locaties", "Sites"), _sites(result, lang)))
    if result.uncertainty:
        sheets.append((_t(lang, "Onzekerheid", "Uncertainty"), _uncertainty(result, lang)))
    if result.sensitivity:
        sheets.append((_t(lang, "Gevoeligheid", "Sensitivity"), _sensitivity(result, lang)))
    sheets.append((_t(lang, "Parameters", "Parameters"), parameters(result, lang)))
    for name, (headers, rows, formats) in sheets:
        write_table_sheet(wb.create_sheet(name), headers, rows, formats)
    atomic_write_bytes(Path(path), workbook_bytes(wb))
