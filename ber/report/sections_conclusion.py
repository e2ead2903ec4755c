"""Conclusie (conclusion): the overall conclusion, draft permit conditions, knowledge gaps, monitoring.

Written in the manner of a milieueffectrapport: what the verdicts mean together, which
conditions (voorschriften) would follow from the red and amber domains, what is not
known (capacities, the assumptions that move the outcome most) and how the effects
should be followed once the business operates. Every figure comes from the result.
"""

from __future__ import annotations

import math
from typing import Any

from ber.engine.status import severity
from ber.report.data import ReportData
from ber.report.sections_front import heading

#: how many of the most influential assumptions the knowledge gaps name
TOP_SENSITIVITY = 3


def conclusion(data: ReportData) -> list[Any]:
    tx, st = data.tx, data.st
    out: list[Any] = [heading(data, tx("concl.title"))]
    out += [data.p(tx("concl.overall_heading"), st.h2), data.p(_overall(data))]
    out.append(data.p(tx("concl.conditions_heading"), st.h2))
    out += _conditions(data)
    out.append(data.p(tx("concl.gaps_heading"), st.h2))
    out += _gaps(data)
    out.append(data.p(tx("concl.monitoring_heading"), st.h2))
    out += _monitoring(data)
    return out  # the short accountability chapter follows on the same page


def _by_status(data: ReportData) -> dict[str, list[str]]:
    groups: dict[str, list[str]] = {"red": [], "amber": [], "green": [], "grey": []}
    for d in data.domains:
        groups.setdefault(data.result.verdict[d].status, []).append(d)
    return groups


def _names(data: ReportData, domains: list[str]) -> str:
    return "; ".join(data.domain(d).lower() if data.lang == "nl" else data.domain(d) for d in domains)


def _overall(data: ReportData) -> str:
    tx, r = data.tx, data.result
    groups = _by_status(data)
    params = {
        "year": r.full_operation_year,
        "red": _names(data, groups["red"]),
        "amber": _names(data, groups["amber"]),
        "grey": _names(data, groups["grey"]),
        "n_red": len(groups["red"]),
        "n_amber": len(groups["amber"]),
    }
    parts = []
    if groups["red"]:
        parts.append(tx("concl.overall_red", count=len(groups["red"]), **params))
    if groups["amber"]:
        parts.append(tx("concl.overall_amber", count=len(groups["amber"]), **params))
    if not groups["red"] and not groups["amber"]:
        parts.append(tx("concl.overall_green", **params))
    if groups["grey"]:
        parts.append(tx("concl.overall_grey", count=len(groups["grey"]), **params))
    if data.cumulative is not None:
        worse = [
            d
            for d in data.domains
            if d in data.cumulative.verdict_with
            and severity(data.cumulative.verdict_with[d].status) > severity(r.verdict[d].status)
        ]
        if worse:
            parts.append(tx("concl.overall_cumulative", domains=_names(data, worse)))
    return " ".join(parts)


def excess(data: ReportData, domain: str) -> float | None:
    """Demand above the amber threshold's share of the spare capacity in the deciding municipality.

    This is what a condition must take away (or add as capacity) to bring that
    municipality back to green: demand − amber threshold × spare capacity.
    """
    v = data.result.verdict[domain]
    if v.municipality is None:
        return None
    dom = data.result.municipality(v.municipality).domains.get(domain)
    if dom is None or dom.capacity is None:
        return None
    return max(dom.demand - data.threshold(domain, "amber") * dom.capacity, 0.0)


def _conditions(data: ReportData) -> list[Any]:
    from reportlab.platypus import ListFlowable, ListItem

    tx, st = data.tx, data.st
    groups = _by_status(data)
    concerned = groups["red"] + groups["amber"]
    if not concerned:
        return [data.p(tx("concl.conditions_none"))]
    items = []
    for d in concerned:
        v = data.result.verdict[d]
        extra = excess(data, d)
        unit = data.domain_unit(d)
        text = data.tx.get(f"concl.condition.{d}", "") or tx("concl.condition_generic")
        amount = data.qty(math.ceil(extra - 1e-9) if extra is not None else None, unit, 0)
        body = text.format(
            domain=data.domain(d),
            municipality=v.municipality_name or data.num(None),
            amount=amount,
            status=data.status(v.status).lower(),
            year=data.result.full_operation_year,
        )
        items.append(ListItem(data.p(body), leftIndent=14))
    return [
        data.p(tx("concl.conditions_intro")),
        ListFlowable(items, bulletType="1", bulletFontName=st.body.fontName, bulletFontSize=9, leftIndent=14),
        data.p(tx("concl.conditions_note"), st.note),
    ]


def _gaps(data: ReportData) -> list[Any]:
    tx, r = data.tx, data.result
    out: list[Any] = []
    unknown: dict[str, list[str]] = {}
    for m in r.municipalities:
        for d, dom in m.domains.items():
            if dom.capacity is None and dom.demand > 0:
                unknown.setdefault(d, []).append(m.name)
    if unknown:
        lines = [
            tx("concl.gap_capacity", domain=data.domain(d), count=len(names), municipalities=", ".join(names))
            for d, names in unknown.items()
        ]
        out.append(data.p(tx("concl.gaps_capacity_intro")))
        out += [data.p("• " + line) for line in lines]
    else:
        out.append(data.p(tx("concl.gaps_capacity_none")))
    rows = sorted(r.sensitivity or [], key=lambda s: s.max_relative_swing, reverse=True)[:TOP_SENSITIVITY]
    if rows:
        names = "; ".join(
            tx(
                "concl.gap_sensitivity_item",
                label=s.label(data.lang) or s.key,
                swing=data.pct(s.max_relative_swing),
            )
            for s in rows
        )
        out.append(data.p(tx("concl.gaps_sensitivity", count=len(rows), list=names)))
    else:
        assumptions = [p for p in r.parameters if p.assumption]
        labels = ", ".join((p.label_nl if data.lang == "nl" else p.label_en) for p in assumptions[:5])
        out.append(data.p(tx("concl.gaps_no_sampling", count=len(assumptions), list=labels or "–")))
    return out


def _monitoring(data: ReportData) -> list[Any]:
    tx, r = data.tx, data.result
    groups = _by_status(data)
    first = r.years[0] if r.years else r.full_operation_year
    out = [data.p(tx("concl.monitoring_intro", first=first, year=r.full_operation_year))]
    for d in groups["red"] + groups["amber"] + groups["grey"]:
        text = data.tx.get(f"concl.monitor.{d}", "") or tx("concl.monitor_generic")
        out.append(data.p("• " + text.format(domain=data.domain(d))))
    out.append(data.p(tx("concl.monitoring_review", year=r.full_operation_year)))
    return out
