"""Read the grid operators' capacity map (Netbeheer Nederland *capaciteitskaart*) and find
each site on it.

The published format is the JSON of the information model ``im-capaciteitskaart``
(https://github.com/Netbeheer-Nederland/im-capaciteitskaart, version 1.3): a
``HeatmapDataSet`` with ``conforms_to``, ``creator``, ``identifier``, ``issued`` and a
list of ``energy_areas`` (voedingsgebieden). An energy area has a ``short_code``, the
available transport capacity for demand ``demand_available_capacity`` (MW), the queue
(``demand_requests_in_queue``, ``demand_capacity_in_queue`` in MW), a congestion colour
``demand_constraint`` (``transparant``, ``yellow``, ``amber``, ``red``) and the
``postcode_areas`` it serves (six-position postcodes, each with its own
``demand_constraint``). The model has no geometry and so no coordinate system: a site is
found by its postcode (``sites[].postcode``), else by the four digits of it.

Validation is strict and complete before anything is used: a file in another format
(GeoJSON, GeoPackage, CSV) or with a field of the wrong kind gives one message per
problem naming the field, and nothing is read from a half-valid file.
"""

from __future__ import annotations

import datetime as _dt
import json
import re
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from ber.case.model import Case, GridFigure
from ber.texts.messages import InputError, Problem

#: a capacity map larger than this is refused (the national DSO file is some megabytes)
MAX_MAP_BYTES = 200 * 2**20
COLOURS = ("transparant", "yellow", "amber", "red")
_PC6 = re.compile(r"[1-9][0-9]{3}[A-Z]{2}")
_NUMBERS = ("demand_available_capacity", "demand_capacity_in_queue")


@dataclass(frozen=True)
class Area:
    short_code: str
    available_mw: float | None
    queue_mw: float | None
    requests_in_queue: int | None
    colour: str
    postcodes: dict[str, str]  # postcode -> its demand colour


@dataclass(frozen=True)
class CapacityMap:
    identifier: str
    creator: str
    issued: str
    areas: tuple[Area, ...]

    @property
    def source(self) -> str:
        return f"{self.identifier} ({self.creator})"

    @cached_property
    def index(self) -> _Index:
        """Where each postcode and each four digits lie (built once, on first use: one pass
        over a national map's 470,000 postcodes instead of one per site)."""
        exact: dict[str, int] = {}
        pc4: dict[str, int] = {}
        worst: dict[tuple[int, str], str] = {}
        for i, area in enumerate(self.areas):
            for pc, colour in area.postcodes.items():
                exact.setdefault(pc, i)
                four = pc[:4]
                pc4.setdefault(four, i)
                held = worst.get((i, four))
                if held is None or COLOURS.index(colour) > COLOURS.index(held):
                    worst[(i, four)] = colour
        return _Index(exact, pc4, worst)


@dataclass(frozen=True)
class _Index:
    #: postcode -> the first area serving it
    exact: dict[str, int]
    #: four digits -> the first area serving a postcode with them
    pc4: dict[str, int]
    #: (area, four digits) -> the worst colour of that area's postcodes with them
    worst: dict[tuple[int, str], str]


def _problem(path: str, code: str, field: str, **params: object) -> Problem:
    return Problem(code, field, {"path": path, **params})


def _colour_problem(path: str, field: str, value: object) -> Problem:
    """A demand constraint that is not one of the map's colours."""
    return _problem(path, "grid.colour", field, value=repr(value)[:40], choices=", ".join(COLOURS))


def read_capacity_map(path: Path) -> CapacityMap:
    """Read and validate a capacity-map file; InputError with every problem."""
    spath = str(path)
    try:
        size = path.stat().st_size
        if size > MAX_MAP_BYTES:
            raise InputError(
                [Problem("grid.too_large", params={"path": spath, "limit": MAX_MAP_BYTES // 2**20})]
            )
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(
            [Problem("file.unreadable", params={"path": spath, "reason": exc.strerror or str(exc)})]
        ) from None
    if data.startswith(b"SQLite format 3"):
        raise InputError([_problem(spath, "grid.other_format", "energy_areas", kind="GeoPackage")])
    try:
        doc = json.loads(data.decode("utf-8-sig"), parse_constant=_no_constant)
    except (UnicodeDecodeError, ValueError):
        raise InputError([_problem(spath, "grid.other_format", "energy_areas", kind="CSV / text")]) from None
    return parse_capacity_map(doc, spath)


def _no_constant(literal: str) -> float:
    raise ValueError(literal)


def parse_capacity_map(doc: Any, spath: str) -> CapacityMap:
    if not isinstance(doc, dict):
        raise InputError([_problem(spath, "grid.other_format", "energy_areas", kind="JSON")])
    if doc.get("type") in ("FeatureCollection", "Feature") or "crs" in doc or "features" in doc:
        field = "crs" if "crs" in doc else "type"
        raise InputError([_problem(spath, "grid.geojson", field)])
    problems: list[Problem] = []
    conforms = doc.get("conforms_to")
    if not isinstance(conforms, str) or "capaciteitskaart" not in conforms:
        problems.append(_problem(spath, "grid.not_capacity_map", "conforms_to", value=repr(conforms)[:60]))
    for key in ("creator", "identifier"):
        if not isinstance(doc.get(key), str) or not doc.get(key):
            problems.append(_problem(spath, "grid.required", key))
    issued = doc.get("issued")
    if not isinstance(issued, str) or not _is_date(issued):
        problems.append(_problem(spath, "grid.date", "issued", value=repr(issued)[:60]))
    raw_areas = doc.get("energy_areas")
    if not isinstance(raw_areas, list) or not raw_areas:
        problems.append(_problem(spath, "grid.required", "energy_areas"))
        raw_areas = []
    areas = []
    for i, raw in enumerate(raw_areas):
        area = _area(raw, f"energy_areas[{i}]", spath, problems)
        if area is not None:
            areas.append(area)
    if problems:
        raise InputError(problems)
    return CapacityMap(str(doc["identifier"]), str(doc["creator"]), str(issued), tuple(areas))


def _is_date(value: str) -> bool:
    try:
        _dt.date.fromisoformat(value)
    except ValueError:
        return False
    return len(value) == 10


def _area(raw: Any, field: str, spath: str, problems: list[Problem]) -> Area | None:
    if not isinstance(raw, dict):
        problems.append(_problem(spath, "grid.required", field))
        return None
    before = len(problems)
    code = raw.get("short_code")
    if not isinstance(code, str) or not code:
        problems.append(_problem(spath, "grid.required", f"{field}.short_code"))
    values: dict[str, float | None] = {}
    for key in _NUMBERS:
        v = raw.get(key)
        ok = v is None or (isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1e5)
        if not ok:
            problems.append(_problem(spath, "grid.number", f"{field}.{key}", value=repr(v)[:40]))
        values[key] = float(v) if ok and v is not None else None
    n = raw.get("demand_requests_in_queue")
    if n is not None and not (isinstance(n, int) and not isinstance(n, bool) and n >= 0):
        problems.append(
            _problem(spath, "grid.number", f"{field}.demand_requests_in_queue", value=repr(n)[:40])
        )
    colour = raw.get("demand_constraint")
    if colour is not None and colour not in COLOURS:
        problems.append(_colour_problem(spath, f"{field}.demand_constraint", colour))
    postcodes: dict[str, str] = {}
    pcs = raw.get("postcode_areas", [])
    if not isinstance(pcs, list):
        problems.append(_problem(spath, "grid.required", f"{field}.postcode_areas"))
        pcs = []
    for j, pc in enumerate(pcs):
        pf = f"{field}.postcode_areas[{j}]"
        if (
            not isinstance(pc, dict)
            or not isinstance(pc.get("postcode"), str)
            or not _PC6.fullmatch(pc["postcode"])
        ):
            value = pc.get("postcode") if isinstance(pc, dict) else pc
            problems.append(_problem(spath, "grid.postcode", f"{pf}.postcode", value=repr(value)[:40]))
            continue
        pc_colour = pc.get("demand_constraint")
        if pc_colour not in COLOURS:
            problems.append(_colour_problem(spath, f"{pf}.demand_constraint", pc_colour))
            continue
        postcodes[pc["postcode"]] = pc_colour
    if len(problems) > before:
        return None
    return Area(
        short_code=str(code),
        available_mw=values["demand_available_capacity"],
        queue_mw=values["demand_capacity_in_queue"],
        requests_in_queue=n,
        colour=colour or "",
        postcodes=postcodes,
    )


def locate(cmap: CapacityMap, postcode: str) -> GridFigure | None:
    """The capacity map at a postcode: the area serving it, else the first area serving its
    four digits (``match`` says which); None when no area serves it."""
    if not postcode:
        return None
    index = cmap.index
    i = index.exact.get(postcode)
    if i is not None:
        area = cmap.areas[i]
        return _figure(cmap, area, "postcode", area.postcodes[postcode])
    i = index.pc4.get(postcode[:4])
    if i is not None:
        return _figure(cmap, cmap.areas[i], "pc4", index.worst[(i, postcode[:4])])
    return None


def _figure(cmap: CapacityMap, area: Area, match: str, colour: str) -> GridFigure:
    return GridFigure(
        area=area.short_code,
        match="postcode" if match == "postcode" else "pc4",
        available_mw=area.available_mw,
        colour=colour or area.colour,
        requests_in_queue=area.requests_in_queue,
        queue_mw=area.queue_mw,
        source=cmap.source,
        reference_date=cmap.issued,
    )


def apply_map(case: Case, cmap: CapacityMap) -> tuple[Case, list[tuple[int, GridFigure | None]]]:
    """The case with each site's ``grid`` from the map (a site without a match keeps none)."""
    found = [(i, locate(cmap, s.postcode)) for i, s in enumerate(case.sites)]
    sites = [s.model_copy(update={"grid": fig}) for s, (_, fig) in zip(case.sites, found, strict=True)]
    return case.copy_with(sites=sites), found
