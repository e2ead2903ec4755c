"""Bridge from the CLI to the PDF report (``ber.report``)."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ber.case.model import Case
from ber.engine.assess import Context
from ber.engine.result import Assessment
from ber.texts.catalogue import text
from ber.texts.messages import Lang

if TYPE_CHECKING:
    from ber.register import Cumulative


def write_report(
    result: Assessment,
    case: Case,
    path: Path,
    lang: Lang,
    *,
    pdfa: bool = False,
    ctx: Context | None = None,
    cumulative: Cumulative | None = None,
) -> bool:
    """Write the PDF report; prints the outcome notes (e.g. no PDF/A possible) to stderr.

    Returns False (with a notice) when the report module is absent.
    """
    try:
        from ber.report import build_report
    except ImportError:
        print(
            text("cli.report_hook.the_pdf_report_is_not_available", lang),
            file=sys.stderr,
        )
        return False
    outcome = build_report(result, case, path, lang=lang, pdfa=pdfa, ctx=ctx, cumulative=cumulative)
    for note in outcome.notes:
        print(note, file=sys.stderr)
    return True
