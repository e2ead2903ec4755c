"""Validation of the site domains' inputs (space, energy): plot and floor area per site,
the declared grid capacity, the postcode and the imported capacity-map figure.

Each problem names the field and the allowed range (catalogue ``msg.*``).
"""

from __future__ import annotations

import re

from ber.case.model import Case
from ber.reference.data import ReferenceSet
from ber.texts.messages import Problem

#: a plot larger than this (ha) is an input error (the largest Dutch business parks are some 1,000 ha)
MAX_PLOT_HA = 1_000.0
#: a declared grid connection above this (kVA; 500 MVA) is an input error
MAX_GRID_KVA = 500_000.0
MAX_SITE_FLOOR_M2 = 100_000_000.0
#: a capacity map's available or queued capacity above this (MW) is an input error
MAX_GRID_MW = 10_000.0
POSTCODE_RE = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
GRID_COLOURS = ("", "transparant", "yellow", "amber", "red")


def _fmt(value: float) -> str:
    return f"{value:g}" if not float(value).is_integer() else str(int(value))


def _range(field: str, value: float | None, low: float, high: float) -> list[Problem]:
    if value is None or low <= value <= high:
        return []
    if value < 0 <= low:
        return [Problem("field.non_negative", field, {"value": _fmt(value)})]
    return [Problem("field.range", field, {"value": _fmt(value), "low": _fmt(low), "high": _fmt(high)})]


def site_problems(case: Case, ref: ReferenceSet) -> list[Problem]:
    """Every problem of the site domains' inputs."""
    b = case.business
    out = _range("business.grid_capacity_kva", b.grid_capacity_kva, 0.0, MAX_GRID_KVA)
    storeys = ref.value("space.max_storeys")
    for i, site in enumerate(case.sites):
        field = f"sites[{i}]"
        out += _range(f"{field}.plot_area_ha", site.plot_area_ha, 0.0, MAX_PLOT_HA)
        out += _range(f"{field}.floor_area_m2", site.floor_area_m2, 0.0, MAX_SITE_FLOOR_M2)
        floor = site.floor_area_m2 if site.floor_area_m2 is not None else b.floor_area_m2
        plot = site.plot_area_ha
        if plot is not None and floor is not None and 0 <= plot <= MAX_PLOT_HA and floor >= 0:
            if plot == 0 and floor > 0:
                out.append(Problem("site.plot_zero", f"{field}.plot_area_ha", {"floor": _fmt(floor)}))
            elif floor > plot * 10_000 * storeys:
                out.append(
                    Problem(
                        "site.floor_exceeds_plot",
                        f"{field}.floor_area_m2",
                        {
                            "floor": _fmt(floor),
                            "plot": _fmt(plot),
                            "storeys": _fmt(storeys),
                            "high": _fmt(plot * 10_000 * storeys),
                        },
                    )
                )
        if site.postcode and not POSTCODE_RE.fullmatch(site.postcode):
            out.append(Problem("site.postcode", f"{field}.postcode", {"value": repr(site.postcode)}))
        g = site.grid
        if g is not None:
            out += _range(f"{field}.grid.available_mw", g.available_mw, 0.0, MAX_GRID_MW)
            out += _range(f"{field}.grid.queue_mw", g.queue_mw, 0.0, MAX_GRID_MW)
            out += _range(f"{field}.grid.requests_in_queue", g.requests_in_queue, 0, 1_000_000)
            if g.colour not in GRID_COLOURS:
                out.append(
                    Problem(
                        "field.choice",
                        f"{field}.grid.colour",
                        {"value": repr(g.colour), "choices": ", ".join(c for c in GRID_COLOURS if c)},
                    )
                )
    return out
