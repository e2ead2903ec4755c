"""Capacity table input and output: Excel paste, CSV and XLSX files.

The capacity table gives, per municipality (CBS code ``GMxxxx``) and domain, the
spare capacity a municipality knows of, in the unit of :mod:`ber.engine.domains` (``Domain.unit``).
``None`` means *unknown* and is never turned into zero.

* :func:`parse_number` reads one cell as a Dutch officer types it: ``"1.234,5"``,
  ``"12,5"``, ``"1234"``; empty, ``onbekend``, ``unknown``, ``-`` mean unknown.
* :func:`parse_paste` reads the tab-separated text Excel puts on the clipboard.
* :func:`read_capacity` reads a CSV file (semicolon + decimal comma, UTF-8 with BOM
  or Windows-1252, as Dutch Excel writes it; also comma + decimal point) or an XLSX
  file (values only, no macros run; openpyxl never executes them).
* :func:`write_capacity_csv` / :func:`write_capacity_xlsx` write the same layout
  (``gemeentecode``, ``naam``, one column per domain with its unit), atomically.

Nothing here raises on bad input: every problem is returned as a
:class:`~ber.texts.messages.Problem` naming the row, the column and the value.
"""

from __future__ import annotations

import csv
import io
import math
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ber.engine.domains import domain_keys, domain_unit
from ber.io.atomic import atomic_write_bytes
from ber.io.guard import reason_of
from ber.io.ods import ods_rows
from ber.texts.catalogue import text as txt
from ber.texts.labels import DOMAIN_LABELS, unit_label
from ber.texts.messages import Lang, Problem

#: one edit of the table: (municipality code, domain, value or None = unknown)
Edit = tuple[str, str, float | None]
CapacityTable = dict[str, dict[str, float | None]]

MAX_CSV_BYTES = 5 * 1024 * 1024
MAX_XLSX_BYTES = 10 * 1024 * 1024
MAX_XLSX_UNPACKED_BYTES = 100 * 1024 * 1024
MAX_ROWS = 2000

UNKNOWN_MARKERS = frozenset({"", "onbekend", "unknown", "-", "–", "—", "?", "n.b.", "nb", "n/a", "na"})
_CODE_HEADERS = frozenset(
    {"gemeentecode", "code", "gm-code", "gmcode", "cbs-code", "cbscode", "municipality code"}
)
_NAME_HEADERS = frozenset({"naam", "gemeente", "gemeentenaam", "name", "municipality", "municipality name"})
_CODE_RE = re.compile(r"^(?:GM)?(\d{1,4})$", re.IGNORECASE)
_THOUSANDS = {",": re.compile(r"^\d{1,3}(\.\d{3})+(,\d*)?$"), ".": re.compile(r"^\d{1,3}(,\d{3})+(\.\d*)?$")}
_PLAIN = re.compile(r"^\d+([.,]\d*)?$|^[.,]\d+$")


class _Bad(ValueError):
    """A cell that is not a number; ``negative`` when it is a number below zero."""

    def __init__(self, negative: bool = False) -> None:
        super().__init__("negative" if negative else "not a number")
        self.negative = negative


def is_unknown(text: str) -> bool:
    return text.strip().lower() in UNKNOWN_MARKERS


def parse_number(text: str, decimal: str = ",") -> float | None:
    """One cell as a non-negative number, or None for an unknown marker.

    ``decimal`` is the decimal mark of the source (``","`` for Dutch Excel, ``"."``
    for English files); the other mark is accepted as thousands separator only in
    groups of three (``1.234.567``). A lone other mark that is not a thousands group
    (``12.5`` in a Dutch paste) is read as a decimal mark. Raises ``ValueError`` for
    text that is not a number and for negative numbers.
    """
    s = text.strip().replace("\u00a0", "").replace("\u202f", "").replace(" ", "").replace("'", "")
    if s.lower() in UNKNOWN_MARKERS:
        return None
    negative = s.startswith(("-", "−"))
    if s.startswith(("-", "−", "+")):
        s = s[1:]
    other = "." if decimal == "," else ","
    if _THOUSANDS[decimal].match(s):
        s = s.replace(other, "").replace(decimal, ".")
    elif other in s and decimal in s and _THOUSANDS[other].match(s):
        s = s.replace(decimal, "").replace(other, ".")  # "1,234.5" from an English Excel
    elif other in s and decimal in s:
        raise _Bad()
    elif _PLAIN.match(s):
        s = s.replace(",", ".")
    else:
        raise _Bad(negative and bool(_PLAIN.match(s)))
    value = float(s)
    if not math.isfinite(value):  # 400 digits overflow to infinity
        raise _Bad()
    if negative and value != 0:
        raise _Bad(negative=True)
    return value


def normalise_code(text: str) -> str | None:
    """``GM0983``, ``gm983`` or ``983`` (Excel drops leading zeros) -> ``GM0983``."""
    match = _CODE_RE.match(text.strip())
    return f"GM{int(match.group(1)):04d}" if match else None


def _header_key(text: str) -> str:
    s = " ".join(str(text).strip().lower().split())
    return re.sub(r"\s*[\(\[][^\)\]]*[\)\]]\s*$", "", s)


_DOMAIN_HEADERS: dict[str, str] = {}
for _d in domain_keys():
    _DOMAIN_HEADERS[_d] = _d
    for _lang_labels in DOMAIN_LABELS[_d].values():
        _DOMAIN_HEADERS[_header_key(_lang_labels)] = _d


def header_domain(text: str) -> str | None:
    """The domain a column header names (key, Dutch or English label, unit optional)."""
    return _DOMAIN_HEADERS.get(_header_key(text))


def column_label(domain: str, lang: Lang = "nl") -> str:
    """Column header of a domain: its label with the unit, e.g. 'Zorg: huisarts (patiënten)'."""
    return f"{DOMAIN_LABELS[domain][lang]} ({unit_label(domain_unit(domain), lang)})"


def _cell_problem(exc: _Bad, row: int, domain: str, value: str, code: str, lang: Lang) -> Problem:
    return Problem(
        "capacity.negative" if exc.negative else "capacity.not_a_number",
        field=f"capacity.{code}.{domain}" if code else f"capacity.{domain}",
        params={"row": row, "column": DOMAIN_LABELS[domain][lang], "value": value.strip()},
    )


# ---------------------------------------------------------------------------
# paste
# ---------------------------------------------------------------------------


# ---------------------------------------------------------------------------
# files
# ---------------------------------------------------------------------------


def read_capacity(path: Path | str, *, lang: Lang = "nl") -> tuple[CapacityTable, list[Problem]]:
    """Read a capacity table from ``.csv``, ``.xlsx`` or ``.ods`` (LibreOffice).

    Columns: ``gemeentecode`` (or ``code``), optionally ``naam``, one column per
    domain named by its key or its Dutch/English label (a unit in brackets is
    allowed). Returns the table and every problem found; when there are problems
    the caller should show them and import nothing.
    """
    loaded = load_rows(path)
    if isinstance(loaded, Problem):
        return {}, [loaded]
    rows, decimal = loaded
    return _table_from_rows(rows, decimal, str(path), lang)


def load_rows(path: Path | str) -> tuple[list[list[Any]], str] | Problem:
    """The rows of a capacity file and its decimal mark, or the problem that stops reading."""
    path = Path(path)
    spath = str(path)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".txt", ".xlsx", ".ods"):
        return Problem("capacity.file_type", params={"path": spath, "value": path.suffix or "-"})
    if not path.is_file():
        return Problem("file.missing", params={"path": spath})
    limit = MAX_XLSX_BYTES if suffix in (".xlsx", ".ods") else MAX_CSV_BYTES
    size = path.stat().st_size
    if size > limit:
        return Problem("file.too_large", params={"path": spath, "size": _mb(size), "limit": _mb(limit)})
    try:
        if not path.is_file():
            return Problem("file.missing", params={"path": spath})
        size = path.stat().st_size
        if size > limit:
            return Problem("file.too_large", params={"path": spath, "size": _mb(size), "limit": _mb(limit)})
        if suffix == ".xlsx":
            rows, decimal = _xlsx_rows(path), ","
        elif suffix == ".ods":
            rows, decimal = ods_rows(path, MAX_ROWS), ","
        else:
            rows, decimal = _csv_rows(path.read_bytes())
    except Exception as exc:  # any reader failure on a damaged file (csv.Error, zlib.error, ...)
        return Problem("file.unreadable", params={"path": spath, "reason": reason_of(exc)})
    return rows, decimal


def _mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}".replace(".", ",")


def _csv_rows(data: bytes) -> tuple[list[list[Any]], str]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")  # Dutch Excel's "CSV (ANSI)"
    lines = text.splitlines()
    delimiter = ""
    if lines and lines[0].lower().startswith("sep=") and len(lines[0]) >= 5:
        delimiter = lines[0][4]
        text = "\n".join(lines[1:])
        lines = lines[1:]
    first = next((ln for ln in lines if ln.strip()), "")
    if not delimiter:
        counts = {d: first.count(d) for d in (";", "\t", ",")}
        delimiter = max(counts, key=lambda d: counts[d]) if any(counts.values()) else ";"
    decimal = "." if delimiter == "," else ","
    rows = [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]
    return rows, decimal


def _xlsx_rows(path: Path) -> list[list[Any]]:
    with zipfile.ZipFile(path) as zf:
        unpacked = sum(info.file_size for info in zf.infolist())
    if unpacked > MAX_XLSX_UNPACKED_BYTES:
        raise ValueError(
            f"unpacked size {unpacked // 1024 // 1024} MB > {MAX_XLSX_UNPACKED_BYTES // 1024 // 1024} MB"
        )
    import openpyxl  # lazy: only when a file is read

    wb = openpyxl.load_workbook(path, read_only=True, data_only=True, keep_links=False)
    try:
        ws = wb.worksheets[0]
        rows: list[list[Any]] = []
        for values in ws.iter_rows(values_only=True):
            rows.append(list(values))
            if len(rows) > MAX_ROWS + 1:
                break
        return rows
    finally:
        wb.close()


def _cell_text(value: Any) -> str:
    return "" if value is None else str(value)


def _table_from_rows(
    rows: list[list[Any]], decimal: str, spath: str, lang: Lang
) -> tuple[CapacityTable, list[Problem]]:
    rows = [r for r in rows if any(_cell_text(v).strip() for v in r)]
    if not rows:
        return {}, [Problem("capacity.empty_file", params={"path": spath})]
    if len(rows) > MAX_ROWS + 1:
        return {}, [Problem("capacity.too_many_rows", params={"path": spath, "limit": MAX_ROWS})]
    problems: list[Problem] = []
    code_col, col_domain = _file_header(rows[0], spath, problems)
    if code_col is None:
        expected = ", ".join(["gemeentecode", "naam", *(DOMAIN_LABELS[d][lang] for d in domain_keys())])
        problems.append(Problem("capacity.no_code_column", params={"path": spath, "expected": expected}))
        return {}, problems
    table: CapacityTable = {}
    for i, cells in enumerate(rows[1:], start=2):
        cells = cells + [None] * (len(rows[0]) - len(cells))
        raw_code = _cell_text(cells[code_col]).strip()
        code = normalise_code(raw_code[:-2] if raw_code.endswith(".0") else raw_code)
        if code is None:
            problems.append(Problem("capacity.bad_code", params={"row": i, "value": raw_code}))
        elif code in table:
            problems.append(Problem("capacity.duplicate_code", params={"row": i, "value": code}))
        else:
            table[code] = _file_row(cells, col_domain, decimal, i, code, lang, problems)
    return table, problems


def _file_header(header: list[Any], spath: str, problems: list[Problem]) -> tuple[int | None, dict[int, str]]:
    """The code column and the domain of each value column, from a file's first row."""
    code_col: int | None = None
    col_domain: dict[int, str] = {}
    for j, cell in enumerate(header):
        key = _header_key(_cell_text(cell))
        domain = header_domain(_cell_text(cell))
        if key in _CODE_HEADERS:
            code_col = j
        elif domain is not None:
            if domain in col_domain.values():
                problems.append(Problem("capacity.duplicate_column", params={"path": spath, "value": cell}))
            col_domain[j] = domain
        elif key and key not in _NAME_HEADERS and header_provenance(_cell_text(cell)) is None:
            problems.append(Problem("capacity.unknown_column", params={"value": _cell_text(cell).strip()}))
    return code_col, col_domain


def _file_row(
    cells: list[Any],
    col_domain: dict[int, str],
    decimal: str,
    row: int,
    code: str,
    lang: Lang,
    problems: list[Problem],
) -> dict[str, float | None]:
    values: dict[str, float | None] = {}
    for j, domain in col_domain.items():
        try:
            values[domain] = _file_value(cells[j], decimal)
        except _Bad as exc:
            problems.append(_cell_problem(exc, row, domain, _cell_text(cells[j]), code, lang))
    return values


def _file_value(value: Any, decimal: str) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool):
        raise _Bad()
    if isinstance(value, int | float):
        try:
            number = float(value)
        except OverflowError:  # an integer beyond the float range
            raise _Bad(negative=value < 0) from None
        if not math.isfinite(number):
            raise _Bad()
        if number < 0:
            raise _Bad(negative=True)
        return number
    if not isinstance(value, str):
        raise _Bad()  # e.g. a date that Excel made of "1.5"
    return parse_number(value, decimal)


def plain_number(value: float, decimal: str = ",") -> str:
    """A number without thousands separators, as Excel reads it back exactly ('1234,5')."""
    text = repr(float(value))
    if "e" in text or "E" in text:
        text = f"{value:.15f}".rstrip("0").rstrip(".")
    if text.endswith(".0"):
        text = text[:-2]
    return text.replace(".", decimal)


def _ordered(
    codes: Sequence[str], names: Sequence[str], capacity: CapacityTable
) -> list[tuple[str, str, dict[str, float | None]]]:
    return [(code, name, capacity.get(code, {})) for code, name in zip(codes, names, strict=True)]


def write_capacity_csv(
    path: Path | str,
    codes: Sequence[str],
    names: Sequence[str],
    capacity: CapacityTable,
    *,
    lang: Lang = "nl",
    dutch_excel: bool = True,
    provenance: ProvenanceTable | None = None,
) -> None:
    """Write the table as CSV the way Dutch Excel writes it (``;``, decimal comma,
    UTF-8 with BOM, CRLF); ``dutch_excel=False`` gives ``,`` and a decimal point.
    Unknown values are written as 'onbekend'/'unknown', which read back as unknown."""
    delimiter, decimal = (";", ",") if dutch_excel else (",", ".")
    unknown = txt("label.unknown", lang)
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(
        [txt("excel.capacity.code", lang), txt("excel.capacity.name", lang)]
        + [column_label(d, lang) for d in domain_keys()]
        + (provenance_headers(lang) if provenance is not None else [])
    )
    for code, name, values in _ordered(codes, names, capacity):
        cells = [
            unknown if values.get(d) is None else plain_number(values[d] or 0.0, decimal)
            for d in domain_keys()
        ]
        extra = provenance_cells(provenance.get(code, {})) if provenance is not None else []
        writer.writerow([code, name, *cells, *extra])
    atomic_write_bytes(Path(path), buf.getvalue().encode("utf-8-sig"))


def write_capacity_xlsx(
    path: Path | str,
    codes: Sequence[str],
    names: Sequence[str],
    capacity: CapacityTable,
    *,
    lang: Lang = "nl",
    source: str = "",
    provenance: ProvenanceTable | None = None,
) -> None:
    """Write the table as an XLSX workbook (formatted like the results export)."""
    from ber.io.excel import XCell, new_workbook, workbook_bytes, write_table_sheet

    unknown = txt("label.unknown", lang)
    wb = new_workbook(txt("excel.capacity.capacity", lang), lang, source)
    ws = wb.active
    ws.title = txt("excel.capacity.capacity", lang)
    headers = [txt("excel.capacity.code", lang), txt("excel.capacity.name", lang)]
    headers += [column_label(d, lang) for d in domain_keys()]
    headers += provenance_headers(lang) if provenance is not None else []
    rows: list[list[Any]] = []
    for code, name, values in _ordered(codes, names, capacity):
        row: list[Any] = [code, name]
        for d in domain_keys():
            v = values.get(d)
            if v is None:
                row.append(XCell(unknown, italic=True, color="808080", align="right"))
            else:
                row.append(XCell(v, number_format="#,##0" if float(v).is_integer() else "#,##0.0#"))
        rows.append(row + (provenance_cells(provenance.get(code, {})) if provenance is not None else []))
    write_table_sheet(ws, headers, rows)
    atomic_write_bytes(Path(path), workbook_bytes(wb))


# the Excel paste lives in its own module; imported last, as it uses the cell readers above
from ber.io.capacity_paste import parse_paste, split_clipboard  # noqa: E402
from ber.io.capacity_provenance import (  # noqa: E402
    ProvenanceTable,
    header_provenance,
    provenance_cells,
    provenance_headers,
)

__all__ = [
    "MAX_ROWS",
    "UNKNOWN_MARKERS",
    "CapacityTable",
    "Edit",
    "column_label",
    "header_domain",
    "is_unknown",
    "normalise_code",
    "parse_number",
    "parse_paste",
    "plain_number",
    "read_capacity",
    "split_clipboard",
    "write_capacity_csv",
    "write_capacity_xlsx",
]
