"""The demand-per-year chart of a domain (reportlab graphics, vector, embedded fonts)."""

from __future__ import annotations

import math
from typing import Any

from ber.engine.rounding import capacity_rule, row_rule
from ber.report.data import ReportData
from ber.report.styles import ACCENT, FONT, FONT_BOLD, STATUS_COLOURS

CHART_W = 440.0
CHART_H = 142.0


def _nice_max(value: float) -> float:
    """A round axis maximum at or above ``value`` (1, 2, 2.5, 5 × 10^k)."""
    if value <= 0:
        return 1.0
    exp = 10.0 ** math.floor(math.log10(value))
    for step in (1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10):
        if step * exp >= value:
            return float(step * exp)
    return float(10 * exp)


def year_bar_chart(
    data: ReportData, years: list[int], series: list[list[float]], vmax: float, box: tuple[float, ...]
) -> Any:
    """A bar chart of values per year: axes from 0 to ``vmax`` in five steps, grid, fonts set."""
    from reportlab.graphics.charts.barcharts import VerticalBarChart
    from reportlab.lib import colors

    chart = VerticalBarChart()
    chart.x, chart.y, chart.width, chart.height = box
    chart.data = series
    chart.categoryAxis.categoryNames = [str(y) for y in years]
    chart.categoryAxis.labels.fontName = FONT
    chart.categoryAxis.labels.fontSize = 7
    chart.valueAxis.valueMin = 0
    chart.valueAxis.valueMax = vmax
    chart.valueAxis.valueStep = vmax / 5
    chart.valueAxis.labels.fontName = FONT
    chart.valueAxis.labels.fontSize = 7
    chart.valueAxis.labelTextFormat = lambda v: data.num(v, 0 if vmax >= 10 else 1)
    chart.valueAxis.visibleGrid = 1
    chart.valueAxis.gridStrokeColor = colors.HexColor("#dddddd")
    return chart


def capacity_line(d: Any, chart: Any, y: float) -> None:
    """The dashed red line of the spare capacity across a bar chart, at height ``y``."""
    from reportlab.graphics.shapes import Line
    from reportlab.lib import colors

    red = colors.HexColor(STATUS_COLOURS["red"][0])
    d.add(
        Line(chart.x, y, chart.x + chart.width, y, strokeColor=red, strokeWidth=1.4, strokeDashArray=[5, 3])
    )


def capacity_legend(
    d: Any,
    data: ReportData,
    x: float,
    y: float,
    capacity: float | None,
    unit: str,
    decimals: int | None = None,
) -> float:
    """The legend entry of the capacity line (or 'capacity unknown') at (x, y); returns its right end."""
    from reportlab.graphics.shapes import Line, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    if capacity is not None:
        red = colors.HexColor(STATUS_COLOURS["red"][0])
        d.add(Line(x, y + 2.5, x + 16, y + 2.5, strokeColor=red, strokeWidth=1.4, strokeDashArray=[5, 3]))
        text = f"{data.tx('results.chart_capacity')}: {data.qty(capacity, unit, decimals)}"
    else:
        text = data.tx("results.chart_no_capacity")
    d.add(String(x + 20, y, text, fontName=FONT, fontSize=7.5))
    return float(x + 20 + stringWidth(text, FONT, 7.5))


def chart_title(data: ReportData, domain: str, municipality: str) -> Any:
    """The title line on top of a chart: its domain and its municipality."""
    from reportlab.graphics.shapes import String

    text = data.tx("results.chart_title", domain=data.domain(domain), municipality=municipality)
    return String(46, CHART_H - 11, text, fontName=FONT_BOLD, fontSize=8.5)


def demand_chart(data: ReportData, domain: str, code: str) -> Any:
    """Demand per year in municipality ``code`` against its spare capacity.

    Bars: central demand; dashed red line: spare capacity (when known);
    thin lines: P10 and P90 when the case was sampled. The value axis starts at 0.
    """
    from reportlab.graphics.shapes import Drawing, Line, Rect, String
    from reportlab.lib import colors

    r = data.result
    tx = data.tx
    m = r.municipality(code)
    dom = m.domains[domain]
    years = r.years
    demand = [float(v) for v in dom.demand_per_year]
    band = None
    if r.uncertainty:
        band = r.uncertainty.demand_per_year.get(domain, {}).get(code)
    top = max([*demand, 0.0])
    if band:
        top = max(top, *band.p90)
    if dom.capacity is not None:
        top = max(top, dom.capacity)
    vmax = _nice_max(top * 1.05)

    d = Drawing(CHART_W, CHART_H, initialFontName=FONT)
    chart = year_bar_chart(data, years, [demand], vmax, (46, 30, CHART_W - 60, CHART_H - 70))
    chart.bars[0].fillColor = colors.HexColor(ACCENT)
    chart.bars[0].strokeColor = None
    chart.barWidth = 6
    chart.groupSpacing = 6
    d.add(chart)

    def y_of(v: float) -> float:
        return float(chart.y + chart.height * v / vmax)

    n = len(years)
    step = chart.width / max(n, 1)
    if band:
        for values in (band.p10, band.p90):
            for i in range(n - 1):
                x0, x1 = chart.x + step * (i + 0.5), chart.x + step * (i + 1.5)
                d.add(
                    Line(
                        x0,
                        y_of(values[i]),
                        x1,
                        y_of(values[i + 1]),
                        strokeColor=colors.HexColor("#7f9bb5"),
                        strokeWidth=0.8,
                        strokeDashArray=[1.5, 1.5],
                    )
                )
    if dom.capacity is not None:
        capacity_line(d, chart, y_of(dom.capacity))

    # title (which municipality, which domain), then the legend
    d.add(chart_title(data, domain, m.name))
    lx, ly = chart.x, CHART_H - 26
    unit = data.unit(dom.unit)
    d.add(Rect(lx, ly - 1, 9, 7, fillColor=colors.HexColor(ACCENT), strokeColor=None))
    d.add(String(lx + 13, ly, f"{tx('results.chart_demand')} ({unit})", fontName=FONT, fontSize=7.5))
    lx += 150
    end = capacity_legend(d, data, lx, ly, dom.capacity, dom.unit, row_rule(domain))
    if band:
        lx = max(lx + 170, end + 12)  # after a long capacity entry, never over it
        d.add(
            Line(
                lx,
                ly + 2.5,
                lx + 16,
                ly + 2.5,
                strokeColor=colors.HexColor("#7f9bb5"),
                strokeWidth=0.8,
                strokeDashArray=[1.5, 1.5],
            )
        )
        d.add(String(lx + 20, ly, tx("results.chart_band"), fontName=FONT, fontSize=7.5))
    unit = data.domain_unit(domain)
    # the text alternative (accessible HTML version): what the chart shows, in words
    d._ber_alt = tx(
        "html.chart_alt",
        domain=data.domain(domain),
        municipality=m.name,
        first=years[0],
        last=years[-1],
        peak=data.qty(max(demand, default=0.0), unit, 0 if max(demand, default=0.0) >= 10 else 1),
        capacity=data.qty(dom.capacity, unit, capacity_rule(domain)),
    )
    return d
