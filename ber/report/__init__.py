"""The BER report: a PDF a municipality can attach to a permit decision.

``build_report`` is the one entry point (CLI, ``ber demo`` and the GUI's worker
thread call it). reportlab is imported only when a report is built.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from ber.report.outcome import ReportOutcome
from ber.texts.messages import Lang

if TYPE_CHECKING:
    from shapely.geometry.base import BaseGeometry

    from ber.case.model import Case
    from ber.engine.assess import Context
    from ber.engine.cumulative import Cumulative
    from ber.engine.progress import Progress
    from ber.engine.result import Assessment

__all__ = ["ReportOutcome", "build_html_report", "build_report"]


def build_report(
    result: Assessment,
    case: Case,
    path: Path,
    *,
    lang: Lang = "nl",
    pdfa: bool = False,
    ctx: Context | None = None,
    boundaries: Mapping[str, BaseGeometry] | None = None,
    logo: Path | None = None,
    officer: str | None = None,
    progress: Progress | None = None,
    cumulative: Cumulative | None = None,
) -> ReportOutcome:
    """Write the report of ``result`` (computed from ``case``) to ``path``, atomically.

    ``boundaries``: municipality polygons (shapely, EPSG:28992 metres) by GM code;
    when None, ``ctx.geo.boundaries_rd()`` is used if available, else a schematic
    map of centroids. ``pdfa``: PDF/A-3b via ghostscript (plain PDF and a note
    when that is not possible). Raises ``ber.engine.progress.Cancelled`` when
    ``progress.cancelled()`` turns true; then no file is written.
    ``cumulative`` (``ber.engine.cumulative``): adds the section "Cumulatieve
    effecten" (this case on top of the registered cases); absent when None.
    """
    from ber.report.build import build

    return build(
        result,
        case,
        Path(path),
        lang=lang,
        pdfa=pdfa,
        ctx=ctx,
        boundaries=boundaries,
        logo=logo,
        officer=officer,
        progress=progress,
        cumulative=cumulative,
    )


def build_html_report(
    result: Assessment,
    case: Case,
    path: Path | str,
    *,
    lang: Lang = "nl",
    ctx: Context | None = None,
    cumulative: Cumulative | None = None,
) -> Path:
    """Write the accessible HTML version of the report (same chapters, tables and figures)."""
    from ber.report.build import build_html

    return build_html(result, case, Path(path), lang=lang, ctx=ctx, cumulative=cumulative)
