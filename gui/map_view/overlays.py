"""Map overlays painted in viewport pixels: legend, scale bar, north arrow, attribution.

Pure painting functions over a ``QPainter`` whose transform maps viewport pixels
to the device, so the same code draws on screen and in PNG/SVG exports.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QBrush, QColor, QFontMetricsF, QLinearGradient, QPainter, QPainterPath, QPen

from ber.maplayer import PressureRamp, legend_entries, nice_scale_bar
from ber.texts.catalogue import LangTable
from ber.texts.catalogue import text as catalogue_text
from ber.texts.messages import Lang

#: every user-visible string of the map widget (``map.view.*`` in the catalogue)
TEXTS: Mapping[str, dict[str, str]] = LangTable("map.view.")

MARGIN = 10.0
PANEL_BRUSH = QColor(255, 255, 255, 225)
PANEL_PEN = QColor(120, 120, 120)
TEXT_COLOUR = QColor(20, 20, 20)


def text(key: str, lang: Lang) -> str:
    return catalogue_text(f"map.view.{key}", lang)


@dataclass
class OverlayState:
    """What the overlays show; the view keeps one and passes it in."""

    lang: Lang = "nl"
    domain_label: str = ""
    ramp: PressureRamp | None = None  # None: status legend
    metres_per_pixel: float = 0.0
    add_site_mode: bool = False
    tick_region_mode: bool = False


def paint_overlays(painter: QPainter, width: float, height: float, state: OverlayState) -> None:
    """Paint every overlay into a ``width`` × ``height`` pixel viewport."""
    painter.setRenderHint(QPainter.RenderHint.Antialiasing, True)
    _legend(painter, height, state)
    bottom = _attribution(painter, width, height, state.lang)
    _scale_bar(painter, width, bottom, state.metres_per_pixel)
    _north_arrow(painter, width)
    if state.add_site_mode:
        _hint(painter, width, text("add_site_hint", state.lang))
    elif state.tick_region_mode:
        _hint(painter, width, text("tick_region_hint", state.lang))


def _panel(painter: QPainter, rect: QRectF) -> None:
    painter.setPen(QPen(PANEL_PEN, 1))
    painter.setBrush(PANEL_BRUSH)
    painter.drawRoundedRect(rect, 4, 4)


def _swatch(painter: QPainter, rect: QRectF, rgb: tuple[int, int, int], hatched: bool) -> None:
    painter.setPen(QPen(QColor(90, 90, 90), 1))
    painter.setBrush(QColor(*rgb))
    painter.drawRect(rect)
    if hatched:
        painter.setBrush(QBrush(QColor(90, 90, 90), Qt.BrushStyle.BDiagPattern))
        painter.drawRect(rect)


def _legend(painter: QPainter, height: float, state: OverlayState) -> None:
    fm = QFontMetricsF(painter.font())
    line = fm.height() + 4
    title = text("legend_title", state.lang)
    if state.domain_label:
        title = f"{title}: {state.domain_label}"
    entries = legend_entries(state.lang)
    if state.ramp is not None:
        entries = [e for e in entries if e.key in ("grey", "outside")]
        rows = len(entries) + 2  # gradient bar and its ticks
    else:
        rows = len(entries)
    ticks = state.ramp.tick_labels(state.lang) if state.ramp is not None else []
    widths = [fm.horizontalAdvance(title)] + [fm.horizontalAdvance(e.label) + 26 for e in entries]
    box_w = max([*widths, 170.0]) + 16
    box_h = line * (rows + 1) + 10
    box = QRectF(MARGIN, height - MARGIN - box_h, box_w, box_h)
    _panel(painter, box)
    x, y = box.left() + 8, box.top() + 5
    painter.setPen(TEXT_COLOUR)
    painter.drawText(QRectF(x, y, box_w - 16, line), Qt.AlignmentFlag.AlignVCenter, title)
    y += line
    if state.ramp is not None:
        bar = QRectF(x, y + 3, box_w - 16 - 12, line - 6)
        gradient = QLinearGradient(bar.topLeft(), bar.topRight())
        for pressure, rgb in state.ramp.stops():
            gradient.setColorAt(pressure / state.ramp.maximum, QColor(*rgb))
        painter.setPen(QPen(QColor(90, 90, 90), 1))
        painter.setBrush(QBrush(gradient))
        painter.drawRect(bar)
        y += line
        painter.setPen(TEXT_COLOUR)
        for fraction, label in ticks:
            tx = bar.left() + fraction * bar.width()
            tw = fm.horizontalAdvance(label)
            left = max(bar.left() - 2, min(tx - tw / 2, bar.right() + 12 - tw))
            painter.drawText(QPointF(left, y + fm.ascent()), label)
        y += line
    for entry in entries:
        _swatch(painter, QRectF(x, y + 3, 18, line - 6), entry.colour, entry.hatched)
        painter.setPen(TEXT_COLOUR)
        painter.drawText(QRectF(x + 26, y, box_w - 42, line), Qt.AlignmentFlag.AlignVCenter, entry.label)
        y += line


def _attribution(painter: QPainter, width: float, height: float, lang: Lang) -> float:
    """Draw the source line at the bottom right; return the top of it."""
    font = painter.font()
    small = painter.font()
    small.setPointSizeF(max(font.pointSizeF() * 0.85, 6.0))
    painter.setFont(small)
    fm = QFontMetricsF(small)
    label = text("attribution", lang)
    w, h = fm.horizontalAdvance(label) + 8, fm.height() + 2
    rect = QRectF(width - MARGIN - w, height - MARGIN / 2 - h, w, h)
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(PANEL_BRUSH)
    painter.drawRect(rect)
    painter.setPen(TEXT_COLOUR)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
    painter.setFont(font)
    return rect.top()


def _scale_bar(painter: QPainter, width: float, bottom: float, metres_per_pixel: float) -> None:
    length_m, label = nice_scale_bar(metres_per_pixel, min(160.0, width / 4))
    if not label:
        return
    px = length_m / metres_per_pixel
    fm = QFontMetricsF(painter.font())
    right = width - MARGIN - 4
    bar_y = bottom - 6 - 6
    box = QRectF(right - px - 8, bar_y - fm.height() - 4, px + 16, fm.height() + 14)
    _panel(painter, box)
    left = right - px - 4 + 4
    half = px / 2
    painter.setPen(QPen(QColor(20, 20, 20), 1))
    painter.setBrush(QColor(20, 20, 20))
    painter.drawRect(QRectF(left, bar_y, half, 5))
    painter.setBrush(QColor(255, 255, 255))
    painter.drawRect(QRectF(left + half, bar_y, half, 5))
    painter.setPen(TEXT_COLOUR)
    tw = fm.horizontalAdvance(label)
    painter.drawText(QPointF(left + px / 2 - tw / 2, bar_y - 3), label)


def _north_arrow(painter: QPainter, width: float) -> None:
    cx, top = width - MARGIN - 16, MARGIN + 4
    box = QRectF(cx - 16, top - 4, 32, 50)
    _panel(painter, box)
    arrow = QPainterPath()
    arrow.moveTo(cx, top + 2)
    arrow.lineTo(cx + 8, top + 24)
    arrow.lineTo(cx, top + 19)
    arrow.lineTo(cx - 8, top + 24)
    arrow.closeSubpath()
    painter.setPen(QPen(QColor(20, 20, 20), 1))
    painter.setBrush(QColor(20, 20, 20))
    painter.drawPath(arrow)
    painter.setPen(TEXT_COLOUR)
    painter.drawText(QRectF(cx - 14, top + 25, 28, 18), Qt.AlignmentFlag.AlignCenter, text("north", "nl"))


def _hint(painter: QPainter, width: float, label: str) -> None:
    fm = QFontMetricsF(painter.font())
    w, h = fm.horizontalAdvance(label) + 20, fm.height() + 10
    rect = QRectF((width - w) / 2, MARGIN, w, h)
    _panel(painter, rect)
    painter.setPen(TEXT_COLOUR)
    painter.drawText(rect, Qt.AlignmentFlag.AlignCenter, label)
