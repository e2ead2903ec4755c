"""Vector maps of the region for the report: real boundaries, or a schematic of centroids.

Coordinates are RD New metres (EPSG:28992), so a kilometre is the same length in
x and y and the scale bar is exact. Drawn with reportlab graphics (vector, small).
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

from ber.report.data import ReportData, SiteMark
from ber.report.maplabels import LabelRequest, PlacedLabel, place_labels
from ber.report.mapland import EDGE as LAND_EDGE
from ber.report.mapland import FILL as LAND_FILL
from ber.report.mapland import foreign_in_view
from ber.report.styles import FONT, FONT_BOLD, STATUS_COLOURS

LEGEND_W = 150.0
PAD = 8.0


def _region_edge() -> Any:
    from reportlab.lib import colors

    return colors.HexColor("#111111")


class _Frame:
    """Maps RD metres onto the drawing's map area, keeping the aspect ratio."""

    def __init__(self, bounds: tuple[float, float, float, float], w: float, h: float) -> None:
        minx, miny, maxx, maxy = bounds
        span_x, span_y = max(maxx - minx, 1.0), max(maxy - miny, 1.0)
        self.scale = min((w - 2 * PAD) / span_x, (h - 2 * PAD) / span_y)
        self.ox = PAD + ((w - 2 * PAD) - span_x * self.scale) / 2 - minx * self.scale
        self.oy = PAD + ((h - 2 * PAD) - span_y * self.scale) / 2 - miny * self.scale

    def xy(self, x: float, y: float) -> tuple[float, float]:
        return self.ox + x * self.scale, self.oy + y * self.scale


def _padded(bounds: tuple[float, float, float, float], frac: float, minimum: float) -> tuple[float, ...]:
    minx, miny, maxx, maxy = bounds
    px = max((maxx - minx) * frac, minimum)
    py = max((maxy - miny) * frac, minimum)
    return minx - px, miny - py, maxx + px, maxy + py


def _outline(polygons: list[Any]) -> Any:
    """The region's outer edge: the union of its municipalities without sliver holes (< 1 ha)."""
    import shapely

    union = shapely.union_all(polygons)
    parts = [
        shapely.Polygon(p.exterior, [r for r in p.interiors if shapely.Polygon(r).area >= 10_000.0])
        for p in getattr(union, "geoms", [union])
        if p.geom_type == "Polygon"
    ]
    return shapely.MultiPolygon(parts)


def _path_for(geom: Any, frame: _Frame, fill: Any, stroke: Any, width: float) -> Any:
    import shapely
    from reportlab.graphics.shapes import FILL_EVEN_ODD, Path

    path = Path(
        fillColor=fill, strokeColor=stroke, strokeWidth=width, fillMode=FILL_EVEN_ODD, strokeLineJoin=1
    )
    polys = getattr(geom, "geoms", [geom])
    for poly in polys:
        if poly.is_empty or poly.geom_type != "Polygon":
            continue
        for ring in (poly.exterior, *poly.interiors):
            coords = shapely.get_coordinates(ring)
            xs = frame.ox + coords[:, 0] * frame.scale
            ys = frame.oy + coords[:, 1] * frame.scale
            path.moveTo(float(xs[0]), float(ys[0]))
            for x, y in zip(xs[1:].tolist(), ys[1:].tolist(), strict=True):
                path.lineTo(x, y)
            path.closePath()
    return path


def _star(cx: float, cy: float, r: float) -> list[float]:
    pts: list[float] = []
    for i in range(10):
        rad = r if i % 2 == 0 else r * 0.45
        a = math.pi / 2 + i * math.pi / 5
        pts += [cx + rad * math.cos(a), cy + rad * math.sin(a)]
    return pts


def _site_markers(group: Any, frame: _Frame, sites: Iterable[SiteMark], numbered: bool) -> None:
    from reportlab.graphics.shapes import Circle, Polygon, String
    from reportlab.lib import colors

    for s in sorted(sites, key=lambda s: s.chosen):
        x, y = frame.xy(s.x, s.y)
        if s.chosen:
            group.add(
                Polygon(_star(x, y, 8.5), fillColor=colors.black, strokeColor=colors.white, strokeWidth=0.8)
            )
        else:
            group.add(Circle(x, y, 5.5, fillColor=colors.white, strokeColor=colors.black, strokeWidth=1.2))
        if numbered and s.rank is not None:
            group.add(String(x + 8, y + 4, str(s.rank), fontName=FONT_BOLD, fontSize=8.5))


def _scale_bar_and_north(group: Any, frame: _Frame, w: float, h: float, north: str, lang: str) -> None:
    from reportlab.graphics.shapes import Polygon, Rect, String
    from reportlab.lib import colors

    target_km = (w * 0.28) / frame.scale / 1000
    nice = [1, 2, 5, 10, 20, 25, 50, 100, 200]
    km = max([n for n in nice if n <= target_km] or [1])
    length = km * 1000 * frame.scale
    x0, y0 = PAD + 4, PAD + 4
    group.add(Rect(x0 - 3, y0 - 3, length + 30, 17, fillColor=colors.Color(1, 1, 1, 0.75), strokeColor=None))
    half = length / 2
    group.add(Rect(x0, y0, half, 3.5, fillColor=colors.black, strokeColor=colors.black, strokeWidth=0.5))
    group.add(
        Rect(x0 + half, y0, half, 3.5, fillColor=colors.white, strokeColor=colors.black, strokeWidth=0.5)
    )
    group.add(String(x0, y0 + 6, "0", fontName=FONT, fontSize=6.5))
    group.add(String(x0 + length, y0 + 6, f"{km} km", fontName=FONT, fontSize=6.5, textAnchor="middle"))
    # north arrow, top left
    nx, ny = PAD + 12, h - PAD - 26
    group.add(
        Polygon(
            [nx, ny + 20, nx - 6, ny, nx, ny + 5],
            fillColor=colors.black,
            strokeColor=colors.black,
            strokeWidth=0.5,
        )
    )
    group.add(
        Polygon(
            [nx, ny + 20, nx + 6, ny, nx, ny + 5],
            fillColor=colors.white,
            strokeColor=colors.black,
            strokeWidth=0.5,
        )
    )
    group.add(String(nx, ny + 23, north, fontName=FONT_BOLD, fontSize=8, textAnchor="middle"))


def _legend(
    data: ReportData, d: Any, x: float, h: float, with_outside: bool, foreign: bool, sites: list[SiteMark]
) -> None:
    from reportlab.graphics.shapes import Circle, Polygon, Rect, String
    from reportlab.lib import colors

    tx = data.tx
    y = h - 14
    d.add(String(x, y, tx("map.legend_title"), fontName=FONT_BOLD, fontSize=8))
    y -= 15
    statuses = ["red", "amber", "green", "grey"]
    for status in statuses:
        d.add(
            Rect(
                x,
                y - 2,
                14,
                10,
                fillColor=colors.HexColor(STATUS_COLOURS[status][2]),
                strokeColor=colors.HexColor("#555555"),
                strokeWidth=0.5,
            )
        )
        d.add(String(x + 20, y, data.status(status), fontName=FONT, fontSize=7.5))
        y -= 14
    if with_outside:
        d.add(
            Rect(
                x,
                y - 2,
                14,
                10,
                fillColor=colors.HexColor("#f5f5f5"),
                strokeColor=colors.HexColor("#bbbbbb"),
                strokeWidth=0.5,
            )
        )
        d.add(String(x + 20, y, tx("map.outside"), fontName=FONT, fontSize=7.5))
        y -= 14
    if foreign:
        d.add(
            Rect(
                x,
                y - 2,
                14,
                10,
                fillColor=colors.HexColor(LAND_FILL),
                strokeColor=colors.HexColor(LAND_EDGE),
                strokeWidth=0.5,
            )
        )
        d.add(String(x + 20, y, tx("map.abroad"), fontName=FONT, fontSize=7.5))
        y -= 14
    y -= 6
    from reportlab.lib.utils import simpleSplit

    for s in sorted(sites, key=lambda s: (not s.chosen, s.rank or 0)):
        if s.chosen:
            d.add(Polygon(_star(x + 7, y + 3, 6.5), fillColor=colors.black, strokeColor=None))
            head = tx("map.chosen")
        else:
            d.add(Circle(x + 7, y + 3, 4.5, fillColor=colors.white, strokeColor=colors.black, strokeWidth=1))
            head = tx("map.alternative")
        if s.rank is not None:
            head = f"{s.rank}. {head}"
        d.add(String(x + 20, y, head, fontName=FONT_BOLD, fontSize=7))
        y -= 9
        for line in simpleSplit(s.name, FONT, 7, LEGEND_W - 24)[:3]:
            d.add(String(x + 20, y, line, fontName=FONT, fontSize=7))
            y -= 9
        y -= 5


def has_region_polygons(data: ReportData) -> bool:
    """True when boundaries are loaded for at least one municipality of the region."""
    return bool(data.boundaries) and any(m.code in data.boundaries for m in data.result.municipalities)  # type: ignore[operator]


def region_map(
    data: ReportData, width: float = 482.0, height: float = 420.0, *, numbered: bool = False
) -> Any:
    """The region map: boundaries coloured by worst status when available, else a schematic."""
    from reportlab.graphics.shapes import Drawing, Group, Rect
    from reportlab.lib import colors

    map_w = width - LEGEND_W
    d = Drawing(width, height, initialFontName=FONT)
    d.add(
        Rect(
            0,
            0,
            map_w,
            height,
            fillColor=colors.HexColor("#eef3f7"),
            strokeColor=colors.HexColor("#999999"),
            strokeWidth=0.6,
        )
    )
    group = Group()
    sites = data.sites
    with_outside = foreign = False
    if has_region_polygons(data):
        with_outside, foreign = _draw_boundaries(data, group, map_w, height, sites)
    else:
        _draw_schematic(data, group, map_w, height, sites)
    d.add(group)
    _legend(data, d, map_w + 12, height, with_outside, foreign, sites)
    d._ber_alt = map_alt(data)
    return d


def map_alt(data: ReportData) -> str:
    """The map in words: per verdict the municipalities coloured so, and the sites."""
    tx = data.tx
    groups: dict[str, list[str]] = {}
    for m in data.result.municipalities:
        groups.setdefault(data.worst_status(m.code), []).append(m.name)
    parts = [
        tx("html.map_group", status=data.status(s), names=", ".join(groups[s]))
        for s in ("red", "amber", "green", "grey")
        if s in groups
    ]
    sites = ", ".join(s.name for s in data.sites)
    return tx("html.map_alt", groups="; ".join(parts), sites=sites)


def _frame_for(points: list[tuple[float, float, float, float]], w: float, h: float, minimum: float) -> _Frame:
    minx = min(p[0] for p in points)
    miny = min(p[1] for p in points)
    maxx = max(p[2] for p in points)
    maxy = max(p[3] for p in points)
    b = _padded((minx, miny, maxx, maxy), 0.06, minimum)
    return _Frame((b[0], b[1], b[2], b[3]), w, h)


def _draw_boundaries(
    data: ReportData, group: Any, w: float, h: float, sites: list[SiteMark]
) -> tuple[bool, bool]:
    """Draw foreign land, NL context, the region and labels; return (NL context drawn, foreign land drawn)."""
    import shapely
    from reportlab.lib import colors

    assert data.boundaries is not None
    region = [m.code for m in data.result.municipalities if m.code in data.boundaries]
    extents: list[tuple[float, float, float, float]] = [data.boundaries[c].bounds for c in region]
    extents += [(s.x, s.y, s.x, s.y) for s in sites]
    frame = _frame_for(extents, w, h, 1500.0)
    # the RD rectangle that the map area shows
    x0, y0 = (PAD - frame.ox) / frame.scale, (PAD - frame.oy) / frame.scale
    x1, y1 = (w - PAD - frame.ox) / frame.scale, (h - PAD - frame.oy) / frame.scale
    view = shapely.box(x0, y0, x1, y1)
    in_region = set(region)
    outside = False
    lands = foreign_in_view(view)
    for land in lands:
        group.add(_path_for(land, frame, colors.HexColor(LAND_FILL), colors.HexColor(LAND_EDGE), 0.3))
    for code, geom in data.boundaries.items():
        if code in in_region:
            continue
        gx0, gy0, gx1, gy1 = geom.bounds
        if gx1 < x0 or gx0 > x1 or gy1 < y0 or gy0 > y1:
            continue
        clipped = geom.intersection(view)
        if clipped.is_empty:
            continue
        outside = True
        group.add(_path_for(clipped, frame, colors.HexColor("#f5f5f5"), colors.HexColor("#bbbbbb"), 0.4))
    for code in region:
        fill = colors.HexColor(STATUS_COLOURS[data.worst_status(code)][2])
        group.add(_path_for(data.boundaries[code], frame, fill, colors.HexColor("#444444"), 0.7))
    if len(region) > 1:
        group.add(_path_for(_outline([data.boundaries[c] for c in region]), frame, None, _region_edge(), 1.4))
    _region_labels(data, group, frame, region, sites, w, h)
    _site_markers(group, frame, sites, numbered=True)
    _scale_bar_and_north(group, frame, w, h, data.tx("map.north"), data.lang)
    return outside, bool(lands)


def label_priorities(data: ReportData) -> dict[str, int]:
    """Label priority per municipality code: 0 host, 1 the sites' municipalities, 2 deciding a verdict."""
    result = data.result
    prio: dict[str, int] = {}
    for v in result.verdict.values():
        for code in (v.municipality, v.unknown_municipality):
            if code:
                prio[code] = 2
    for s in result.sites:
        prio[s.host_municipality] = 1
    prio[result.site.host_municipality] = 0
    return prio


def _region_labels(
    data: ReportData, group: Any, frame: _Frame, region: list[str], sites: list[SiteMark], w: float, h: float
) -> list[PlacedLabel]:
    """Names of the region's municipalities, placed without overlap by priority (see maplabels)."""
    from reportlab.graphics.shapes import String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    assert data.boundaries is not None
    prio = label_priorities(data)
    font = 7.0 if len(region) <= 12 else 5.5
    requests: list[LabelRequest] = []
    by_area = sorted(region, key=lambda c: -float(data.boundaries[c].area))  # type: ignore[index]
    for code in by_area:
        geom = data.boundaries[code]
        gx0, _, gx1, _ = geom.bounds
        p = prio.get(code, 3)
        if p == 3 and (gx1 - gx0) * frame.scale < 28:
            continue
        pt = geom.representative_point()
        x, y = frame.xy(pt.x, pt.y)
        name = data.municipality_name(code)
        fs = font + 0.5 if p < 3 else font
        fn = FONT_BOLD if p < 3 else FONT
        requests.append(LabelRequest(name, x, y, p, fs, stringWidth(name, fn, fs)))
    marks = [frame.xy(s.x, s.y) for s in sites]
    obstacles = [(mx - 8.5, my - 8.5, mx + 15.0, my + 13.0) for mx, my in marks]  # marker + rank
    obstacles.append((PAD, PAD, PAD + 110, PAD + 18))  # scale bar
    obstacles.append((PAD, h - PAD - 30, PAD + 26, h - PAD))  # north arrow
    placed = place_labels(requests, obstacles, (PAD, PAD, w - PAD, h - PAD))
    bold = {r.text for r in requests if r.priority < 3}
    for lab in placed:
        group.add(
            String(
                lab.x,
                lab.y,
                lab.text,
                fontName=FONT_BOLD if lab.text in bold else FONT,
                fontSize=lab.font_size,
                textAnchor="middle",
                fillColor=colors.HexColor("#222222"),
            )
        )
    return placed


def _draw_schematic(data: ReportData, group: Any, w: float, h: float, sites: list[SiteMark]) -> None:
    from reportlab.graphics.shapes import Circle, Line, String
    from reportlab.lib import colors
    from reportlab.pdfbase.pdfmetrics import stringWidth

    munis = [m for m in data.result.municipalities if m.code in data.centroids]
    points = [data.centroids[m.code] for m in munis]
    extents = [(x, y, x, y) for x, y in points] + [(s.x, s.y, s.x, s.y) for s in sites]
    frame = _frame_for(extents, w, h, 4000.0)
    chosen = next((s for s in sites if s.chosen), None)
    placed: list[tuple[float, float, float, float]] = []  # label boxes, to keep names apart
    for m, (cx, cy) in zip(munis, points, strict=True):
        x, y = frame.xy(cx, cy)
        if chosen is not None:
            sx, sy = frame.xy(chosen.x, chosen.y)
            group.add(
                Line(
                    sx,
                    sy,
                    x,
                    y,
                    strokeColor=colors.HexColor("#8aa0b4"),
                    strokeWidth=0.7,
                    strokeDashArray=[3, 2],
                )
            )
            if m.distance_km < 0.5:  # the host municipality (distance 0 by definition)
                continue
            text = data.qty(m.distance_km, "km", 0)
            mx, my = (sx + x) / 2, (sy + y) / 2 + 2
            half = stringWidth(text, FONT, 6) / 2
            placed.append((mx - half, my - 1, mx + half, my + 6))
            group.add(
                String(
                    mx,
                    my,
                    text,
                    fontName=FONT,
                    fontSize=6,
                    fillColor=colors.HexColor("#456"),
                    textAnchor="middle",
                )
            )
    for m, (cx, cy) in zip(munis, points, strict=True):
        x, y = frame.xy(cx, cy)
        status = data.worst_status(m.code)
        group.add(
            Circle(
                x,
                y,
                9,
                fillColor=colors.HexColor(STATUS_COLOURS[status][2]),
                strokeColor=colors.HexColor("#444444"),
                strokeWidth=0.8,
            )
        )
        lx, ly, anchor = _label_spot(x, y, m.name, [frame.xy(s.x, s.y) for s in sites], placed)
        group.add(String(lx, ly, m.name, fontName=FONT, fontSize=7, textAnchor=anchor))
    _site_markers(group, frame, sites, numbered=True)
    _scale_bar_and_north(group, frame, w, h, data.tx("map.north"), data.lang)


def _label_spot(
    x: float,
    y: float,
    text: str,
    marks: list[tuple[float, float]],
    placed: list[tuple[float, float, float, float]],
) -> tuple[float, float, str]:
    """Where to write a centroid's name: below, above, right or left, avoiding site markers and labels."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    w = stringWidth(text, FONT, 7)
    candidates = [
        (x, y - 18, "middle", (x - w / 2, y - 19, x + w / 2, y - 11)),
        (x, y + 12, "middle", (x - w / 2, y + 11, x + w / 2, y + 19)),
        (x + 12, y - 2.5, "start", (x + 12, y - 3.5, x + 12 + w, y + 4.5)),
        (x - 12, y - 2.5, "end", (x - 12 - w, y - 3.5, x - 12, y + 4.5)),
    ]

    def free(box: tuple[float, float, float, float]) -> bool:
        x0, y0, x1, y1 = box
        for mx, my in marks:
            if x0 - 9 < mx < x1 + 9 and y0 - 9 < my < y1 + 9:
                return False
        return all(x1 < p[0] or x0 > p[2] or y1 < p[1] or y0 > p[3] for p in placed)

    for lx, ly, anchor, box in candidates:
        if free(box):
            placed.append(box)
            return lx, ly, anchor
    lx, ly, anchor, box = candidates[0]
    placed.append(box)
    return lx, ly, anchor
