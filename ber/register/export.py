"""Register export for officers who continue in Excel: .xlsx (openpyxl) or .csv.

The workbook has a bold header row naming units, the header frozen, an
auto-filter over all columns, number formats that Excel shows in the user's
locale (Dutch Excel: 1.234,5) and dates as dates. The CSV follows the Dutch
Excel convention for ``nl`` (semicolon, decimal comma, UTF-8 with BOM) and the
plain one for ``en`` (comma, decimal point).

The sheet layout comes from ``ber.io.excel.write_table_sheet`` (the same as
the result export); verdict columns are traffic-light cells.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ber.engine.domains import domain_keys
from ber.io.atomic import atomic_write_bytes
from ber.reference.data import sector_label
from ber.register.conditions import Condition
from ber.register.records import Summary
from ber.texts.catalogue import text
from ber.texts.labels import CASE_STATUS_LABELS, DOMAIN_LABELS, STATUS_LABELS, format_number
from ber.texts.messages import InputError, Lang, Problem

#: (key, kind) — kind: text | int | number | date | datetime; the header is the
#: catalogue text ``excel.register.<key>`` (``excel.register.verdict`` for ``verdict.<domain>``)
COLUMNS: tuple[tuple[str, str], ...] = (
    ("reference", "text"),
    ("title", "text"),
    ("business_name", "text"),
    ("sector", "text"),
    ("host_municipality", "text"),
    ("host_name", "text"),
    ("status", "text"),
    ("received", "date"),
    ("decided", "date"),
    ("officer", "text"),
    ("start_year", "int"),
    ("last_year", "int"),
    ("full_operation_year", "int"),
    ("jobs", "number"),
    ("residents", "number"),
    *((f"verdict.{d}", "text") for d in domain_keys()),
    # permit conditions (ber.register.condition_export): open, of which overdue
    ("conditions_open", "int"),
    ("conditions_overdue", "int"),
    ("version", "int"),
    ("updated_at", "datetime"),
    ("updated_by", "text"),
)

#: Excel number formats (Excel shows them with the user's locale separators); dates stay ISO
NUMBER_FORMATS = {"int": "0", "number": "#,##0"}


def _value(s: Summary, key: str, lang: Lang, open_counts: dict[str, tuple[int, int]]) -> Any:
    if key.startswith("conditions_"):
        return open_counts.get(s.reference, (0, 0))[key == "conditions_overdue"]
    if key.startswith("verdict."):
        code = s.verdict.get(key.split(".", 1)[1])
        return STATUS_LABELS[code][lang] if code is not None and code in STATUS_LABELS else ""
    if key == "status":
        return CASE_STATUS_LABELS[s.status][lang]
    if key == "sector":
        return sector_label(s.sector, lang) if s.sector else ""
    value = getattr(s, key)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    return value


def table(
    summaries: Sequence[Summary], lang: Lang, conditions: Sequence[Condition] = ()
) -> tuple[list[str], list[list[Any]], list[str]]:
    """Headers, rows and the column kinds of the register table."""
    from ber.register.condition_export import counts

    open_counts = counts(conditions, dt.date.today())
    headers = [_header(key, lang) for key, _ in COLUMNS]
    rows = [[_value(s, key, lang, open_counts) for key, _ in COLUMNS] for s in summaries]
    return headers, rows, [kind for _, kind in COLUMNS]


def _header(key: str, lang: Lang) -> str:
    if key.startswith("verdict."):
        return text("excel.register.verdict", lang, domain=DOMAIN_LABELS[key.split(".", 1)[1]][lang])
    return text(f"excel.register.{key}", lang)


def write_xlsx(
    summaries: Sequence[Summary], path: Path, lang: Lang, conditions: Sequence[Condition] = ()
) -> None:
    """The register as a sheet "Register" (layout by ``ber.io.excel.write_table_sheet``) and
    the permit conditions of those cases as a second sheet."""
    from ber.io.excel import XCell, new_workbook, status_cell, workbook_bytes, write_table_sheet
    from ber.register.condition_export import add_conditions_sheet

    headers, rows, kinds = table(summaries, lang, conditions)
    cells: list[list[Any]] = []
    for s, row in zip(summaries, rows, strict=True):
        out: list[Any] = []
        for (key, *_), value in zip(COLUMNS, row, strict=True):
            if key.startswith("verdict.") and value:
                out.append(status_cell(s.verdict[key.split(".", 1)[1]], lang))
            else:
                out.append(XCell(value))
        cells.append(out)
    formats = {j: NUMBER_FORMATS[k] for j, k in enumerate(kinds) if k in NUMBER_FORMATS}
    wb = new_workbook(text("excel.register.workbook_title", lang), lang)
    ws = wb.active
    ws.title = text("excel.register.sheet", lang)
    write_table_sheet(ws, headers, cells, formats)
    add_conditions_sheet(wb, conditions, lang, dt.date.today())
    atomic_write_bytes(path, workbook_bytes(wb))


def _csv_text(value: Any, kind: str, lang: Lang) -> str:
    if value is None:
        return ""
    if kind == "number":
        return format_number(float(value), lang, 0).replace(".", "") if lang == "nl" else f"{value:.0f}"
    if kind in ("date", "datetime"):
        return value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    return str(value)


def write_csv(
    summaries: Sequence[Summary], path: Path, lang: Lang, conditions: Sequence[Condition] = ()
) -> None:
    headers, rows, kinds = table(summaries, lang, conditions)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    writer.writerow(headers)
    for row in rows:
        writer.writerow([_csv_text(v, k, lang) for v, k in zip(row, kinds, strict=True)])
    atomic_write_bytes(path, ("\ufeff" + buf.getvalue()).encode("utf-8"))


def export_register(
    summaries: Sequence[Summary], path: Path, lang: Lang, conditions: Sequence[Condition] = ()
) -> int:
    """Write ``summaries`` (and the permit ``conditions`` of those cases) to ``path``
    (.xlsx or .csv); returns the number of cases."""
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        write_xlsx(summaries, path, lang, conditions)
    elif suffix == ".csv":
        write_csv(summaries, path, lang, conditions)
    else:
        raise InputError([Problem("register.export_format", params={"path": str(path)})])
    return len(summaries)
