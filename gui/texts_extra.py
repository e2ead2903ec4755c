"""GUI texts of the register preference, region ticking on the map and cumulative map colouring.

Merged into ``gui.texts.TEXTS`` (kept apart so ``gui/texts.py`` stays readable).
"""

from __future__ import annotations


def _t(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


EXTRA_TEXTS: dict[str, dict[str, str]] = {
    # preferences: the register database
    "prefs.register": _t("Zaakregister (database):", "Case register (database):"),
    "prefs.register_placeholder": _t("leeg = {path}", "empty = {path}"),
    "prefs.register_note": _t(
        "Leeg laten voor het register op deze computer ({path}). Voor een gedeeld "
        "register: postgresql://gebruiker@server:5432/database. Een wachtwoord in het adres wordt niet "
        "opgeslagen: BER-desk onthoudt het alleen tot u het programma sluit. Zet het wachtwoord liever in "
        "een .pgpass-bestand of in de omgevingsvariabele PGPASSWORD.",
        "Leave empty for the register on this computer ({path}). For a shared register: "
        "postgresql://user@server:5432/database. A password in the address is not saved: BER-desk keeps "
        "it only until you close the program. Better put the password in a .pgpass file or in the "
        "environment variable PGPASSWORD.",
    ),
    "prefs.register_env": _t(
        "Let op: de omgevingsvariabele BER_REGISTER_URL is gezet ({url}); die gaat voor deze instelling.",
        "Note: the environment variable BER_REGISTER_URL is set ({url}); it wins over this setting.",
    ),
    "prefs.register_invalid": _t(
        "Zaakregister: '{value}' is geen geldig adres. Toegestaan: leeg (SQLite op deze computer), "
        "sqlite:///pad/naar/register.sqlite of postgresql://gebruiker@server:poort/database.",
        "Case register: '{value}' is not a valid address. Allowed: empty (SQLite on this computer), "
        "sqlite:///path/to/register.sqlite or postgresql://user@server:port/database.",
    ),
    "prefs.register_session": _t(
        "Het wachtwoord van het zaakregister is niet opgeslagen; het geldt alleen tot u BER-desk sluit.",
        "The case register password was not saved; it applies only until you close BER-desk.",
    ),
    # map: tick the region
    "map.tick_region": _t("Regio aanvinken", "Tick region"),
    "map.tick_region_tip": _t(
        "Zet aan en klik op een gemeente om haar aan de regio toe te voegen of eruit te halen "
        "(elke klik is één stap die u ongedaan kunt maken)",
        "Switch on and click a municipality to add it to the region or remove it "
        "(every click is one step you can undo)",
    ),
    "map.tick_hint": _t(
        "Klik op gemeenten om ze aan de regio toe te voegen of eruit te halen.",
        "Click municipalities to add them to the region or remove them.",
    ),
    "map.tick_host": _t(
        "{name} is de vestigingsgemeente van de gekozen locatie en blijft altijd in de regio.",
        "{name} is the host municipality of the chosen site and always stays in the region.",
    ),
    "map.tick_unknown": _t(
        "Gemeente {code} staat niet in de gemeentetabel van de berekening.",
        "Municipality {code} is not in the calculation's municipality table.",
    ),
    "map.tick_added": _t(
        "{name} toegevoegd aan de regio ({n} gemeenten).", "{name} added to the region ({n} municipalities)."
    ),
    "map.tick_removed": _t(
        "{name} uit de regio gehaald ({n} gemeenten).", "{name} removed from the region ({n} municipalities)."
    ),
    "map.tick_undo": _t("Regio aanvinken: {name}", "Tick region: {name}"),
    "region.ticked_label": _t("Zelf aangevinkt", "Ticked by hand"),
    # map: colour by this case or the cumulative view
    "map.colouring": _t("Kleur:", "Colour:"),
    "map.colour.this": _t("deze zaak", "this case"),
    "map.colour.without": _t("cumulatief zonder deze zaak", "cumulative without this case"),
    "map.colour.with": _t("cumulatief met deze zaak", "cumulative with this case"),
    "map.colour_tip": _t(
        "De cumulatieve kleuren zijn beschikbaar nadat het zaakregister de cumulatieve effecten van deze "
        "zaak heeft berekend (Register › Zaakregister… › Cumulatief › Cumulatief berekenen).",
        "The cumulative colours are available after the case register has computed the cumulative "
        "effects of this case (Register › Case register… › Cumulative › Compute cumulative).",
    ),
    "map.legend_mode": _t("{domain} – {mode}", "{domain} – {mode}"),
    # the home municipality (preferences; a new case starts there)
    "prefs.home": _t("Thuisgemeente:", "Home municipality:"),
    "prefs.home_note": _t(
        "Een nieuwe zaak (Ctrl+N) begint met een locatie in het midden van deze gemeente en een "
        "automatische regio eromheen.",
        "A new case (Ctrl+N) starts with a site at the centre of this municipality and an automatic "
        "region around it.",
    ),
    "home.filter": _t("Zoek een gemeente op naam of code", "Find a municipality by name or code"),
    "home.title": _t("Thuisgemeente kiezen", "Choose the home municipality"),
    "home.intro": _t(
        "In welke gemeente werkt u? Nieuwe zaken beginnen met een locatie in die gemeente. U kunt dit "
        "later wijzigen in Bewerken › Voorkeuren.",
        "Which municipality do you work for? New cases start with a site in that municipality. You can "
        "change this later in Edit › Preferences.",
    ),
}
