"""The points of a scan from a file of business parks: a disc per point in the colour of
its worst verdict or its rank, with the rank written in it. Like the site markers they
ignore the view transform (constant pixel size) and leave clicks to the map."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QGraphicsItem, QStyleOptionGraphicsItem, QWidget

RGB = tuple[int, int, int]
#: one scan point: x, y (RD New metres), fill colour, rank, tooltip
ScanPointSpec = tuple[float, float, RGB, int, str]


class ScanPoint(QGraphicsItem):
    """A business park of a scan: a disc in its colour with its rank."""

    RADIUS = 9.0

    def __init__(self, rgb: RGB, rank: int, tooltip: str) -> None:
        super().__init__()
        self.rgb = rgb
        self.rank = rank
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations, True)
        self.setAcceptedMouseButtons(Qt.MouseButton.NoButton)
        self.setZValue(23 - rank / 1_000_000)  # above the site markers; the best on top
        self.setToolTip(tooltip)
        self._font = QFont()
        self._font.setPixelSize(9)
        self._font.setBold(True)

    def boundingRect(self) -> QRectF:
        r = self.RADIUS + 3
        return QRectF(-r, -r, 2 * r, 2 * r)

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
        painter.setPen(QPen(QColor(255, 255, 255, 230), 3.0))
        painter.setBrush(QColor(*self.rgb))
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)
        painter.setPen(QPen(QColor(20, 20, 20), 1.2))
        painter.drawEllipse(QPointF(0, 0), self.RADIUS, self.RADIUS)
        dark = sum(self.rgb) < 3 * 128
        painter.setPen(QColor(255, 255, 255) if dark else QColor(20, 20, 20))
        painter.setFont(self._font)
        r = self.RADIUS
        painter.drawText(QRectF(-r, -r, 2 * r, 2 * r), Qt.AlignmentFlag.AlignCenter, str(self.rank))
