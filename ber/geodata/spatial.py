"""Point-in-polygon and hit-testing over municipality polygons (shapely STRtree).

Shared by the geodata module (host municipality of a site) and the map (hover,
click). Coordinates are EPSG:28992 metres.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np


class PolygonIndex:
    """A spatial index over polygons keyed by code."""

    def __init__(self, codes: Sequence[str], geometries: Sequence[Any]) -> None:
        from shapely import STRtree

        self.codes = tuple(codes)
        self.geometries = np.asarray(list(geometries), dtype=object)
        self._tree = STRtree(self.geometries)

    @classmethod
    def from_mapping(cls, polygons: Mapping[str, Any]) -> PolygonIndex:
        return cls(list(polygons), list(polygons.values()))

    def locate(self, x: float, y: float) -> str | None:
        """Code of the polygon that contains the point (boundary counts), or None."""
        from shapely import Point

        hits = self._tree.query(Point(x, y), predicate="intersects")
        if len(hits) == 0:
            return None
        return self.codes[int(min(hits))]

    def locate_many(self, xs: np.ndarray, ys: np.ndarray) -> list[str | None]:
        """Codes for many points at once (vectorised query)."""
        import shapely

        points = shapely.points(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
        point_idx, geom_idx = self._tree.query(points, predicate="intersects")
        out: list[str | None] = [None] * len(points)
        for p, g in sorted(zip(point_idx.tolist(), geom_idx.tolist(), strict=True), reverse=True):
            out[p] = self.codes[g]
        return out

    def nearest(self, x: float, y: float) -> str:
        """Code of the nearest polygon (for points just outside every polygon, e.g. at sea)."""
        from shapely import Point

        idx = self._tree.nearest(Point(x, y))
        return self.codes[int(idx)]

    def in_rect(self, xmin: float, ymin: float, xmax: float, ymax: float) -> list[str]:
        """Codes of polygons that intersect a rectangle (e.g. a rubber-band selection)."""
        from shapely import box

        hits = self._tree.query(box(xmin, ymin, xmax, ymax), predicate="intersects")
        return [self.codes[int(i)] for i in sorted(hits)]
