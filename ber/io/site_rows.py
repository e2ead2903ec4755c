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

    def tx(key: str, **params: str) -> str:
        return text("report.site." + key, lang, None, **params)

    na = text("report.checks.not_given", lang)
    floor = qty(f.floor_area_m2, "m²", lang, 0)
    if f.floor_estimated:
        floor = tx("estimated", value=floor)
    rows = [
        (tx("plot"), qty(f.plot_area_ha, "ha", lang, 1)),
        (tx("floor"), floor),
        (tx("jobs"), format_number(f.jobs, lang, 0)),
        (tx("jobs_per_ha"), format_number(f.jobs_per_ha, lang, 1) if f.jobs_per_ha is not None else na),
        (
            tx("m2_per_job"),
            tx(
                "m2_per_job_value",
                value=format_number(f.m2_per_job, lang, 0),
                low=format_number(f.m2_per_job_low, lang, 0),
                high=format_number(f.m2_per_job_high, lang, 0),
            ),
        ),
        (tx("jobs_check"), text(FLAG_KEYS[f.jobs_flag], lang)),
        (
            tx("grid_demand"),
            tx(
                "grid_declared" if f.grid_declared else "grid_estimated",
                mw=qty(f.grid_demand_mw, "MW", lang, 2),
            ),
        ),
    ]
    g = f.grid
    if g is None:
        return [*rows, (tx("grid_area"), tx("no_map"))]
    return [
        *rows,
        (tx("grid_area"), text(MATCH_KEYS.get(g.match, MATCH_KEYS["pc4"]), lang, area=g.area)),
        (tx("grid_available"), qty(g.available_mw, "MW", lang, 1)),
        (
            tx("grid_queue"),
            text(
                "report.site.grid_queue_value",
                lang,
                count=g.requests_in_queue or 0,
                mw=qty(g.queue_mw, "MW", lang, 1),
            ),
        ),
        (tx("grid_colour"), text(COLOUR_KEYS.get(g.colour, COLOUR_KEYS[""]), lang)),
        (tx("grid_source"), f"{g.source}, {g.reference_date}"),
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
