"""The officer's qualitative assessment: public order and safety, social cohesion.

``Case.qualitative`` maps a theme key (``reference_data/qualitative_themes.json``,
:mod:`ber.reference.themes`) to a :class:`QualitativeRating`: the rating (none /
limited / considerable, or None while the theme is not assessed), the evidence text
that supports it and its source. Nothing here is computed; the report prints it in a
chapter of its own, apart from the computed figures.

A rating without evidence text is a problem naming the theme (:func:`qualitative_problems`).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from ber.reference.themes import THEME_KEY, load_themes
from ber.texts.catalogue import text
from ber.texts.messages import Lang, Problem

#: the ratings, from light to heavy ("geen / beperkt / aanzienlijk")
RATINGS: tuple[str, ...] = ("none", "limited", "considerable")
Rating = Literal["none", "limited", "considerable"]


class QualitativeRating(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)

    #: the officer's rating; None = not assessed (yet)
    rating: Rating | None = None
    #: what the rating rests on (the conversation, a site visit, a report)
    evidence: str = ""
    #: where the evidence comes from (a document, a conversation and its date)
    source: str = ""

    def is_empty(self) -> bool:
        return self.rating is None and not self.evidence.strip() and not self.source.strip()


def qualitative_problems(qualitative: dict[str, QualitativeRating]) -> list[Problem]:
    """A rating without evidence text, and a theme key that is no key: each a problem naming the theme."""
    themes = load_themes()
    problems: list[Problem] = []
    for key, item in qualitative.items():
        if not THEME_KEY.fullmatch(key):
            problems.append(Problem("qualitative.bad_key", f"qualitative.{key}", {"value": repr(key)[:60]}))
            continue
        if item.rating is not None and not item.evidence.strip():
            problems.append(
                Problem(
                    "qualitative.no_evidence",
                    f"qualitative.{key}.evidence",
                    {"theme": {"nl": themes.label(key, "nl"), "en": themes.label(key, "en")}},
                )
            )
    return problems


def theme_keys(qualitative: dict[str, QualitativeRating]) -> list[str]:
    """The themes of the reference file in its order, then any other theme the case holds."""
    known = list(load_themes().themes)
    return known + [k for k in qualitative if k not in known]


def rating_label(item: QualitativeRating | None, lang: Lang) -> str:
    """ "beperkt", or "niet beoordeeld" for a theme without rating."""
    rating = item.rating if item is not None else None
    return text(f"label.rating.{rating or 'unrated'}", lang)


def drop_empty_sections(doc: dict[str, Any]) -> dict[str, Any]:
    """A case document without an empty ``qualitative`` or ``meta.declared_by_employer``."""
    if not doc.get("qualitative"):
        doc.pop("qualitative", None)
    meta = doc.get("meta")
    if isinstance(meta, dict) and not meta.get("declared_by_employer"):
        meta.pop("declared_by_employer", None)
    return doc
