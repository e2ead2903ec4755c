"""Message codes with Dutch and English texts: the one translation path of the engine.

The engine reports problems as :class:`Problem` (a code plus parameters); the CLI,
the GUI and the report turn them into text with :func:`translate`. A test checks
that every code has both languages and the same placeholders in each.
"""

from __future__ import annotations

from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any, Literal

Lang = Literal["nl", "en"]
LANGS: tuple[Lang, ...] = ("nl", "en")

MESSAGES: dict[str, dict[str, str]] = {
    # --- file level -------------------------------------------------------
    "file.missing": {
        "nl": "Bestand niet gevonden: {path}",
        "en": "File not found: {path}",
    },
    "file.unreadable": {
        "nl": "Bestand kan niet worden gelezen: {path} ({reason})",
        "en": "File cannot be read: {path} ({reason})",
    },
    "file.not_json": {
        "nl": "{path} is geen geldig JSON-bestand (regel {line}, kolom {column}: {reason})",
        "en": "{path} is not a valid JSON file (line {line}, column {column}: {reason})",
    },
    "file.not_a_case": {
        "nl": "{path} is geen BER-casus: het veld 'schema' ontbreekt of is niet 'ber-case/…'",
        "en": "{path} is not a BER case: the field 'schema' is missing or not 'ber-case/…'",
    },
    "file.newer_schema": {
        "nl": "{path} is gemaakt met een nieuwere versie van BER-desk (schema {schema}); "
        "deze versie leest tot en met {supported}. Werk BER-desk bij.",
        "en": "{path} was made by a newer BER-desk (schema {schema}); this version reads "
        "up to {supported}. Please update BER-desk.",
    },
    "file.pdf_without_case": {
        "nl": "{path} is een PDF zonder ingesloten BER-casus (bijlage 'case.ber' ontbreekt)",
        "en": "{path} is a PDF without an embedded BER case (attachment 'case.ber' missing)",
    },
    "file.too_large": {
        "nl": "{path} is te groot ({size} MB; maximaal {limit} MB)",
        "en": "{path} is too large ({size} MB; at most {limit} MB)",
    },
    # --- field level ------------------------------------------------------
    "field.required": {
        "nl": "{field}: verplicht veld ontbreekt",
        "en": "{field}: required field is missing",
    },
    "field.unknown": {
        "nl": "{field}: onbekend veld",
        "en": "{field}: unknown field",
    },
    "field.type": {
        "nl": "{field}: waarde {value} heeft niet het juiste type (verwacht: {expected})",
        "en": "{field}: value {value} has the wrong type (expected: {expected})",
    },
    "field.range": {
        "nl": "{field}: waarde {value} ligt buiten het toegestane bereik {low} tot en met {high}",
        "en": "{field}: value {value} is outside the allowed range {low} to {high}",
    },
    "field.non_negative": {
        "nl": "{field}: waarde {value} mag niet negatief zijn (toegestaan: 0 of meer)",
        "en": "{field}: value {value} must not be negative (allowed: 0 or more)",
    },
    "field.positive": {
        "nl": "{field}: waarde {value} moet groter dan 0 zijn",
        "en": "{field}: value {value} must be greater than 0",
    },
    "field.choice": {
        "nl": "{field}: waarde {value} is niet toegestaan (kies uit: {choices})",
        "en": "{field}: value {value} is not allowed (choose from: {choices})",
    },
    "field.empty_text": {
        "nl": "{field}: mag niet leeg zijn",
        "en": "{field}: must not be empty",
    },
    "shares.sum": {
        "nl": "{field}: de aandelen tellen op tot {total}, maar moeten samen {expected} zijn "
        "(marge {tolerance})",
        "en": "{field}: the shares add up to {total} but must add up to {expected} (tolerance {tolerance})",
    },
    "sector.unknown": {
        "nl": "{field}: onbekende sector {value} (kies uit: {choices})",
        "en": "{field}: unknown sector {value} (choose from: {choices})",
    },
    "municipality.unknown": {
        "nl": "{field}: onbekende gemeentecode {value} (verwacht een CBS-code zoals GM0983 "
        "uit de regiogegevens)",
        "en": "{field}: unknown municipality code {value} (expected a CBS code such as "
        "GM0983 from the region data)",
    },
    "jobs.missing": {
        "nl": "business.jobs: geef het aantal banen of het vloeroppervlak (business.floor_area_m2)",
        "en": "business.jobs: give the number of jobs or the floor area (business.floor_area_m2)",
    },
    "sites.none": {
        "nl": "sites: geef ten minste één locatie",
        "en": "sites: give at least one site",
    },
    "sites.chosen": {
        "nl": "sites: precies één locatie moet gekozen zijn (chosen = true); nu {count}",
        "en": "sites: exactly one site must be chosen (chosen = true); now {count}",
    },
    "site.location": {
        "nl": "{field}: geef x en y met crs, of een gemeentecode",
        "en": "{field}: give x and y with crs, or a municipality code",
    },
    "site.outside": {
        "nl": "{field}: punt ({x}, {y}) in {crs} ligt buiten Nederland (toegestaan: {allowed})",
        "en": "{field}: point ({x}, {y}) in {crs} lies outside the Netherlands (allowed: {allowed})",
    },
    "site.no_host": {
        "nl": "{field}: de gastgemeente van deze locatie kan niet worden bepaald",
        "en": "{field}: the host municipality of this site cannot be determined",
    },
    "region.empty": {
        "nl": "region: de regio bevat geen gemeenten binnen {cutoff} km van de gekozen locatie",
        "en": "region: the region has no municipalities within {cutoff} km of the chosen site",
    },
    "residence.manual_missing": {
        "nl": "workforce.residence.shares: bij methode 'manual' zijn aandelen per gemeente verplicht",
        "en": "workforce.residence.shares: method 'manual' needs shares per municipality",
    },
    "override.unknown": {
        "nl": "{field}: onbekende referentiewaarde {value}",
        "en": "{field}: unknown reference value {value}",
    },
    "override.justification": {
        "nl": "{field}: een afwijking van de referentiewaarde vraagt een onderbouwing (tekst)",
        "en": "{field}: overriding a reference value requires a justification (text)",
    },
    "override.low_high": {
        "nl": "{field}: laag ({low}) ≤ waarde ({value}) ≤ hoog ({high}) is niet voldaan",
        "en": "{field}: low ({low}) ≤ value ({value}) ≤ high ({high}) does not hold",
    },
    "beds.municipality": {
        "nl": "{field}: werkgeversbedden in gemeente {value}, die niet in de regio ligt",
        "en": "{field}: employer beds in municipality {value}, which is not in the region",
    },
    # --- reference data ---------------------------------------------------
    "reference.checksum": {
        "nl": "Referentiegegevens: controlegetal klopt niet (verwacht {expected}, berekend {actual})",
        "en": "Reference data: checksum mismatch (expected {expected}, computed {actual})",
    },
    "reference.no_source": {
        "nl": "Referentiegegevens: rij {key} heeft geen bron en geen markering 'assumption'",
        "en": "Reference data: row {key} has no source and no 'assumption' mark",
    },
    "reference.bad_row": {
        "nl": "Referentiegegevens: rij {key}: laag ≤ waarde ≤ hoog is niet voldaan",
        "en": "Reference data: row {key}: low ≤ value ≤ high does not hold",
    },
    "reference.ok": {
        "nl": "Referentiegegevens {version}: {rows} rijen, controlegetal {checksum} klopt; "
        "elke rij heeft een bron of is gemarkeerd als aanname ({assumptions} aannames).",
        "en": "Reference data {version}: {rows} rows, checksum {checksum} verified; every row "
        "has a source or is marked as an assumption ({assumptions} assumptions).",
    },
    # --- misc -------------------------------------------------------------
    "cli.internal_error": {
        "nl": "Interne fout: {reason}. Details staan in {log}.",
        "en": "Internal error: {reason}. Details are in {log}.",
    },
    "cli.samples": {
        "nl": "--samples: waarde {value} ligt buiten het toegestane bereik 0 tot en met 100000",
        "en": "--samples: value {value} is outside the allowed range 0 to 100000",
    },
    "cli.cancelled": {
        "nl": "Geannuleerd.",
        "en": "Cancelled.",
    },
}


def translate(code: str, lang: Lang = "nl", **params: Any) -> str:
    """Return the text for a message code in the given language."""
    texts = MESSAGES.get(code)
    if texts is None:
        return f"{code} {params}"
    template = texts.get(lang) or texts["en"]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return f"{template} {params}"


@dataclass(frozen=True)
class Problem:
    """One problem found in user input, as a code plus parameters."""

    code: str
    field: str = ""
    params: dict[str, Any] = dc_field(default_factory=dict)

    def text(self, lang: Lang = "nl") -> str:
        return translate(self.code, lang, field=self.field, **self.params)


class BerError(Exception):
    """Base class of every error the engine raises on purpose."""


class InputError(BerError):
    """User input is invalid; carries every problem found (never just the first)."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("; ".join(p.text("en") for p in problems))
        self.problems = problems

    def texts(self, lang: Lang = "nl") -> list[str]:
        return [p.text(lang) for p in self.problems]
