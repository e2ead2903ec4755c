"""Display labels shared by the CLI, the GUI and the report (Dutch and English)."""

from __future__ import annotations

import math

from ber.messages import Lang

STATUS_LABELS: dict[str, dict[str, str]] = {
    "green": {"nl": "groen", "en": "green"},
    "amber": {"nl": "oranje", "en": "amber"},
    "red": {"nl": "rood", "en": "red"},
    "grey": {"nl": "onbekend", "en": "unknown"},
}

STATUS_MEANING: dict[str, dict[str, str]] = {
    "green": {"nl": "ruim binnen de vrije capaciteit", "en": "well within spare capacity"},
    "amber": {
        "nl": "neemt een groot deel van de vrije capaciteit in beslag",
        "en": "absorbs a large part of the spare capacity",
    },
    "red": {"nl": "overschrijdt de vrije capaciteit", "en": "exceeds the spare capacity"},
    "grey": {"nl": "capaciteit onbekend, geen oordeel", "en": "capacity unknown, no verdict"},
}

DOMAIN_LABELS: dict[str, dict[str, str]] = {
    "housing_flex": {"nl": "Huisvesting: flexbedden", "en": "Housing: flex beds"},
    "housing_dwellings": {"nl": "Huisvesting: woningen", "en": "Housing: dwellings"},
    "care_gp": {"nl": "Zorg: huisarts", "en": "Care: GP"},
    "education_primary": {"nl": "Onderwijs: basisonderwijs", "en": "Education: primary"},
    "education_secondary": {"nl": "Onderwijs: voortgezet onderwijs", "en": "Education: secondary"},
    "transport_peak": {"nl": "Verkeer: spitsuur bij de locatie", "en": "Transport: peak hour at the site"},
}

UNIT_LABELS: dict[str, dict[str, str]] = {
    "beds": {"nl": "bedden", "en": "beds"},
    "dwellings": {"nl": "woningen", "en": "dwellings"},
    "patients": {"nl": "patiënten", "en": "patients"},
    "pupils": {"nl": "leerlingen", "en": "pupils"},
    "vehicles per peak hour": {"nl": "voertuigen per spitsuur", "en": "vehicles per peak hour"},
    "jobs": {"nl": "banen", "en": "jobs"},
    "persons": {"nl": "personen", "en": "persons"},
    "persons per year": {"nl": "personen per jaar", "en": "persons per year"},
    "m²": {"nl": "m²", "en": "m²"},
    "FTE": {"nl": "fte", "en": "FTE"},
    "classes": {"nl": "groepen", "en": "classes"},
    "vehicle-km per day": {"nl": "voertuigkilometer per dag", "en": "vehicle-km per day"},
    "kg CO₂ per day": {"nl": "kg CO₂ per dag", "en": "kg CO₂ per day"},
    "km": {"nl": "km", "en": "km"},
}

TOTAL_LABELS: dict[str, dict[str, str]] = {
    "jobs": {"nl": "Banen", "en": "Jobs"},
    "migrant_workers": {"nl": "Arbeidsmigranten", "en": "Labour migrants"},
    "family_members": {"nl": "Meekomende gezinsleden", "en": "Accompanying family members"},
    "residents": {"nl": "Extra inwoners in de regio", "en": "Extra residents in the region"},
    "cross_border_workers": {"nl": "Grenspendelaars", "en": "Cross-border commuters"},
    "flex_beds": {"nl": "Flexbedden (zonder werkgeversbedden)", "en": "Flex beds (excluding employer beds)"},
    "employer_beds_used": {"nl": "Gebruikte werkgeversbedden", "en": "Employer beds used"},
    "flex_floor_area_m2": {"nl": "Woonoppervlak flexwonen (SNF)", "en": "Flex housing floor area (SNF)"},
    "short_stay_persons_per_year": {
        "nl": "Kortverblijvers per jaar (doorstroom)",
        "en": "Short-stay persons per year (turnover)",
    },
    "dwellings": {"nl": "Woningen", "en": "Dwellings"},
    "gp_patients": {"nl": "Huisartspatiënten", "en": "GP patients"},
    "gp_fte": {"nl": "Huisartsen", "en": "General practitioners"},
    "pupils_primary": {"nl": "Leerlingen basisonderwijs", "en": "Primary pupils"},
    "pupils_secondary": {"nl": "Leerlingen voortgezet onderwijs", "en": "Secondary pupils"},
    "pupils_newcomer": {"nl": "Leerlingen nieuwkomersonderwijs", "en": "Newcomer-education pupils"},
    "classes_primary": {"nl": "Groepen basisonderwijs", "en": "Primary classes"},
    "classes_secondary": {"nl": "Klassen voortgezet onderwijs", "en": "Secondary classes"},
    "classes_newcomer": {"nl": "Nieuwkomersgroepen", "en": "Newcomer classes"},
    "peak_vehicles": {"nl": "Voertuigen in het spitsuur", "en": "Peak-hour vehicles"},
    "commute_vehicle_km_per_day": {"nl": "Woon-werkverkeer", "en": "Commuting"},
    "commute_co2_kg_per_day": {"nl": "CO₂ woon-werkverkeer", "en": "Commuting CO₂"},
}


def unit_label(unit: str, lang: Lang) -> str:
    return UNIT_LABELS.get(unit, {}).get(lang, unit)


def format_number(
    value: float | None, lang: Lang = "nl", decimals: int = 0, unknown: str | None = None
) -> str:
    """Format a number the Dutch way (1.234,5) or the English way (1,234.5).

    None, NaN and infinity never show as such: None/NaN give "onbekend"/"unknown",
    infinity gives "∞".
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return unknown if unknown is not None else ("onbekend" if lang == "nl" else "unknown")
    if math.isinf(value):
        return "∞"
    text = f"{value:,.{decimals}f}"
    if text in ("-0", "-0.0", "-0.00"):
        text = text[1:]
    if lang == "nl":
        text = text.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return text


def format_quantity(value: float | None, unit: str, lang: Lang = "nl", decimals: int = 0) -> str:
    """A number with its unit, e.g. '1.234 bedden'."""
    return f"{format_number(value, lang, decimals)} {unit_label(unit, lang)}"
