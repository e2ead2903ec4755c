"""Read the first sheet of an OpenDocument spreadsheet (``.ods``, as LibreOffice saves it).

Values only: formulas are not evaluated (the cached result LibreOffice stored is
read), and the archive is checked for its unpacked size before it is parsed.
Reading goes through pandas with the ``odf`` engine (package ``odfpy``).
"""

from __future__ import annotations

import math
import zipfile
from pathlib import Path
from typing import Any

MAX_ODS_UNPACKED_BYTES = 100 * 1024 * 1024


def ods_rows(path: Path, max_rows: int) -> list[list[Any]]:
    """Rows of the first sheet as lists of cell values (None for an empty cell)."""
    with zipfile.ZipFile(path) as zf:
        names = zf.namelist()
        unpacked = sum(info.file_size for info in zf.infolist())
    if "content.xml" not in names:
        raise ValueError("not an OpenDocument spreadsheet (content.xml missing)")
    if unpacked > MAX_ODS_UNPACKED_BYTES:
        raise ValueError(
            f"unpacked size {unpacked // 1024 // 1024} MB > {MAX_ODS_UNPACKED_BYTES // 1024 // 1024} MB"
        )
    import pandas as pd  # lazy: only when a file is read

    frame = pd.read_excel(path, engine="odf", sheet_name=0, header=None, dtype=object, nrows=max_rows + 2)
    rows: list[list[Any]] = []
    for values in frame.itertuples(index=False):
        rows.append([_cell(v) for v in values])
    return rows


def _cell(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value
