"""The small result of building a report (kept free of reportlab so the GUI imports it cheaply)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path


@dataclass
class ReportOutcome:
    """What :func:`ber.report.build_report` wrote.

    ``notes`` are user-facing remarks in the report language, e.g. that PDF/A was
    requested but ghostscript is missing and a plain PDF was written.
    """

    path: Path
    pages: int
    pdfa: bool
    notes: list[str] = field(default_factory=list)
