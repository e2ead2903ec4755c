"""Municipality polygons prepared for drawing and hit-testing (no Qt).

Coordinates are EPSG:28992 (RD New) metres: x = easting, y = northing. A map
canvas draws in "scene" coordinates where y grows downwards; ``rd_to_scene`` and
``scene_to_rd`` are the one place where that flip happens.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from ber.geodata.spatial import PolygonIndex

#: default simplification tolerance in metres: invisible at the full-country view
#: (about 200 m per pixel on a 1200-pixel-wide map), 30 % fewer vertices
DEFAULT_TOLERANCE_M = 50.0

Ring = np.ndarray  # shape (n, 2), float64, closed (first == last), RD metres
Bounds = tuple[float, float, float, float]


def rd_to_scene(x: float, y: float) -> tuple[float, float]:
    """RD metres to scene coordinates (y axis flipped: north is up on screen)."""
    return float(x), -float(y)


def scene_to_rd(sx: float, sy: float) -> tuple[float, float]:
    """Scene coordinates to RD metres (inverse of ``rd_to_scene``)."""
    return float(sx), -float(sy)


def _rings(geometry: Any) -> list[Ring]:
    """Every exterior and interior ring of a (multi)polygon as (n, 2) arrays.

    Drawn with an odd-even fill rule, the interiors become holes (for example the
    Belgian enclaves in Baarle-Nassau).
    """
    import shapely

    out: list[Ring] = []
    parts = shapely.get_parts(np.asarray([geometry], dtype=object))
    for part in parts:
        if part is None or part.is_empty or part.geom_type != "Polygon":
            continue
        out.append(np.ascontiguousarray(shapely.get_coordinates(part.exterior), dtype=np.float64))
        for interior in part.interiors:
            out.append(np.ascontiguousarray(shapely.get_coordinates(interior), dtype=np.float64))
    return [r for r in out if len(r) >= 4]


@dataclass(frozen=True, eq=False)
class MapLayer:
    """Polygons keyed by municipality code, ready for a map canvas.

    ``rings`` holds the simplified geometry (for drawing at regional and national
    scale), ``detail_rings`` the original geometry (for drawing zoomed in);
    ``hit`` tests against the original geometry.
    """

    codes: tuple[str, ...]
    names: Mapping[str, str]
    rings: Mapping[str, list[Ring]]
    detail_rings: Mapping[str, list[Ring]]
    bounds: Bounds
    tolerance_m: float
    index: PolygonIndex

    @classmethod
    def from_polygons(
        cls,
        polygons: Mapping[str, Any],
        names: Mapping[str, str] | None = None,
        tolerance_m: float = DEFAULT_TOLERANCE_M,
        index: PolygonIndex | None = None,
    ) -> MapLayer:
        """Build a layer from shapely (multi)polygons in RD metres keyed by code.

        ``tolerance_m`` is the simplification tolerance in metres (topology of
        each polygon preserved; 0 keeps every vertex). Codes without a name in
        ``names`` are shown by their code. ``index`` reuses an existing spatial
        index over the same polygons in the same order.
        """
        import shapely

        if tolerance_m < 0 or not np.isfinite(tolerance_m):
            raise ValueError(f"tolerance_m must be a finite number >= 0, got {tolerance_m}")
        codes = tuple(str(c) for c in polygons)
        geoms = np.asarray([polygons[c] for c in polygons], dtype=object)
        if len(geoms) == 0:
            raise ValueError("a map layer needs at least one polygon")
        simple = shapely.simplify(geoms, tolerance_m, preserve_topology=True) if tolerance_m else geoms
        rings = {c: _rings(g) for c, g in zip(codes, simple, strict=True)}
        detail = {c: _rings(g) for c, g in zip(codes, geoms, strict=True)}
        xmin, ymin, xmax, ymax = (float(v) for v in shapely.total_bounds(geoms))
        label = dict(names or {})
        return cls(
            codes=codes,
            names={c: str(label.get(c, c)) for c in codes},
            rings=rings,
            detail_rings=detail,
            bounds=(xmin, ymin, xmax, ymax),
            tolerance_m=float(tolerance_m),
            index=index if index is not None else PolygonIndex(codes, list(geoms)),
        )

    @classmethod
    def from_geodata(cls, geo: Any, tolerance_m: float = DEFAULT_TOLERANCE_M) -> MapLayer:
        """A layer from imported geodata (``ber.geodata.GeoData``), reusing its spatial index."""
        if not geo.has_polygons:
            raise ValueError("the geodata has no municipality polygons (only centroids): no map to draw")
        names = {str(c): str(n) for c, n in zip(geo.boundaries.index, geo.boundaries["name"], strict=True)}
        return cls.from_polygons(geo.boundaries_rd(), names, tolerance_m, index=geo.index)

    def __len__(self) -> int:
        return len(self.codes)

    def __contains__(self, code: object) -> bool:
        return code in self.names

    def name(self, code: str) -> str:
        return self.names.get(code, code)

    def hit(self, x: float, y: float) -> str | None:
        """Code of the municipality containing the RD point, or None (sea, abroad)."""
        return self.index.locate(x, y)

    def vertex_count(self, detailed: bool = False) -> int:
        source = self.detail_rings if detailed else self.rings
        return sum(len(r) for rings in source.values() for r in rings)

    def bounds_of(self, codes: Any) -> Bounds | None:
        """Bounds (xmin, ymin, xmax, ymax) of the given codes' polygons, or None if none known."""
        boxes = [
            (float(r[:, 0].min()), float(r[:, 1].min()), float(r[:, 0].max()), float(r[:, 1].max()))
            for c in codes
            for r in self.detail_rings.get(c, [])
        ]
        if not boxes:
            return None
        arr = np.asarray(boxes)
        return (
            float(arr[:, 0].min()),
            float(arr[:, 1].min()),
            float(arr[:, 2].max()),
            float(arr[:, 3].max()),
        )


def load_geojson_layer(path: Any, tolerance_m: float = DEFAULT_TOLERANCE_M) -> MapLayer:
    """A layer from a CBS/PDOK municipality GeoJSON (``gemeentecode``/``statcode``).

    For demos, tests and benchmarks; the application gets its polygons from the
    geodata import (``GeoData.boundaries_rd()``).
    """
    import geopandas as gpd

    gdf = gpd.read_file(path)
    if gdf.crs is None:
        raise ValueError(f"{path}: no coordinate reference system")
    gdf = gdf.to_crs(28992)
    code_col = next((c for c in ("gemeentecode", "statcode", "code") if c in gdf.columns), None)
    if code_col is None:
        raise ValueError(f"{path}: no municipality code column (gemeentecode, statcode or code)")
    name_col = next((c for c in ("gemeentenaam", "statnaam", "naam", "name") if c in gdf.columns), None)
    codes = [str(c) for c in gdf[code_col]]
    polygons = dict(zip(codes, gdf.geometry.values, strict=True))
    names = dict(zip(codes, (str(n) for n in gdf[name_col]), strict=True)) if name_col else {}
    return MapLayer.from_polygons(polygons, names, tolerance_m)
