"""Openbare orde, veiligheid en sociale cohesie: the officer's qualitative assessment.

A chapter of its own, clearly apart from the computed figures: per theme of
``reference_data/qualitative_themes.json`` the officer's rating (geen / beperkt /
aanzienlijk, or not assessed), the evidence text and its source, as recorded in
``Case.qualitative``. Shown only when the case holds an assessment; nothing in it is
computed. Also :func:`declared_note`, the input chapter's line naming the fields the
employer declared in the intake (``meta.declared_by_employer``).
"""

from __future__ import annotations

from typing import Any

from ber.case.intake import declared_label_key
from ber.case.qualitative import rating_label, theme_keys
from ber.reference.themes import load_themes
from ber.report.data import ReportData
from ber.report.sections_front import heading
from ber.texts.catalogue import text


def qualitative_section(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, PageBreak, Spacer
    from reportlab.platypus.flowables import PageBreakIfNotEmpty

    case, tx, st = data.case, data.tx, data.st
    items = {k: v for k, v in case.qualitative.items() if not v.is_empty()}
    if not items:
        return []
    themes = load_themes()
    mark = text("label.declared.mark", data.lang)
    rows = []
    for key in theme_keys(items):
        item = items.get(key)
        evidence = item.evidence.strip() if item is not None else ""
        if evidence and f"qualitative.{key}.evidence" in case.meta.declared_by_employer:
            evidence = f"{evidence} ({mark})"
        rows.append(
            [
                themes.label(key, data.lang),
                rating_label(item, data.lang),
                data.shorten(evidence) if evidence else "–",
                data.shorten(item.source.strip()) if item is not None and item.source.strip() else "–",
            ]
        )
    # on a page of its own, apart from the computed figures of the chapters before it
    out: list[Any] = [
        PageBreakIfNotEmpty(),
        KeepTogether(
            [
                heading(data, tx("qualitative.title")),
                data.p(tx("qualitative.judgement")),
                data.p(tx("qualitative.scale"), st.note),
            ]
        ),
    ]
    out.append(
        data.table(
            [
                tx("qualitative.col_theme"),
                tx("qualitative.col_rating"),
                tx("qualitative.col_evidence"),
                tx("qualitative.col_source"),
            ],
            rows,
            [4.2 * cm, 2.7 * cm, 6.4 * cm, 3.7 * cm],
        )
    )
    out.append(Spacer(1, 6))
    used = [s for s in themes.sources.values() if any(s.id in t.sources for t in themes.themes.values())]
    out.append(data.p(tx("qualitative.sources", sources="; ".join(s.citation() for s in used)), st.small))
    out.append(PageBreak())
    return out


def declared_note(data: ReportData) -> list[Any]:
    """ "Opgegeven door de werkgever (intake): banen, opbouw, …" under the inputs; nothing without intake."""
    paths = data.case.meta.declared_by_employer
    if not paths:
        return []
    names = [text(declared_label_key(p), data.lang) for p in paths]
    return [data.p(data.tx("inputs.declared", fields=", ".join(dict.fromkeys(names))), data.st.note)]
