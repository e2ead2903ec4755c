"""The results page's table of municipal policy rules checked against the demand, and
its note on stale or undated capacity figures (issue 11 items 3 and 5)."""

from __future__ import annotations

from ber.engine.result import Assessment
from ber.texts.catalogue import text
from ber.texts.labels import format_number, unit_label
from ber.texts.messages import Lang
from gui.models import STATUS_BACKGROUND, Cell
from gui.texts import tr

#: status of a check -> the traffic-light colour of its cell
CHECK_COLOUR = {"ok": "green", "exceeded": "red", "unknown": "grey"}
_SHARES = ("max_migrant_share", "min_host_share")


def _value(rule: str, value: float | None, lang: Lang) -> str:
    if value is None:
        return text("report.checks.status.unknown", lang)
    if rule in _SHARES:
        return f"{format_number(value * 100, lang, 1)} %"
    if rule == "max_beds_per_location":
        return f"{format_number(value, lang, 0)} {unit_label('beds', lang)}"
    return f"{format_number(value, lang, 1)} {unit_label('m² per person', lang)}"


def policy_rows(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Cell]]]:
    """One row per rule checked: municipality, rule, limit, outcome, status (coloured), source."""
    headers = [tr(f"checks.col_{c}") for c in ("municipality", "rule", "limit", "value", "status", "source")]
    rows: list[list[Cell]] = []
    for c in result.policy_checks:
        rule = text(f"report.checks.rule.{c.rule}", lang)
        if c.location is not None:
            rule += " " + text("report.checks.location", lang, n=c.location + 1)
        outcome = _value(c.rule, c.value, lang)
        if c.detail == "locations_needed" and c.needed is not None:
            outcome = text(
                "report.checks.detail.locations_needed",
                lang,
                count=round(c.needed),
                beds=format_number(c.value, lang, 0),
            )
        elif c.detail == "floor_area_needed" and c.needed is not None:
            outcome = text(
                "report.checks.detail.floor_area_needed",
                lang,
                beds=format_number(c.value, lang, 0),
                m2=format_number(c.needed, lang, 0),
            )
        unknown_part = c.detail in ("existing_unknown", "floor_area_unknown")
        tip = text(f"report.checks.detail.{c.detail}", lang) if unknown_part else ""
        minimum_missed = c.rule.startswith("min_") and c.status == "exceeded"
        word = text(
            "report.checks.status.not_met" if minimum_missed else f"report.checks.status.{c.status}", lang
        )
        rows.append(
            [
                Cell(c.municipality_name),
                Cell(rule),
                Cell(_value(c.rule, c.limit, lang), align_right=True),
                Cell(outcome, tooltip=tip),
                Cell(word, STATUS_BACKGROUND[CHECK_COLOUR[c.status]], tip, value=c.status),
                Cell(c.source),
            ]
        )
    return headers, rows


def figures_note(result: Assessment, max_age: int) -> str:
    """How many capacity figures are stale (older than ``max_age`` months) or undated
    (empty when none)."""
    stale = sum(1 for f in result.capacity_figures if f.note == "stale")
    undated = sum(1 for f in result.capacity_figures if f.note == "undated")
    if not (stale or undated):
        return ""
    return tr("checks.figures_note", stale=stale, undated=undated, n=max_age)
