"""Appendix "Full texts": the texts that were too long for a table cell, in full."""

from __future__ import annotations

from typing import Any

from ber.report.data import LIST_MAX, ReportData
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


def region_list(data: ReportData) -> list[Any]:
    """Appendix "Municipalities of the region": the full list the running text summarises.

    Only for a region without a label and with more than ``LIST_MAX`` municipalities
    (then the cover and the summary say "51 municipalities around Tilburg").
    """
    if data.result.region.label or len(data.result.municipalities) <= LIST_MAX:
        return []
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak

    tx = data.tx
    rows = [
        [m.name, m.code, data.num(m.distance_km, 1)]
        for m in sorted(data.result.municipalities, key=lambda m: m.distance_km)
    ]
    return [
        PageBreak(),
        heading(data, tx("appendix.region")),
        data.p(tx("appendix.region_intro", count=len(rows), host=data.result.site.host_name)),
        data.table(
            [tx("res.col_municipality"), tx("appendix.col_code"), tx("res.col_distance")],
            rows,
            [8 * cm, 3 * cm, 3 * cm],
            right=[2],
        ),
    ]
