"""Report parts for the checks beside the pressure (issue 11 items 3 and 5): the
provenance of each capacity figure (after the capacity table) and the municipal policy
rules checked against the demand (after the results)."""

from __future__ import annotations

from typing import Any

from ber.report.data import ReportData
from ber.report.sections_front import heading

#: rule key -> decimals of its limit and value, and whether they are shares
_SHARE_RULES = ("max_migrant_share", "min_host_share")


def capacity_provenance(data: ReportData) -> list[Any]:
    """The capacity table's figures with source, reference date, supplier and age note."""
    from reportlab.lib.units import cm

    r, tx, st = data.result, data.tx, data.st
    figures = r.capacity_figures
    if not figures:
        return []
    out: list[Any] = [
        data.p(tx("checks.provenance"), st.h3),
        data.p(tx("checks.provenance_intro", months=_max_age(data))),
    ]
    header = [
        tx("inputs.col_municipality"),
        tx("checks.col_domain"),
        tx("checks.col_figure"),
        tx("checks.col_source"),
        tx("checks.col_date"),
        tx("checks.col_supplied_by"),
        tx("checks.col_note"),
    ]
    rows = []
    sources: list[str] = []  # each source once, as a numbered list under the table
    for f in figures:
        shown = data.num(f.value, 0 if f.value is None or float(f.value).is_integer() else 1)
        if f.source and f.source not in sources:
            sources.append(f.source)
        rows.append(
            [
                f.municipality_name,
                data.domain(f.domain),
                shown if f.value is None else f"{shown} {data.unit(f.unit)}",
                f"[{sources.index(f.source) + 1}]" if f.source else tx("checks.not_given"),
                f.reference_date or tx("checks.not_given"),
                f.supplied_by or tx("checks.not_given"),
                tx(f"checks.note.{f.note}", months=f.age_months or 0) if f.note else "",
            ]
        )
    widths = [2.6 * cm, 3.0 * cm, 2.4 * cm, 1.2 * cm, 2.0 * cm, 3.4 * cm, 2.4 * cm]
    out.append(data.table(header, rows, widths, right=[2]))
    for i, source in enumerate(sources, start=1):
        out.append(data.p(f"[{i}] {source}", st.note))
    stale = sum(1 for f in figures if f.note == "stale")
    undated = sum(1 for f in figures if f.note == "undated")
    if stale or undated:
        months = _max_age(data)
        summary = tx(
            "checks.age_summary",
            stale=tx("checks.age_stale", count=stale, months=months),
            undated=tx("checks.age_undated", count=undated),
        )
        out.append(data.p(summary, st.note))
    return out


def _max_age(data: ReportData) -> int:
    for p in data.result.parameters:
        if p.key == "capacity.max_age_months":
            return round(p.value)
    ov = data.case.overrides.get("capacity.max_age_months")
    return round(ov.value) if ov is not None else 12


def _value(data: ReportData, rule: str, value: float | None) -> str:
    if value is None:
        return data.num(None)
    if rule in _SHARE_RULES:
        return data.pct(value)
    if rule == "max_beds_per_location":
        return f"{data.num(value, 0)} {data.unit('beds')}"
    return f"{data.num(value, 1)} {data.unit('m² per person')}"


def _is_minimum(rule: str, status: str) -> bool:
    """A minimum that is not reached is "not met" rather than "exceeded"."""
    return rule.startswith("min_") and status == "exceeded"


def policy_section(data: ReportData) -> list[Any]:
    """The municipal rules of the case, each with its limit, the computed value and its status."""
    from reportlab.lib.units import cm

    r, tx = data.result, data.tx
    if not r.policy_checks:
        return []
    out: list[Any] = [heading(data, tx("checks.policy"), level=2), data.p(tx("checks.policy_intro"))]
    header = [
        tx("inputs.col_municipality"),
        tx("checks.col_rule"),
        tx("checks.col_limit"),
        tx("checks.col_value"),
        tx("checks.col_status"),
        tx("checks.col_source"),
    ]
    rows = []
    for c in r.policy_checks:
        rule = tx(f"checks.rule.{c.rule}")
        if c.location is not None:
            rule += " " + tx("checks.location", n=c.location + 1)
        value = _value(data, c.rule, c.value)
        if c.detail == "locations_needed" and c.needed is not None:
            value = tx("checks.detail.locations_needed", beds=data.num(c.value, 0), count=round(c.needed))
        elif c.detail == "floor_area_needed" and c.needed is not None:
            value = tx("checks.detail.floor_area_needed", beds=data.num(c.value, 0), m2=data.num(c.needed, 0))
        elif c.detail:
            value += " " + tx(f"checks.detail.{c.detail}")
        rows.append(
            [
                c.municipality_name,
                rule,
                _value(data, c.rule, c.limit),
                value,
                tx("checks.status.not_met" if _is_minimum(c.rule, c.status) else f"checks.status.{c.status}"),
                c.source,
            ]
        )
    widths = [2.2 * cm, 3.6 * cm, 1.8 * cm, 3.9 * cm, 2.5 * cm, 3.0 * cm]
    out.append(data.table(header, rows, widths))
    return out
