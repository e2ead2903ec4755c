"""Tooltip texts and per-domain map data from an assessment (no Qt)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ber.engine.domains import counts_in
from ber.engine.result import Assessment, MunicipalityResult
from ber.texts.catalogue import LangTable, text
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, format_number, format_quantity
from ber.texts.messages import Lang

TEXTS: Mapping[str, dict[str, str]] = LangTable("map.tooltip.")


def _pressure_text(pressure: float | None, lang: Lang) -> str:
    if pressure is None:
        return text("label.unknown", lang)
    return f"{format_number(pressure * 100, lang)}%"


def _demand_decimals(value: float) -> int:
    return 1 if abs(value) < 10 else 0


def domain_line(municipality: MunicipalityResult, domain: str, lang: Lang = "nl") -> str:
    """One line: 'Huisvesting: woningen: rood – vraag 76 woningen, vrije capaciteit 60 woningen, druk 127%'."""
    dom = municipality.domains[domain]
    label = DOMAIN_LABELS.get(domain, {}).get(lang, domain)
    word = STATUS_LABELS.get(dom.status, {}).get(lang, dom.status)
    demand = format_quantity(dom.demand, dom.unit, lang, _demand_decimals(dom.demand))
    capacity = format_quantity(dom.capacity, dom.unit, lang, 0)
    return (
        f"{label}: {word} – {text('map.tooltip.demand', lang)} {demand}, "
        f"{text('map.tooltip.capacity', lang)} {capacity}, "
        f"{text('map.tooltip.pressure', lang)} {_pressure_text(dom.pressure, lang)}"
    )


def tooltip_text(
    municipality: MunicipalityResult,
    lang: Lang = "nl",
    domains: Iterable[str] | None = None,
) -> str:
    """Plain-text tooltip: name and code, then one line per domain (status word,
    demand and spare capacity with their unit, pressure in percent; "onbekend"
    for unknown capacity)."""
    lines = [f"{municipality.name} ({municipality.code})"]
    residents = format_quantity(municipality.residents, "persons", lang, 0)
    lines.append(f"{TEXTS['residents'][lang]}: {residents}")
    for domain in domains if domains is not None else municipality.domains:
        if domain in municipality.domains:
            lines.append(domain_line(municipality, domain, lang))
    return "\n".join(lines)


def outside_tooltip(code: str, name: str, lang: Lang = "nl") -> str:
    """Tooltip of a municipality that is not part of the assessed region."""
    return f"{name} ({code})\n{TEXTS['outside'][lang]}"


def tooltips_for(
    assessment: Assessment,
    names: dict[str, str] | None = None,
    lang: Lang = "nl",
    domains: Iterable[str] | None = None,
) -> dict[str, str]:
    """Tooltips for every assessed municipality, and for every other code in ``names``."""
    chosen = list(domains) if domains is not None else None
    out = {m.code: tooltip_text(m, lang, chosen) for m in assessment.municipalities}
    outside = text("map.tooltip.outside", lang)  # once, not once per municipality
    for code, name in (names or {}).items():
        out.setdefault(code, f"{name} ({code})\n{outside}")
    return out


def statuses_for(assessment: Assessment, domain: str) -> dict[str, str]:
    """Status code per assessed municipality for one domain (for ``status_colours``)."""
    host = assessment.site.host_municipality
    return {
        m.code: m.domains[domain].status
        for m in assessment.municipalities
        if domain in m.domains and counts_in(domain, m.code, host)
    }


def pressures_for(assessment: Assessment, domain: str) -> dict[str, float | None]:
    """Pressure per assessed municipality for one domain (for ``pressure_colours``)."""
    host = assessment.site.host_municipality
    return {
        m.code: m.domains[domain].pressure
        for m in assessment.municipalities
        if domain in m.domains and counts_in(domain, m.code, host)
    }
