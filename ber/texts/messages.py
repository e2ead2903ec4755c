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
    "file.not_a_file": {
        "nl": "{path} is geen bestand (maar bijvoorbeeld een map); geef een casusbestand (.ber) of rapport-PDF",
        "en": "{path} is not a file (but e.g. a folder); give a case file (.ber) or report PDF",
    },
    "file.pdf_damaged": {
        "nl": "{path} is een beschadigde PDF en kan niet worden gelezen ({reason})",
        "en": "{path} is a damaged PDF and cannot be read ({reason})",
    },
    "file.pdf_encrypted": {
        "nl": "{path} is een versleutelde PDF; BER-desk leest alleen onversleutelde rapporten",
        "en": "{path} is an encrypted PDF; BER-desk reads unencrypted reports only",
    },
    # --- limits (ber.case.limits, docs/case-format.md "Limits") -------------
    "limit.attachment": {
        "nl": "{path}: de ingesloten casus is uitgepakt groter dan {limit} MB (maximaal {limit} MB)",
        "en": "{path}: the embedded case inflates to more than {limit} MB (at most {limit} MB)",
    },
    "limit.depth": {
        "nl": "{path}: de JSON is {depth} niveaus diep genest (maximaal {limit})",
        "en": "{path}: the JSON is nested {depth} levels deep (at most {limit})",
    },
    "limit.int_digits": {
        "nl": "{path}: een geheel getal heeft {digits} cijfers (maximaal {limit})",
        "en": "{path}: a whole number has {digits} digits (at most {limit})",
    },
    "limit.not_finite": {
        "nl": "{path}: {value} is geen eindig getal (toegestaan: eindige getallen, geen NaN of Infinity)",
        "en": "{path}: {value} is not a finite number (allowed: finite numbers, no NaN or Infinity)",
    },
    "limit.text": {
        "nl": "{field}: de tekst is {length} tekens lang (maximaal {limit})",
        "en": "{field}: the text is {length} characters long (at most {limit})",
    },
    "limit.entries": {
        "nl": "{field}: {count} elementen (maximaal {limit})",
        "en": "{field}: {count} entries (at most {limit})",
    },
    "text.invalid": {
        "nl": "{field}: tekst {value} is geen geldige Unicode (bevat een losse surrogaatcode); "
        "toegestaan: geldige UTF-8-tekst",
        "en": "{field}: text {value} is not valid Unicode (contains a lone surrogate); "
        "allowed: valid UTF-8 text",
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
    "site.far_from_region": {
        "nl": "{field}: de locatie ligt {km} km van het dichtstbijzijnde gemeentemiddelpunt in de "
        "regiogegevens ({host}; toegestaan: hoogstens {limit} km). Importeer de landelijke "
        "gemeentegrenzen met 'ber geodata import' of geef de gemeente op (municipality).",
        "en": "{field}: the site lies {km} km from the nearest municipality centre in the region "
        "data ({host}; allowed: at most {limit} km). Import the national municipal boundaries "
        "with 'ber geodata import' or give the municipality (municipality).",
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
    "override.case_input": {
        "nl": "{field}: dit is de standaard voor een casus zonder eigen waarde; vul {case_field} in de casus in",
        "en": "{field}: this is the default for a case without its own value; set {case_field} in the case",
    },
    "override.justification": {
        "nl": "{field}: een afwijking van de referentiewaarde vraagt een onderbouwing (tekst)",
        "en": "{field}: overriding a reference value requires a justification (text)",
    },
    "override.low_high": {
        "nl": "{field}: laag ({low}) ≤ waarde ({value}) ≤ hoog ({high}) is niet voldaan",
        "en": "{field}: low ({low}) ≤ value ({value}) ≤ high ({high}) does not hold",
    },
    "override.plausible": {
        "nl": "{field}: waarde {value} ligt buiten het aannemelijke bereik {low} tot en met {high} "
        "({unit}; referentiewaarde {reference})",
        "en": "{field}: value {value} is outside the plausible range {low} to {high} "
        "({unit}; reference value {reference})",
    },
    "override.sites_all_invalid": {
        "nl": "{field}: met deze afkapafstand ({value} km) valt elke locatie af, want elke locatie ligt "
        "verder van elk gemeentemiddelpunt; met de referentiewaarde ({reference} km) niet. Verhoog de "
        "afkapafstand of laat de afwijking weg.",
        "en": "{field}: with this cut-off ({value} km) every site is refused, as each lies farther from "
        "every municipality centre; with the reference value ({reference} km) not. Raise the cut-off or "
        "remove the override.",
    },
    "capacity.plausible": {
        "nl": "{field}: waarde {value} is geen aannemelijke capaciteit (toegestaan: 0, of {low} tot en "
        "met {high} {unit}; leeg voor onbekend)",
        "en": "{field}: value {value} is not a plausible capacity (allowed: 0, or {low} to {high} {unit}; "
        "empty for unknown)",
    },
    "override.thresholds": {
        "nl": "{field}: de drempel voor oranje ({amber}) mag niet hoger zijn dan de drempel voor rood ({red})",
        "en": "{field}: the amber threshold ({amber}) must not be higher than the red threshold ({red})",
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
    "reference.geodata_ok": {
        "nl": "Landelijke geodata {name} (versie {version}, {file}): controlegetal {checksum} klopt.",
        "en": "National geodata {name} (version {version}, {file}): checksum {checksum} verified.",
    },
    "reference.share_sum": {
        "nl": "Referentiegegevens: de standaardaandelen in {key} tellen op tot {total} in plaats van 1",
        "en": "Reference data: the default shares in {key} add up to {total} instead of 1",
    },
    "reference.ok": {
        "nl": "Referentiegegevens {version}: {rows} rijen, controlegetal {checksum} klopt; "
        "elke rij heeft een bron of is gemarkeerd als aanname ({assumptions} aannames).",
        "en": "Reference data {version}: {rows} rows, checksum {checksum} verified; every row "
        "has a source or is marked as an assumption ({assumptions} assumptions).",
    },
    # --- geodata (ber.geodata) ---------------------------------------------
    "geodata.unsupported": {
        "nl": "{path}: bestandstype niet ondersteund (toegestaan: {allowed})",
        "en": "{path}: file type not supported (allowed: {allowed})",
    },
    "geodata.unreadable": {
        "nl": "{path}: geen leesbaar geodatabestand ({reason})",
        "en": "{path}: not a readable geodata file ({reason})",
    },
    "geodata.too_large": {
        "nl": "{path} is te groot ({size} MB; maximaal {limit} MB)",
        "en": "{path} is too large ({size} MB; at most {limit} MB)",
    },
    "geodata.zip_bomb": {
        "nl": "{path}: zip-bestand niet geopend: uitgepakt {size} MB, compressieverhouding {ratio} "
        "(maximaal {limit} MB en verhouding {max_ratio})",
        "en": "{path}: zip file not opened: {size} MB uncompressed, compression ratio {ratio} "
        "(at most {limit} MB and ratio {max_ratio})",
    },
    "geodata.zip_empty": {
        "nl": "{path}: het zip-bestand bevat geen geodata (toegestaan: {allowed})",
        "en": "{path}: the zip file contains no geodata (allowed: {allowed})",
    },
    "geodata.too_many_features": {
        "nl": "{path}: {count} objecten; maximaal {limit}",
        "en": "{path}: {count} features; at most {limit}",
    },
    "geodata.no_crs": {
        "nl": "{path}: het coördinatenstelsel ontbreekt (toegestaan: {allowed})",
        "en": "{path}: the coordinate reference system is missing (allowed: {allowed})",
    },
    "geodata.unknown_crs": {
        "nl": "{path}: onbekend coördinatenstelsel {crs} (toegestaan: {allowed})",
        "en": "{path}: unknown coordinate reference system {crs} (allowed: {allowed})",
    },
    "geodata.crs_mismatch": {
        "nl": "{path}: de coördinaten passen niet bij {crs} (bereik {bounds}); staat er het juiste "
        "coördinatenstelsel in het bestand?",
        "en": "{path}: the coordinates do not fit {crs} (extent {bounds}); does the file state the "
        "right coordinate reference system?",
    },
    "geodata.outside_nl": {
        "nl": "{path}: geen enkel object ligt in Nederland (bereik {bounds} in EPSG:28992)",
        "en": "{path}: no feature lies in the Netherlands (extent {bounds} in EPSG:28992)",
    },
    "geodata.missing_column": {
        "nl": "{path}: kolom voor {role} ontbreekt (herkende namen: {accepted}; of koppel een kolom "
        "met --map {role}=KOLOM)",
        "en": "{path}: no column for {role} (recognised names: {accepted}; or map a column with "
        "--map {role}=COLUMN)",
    },
    "geodata.mapped_column": {
        "nl": "{path}: de gekoppelde kolom {column} (voor {role}) bestaat niet (kolommen: {columns})",
        "en": "{path}: the mapped column {column} (for {role}) does not exist (columns: {columns})",
    },
    "geodata.map_syntax": {
        "nl": "--map: {value} niet begrepen (verwacht ROL=KOLOM, rollen: {allowed})",
        "en": "--map: cannot understand {value} (expected ROLE=COLUMN, roles: {allowed})",
    },
    "geodata.bad_code": {
        "nl": "{path}, kolom {column}, rij {row}: {value} is geen gemeentecode (verwacht GMxxxx, "
        "bijvoorbeeld GM0983, of 2024GM0983)",
        "en": "{path}, column {column}, row {row}: {value} is not a municipality code (expected "
        "GMxxxx, e.g. GM0983, or 2024GM0983)",
    },
    "geodata.duplicate_code": {
        "nl": "{path}: gemeentecode {municipality} komt meer dan eens voor (rijen {rows}); codes moeten uniek zijn",
        "en": "{path}: municipality code {municipality} occurs more than once (rows {rows}); codes must be unique",
    },
    "geodata.empty_geometry": {
        "nl": "{path}: gemeente {municipality} (rij {row}) heeft een lege of ontbrekende geometrie",
        "en": "{path}: municipality {municipality} (row {row}) has an empty or missing geometry",
    },
    "geodata.geometry_type": {
        "nl": "{path}: gemeente {municipality} heeft geometrietype {kind} (toegestaan: {allowed})",
        "en": "{path}: municipality {municipality} has geometry type {kind} (allowed: {allowed})",
    },
    "geodata.repaired": {
        "nl": "{path}: de ongeldige geometrie van gemeente {municipality} is hersteld (make_valid): {reason}",
        "en": "{path}: the invalid geometry of municipality {municipality} was repaired (make_valid): {reason}",
    },
    "geodata.bad_number": {
        "nl": "{path}, kolom {column}, gemeente {municipality}: {value} is geen geldig aantal (toegestaan: 0 of meer)",
        "en": "{path}, column {column}, municipality {municipality}: {value} is not a valid count "
        "(allowed: 0 or more)",
    },
    "geodata.implausible_number": {
        "nl": "{path}, kolom {column}, gemeente {municipality}: {value} is meer dan het landelijke totaal "
        "(toegestaan: 0 tot en met {high}); de waarde wordt niet gebruikt",
        "en": "{path}, column {column}, municipality {municipality}: {value} is more than the national "
        "total (allowed: 0 to {high}); the value is not used",
    },
    "geodata.missing_dwellings": {
        "nl": "Woningvoorraad ontbreekt voor {count} gemeente(n) ({codes}); de woningvoorraad is het "
        "gewicht van de woonverdeling. Voeg een statistiekbestand toe met kolom {accepted}.",
        "en": "Housing stock missing for {count} municipality(ies) ({codes}); the housing stock is the "
        "weight of the residence distribution. Add a statistics file with a column {accepted}.",
    },
    "geodata.missing_stat": {
        "nl": "{column} ontbreekt voor {count} gemeente(n) ({codes}); getoond als onbekend",
        "en": "{column} missing for {count} municipality(ies) ({codes}); shown as unknown",
    },
    "geodata.no_boundaries": {
        "nl": "Geen gemeentegrenzen gevonden in {paths} (verwacht een GeoPackage, GeoJSON, Shapefile "
        "of CSV met coördinaten en een kolom gemeentecode)",
        "en": "No municipality boundaries found in {paths} (expected a GeoPackage, GeoJSON, Shapefile "
        "or CSV with coordinates and a municipality code column)",
    },
    "geodata.several_boundaries": {
        "nl": "Meer dan één grenzenbestand: {paths}; geef er één",
        "en": "More than one boundary file: {paths}; give one",
    },
    "geodata.ignored": {
        "nl": "{path}: overgeslagen (geen kolom met gemeentecodes GMxxxx)",
        "en": "{path}: skipped (no column with municipality codes GMxxxx)",
    },
    "geodata.extra_codes": {
        "nl": "{path}: {count} gemeentecode(s) zonder grens genegeerd ({codes})",
        "en": "{path}: {count} municipality code(s) without a boundary ignored ({codes})",
    },
    "geodata.stored_corrupt": {
        "nl": "De opgeslagen geodata in {path} zijn beschadigd ({reason}); importeer opnieuw met "
        "'ber geodata import'",
        "en": "The stored geodata in {path} are damaged ({reason}); import again with 'ber geodata import'",
    },
    "geodata.none_stored": {
        "nl": "Geen geïmporteerde geodata; de ingebouwde landelijke gegevens ({name}) worden gebruikt",
        "en": "No imported geodata; the built-in national data ({name}) are used",
    },
    "geodata.truncated_column": {
        "nl": "{path}: kolom(men) {columns} zijn afgekapt (Shapefile: 10 tekens) en niet eenduidig terug "
        "te voeren op {choices}; hernoem ze of geef ze op met --map",
        "en": "{path}: column(s) {columns} were cut (Shapefile: 10 characters) and cannot be told apart "
        "as {choices}; rename them or give them with --map",
    },
    "geodata.no_region_links": {
        "nl": "{path}: kolom(men) {columns} ontbreken, dus die regio-indeling wordt niet geïmporteerd; "
        "kies die regio als lijst van gemeenten of als afstand",
        "en": "{path}: column(s) {columns} are missing, so that region division is not imported; "
        "choose such a region as a list of municipalities or as a distance",
    },
    "geodata.no_region_names": {
        "nl": "{path}: kolom(men) {columns} ontbreken; die regio's krijgen hun code als naam",
        "en": "{path}: column(s) {columns} are missing; those regions get their code as their name",
    },
    "geodata.region_unassigned": {
        "nl": "{path}: {count} gemeente(n) liggen in geen enkel gebied van deze laag ({codes})",
        "en": "{path}: {count} municipality(ies) lie in no area of this layer ({codes})",
    },
    "geodata.layer_unknown": {
        "nl": "Laag {layer} bestaat niet (beschikbare lagen: {layers})",
        "en": "Layer {layer} does not exist (available layers: {layers})",
    },
    "geodata.layer_ambiguous": {
        "nl": "{path} bevat meerdere lagen; kies de gemeentegrenzen met --layer NAAM (lagen: {layers})",
        "en": "{path} holds several layers; choose the municipal boundaries with --layer NAME "
        "(layers: {layers})",
    },
    "geodata.layer_skipped": {
        "nl": "{path}: laag niet gebruikt",
        "en": "{path}: layer not used",
    },
    "geodata.replace_fewer": {
        "nl": "De import bevat {count} gemeenten, de huidige geodata ({current}) {previous}; ontbrekend "
        "o.a. {codes}. De huidige geodata blijven in gebruik (met --partial toch importeren).",
        "en": "The import holds {count} municipalities, the current geodata ({current}) {previous}; "
        "missing e.g. {codes}. The current geodata stay in use (--partial imports anyway).",
    },
    "geodata.replace_crs": {
        "nl": "De import is niet in EPSG:28992 (RD New) maar in {crs}; de huidige geodata blijven in gebruik",
        "en": "The import is not in EPSG:28992 (RD New) but in {crs}; the current geodata stay in use",
    },
    "geodata.replace_missing_stats": {
        "nl": "De import mist {column} voor {count} gemeente(n) ({codes}); de huidige geodata blijven "
        "in gebruik",
        "en": "The import lacks {column} for {count} municipality(ies) ({codes}); the current geodata "
        "stay in use",
    },
    "geodata.builtin_corrupt": {
        "nl": "Het ingebouwde gegevensbestand {path} is beschadigd of onvolledig ({reason}); "
        "installeer BER-desk opnieuw",
        "en": "The built-in data file {path} is damaged or incomplete ({reason}); reinstall BER-desk",
    },
    "geodata.builtin_checksum": {
        "nl": "Het ingebouwde gegevensbestand {path} is beschadigd of onvolledig: SHA-256 {actual}, "
        "verwacht {expected}; installeer BER-desk opnieuw",
        "en": "The built-in data file {path} is damaged or incomplete: SHA-256 {actual}, "
        "expected {expected}; reinstall BER-desk",
    },
    "geodata.region_kind": {
        "nl": "Regiosoort {value} onbekend (kies uit: {choices})",
        "en": "Unknown region kind {value} (choose from: {choices})",
    },
    "geodata.region_unknown": {
        "nl": "{kind} {value} bestaat niet in de geodata (bekend: {choices})",
        "en": "{kind} {value} does not exist in the geodata (known: {choices})",
    },
    "sites.file_empty": {
        "nl": "{path}: bevat geen locaties",
        "en": "{path}: contains no sites",
    },
    "sites.geometry": {
        "nl": "{path}, rij {row}: geometrietype {kind} kan geen locatie zijn (toegestaan: punt, vlak)",
        "en": "{path}, row {row}: geometry type {kind} cannot be a site (allowed: point, polygon)",
    },
    "sites.coordinates": {
        "nl": "{path}, rij {row}: de coördinaten zijn geen punt in {crs} (leeg, NaN of buiten het "
        "bereik; toegestaan: RD New in meters, of WGS84 in graden lengte/breedte)",
        "en": "{path}, row {row}: the coordinates are not a point in {crs} (empty, NaN or out of range; "
        "allowed: RD New in metres, or WGS84 in degrees longitude/latitude)",
    },
    "sites.outside": {
        "nl": "Locatie {name}: ligt in geen enkele gemeente; de gemeente met het dichtstbijzijnde "
        "middelpunt wordt de gastgemeente",
        "en": "Site {name}: lies in no municipality; the municipality with the nearest centre "
        "becomes the host",
    },
    "geodata.water_dropped": {
        "nl": "{path}: {count} waterdeel/waterdelen (kolom water = JA) weggelaten; alleen het land telt",
        "en": "{path}: {count} water part(s) (column water = JA) left out; only land counts",
    },
    "sites.far": {
        "nl": "Locatie {name}: ligt {km} km van het dichtstbijzijnde gemeentemiddelpunt in de regiogegevens "
        "({host}); importeer de landelijke geodata met 'ber geodata import'",
        "en": "Site {name}: lies {km} km from the nearest municipality centre in the region data ({host}); "
        "import the national geodata with 'ber geodata import'",
    },
    "compare.too_many": {
        "nl": "Te veel locaties om te vergelijken: {count} (maximaal {limit})",
        "en": "Too many sites to compare: {count} (at most {limit})",
    },
    # --- case register ----------------------------------------------------
    "register.bad_url": {
        "nl": "Registeradres {url} wordt niet ondersteund (gebruik sqlite:///pad/register.sqlite "
        "of postgresql+psycopg://gebruiker@server/database)",
        "en": "Register address {url} is not supported (use sqlite:///path/register.sqlite "
        "or postgresql+psycopg://user@host/database)",
    },
    "register.unreachable": {
        "nl": "Het register {url} is niet bereikbaar of gaf een fout: {reason}",
        "en": "The register {url} cannot be reached or reported an error: {reason}",
    },
    "register.unreachable_pg": {
        "nl": "Het register {url} (server {host}:{port}, database {database}, gebruiker {user}) is "
        "niet bereikbaar of gaf een fout: {reason}",
        "en": "The register {url} (server {host}:{port}, database {database}, user {user}) cannot be "
        "reached or reported an error: {reason}",
    },
    "register.denied": {
        "nl": "Gebruiker {user} mag dit niet in het register (server {host}:{port}, database "
        "{database}): {reason}. Vraag de beheerder om de rechten uit docs/register.md.",
        "en": "User {user} is not allowed to do this in the register (server {host}:{port}, "
        "database {database}): {reason}. Ask the administrator for the privileges in docs/register.md.",
    },
    "register.needs_owner": {
        "nl": "Het register (server {host}:{port}, database {database}) heeft schema {revision} en "
        "deze BER-desk heeft {head} nodig; gebruiker {user} mag het schema niet bijwerken. Laat de "
        "beheerder 'ber register upgrade' uitvoeren als eigenaar van het schema. Er is niets gewijzigd.",
        "en": "The register (server {host}:{port}, database {database}) has schema {revision} and "
        "this BER-desk needs {head}; user {user} may not upgrade the schema. Ask the administrator to "
        "run 'ber register upgrade' as the schema's owner. Nothing was changed.",
    },
    "register.newer_schema": {
        "nl": "Het register {url} is bijgewerkt door een nieuwere versie van BER-desk (schema "
        "{revision}); werk BER-desk bij om het te gebruiken. Er is niets gewijzigd.",
        "en": "The register {url} was upgraded by a newer BER-desk (schema {revision}); update "
        "BER-desk to use it. Nothing was changed.",
    },
    "register.unknown_ref": {
        "nl": "Zaaknummer {reference} staat niet in het register",
        "en": "Reference {reference} is not in the register",
    },
    "register.duplicate": {
        "nl": "Zaaknummer {reference} staat al in het register; kies een ander zaaknummer "
        "of werk de bestaande zaak bij",
        "en": "Reference {reference} is already in the register; choose another reference "
        "or update the existing case",
    },
    "register.conflict": {
        "nl": "Zaak {reference} is intussen gewijzigd door {who} op {at} (versie {current}, u had "
        "versie {expected} geopend). Er is niets opgeslagen: open de zaak opnieuw en voer de "
        "wijziging nogmaals uit.",
        "en": "Case {reference} was changed meanwhile by {who} at {at} (version {current}; you "
        "opened version {expected}). Nothing was saved: reopen the case and make the change again.",
    },
    "register.reference_missing": {
        "nl": "{field}: een zaak in het register heeft een zaaknummer nodig",
        "en": "{field}: a case in the register needs a reference (case number)",
    },
    "register.reference_long": {
        "nl": "{field}: zaaknummer {value} is te lang (maximaal 64 tekens)",
        "en": "{field}: reference {value} is too long (at most 64 characters)",
    },
    "register.result_mismatch": {
        "nl": "Zaak {reference}: de uitkomst hoort niet bij dit casusbestand (andere SHA-256); "
        "bereken de casus opnieuw",
        "en": "Case {reference}: the result does not belong to this case file (different "
        "SHA-256); assess the case again",
    },
    "register.same_status": {
        "nl": "Zaak {reference} heeft de status {status} al",
        "en": "Case {reference} already has status {status}",
    },
    "register.why_required": {
        "nl": "{field}: geef een reden voor de statuswijziging (audittrail)",
        "en": "{field}: give a reason for the status change (audit trail)",
    },
    "register.export_format": {
        "nl": "{path}: exporteren kan naar .xlsx of .csv",
        "en": "{path}: export writes .xlsx or .csv",
    },
    # --- capacity table (paste, CSV/XLSX import) ---------------------------
    "capacity.not_a_number": {
        "nl": "Rij {row}, kolom {column}: '{value}' is geen getal (toegestaan: een getal van 0 of meer, "
        "of leeg/'onbekend' voor onbekend)",
        "en": "Row {row}, column {column}: '{value}' is not a number (allowed: a number of 0 or more, "
        "or empty/'unknown' for unknown)",
    },
    "capacity.negative": {
        "nl": "Rij {row}, kolom {column}: waarde {value} mag niet negatief zijn (toegestaan: 0 of meer, "
        "of leeg/'onbekend')",
        "en": "Row {row}, column {column}: value {value} must not be negative (allowed: 0 or more, "
        "or empty/'unknown')",
    },
    "capacity.edit_invalid": {
        "nl": "{municipality}, {column}: '{value}' is geen geldige capaciteit (toegestaan: een getal van 0 "
        "of meer, zoals 12,5 of 1.234, of leeg/'onbekend')",
        "en": "{municipality}, {column}: '{value}' is not a valid capacity (allowed: a number of 0 or more, "
        "such as 12.5 or 1,234, or empty/'unknown')",
    },
    "capacity.code_not_in_region": {
        "nl": "Rij {row}: gemeentecode '{value}' hoort niet bij de regio (toegestaan: {choices})",
        "en": "Row {row}: municipality code '{value}' is not in the region (allowed: {choices})",
    },
    "capacity.outside_region": {
        "nl": "{count} gemeente(n) in het bestand horen niet bij de regio en zijn overgeslagen: {codes}",
        "en": "{count} municipality(ies) in the file are not in the region and were skipped: {codes}",
    },
    "capacity.paste_too_large": {
        "nl": "Plakken: {rows} rijen × {columns} kolommen passen niet vanaf rij {row}, kolom {column} "
        "(de tabel heeft {max_rows} gemeenten en {max_columns} domeinen)",
        "en": "Paste: {rows} rows × {columns} columns do not fit from row {row}, column {column} "
        "(the table has {max_rows} municipalities and {max_columns} domains)",
    },
    "capacity.unknown_column": {
        "nl": "Kolom '{value}' wordt niet herkend (toegestaan: gemeentecode, naam en de domeinnamen)",
        "en": "Column '{value}' is not recognised (allowed: code, name and the domain names)",
    },
    "capacity.duplicate_column": {
        "nl": "{path}: kolom '{value}' komt twee keer voor",
        "en": "{path}: column '{value}' occurs twice",
    },
    "capacity.no_code_column": {
        "nl": "{path}: de kolom 'gemeentecode' ontbreekt in de eerste rij (verwachte kolommen: {expected})",
        "en": "{path}: the column 'code' is missing from the first row (expected columns: {expected})",
    },
    "capacity.bad_code": {
        "nl": "Rij {row}: '{value}' is geen gemeentecode (verwacht een CBS-code zoals GM0983)",
        "en": "Row {row}: '{value}' is not a municipality code (expected a CBS code such as GM0983)",
    },
    "capacity.duplicate_code": {
        "nl": "Rij {row}: gemeentecode {value} komt meer dan eens voor",
        "en": "Row {row}: municipality code {value} occurs more than once",
    },
    "capacity.empty_file": {
        "nl": "{path} bevat geen tabel (het bestand is leeg)",
        "en": "{path} contains no table (the file is empty)",
    },
    "capacity.too_many_rows": {
        "nl": "{path} heeft te veel rijen (maximaal {limit} gemeenten)",
        "en": "{path} has too many rows (at most {limit} municipalities)",
    },
    "capacity.file_type": {
        "nl": "{path}: bestandstype '{value}' wordt niet ondersteund (toegestaan: .csv, .xlsx, .ods)",
        "en": "{path}: file type '{value}' is not supported (allowed: .csv, .xlsx, .ods)",
    },
    # --- outputs (ber.io.atomic) -------------------------------------------
    "output.unwritable": {
        "nl": "{path} kan niet worden geschreven ({reason}); kies een bestand in een bestaande, "
        "schrijfbare map",
        "en": "{path} cannot be written ({reason}); choose a file in an existing, writable folder",
    },
    "output.not_regular": {
        "nl": "{path} is {kind}, geen gewoon bestand; BER-desk vervangt dat niet (toegestaan: een "
        "nieuw of bestaand gewoon bestand, of - voor standaarduitvoer)",
        "en": "{path} is {kind}, not a regular file; BER-desk does not replace it (allowed: a new "
        "or existing regular file, or - for standard output)",
    },
    "output.is_input": {
        "nl": "{field}: {path} is het invoerbestand; kies een ander uitvoerbestand (het invoerbestand "
        "wordt niet overschreven)",
        "en": "{field}: {path} is the input file; choose another output file (the input file is "
        "never overwritten)",
    },
    "output.twice": {
        "nl": "{field}: {path} is al de uitvoer van {other}; kies voor elke uitvoer een eigen bestand",
        "en": "{field}: {path} is already the output of {other}; choose a separate file for each output",
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
    "gpkg.no_polygons": {
        "nl": "Let op: zonder geïmporteerde gemeentegrenzen staan de gemeenten als punten "
        "(middelpunten) in het GeoPackage en ontbreekt de regiogrens; importeer grenzen met "
        "'ber geodata import' of geef --geodata.",
        "en": "Note: without imported municipality boundaries the GeoPackage holds the "
        "municipalities as points (centroids) and no region outline; import boundaries with "
        "'ber geodata import' or pass --geodata.",
    },
    "cli.region": {
        "nl": "--region: '{value}' wordt niet herkend (toegestaan: arbeidsmarktregio:CODE, corop:CODE, "
        "provincie:CODE, cutoff, of cutoff:KM met KM van 1 tot en met 200)",
        "en": "--region: '{value}' is not recognised (allowed: arbeidsmarktregio:CODE, corop:CODE, "
        "provincie:CODE, cutoff, or cutoff:KM with KM from 1 to 200)",
    },
    "cli.seed": {
        "nl": "--seed: waarde {value} ligt buiten het toegestane bereik {low} tot en met {high}",
        "en": "--seed: value {value} is outside the allowed range {low} to {high}",
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
    # a parameter may itself be a text in both languages: {"nl": ..., "en": ...}
    params = {k: v[lang] if isinstance(v, dict) and lang in v else v for k, v in params.items()}
    try:
        text = template.format(**params)
    except (KeyError, IndexError, ValueError):
        text = f"{template} {params}"
    # a message is always valid Unicode: a lone surrogate from user input shows as \udxxx
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


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
