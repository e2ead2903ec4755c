"""``GeoData``: imported municipalities with boundaries, statistics and regions."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from ber.geodata.columns import REGION_COLUMNS, REGION_KINDS
from ber.geodata.spatial import PolygonIndex
from ber.reference.data import MunicipalityTable, ReferenceSet
from ber.reference.national import DatasetInfo
from ber.texts.messages import InputError, Problem

if TYPE_CHECKING:
    import geopandas as gpd

    from ber.engine.assess import Context


@dataclass
class GeoData:
    """Municipalities of the imported geodata, all in EPSG:28992 (RD New) metres.

    ``boundaries`` is a GeoDataFrame indexed by municipality code with columns
    ``name``, ``inhabitants``, ``households``, ``dwellings``, the region columns
    (``provinciecode``/``provincienaam``, ``arbeidsmarktregiocode``/…naam,
    ``coropcode``/``coropnaam``, empty when unknown) and the geometry (polygons,
    or points when only centroids were given). ``table`` is the calculation's
    municipality table over all of them, with polygon centroids.
    """

    table: MunicipalityTable
    boundaries: gpd.GeoDataFrame
    notices: list[Problem] = field(default_factory=list)
    sources: list[dict[str, Any]] = field(default_factory=list)
    fields: dict[str, str] = field(default_factory=dict)
    #: name, year and checksum of the data set (named in results and reports)
    info: DatasetInfo | None = None
    _index: PolygonIndex | None = field(default=None, repr=False)
    _polygons: bool | None = field(default=None, repr=False)

    @property
    def source(self) -> str:
        """Where the figures come from (for reports and maps)."""
        return self.table.source

    # --- geometry -----------------------------------------------------------

    @property
    def has_polygons(self) -> bool:
        """True for boundary polygons, False when only centroids (points) were imported."""
        if self._polygons is None:
            types = set(self.boundaries.geometry.geom_type)
            self._polygons = bool(types) and types <= {"Polygon", "MultiPolygon"}
        return self._polygons

    def boundaries_rd(self) -> dict[str, Any]:
        """Code -> shapely geometry in RD New metres."""
        return dict(zip(self.boundaries.index, self.boundaries.geometry.values, strict=True))

    @property
    def index(self) -> PolygonIndex:
        """Spatial index over the polygons (built on first use)."""
        if self._index is None:
            self._index = PolygonIndex(list(self.boundaries.index), list(self.boundaries.geometry.values))
        return self._index

    def locate(self, x: float, y: float) -> str | None:
        """Code of the municipality whose polygon contains the RD point, or None.

        None outside every polygon (sea, Belgian enclaves, inland waters that belong to
        no municipality) and when only centroids were imported.
        """
        if not self.has_polygons:
            return None
        return self.index.locate(x, y)

    def locate_many(self, xs: np.ndarray, ys: np.ndarray) -> list[str | None]:
        if not self.has_polygons:
            return [None] * len(xs)
        return self.index.locate_many(xs, ys)

    def within_cutoff(self, x: float, y: float, km: float) -> list[str]:
        """Codes whose centroid lies within ``km`` of the RD point (table order)."""
        d = np.hypot(self.table.x - x, self.table.y - y) / 1000.0
        return [self.table.codes[i] for i in np.flatnonzero(d <= km)]

    # --- regions ------------------------------------------------------------

    def regions(self, kind: str) -> dict[str, tuple[str, list[str]]]:
        """Regions of a kind: region code -> (name, member municipality codes), sorted by code."""
        code_col, name_col = _region_columns(kind)
        out: dict[str, tuple[str, list[str]]] = {}
        codes = self.boundaries[code_col].tolist()
        names = self.boundaries[name_col].tolist()
        for muni, rcode, rname in zip(self.boundaries.index, codes, names, strict=True):
            if not rcode:
                continue
            entry = out.setdefault(str(rcode), (str(rname or rcode), []))
            entry[1].append(str(muni))
        return {k: (v[0], sorted(v[1])) for k, v in sorted(out.items())}

    def region_members(self, kind: str, code: str) -> list[str]:
        """Member municipality codes of one region; InputError for an unknown code."""
        return region_entry(self.regions(kind), kind, code)[1]

    def region_of(self, kind: str, municipality: str) -> tuple[str, str] | None:
        """(code, name) of the region of a kind that a municipality belongs to."""
        code_col, name_col = _region_columns(kind)
        if municipality not in self.boundaries.index:
            return None
        row = self.boundaries.loc[municipality]
        if not row[code_col]:
            return None
        return str(row[code_col]), str(row[name_col] or row[code_col])

    # --- calculation --------------------------------------------------------

    def context(self, ref: ReferenceSet) -> Context:
        """A calculation context over these municipalities (host by point-in-polygon)."""
        from ber.engine.assess import Context

        # without polygons the host is the municipality with the nearest centroid (ber.engine.geometry)
        return Context(ref=ref, table=self.table, locate=self.locate if self.has_polygons else None, geo=self)


def _region_columns(kind: str) -> tuple[str, str]:
    if kind not in REGION_COLUMNS:
        raise InputError(
            [Problem("geodata.region_kind", params={"value": kind, "choices": ", ".join(REGION_KINDS)})]
        )
    return REGION_COLUMNS[kind]


def build_table(boundaries: gpd.GeoDataFrame, source: str) -> MunicipalityTable:
    """The municipality table: polygon centroids (or the points) in RD New."""
    geoms = boundaries.geometry
    cent = geoms.centroid
    return MunicipalityTable(
        codes=tuple(str(c) for c in boundaries.index),
        names=tuple(str(n) for n in boundaries["name"]),
        inhabitants=boundaries["inhabitants"].to_numpy(dtype=float),
        households=boundaries["households"].to_numpy(dtype=float),
        dwellings=boundaries["dwellings"].to_numpy(dtype=float),
        x=cent.x.to_numpy(dtype=float),
        y=cent.y.to_numpy(dtype=float),
        source=source,
    )


def content_checksum(boundaries: gpd.GeoDataFrame) -> str:
    """SHA-256 over the codes, attributes and geometries (WKB) of imported municipalities."""
    import hashlib

    import shapely

    digest = hashlib.sha256()
    columns = [c for c in boundaries.columns if c != "geometry"]
    for code, row, geom in zip(
        boundaries.index, boundaries[columns].itertuples(index=False), boundaries.geometry.values, strict=True
    ):
        digest.update(f"{code}\0{tuple(row)!r}\0".encode())
        digest.update(shapely.to_wkb(geom, byte_order=1) if geom is not None else b"")
    return digest.hexdigest()


def region_entry(regions: dict[str, tuple[str, list[str]]], kind: str, code: str) -> tuple[str, list[str]]:
    """(name, member codes) of one region of ``regions``; InputError for an unknown code."""
    key = code.strip().upper()
    if key not in regions:
        raise InputError(
            [
                Problem(
                    "geodata.region_unknown",
                    params={"kind": kind, "value": code, "choices": ", ".join(regions) or "-"},
                )
            ]
        )
    return regions[key]
