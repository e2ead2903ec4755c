"""Pages that show results say so when the input has problems: greyed, under a banner.

While the input has problems no calculation runs, so the results, map and report pages
still show the last valid input. :class:`StaleFrame` wraps such a page: a banner on top
names the problems, and the page itself is greyed (still readable and scrollable).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QResizeEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from gui.texts import tr

BANNER_STYLE = "background: #fff3cd; color: #5c4400; border: 1px solid #e0b84c; padding: 6px;"
#: how opaque the pale veil over a stale page is
STALE_OPACITY = 0.55


class StaleFrame(QWidget):
    """A page with a banner that appears while the input has problems."""

    def __init__(self, page: QWidget) -> None:
        super().__init__()
        self.page = page
        self.setObjectName(page.objectName() + "_frame")
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        lay.setSpacing(0)
        self.banner = QLabel()
        self.banner.setObjectName(page.objectName() + "_stale")
        self.banner.setWordWrap(True)
        self.banner.setTextFormat(Qt.TextFormat.PlainText)
        self.banner.setStyleSheet(BANNER_STYLE)
        self.banner.setVisible(False)
        lay.addWidget(self.banner)
        lay.addWidget(page, 1)
        # greyed: a translucent veil over the page that lets the mouse through (scrolling,
        # reading tooltips still work); a QGraphicsEffect would repaint badly over scroll areas
        self.veil = _Veil(self)
        self.veil.setVisible(False)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.veil.setGeometry(self.page.geometry())

    @property
    def stale(self) -> bool:
        return not self.banner.isHidden()

    def set_problems(self, problems: list[str]) -> None:
        """Show the banner naming ``problems`` (located texts) and grey the page; [] undoes it."""
        if not problems:
            self.banner.setVisible(False)
            self.veil.setVisible(False)
            return
        shown = problems[:5]
        more = len(problems) - len(shown)
        lines = [tr("stale.banner", count=len(problems))] + [f"• {p}" for p in shown]
        if more:
            lines.append(tr("stale.more", count=more))
        self.banner.setText("\n".join(lines))
        self.banner.setVisible(True)
        layout = self.layout()
        if layout is not None:
            layout.activate()  # the banner moved the page down: the veil follows
        self.veil.setGeometry(self.page.geometry())
        self.veil.setVisible(True)
        self.veil.raise_()

    @property
    def greyed(self) -> bool:
        return not self.veil.isHidden()


class _Veil(QWidget):
    """Pale translucent cover of a stale page; transparent for the mouse."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("stale_veil")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents, True)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.fillRect(self.rect(), QColor(238, 238, 238, round(255 * STALE_OPACITY)))
        painter.end()
