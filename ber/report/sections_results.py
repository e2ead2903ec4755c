"""Resultaten per domein, Kaart and Locatievergelijking."""

from __future__ import annotations

from typing import Any

from ber.engine.rounding import capacity_rule, row_rule, rows_add_up
from ber.report.data import ReportData
from ber.report.sections_checks import policy_section
from ber.report.sections_front import heading
from ber.report.sections_residence import residence_table
from ber.report.sections_season import season_section
from ber.report.sections_site import site_section
from ber.texts.verdicts import percent_floor, pressure_text


def results(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    from ber.report.charts import demand_chart

    r, tx = data.result, data.tx
    out: list[Any] = [
        heading(data, tx("results.title")),
        data.p(tx("results.intro", year=r.full_operation_year)),
    ]
    out += residence_table(data)
    out += season_section(data)
    for domain in data.domains:
        unit = data.domain_unit(domain)
        places = data.decimals(domain)  # the regional total
        row_places = row_rule(domain)  # shares (rounding.SHARE); a site domain's one row as the total
        capacity_places = capacity_rule(domain)
        rows: list[list[str]] = []
        badges: list[tuple[int, int, str]] = []
        total = 0.0
        no_demand: list[str] = []  # rows of zeros are collapsed into one line under the table
        for m in r.municipalities:
            dom = m.domains[domain]
            total += dom.demand
            if dom.demand == 0:
                no_demand.append(m.name)
                continue
            i = len(rows)
            rows.append(
                [
                    m.name,
                    data.qty(dom.demand, unit, row_places),
                    data.qty(dom.capacity, unit, capacity_places),
                    data.pressure(dom.pressure),
                    "",
                ]
            )
            badges.append((4, i, dom.status))
        rows.append([tx("results.total"), data.qty(total, unit, places), "", "", ""])
        table = data.table(
            [
                tx("results.col_municipality"),
                tx("results.col_demand"),
                tx("results.col_capacity"),
                tx("results.col_pressure"),
                tx("results.col_status"),
            ],
            rows,
            [3.4 * cm, 4.6 * cm, 4.6 * cm, 1.9 * cm, 2.5 * cm],
            right=[1, 2, 3],
            status_cells=badges,
            bold_rows=[len(rows) - 1],
        )
        verdict = r.verdict[domain]
        head: list[Any] = [
            heading(data, data.domain(domain), level=2),
            data.p(
                tx(
                    "results.verdict_line",
                    status=data.status(verdict.status).upper(),
                    municipality=verdict.municipality_name or data.num(None),
                )
            ),
        ]
        # the worst known municipality, else where the largest demand meets unknown capacity
        chart_code = verdict.municipality or verdict.unknown_municipality
        if chart_code:
            head += [demand_chart(data, domain, chart_code), Spacer(1, 4)]
        # heading, chart and table stay together (a long table of a large region
        # runs over pages with its header repeated)
        block = [*head, table]
        if no_demand:
            names = ", ".join(no_demand)
            block += [
                Spacer(1, 4),
                data.p(tx("results.no_demand", count=len(no_demand), names=names), data.st.small),
            ]
        if not rows_add_up((m.domains[domain].demand for m in r.municipalities), total, places, row_places):
            block.append(data.p(tx("results.rounding_note"), data.st.note))
        out += [KeepTogether(block), Spacer(1, 12)]
    out += site_section(data)  # space and energy at the site: plot, jobs, provincial rules, grid map
    out += policy_section(data)  # the municipal rules checked against the demand
    out.append(PageBreak())
    return out


def map_section(data: ReportData) -> list[Any]:
    from reportlab.platypus import PageBreak

    from ber.report.mapdraw import has_region_polygons, region_map

    tx = data.tx
    out: list[Any] = [heading(data, tx("map.title"))]
    if has_region_polygons(data):
        out.append(data.p(tx("map.intro")))
        out.append(region_map(data))
        out.append(data.p(tx("map.source", source=data.boundary_source), data.st.small))
    else:
        out.append(data.p(tx("map.schematic_intro")))
        out.append(region_map(data))
        out.append(data.p(tx("map.source_schematic", source=data.result.region.data_source), data.st.small))
    out.append(PageBreak())
    return out


#: site columns side by side in the verdict table (a badge needs about 2 cm)
SITE_COLUMNS = 6


def sites_section(data: ReportData) -> list[Any]:
    """Only when the case has several sites (``result.sites`` is empty otherwise)."""
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak, Spacer

    from ber.report.mapdraw import region_map

    r, tx, st = data.result, data.tx, data.st
    if not r.sites:
        return []
    out: list[Any] = [heading(data, tx("sites.title")), data.p(tx("sites.intro"))]
    rows = []
    ranked = sorted(r.sites, key=lambda s: s.rank)
    for s in ranked:
        name = f"{s.name} {tx('sites.chosen_mark')}" if s.chosen else s.name
        rows.append(
            [
                str(s.rank),
                name,
                s.host_name,
                str(s.red),
                str(s.amber),
                percent_floor(s.unknown_share, data.lang),
                pressure_text(s.max_pressure, s.no_capacity, data.lang) or data.pressure(None),
                data.qty(s.commute_vehicle_km_per_day, "vehicle-km per day", 0),
            ]
        )
    out.append(
        data.table(
            [
                tx("sites.col_rank"),
                tx("sites.col_site"),
                tx("sites.col_host"),
                tx("sites.col_red"),
                tx("sites.col_amber"),
                tx("sites.col_grey"),
                tx("sites.col_max_pressure"),
                tx("sites.col_vkm"),
            ],
            rows,
            [1.3 * cm, 4.0 * cm, 2.3 * cm, 1.1 * cm, 1.4 * cm, 1.9 * cm, 1.7 * cm, 3.3 * cm],
            right=[0, 3, 4, 5, 6, 7],
            bold_rows=[i for i, s in enumerate(ranked) if s.chosen],
        )
    )
    out.append(data.p(tx("sites.counts_note"), st.small))
    out.append(data.p(tx("sites.verdicts_heading"), st.h2))
    # at most SITE_COLUMNS sites side by side: more sites continue in the next table
    for first in range(0, len(ranked), SITE_COLUMNS):
        group = ranked[first : first + SITE_COLUMNS]
        rows, badges = [], []
        for i, domain in enumerate(data.domains):
            rows.append([data.domain(domain)] + ["" for _ in group])
            for j, s in enumerate(group):
                badges.append((j + 1, i, s.verdict.get(domain, "grey")))
        width = (17 * cm - 5 * cm) / len(group)
        out.append(
            data.table(
                [tx("sites.col_domain")] + [f"{s.rank}. {s.host_name}" for s in group],
                rows,
                [5 * cm] + [width] * len(group),
                status_cells=badges,
            )
        )
        out.append(Spacer(1, 6))
    out += [Spacer(1, 8), region_map(data, height=300, numbered=True), PageBreak()]
    return out
