"""Fill a case's region from a labour-market region, a province, a COROP area or a list.

The default region (every municipality whose centroid lies within the cut-off of
the chosen site) needs no helper: leave ``case.region.municipalities`` empty and
``ber.engine.assess`` derives it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from ber.case.model import Case, Region
from ber.geodata.model import GeoData
from ber.reference.data import MunicipalityTable
from ber.texts.catalogue import LangTable
from ber.texts.messages import InputError, Lang, Problem

KIND_LABELS: Mapping[str, dict[str, str]] = LangTable("label.region_kind.")


def region_from_kind(geo: GeoData, kind: str, code: str, lang: Lang = "nl") -> Region:
    """The region of all member municipalities of e.g. arbeidsmarktregio ``AM14``."""
    members = geo.region_members(kind, code)
    name = geo.regions(kind)[code.strip().upper()][0]
    return Region(municipalities=members, label=f"{KIND_LABELS[kind][lang]} {name}")


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
