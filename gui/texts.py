"""The GUI's one translation path: a catalogue ``{key: {"nl": ..., "en": ...}}`` and ``tr``.

The language is chosen once at start-up (``set_language``; a changed preference
applies after a restart, the preferences dialog says so). Engine messages come
translated from ``ber.texts.messages``; a test checks that every key here has both
languages with the same ``{placeholders}``.
"""

from __future__ import annotations

from typing import Any, Literal

Lang = Literal["nl", "en"]
_CURRENT: list[Lang] = ["nl"]


def set_language(lang: str) -> None:
    _CURRENT[0] = "en" if lang == "en" else "nl"


def language() -> Lang:
    return _CURRENT[0]


def tr(key: str, **params: Any) -> str:
    """The text of ``key`` in the current language, with ``{placeholders}`` filled in."""
    entry = TEXTS.get(key)
    if entry is None:
        return key
    text = entry[_CURRENT[0]]
    return text.format(**params) if params else text


def _t(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


TEXTS: dict[str, dict[str, str]] = {
    # menus and actions
    "menu.file": _t("&Bestand", "&File"),
    "menu.edit": _t("Be&werken", "&Edit"),
    "menu.view": _t("Bee&ld", "&View"),
    "menu.help": _t("&Help", "&Help"),
    "menu.recent": _t("&Recente bestanden", "&Recent files"),
    "toolbar.main": _t("Werkbalk", "Toolbar"),
    "action.new": _t("&Nieuw", "&New"),
    "action.open": _t("&Openen…", "&Open…"),
    "action.save": _t("Op&slaan", "&Save"),
    "action.save_as": _t("Opslaan &als…", "Save &as…"),
    "action.open_demo": _t("&Demo openen", "Open &demo"),
    "action.open_demo_tip": _t(
        "Open de voorbeeldcasus: distributiecentrum met 900 banen in Noord-Limburg",
        "Open the example case: a distribution centre with 900 jobs in Noord-Limburg",
    ),
    "action.export_pdf": _t("Exporteren als &PDF…", "Export as &PDF…"),
    "action.export_pdf_tip": _t("Het BER-rapport als PDF opslaan", "Save the BER report as PDF"),
    "action.export_excel": _t("Exporteren naar &Excel…", "Export to &Excel…"),
    "action.import_geodata": _t("Gemeentegrenzen importeren…", "Import municipality boundaries…"),
    "action.import_geodata_tip": _t(
        "Kies de map met de CBS/PDOK-gemeentegrenzen en kerncijfers (landelijke kaart en regio's)",
        "Choose the folder with the CBS/PDOK boundaries and key figures (national map and regions)",
    ),
    "action.quit": _t("Af&sluiten", "&Quit"),
    "action.undo": _t("&Ongedaan maken", "&Undo"),
    "action.redo": _t("&Opnieuw", "&Redo"),
    "action.preferences": _t("&Voorkeuren…", "&Preferences…"),
    "action.compute": _t("Nu &berekenen", "&Calculate now"),
    "action.manual": _t("&Handleiding", "&Manual"),
    "action.reference": _t("&Referentiegegevens", "&Reference data"),
    "action.about": _t("&Over BER-desk", "&About BER-desk"),
    "action.toolbar": _t("Werkbalk tonen", "Show toolbar"),
    # steps
    "steps.name": _t("Stappen", "Steps"),
    "step.business": _t("Bedrijf", "Business"),
    "step.workforce": _t("Personeel", "Workforce"),
    "step.sites": _t("Locaties", "Sites"),
    "step.region": _t("Regio en capaciteit", "Region and capacity"),
    "step.results": _t("Resultaten", "Results"),
    "step.map": _t("Kaart", "Map"),
    "step.report": _t("Rapport", "Report"),
    "title.untitled": _t("Nieuwe casus", "New case"),
    # units
    "unit.jobs": _t("banen", "jobs"),
    "unit.years": _t("jaar", "years"),
    "unit.shifts": _t("ploegen per dag", "shifts per day"),
    "unit.beds": _t("bedden", "beds"),
    "unit.draws": _t("trekkingen", "draws"),
    # business page
    "business.intro": _t(
        "Vul in wat het bedrijf gaat doen. De berekening werkt direct bij; velden met een rode rand "
        "kloppen nog niet.",
        "Describe the business. The calculation updates at once; fields with a red border are not valid yet.",
    ),
    "business.group": _t("Bedrijf", "Business"),
    "business.name": _t("Naam bedrijf:", "Business name:"),
    "business.name_tip": _t(
        "Naam van het bedrijf of project, zoals in de aanvraag", "Name of the business or project"
    ),
    "business.sector": _t("Sector:", "Sector:"),
    "business.sector_tip": _t(
        "De sector bepaalt het standaardaandeel arbeidsmigranten en de vloeroppervlakte per baan",
        "The sector sets the default share of labour migrants and the floor area per job",
    ),
    "business.sector_item_tip": _t(
        "Aandeel arbeidsmigranten {share} % (bandbreedte {low}–{high} %), {m2} m² per baan. Bron: {source}",
        "Labour-migrant share {share} % (range {low}–{high} %), {m2} m² per job. Source: {source}",
    ),
    "business.jobs": _t("Aantal banen (volledig in bedrijf):", "Jobs (full operation):"),
    "business.jobs_tip": _t(
        "Banen bij volledige ingebruikname. Onbekend? Laat op 'uit vloeroppervlak' staan en vul het "
        "vloeroppervlak in.",
        "Jobs at full operation. Unknown? Leave at 'from floor area' and enter the floor area.",
    ),
    "business.jobs_unknown": _t("uit vloeroppervlak", "from floor area"),
    "business.area": _t("Vloeroppervlak:", "Floor area:"),
    "business.area_tip": _t(
        "Bruto vloeroppervlak; alleen gebruikt als het aantal banen onbekend is (m² per baan per sector)",
        "Gross floor area; only used when the number of jobs is unknown (m² per job by sector)",
    ),
    "business.area_unknown": _t("onbekend", "unknown"),
    "business.start_year": _t("Startjaar:", "Start year:"),
    "business.start_year_tip": _t(
        "Jaar waarin het bedrijf opent (2000–2100)", "Year the business opens (2000–2100)"
    ),
    "business.horizon": _t("Looptijd berekening:", "Horizon:"),
    "business.horizon_tip": _t("Aantal jaren dat de berekening beslaat (1–50)", "Years covered (1–50)"),
    "business.shifts": _t("Ploegendienst:", "Shifts:"),
    "business.shifts_tip": _t(
        "Aantal ploegen per dag (1–4); bepaalt hoeveel personeel tegelijk in de spits reist",
        "Shifts per day (1–4); sets how many workers travel in the same peak hour",
    ),
    "ramp.group": _t("Ingroei", "Ramp-up"),
    "ramp.label": _t("Bezetting per jaar:", "Staffing per year:"),
    "ramp.tip": _t(
        "Deel van de banen dat in elk jaar na de start bezet is; het laatste percentage geldt voor de "
        "jaren daarna",
        "Share of the jobs filled in each year after the start; the last percentage holds for later years",
    ),
    "ramp.add": _t("Jaar toevoegen", "Add year"),
    "ramp.remove": _t("Laatste jaar weg", "Remove last year"),
    "ramp.year": _t("Bezetting jaar {n}", "Staffing year {n}"),
    "ramp.year_prefix": _t("j{n}: ", "y{n}: "),
    "meta.group": _t("Dossier", "File details"),
    "meta.title": _t("Titel:", "Title:"),
    "meta.title_tip": _t("Titel van de BER op het rapport", "Title of the report"),
    "meta.reference": _t("Kenmerk:", "Reference:"),
    "meta.reference_tip": _t(
        "Zaak- of dossiernummer van de vergunningaanvraag", "Case or file number of the permit"
    ),
    "meta.officer": _t("Behandelaar:", "Officer:"),
    "meta.officer_tip": _t("Naam van de behandelend ambtenaar", "Name of the permit officer"),
    "meta.date": _t("Datum:", "Date:"),
    "meta.date_tip": _t("Datum van de beoordeling (JJJJ-MM-DD)", "Date of the assessment (YYYY-MM-DD)"),
    # workforce page
    "workforce.intro": _t(
        "Wie komen er werken, met wie komen ze, en waar gaan ze wonen? Aandelen vult u in als "
        "percentage; de categorieën moeten samen 100 % zijn.",
        "Who will work here, who comes along, and where will they live? Shares are percentages; the "
        "categories must add up to 100 %.",
    ),
    "workforce.group": _t("Arbeidsmigranten", "Labour migrants"),
    "workforce.migrant_share": _t("Aandeel arbeidsmigranten:", "Labour-migrant share:"),
    "workforce.migrant_default": _t("standaard van de sector", "sector default"),
    "workforce.migrant_tip": _t(
        "Deel van de banen dat door arbeidsmigranten wordt ingevuld. Laat op 'standaard van de sector' "
        "voor de waarde uit de referentiegegevens (zie de sector).",
        "Share of jobs filled by labour migrants. Leave at 'sector default' for the reference value.",
    ),
    "workforce.migrant_sector": _t(
        "Standaard voor {sector}: {share} % (bandbreedte {low}–{high} %). Bron: {source}",
        "Default for {sector}: {share} % (range {low}–{high} %). Source: {source}",
    ),
    "workforce.preset": _t("Gezinsgrootte volgens:", "Family ratios from:"),
    "workforce.preset_tip": _t(
        "Welke bron het aantal meekomende gezinsleden per categorie bepaalt (alleen migranten van buiten "
        "de EU). Rijksoverheid 2023 (BWO-presentatie): 0,6 per overige arbeidsmigrant en ongeveer 1 per "
        "kennismigrant. CBS 2023 (via ESB): 0,2 per overige arbeidsmigrant en 0,77 per kennismigrant.",
        "Which source sets the accompanying family members per category (non-EU migrants only). "
        "Rijksoverheid 2023 (BWO presentation): 0.6 per other labour migrant and about 1 per knowledge "
        "migrant. CBS 2023 (via ESB): 0.2 per other labour migrant and 0.77 per knowledge migrant.",
    ),
    "workforce.preset_note": _t(
        "Let op: volgens het CBS komen overige arbeidsmigranten van buiten de EU meestal zonder gezin "
        "(0,2 in plaats van 0,6 gezinsleden). De Rijksoverheid-waarde is het CBS-gemiddelde inclusief "
        "kennismigranten en kan de druk op onderwijs en woningen tot ongeveer 3× overschatten.",
        "Note: according to CBS, other non-EU labour migrants mostly come without family (0.2 instead of "
        "0.6 family members). The government value is the CBS average including knowledge migrants and "
        "can overstate the pressure on education and housing up to about 3×.",
    ),
    "workforce.cross_border": _t("Grenspendelaars:", "Cross-border commuters:"),
    "workforce.cross_border_tip": _t(
        "Deel van de arbeidsmigranten dat in Duitsland of België woont en dagelijks pendelt",
        "Share of labour migrants who live in Germany or Belgium and commute daily",
    ),
    "workforce.categories": _t("Verblijfscategorieën (samen 100 %)", "Stay categories (together 100 %)"),
    "workforce.category_tip": _t(
        "Standaard {default} %. Huisvesting: {housing}.", "Default {default} %. Housing: {housing}."
    ),
    "housing.flex": _t("flexwonen (bedden)", "flexible housing (beds)"),
    "housing.dwelling": _t("reguliere woning", "regular dwelling"),
    "problem.shares_sum": _t(
        "De aandelen tellen op tot {total} %; samen moeten ze {expected} % zijn.",
        "The shares add up to {total} %; together they must be {expected} %.",
    ),
    "problem.row": _t("Rij {n}", "Row {n}"),
    "shares.total": _t("Totaal: {total} %", "Total: {total} %"),
    "workforce.modes": _t("Vervoer naar het werk", "Commuting"),
    "workforce.own_modes": _t("Eigen vervoerverdeling invullen", "Enter own mode shares"),
    "workforce.own_modes_tip": _t(
        "Uit: de standaardverdeling uit de referentiegegevens. Aan: vul de verdeling zelf in (samen 100 %).",
        "Off: the reference mode shares. On: enter your own (together 100 %).",
    ),
    "mode.car": _t("Auto:", "Car:"),
    "mode.van": _t("Busje (werkgever):", "Van (employer):"),
    "mode.bus": _t("Bus / pendelbus:", "Bus / shuttle:"),
    "mode.bike": _t("Fiets:", "Bike:"),
    "mode.walk": _t("Lopen:", "Walk:"),
    "workforce.residence": _t("Woonplaats van het personeel", "Where the workers live"),
    "residence.method": _t("Verdeling over gemeenten:", "Spread over municipalities:"),
    "residence.method_tip": _t(
        "Zwaartekracht: naar woningvoorraad en afstand tot de locatie. Handmatig: vul per gemeente een "
        "aandeel in.",
        "Gravity: by housing stock and distance to the site. Manual: enter a share per municipality.",
    ),
    "residence.gravity": _t("automatisch (zwaartekrachtmodel)", "automatic (gravity model)"),
    "residence.manual": _t("handmatig per gemeente", "manual per municipality"),
    "residence.shares": _t("Handmatige aandelen:", "Manual shares:"),
    "workforce.beds": _t("Huisvesting door werkgever:", "Employer housing:"),
    "workforce.beds_tip": _t(
        "Bedden die de werkgever zelf regelt (per gemeente); die tellen niet mee als vraag naar flexbedden",
        "Beds the employer provides (per municipality); they are not counted as demand for flex beds",
    ),
    "mitigations.group": _t("Voorwaarden en maatregelen", "Conditions and measures"),
    "mitigations.shuttle_share": _t("Pendelbus van de werkgever:", "Employer shuttle:"),
    "mitigations.shuttle_share_tip": _t(
        "Deel van de autoforenzen dat overstapt op busjes of pendelbussen van de werkgever (minder voertuigen in de spits)",
        "Share of car commuters who switch to the employer's vans or shuttle buses (fewer vehicles in the peak hour)",
    ),
    "mitigations.employer_gp_share": _t("Huisartsenzorg via werkgever:", "GP care via employer:"),
    "mitigations.employer_gp_share_tip": _t(
        "Deel van de huisartspatiënten dat de werkgever zelf onderbrengt (eigen huisartsencontract); zij tellen niet mee als vraag",
        "Share of GP patients the employer places itself (own GP contract); they are not counted as demand",
    ),
    "mitigations.local_recruitment_share": _t("Lokale werving:", "Local recruitment:"),
    "mitigations.local_recruitment_share_tip": _t(
        "Deel van de banen voor arbeidsmigranten dat toch lokaal wordt ingevuld; verlaagt het aandeel arbeidsmigranten naar rato",
        "Share of the labour-migrant jobs filled locally instead; lowers the labour-migrant share proportionally",
    ),
    # tables
    "table.add_row": _t("Rij toevoegen", "Add row"),
    "table.remove_row": _t("Rij verwijderen", "Remove row"),
    "col.municipality": _t("Gemeente", "Municipality"),
    "col.beds": _t("Bedden", "Beds"),
    "col.share": _t("Aandeel", "Share"),
    "col.chosen": _t("Gekozen", "Chosen"),
    "col.site": _t("Locatie", "Site"),
    "col.x": _t("x", "x"),
    "col.y": _t("y", "y"),
    "col.crs": _t("Coördinaten", "Coordinates"),
    "col.host": _t("Gemeente van de locatie", "Host municipality"),
    "col.domain": _t("Domein", "Domain"),
    "col.verdict": _t("Oordeel", "Verdict"),
    "col.where": _t("Zwaarst belast", "Most affected"),
    "col.pressure": _t("Druk", "Pressure"),
    "col.figure": _t("Kengetal", "Figure"),
    "col.value": _t("Waarde", "Value"),
    "col.unit": _t("Eenheid", "Unit"),
    "col.band": _t("Bandbreedte P10–P90", "Range P10–P90"),
    "col.without": _t("Zonder maatregelen", "Without measures"),
    "col.with": _t("Met maatregelen", "With measures"),
    "col.rank": _t("Rang", "Rank"),
    "col.red": _t("Rood", "Red"),
    "col.amber": _t("Oranje", "Amber"),
    "col.grey": _t("Onbekend", "Unknown"),
    "col.max_pressure": _t("Hoogste druk", "Highest pressure"),
    "col.commute": _t("Woon-werkverkeer", "Commuting"),
    "col.norm": _t("Kengetal", "Norm"),
    "col.low_high": _t("Laag – hoog", "Low – high"),
    "col.source": _t("Bron", "Source"),
    "tip.demand_capacity": _t(
        "Vraag {demand}, vrije capaciteit {capacity}", "Demand {demand}, spare capacity {capacity}"
    ),
    "tip.norm": _t(
        "{label}: standaard {value} {unit} (bandbreedte {low}–{high}). Bron: {source}",
        "{label}: default {value} {unit} (range {low}–{high}). Source: {source}",
    ),
    "ref.assumption": _t("aanname (geen bron)", "assumption (no source)"),
    "ref.sector": _t("Sector", "Sector"),
    "ref.migrant_share": _t("aandeel arbeidsmigranten", "labour-migrant share"),
    # sites page
    "sites.intro": _t(
        "De gekozen locatie wordt beoordeeld; de andere locaties worden ermee vergeleken (zie Kaart). "
        "Coördinaten in RD (meter) of WGS84 (graden).",
        "The chosen site is assessed; the others are compared with it (see Map). Coordinates in RD "
        "(metres) or WGS84 (degrees).",
    ),
    "sites.add": _t("Locatie toevoegen", "Add site"),
    "sites.add_tip": _t(
        "Een nieuwe locatie met coördinaten die u daarna aanpast",
        "A new site whose coordinates you then edit",
    ),
    "sites.remove": _t("Locatie verwijderen", "Remove site"),
    "sites.import": _t("Importeren uit bestand…", "Import from file…"),
    "sites.import_tip": _t(
        "Locaties uit een GeoJSON-, GeoPackage-, shapefile- of CSV-bestand (x/y of lon/lat)",
        "Sites from a GeoJSON, GeoPackage, shapefile or CSV file (x/y or lon/lat)",
    ),
    "sites.import_filter": _t(
        "Geobestanden (*.geojson *.json *.gpkg *.shp *.csv);;Alle bestanden (*)",
        "Geodata files (*.geojson *.json *.gpkg *.shp *.csv);;All files (*)",
    ),
    "sites.from_map": _t("Aanwijzen op de kaart", "Pick on the map"),
    "sites.from_map_tip": _t(
        "Ga naar de kaart en klik op de plek van de nieuwe locatie", "Go to the map and click the new site"
    ),
    "sites.host_auto": _t("automatisch (uit coördinaten)", "automatic (from coordinates)"),
    "sites.new_name": _t("Locatie {n}", "Site {n}"),
    "sites.imported": _t("{n} locaties geïmporteerd", "{n} sites imported"),
    "site.chosen": _t("gekozen", "chosen"),
    "crs.rd": _t("RD (EPSG:28992, m)", "RD (EPSG:28992, m)"),
    "crs.wgs84": _t("WGS84 (lengte/breedte, °)", "WGS84 (lon/lat, °)"),
    # region page
    "region.intro": _t(
        "Welke gemeenten horen bij de regio, en hoeveel vrije capaciteit heeft elke gemeente? "
        "Laat een cel leeg als u het niet weet: dan staat er 'onbekend' en geeft BER-desk geen oordeel.",
        "Which municipalities form the region, and how much spare capacity does each have? Leave a cell "
        "empty when unknown: it shows 'unknown' and gets no verdict.",
    ),
    "region.group": _t("Regio", "Region"),
    "region.auto": _t(
        "Automatisch: gemeenten binnen de afstandsgrens van de locatie",
        "Automatic: municipalities within the cut-off distance of the site",
    ),
    "region.auto_tip": _t(
        "De afstandsgrens staat in de referentiegegevens (gravity.cutoff_km)",
        "The cut-off distance is in the reference data (gravity.cutoff_km)",
    ),
    "region.kind": _t("Indeling:", "Division:"),
    "region.which": _t("Welke regio", "Which region"),
    "region.kind.arbeidsmarktregio": _t("Arbeidsmarktregio", "Labour-market region"),
    "region.kind.corop": _t("COROP-gebied", "COROP region"),
    "region.kind.provincie": _t("Provincie", "Province"),
    "region.kind_needs_geodata": _t(
        "Arbeidsmarktregio en provincie zijn beschikbaar nadat u de gemeentegrenzen hebt geïmporteerd "
        "(Bestand › Gemeentegrenzen importeren…).",
        "Labour-market region and province are available after importing the boundaries "
        "(File › Import municipality boundaries…).",
    ),
    "region.list": _t("Zelf aanvinken:", "Tick yourself:"),
    "region.filter": _t("Zoek gemeente…", "Find municipality…"),
    "region.own_label": _t("Zelf gekozen gemeenten", "Municipalities chosen by hand"),
    "region.current_auto": _t(
        "Huidige regio: automatisch bepaald.", "Current region: determined automatically."
    ),
    "region.current": _t("Huidige regio: {label} – {members}", "Current region: {label} – {members}"),
    "capacity.group": _t("Vrije capaciteit per gemeente", "Spare capacity per municipality"),
    "capacity.intro": _t(
        "Typ, plak uit Excel (Ctrl+V) of importeer een CSV/Excel-bestand. Eenheden staan in de kolomkoppen.",
        "Type, paste from Excel (Ctrl+V) or import a CSV/Excel file. Units are in the column headers.",
    ),
    "capacity.placeholder": _t(
        "De capaciteitstabel is nog niet beschikbaar in deze versie.",
        "The capacity table is not available in this build yet.",
    ),
    "capacity.source": _t("Bron van de capaciteitscijfers:", "Source of the capacity figures:"),
    "capacity.source_tip": _t(
        "Waar komen de cijfers vandaan (komt in het rapport)?",
        "Where do the figures come from (shown in the report)?",
    ),
    # results
    "results.intro": _t(
        "Groen: ruim binnen de vrije capaciteit; oranje: neemt een groot deel in; rood: overschrijdt "
        "de capaciteit; onbekend: geen capaciteit ingevuld. De resultaten werken automatisch bij.",
        "Green: well within spare capacity; amber: takes a large part; red: exceeds capacity; unknown: "
        "no capacity entered. Results update automatically.",
    ),
    "results.none": _t("Nog geen resultaat.", "No result yet."),
    "results.verdict": _t("Oordeel per domein", "Verdict per domain"),
    "results.key_figures": _t(
        "Kerncijfers (jaar van volledige bezetting)", "Key figures (full-operation year)"
    ),
    "results.traffic": _t(
        "Verkeerslicht per gemeente en domein", "Traffic light per municipality and domain"
    ),
    "results.legend": _t(
        "● groen = ruim binnen capaciteit · ▲ oranje = groot deel · ■ rood = overschrijdt · ? onbekend. "
        "Tussen haakjes: vraag als percentage van de vrije capaciteit. Klik een rij voor de grafiek.",
        "● green = well within · ▲ amber = large part · ■ red = exceeds · ? unknown. In brackets: demand "
        "as a percentage of spare capacity. Click a row for the chart.",
    ),
    "results.mitigations": _t("Effect van de maatregelen", "Effect of the measures"),
    "results.mitigation_none": _t(
        "Geen maatregelen ingevuld (stap Personeel).", "No measures entered (Workforce step)."
    ),
    "results.mitigation_intro": _t(
        "Oordeel zonder en met de ingevulde maatregelen:", "Verdict without and with the measures entered:"
    ),
    "results.chart": _t("Vraag per jaar tegen capaciteit", "Demand per year against capacity"),
    "results.chart_domain": _t("Domein:", "Domain:"),
    "results.mc": _t("Bereken onzekerheid (Monte Carlo)", "Calculate uncertainty (Monte Carlo)"),
    "results.mc_tip": _t(
        "Herhaalt de berekening met alle kengetallen binnen hun bandbreedte (aantal trekkingen: Voorkeuren)",
        "Repeats the calculation with all norms within their ranges (number of draws: Preferences)",
    ),
    "results.mc_done": _t(
        "Onzekerheid berekend met {n} trekkingen (P10–P90).", "Uncertainty from {n} draws (P10–P90)."
    ),
    "results.mc_none": _t("Zonder onzekerheidsanalyse.", "Without uncertainty analysis."),
    "results.mc_cancelled": _t("Onzekerheidsberekening afgebroken.", "Uncertainty calculation cancelled."),
    "results.summary_red": _t(
        "<b>{site}</b> (gemeente {host}): de vraag overschrijdt de vrije capaciteit bij: {domains}.",
        "<b>{site}</b> ({host}): demand exceeds spare capacity for: {domains}.",
    ),
    "results.summary_ok": _t(
        "<b>{site}</b> (gemeente {host}): nergens een overschrijding van de vrije capaciteit.",
        "<b>{site}</b> ({host}): spare capacity is not exceeded anywhere.",
    ),
    "chart.title": _t("Grafiek vraag per jaar", "Chart of demand per year"),
    "chart.empty": _t("De grafiek verschijnt na de berekening.", "The chart appears after the calculation."),
    "chart.band": _t("bandbreedte P10–P90", "range P10–P90"),
    "chart.demand": _t("vraag", "demand"),
    "chart.capacity": _t("vrije capaciteit ({value})", "spare capacity ({value})"),
    "chart.year": _t("jaar", "year"),
    # map
    "map.intro": _t(
        "Kleur = oordeel voor het gekozen domein. Scrollen zoomt, slepen verschuift, klik selecteert een "
        "gemeente. Rechts de vergelijking van de locaties.",
        "Colour = verdict for the chosen domain. Scroll zooms, drag pans, click selects a municipality. "
        "On the right the comparison of the sites.",
    ),
    "map.domain": _t("Domein:", "Domain:"),
    "map.add_site": _t("Locatie toevoegen door te klikken", "Add site by clicking"),
    "map.add_site_tip": _t(
        "Zet aan en klik op de kaart: daar komt een nieuwe locatie",
        "Switch on and click the map to add a site there",
    ),
    "map.fit": _t("Regio tonen", "Show region"),
    "map.schematic": _t(
        "Schematische kaart: cirkels rond de gemeentecentra. Importeer de gemeentegrenzen voor een echte kaart.",
        "Schematic map: circles around municipality centres. Import the boundaries for a real map.",
    ),
    "map.national": _t(
        "Gemeentegrenzen: CBS/PDOK (geïmporteerd).", "Municipality boundaries: CBS/PDOK (imported)."
    ),
    "map.placeholder": _t(
        "De kaart is nog niet beschikbaar in deze versie.", "The map is not available in this build yet."
    ),
    "map.ranking": _t("Vergelijking van de locaties", "Site comparison"),
    "map.ranking_intro": _t(
        "Rang 1 = minste druk (eerst aantal rode, dan oranje domeinen, dan hoogste druk).",
        "Rank 1 = least pressure (first number of red, then amber domains, then highest pressure).",
    ),
    "map.ranking_single": _t(
        "Voeg bij Locaties een tweede locatie toe om te vergelijken.",
        "Add a second site under Sites to compare.",
    ),
    "map.pick_hint": _t(
        "Klik op de kaart waar de nieuwe locatie moet komen.", "Click the map where the new site goes."
    ),
    # report page
    "report.intro": _t(
        "Het rapport bevat het oordeel, de kaart, alle gebruikte kengetallen met bronnen en de casus "
        "zelf als bijlage (u kunt het PDF later weer openen in BER-desk).",
        "The report contains the verdict, the map, every norm used with its source and the case itself "
        "as an attachment (you can open the PDF in BER-desk again).",
    ),
    "report.pdf_group": _t("PDF-rapport", "PDF report"),
    "report.language": _t("Taal van het rapport:", "Report language:"),
    "report.pdfa": _t("PDF/A (archiefformaat)", "PDF/A (archival format)"),
    "report.pdfa_tip": _t(
        "PDF/A-3b voor het archief; duurt iets langer", "PDF/A-3b for archiving; takes a little longer"
    ),
    "report.officer": _t("Behandelaar op het rapport: {officer}", "Officer on the report: {officer}"),
    "report.progress": _t("Voortgang rapport", "Report progress"),
    "report.excel_group": _t("Excel", "Excel"),
    "report.excel_intro": _t(
        "Alle cijfers in een Excel-werkmap: samenvatting, gemeenten, per jaar, locaties, kengetallen.",
        "All figures in an Excel workbook: summary, municipalities, per year, sites, norms.",
    ),
    "export.blocked": _t(
        "Exporteren en berekenen kan pas als alle invoer klopt:",
        "Export and calculation are possible once all input is valid:",
    ),
    "export.running": _t("Rapport wordt gemaakt…", "Building the report…"),
    "export.pdf_done": _t(
        "Rapport opgeslagen: {path} ({pages} pagina's)", "Report saved: {path} ({pages} pages)"
    ),
    "export.excel_done": _t("Excel-bestand opgeslagen: {path}", "Excel file saved: {path}"),
    "export.failed": _t("Het rapport is niet gemaakt.", "The report was not built."),
    "export.cancelled": _t(
        "Rapport afgebroken; er is geen bestand geschreven.", "Report cancelled; no file was written."
    ),
    "export.done_title": _t("Export klaar", "Export finished"),
    "export.open_question": _t("Opgeslagen als\n{path}\n\nNu openen?", "Saved as\n{path}\n\nOpen it now?"),
    "export.report_missing": _t(
        "De rapportmodule is in deze versie niet beschikbaar.",
        "The report module is not available in this build.",
    ),
    # files
    "file.filter_open": _t(
        "BER-casussen en rapporten (*.ber *.pdf);;BER-casussen (*.ber);;Alle bestanden (*)",
        "BER cases and reports (*.ber *.pdf);;BER cases (*.ber);;All files (*)",
    ),
    "file.filter_save": _t("BER-casus (*.ber)", "BER case (*.ber)"),
    "file.filter_pdf": _t("PDF (*.pdf)", "PDF (*.pdf)"),
    "file.filter_xlsx": _t("Excel-werkmap (*.xlsx)", "Excel workbook (*.xlsx)"),
    "file.open_failed": _t("{path} kan niet worden geopend.", "{path} cannot be opened."),
    "file.save_failed": _t("{path} kan niet worden opgeslagen.", "{path} cannot be saved."),
    "new.business_name": _t("Nieuw bedrijf", "New business"),
    "unsaved.title": _t("Niet-opgeslagen wijzigingen", "Unsaved changes"),
    "unsaved.question": _t(
        "De casus is gewijzigd. Wijzigingen opslaan?", "The case has changed. Save the changes?"
    ),
    "recover.title": _t("Casus herstellen?", "Recover case?"),
    "recover.question": _t(
        "BER-desk is de vorige keer niet netjes afgesloten. Er is een automatisch opgeslagen versie van "
        "uw casus. Wilt u die herstellen?",
        "BER-desk did not close properly last time. There is an autosaved version of your case. Recover it?",
    ),
    "recover.done": _t(
        "Automatisch opgeslagen casus hersteld; sla hem op om hem te bewaren.",
        "Autosaved case recovered; save it to keep it.",
    ),
    # status bar
    "status.valid": _t("✓ Invoer compleet", "✓ Input complete"),
    "status.invalid": _t("✗ {n} invoerprobleem/-problemen: {first}", "✗ {n} input problem(s): {first}"),
    "status.no_calc": _t("Nog niet berekend", "Not calculated yet"),
    "status.calc": _t("Berekend om {time} ({ms} ms)", "Calculated at {time} ({ms} ms)"),
    "status.new": _t("Nieuwe casus", "New case"),
    "status.demo": _t("Demo geopend", "Demo opened"),
    "status.opened": _t("Geopend: {path}", "Opened: {path}"),
    "status.saved": _t("Opgeslagen: {path}", "Saved: {path}"),
    "geodata.importing": _t("Gemeentegrenzen worden geïmporteerd…", "Importing municipality boundaries…"),
    "geodata.imported": _t("Gemeentegrenzen geïmporteerd.", "Municipality boundaries imported."),
    "geodata.layer_title": _t("Laag kiezen", "Choose a layer"),
    "geodata.layer_prompt": _t(
        "{file} bevat meerdere lagen. Welke laag bevat de gemeentegrenzen?",
        "{file} holds several layers. Which layer holds the municipal boundaries?",
    ),
    # errors
    "error.title": _t("BER-desk – probleem", "BER-desk – problem"),
    "error.os": _t("Bestandsfout: {reason} {path}", "File error: {reason} {path}"),
    "error.unexpected": _t(
        "Er ging iets onverwachts mis ({kind}). De details staan in het logbestand: {log}",
        "Something unexpected went wrong ({kind}). Details are in the log file: {log}",
    ),
    "button.cancel": _t("Annuleren", "Cancel"),
    # dialogs
    "prefs.title": _t("Voorkeuren", "Preferences"),
    "prefs.language": _t("Taal:", "Language:"),
    "prefs.language_note": _t(
        "Een andere taal geldt na het opnieuw starten van BER-desk.",
        "A different language applies after restarting BER-desk.",
    ),
    "prefs.restart": _t(
        "Start BER-desk opnieuw om de nieuwe taal te gebruiken.", "Restart BER-desk to use the new language."
    ),
    "prefs.officer": _t("Naam behandelaar:", "Officer name:"),
    "prefs.logo": _t("Logo gemeente (rapport):", "Municipality logo (report):"),
    "prefs.logo_filter": _t("Afbeeldingen (*.png *.jpg *.jpeg)", "Images (*.png *.jpg *.jpeg)"),
    "prefs.browse": _t("Bladeren…", "Browse…"),
    "prefs.preset": _t("Standaard gezinsgrootte (nieuwe casus):", "Default family ratios (new case):"),
    "prefs.draws": _t("Monte Carlo-trekkingen:", "Monte Carlo draws:"),
    "prefs.pdfa": _t("Standaard PDF/A:", "PDF/A by default:"),
    "manual.title": _t("Handleiding", "Manual"),
    "manual.missing": _t("De handleiding is niet gevonden: {path}", "The manual was not found: {path}"),
    "reference.title": _t("Referentiegegevens", "Reference data"),
    "reference.intro": _t(
        "Alle kengetallen die de berekening gebruikt, met eenheid, bandbreedte en bron. Versie {version}, "
        "controlegetal {checksum}…",
        "Every norm the calculation uses, with unit, range and source. Version {version}, checksum {checksum}…",
    ),
    "about.text": _t(
        "<h3>BER-desk {version}</h3><p>Bedrijfseffectrapportage arbeidsmigratie voor gemeenten.</p>"
        "<p>Referentiegegevens: versie {ref_version}<br>controlegetal (SHA-256): <small>{checksum}</small></p>"
        "<p>Licentie: EUPL-1.2. Geodata: CBS/PDOK (CC BY 4.0).</p>",
        "<h3>BER-desk {version}</h3><p>Business impact report on labour migration for municipalities.</p>"
        "<p>Reference data: version {ref_version}<br>checksum (SHA-256): <small>{checksum}</small></p>"
        "<p>Licence: EUPL-1.2. Geodata: CBS/PDOK (CC BY 4.0).</p>",
    ),
}

from gui.texts_extra import EXTRA_TEXTS  # noqa: E402  (merged after the catalogue is defined)

TEXTS.update(EXTRA_TEXTS)
