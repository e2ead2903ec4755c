"""Candidate sites from files (points or polygons) and by coordinates."""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import numpy as np

from ber.case.model import Site
from ber.engine.geometry import to_rd
from ber.geodata.boundaries import MAX_LISTED, _csv_points
from ber.geodata.columns import ColumnMapping
from ber.geodata.readers import ALLOWED_CRS, crs_name, epsg_of, open_layers
from ber.texts.catalogue import text as txt
from ber.texts.messages import InputError, Lang, Problem

NAME_COLUMNS = ("name", "naam", "locatie", "site", "label", "omschrijving")
MAX_SITES = 5_000


def site_from_coordinates(name: str, x: float, y: float, crs: str = "EPSG:28992") -> Site:
    """A site at RD New metres (EPSG:28992) or WGS84 lon/lat (EPSG:4326)."""
    return Site(name=name, x=float(x), y=float(y), crs=crs)


def read_sites(path: Path | str, lang: Lang = "nl", mapping: ColumnMapping | None = None) -> list[Site]:
    """Sites from a GeoJSON/GeoPackage/Shapefile/CSV of points or polygons, in RD New.

    A polygon counts by its centroid (computed in RD New). Names come from a
    ``name``/``naam`` column, else "Locatie n" / "Site n". The host municipality
    is left to the calculation (point-in-polygon through ``Context.locate``).
    """
    import shapely

    path = Path(path)
    layers = open_layers(path)
    problems: list[Problem] = []
    layer = layers[0]
    frame = layer.read()
    if not layer.spatial:
        pts = _csv_points(layer, frame, mapping, problems)
        if pts is None:
            raise InputError(
                [
                    Problem(
                        "geodata.missing_column",
                        params={"path": layer.label, "role": "x/y", "accepted": "x, y, lon, lat"},
                    )
                ]
            )
        frame, mapped = pts
        crs_text = frame.crs.to_string() if frame.crs is not None else mapped
    else:
        crs_text = (mapping.get("crs") if mapping else None) or layer.crs
    if problems:
        raise InputError(problems)
    if len(frame) == 0:
        raise InputError([Problem("sites.file_empty", params={"path": layer.label})])
    if len(frame) > MAX_SITES:
        raise InputError(
            [
                Problem(
                    "geodata.too_many_features",
                    params={"path": layer.label, "count": len(frame), "limit": MAX_SITES},
                )
            ]
        )
    epsg = epsg_of(crs_text)
    if epsg is None:
        raise InputError([Problem("geodata.no_crs", params={"path": layer.label, "allowed": ALLOWED_CRS})])
    if epsg == -1:
        raise InputError(
            [
                Problem(
                    "geodata.unknown_crs",
                    params={"path": layer.label, "crs": crs_name(crs_text), "allowed": ALLOWED_CRS},
                )
            ]
        )
    geoms = np.asarray(frame.geometry.values, dtype=object)
    points: list[tuple[float, float] | None] = []
    for i, g in enumerate(geoms):
        if g is None or shapely.is_empty(g):
            problems.append(
                Problem("sites.geometry", params={"path": layer.label, "row": i + 1, "kind": "empty"})
            )
            points.append(None)
            continue
        kind = g.geom_type
        if kind == "Point":
            x, y = to_rd(g.x, g.y, f"EPSG:{epsg}")
        elif kind in ("Polygon", "MultiPolygon", "MultiPoint"):
            rd = _to_rd_geom(g, epsg)
            if kind != "MultiPoint" and not rd.is_valid:
                rd = shapely.make_valid(rd)
            c = rd.centroid
            x, y = float(c.x), float(c.y)
        else:
            problems.append(
                Problem("sites.geometry", params={"path": layer.label, "row": i + 1, "kind": kind})
            )
            points.append(None)
            continue
        if not (math.isfinite(x) and math.isfinite(y)):  # NaN, or RD metres labelled as degrees
            problems.append(
                Problem(
                    "sites.coordinates", params={"path": layer.label, "row": i + 1, "crs": f"EPSG:{epsg}"}
                )
            )
            points.append(None)
            continue
        points.append((x, y))
    if problems:
        raise InputError(problems[:MAX_LISTED])
    names = _names(frame, lang)
    return [
        Site(name=n, x=round(p[0], 2), y=round(p[1], 2), crs="EPSG:28992")
        for n, p in zip(names, points, strict=True)
        if p is not None
    ]


def _to_rd_geom(geom: Any, epsg: int) -> Any:
    if epsg == 28992:
        return geom
    import shapely
    from pyproj import Transformer

    tr = Transformer.from_crs(f"EPSG:{epsg}", "EPSG:28992", always_xy=True)
    return shapely.transform(geom, lambda x, y: tr.transform(x, y), interleaved=False)


def _names(frame: Any, lang: Lang) -> list[str]:
    lower = {str(c).lower(): c for c in frame.columns if c != "geometry"}
    col = next((lower[n] for n in NAME_COLUMNS if n in lower), None)
    word = txt("label.misc.site", lang)
    out = []
    for i in range(len(frame)):
        value = frame[col].iloc[i] if col is not None else None
        text = "" if value is None else str(value).strip()
        out.append(text if text and text.lower() != "nan" else f"{word} {i + 1}")
    return out
