"""Window size and position: fit the screen's available area on the first start, then
remember size, position and the maximised state between runs (in the settings).

A remembered position is used only while it still lies on a visible screen (a second
monitor may be gone); the size never exceeds that screen's available area.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QSettings, QSize, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

#: the size the window opens at when the screen has room for it
PREFERRED = QSize(1280, 800)
#: the smallest useful size (reduced on smaller screens so the status bar stays visible)
MINIMUM = QSize(1024, 700)
#: room left for the frame and title bar the window system adds around the window
FRAME = QSize(16, 40)
#: the part of FRAME's height above the window (the title bar)
TITLE = 32
#: how much of the title bar must lie on a screen for a remembered position to count
GRIP = QSize(120, 24)


def screen_areas() -> list[QRect]:
    """The available area (without task bars and docks) of every screen."""
    return [screen.availableGeometry() for screen in QGuiApplication.screens()]


def primary_area() -> QRect:
    screen = QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1280, 800)


def usable(area: QRect) -> QSize:
    """The largest window (without frame) that fits in ``area`` with its frame."""
    return QSize(max(1, area.width() - FRAME.width()), max(1, area.height() - FRAME.height()))


def minimum_for(area: QRect) -> QSize:
    room = usable(area)
    return QSize(min(MINIMUM.width(), room.width()), min(MINIMUM.height(), room.height()))


def first_geometry(area: QRect) -> QRect:
    """The preferred size, shrunk to fit ``area``, centred in it (below the title bar)."""
    room = usable(area)
    size = QSize(min(PREFERRED.width(), room.width()), min(PREFERRED.height(), room.height()))
    x = area.x() + (area.width() - size.width()) // 2
    y = area.y() + TITLE + (room.height() - size.height()) // 2
    return QRect(x, y, size.width(), size.height())


def screen_of(rect: QRect, areas: list[QRect]) -> QRect | None:
    """The screen area that holds enough of ``rect``'s title bar to grab it, or None."""
    strip = QRect(rect.x(), rect.y() - TITLE, rect.width(), TITLE + GRIP.height())
    for area in areas:
        overlap = area.intersected(strip)
        if overlap.width() >= min(GRIP.width(), rect.width()) and overlap.height() >= GRIP.height():
            return area
    return None


def restore_window_state(window: QMainWindow, settings: QSettings) -> bool:
    """Place ``window``: the remembered geometry when it is still on a screen, else the first
    start size. Returns True when the remembered geometry was used."""
    areas = screen_areas() or [primary_area()]
    primary = primary_area()
    window.setMinimumSize(minimum_for(primary))
    try:
        x, y, w, h = (int(str(settings.value(f"window/{k}"))) for k in ("x", "y", "width", "height"))
    except (TypeError, ValueError):
        window.setGeometry(first_geometry(primary))
        return False
    rect = QRect(x, y, w, h)
    area = screen_of(rect, areas) if w > 0 and h > 0 else None
    if area is None:
        window.setGeometry(first_geometry(primary))
        return False
    window.setMinimumSize(minimum_for(area))
    room = usable(area)
    rect.setSize(rect.size().boundedTo(room).expandedTo(window.minimumSize()))
    window.setGeometry(rect)
    if str(settings.value("window/maximised", "false")).lower() in ("true", "1"):
        window.setWindowState(window.windowState() | Qt.WindowState.WindowMaximized)
    return True


def save_window_state(window: QMainWindow, settings: QSettings) -> None:
    maximised = window.isMaximized()
    rect = window.normalGeometry() if maximised and window.normalGeometry().isValid() else window.geometry()
    settings.setValue("window/x", rect.x())
    settings.setValue("window/y", rect.y())
    settings.setValue("window/width", rect.width())
    settings.setValue("window/height", rect.height())
    settings.setValue("window/maximised", maximised)
    settings.sync()
