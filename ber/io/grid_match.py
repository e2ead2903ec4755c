"""Find a case's sites on the grid capacity map and say what was found, in the
catalogue's words: shared by ``ber grid import`` and the desktop's import (Locaties ›
*Netcapaciteitskaart inlezen…*, ``gui.grid_import``), so both match and print alike.

A site is found by its postcode (the area that serves it, ``postcode``), else by the
four digits of it (``pc4``); a site without a postcode, or with one that is not on the
map, gets no figure (``none`` / ``no_postcode``). The reading and the matching
themselves are ``ber.io.capacity_map``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ber.case.model import Case, GridFigure
from ber.io.capacity_map import CapacityMap, apply_map
from ber.reference.data import ReferenceSet
from ber.texts.catalogue import text
from ber.texts.labels import format_number
from ber.texts.messages import Lang, Problem

#: how a site was found: its postcode, its four digits, not on the map, no postcode given
MATCH_KINDS = ("postcode", "pc4", "none", "no_postcode")


@dataclass(frozen=True)
class SiteMatch:
    """One site of the case and the map's figure for it (None: not found)."""

    index: int
    name: str
    postcode: str
    figure: GridFigure | None

    @property
    def kind(self) -> str:
        """One of :data:`MATCH_KINDS`."""
        if not self.postcode:
            return "no_postcode"
        return "none" if self.figure is None else self.figure.match


@dataclass(frozen=True)
class GridImport:
    """What a capacity map gives a case: the case with each site's ``grid`` written (a
    site not found keeps none) and per site how it was found."""

    cmap: CapacityMap
    case: Case
    sites: tuple[SiteMatch, ...]

    @property
    def found(self) -> int:
        return sum(1 for s in self.sites if s.figure is not None)


def match_sites(case: Case, cmap: CapacityMap) -> GridImport:
    new, found = apply_map(case, cmap)
    sites = tuple(SiteMatch(i, case.sites[i].name, case.sites[i].postcode, fig) for i, fig in found)
    return GridImport(cmap, new, sites)


def grid_problems(case: Case, ref: ReferenceSet) -> list[Problem]:
    """The problems of the figures a map wrote (``sites[i].grid.*``: a capacity above what a
    site can have); the case's other problems are not the map's."""
    from ber.case.validate_site import site_problems

    return [p for p in site_problems(case, ref) if ".grid." in (p.field or "")]


def mw_text(value: float | None, lang: Lang) -> str:
    """A capacity on the map: "12,5 MW" (one decimal, as the map gives it), or "unknown"."""
    return text("cli.grid.unknown", lang) if value is None else f"{format_number(value, lang, 1)} MW"


def queue_count(fig: GridFigure) -> str:
    """The number of requests in the queue, "-" when the map gives none."""
    return str(fig.requests_in_queue) if fig.requests_in_queue is not None else "-"
