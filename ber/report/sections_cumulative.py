"""Cumulatieve effecten: this case on top of the granted and in-procedure registered cases.

Shown only when ``ReportData.cumulative`` is given (``build_report(..., cumulative=...)``).
Numbers come from ``ber.engine.cumulative`` unchanged; this module only lays them out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ber.engine.rounding import SHARE, rows_add_up
from ber.engine.status import severity
from ber.report.data import ReportData
from ber.report.sections_front import heading, verdict_pair_rows
from ber.report.styles import ACCENT, FONT

if TYPE_CHECKING:
    from ber.engine.cumulative import Cumulative, CumulativeSeries
    from ber.engine.result import Verdict

CHART_W = 440.0
CHART_H = 150.0
#: colour of the other cases' share of a bar (this case's share is ACCENT)
OTHER_COLOUR = "#9fb3c8"


def _status_word(data: ReportData, status: str) -> str:
    return data.status(status).upper()


def _verdict_text(data: ReportData, verdict: Verdict) -> str:
    return data.tx(
        "cum.verdict_part",
        status=_status_word(data, verdict.status),
        municipality=verdict.municipality_name or data.num(None),
        pressure=data.pressure(verdict.pressure),
    )


def decisive(cum: Cumulative) -> tuple[str, str] | None:
    """The domain and municipality that decide the regional verdict with this case.

    Worst status first (red, amber, grey, green), then the highest pressure; None
    when the region has no municipality.
    """
    best: tuple[tuple[int, float], str, str] | None = None
    for domain, v in cum.verdict_with.items():
        if not v.municipality:
            continue
        key = (severity(v.status), -1.0 if v.pressure is None else v.pressure)
        if best is None or key > best[0]:
            best = (key, domain, v.municipality)
    return None if best is None else (best[1], best[2])


def _counted_table(data: ReportData, cum: Cumulative) -> Any:
    from reportlab.lib.units import cm

    from ber.texts.labels import CASE_STATUS_LABELS

    tx = data.tx
    rows = []
    for c in cum.contributors:
        host = data.municipality_name(c.host_municipality)
        rows.append(
            [
                c.reference,
                c.business_name or c.title,
                CASE_STATUS_LABELS[c.status][data.lang],
                host if host == c.host_municipality else f"{host} ({c.host_municipality})",
                f"{c.start_year}–{c.last_year}",
            ]
        )
    return data.table(
        [
            tx("cum.col_reference"),
            tx("cum.col_business"),
            tx("cum.col_case_status"),
            tx("cum.col_host"),
            tx("cum.col_years"),
        ],
        rows,
        [3.0 * cm, 5.4 * cm, 2.6 * cm, 4.0 * cm, 2.0 * cm],
    )


def _overview_table(data: ReportData, cum: Cumulative) -> Any:
    """Per domain the regional verdict without and with this case (badges with the word)."""
    from reportlab.lib.units import cm

    tx = data.tx
    rows, badges = verdict_pair_rows(data, cum.verdict_without, cum.verdict_with)
    return data.table(
        [
            tx("cum.col_domain"),
            tx("cum.col_status_without"),
            tx("cum.col_pressure_without"),
            tx("cum.col_status_with"),
            tx("cum.col_pressure_with"),
            tx("cum.col_decides"),
        ],
        rows,
        [4.6 * cm, 2.4 * cm, 1.9 * cm, 2.4 * cm, 1.9 * cm, 3.8 * cm],
        right=[2, 4],
        status_cells=badges,
    )


def unit_of(data: ReportData, cum: Cumulative, domain: str) -> str:
    for s in cum.series:
        if s.domain == domain:
            return data.unit(s.unit)
    return ""


def _domain_table(data: ReportData, cum: Cumulative, domain: str, t: int) -> Any:
    from reportlab.lib.units import cm

    tx = data.tx
    rows, badges = [], []
    series = [s for s in cum.series if s.domain == domain]
    other = this = 0.0
    for i, s in enumerate(series):
        other += s.other[t]
        this += s.this[t]
        rows.append(
            [
                s.municipality_name,
                data.num(s.other[t]),
                data.num(s.this[t]),
                data.num(s.total[t]),
                data.num(s.capacity, 0),
                data.pressure(s.pressure_without[t]),
                "",
                data.pressure(s.pressure_with[t]),
                "",
            ]
        )
        badges += [(6, i, s.status_without[t]), (8, i, s.status_with[t])]
    rows.append([tx("results.total"), data.num(other), data.num(this), data.num(other + this)] + [""] * 5)
    return data.table(
        [
            tx("results.col_municipality"),
            tx("cum.col_other"),
            tx("cum.col_this"),
            tx("cum.col_total"),
            tx("results.col_capacity"),
            tx("cum.col_pressure_without"),
            tx("cum.col_status_without"),
            tx("cum.col_pressure_with"),
            tx("cum.col_status_with"),
        ],
        rows,
        [2.6 * cm, 1.5 * cm, 1.5 * cm, 1.5 * cm, 1.9 * cm, 1.85 * cm, 2.05 * cm, 1.85 * cm, 2.05 * cm],
        right=[1, 2, 3, 4, 5, 7],
        status_cells=badges,
        bold_rows=[len(rows) - 1],
    )


def _rounding_note(data: ReportData, cum: Cumulative, domain: str, t: int) -> list[Any]:
    """The note under a table whose rounded rows do not add up to its total (rounding policy)."""
    series = [s for s in cum.series if s.domain == domain]
    columns = ([s.other[t] for s in series], [s.this[t] for s in series], [s.total[t] for s in series])
    if all(rows_add_up(col, sum(col), SHARE) for col in columns):
        return []
    return [data.p(data.tx("results.rounding_note"), data.st.note)]


def cumulative_chart(data: ReportData, s: CumulativeSeries, years: list[int]) -> Any:
    """Stacked bars per year (other cases, this case) against the spare capacity (dashed line)."""
    from reportlab.graphics.shapes import Drawing, Rect, String
    from reportlab.lib import colors

    from ber.report.charts import _nice_max, capacity_legend, capacity_line, year_bar_chart

    tx = data.tx
    top = max([*s.total, 0.0])
    if s.capacity is not None:
        top = max(top, s.capacity)
    vmax = _nice_max(top * 1.05)
    d = Drawing(CHART_W, CHART_H, initialFontName=FONT)
    chart = year_bar_chart(
        data, years, [list(s.other), list(s.this)], vmax, (46, 26, CHART_W - 60, CHART_H - 54)
    )
    chart.categoryAxis.style = "stacked"
    chart.bars[0].fillColor = colors.HexColor(OTHER_COLOUR)
    chart.bars[1].fillColor = colors.HexColor(ACCENT)
    chart.bars.strokeColor = None
    chart.barWidth = 8
    chart.groupSpacing = 6
    d.add(chart)
    if s.capacity is not None:
        capacity_line(d, chart, chart.y + chart.height * s.capacity / vmax)
    lx, ly = chart.x, CHART_H - 14
    unit = data.unit(s.unit)
    d.add(Rect(lx, ly - 1, 9, 7, fillColor=colors.HexColor(OTHER_COLOUR), strokeColor=None))
    d.add(String(lx + 13, ly, f"{tx('cum.chart_other')} ({unit})", fontName=FONT, fontSize=7.5))
    lx += 125
    d.add(Rect(lx, ly - 1, 9, 7, fillColor=colors.HexColor(ACCENT), strokeColor=None))
    d.add(String(lx + 13, ly, f"{tx('cum.chart_this')} ({unit})", fontName=FONT, fontSize=7.5))
    lx += 115
    capacity_legend(d, data, lx, ly, s.capacity, s.unit, 0)
    return d


def cumulative_section(data: ReportData) -> list[Any]:
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    cum = data.cumulative
    if cum is None:
        return []
    tx, st = data.tx, data.st
    year = cum.full_operation_year
    t = cum.year_index(year)
    out: list[Any] = [
        heading(data, tx("cum.title")),
        data.p(
            tx(
                "cum.method",
                amber=data.pressure(cum.thresholds.get("amber")),
                red=data.pressure(cum.thresholds.get("red")),
            )
        ),
    ]
    if cum.carry_forward:
        out.append(data.p(tx("cum.carry_forward"), st.small))
    out.append(heading(data, tx("cum.counted_title"), level=2))
    if cum.contributors:
        out.append(data.p(tx("cum.counted_intro", n=len(cum.contributors), year=year)))
        out += [_counted_table(data, cum), Spacer(1, 8)]
    else:
        out.append(data.p(tx("cum.none_counted")))
    beds = cum.employer_beds
    if beds is not None and beds.lines:  # permit conditions: capacity only once delivered
        out.append(
            data.p(
                tx(
                    "cum.employer_beds",
                    delivered=data.qty(beds.delivered, "beds", 0),
                    promised=data.qty(beds.promised, "beds", 0),
                    added=data.qty(beds.added, "beds", 0),
                )
            )
        )
    if cum.counted is not None:  # register-cases.json is attached to the PDF
        out.append(data.p(tx("cum.embedded_note", file=data.file_name), st.small))
    out += [
        heading(data, tx("cum.overview_title"), level=2),
        data.p(tx("cum.overview_intro", year=year)),
        _overview_table(data, cum),
        Spacer(1, 8),
    ]
    pick = decisive(cum)
    if pick is not None:
        domain, code = pick
        s = cum.get(domain, code)
        out.append(
            KeepTogether(
                [
                    data.p(
                        tx("cum.chart_title", domain=data.domain(domain), municipality=s.municipality_name),
                        st.h3,
                    ),
                    cumulative_chart(data, s, cum.years),
                    data.p(tx("cum.chart_note"), st.small),
                ]
            )
        )
    for domain in (d for d in data.domains if d in cum.verdict_with):
        other = sum(s.other[t] for s in cum.series if s.domain == domain)
        without = (
            _verdict_text(data, cum.verdict_without[domain])
            if other > 0
            else tx("cum.verdict_no_other", status=_status_word(data, cum.verdict_without[domain].status))
        )
        sentence = tx(
            "cum.verdict_line",
            without=without,
            with_case=_verdict_text(data, cum.verdict_with[domain]),
        )
        out += [
            KeepTogether(
                [
                    heading(data, data.domain(domain), level=2),
                    data.p(sentence),
                    data.p(tx("results.unit_note", unit=unit_of(data, cum, domain)), st.small),
                    _domain_table(data, cum, domain, t),
                    *_rounding_note(data, cum, domain, t),
                ]
            ),
            Spacer(1, 10),
        ]
    out.append(data.p(tx("cum.table_note", year=year), st.small))
    out.append(PageBreak())
    return out
