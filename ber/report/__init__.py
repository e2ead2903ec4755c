"""The BER report: a PDF a municipality can attach to a permit decision.

``build_report`` (:func:`ber.report.build.build`) is the one entry point (CLI,
``ber demo`` and the GUI's worker thread call it). reportlab is imported only when a
report is built: ``build_report`` is looked up on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ber.report.outcome import ReportOutcome

if TYPE_CHECKING:
    from ber.report.build import build as build_report
    from ber.report.build import build_html as build_html_report

__all__ = ["ReportOutcome", "build_html_report", "build_report"]


def __getattr__(name: str) -> object:
    """``build_report`` and ``build_html_report``, imported (with reportlab) when first asked for."""
    if name == "build_report":
        from ber.report.build import build

        return build
    if name == "build_html_report":
        from ber.report.build import build_html

        return build_html
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
