"""Report part for the site domains (space, energy): after their results, the site's
plot and floor area against the sector's reference, the provincial plot-size rules and
the grid capacity map at the site (``result.site_facts``; rows from ``ber.io.site_rows``)."""

from __future__ import annotations

from typing import Any

from ber.io.site_rows import fact_rows, rule_notes, rule_rows
from ber.report.data import ReportData
from ber.report.sections_front import heading


def site_section(data: ReportData) -> list[Any]:
    """Space and energy at the chosen site; nothing for results without site facts."""
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, Spacer

    f, tx = data.result.site_facts, data.tx
    if f is None:
        return []
    out: list[Any] = [heading(data, tx("site.title"), level=2), data.p(tx("site.intro", site=f.site))]
    rows = [list(row) for row in fact_rows(f, data.lang)]
    out.append(data.table(["", ""], rows, [6.0 * cm, 10.5 * cm]))
    if f.rules:
        header = [tx("site.col_rule"), tx("site.col_limit"), tx("site.col_plot"), tx("checks.col_status")]
        out += [
            Spacer(1, 8),
            data.p(tx("site.rules_intro", province=f.rules[0].province_name)),
            data.table(
                header,
                [list(r) for r in rule_rows(f, data.lang)],
                [4.0 * cm, 2.5 * cm, 2.5 * cm, 7.5 * cm],
                right=[1, 2],
            ),
        ]
        out += [data.p(note, data.st.small) for note in rule_notes(f, data.ref, data.lang)]
    elif f.province_name:
        out.append(data.p(tx("site.no_rules", province=f.province_name)))
    # one block: the rule's notes never end up alone on an otherwise empty page
    return [KeepTogether(out)]
