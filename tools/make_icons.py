"""Write the BER-desk icons into ber/desktop/: the SVG sources and PNGs rendered from them.

The application icon is a map pin over three bars in the traffic-light colours of the
verdicts (green, amber, red) on a dark-blue rounded square; the icon of a ``.ber`` case
file is a sheet of paper with a folded corner that carries the same mark. The PNGs are
rendered with Qt's SVG renderer, so they match the SVGs exactly.

    .venv/bin/python tools/make_icons.py
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

FOLDER = Path(__file__).resolve().parent.parent / "ber" / "desktop"

APP_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>BER-desk</title>
  <rect x="8" y="8" width="240" height="240" rx="44" fill="#1d4e89"/>
  <rect x="48" y="150" width="40" height="62" rx="6" fill="#3fae5a"/>
  <rect x="108" y="124" width="40" height="88" rx="6" fill="#f2b233"/>
  <rect x="168" y="96" width="40" height="116" rx="6" fill="#e0483e"/>
  <path d="M128 30c-27.6 0-50 21.5-50 48 0 33 50 78 50 78s50-45 50-78c0-26.5-22.4-48-50-48z"
        fill="#ffffff" stroke="#1d4e89" stroke-width="6"/>
  <circle cx="128" cy="78" r="18" fill="#1d4e89"/>
</svg>
"""

CASE_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="256" height="256" viewBox="0 0 256 256">
  <title>BER-desk case</title>
  <path d="M48 12h112l56 56v176H48z" fill="#ffffff" stroke="#1d4e89" stroke-width="10"
        stroke-linejoin="round"/>
  <path d="M160 12v56h56" fill="#dbe6f3" stroke="#1d4e89" stroke-width="10" stroke-linejoin="round"/>
  <rect x="74" y="170" width="28" height="48" rx="4" fill="#3fae5a"/>
  <rect x="116" y="148" width="28" height="70" rx="4" fill="#f2b233"/>
  <rect x="158" y="126" width="28" height="92" rx="4" fill="#e0483e"/>
  <path d="M118 40c-19.3 0-35 15-35 33.6 0 23.1 35 54.6 35 54.6s35-31.5 35-54.6C153 55 137.3 40 118 40z"
        fill="#1d4e89"/>
  <circle cx="118" cy="73.6" r="12.6" fill="#ffffff"/>
</svg>
"""

PNG_SIZES = (48, 256)


def render(svg: Path, png: Path, size: int) -> None:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(svg)).render(painter)
    painter.end()
    if not image.save(str(png), "PNG"):
        raise OSError(f"could not write {png}")


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    app = QGuiApplication.instance() or QGuiApplication(sys.argv[:1])
    FOLDER.mkdir(parents=True, exist_ok=True)
    app_svg, case_svg = FOLDER / "ber-desk.svg", FOLDER / "application-x-ber-case.svg"
    app_svg.write_text(APP_SVG, encoding="utf-8")
    case_svg.write_text(CASE_SVG, encoding="utf-8")
    for size in PNG_SIZES:
        render(app_svg, FOLDER / f"ber-desk-{size}.png", size)
        render(case_svg, FOLDER / f"application-x-ber-case-{size}.png", size)
    del app
    print(f"icons written to {FOLDER}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
