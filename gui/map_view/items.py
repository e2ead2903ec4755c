"""Graphics items of the map: polygon paths built from numpy rings, site markers."""

from __future__ import annotations

from typing import Any, cast

import numpy as np
import shiboken6
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPainterPath, QPen, QPolygonF
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget


def polygon_from_ring(ring: np.ndarray) -> QPolygonF:
    """A QPolygonF in scene coordinates (y flipped) filled straight from a numpy ring.

    Writes into the polygon's own memory through a buffer (as pyqtgraph does)
    instead of creating one QPointF per vertex.
    """
    n = len(ring)
    polygon = QPolygonF()
    polygon.resize(n)
    if n == 0:
        return polygon
    buffer: Any = shiboken6.VoidPtr(cast(Any, polygon.data()), n * 16, True)  # type: ignore[call-arg]
    memory = np.frombuffer(buffer, dtype=np.float64).reshape(n, 2)
    memory[:, 0] = ring[:, 0]
    np.negative(ring[:, 1], out=memory[:, 1])
    return polygon


def path_from_rings(rings: list[np.ndarray]) -> QPainterPath:
    """One path per municipality; odd-even fill turns interior rings into holes."""
    path = QPainterPath()
    path.setFillRule(Qt.FillRule.OddEvenFill)
    for ring in rings:
        path.addPolygon(polygon_from_ring(ring))
        path.closeSubpath()
    return path


class SiteMarker(QGraphicsItem):
    """A candidate site: a filled star (chosen) or a circle (alternative) with a
    haloed label. Ignores the view transform, so it keeps its pixel size."""

    SIZE = 9.0

    def __init__(self, name: str, chosen: bool) -> None:
        super().__init__()
        self.name = name
        self.chosen = chosen
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(20)
        self._font = QFont()
        self._font.setBold(chosen)
        fm = QFontMetricsF(self._font)
        self._label_path = QPainterPath()
        self._label_path.addText(QPointF(self.SIZE + 5, fm.ascent() / 2 - 1), self._font, name)
        self._label_right = self._label_path
        # the same label left of the marker, for sites near the map's right edge
        self._label_left = self._label_path.translated(-2 * (self.SIZE + 5) - fm.horizontalAdvance(name), 0)
        self._shape = self._marker_path()
        self._label_visible = True
        self._bounds = (
            self._shape.boundingRect()
            .united(self._label_right.boundingRect())
            .united(self._label_left.boundingRect())
            .adjusted(-4, -4, 4, 4)
        )

    def _marker_path(self) -> QPainterPath:
        path = QPainterPath()
        s = self.SIZE
        if self.chosen:
            points = []
            for i in range(10):
                r = s if i % 2 == 0 else s * 0.45
                a = np.pi / 2 + i * np.pi / 5
                points.append(QPointF(r * np.cos(a), -r * np.sin(a)))
            path.addPolygon(QPolygonF(points))
            path.closeSubpath()
        else:
            path.addEllipse(QPointF(0, 0), s * 0.6, s * 0.6)
        return path

    def label_rect(self, left: bool | None = None) -> QRectF:
        """The label's rectangle in pixels relative to the marker position (on its current
        side, or left/right of the marker when ``left`` is given)."""
        path = self._label_path if left is None else self._label_left if left else self._label_right
        return path.boundingRect().adjusted(-2, -2, 2, 2)

    def label_left(self) -> bool:
        return self._label_path is self._label_left

    def set_label_left(self, left: bool) -> None:
        """Put the label left of the marker (it would run off the map on the right)."""
        path = self._label_left if left else self._label_right
        if path is not self._label_path:
            self._label_path = path
            self.update()

    def label_visible(self) -> bool:
        return self._label_visible

    def set_label_visible(self, visible: bool) -> None:
        if visible != self._label_visible:
            self._label_visible = visible
            self.update()

    def boundingRect(self) -> QRectF:
        return self._bounds

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        halo = QPen(QColor(255, 255, 255, 230), 3.5)
        halo.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        painter.setPen(halo)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self._shape)
        if self._label_visible:
            painter.drawPath(self._label_path)
        painter.setPen(QPen(QColor(20, 20, 20), 1.2))
        painter.setBrush(QColor(30, 60, 150) if self.chosen else QColor(255, 255, 255))
        painter.drawPath(self._shape)
        if self._label_visible:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(20, 20, 20))
            painter.drawPath(self._label_path)
