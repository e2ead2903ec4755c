"""Ask the neighbours: a capacity request workbook and reading the filled forms back.

:func:`write_request` writes one XLSX workbook: an explanation sheet, then one sheet per
municipality of the region with, per domain, its unit, a plain definition of "spare
capacity" (catalogue ``label.capacity_definition.<domain>``) and empty fields for the
figure, its source and its reference date, plus a contact block. :func:`read_forms` reads
one or more filled workbooks and returns every filled row and a problem per bad cell;
:func:`form_changes` says what would change in the case and :func:`apply_entries` applies
it. A row without a figure is *not filled in* and changes nothing (it never becomes
zero); the word ``onbekend``/``unknown`` states that the figure is unknown.
"""

from __future__ import annotations

import datetime as _dt
import zipfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ber.case.figures import CapacityFigure, parse_date
from ber.case.model import Case
from ber.engine.domains import domain_keys, domain_unit
from ber.io.atomic import atomic_write_bytes
from ber.io.capacity import MAX_XLSX_BYTES, is_unknown, normalise_code, parse_number
from ber.texts.catalogue import text as txt
from ber.texts.labels import DOMAIN_LABELS, unit_label
from ber.texts.messages import Lang, Problem

#: the form's fixed cells: the municipality code, the contact, the table
CODE_CELL, CONTACT_CELL, ORGANISATION_CELL = "B4", "B8", "B9"
HEADER_ROW = 11
#: language-neutral marker of a form sheet (header of the hidden key column)
KEY_HEADER = "domain_key"
COLUMNS = ("domain", "unit", "definition", "figure", "source", "reference_date", "key")
COL = {name: i + 1 for i, name in enumerate(COLUMNS)}


@dataclass(frozen=True)
class FormEntry:
    """One filled row of a form: a figure (None = stated unknown) with its provenance."""

    code: str
    domain: str
    figure: CapacityFigure
    file: str
    sheet: str
    row: int


@dataclass(frozen=True)
class Change:
    """What importing a row changes: the old figure (None = none recorded) and the new one."""

    code: str
    domain: str
    old: CapacityFigure | None
    new: CapacityFigure
    file: str


def _sheet_title(name: str, used: set[str]) -> str:
    clean = "".join(c for c in name if c not in "[]:*?/\\")[:28] or "gemeente"
    title, n = clean, 2
    while title.lower() in used:
        title, n = f"{clean[:25]} ({n})", n + 1
    used.add(title.lower())
    return title


def write_request(
    path: Path | str,
    case: Case,
    codes: Sequence[str],
    names: Sequence[str],
    *,
    lang: Lang = "nl",
    today: _dt.date | None = None,
) -> None:
    """Write the capacity request: an explanation sheet and one form sheet per municipality."""
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.worksheet.datavalidation import DataValidation

    from ber.io.excel import new_workbook, workbook_bytes

    today = today or _dt.date.today()
    wb = new_workbook(txt("excel.form.title", lang), lang, case.meta.title)
    intro = wb.active
    intro.title = txt("excel.form.intro_sheet", lang)[:31]
    bold = Font(bold=True)
    intro["A1"] = txt("excel.form.title", lang)
    intro["A1"].font = Font(bold=True, size=14)
    lines = [
        (txt("excel.form.case", lang), f"{case.meta.title} ({case.meta.reference})".strip(" ()")),
        (txt("excel.form.requested_by", lang), case.meta.officer),
        (txt("excel.form.date", lang), today.isoformat()),
    ]
    for i, (label, value) in enumerate(lines, start=3):
        intro.cell(i, 1, label).font = bold
        intro.cell(i, 2, value)
    intro["A7"] = txt("excel.form.explanation", lang)
    intro["A7"].alignment = Alignment(wrap_text=True, vertical="top")
    intro.merge_cells("A7:D7")
    intro.row_dimensions[7].height = 120
    for j, head in enumerate((txt("excel.form.col_domain", lang), txt("excel.form.col_definition", lang)), 1):
        intro.cell(9, j, head).font = bold
    for i, d in enumerate(domain_keys(), start=10):
        intro.cell(i, 1, f"{DOMAIN_LABELS[d][lang]} ({unit_label(domain_unit(d), lang)})")
        intro.cell(i, 2, txt(f"label.capacity_definition.{d}", lang)).alignment = Alignment(wrap_text=True)
    intro.column_dimensions["A"].width = 45
    intro.column_dimensions["B"].width = 90

    fill = PatternFill("solid", fgColor="FFF2CC")  # the cells to fill in
    used = {intro.title.lower()}
    for code, name in zip(codes, names, strict=True):
        ws = wb.create_sheet(_sheet_title(name, used))
        ws["A1"] = f"{txt('excel.form.title', lang)}: {name}"
        ws["A1"].font = Font(bold=True, size=14)
        ws["A2"] = f"{case.meta.title} ({case.meta.reference})".strip(" ()")
        fields: tuple[tuple[str, str, str | None], ...] = (
            ("A3", txt("excel.form.municipality", lang), name),
            ("A4", txt("excel.form.code", lang), code),
            ("A5", txt("excel.form.requested_by", lang), case.meta.officer),
            ("A6", txt("excel.form.date", lang), today.isoformat()),
            ("A8", txt("excel.form.contact", lang), None),
            ("A9", txt("excel.form.organisation", lang), None),
        )
        for cell, caption, content in fields:
            ws[cell] = caption
            ws[cell].font = bold
            target = ws.cell(ws[cell].row, 2, content)
            if content is None:
                target.fill = fill
        headers = [txt(f"excel.form.col_{c}", lang) for c in COLUMNS[:-1]] + [KEY_HEADER]
        for j, head in enumerate(headers, start=1):
            c = ws.cell(HEADER_ROW, j, head)
            c.font = bold
            c.alignment = Alignment(wrap_text=True, vertical="top")
        for i, d in enumerate(domain_keys(), start=HEADER_ROW + 1):
            ws.cell(i, COL["domain"], DOMAIN_LABELS[d][lang])
            ws.cell(i, COL["unit"], unit_label(domain_unit(d), lang))
            ws.cell(i, COL["definition"], txt(f"label.capacity_definition.{d}", lang)).alignment = Alignment(
                wrap_text=True, vertical="top"
            )
            for col in ("figure", "source", "reference_date"):
                ws.cell(i, COL[col]).fill = fill
            ws.cell(i, COL["reference_date"]).number_format = "yyyy-mm-dd"
            ws.cell(i, COL["key"], d)
        last = HEADER_ROW + len(domain_keys())
        number = DataValidation(type="decimal", operator="greaterThanOrEqual", formula1="0", allow_blank=True)
        number.error = txt("excel.form.number_rule", lang)
        number.prompt = txt("excel.form.number_prompt", lang)
        number.add(f"D{HEADER_ROW + 1}:D{last}")
        ws.add_data_validation(number)
        for letter, width in zip("ABCDEFG", (30, 16, 60, 16, 40, 16, 14), strict=True):
            ws.column_dimensions[letter].width = width
        ws.column_dimensions["G"].hidden = True
        ws.freeze_panes = f"A{HEADER_ROW + 1}"
    atomic_write_bytes(Path(path), workbook_bytes(wb))


# ---------------------------------------------------------------------------
# reading filled forms
# ---------------------------------------------------------------------------


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _date_text(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return _text(value)


def read_forms(
    paths: Sequence[Path | str], *, lang: Lang = "nl", today: _dt.date | None = None
) -> tuple[list[FormEntry], list[Problem]]:
    """Every filled row of the forms in ``paths`` and a problem per bad cell or file."""
    today = today or _dt.date.today()
    entries: list[FormEntry] = []
    problems: list[Problem] = []
    for path in map(Path, paths):
        got, bad = _read_one(path, lang, today)
        entries += got
        problems += bad
    seen: dict[tuple[str, str], FormEntry] = {}
    for e in entries:
        other = seen.setdefault((e.code, e.domain), e)
        if other is not e and other.figure.value != e.figure.value:
            problems.append(
                Problem(
                    "form.conflict",
                    f"capacity.{e.code}.{e.domain}",
                    {
                        "code": e.code,
                        "domain": DOMAIN_LABELS[e.domain][lang],
                        "first": f"{Path(other.file).name} ({_shown(other.figure.value, lang)})",
                        "second": f"{Path(e.file).name} ({_shown(e.figure.value, lang)})",
                    },
                )
            )
    return entries, problems


def _shown(value: float | None, lang: Lang) -> str:
    from ber.texts.labels import format_number

    return format_number(value, lang, 0 if value is None or float(value).is_integer() else 2)


def _read_one(path: Path, lang: Lang, today: _dt.date) -> tuple[list[FormEntry], list[Problem]]:
    spath = str(path)
    if path.suffix.lower() != ".xlsx":
        return [], [Problem("capacity.file_type", params={"path": spath, "value": path.suffix or "-"})]
    if not path.is_file():
        return [], [Problem("file.missing", params={"path": spath})]
    if path.stat().st_size > MAX_XLSX_BYTES:
        return [], [Problem("file.too_large", params={"path": spath, "size": "> 10", "limit": "10"})]
    import openpyxl

    try:
        wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    except (OSError, ValueError, KeyError, zipfile.BadZipFile) as exc:
        return [], [
            Problem("file.unreadable", params={"path": spath, "reason": str(exc) or type(exc).__name__})
        ]
    entries: list[FormEntry] = []
    problems: list[Problem] = []
    forms = 0
    try:
        for ws in wb.worksheets:
            rows = [
                list(r) for r in ws.iter_rows(min_row=1, max_row=HEADER_ROW + 60, max_col=8, values_only=True)
            ]
            if len(rows) < HEADER_ROW or len(rows[HEADER_ROW - 1]) < COL["key"]:
                continue
            if _text(rows[HEADER_ROW - 1][COL["key"] - 1]) != KEY_HEADER:
                continue
            forms += 1
            got, bad = _read_sheet(rows, spath, ws.title, lang, today)
            entries += got
            problems += bad
    finally:
        wb.close()
    if forms == 0:
        problems.append(Problem("form.no_forms", params={"path": spath}))
    return entries, problems


def _cell_problem(code: str, file: str, sheet: str, cell: str, **params: Any) -> Problem:
    return Problem(code, params={"path": Path(file).name, "sheet": sheet, "cell": cell, **params})


def _read_sheet(
    rows: list[list[Any]], file: str, sheet: str, lang: Lang, today: _dt.date
) -> tuple[list[FormEntry], list[Problem]]:
    problems: list[Problem] = []
    raw_code = _text(rows[3][1] if len(rows[3]) > 1 else None)
    code = normalise_code(raw_code)
    if code is None:
        return [], [_cell_problem("form.bad_code", file, sheet, CODE_CELL, value=raw_code)]
    contact = _text(rows[7][1] if len(rows[7]) > 1 else None)
    organisation = _text(rows[8][1] if len(rows[8]) > 1 else None)
    supplied_by = ", ".join(p for p in (contact, organisation) if p)
    entries: list[FormEntry] = []
    missing_contact = False
    for r, cells in enumerate(rows[HEADER_ROW:], start=HEADER_ROW + 1):
        cells = cells + [None] * (len(COLUMNS) - len(cells))
        domain = _text(cells[COL["key"] - 1])
        if domain not in domain_keys():
            continue
        label = DOMAIN_LABELS[domain][lang]
        raw, source = cells[COL["figure"] - 1], _text(cells[COL["source"] - 1])
        date = _date_text(cells[COL["reference_date"] - 1])
        if _text(raw) == "":
            continue  # not filled in: changes nothing, never zero
        cell = f"D{r}"
        try:
            value = _figure_value(raw)
        except ValueError as exc:
            code_ = "form.negative" if "negative" in str(exc) else "form.not_a_number"
            problems.append(_cell_problem(code_, file, sheet, cell, domain=label, value=_text(raw)))
            continue
        stated_unknown = value is None
        if not source and not stated_unknown:
            problems.append(_cell_problem("form.missing_source", file, sheet, f"E{r}", domain=label))
        if not date and not stated_unknown:
            problems.append(_cell_problem("form.missing_date", file, sheet, f"F{r}", domain=label))
        elif date:
            day = parse_date(date)
            if day is None:
                problems.append(
                    _cell_problem("form.bad_date", file, sheet, f"F{r}", domain=label, value=date)
                )
            elif day > today:
                problems.append(
                    _cell_problem(
                        "form.future_date",
                        file,
                        sheet,
                        f"F{r}",
                        domain=label,
                        value=date,
                        today=today.isoformat(),
                    )
                )
        if not contact and not stated_unknown and not missing_contact:
            missing_contact = True  # one message per sheet
            problems.append(_cell_problem("form.missing_contact", file, sheet, CONTACT_CELL, domain=label))
        figure = CapacityFigure(value=value, source=source, reference_date=date, supplied_by=supplied_by)
        entries.append(FormEntry(code, domain, figure, file, sheet, r))
    return entries, problems


def _figure_value(raw: Any) -> float | None:
    """A figure cell: a number of 0 or more, or None for 'onbekend'/'unknown'."""
    if isinstance(raw, bool | _dt.date | _dt.datetime):
        raise ValueError("not a number")
    if isinstance(raw, int | float):
        if raw != raw or raw in (float("inf"), float("-inf")):
            raise ValueError("not a number")
        if raw < 0:
            raise ValueError("negative")
        return float(raw)
    text = _text(raw)
    if is_unknown(text):
        return None
    try:
        return parse_number(text, ",")
    except ValueError as exc:
        raise ValueError("negative" if getattr(exc, "negative", False) else "not a number") from None


def form_changes(case: Case, entries: Sequence[FormEntry]) -> list[Change]:
    """The figures the entries would change (a figure equal to the case's is no change)."""
    out = []
    for e in entries:
        cap = case.capacity.get(e.code)
        old = None if cap is None else cap.figure(e.domain)
        if old != e.figure:
            out.append(Change(e.code, e.domain, old, e.figure, e.file))
    return out


def apply_entries(case: Case, entries: Sequence[FormEntry]) -> Case:
    """The case with the entries' figures (provenance included) in its capacity table."""
    doc = case.to_dict()
    for e in entries:
        row = doc["capacity"].setdefault(e.code, {})
        row[e.domain] = {
            "value": e.figure.value,
            "source": e.figure.source,
            "reference_date": e.figure.reference_date,
            "supplied_by": e.figure.supplied_by,
        }
    return Case.model_validate(doc)
