"""The typed parts of the result for the checks beside the pressure (``ber-result/1``):
each capacity figure with its provenance and age, and each municipal policy rule with
its status. ``docs/result-format.md`` documents every field; :mod:`ber.engine.checks`
computes them.
"""

from __future__ import annotations

from typing import Literal

from pydantic.dataclasses import dataclass

#: the status of a policy check: the rule holds, is broken, or cannot be decided
CheckStatus = Literal["ok", "exceeded", "unknown"]
#: a note on a capacity figure: older than the reference maximum, or without reference date
FigureNote = Literal["", "stale", "undated"]


@dataclass
class CapacityFigureUsed:
    """One capacity figure of the case with its provenance (``capacity_figures``)."""

    municipality: str
    municipality_name: str
    domain: str
    #: spare capacity in the domain's unit; None = unknown
    value: float | None
    unit: str
    source: str
    #: peildatum ``YYYY-MM-DD`` (empty when not given)
    reference_date: str
    supplied_by: str
    #: whole months from the reference date to the case date (None without a date)
    age_months: int | None
    #: ``stale`` (older than ``capacity.max_age_months``), ``undated`` or empty
    note: FigureNote = ""


@dataclass
class PolicyCheck:
    """One municipal rule checked against the demand (``policy_checks``)."""

    #: ``max_migrant_share``, ``max_beds_per_location``, ``min_host_share``,
    #: ``min_floor_area_per_person_m2``
    rule: str
    municipality: str
    municipality_name: str
    #: the rule's limit (a share 0 - 1, beds, or m² per person)
    limit: float
    #: the value compared with the limit, in the same unit; None when nothing to compare
    value: float | None
    status: CheckStatus
    #: the document that sets the rule
    source: str
    #: index of the housing location in ``workforce.employer_beds`` (location rules), else None
    location: int | None = None
    #: ``existing_unknown``, ``floor_area_unknown``, ``locations_needed``, ``floor_area_needed`` or empty
    detail: str = ""
    #: with ``locations_needed``: housing locations of at most ``limit`` beds the flex demand needs;
    #: with ``floor_area_needed``: m² of flex housing the flex demand needs at ``limit`` m² per person
    needed: float | None = None
