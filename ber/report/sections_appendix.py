"""Appendix "Full texts": the texts that were too long for a table cell, in full."""

from __future__ import annotations

from typing import Any

from ber.report.data import ReportData
from ber.report.sections_front import heading


def full_texts(data: ReportData) -> list[Any]:
    """One entry per shortened cell text ("… [n]" in the table); nothing when none was shortened."""
    if not data.full_texts:
        return []
    from reportlab.platypus import PageBreak

    tx, st = data.tx, data.st
    out: list[Any] = [
        PageBreak(),
        heading(data, tx("appendix.full_texts")),
        data.p(tx("appendix.full_texts_intro")),
    ]
    for n, text in enumerate(data.full_texts, start=1):
        out.append(data.p(f"[{n}]", st.h2))
        out += data.paragraphs(text)
    return out
