"""Provenance columns of the capacity table files (CSV, XLSX, ODS).

After the six value columns, a file may hold per domain a source, a reference date and a
supplier column, titled ``<domain label> – bron`` / ``– peildatum`` / ``– aangeleverd door``
(English ``– source`` / ``– reference date`` / ``– supplied by``, or ``<domain key>.source``
…). The export writes them when asked; :func:`read_capacity_provenance` reads them with
the values. A reference date must be ``YYYY-MM-DD`` (or a real Excel date) and not in the
future; each bad cell is a problem naming row, column and allowed range.
"""

from __future__ import annotations

import datetime as _dt
import re
from pathlib import Path
from typing import Any

from ber.case.figures import CapacityFigure, parse_date
from ber.engine.domains import domain_keys
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS
from ber.texts.messages import Lang, Problem

#: per municipality and domain, the figure's provenance (its value is in the capacity table)
ProvenanceTable = dict[str, dict[str, CapacityFigure]]
FIELDS = ("source", "reference_date", "supplied_by")
_WORDS = {
    "bron": "source",
    "source": "source",
    "peildatum": "reference_date",
    "reference date": "reference_date",
    "reference_date": "reference_date",
    "aangeleverd door": "supplied_by",
    "supplied by": "supplied_by",
    "supplied_by": "supplied_by",
}
_SPLIT = re.compile(
    r"^(.*?)\s*(?:[–—-]|\.)\s*(bron|source|peildatum|reference[ _]date|aangeleverd door|supplied[ _]by)$"
)


def provenance_headers(lang: Lang) -> list[str]:
    return [
        f"{DOMAIN_LABELS[d][lang]} – {text(f'excel.capacity.prov_{f}', lang)}"
        for d in domain_keys()
        for f in FIELDS
    ]


def provenance_cells(row: dict[str, CapacityFigure]) -> list[str]:
    out = []
    for d in domain_keys():
        fig = row.get(d)
        out += ["", "", ""] if fig is None else [fig.source, fig.reference_date, fig.supplied_by]
    return out


def header_provenance(title: str) -> tuple[str, str] | None:
    """(domain, field) of a provenance column title, or None."""
    match = _SPLIT.match(" ".join(str(title).strip().lower().split()))
    if match is None:
        return None
    from ber.io.capacity import header_domain

    domain = header_domain(match.group(1))
    field = _WORDS.get(match.group(2).replace("_", " ")) or _WORDS.get(match.group(2))
    return (domain, field) if domain is not None and field is not None else None


def _date(value: Any) -> str:
    if isinstance(value, _dt.datetime):
        return value.date().isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    return "" if value is None else str(value).strip()


def read_capacity_provenance(
    path: Path | str, *, lang: Lang = "nl", today: _dt.date | None = None
) -> tuple[dict[str, dict[str, float | None]], ProvenanceTable, list[Problem]]:
    """The values (as :func:`ber.io.capacity.read_capacity`), their provenance and every problem."""
    from ber.io.capacity import _CODE_HEADERS, _header_key, _table_from_rows, load_rows, normalise_code

    loaded = load_rows(path)
    if isinstance(loaded, Problem):
        return {}, {}, [loaded]
    rows, decimal = loaded
    table, problems = _table_from_rows(rows, decimal, str(path), lang)
    if not rows or problems:
        return table, {}, problems
    today = today or _dt.date.today()
    header = [str(c) if c is not None else "" for c in rows[0]]
    cols = {j: got for j, h in enumerate(header) if (got := header_provenance(h)) is not None}
    code_col = next(j for j, h in enumerate(header) if _header_key(h) in _CODE_HEADERS)
    provenance: ProvenanceTable = {}
    for i, cells in enumerate(rows[1:], start=2):
        cells = list(cells) + [None] * (len(header) - len(cells))
        raw = str(cells[code_col] or "").strip()
        code = normalise_code(raw[:-2] if raw.endswith(".0") else raw)
        if code is None:
            continue
        parts: dict[str, dict[str, str]] = {}
        for j, (domain, field) in cols.items():
            value = _date(cells[j])
            if field == "reference_date" and value:
                day = parse_date(value)
                column = header[j]
                if day is None:
                    problems.append(
                        Problem("capacity.bad_date", params={"row": i, "column": column, "value": value})
                    )
                elif day > today:
                    problems.append(
                        Problem(
                            "capacity.future_date_cell",
                            params={"row": i, "column": column, "value": value, "today": today.isoformat()},
                        )
                    )
            if value:
                parts.setdefault(domain, {})[field] = value
        if parts:
            provenance[code] = {
                d: CapacityFigure(value=table.get(code, {}).get(d), **p) for d, p in parts.items()
            }
    return table, provenance, problems
