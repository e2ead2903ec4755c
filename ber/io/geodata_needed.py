"""Name the geodata set a case or report needs when this machine lacks its municipalities.

A report made after ``ber geodata import`` uses municipality codes the built-in
set may not have. Recomputing it elsewhere then fails on those codes; instead of
"onbekende gemeentecode" the message names the data set the report was computed
with (its embedded ``provenance.json``: name, year, checksum) and how to get it.
Light on purpose (``ber validate`` uses it): no engine import at module level.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.texts.messages import InputError, Problem

if TYPE_CHECKING:
    from ber.engine.assess import Context

#: at most this many missing codes are named in the message
SHOW_CODES = 8

#: the geodata set in use: name, year, checksum (None: the demo table, no set)
DataSet = tuple[str, int, str] | None


def current_of(ctx: Context) -> DataSet:
    """The geodata set of a calculation context (None: the demo table)."""
    info = ctx.dataset
    return None if info is None else (info.name, info.year, info.checksum)


def explained(err: InputError, current: DataSet, path: Path) -> InputError:
    """``err``, or when it names unknown municipality codes, the error explaining them."""
    unknown = [p for p in err.problems if p.code == "municipality.unknown"]
    return InputError(explain(err.problems, unknown, current, path)) if unknown else err


def _codes(problems: list[Problem]) -> str:
    codes = sorted({str(p.params.get("value", "")).strip("'\"") for p in problems})
    shown = ", ".join(codes[:SHOW_CODES])
    return shown + (" …" if len(codes) > SHOW_CODES else "")


def _named(name: str, year: object) -> str:
    """The set's name with its year, unless the name has it already (or it is unknown: 0)."""
    year_text = str(year or "")
    return name if not year_text or year_text == "0" or year_text in name else f"{name}, {year_text}"


def explain(problems: list[Problem], unknown: list[Problem], current: DataSet, path: Path) -> list[Problem]:
    """The problems with the unknown codes explained.

    A report whose provenance names another geodata set: one problem naming that set
    (the codes are not wrong, this machine lacks them). A case file (or a report made
    with the geodata in use): the problems as they are plus a hint how to import.
    """
    codes = _codes(unknown)
    shown = "–" if current is None else f"{_named(current[0], current[1])}, {current[2][:16]}"
    needed = _needed_geodata(path)
    if needed is not None and (current is None or needed.get("checksum") != current[2]):
        rest = [p for p in problems if p.code != "municipality.unknown"]
        params = {
            "path": str(path),
            "name": _named(str(needed.get("name", "")), needed.get("year")),
            "checksum": str(needed.get("checksum", ""))[:16],
            "current": shown,
            "codes": codes,
        }
        return [Problem("geodata.report_needs", params=params), *rest]
    return [*problems, Problem("geodata.case_needs", params={"codes": codes, "current": shown})]


def _needed_geodata(path: Path) -> dict[str, Any] | None:
    """The geodata record of a report PDF's provenance, None for a case file or without one."""
    from ber.io.report_attachments import is_pdf, read_provenance

    if not is_pdf(path):
        return None
    record = read_provenance(path)
    geodata = None if record is None else record.get("geodata")
    return geodata if isinstance(geodata, dict) and geodata.get("name") else None
