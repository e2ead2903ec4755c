"""The permit conditions in the register export: per case the number open and overdue
(columns of the register table, .xlsx and .csv), and in the workbook a sheet with
every condition of the exported cases (overdue in red, delivered in green)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from ber.register.conditions import Condition
from ber.texts.catalogue import text
from ber.texts.labels import label
from ber.texts.messages import Lang

#: (key, kind) of the conditions sheet; headers ``excel.conditions.<key>``
SHEET_COLUMNS: tuple[tuple[str, str], ...] = (
    ("id", "int"),
    ("reference", "text"),
    ("kind", "text"),
    ("municipality", "text"),
    ("beds", "int"),
    ("due_date", "date"),
    ("status", "text"),
    ("delivered_on", "date"),
    ("note", "text"),
    ("version", "int"),
    ("updated_at", "datetime"),
    ("updated_by", "text"),
)

#: fills of the status cell (the traffic-light colours of ``ber.io.excel.STATUS_FILLS``)
_FILLS = {"overdue": "red", "delivered": "green", "open": "amber", "waived": "grey"}


def counts(conditions: Sequence[Condition], today: dt.date) -> dict[str, tuple[int, int]]:
    """Per case reference: (conditions open, of which overdue)."""
    out: dict[str, tuple[int, int]] = {}
    for c in conditions:
        if c.status != "open":
            continue
        n, late = out.get(c.reference, (0, 0))
        out[c.reference] = (n + 1, late + c.is_overdue(today))
    return out


def _value(c: Condition, key: str, lang: Lang, today: dt.date) -> Any:
    if key == "kind":
        return label("condition_kind", c.kind, lang)
    if key == "status":
        return label("condition_status", c.display_status(today), lang)
    value = getattr(c, key)
    if isinstance(value, dt.datetime):
        return value.astimezone(dt.UTC).replace(tzinfo=None, microsecond=0)
    return value


def add_conditions_sheet(wb: Any, conditions: Sequence[Condition], lang: Lang, today: dt.date) -> None:
    """A sheet "Vergunningvoorschriften" with every condition, earliest due date first."""
    from ber.io.excel import STATUS_FILLS, XCell, write_table_sheet

    headers = [text(f"excel.conditions.{key}", lang) for key, _ in SHEET_COLUMNS]
    rows = []
    for c in conditions:
        row = []
        for key, _ in SHEET_COLUMNS:
            value = _value(c, key, lang, today)
            fill = STATUS_FILLS[_FILLS[c.display_status(today)]] if key == "status" else None
            row.append(XCell(value, fill=fill, bold=key == "status" and c.is_overdue(today)))
        rows.append(row)
    ws = wb.create_sheet(text("excel.conditions.sheet", lang))
    write_table_sheet(ws, headers, rows, {j: "0" for j, (_, k) in enumerate(SHEET_COLUMNS) if k == "int"})
