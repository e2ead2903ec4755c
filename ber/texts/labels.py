"""Display labels shared by the CLI, the GUI and the report (Dutch and English)."""

from __future__ import annotations

import math

from ber.texts.messages import Lang

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
    # units of the reference norms and sector values
    "persons per migrant": {"nl": "personen per migrant", "en": "persons per migrant"},
    "persons per worker": {"nl": "personen per werknemer", "en": "persons per worker"},
    "persons per household": {"nl": "personen per huishouden", "en": "persons per household"},
    "persons per vehicle": {"nl": "personen per voertuig", "en": "persons per vehicle"},
    "persons per position per year": {
        "nl": "personen per arbeidsplaats per jaar",
        "en": "persons per position per year",
    },
    "share of family members": {"nl": "aandeel van de gezinsleden", "en": "share of family members"},
    "share of children": {"nl": "aandeel van de kinderen", "en": "share of children"},
    "share of commuters": {"nl": "aandeel van de forenzen", "en": "share of commuters"},
    "share of jobs": {"nl": "aandeel van de banen", "en": "share of jobs"},
    "m² per person": {"nl": "m² per persoon", "en": "m² per person"},
    "m² BVO per job": {"nl": "m² bvo per baan", "en": "m² GFA (BVO) per job"},
    "months": {"nl": "maanden", "en": "months"},
    "years": {"nl": "jaar", "en": "years"},
    "patients per FTE GP": {"nl": "patiënten per fte huisarts", "en": "patients per FTE GP"},
    "patients per short-stay worker": {
        "nl": "patiënten per kortverblijver",
        "en": "patients per short-stay worker",
    },
    "pupils per class": {"nl": "leerlingen per groep of klas", "en": "pupils per class"},
    "one-way trips": {"nl": "enkele ritten", "en": "one-way trips"},
    "shifts per day": {"nl": "ploegen per dag", "en": "shifts per day"},
    "share of workers": {"nl": "aandeel van de werknemers", "en": "share of workers"},
    "kg CO₂ per vehicle-km": {"nl": "kg CO₂ per voertuigkilometer", "en": "kg CO₂ per vehicle-km"},
    "road km per straight-line km": {
        "nl": "km over de weg per km hemelsbreed",
        "en": "road km per straight-line km",
    },
    "pressure (demand / spare capacity)": {
        "nl": "druk (vraag / restcapaciteit)",
        "en": "pressure (demand / spare capacity)",
    },
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


#: labels of a registered case's status (``ber.register.schema.CASE_STATUSES``)
CASE_STATUS_LABELS: dict[str, dict[str, str]] = {
    "in_procedure": {"nl": "in procedure", "en": "in procedure"},
    "granted": {"nl": "verleend", "en": "granted"},
    "refused": {"nl": "geweigerd", "en": "refused"},
    "withdrawn": {"nl": "ingetrokken", "en": "withdrawn"},
}
