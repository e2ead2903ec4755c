"""Name the geodata set a case or report needs when this machine lacks its municipalities.

A report made after ``ber geodata import`` uses municipality codes the built-in
set may not have. Recomputing it elsewhere then fails on those codes; instead of
"onbekende gemeentecode" the message names the data set the report was computed
with (its embedded ``provenance.json``: name, year, checksum) and how to get it.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.texts.messages import InputError, Problem

#: at most this many missing codes are named in the message
SHOW_CODES = 8


def assess_explained(case: Case, ctx: Context, path: Path, samples: int, seed: int) -> Assessment:
    """``assess``; unknown municipality codes are explained by the geodata set they need."""
    try:
        return assess(case, ctx, samples=samples, seed=seed)
    except InputError as err:
        unknown = [p for p in err.problems if p.code == "municipality.unknown"]
        if not unknown:
            raise
        raise InputError(explain(err.problems, unknown, ctx, path)) from None


def _codes(problems: list[Problem]) -> str:
    codes = sorted({str(p.params.get("value", "")).strip("'\"") for p in problems})
    shown = ", ".join(codes[:SHOW_CODES])
    return shown + (" …" if len(codes) > SHOW_CODES else "")


def _named(name: str, year: object) -> str:
    """The set's name with its year, unless the name has it already (or it is unknown: 0)."""
    year_text = str(year or "")
    return name if not year_text or year_text == "0" or year_text in name else f"{name}, {year_text}"


def _current(ctx: Context) -> str:
    info = ctx.dataset
    return "–" if info is None else f"{_named(info.name, info.year)}, {info.checksum[:16]}"


def explain(problems: list[Problem], unknown: list[Problem], ctx: Context, path: Path) -> list[Problem]:
    """The problems with the unknown codes explained.

    A report whose provenance names another geodata set: one problem naming that set
    (the codes are not wrong, this machine lacks them). A case file (or a report made
    with the geodata in use): the problems as they are plus a hint how to import.
    """
    codes, current = _codes(unknown), _current(ctx)
    needed = _needed_geodata(path)
    info = ctx.dataset
    if needed is not None and (info is None or needed.get("checksum") != info.checksum):
        rest = [p for p in problems if p.code != "municipality.unknown"]
        params = {
            "path": str(path),
            "name": _named(str(needed.get("name", "")), needed.get("year")),
            "checksum": str(needed.get("checksum", ""))[:16],
            "current": current,
            "codes": codes,
        }
        return [Problem("geodata.report_needs", params=params), *rest]
    return [*problems, Problem("geodata.case_needs", params={"codes": codes, "current": current})]


def _needed_geodata(path: Path) -> dict[str, Any] | None:
    """The geodata record of a report PDF's provenance, None for a case file or without one."""
    from ber.io.report_attachments import read_provenance

    try:
        with path.open("rb") as fh:
            if fh.read(5) != b"%PDF-":
                return None
    except OSError:
        return None
    record = read_provenance(path)
    geodata = None if record is None else record.get("geodata")
    return geodata if isinstance(geodata, dict) and geodata.get("name") else None
