"""Display labels shared by the CLI, the GUI and the report (Dutch and English).

The labels live in the one catalogue (``label.status.<key>``, ``label.domain.<key>``,
``label.unit.<unit>``, ``label.total.<key>`` …, see ``ber.texts.catalogue``); the
tables here are ``{key: {"nl": ..., "en": ...}}`` views of them, so code
that looks a label up by key keeps working.
"""

from __future__ import annotations

from ber.texts.catalogue import Lang, LangTable, format_number, has, text

__all__ = [
    "CASE_STATUS_LABELS",
    "DOMAIN_LABELS",
    "STATUS_LABELS",
    "STATUS_MEANING",
    "TOTAL_LABELS",
    "UNIT_LABELS",
    "format_number",
    "format_pressure",
    "format_quantity",
    "label",
    "unit_label",
]

STATUS_LABELS: LangTable = LangTable("label.status.")
STATUS_MEANING: LangTable = LangTable("label.status_meaning.")
DOMAIN_LABELS: LangTable = LangTable("label.domain.")
UNIT_LABELS: LangTable = LangTable("label.unit.")
TOTAL_LABELS: LangTable = LangTable("label.total.")
#: labels of a registered case's status (``ber.register.schema.CASE_STATUSES``)
CASE_STATUS_LABELS: LangTable = LangTable("label.case_status.")


def label(kind: str, key: str, lang: Lang = "nl", default: str | None = None) -> str:
    """The label ``label.<kind>.<key>``, e.g. ``label("domain", "care_gp", "en")``.

    Without a catalogue entry: ``default`` if given, else the key itself.
    """
    full = f"label.{kind}.{key}"
    if has(full, lang):
        return text(full, lang)
    return key if default is None else default


def unit_label(unit: str, lang: Lang) -> str:
    return label("unit", unit, lang)


def format_quantity(value: float | None, unit: str, lang: Lang = "nl", decimals: int = 0) -> str:
    """A number with its unit, e.g. '1.234 bedden'."""
    return f"{format_number(value, lang, decimals)} {unit_label(unit, lang)}"


def format_pressure(value: float | None, lang: Lang = "nl") -> str:
    """Pressure (demand / spare capacity) in one unit everywhere: a percentage, "68 %".

    The screen, the report, Excel (a percent number format) and the cumulative view all
    show pressure this way; None (unknown capacity) gives "onbekend"/"unknown".
    """
    if value is None:
        return format_number(None, lang)
    return f"{format_number(value * 100, lang, 0)} %"


def value_added_key(source: str) -> str:
    """The report text (``report.<key>``) of a sector's value added per job: its year is the
    price year of the euros; a sourced figure names its source, an assumption says it is
    one (and so suggests no CBS year)."""
    return "afw.unit.euro_per_job_assumption" if source == "assumption" else "afw.unit.euro_per_job"
