"""How a verdict's pressure, coverage and largest unknown demand read, in one place.

The CLI summary, the GUI results page and the report use these, so zero spare
capacity reads "geen vrije capaciteit" everywhere (never "onbekend") and the
coverage reads the same ("dekking 32%").
"""

from __future__ import annotations

import math

from ber.texts.catalogue import Lang, format_number, text
from ber.texts.labels import format_pressure


def percent_floor(share: float, lang: Lang) -> str:
    """A share as a whole percentage, rounded down (99.6% known is not "100%")."""
    return f"{format_number(math.floor(share * 100 + 1e-9), lang, 0)}%"


def coverage_text(coverage: float | None, lang: Lang) -> str:
    """``dekking 32%``; empty when the coverage is not known (older results)."""
    return (
        ""
        if coverage is None
        else text("label.verdict.coverage", lang, percent=percent_floor(coverage, lang))
    )


def pressure_text(pressure: float | None, no_capacity: bool, lang: Lang) -> str:
    """The pressure as a percentage ("68 %", one unit everywhere: ``format_pressure``),
    "geen vrije capaciteit" when infinite, empty when unknown."""
    if no_capacity:
        return text("label.verdict.no_capacity", lang)
    return "" if pressure is None else format_pressure(pressure, lang)


def pressure_percent_text(pressure: float | None, no_capacity: bool, lang: Lang) -> str:
    """The pressure as a percentage of the spare capacity ("38 %"), as the GUI shows it."""
    return pressure_text(pressure, no_capacity, lang)
