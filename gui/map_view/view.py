"""``MapView``: the municipality map (QGraphicsView).

The widget only draws and forwards events: the polygons, colours, hit-testing,
scale bar and tooltip texts come from ``ber.maplayer``. Scene coordinates are RD
New metres with the y axis flipped (``ber.maplayer.rd_to_scene``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from PySide6.QtCore import QEvent, QPoint, QPointF, QRect, QRectF, QSize, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QHelpEvent,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
)
from PySide6.QtWidgets import QGraphicsPathItem, QGraphicsScene, QGraphicsView, QToolTip, QWidget

from ber.maplayer import Bounds, FillStyle, MapLayer, PressureRamp, fill_styles, rd_to_scene
from ber.texts.messages import Lang
from gui.map_view import export
from gui.map_view.items import SiteMarker, path_from_rings
from gui.map_view.labels import MunicipalityLabels
from gui.map_view.navigation import PanZoomView
from gui.map_view.overlays import OverlayState, paint_overlays, text
from gui.map_view.scan_points import ScanPoint, ScanPointSpec

BACKGROUND = QColor(0xDD, 0xE8, 0xEF)  # sea and abroad: pale blue
REGION_PEN = QColor(70, 70, 70)
OUTSIDE_PEN = QColor(185, 185, 185)
HATCH = QColor(95, 95, 95)
SELECTED_PEN = QColor(0x1E, 0x3C, 0x96)
HOVER_PEN = QColor(20, 20, 20)
CLICK_SLOP_PX = 4
#: a municipality's tooltip stays this long while the pointer rests on it (Qt's default: ~10 s)
TOOLTIP_MS = 120_000
#: switch to the unsimplified geometry when a pixel is smaller than this part of the tolerance
DETAIL_FACTOR = 0.5

Site = tuple[str, float, float, bool]  # name, x RD, y RD, chosen


def _cosmetic(colour: QColor, width: float = 0.0) -> QPen:
    pen = QPen(colour, width)
    pen.setCosmetic(True)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    return pen


class MapView(PanZoomView):
    """Municipality map: colour by status or pressure, sites, pan/zoom, hover, click."""

    #: code of the clicked municipality (not emitted in add-site mode)
    municipalityClicked = Signal(str)
    #: RD New x, y in metres of a click in add-site mode
    siteRequested = Signal(float, float)
    #: code under the mouse, "" when none
    hovered = Signal(str)

    def __init__(self, parent: QWidget | None = None, lang: Lang = "nl") -> None:
        super().__init__(parent)
        self.setObjectName("map_view")
        scene = QGraphicsScene(self)
        scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)
        self.setScene(scene)
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.FullViewportUpdate)
        self.setOptimizationFlag(QGraphicsView.OptimizationFlag.DontSavePainterState, True)
        self.setBackgroundBrush(BACKGROUND)
        self.viewport().setMouseTracking(True)
        self.setMinimumSize(QSize(200, 150))

        self._layer: MapLayer | None = None
        self._items: dict[str, QGraphicsPathItem] = {}
        self._hatches: dict[str, QGraphicsPathItem] = {}
        self._paths: dict[bool, dict[str, QPainterPath]] = {False: {}, True: {}}
        self._detailed = False
        self._applied: dict[str, FillStyle] = {}
        self._statuses: dict[str, str] = {}
        self._pressures: dict[str, float | None] | None = None
        self._region: set[str] | None = None
        self._tooltips: dict[str, str] = {}
        self._sites: list[SiteMarker] = []
        self._site_points: list[tuple[float, float]] = []
        self._scan_points: list[ScanPoint] = []
        self.names: MunicipalityLabels | None = None
        self._selected: str | None = None
        self._hover: str | None = None
        self._press: QPoint | None = None
        self._last_drag: QPoint | None = None
        self._overlay = OverlayState(lang=lang)

        # selection: a dark-blue line on a white halo, visible on every fill colour
        self._selected_halo = self._outline_item(_cosmetic(QColor(255, 255, 255), 6.0), 15)
        self._selected_item = self._outline_item(_cosmetic(SELECTED_PEN, 3.0), 16)
        self._hover_item = self._outline_item(_cosmetic(HOVER_PEN, 1.6), 14)
        self._apply_language()

    # ------------------------------------------------------------------ set-up

    def _outline_item(self, pen: QPen, z: float) -> QGraphicsPathItem:
        item = QGraphicsPathItem()
        item.setPen(pen)
        item.setBrush(Qt.BrushStyle.NoBrush)
        item.setZValue(z)
        item.setVisible(False)
        item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.scene().addItem(item)
        return item

    def set_language(self, lang: Lang) -> None:
        self._overlay.lang = lang
        self._apply_language()
        self.viewport().update()

    def _apply_language(self) -> None:
        lang = self._overlay.lang
        self.setAccessibleName(text("accessible_name", lang))
        self.setAccessibleDescription(text("accessible_description", lang))

    @property
    def layer(self) -> MapLayer | None:
        return self._layer

    def set_layer(self, layer: MapLayer) -> None:
        """Build one path item per municipality (once per layer) and show the whole map."""
        scene = self.scene()
        for item in [*self._items.values(), *self._hatches.values()]:
            scene.removeItem(item)
        self._items.clear()
        self._hatches.clear()
        self._applied.clear()
        if self.names is not None:
            self.names.remove(scene)
        self.names = MunicipalityLabels(scene, layer)
        self._layer = layer
        self._detailed = False
        self._paths = {False: {c: path_from_rings(layer.rings[c]) for c in layer.codes}, True: {}}
        for code in layer.codes:
            item = QGraphicsPathItem(self._paths[False][code])
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setZValue(1)
            scene.addItem(item)
            self._items[code] = item
        xmin, ymin, xmax, ymax = layer.bounds
        pad = max(xmax - xmin, ymax - ymin)
        sx, sy = rd_to_scene(xmin, ymax)
        scene.setSceneRect(QRectF(sx - pad, sy - pad, xmax - xmin + 2 * pad, ymax - ymin + 2 * pad))
        self._recolour()
        self._selected = self._hover = None
        self._update_outline(self._selected_item, None)
        self._update_outline(self._hover_item, None)
        self.fit_all()

    # --------------------------------------------------------------- colouring

    def set_statuses(self, statuses: Mapping[str, str], domain_label: str = "") -> None:
        """Colour by status (green/amber/red/grey); only brushes change."""
        self._statuses = dict(statuses)
        self._pressures = None
        self._overlay.ramp = None
        self._overlay.domain_label = domain_label
        self._recolour()

    def set_pressures(
        self, pressures: Mapping[str, float | None], domain_label: str = "", ramp: PressureRamp | None = None
    ) -> None:
        """Colour on the continuous pressure ramp (None = capacity unknown)."""
        self._pressures = dict(pressures)
        self._overlay.ramp = ramp or PressureRamp()
        self._overlay.domain_label = domain_label
        self._recolour()

    def set_region(self, codes: Iterable[str] | None) -> None:
        """Municipalities of the region; the others are drawn faded. None: no region."""
        self._region = set(codes) if codes is not None else None
        self._recolour()

    def region(self) -> set[str] | None:
        return None if self._region is None else set(self._region)

    def statuses(self) -> dict[str, str]:
        """The status colouring shown now (code -> green/amber/red/grey)."""
        return dict(self._statuses)

    def legend_label(self) -> str:
        """What the legend title names after "Druk:" (the domain and, if any, the colouring)."""
        return self._overlay.domain_label

    def colour_of(self, code: str) -> tuple[int, int, int]:
        """The fill colour (r, g, b) the map uses for a municipality now."""
        c = self._items[code].brush().color()
        return (c.red(), c.green(), c.blue())

    def _recolour(self) -> None:
        region_pen, outside_pen = _cosmetic(REGION_PEN), _cosmetic(OUTSIDE_PEN)
        styles = fill_styles(self._items, self._statuses, self._region, self._pressures, self._overlay.ramp)
        for code, item in self._items.items():
            style = styles[code]
            if self._applied.get(code) == style:
                continue
            self._applied[code] = style
            item.setBrush(QColor(*style.colour))
            item.setPen(region_pen if style.emphasised else outside_pen)
            item.setZValue(2 if style.emphasised else 1)
            hatch = self._hatches.get(code)
            if style.hatched and hatch is None:
                hatch = QGraphicsPathItem(item.path())
                hatch.setPen(Qt.PenStyle.NoPen)
                hatch.setBrush(QBrush(HATCH, Qt.BrushStyle.BDiagPattern))
                hatch.setZValue(3)
                hatch.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
                self.scene().addItem(hatch)
                self._hatches[code] = hatch
            if hatch is not None:
                hatch.setVisible(style.hatched)
        self.viewport().update()

    # ------------------------------------------------------- tooltips, sites

    def set_tooltips(self, tooltips: Mapping[str, str]) -> None:
        self._tooltips = dict(tooltips)

    def tooltip_for(self, code: str) -> str:
        if code in self._tooltips:
            return self._tooltips[code]
        name = self._layer.name(code) if self._layer is not None else code
        return f"{name} ({code})"

    def set_sites(self, sites: Sequence[Site]) -> None:
        """Site markers: chosen = filled star, alternatives = circles; labels keep their size."""
        for marker in self._sites:
            self.scene().removeItem(marker)
        self._sites = []
        self._site_points = [(x, y) for _name, x, y, _chosen in sites]
        for name, x, y, chosen in sites:
            marker = SiteMarker(name, chosen)
            marker.setPos(*rd_to_scene(x, y))
            marker.setZValue(21 if chosen else 20)
            marker.setToolTip(
                f"{name} ({text('chosen_site' if chosen else 'alternative_site', self._overlay.lang)})"
            )
            self.scene().addItem(marker)
            self._sites.append(marker)
        self._declutter_labels()

    def _declutter_labels(self) -> None:
        """Put each site label right of its marker, or left when it would run off the map's
        right edge; hide labels that would overlap a label already placed (chosen site first)."""
        placed: list[QRectF] = []
        width = self.viewport().width()
        for marker in sorted(self._sites, key=lambda m: not m.chosen):
            at = QPointF(self.mapFromScene(marker.pos()))
            right = marker.label_rect(left=False).translated(at)
            left = marker.label_rect(left=True).translated(at)
            marker.set_label_left(right.right() > width and left.left() >= 0)
            rect = left if marker.label_left() else right
            free = not any(rect.intersects(other) for other in placed)
            marker.set_label_visible(free)
            if free:
                placed.append(rect)

    def set_scan_points(self, points: Sequence[ScanPointSpec]) -> None:
        """The points of a scan from a file (none: removes them)."""
        for item in self._scan_points:
            self.scene().removeItem(item)
        self._scan_points = []
        for x, y, rgb, rank, tip in points:
            item = ScanPoint(rgb, rank, tip)
            item.setPos(*rd_to_scene(x, y))
            self.scene().addItem(item)
            self._scan_points.append(item)

    def scan_points(self) -> list[ScanPoint]:
        return list(self._scan_points)

    def site_markers(self) -> list[SiteMarker]:
        return list(self._sites)

    def set_selected(self, code: str | None) -> None:
        self._selected = code if code in self._items else None
        self._update_outline(self._selected_item, self._selected)

    def selected(self) -> str | None:
        return self._selected

    def _update_outline(self, item: QGraphicsPathItem, code: str | None) -> None:
        items = [item, self._selected_halo] if item is self._selected_item else [item]
        for it in items:
            if code is None or code not in self._items:
                it.setVisible(False)
            else:
                it.setPath(self._items[code].path())
                it.setVisible(True)
        self.viewport().update()

    # ----------------------------------------------------------- view control

    def _content_bounds(self) -> Bounds | None:
        return self._layer.bounds if self._layer is not None else None

    def _region_bounds(self) -> Bounds | None:
        """The region, or the coloured municipalities, or the whole map."""
        if self._layer is None:
            return None
        codes = self._region if self._region else set(self._statuses or self._pressures or ())
        bounds = (self._layer.bounds_of(codes) if codes else None) or self._layer.bounds
        if self._site_points:  # zoom to the region *and* every candidate site
            xs = [bounds[0], bounds[2], *(x for x, _y in self._site_points)]
            ys = [bounds[1], bounds[3], *(y for _x, y in self._site_points)]
            bounds = (min(xs), min(ys), max(xs), max(ys))
        return bounds

    def _view_changed(self) -> None:
        self._declutter_labels()
        mpp = self.metres_per_pixel()
        if self.names is not None:
            self.names.update(self, mpp)
        self._overlay.metres_per_pixel = mpp
        if self._layer is not None:
            detailed = 0 < mpp < self._layer.tolerance_m * DETAIL_FACTOR
            if detailed != self._detailed:
                self._use_detail(detailed)
        self.viewport().update()

    def _use_detail(self, detailed: bool) -> None:
        assert self._layer is not None
        paths = self._paths[detailed]
        if not paths:
            paths.update({c: path_from_rings(self._layer.detail_rings[c]) for c in self._layer.codes})
        for code, item in self._items.items():
            item.setPath(paths[code])
            if code in self._hatches:
                self._hatches[code].setPath(paths[code])
        self._detailed = detailed
        self._update_outline(self._selected_item, self._selected)
        self._update_outline(self._hover_item, self._hover)

    def is_detailed(self) -> bool:
        return self._detailed

    # ----------------------------------------------------------------- events

    def code_at(self, pos: QPoint | QPointF) -> str | None:
        if self._layer is None:
            return None
        return self._layer.hit(*self.rd_at(pos))

    def set_add_site_mode(self, enabled: bool) -> None:
        self._overlay.add_site_mode = enabled
        self.setDragMode(QGraphicsView.DragMode.NoDrag if enabled else QGraphicsView.DragMode.ScrollHandDrag)
        self.viewport().setCursor(Qt.CursorShape.CrossCursor if enabled else Qt.CursorShape.OpenHandCursor)
        self.viewport().update()

    def set_tick_region_mode(self, enabled: bool) -> None:
        """Show the hint that clicks now add municipalities to the region or remove them."""
        self._overlay.tick_region_mode = enabled
        self.viewport().update()

    def add_site_mode(self) -> bool:
        return self._overlay.add_site_mode

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self._press = self._last_drag = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        super().mouseReleaseEvent(event)
        if event.button() != Qt.MouseButton.LeftButton or self._press is None:
            return
        pos = event.position().toPoint()
        moved = (pos - self._press).manhattanLength()
        self._press = None
        if moved > CLICK_SLOP_PX:
            self._auto_fit = None
            return
        if self._overlay.add_site_mode:
            x, y = self.rd_at(pos)
            self.siteRequested.emit(x, y)
            return
        code = self.code_at(pos)
        if code is not None:
            self.set_selected(code)
            self.municipalityClicked.emit(code)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        super().mouseMoveEvent(event)
        if event.buttons() & Qt.MouseButton.LeftButton:
            if self._overlay.add_site_mode and self._last_drag is not None:
                # no hand-drag in add-site mode (it would replace the cross cursor): pan by hand
                pos = event.position().toPoint()
                delta = pos - self._last_drag
                self._last_drag = pos
                self.pan_by(-delta.x(), -delta.y())
            return
        code = self.code_at(event.position())
        if code != self._hover:
            self._hover = code
            self._update_outline(self._hover_item, code)
            self.hovered.emit(code or "")
        if code is None:
            QToolTip.hideText()
        else:
            # the tooltip stays while the pointer rests on the municipality
            QToolTip.showText(
                event.globalPosition().toPoint(), self.tooltip_for(code), self.viewport(), QRect(), TOOLTIP_MS
            )

    def viewportEvent(self, event: QEvent) -> bool:
        """Answer the pointer's rest (a tooltip event) with the municipality's tooltip: the
        scene would otherwise find no item tooltip there and hide ours after ~0.7 s."""
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            pos = event.pos()
            if not any(item.toolTip() for item in self.items(pos)):  # a site marker's own tooltip
                code = self.code_at(QPointF(pos))
                if code is not None:
                    QToolTip.showText(
                        event.globalPos(), self.tooltip_for(code), self.viewport(), QRect(), TOOLTIP_MS
                    )
                    return True
        return super().viewportEvent(event)

    def leaveEvent(self, event: object) -> None:
        if self._hover is not None:
            self._hover = None
            self._update_outline(self._hover_item, None)
            self.hovered.emit("")
        super().leaveEvent(event)  # type: ignore[arg-type]

    # ---------------------------------------------------------------- drawing

    def drawForeground(self, painter: QPainter, rect: QRectF | object) -> None:
        """Overlays in viewport pixels, also when rendered into an export."""
        painter.save()
        inverse, ok = self.viewportTransform().inverted()
        if ok:
            painter.setTransform(inverse * painter.transform())
            vp = self.viewport().rect()
            paint_overlays(painter, vp.width(), vp.height(), self._overlay)
        painter.restore()

    def render_image(self, scale: float = 1.0) -> QImage:
        """The current view with its overlays as an image (``scale`` × the viewport pixels)."""
        return export.render_image(self, BACKGROUND, scale)

    def export_png(self, path: str | Path, scale: float = 1.0) -> Path:
        """Save the current view as PNG (``scale`` 2 doubles the pixel size, for print)."""
        return export.export_png(self, BACKGROUND, path, scale)

    def export_svg(self, path: str | Path) -> Path:
        """Save the current view as SVG (vector polygons, overlays included)."""
        return export.export_svg(
            self,
            BACKGROUND,
            path,
            text("svg_title", self._overlay.lang),
            text("attribution", self._overlay.lang),
        )
