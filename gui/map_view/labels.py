"""Municipality names on the map, shown at regional zoom and decluttered.

A label sits at the middle of a municipality's largest ring; it keeps its pixel size
(ignores the view transform). Labels appear when the map is zoomed in to at most
:data:`LABEL_MAX_M_PER_PX` metres per pixel (a region, not the whole country) and
are placed largest municipality first, skipping any that would overlap one placed.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPen, QTransform
from PySide6.QtWidgets import QGraphicsItem, QGraphicsScene, QGraphicsSimpleTextItem, QGraphicsView

from ber.maplayer import MapLayer, rd_to_scene

#: names appear from this zoom on (metres per pixel): a region of ~100 km across
LABEL_MAX_M_PER_PX = 160.0
LABEL_COLOUR = QColor("#37474f")


class MunicipalityLabels:
    """The name items of one map layer."""

    def __init__(self, scene: QGraphicsScene, layer: MapLayer) -> None:
        self.items: list[QGraphicsSimpleTextItem] = []
        #: names can be switched off (a test that samples fill colours under them)
        self.enabled = True
        font = QFont()
        font.setPointSizeF(max(7.0, font.pointSizeF() * 0.85))
        order: list[tuple[float, str, float, float]] = []
        for code in layer.codes:
            rings = layer.rings.get(code) or []
            if not rings:
                continue
            ring = max(
                rings,
                key=lambda r: float(abs((r[:, 0].max() - r[:, 0].min()) * (r[:, 1].max() - r[:, 1].min()))),
            )
            xmin, ymin = ring[:, 0].min(), ring[:, 1].min()
            xmax, ymax = ring[:, 0].max(), ring[:, 1].max()
            order.append((float((xmax - xmin) * (ymax - ymin)), code, (xmin + xmax) / 2, (ymin + ymax) / 2))
        for _area, code, x, y in sorted(order, reverse=True):
            item = QGraphicsSimpleTextItem(layer.name(code))
            item.setFont(font)
            item.setBrush(QBrush(LABEL_COLOUR))
            item.setPen(QPen(QColor(255, 255, 255, 0)))
            item.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
            item.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
            item.setAcceptHoverEvents(False)
            item.setZValue(15)
            item.setData(0, code)
            rect = item.boundingRect()
            item.setPos(*rd_to_scene(x, y))
            # centred on the point (in pixels: the item ignores the view's scale)
            item.setTransform(QTransform.fromTranslate(-rect.width() / 2, -rect.height() / 2))
            item.setVisible(False)
            scene.addItem(item)
            self.items.append(item)

    def update(self, view: QGraphicsView, metres_per_pixel: float) -> None:
        """Show the names that fit, at a regional zoom or closer."""
        show = self.enabled and 0 < metres_per_pixel <= LABEL_MAX_M_PER_PX
        placed: list[QRectF] = []
        viewport = QRectF(view.viewport().rect())
        for item in self.items:
            if not show:
                item.setVisible(False)
                continue
            at = QPointF(view.mapFromScene(item.pos()))
            box = item.boundingRect()
            shift = QPointF(-box.width() / 2, -box.height() / 2)
            rect = box.translated(at + shift).adjusted(-3, -2, 3, 2)
            free = viewport.intersects(rect) and not any(rect.intersects(other) for other in placed)
            item.setVisible(free)
            if free:
                placed.append(rect)

    def visible_names(self) -> list[str]:
        return [item.text() for item in self.items if item.isVisible()]

    def remove(self, scene: QGraphicsScene) -> None:
        for item in self.items:
            scene.removeItem(item)
        self.items = []
