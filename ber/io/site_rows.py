"""The site domains' facts (``result.site_facts``) as rows of text: shared by the report's
section "Space and energy at the site", the desktop application's results page and the
Excel export, in the catalogue's words (``report.site.*``)."""

from __future__ import annotations

from ber.engine.result_site import SiteFacts
from ber.reference.data import ReferenceSet
from ber.texts.catalogue import text
from ber.texts.labels import format_number, unit_label
from ber.texts.messages import Lang

COLOUR_KEYS = {
    "transparant": "report.grid_colour.transparant",
    "yellow": "report.grid_colour.yellow",
    "amber": "report.grid_colour.amber",
    "red": "report.grid_colour.red",
    "": "report.grid_colour.none",
}
FLAG_KEYS = {"": "report.site.flag.none", "many": "report.site.flag.many", "few": "report.site.flag.few"}
MATCH_KEYS = {"postcode": "report.site.match.postcode", "pc4": "report.site.match.pc4"}
RULE_KEYS = {
    "ok": "report.site.rule.ok",
    "exceeded": "report.site.rule.exceeded",
    "unknown": "report.site.rule.unknown",
}


def qty(value: float | None, unit: str, lang: Lang, decimals: int) -> str:
    """A number with its unit, the number and unit kept on one line; "–" when unknown."""
    if value is None:
        return text("report.checks.not_given", lang)
    return f"{format_number(value, lang, decimals)}\u00a0{unit_label(unit, lang)}"


def fact_rows(f: SiteFacts, lang: Lang) -> list[tuple[str, str]]:
    """(label, value) rows: plot, floor area, jobs, their check, grid need and capacity map."""

    na = text("report.checks.not_given", lang)
    floor = qty(f.floor_area_m2, "m²", lang, 0)
    if f.floor_estimated:
        floor = text("report.site.estimated", lang, value=floor)
    rows = [
        (text("report.site.plot", lang), qty(f.plot_area_ha, "ha", lang, 1)),
        (text("report.site.floor", lang), floor),
        (text("report.site.jobs", lang), format_number(f.jobs, lang, 0)),
        (
            text("report.site.jobs_per_ha", lang),
            format_number(f.jobs_per_ha, lang, 1) if f.jobs_per_ha is not None else na,
        ),
        (
            text("report.site.m2_per_job", lang),
            text(
                "report.site.m2_per_job_value",
                lang,
                value=format_number(f.m2_per_job, lang, 0),
                low=format_number(f.m2_per_job_low, lang, 0),
                high=format_number(f.m2_per_job_high, lang, 0),
            ),
        ),
        (text("report.site.jobs_check", lang), text(FLAG_KEYS[f.jobs_flag], lang)),
        (
            text("report.site.grid_demand", lang),
            text(
                "report.site.grid_declared" if f.grid_declared else "report.site.grid_estimated",
                lang,
                mw=qty(f.grid_demand_mw, "MW", lang, 2),
            ),
        ),
    ]
    rows += [
        (text("report.site.freight_day", lang), qty(f.freight_trucks_per_day, "trucks per day", lang, 0)),
        (text("report.site.freight_peak", lang), qty(f.freight_trucks_peak, "trucks per peak hour", lang, 0)),
    ]
    g = f.grid
    if g is None:
        return [*rows, (text("report.site.grid_area", lang), text("report.site.no_map", lang))]
    return [
        *rows,
        (
            text("report.site.grid_area", lang),
            text(MATCH_KEYS.get(g.match, MATCH_KEYS["pc4"]), lang, area=g.area),
        ),
        (text("report.site.grid_available", lang), qty(g.available_mw, "MW", lang, 1)),
        (
            text("report.site.grid_queue", lang),
            text(
                "report.site.grid_queue_value",
                lang,
                count=g.requests_in_queue or 0,
                mw=qty(g.queue_mw, "MW", lang, 1),
            ),
        ),
        (text("report.site.grid_colour", lang), text(COLOUR_KEYS.get(g.colour, COLOUR_KEYS[""]), lang)),
        (text("report.site.grid_source", lang), f"{g.source}, {g.reference_date}"),
    ]


def rule_label(ref: ReferenceSet, key: str, lang: Lang) -> str:
    for rule in ref.provincial_rules:
        if rule.key == key:
            return rule.label(lang)
    return key


def rule_rows(f: SiteFacts, lang: Lang) -> list[tuple[str, str, str, str]]:
    """(province [n], limit, plot, status) per provincial rule; [n] refers to ``rule_notes``."""
    return [
        (
            f"{r.province_name} [{i}]",
            qty(r.limit_ha, "ha", lang, 1),
            qty(r.plot_area_ha, "ha", lang, 1),
            text(RULE_KEYS[r.status], lang),
        )
        for i, r in enumerate(f.rules, start=1)
    ]


def rule_notes(f: SiteFacts, ref: ReferenceSet, lang: Lang) -> list[str]:
    """The rule text, date in force and source of each ``rule_rows`` row."""
    return [
        text(
            "report.site.rule_note",
            lang,
            n=i,
            rule=rule_label(ref, r.key, lang),
            date=r.in_force,
            source=r.source,
        )
        for i, r in enumerate(f.rules, start=1)
    ]
