"""Site geometry for the calculation: coordinates in RD New, host municipality, distances."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np

from ber.case.model import Site
from ber.reference.data import MunicipalityTable

#: A function that finds the host municipality code of an RD point (geodata), or None.
HostLocator = Callable[[float, float], str | None]


@lru_cache(maxsize=4)
def _transformer(src: str, dst: str) -> Any:
    from pyproj import Transformer

    return Transformer.from_crs(src, dst, always_xy=True)


def to_rd(x: float, y: float, crs: str) -> tuple[float, float]:
    """Convert a point to EPSG:28992 metres (x = easting, y = northing)."""
    if crs == "EPSG:28992":
        return float(x), float(y)
    tx, ty = _transformer(crs, "EPSG:28992").transform(x, y)
    return float(tx), float(ty)


def from_rd(x: float, y: float, crs: str = "EPSG:4326") -> tuple[float, float]:
    tx, ty = _transformer("EPSG:28992", crs).transform(x, y)
    return float(tx), float(ty)


@dataclass(frozen=True)
class SitePoint:
    name: str
    x: float  # RD New metres
    y: float
    host: str  # municipality code
    chosen: bool


def site_point(site: Site, table: MunicipalityTable, locate: HostLocator | None = None) -> SitePoint:
    """Resolve a case site to an RD point and a host municipality.

    The host is the site's ``municipality`` when given, else the polygon that
    contains the point (``locate``, from the geodata), else the municipality with
    the nearest centroid (only when no boundaries are available).
    """
    if site.x is not None and site.y is not None:
        x, y = to_rd(site.x, site.y, site.crs)
    else:
        assert site.municipality is not None
        i = table.index(site.municipality)
        x, y = float(table.x[i]), float(table.y[i])
    host = site.municipality
    if host is None and locate is not None:
        host = locate(x, y)
    if host is None:
        d2 = (table.x - x) ** 2 + (table.y - y) ** 2
        host = table.codes[int(np.argmin(d2))]
    return SitePoint(site.name, x, y, host, site.chosen)


def distances_km(point: SitePoint, table: MunicipalityTable) -> np.ndarray:
    """Straight-line distance in km from the site to each centroid; the host gets 0."""
    d = np.hypot(table.x - point.x, table.y - point.y) / 1000.0
    if point.host in table:
        d[table.index(point.host)] = 0.0
    return d
