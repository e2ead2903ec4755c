"""``PanZoomView``: a QGraphicsView over RD New metres with wheel, drag and keyboard navigation.

The base of ``MapView``. Scene coordinates are RD metres with the y axis flipped
(``ber.maplayer.rd_to_scene``). Subclasses give the content bounds and react to
view changes in ``_view_changed``.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QKeyEvent, QResizeEvent, QWheelEvent
from PySide6.QtWidgets import QGraphicsView, QWidget

from ber.maplayer import Bounds, rd_to_scene, scene_to_rd

ZOOM_STEP = 1.25
#: closest zoom: 2 m per pixel; farthest: the content at a third of the fitted size
MAX_SCALE = 0.5
MIN_SCALE_OF_FIT = 1 / 3
FIT_MARGIN = 0.04


class PanZoomView(QGraphicsView):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.NoAnchor)
        self.setResizeAnchor(QGraphicsView.ViewportAnchor.AnchorViewCenter)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        #: the last fit ("all" or "region") is redone on resize until the user zooms or pans
        self._auto_fit: str | None = None

    # hooks for subclasses
    def _content_bounds(self) -> Bounds | None:
        return None

    def _region_bounds(self) -> Bounds | None:
        return self._content_bounds()

    def _view_changed(self) -> None:
        self.viewport().update()

    # coordinates
    def metres_per_pixel(self) -> float:
        scale = self.transform().m11()
        return 1.0 / scale if scale > 0 else 0.0

    def rd_at(self, pos: QPoint | QPointF) -> tuple[float, float]:
        """RD New metres of a viewport position."""
        scene = self.mapToScene(QPointF(pos).toPoint())
        return scene_to_rd(scene.x(), scene.y())

    def viewport_pos_of(self, x: float, y: float) -> QPoint:
        """Viewport position of an RD New point (for tests and callers placing popups)."""
        return self.mapFromScene(QPointF(*rd_to_scene(x, y)))

    # fitting, zooming, panning
    def fit_all(self) -> None:
        """Show all content."""
        bounds = self._content_bounds()
        if bounds is not None:
            self._fit_bounds(bounds)
            self._auto_fit = "all"

    def fit_region(self) -> None:
        """Show the region (subclasses say what it is; default: everything)."""
        bounds = self._region_bounds()
        if bounds is not None:
            self._fit_bounds(bounds)
            self._auto_fit = "region"

    def _fit_bounds(self, bounds: Bounds) -> None:
        xmin, ymin, xmax, ymax = bounds
        sx, sy = rd_to_scene(xmin, ymax)
        w, h = xmax - xmin, ymax - ymin
        margin = FIT_MARGIN * max(w, h)
        self.resetTransform()
        self.fitInView(
            QRectF(sx - margin, sy - margin, w + 2 * margin, h + 2 * margin),
            Qt.AspectRatioMode.KeepAspectRatio,
        )
        self._view_changed()

    def _scale_limits(self) -> tuple[float, float]:
        bounds = self._content_bounds()
        if bounds is None:
            return (1e-9, 1e9)
        xmin, ymin, xmax, ymax = bounds
        vp = self.viewport().rect()
        fit = min(vp.width() / max(xmax - xmin, 1.0), vp.height() / max(ymax - ymin, 1.0))
        return (fit * MIN_SCALE_OF_FIT, MAX_SCALE)

    def zoom_by(self, factor: float, anchor: QPointF | QPoint | None = None) -> None:
        """Zoom by ``factor`` keeping the scene point under ``anchor`` (viewport pixels) in place."""
        anchor_f = QPointF(anchor) if anchor is not None else QPointF(self.viewport().rect().center())
        before = self.mapToScene(anchor_f.toPoint())
        current = self.transform().m11()
        low, high = self._scale_limits()
        target = min(max(current * factor, low), high)
        if current <= 0 or abs(target / current - 1.0) < 1e-9:
            return
        self._auto_fit = None
        self.scale(target / current, target / current)
        after = self.mapFromScene(before)
        self._scroll_by(after.x() - anchor_f.x(), after.y() - anchor_f.y())
        self._view_changed()

    def pan_by(self, dx: float, dy: float) -> None:
        """Move the view by (dx, dy) viewport pixels (positive = content moves left/up)."""
        self._auto_fit = None
        self._scroll_by(dx, dy)

    def _scroll_by(self, dx: float, dy: float) -> None:
        h, v = self.horizontalScrollBar(), self.verticalScrollBar()
        h.setValue(h.value() + round(dx))
        v.setValue(v.value() + round(dy))
        self._view_changed()

    # events
    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120.0
        if steps:
            self.zoom_by(ZOOM_STEP**steps, event.position())
        event.accept()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        vp = self.viewport().rect()
        step_x, step_y = vp.width() * 0.1, vp.height() * 0.1
        actions: dict[Qt.Key, Callable[[], None]] = {
            Qt.Key.Key_Plus: lambda: self.zoom_by(ZOOM_STEP),
            Qt.Key.Key_Equal: lambda: self.zoom_by(ZOOM_STEP),
            Qt.Key.Key_Minus: lambda: self.zoom_by(1 / ZOOM_STEP),
            Qt.Key.Key_0: self.fit_region,
            Qt.Key.Key_Left: lambda: self.pan_by(-step_x, 0),
            Qt.Key.Key_Right: lambda: self.pan_by(step_x, 0),
            Qt.Key.Key_Up: lambda: self.pan_by(0, -step_y),
            Qt.Key.Key_Down: lambda: self.pan_by(0, step_y),
        }
        action = actions.get(Qt.Key(event.key()))
        if action is None:
            super().keyPressEvent(event)
            return
        action()
        event.accept()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._auto_fit == "all":
            self.fit_all()
        elif self._auto_fit == "region":
            self.fit_region()
        else:
            self._view_changed()
