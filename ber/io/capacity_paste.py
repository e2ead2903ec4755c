"""Excel paste into the capacity table: tab-separated clipboard text to edits.

The cell readers (:func:`~ber.io.capacity.parse_number`, codes, headers) live in
:mod:`ber.io.capacity`; this module decides which pasted column holds what.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field

from ber.engine.domains import domain_keys
from ber.io.capacity import (
    _CODE_HEADERS,
    _NAME_HEADERS,
    Edit,
    _Bad,
    _cell_problem,
    _header_key,
    header_domain,
    is_unknown,
    normalise_code,
    parse_number,
)
from ber.texts.messages import Lang, Problem


def split_clipboard(text: str) -> list[list[str]]:
    """Excel's clipboard text as rows of cells (tab-separated, CRLF, trailing newline)."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    while lines and lines[-1] == "":
        lines.pop()
    return [line.split("\t") for line in lines]


def _looks_like_header(cells: Sequence[str]) -> bool:
    keys = {_header_key(c) for c in cells}
    return any(header_domain(c) for c in cells) or bool(keys & _CODE_HEADERS)


def parse_paste(
    text: str,
    codes_in_view_order: Sequence[str],
    first_domain_col: int = 0,
    first_row: int = 0,
    *,
    lang: Lang = "nl",
    decimal: str = ",",
) -> tuple[list[Edit], list[Problem]]:
    """Turn pasted Excel cells into edits of the capacity table.

    Without a code column the block lands at (``first_row``, ``first_domain_col``) of
    the view and fills down and right. A header row (domain keys or labels) maps
    columns to domains; a column of ``GMxxxx`` codes (with or without header) maps
    rows to municipalities, and its value columns start at the first domain unless
    the header says otherwise; a text column right after the codes (names) is
    skipped. ``lang`` only chooses the language of domain labels in problems;
    ``decimal`` is the decimal mark of the copying Excel (see :func:`parse_number`).
    Returns all edits and all problems; apply nothing when there are problems.
    """
    rows = split_clipboard(text)
    if not rows:
        return [], []
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    header: list[str] | None = rows[0] if _looks_like_header(rows[0]) else None
    body = rows[1:] if header is not None else rows
    layout = _PasteLayout(width=width, row_offset=2 if header is not None else 1)
    problems: list[Problem] = []
    if header is not None:
        _read_header(header, layout, problems)
    if layout.code_col is None and body:
        layout.code_col = _find_code_column(body, width)
    if layout.code_col is not None:
        _skip_code_and_names(body, layout, named=header is not None)
    if header is None or not layout.col_domain:
        start = 0 if layout.code_col is not None else first_domain_col
        value_cols = [j for j in range(width) if j not in layout.skip]
        if start + len(value_cols) > len(domain_keys()):
            problems.append(_too_large(len(body), len(value_cols), first_row, start, codes_in_view_order))
            return [], problems
        layout.col_domain = {j: domain_keys()[start + k] for k, j in enumerate(value_cols)}
    if layout.code_col is None and first_row + len(body) > len(codes_in_view_order):
        problems.append(
            _too_large(len(body), len(layout.col_domain), first_row, first_domain_col, codes_in_view_order)
        )
        return [], problems
    edits = _paste_edits(body, layout, codes_in_view_order, first_row, lang, decimal, problems)
    return edits, problems


@dataclass
class _PasteLayout:
    """Which pasted column holds what: codes, skipped columns (names), a domain per value column."""

    width: int
    row_offset: int  # row numbers in problems are 1-based in the paste, after a header
    code_col: int | None = None
    skip: set[int] = dc_field(default_factory=set)
    col_domain: dict[int, str] = dc_field(default_factory=dict)


def _read_header(header: Sequence[str], layout: _PasteLayout, problems: list[Problem]) -> None:
    for j, cell in enumerate(header):
        key = _header_key(cell)
        if key in _CODE_HEADERS:
            layout.code_col = j
        elif key in _NAME_HEADERS:
            layout.skip.add(j)
        elif (domain := header_domain(cell)) is not None:
            layout.col_domain[j] = domain
        elif key:
            problems.append(Problem("capacity.unknown_column", params={"value": cell.strip()}))
        else:
            layout.skip.add(j)


def _find_code_column(body: Sequence[Sequence[str]], width: int) -> int | None:
    """The first column in which every cell is a ``GMxxxx`` code."""
    for j in range(width):
        if all(normalise_code(r[j]) is not None and r[j].strip().upper().startswith("GM") for r in body):
            return j
    return None


def _skip_code_and_names(body: Sequence[Sequence[str]], layout: _PasteLayout, *, named: bool) -> None:
    """The code column carries no values; without a header, a text column after it holds names."""
    assert layout.code_col is not None
    layout.skip.add(layout.code_col)
    nxt = layout.code_col + 1
    if not named and nxt < layout.width and all(_is_text(r[nxt]) for r in body):
        layout.skip.add(nxt)


def _paste_edits(
    body: Sequence[Sequence[str]],
    layout: _PasteLayout,
    codes_in_view_order: Sequence[str],
    first_row: int,
    lang: Lang,
    decimal: str,
    problems: list[Problem],
) -> list[Edit]:
    edits: list[Edit] = []
    allowed = set(codes_in_view_order)
    for i, cells in enumerate(body):
        rownum = i + layout.row_offset
        if layout.code_col is not None:
            code = normalise_code(cells[layout.code_col]) or ""
            if code not in allowed:
                problems.append(
                    Problem(
                        "capacity.code_not_in_region",
                        params={
                            "row": rownum,
                            "value": cells[layout.code_col].strip(),
                            "choices": ", ".join(allowed),
                        },
                    )
                )
                continue
        else:
            code = codes_in_view_order[first_row + i]
        for j, domain in layout.col_domain.items():
            try:
                edits.append((code, domain, parse_number(cells[j], decimal)))
            except _Bad as exc:
                problems.append(_cell_problem(exc, rownum, domain, cells[j], code, lang))
    return edits


def _is_text(cell: str) -> bool:
    if is_unknown(cell):
        return False
    try:
        parse_number(cell)
    except _Bad as exc:
        return not exc.negative
    return False


def _too_large(rows: int, cols: int, row: int, col: int, codes: Sequence[str]) -> Problem:
    return Problem(
        "capacity.paste_too_large",
        params={
            "rows": rows,
            "columns": cols,
            "row": row + 1,
            "column": col + 1,
            "max_rows": len(codes),
            "max_columns": len(domain_keys()),
        },
    )
