"""Sourced inputs of a case (``ber-case/2``): capacity figures with their provenance,
municipal policy rules and the labour migrants already living in a municipality.

A capacity figure is an object ``{"value", "source", "reference_date", "supplied_by"}``;
a bare number is read as a figure without provenance (``ber-case/1`` files are migrated
so, their case-wide ``meta.capacity_source`` becoming each figure's source).
``docs/case-format.md`` documents every field.
"""

from __future__ import annotations

import datetime as _dt
from typing import Any

from pydantic import BaseModel, ConfigDict, model_validator

#: the keys of a municipality's policy rules, in the order of every table
POLICY_RULES: tuple[str, ...] = (
    "max_migrant_share",
    "max_beds_per_location",
    "min_host_share",
    "min_floor_area_per_person_m2",
)
#: rules that are shares (0 - 1)
SHARE_RULES = frozenset({"max_migrant_share", "min_host_share"})


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", allow_inf_nan=False, strict=True)


class SourcedFigure(_Strict):
    """A number with where it comes from; ``value`` None is unknown (never zero)."""

    value: float | None = None
    #: where the figure comes from (a document, a monitor, an e-mail)
    source: str = ""
    #: peildatum, ``YYYY-MM-DD``; empty when not known
    reference_date: str = ""
    #: who supplied it (name, organisation, contact)
    supplied_by: str = ""

    @model_validator(mode="before")
    @classmethod
    def _from_number(cls, data: Any) -> Any:
        """A bare number is a figure without provenance."""
        if isinstance(data, int | float) and not isinstance(data, bool):
            return {"value": data}
        return data


#: a capacity figure (one domain in one municipality)
CapacityFigure = SourcedFigure


class PolicyRule(_Strict):
    """One municipal rule: its limit and the document that sets it."""

    value: float
    source: str = ""


class MunicipalPolicy(_Strict):
    """A municipality's rules on labour-migrant housing; absent = no such rule."""

    #: maximum of labour migrants as a share of the inhabitants (0 - 1; 0.10 = 10 %)
    max_migrant_share: PolicyRule | None = None
    #: maximum number of beds at one housing location
    max_beds_per_location: PolicyRule | None = None
    #: minimum share of the migrant workers housed in the host municipality (0 - 1)
    min_host_share: PolicyRule | None = None
    #: minimum floor area per person in flex housing (m², e.g. the SNF norm)
    min_floor_area_per_person_m2: PolicyRule | None = None

    def rule(self, key: str) -> PolicyRule | None:
        value: PolicyRule | None = self.__dict__.get(key)
        return value


def parse_date(text: str) -> _dt.date | None:
    """A ``YYYY-MM-DD`` date, or None when the text is not one."""
    try:
        return _dt.date.fromisoformat(text.strip()) if len(text.strip()) == 10 else None
    except ValueError:
        return None


def months_between(earlier: _dt.date, later: _dt.date) -> int:
    """Whole calendar months from ``earlier`` to ``later`` (2025-11-30 -> 2026-11-30 is 12)."""
    months = (later.year - earlier.year) * 12 + later.month - earlier.month
    if later.day < earlier.day:
        months -= 1
    return months


def migrate_capacity_v1(doc: dict[str, Any]) -> dict[str, Any]:
    """``ber-case/1`` -> ``/2``: every capacity number becomes a figure whose source is
    the case-wide ``meta.capacity_source`` (reference date and supplier unknown)."""
    meta = doc.get("meta")
    source = meta.get("capacity_source", "") if isinstance(meta, dict) else ""
    source = source if isinstance(source, str) else ""
    capacity = doc.get("capacity")
    if not isinstance(capacity, dict):
        return doc
    doc = dict(doc)  # never change the caller's document
    doc["capacity"] = {
        code: {
            key: {"value": value, "source": source}
            if isinstance(value, int | float) and not isinstance(value, bool)
            else value
            for key, value in row.items()
        }
        if isinstance(row, dict)
        else row
        for code, row in capacity.items()
    }
    return doc
