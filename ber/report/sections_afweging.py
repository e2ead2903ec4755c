"""Afweging (issue 18): the burdens beside the benefits, neutrally.

The chapter shows the liveability indicators (new residents per 100 inhabitants against
the municipality's cap, housing locations against their place, the new residents likely
not registered in the BRP), the benefit side (jobs, local jobs, jobs per hectare, value
added, the labour reserve) and every domain's verdict and coverage from the domain
registry. A single score only appears when the case sets weights; then the weights, the
scores and the method of combining are printed with it. Every figure comes from
``result.afweging`` (``ber.engine.afweging``).
"""

from __future__ import annotations

from typing import Any

from ber.engine.result_afweging import AfwegingResult, Range
from ber.report.data import ReportData
from ber.report.sections_front import heading
from ber.texts.labels import value_added_key
from ber.texts.verdicts import percent_floor


def afweging_section(data: ReportData) -> list[Any]:
    afw = data.result.afweging
    if afw is None:  # a result from before issue 18
        return []
    tx, st = data.tx, data.st
    out: list[Any] = [heading(data, tx("afw.title")), data.p(tx("afw.intro"))]
    out += _liveability(data, afw)
    out += _benefits(data, afw)
    out += _burdens(data, afw)
    out += _weighting(data, afw)
    out.append(data.p(tx("afw.neutral_note"), st.note))
    return out


def _status(data: ReportData, status: str) -> str:
    return data.tx(f"afw.status.{status}") if status else data.tx("afw.status.none")


def _range(data: ReportData, r: Range, decimals: int = 0) -> str:
    return data.tx("afw.range", low=data.num(r.low, decimals), high=data.num(r.high, decimals))


def _liveability(data: ReportData, afw: AfwegingResult) -> list[Any]:
    from reportlab.lib.units import cm

    tx, st, live = data.tx, data.st, afw.liveability
    out: list[Any] = [data.p(tx("afw.live_heading"), st.h2), data.p(tx("afw.live_intro"))]
    rows = []
    for m in live.municipalities:
        rows.append(
            [
                m.municipality_name,
                data.num(m.inhabitants, 0),
                data.num(m.new_residents, 0),
                data.num(m.per_100_before, 2),
                data.num(m.per_100_new, 2),
                data.num(m.per_100_after, 2),
                tx("afw.no_cap") if m.cap_per_100 is None else data.num(m.cap_per_100, 2),
                _status(data, m.status),
            ]
        )
    header = [
        tx(f"afw.col.{k}")
        for k in ("municipality", "inhabitants", "new", "before", "added", "after", "cap", "status")
    ]
    out.append(
        data.table(
            header,
            rows,
            [3.0 * cm, 2.1 * cm, 1.8 * cm, 1.8 * cm, 1.8 * cm, 1.8 * cm, 1.8 * cm, 2.9 * cm],
            right=[1, 2, 3, 4, 5, 6],
        )
    )
    out.append(data.p(tx("afw.live_note"), st.note))
    u = live.unregistered_total
    out.append(
        data.p(
            tx(
                "afw.unregistered",
                persons=data.num(u.central, 0),
                range=_range(data, u),
                share=data.pct(live.unregistered_share.central),
                share_range=tx(
                    "afw.range",
                    low=data.pct(live.unregistered_share.low),
                    high=data.pct(live.unregistered_share.high),
                ),
                source=data.ref.citation(live.unregistered_source, data.lang),
            )
        )
    )
    if u.p10 is not None and u.p90 is not None:
        out.append(data.p(tx("afw.unregistered_mc", p10=data.num(u.p10, 0), p90=data.num(u.p90, 0)), st.note))
    if live.locations:
        loc_rows = [
            [
                f"{loc.place} ({loc.municipality_name})" + (" *" if loc.largest else ""),
                data.num(loc.beds, 0),
                data.num(loc.place_inhabitants, 0),
                data.num(loc.beds_per_100_inhabitants, 2),
                tx("afw.no_cap") if loc.cap_beds is None else data.num(loc.cap_beds, 0),
                _status(data, loc.status),
                data.shorten(loc.place_source),
            ]
            for loc in live.locations
        ]
        header = [
            tx(f"afw.col.{k}")
            for k in ("place", "beds", "place_inhabitants", "beds_per_100", "cap_beds", "status", "source")
        ]
        out.append(data.p(tx("afw.locations_heading"), st.h2))
        out.append(
            data.table(
                header,
                loc_rows,
                [3.6 * cm, 1.5 * cm, 2.1 * cm, 2.1 * cm, 1.9 * cm, 2.4 * cm, 3.4 * cm],
                right=[1, 2, 3, 4],
            )
        )
        out.append(data.p(tx("afw.locations_note"), st.note))
    return out


def _benefits(data: ReportData, afw: AfwegingResult) -> list[Any]:
    from reportlab.lib.units import cm

    tx, st, b = data.tx, data.st, afw.benefits
    out: list[Any] = [data.p(tx("afw.benefit_heading"), st.h2)]
    rows = [
        [tx("afw.ben.jobs"), tx("afw.unit.jobs", n=data.num(b.jobs.central, 0))],
        [tx("afw.ben.migrant_jobs"), tx("afw.unit.jobs", n=data.num(b.migrant_jobs.central, 0))],
        [tx("afw.ben.local_jobs"), tx("afw.unit.jobs", n=data.num(b.local_jobs.central, 0))],
        [
            tx("afw.ben.jobs_per_ha"),
            tx("afw.unknown_plot")
            if b.jobs_per_ha is None
            else tx("afw.unit.jobs_per_ha", n=data.num(b.jobs_per_ha, 1)),
        ],
        [
            tx("afw.ben.value_added_per_job"),
            tx(
                value_added_key(b.value_added_source),  # the year is a price year, not a CBS year
                n=data.num(b.value_added_per_job.central, 0),
                range=_range(data, b.value_added_per_job),
                year=b.value_added_year,
                source=data.ref.citation(b.value_added_source, data.lang),
            ),
        ],
        [
            tx("afw.ben.value_added_total"),
            tx(
                "afw.unit.million_euro",
                n=data.num(b.value_added_total.central / 1e6, 1),
                range=_range(
                    data, Range(0, b.value_added_total.low / 1e6, b.value_added_total.high / 1e6), 1
                ),
            ),
        ],
        [
            tx("afw.ben.labour_reserve"),
            tx("afw.unknown_reserve")
            if b.labour_reserve is None
            else tx(
                "afw.unit.reserve",
                n=data.num(b.labour_reserve, 0),
                source=b.labour_reserve_source or tx("afw.no_source"),
            ),
        ],
    ]
    if b.local_jobs_per_reserve is not None:
        rows.append([tx("afw.ben.local_per_reserve"), data.pct(b.local_jobs_per_reserve)])
    out.append(data.table(["", ""], rows, [5.6 * cm, 11.4 * cm]))
    if b.jobs.p10 is not None and b.jobs.p90 is not None and b.jobs.p90 > b.jobs.p10:
        out.append(
            data.p(tx("afw.jobs_mc", p10=data.num(b.jobs.p10, 0), p90=data.num(b.jobs.p90, 0)), st.note)
        )
    return out


def _burdens(data: ReportData, afw: AfwegingResult) -> list[Any]:
    from reportlab.lib.units import cm

    tx, st = data.tx, data.st
    rows, cells = [], []
    for i, burden in enumerate(afw.burdens):
        rows.append(
            [
                data.domain(burden.domain),
                data.status(burden.status),
                # whole percent rounded down, as every coverage (99.6 % known is not "100%")
                data.num(None) if burden.coverage is None else percent_floor(burden.coverage, data.lang),
                data.pressure(burden.pressure),
            ]
        )
        cells.append((1, i, burden.status))
    header = [tx("afw.col.domain"), tx("afw.col.verdict"), tx("afw.col.coverage"), tx("afw.col.pressure")]
    return [
        data.p(tx("afw.burden_heading"), st.h2),
        data.table(header, rows, [6.0 * cm, 3.6 * cm, 3.4 * cm, 4.0 * cm], right=[2, 3], status_cells=cells),
    ]


def _weighting(data: ReportData, afw: AfwegingResult) -> list[Any]:
    from reportlab.lib.units import cm

    tx, st, w = data.tx, data.st, afw.weighting
    if w is None:
        return [data.p(tx("afw.no_weights"))]
    rows = []
    for c in w.criteria:
        if c.weight <= 0:
            continue
        name = data.domain(c.key) if c.kind == "domain" else tx(f"afw.ben.{c.key}")
        target = "" if c.target is None else data.num(c.target, 0)
        rows.append(
            [
                name,
                data.pct(c.weight),
                data.num(c.score, 2) if c.score is not None else tx("afw.score_unknown"),
                target,
            ]
        )
    header = [tx("afw.col.criterion"), tx("afw.col.weight"), tx("afw.col.score"), tx("afw.col.target")]
    score = tx("afw.score_unknown") if w.score is None else data.num(w.score, 2)
    return [
        data.p(tx("afw.weight_heading"), st.h2),
        data.p(tx("afw.weight_method")),
        data.table(header, rows, [6.0 * cm, 3.0 * cm, 3.0 * cm, 5.0 * cm], right=[1, 2, 3]),
        data.p(tx("afw.weight_score", score=score, known=data.pct(w.known_weight))),
    ]
