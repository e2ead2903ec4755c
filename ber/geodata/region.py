"""Fill a case's region from a labour-market region, a province, a COROP area or a list.

The default region (every municipality whose centroid lies within the cut-off of
the chosen site) needs no helper: leave ``case.region.municipalities`` empty and
``ber.engine.assess`` derives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Protocol

from ber.case.model import Case, Region
from ber.geodata.model import GeoData, region_entry
from ber.reference.data import MunicipalityTable
from ber.texts.catalogue import LangTable
from ber.texts.catalogue import text as catalogue_text
from ber.texts.messages import InputError, Lang, Problem

KIND_LABELS: Mapping[str, dict[str, str]] = LangTable("label.region_kind.")


class RegionSource(Protocol):
    """Geodata with region membership: an import (``GeoData``) or the built-in national set."""

    def regions(self, kind: str) -> dict[str, tuple[str, list[str]]]: ...


def region_from_kind(geo: RegionSource, kind: str, code: str, lang: Lang = "nl") -> Region:
    """The region of all member municipalities of e.g. arbeidsmarktregio ``AM14`` or corop ``CR37``."""
    name, members = region_entry(geo.regions(kind), kind, code)
    return Region(municipalities=list(members), label=f"{KIND_LABELS[kind][lang]} {name}")


#: region choices on the command line (``--region KIND:CODE``, ``--region cutoff[:KM]``)
REGION_CHOICE_KINDS = ("arbeidsmarktregio", "corop", "provincie", "cutoff")
CUTOFF_RANGE_KM = (1.0, 200.0)


def region_choice(
    text: str, geo: RegionSource, site_xy: tuple[float, float] | None, lang: Lang = "nl"
) -> Region:
    """The region a ``--region`` option names; InputError naming the allowed forms.

    ``arbeidsmarktregio:AM29``, ``corop:CR37``, ``provincie:PV31``: every member
    municipality. ``cutoff``: the default (centroids within the reference cut-off of the
    chosen site). ``cutoff:KM``: the municipalities whose centroid lies within KM km of
    the chosen site (``site_xy`` in RD New), KM from 1 to 200.
    """
    kind, _sep, value = text.strip().partition(":")
    kind = kind.strip().lower()
    if kind == "cutoff":
        if not value.strip():
            return Region()
        try:
            km = float(value.replace(",", "."))
        except ValueError:
            km = float("nan")
        within = getattr(geo, "within_cutoff", None)
        if site_xy is not None and within is not None and CUTOFF_RANGE_KM[0] <= km <= CUTOFF_RANGE_KM[1]:
            label = catalogue_text("cli.region.within_km", lang, km=f"{km:g}")
            return Region(municipalities=list(within(site_xy[0], site_xy[1], km)), label=label)
    elif kind in REGION_CHOICE_KINDS and value.strip():
        return region_from_kind(geo, kind, value, lang)
    raise InputError([Problem("cli.region", params={"value": text})])


def region_from_codes(codes: Iterable[str], table: MunicipalityTable, label: str = "") -> Region:
    """A region of ticked municipalities (table order, no duplicates); unknown codes -> InputError."""
    wanted = [c.strip().upper() for c in codes]
    problems = [
        Problem("municipality.unknown", f"region.municipalities[{i}]", {"value": c})
        for i, c in enumerate(wanted)
        if c not in table
    ]
    if problems:
        raise InputError(problems)
    chosen = set(wanted)
    return Region(municipalities=[c for c in table.codes if c in chosen], label=label)


def cutoff_region(geo: GeoData, x: float, y: float, km: float, label: str = "") -> Region:
    """An explicit region of the municipalities within ``km`` of an RD point."""
    return Region(municipalities=geo.within_cutoff(x, y, km), label=label)


def with_region(case: Case, region: Region | None) -> Case:
    """A copy of the case with another region (None: back to the cut-off default)."""
    return case.copy_with(region=region if region is not None else Region())
