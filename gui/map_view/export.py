"""Export the current map view (with overlays) to an image, PNG or SVG."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QRectF, QSize
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QGraphicsView


def render_image(view: QGraphicsView, background: QColor, scale: float = 1.0) -> QImage:
    """Render what the view shows into a new image, ``scale`` times the viewport's pixels.

    The image gets a device pixel ratio of ``scale``, so markers, labels and
    overlays grow with the map instead of shrinking relative to it.
    """
    vp = view.viewport().rect()
    size = QSize(max(1, round(vp.width() * scale)), max(1, round(vp.height() * scale)))
    image = QImage(size, QImage.Format.Format_RGB32)  # opaque: faster to encode as PNG
    image.setDevicePixelRatio(scale)
    image.fill(background)
    painter = QPainter(image)
    painter.setRenderHints(view.renderHints())
    view.render(painter, QRectF(0, 0, vp.width(), vp.height()), vp)
    painter.end()
    return image


def export_png(view: QGraphicsView, background: QColor, path: str | Path, scale: float = 1.0) -> Path:
    """Write the current view to a PNG; ``scale`` multiplies the pixel size."""
    if not (0 < scale <= 8):
        raise ValueError(f"scale must be in (0, 8], got {scale}")
    image = render_image(view, background, scale)
    target = Path(path)
    if not image.save(str(target), "PNG"):  # type: ignore[call-overload]
        raise OSError(f"could not write {target}")
    return target


def export_svg(
    view: QGraphicsView, background: QColor, path: str | Path, title: str, description: str
) -> Path:
    """Write the current view to an SVG file (polygons as vector paths)."""
    from PySide6.QtSvg import QSvgGenerator

    vp = view.viewport().rect()
    target = Path(path)
    generator = QSvgGenerator()
    generator.setFileName(str(target))
    generator.setSize(vp.size())
    generator.setResolution(view.logicalDpiX())
    generator.setViewBox(QRectF(0, 0, vp.width(), vp.height()))
    generator.setTitle(title)
    generator.setDescription(description)
    painter = QPainter(generator)
    painter.setRenderHints(view.renderHints())
    painter.fillRect(QRectF(0, 0, vp.width(), vp.height()), background)
    view.render(painter, QRectF(0, 0, vp.width(), vp.height()), vp)
    painter.end()
    if not target.is_file() or target.stat().st_size == 0:
        raise OSError(f"could not write {target}")
    return target
