"""Validate a boundary layer: CRS, codes, geometries; reproject to RD New."""

from __future__ import annotations

from typing import Any

import numpy as np

from ber.geodata.columns import ColumnMapping, accepted, find_column, normalise_code
from ber.geodata.readers import ALLOWED_CRS, Layer, crs_name, epsg_of, to_numbers
from ber.texts.catalogue import LANGS, text
from ber.texts.messages import Problem

#: The Netherlands in RD New with a margin (metres); a layer must reach into it.
RD_BOX = (-10_000.0, 280_000.0, 310_000.0, 640_000.0)
POLYGONAL = ("Polygon", "MultiPolygon")
MAX_LISTED = 10


def codes_of(layer: Layer, frame: Any, column: str, problems: list[Problem]) -> list[str | None]:
    """Normalised codes of a frame's code column; a problem per bad or duplicate code."""
    raw = frame[column].tolist()
    codes = [normalise_code(v) for v in raw]
    bad = [i for i, c in enumerate(codes) if c is None]
    for i in bad[:MAX_LISTED]:
        problems.append(
            Problem(
                "geodata.bad_code",
                params={"path": layer.label, "column": column, "row": i + 1, "value": repr(raw[i])},
            )
        )
    seen: dict[str, list[int]] = {}
    for i, c in enumerate(codes):
        if c is not None:
            seen.setdefault(c, []).append(i + 1)
    dups = [(c, rows) for c, rows in seen.items() if len(rows) > 1]
    for c, rows in dups[:MAX_LISTED]:
        problems.append(
            Problem(
                "geodata.duplicate_code",
                params={"path": layer.label, "municipality": c, "rows": ", ".join(str(r) for r in rows[:10])},
            )
        )
    return codes


def _bounds_text(bounds: Any) -> str:
    return ", ".join(f"{b:.6g}" for b in bounds)


def _plausible(epsg: int, bounds: Any) -> bool:
    xmin, ymin, xmax, ymax = (float(b) for b in bounds)
    if not all(np.isfinite([xmin, ymin, xmax, ymax])):
        return True  # empty layer: reported elsewhere
    if epsg == 4326:
        return -180 <= xmin <= xmax <= 180 and -90 <= ymin <= ymax <= 90
    # RD New: lon/lat-sized numbers mean the file is not really in metres
    return not (abs(xmax) <= 180 and abs(ymax) <= 90)


def _csv_points(layer: Layer, frame: Any, mapping: ColumnMapping | None, problems: list[Problem]) -> Any:
    """A GeoDataFrame of points from CSV coordinate columns, or None when it has none."""
    import geopandas as gpd

    cols = list(frame.columns)
    x, y = find_column(cols, "x", mapping), find_column(cols, "y", mapping)
    lon, lat = find_column(cols, "lon", mapping), find_column(cols, "lat", mapping)
    if x and y:
        cx, cy, default = x, y, None
    elif lon and lat:
        cx, cy, default = lon, lat, 4326
    else:
        return None
    comma = bool(frame.attrs.get("decimal_comma"))
    xs, bad_x = to_numbers(frame[cx].tolist(), comma)
    ys, bad_y = to_numbers(frame[cy].tolist(), comma)
    for col, bad, values in ((cx, bad_x, frame[cx]), (cy, bad_y, frame[cy])):
        for i in bad[:MAX_LISTED]:
            problems.append(number_problem("geodata.bad_number", layer, col, f"#{i + 1}", values.iloc[i]))
    crs_text = mapping.get("crs") if mapping else None
    epsg = epsg_of(crs_text) if crs_text else default
    if epsg is None:
        fx, fy = xs[np.isfinite(xs)], ys[np.isfinite(ys)]
        if (
            fx.size
            and RD_BOX[0] <= fx.min()
            and fx.max() <= RD_BOX[2]
            and RD_BOX[1] <= fy.min() <= fy.max() <= RD_BOX[3]
        ):
            epsg = 28992
        elif fx.size and fx.min() >= 3 and fx.max() <= 7.6 and fy.min() >= 50.6 and fy.max() <= 53.8:
            epsg = 4326
    geometry = gpd.points_from_xy(xs, ys)
    return gpd.GeoDataFrame(
        frame, geometry=geometry, crs=None if epsg in (None, -1) else f"EPSG:{epsg}"
    ), crs_text


def prepare_boundaries(
    layer: Layer,
    frame: Any,
    code_col: str,
    mapping: ColumnMapping | None,
    problems: list[Problem],
    notices: list[Problem],
) -> Any:
    """Validate a boundary frame and return it in RD New indexed by code (or None on errors)."""
    import geopandas as gpd
    import shapely

    crs_text = layer.crs
    if not layer.spatial:
        pts = _csv_points(layer, frame, mapping, problems)
        if pts is None:
            problems.append(
                Problem(
                    "geodata.missing_column",
                    params={"path": layer.label, "role": "x/y", "accepted": "x, y, lon, lat"},
                )
            )
            return None
        frame, mapped_crs = pts
        crs_text = frame.crs.to_string() if frame.crs is not None else mapped_crs
    elif mapping is not None and mapping.get("crs"):
        crs_text = mapping.get("crs")
    epsg = epsg_of(crs_text)
    if epsg is None:
        problems.append(Problem("geodata.no_crs", params={"path": layer.label, "allowed": ALLOWED_CRS}))
        return None
    if epsg == -1:
        problems.append(
            Problem(
                "geodata.unknown_crs",
                params={"path": layer.label, "crs": crs_name(crs_text), "allowed": ALLOWED_CRS},
            )
        )
        return None
    n_before = len(problems)
    codes = codes_of(layer, frame, code_col, problems)
    geoms = np.asarray(frame.geometry.values, dtype=object)
    types = shapely.get_type_id(geoms)
    missing = [i for i, g in enumerate(geoms) if g is None or shapely.is_empty(g)]
    for i in missing[:MAX_LISTED]:
        problems.append(
            Problem(
                "geodata.empty_geometry",
                params={"path": layer.label, "municipality": codes[i] or "?", "row": i + 1},
            )
        )
    present = np.ones(len(geoms), dtype=bool)
    present[missing] = False
    is_point = types == 0
    is_poly = (types == 3) | (types == 6)
    if present.any() and not (is_point[present].all() or is_poly[present].all()):
        allowed = {lang: text("msg.param.polygon_types", lang) for lang in LANGS}
        for i in np.flatnonzero(present & ~is_poly & ~is_point)[:MAX_LISTED]:
            problems.append(
                Problem(
                    "geodata.geometry_type",
                    params={
                        "path": layer.label,
                        "municipality": codes[i] or "?",
                        "kind": geoms[i].geom_type,
                        "allowed": allowed,
                    },
                )
            )
    if len(problems) > n_before:
        return None
    bounds = shapely.total_bounds(geoms)
    if not _plausible(epsg, bounds):
        problems.append(
            Problem(
                "geodata.crs_mismatch",
                params={"path": layer.label, "crs": f"EPSG:{epsg}", "bounds": _bounds_text(bounds)},
            )
        )
        return None
    # repair invalid polygons before reprojecting (a bow-tie stays a bow-tie otherwise)
    invalid = np.flatnonzero(is_poly & ~shapely.is_valid(geoms))
    for i in invalid.tolist():
        reason = shapely.is_valid_reason(geoms[i])
        geoms[i] = _polygonal(shapely.make_valid(geoms[i]))
        if geoms[i].is_empty:
            problems.append(
                Problem(
                    "geodata.empty_geometry",
                    params={"path": layer.label, "municipality": codes[i], "row": int(i) + 1},
                )
            )
            continue
        notices.append(
            Problem(
                "geodata.repaired", params={"path": layer.label, "municipality": codes[i], "reason": reason}
            )
        )
    if len(problems) > n_before:
        return None
    gdf = gpd.GeoDataFrame(
        {"code": codes}, geometry=gpd.GeoSeries(geoms, crs=f"EPSG:{epsg}"), index=range(len(codes))
    )
    if epsg != 28992:
        gdf = gdf.to_crs(28992)
    xmin, ymin, xmax, ymax = gdf.total_bounds
    if xmax < RD_BOX[0] or xmin > RD_BOX[2] or ymax < RD_BOX[1] or ymin > RD_BOX[3]:
        problems.append(
            Problem(
                "geodata.outside_nl", params={"path": layer.label, "bounds": _bounds_text(gdf.total_bounds)}
            )
        )
        return None
    return gdf.set_index("code")


def _polygonal(geom: Any) -> Any:
    """The polygonal part of a make_valid result (drops stray lines and points)."""
    import shapely

    if geom.geom_type in POLYGONAL:
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if g.geom_type in POLYGONAL]
    polys: list[Any] = []
    for p in parts:
        polys.extend(p.geoms if p.geom_type == "MultiPolygon" else [p])
    return shapely.MultiPolygon(polys) if polys else shapely.Polygon()


def number_problem(
    code: str, layer: Layer, column: str, municipality: str, value: Any, **extra: str
) -> Problem:
    """A problem with one number (shown as its ``repr``) in a column of a layer."""
    return Problem(
        code,
        params={
            "path": layer.label,
            "column": column,
            "municipality": municipality,
            "value": repr(value),
            **extra,
        },
    )


def missing_code_column(layer: Layer) -> Problem:
    return Problem(
        "geodata.missing_column", params={"path": layer.label, "role": "code", "accepted": accepted("code")}
    )
