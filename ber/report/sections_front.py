"""Cover, table of contents and summary (the two pages a non-specialist reads)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from ber.engine.domains import domain as registered_domain
from ber.engine.metrics import Output, metrics
from ber.engine.rounding import capacity_rule, row_rule
from ber.report.data import ReportData
from ber.report.styles import FONT
from ber.texts.labels import STATUS_MEANING, TOTAL_LABELS
from ber.texts.verdicts import percent_floor, pressure_text

if TYPE_CHECKING:
    from ber.engine.result import Verdict

#: units counted in people: running text shows them in whole persons
PERSON_UNITS = frozenset({"persons", "pupils", "patients"})


def heading(data: ReportData, text: str, level: int = 1) -> Any:
    """A section heading; level 1 headings go into the table of contents and the PDF outline."""
    from reportlab.platypus import Paragraph

    style = data.st.h1 if level == 1 else data.st.h2
    para = Paragraph(text.replace("&", "&amp;").replace("<", "&lt;"), style)
    para._ber_toc = (level, text)  # read by the page template
    return para


def cover(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import Image, PageBreak, Spacer, Table, TableStyle

    r, case, tx, st = data.result, data.case, data.tx, data.st
    out: list[Any] = []
    if data.logo is not None and data.logo.is_file():
        img = Image(str(data.logo))
        ratio = img.imageWidth / max(img.imageHeight, 1)
        img.drawHeight = 2.2 * cm
        img.drawWidth = min(2.2 * cm * ratio, 7 * cm)
        img.hAlign = "LEFT"
        out += [img, Spacer(1, 2.2 * cm)]
    else:
        out.append(Spacer(1, 4.4 * cm))
    out += [data.p(tx("cover.title"), st.title), Spacer(1, 4), data.p(tx("cover.subtitle"), st.subtitle)]
    out.append(Spacer(1, 1.6 * cm))
    empty = tx("cover.empty")
    officer = data.officer or case.meta.officer or empty
    date = data.long_date(case.meta.date or r.computed_at[:10])
    region = data.region_label()
    rows = [
        (tx("cover.business"), case.business.name),
        (tx("cover.site"), r.site.name),
        (tx("cover.host"), r.site.host_name),
        (tx("cover.region"), region),
        (tx("cover.reference"), case.meta.reference or empty),
        (tx("cover.officer"), officer),
        (tx("cover.date"), date),
    ]
    table = Table(
        [[data.cell(k, st.cover_label), data.cell(v, st.cover_value)] for k, v in rows],
        colWidths=[4.2 * cm, 12 * cm],
        hAlign="LEFT",
    )
    table.setStyle(
        TableStyle(
            [
                ("FONTNAME", (0, 0), (-1, -1), FONT),  # never the unembedded default
                ("VALIGN", (0, 0), (-1, -1), "TOP"),
                ("BOTTOMPADDING", (0, 0), (-1, -1), 6),
            ]
        )
    )
    out += [table, Spacer(1, 2.5 * cm), data.p(tx("cover.attachment_note"), st.small), PageBreak()]
    return out


def contents(data: ReportData) -> list[Any]:
    from reportlab.platypus import PageBreak, TableStyle
    from reportlab.platypus.tableofcontents import TableOfContents

    toc = TableOfContents()
    toc.levelStyles = data.st.toc
    toc.dotsMinLevel = 0
    toc.tableStyle = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
        ]
    )
    return [data.p(data.tx("toc.title"), data.st.h1), toc, PageBreak()]


def _domain_sentence(data: ReportData, domain: str) -> str:
    r, tx = data.result, data.tx
    verdict = r.verdict[domain]
    unit = data.domain_unit(domain)
    regional = sum(m.domains[domain].demand for m in r.municipalities if domain in m.domains)
    # a grey verdict speaks of where the demand meets unknown capacity; the others of the
    # worst municipality with a known capacity
    grey = verdict.status == "grey"
    code = verdict.unknown_municipality if grey else verdict.municipality
    m = r.municipality(code) if code else None
    dom = m.domains[domain] if m else None
    pressure = _pressure(data, verdict.pressure, verdict.no_capacity)
    params = {
        "demand": data.qty(regional, unit, data.decimals(domain)),
        "municipality": (m.name if m else None) or data.num(None),
        "mdemand": (
            data.persons(dom.demand if dom else None, unit)
            if unit in PERSON_UNITS
            else data.qty(dom.demand if dom else None, unit, row_rule(domain))
        ),
        "capacity_n": data.num(dom.capacity if dom else None, 0),
        "capacity": data.qty(dom.capacity if dom else None, unit, capacity_rule(domain)),
        "pressure": pressure,
        "patients": data.figure("gp_patients", r.totals.value("gp_patients")),
        "fte": data.figure("gp_fte", r.totals.value("gp_fte")),
    }
    at_site = registered_domain(domain).at_site
    if at_site and grey:  # one cell, the site: say what is missing there (no coverage share)
        params["municipality"] = r.site.host_name
        text = tx("summary.site_unknown" if regional > 0 else "summary.site_no_demand", **params)
    else:
        text = tx("summary.sentence_unknown" if grey else f"summary.sentence.{domain}", **params)
    if verdict.coverage is not None and verdict.coverage < 1.0 and not at_site:
        # short: the cell holds at most MAX_CELL_CHARS (a grey sentence names the largest unknown)
        text += " " + tx("summary.coverage", coverage=percent_floor(verdict.coverage, data.lang))
    band = r.uncertainty.pressure.get(domain, {}).get(code or "") if r.uncertainty and code else None
    if band is not None and verdict.pressure is not None:
        # the verdict is the central one; the draws say how sure it is
        text += " " + tx(
            "summary.sentence_draws",
            samples=r.uncertainty.samples if r.uncertainty else 0,
            red=data.pct(band.share_red),
            amber=data.pct(max(band.share_amber_or_red - band.share_red, 0.0)),
        )
    return text


def status_legend(data: ReportData) -> str:
    """The meaning of the verdicts with the thresholds actually used (overrides included)."""
    meaning = {f"m_{s}": STATUS_MEANING[s][data.lang] for s in ("green", "amber", "red", "grey")}
    amber, red = data.thresholds()
    return data.tx("summary.status_legend", amber=amber, red=red, **meaning)


def _headline(data: ReportData) -> str:
    """Workers + family = residents in the region + those living abroad, in whole persons.

    The three computed figures are rounded to whole persons (their metrics' rule); the
    number living abroad (cross-border workers and their families) is derived from the
    shown figures, so the sentence adds up as printed.
    """
    r, case, tx = data.result, data.case, data.tx
    t = r.totals
    shown = {k: round(t.value(k) or 0.0) for k in ("migrant_workers", "family_members", "residents")}
    people = shown["migrant_workers"] + shown["family_members"]
    abroad = max(people - shown["residents"], 0)
    params = {
        "business": case.business.name,
        "site": r.site.name,
        "host": r.site.host_name,
        "jobs": data.figure("jobs", t.value("jobs")),
        "year": r.full_operation_year,
        "migrants": data.num(shown["migrant_workers"], 0),
        "family": data.num(shown["family_members"], 0),
        "people": data.num(people, 0),
        "residents": data.num(shown["residents"], 0),
        "region": data.region_phrase(),
        "abroad": data.num(abroad, 0),
        "cross_border": data.num(round(t.value("cross_border_workers") or 0.0), 0),
    }
    text = tx("summary.intro", **params)
    if abroad:
        text += " " + tx("summary.intro_abroad", count=abroad, **params)
    return text


def verdict_pair_rows(
    data: ReportData, first: Mapping[str, Verdict], second: Mapping[str, Verdict]
) -> tuple[list[list[str]], list[tuple[int, int, str]]]:
    """Rows "domain | badge | pressure | badge | pressure | deciding municipality" for the
    domains of ``second`` (e.g. this case alone / with the other cases), and the badge cells."""
    rows: list[list[str]] = []
    badges: list[tuple[int, int, str]] = []
    for i, domain in enumerate(d for d in data.domains if d in second):
        a, b = first[domain], second[domain]
        rows.append(
            [
                data.domain(domain),
                "",
                data.pressure(a.pressure),
                "",
                data.pressure(b.pressure),
                b.municipality_name or data.num(None),
            ]
        )
        badges += [(1, i, a.status), (3, i, b.status)]
    return rows, badges


def _cumulative_summary(data: ReportData) -> list[Any]:
    """With a cumulative view: the verdicts without and with the other registered cases."""
    if data.cumulative is None:
        return []
    from reportlab.lib.units import cm

    cum, tx = data.cumulative, data.tx
    rows, badges = verdict_pair_rows(data, data.result.verdict, cum.verdict_with)
    pressure = tx("results.col_pressure")
    table = data.table(
        [
            tx("summary.col_domain"),
            tx("summary.col_alone"),
            pressure,
            tx("summary.col_together"),
            pressure,
            tx("cum.col_decides"),
        ],
        rows,
        [4.2 * cm, 2.6 * cm, 1.7 * cm, 2.6 * cm, 1.7 * cm, 4.2 * cm],
        right=[2, 4],
        status_cells=badges,
    )
    n = len(cum.contributors)
    return [
        data.p(tx("summary.cumulative_heading"), data.st.h2),
        data.p(tx("summary.cumulative_intro", count=n, n=n)),
        table,
    ]


def summary(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    r, case, tx, st = data.result, data.case, data.tx, data.st
    year = r.full_operation_year
    t = r.totals
    out: list[Any] = [heading(data, tx("summary.title"))]
    out.append(data.p(_headline(data)))
    out.append(data.p(tx("summary.verdict_heading", year=year), st.h2))
    rows, badges = [], []
    for i, domain in enumerate(data.domains):
        rows.append([data.domain(domain), "", _domain_sentence(data, domain)])
        badges.append((1, i, r.verdict[domain].status))
    out.append(
        data.table(
            [tx("summary.col_domain"), tx("summary.col_status"), tx("summary.col_sentence")],
            rows,
            [3.5 * cm, 2.3 * cm, 11.2 * cm],
            status_cells=badges,
        )
    )
    out.append(data.p(status_legend(data), st.small))
    out += _cumulative_summary(data)
    if case.meta.capacity_source:
        out.append(data.p(tx("summary.capacity_source", source=case.meta.capacity_source), st.note))
    out += _mitigations(data)
    rows = []
    for m in metrics(Output.KEY_FIGURES):
        rows.append([TOTAL_LABELS[m.label][data.lang], data.figure(m.key, t.value(m.key))])
    out.append(
        KeepTogether(
            [
                data.p(tx("summary.key_figures", year=year), st.h2),
                data.table(
                    [tx("summary.col_figure"), tx("summary.col_value")], rows, [9 * cm, 6 * cm], right=[1]
                ),
            ]
        )
    )
    if r.sites:
        best = min(r.sites, key=lambda s: s.rank)
        chosen = next((s for s in r.sites if s.chosen), best)
        out += [
            Spacer(1, 6),
            data.p(tx("summary.sites_note", count=len(r.sites), best=best.name, rank=chosen.rank)),
        ]
    out.append(PageBreak())
    return out


def _mitigations(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether

    r, tx, st = data.result, data.tx, data.st
    mit = r.mitigations
    head = data.p(tx("summary.mitigations_heading"), st.h2)
    if not mit:
        return [head, data.p(tx("summary.mitigations_none"))]
    active = mit.active
    parts = []
    if active.employer_beds:
        parts.append(tx("summary.mitigation.employer_beds", value=data.qty(active.employer_beds, "beds", 0)))
    shares = {
        "shuttle_share": active.shuttle_share,
        "employer_gp_share": active.employer_gp_share,
        "local_recruitment_share": active.local_recruitment_share,
    }
    for key, share in shares.items():
        if share:
            parts.append(tx(f"summary.mitigation.{key}", value=data.pct(share)))
    without = mit.without.verdict
    rows, badges = [], []
    for i, domain in enumerate(data.domains):
        before = without.get(domain)
        after = r.verdict[domain]
        b_status = before.status if before else "grey"
        rows.append(
            [
                data.domain(domain),
                "",
                _pressure(data, before.pressure, before.no_capacity) if before else data.pressure(None),
                "",
                _pressure(data, after.pressure, after.no_capacity),
            ]
        )
        badges += [(1, i, b_status), (3, i, after.status)]
    pressure = tx("results.col_pressure")
    table = data.table(
        [tx("summary.col_domain"), tx("summary.col_without"), pressure, tx("summary.col_with"), pressure],
        rows,
        [5.2 * cm, 3.0 * cm, 1.9 * cm, 3.0 * cm, 1.9 * cm],
        right=[2, 4],
        status_cells=badges,
    )
    joined = "; ".join(parts) if parts else tx("inputs.employer_beds_none")
    block = [head, data.p(tx("summary.mitigations_intro", list=joined)), table]
    worse = []
    for d in data.domains:
        before_p, after_p = (without[d].pressure if d in without else None), r.verdict[d].pressure
        if before_p is not None and after_p is not None and after_p > before_p + 1e-9:
            worse.append(data.domain(d))
    if worse and active.employer_beds:
        places = sorted(
            {
                data.municipality_names.get(b.municipality, b.municipality)
                for b in data.case.workforce.employer_beds
            }
        )
        block.append(
            data.p(
                tx("summary.mitigations_worse", domains=", ".join(worse), municipalities=", ".join(places))
            )
        )
    return [KeepTogether(block)]


def _pressure(data: ReportData, pressure: float | None, no_capacity: bool) -> str:
    """A verdict's pressure: the number, "geen vrije capaciteit" when infinite, else a dash."""
    return pressure_text(pressure, no_capacity, data.lang) or data.pressure(None)
