"""Region membership from region layers: which province, labour-market region and COROP
region each municipality lies in, when the municipality layer has no such columns.

The CBS/PDOK *gebiedsindelingen* GeoPackage holds the municipalities and each region
division as separate layers, without membership columns. A municipality belongs to
the region polygon that contains its representative point (a point inside the
municipality, so concave shapes are handled). Municipalities inside no region
polygon are named in a notice.
"""

from __future__ import annotations

from typing import Any

from ber.geodata.boundaries import MAX_LISTED
from ber.geodata.columns import REGION_COLUMNS, normalise_code
from ber.geodata.readers import Layer, epsg_of
from ber.texts.messages import Problem

#: column names of a region layer: its code and name (CBS: statcode, statnaam)
CODE_NAMES = ("statcode", "code")
NAME_NAMES = ("statnaam", "naam", "name")


def _column(frame: Any, kind: str, names: tuple[str, ...], part: str) -> str | None:
    lower = {str(c).lower(): str(c) for c in frame.columns}
    for candidate in (f"{kind}{part}", *names):
        if candidate in lower:
            return lower[candidate]
    return None


def membership(
    kind: str, layer: Layer, municipalities: Any, notices: list[Problem]
) -> tuple[str, dict[str, Any]] | None:
    """(label, {code column: {municipality: region code}, name column: {...}}) or None.

    ``municipalities`` is the boundary GeoDataFrame in RD New indexed by code.
    """
    import shapely

    frame = layer.read()
    code_col, name_col = _column(frame, kind, CODE_NAMES, "code"), _column(frame, kind, NAME_NAMES, "naam")
    epsg = epsg_of(layer.crs)
    if code_col is None or epsg not in (28992, 4326) or frame.geometry.isna().all():
        notices.append(Problem("geodata.layer_skipped", params={"path": layer.label}))
        return None
    if epsg != 28992:
        frame = frame.set_crs(f"EPSG:{epsg}", allow_override=True).to_crs(28992)
    regions = [str(c).strip() for c in frame[code_col].tolist()]
    names = [str(n).strip() for n in frame[name_col].tolist()] if name_col else regions
    tree = shapely.STRtree(frame.geometry.values)
    points = shapely.point_on_surface(municipalities.geometry.values)
    point_idx, region_idx = tree.query(points, predicate="within")
    target_code, target_name = REGION_COLUMNS[kind]
    codes_map: dict[str, str] = {}
    names_map: dict[str, str] = {}
    muni_codes = [str(c) for c in municipalities.index]
    for p, r in zip(point_idx.tolist(), region_idx.tolist(), strict=True):
        muni = muni_codes[p]
        if muni not in codes_map and normalise_code(regions[r]) is None:  # a region code, not a GM code
            codes_map[muni] = regions[r]
            names_map[muni] = names[r]
    outside = [c for c in muni_codes if c not in codes_map]
    if outside:
        notices.append(
            Problem(
                "geodata.region_unassigned",
                params={"path": layer.label, "count": len(outside), "codes": ", ".join(outside[:MAX_LISTED])},
            )
        )
    return layer.label, {target_code: codes_map, target_name: names_map}
