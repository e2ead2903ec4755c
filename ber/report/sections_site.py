"""Report part for the site domains (space, energy): after their results, the site's
plot and floor area against the sector's reference, the provincial plot-size rules and
the grid capacity map at the site (``result.site_facts``, ``ber.engine.sitefacts``)."""

from __future__ import annotations

from typing import Any

from ber.report.data import ReportData
from ber.report.sections_front import heading

_COLOURS = {
    "transparant": "grid_colour.transparant",
    "yellow": "grid_colour.yellow",
    "amber": "grid_colour.amber",
    "red": "grid_colour.red",
    "": "grid_colour.none",
}
_FLAGS = {"": "site.flag.none", "many": "site.flag.many", "few": "site.flag.few"}
_MATCH = {"postcode": "site.match.postcode", "pc4": "site.match.pc4"}


def site_section(data: ReportData) -> list[Any]:
    """Space and energy at the chosen site; nothing for results without site facts."""
    from reportlab.lib.units import cm
    from reportlab.platypus import Spacer

    f, tx = data.result.site_facts, data.tx
    if f is None:
        return []
    na = tx("checks.not_given")
    out: list[Any] = [heading(data, tx("site.title"), level=2), data.p(tx("site.intro", site=f.site))]
    floor = data.qty(f.floor_area_m2, "m²", 0)
    if f.floor_estimated:
        floor = tx("site.estimated", value=floor)
    rows = [
        [tx("site.plot"), data.qty(f.plot_area_ha, "ha", 1) if f.plot_area_ha is not None else na],
        [tx("site.floor"), floor],
        [tx("site.jobs"), data.num(f.jobs, 0)],
        [tx("site.jobs_per_ha"), data.num(f.jobs_per_ha, 1) if f.jobs_per_ha is not None else na],
        [
            tx("site.m2_per_job"),
            tx(
                "site.m2_per_job_value",
                value=data.num(f.m2_per_job, 0),
                low=data.num(f.m2_per_job_low, 0),
                high=data.num(f.m2_per_job_high, 0),
            ),
        ],
        [tx("site.jobs_check"), tx(_FLAGS[f.jobs_flag])],
        [
            tx("site.grid_demand"),
            tx(
                "site.grid_declared" if f.grid_declared else "site.grid_estimated",
                mw=data.qty(f.grid_demand_mw, "MW", 2),
            ),
        ],
    ]
    g = f.grid
    if g is not None:
        rows += [
            [tx("site.grid_area"), tx(_MATCH.get(g.match, "site.match.pc4"), area=g.area)],
            [tx("site.grid_available"), data.qty(g.available_mw, "MW", 1)],
            [
                tx("site.grid_queue"),
                tx(
                    "site.grid_queue_value",
                    count=g.requests_in_queue or 0,
                    mw=data.qty(g.queue_mw, "MW", 1),
                ),
            ],
            [tx("site.grid_colour"), tx(_COLOURS.get(g.colour, "grid_colour.none"))],
            [tx("site.grid_source"), f"{g.source}, {g.reference_date}"],
        ]
    else:
        rows.append([tx("site.grid_area"), tx("site.no_map")])
    out.append(data.table(["", ""], rows, [6.0 * cm, 10.5 * cm]))
    if f.rules:
        header = [tx("site.col_rule"), tx("site.col_limit"), tx("site.col_plot"), tx("checks.col_status")]
        rule_rows = []
        for i, rule in enumerate(f.rules, start=1):
            rule_rows.append(
                [
                    f"{rule.province_name} [{i}]",
                    _nb(data.qty(rule.limit_ha, "ha", 1)),
                    _nb(data.qty(rule.plot_area_ha, "ha", 1)) if rule.plot_area_ha is not None else na,
                    tx(f"site.rule.{rule.status}"),
                ]
            )
        out += [
            Spacer(1, 8),
            data.p(tx("site.rules_intro", province=f.rules[0].province_name)),
            data.table(header, rule_rows, [4.0 * cm, 2.5 * cm, 2.5 * cm, 7.5 * cm], right=[1, 2]),
        ]
        for i, rule in enumerate(f.rules, start=1):
            note = tx(
                "site.rule_note",
                n=i,
                rule=_rule_label(data, rule.key),
                date=rule.in_force,
                source=rule.source,
            )
            out.append(data.p(note, data.st.small))
    elif f.province_name:
        out.append(data.p(tx("site.no_rules", province=f.province_name)))
    return out


def _rule_label(data: ReportData, key: str) -> str:
    for rule in data.ref.provincial_rules:
        if rule.key == key:
            return rule.label(data.lang)
    return key


def _nb(quantity: str) -> str:
    """A number and its unit on one line (a narrow column never splits "5,0 ha")."""
    return quantity.replace(" ", "\u00a0")  # no-break space
