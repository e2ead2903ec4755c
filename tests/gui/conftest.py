"""Fixtures for the desktop application tests (offscreen Qt, temporary user data)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def make_window(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> Iterator[Any]:
    """Build main windows as ``ber-desk`` does (demo case, Dutch); closes them afterwards.

    The screen offers 1920×1050 pixels (the window opens at its preferred 1280×800); a
    new case asks for no home municipality: the answer is Venlo.
    """
    from PySide6.QtCore import QRect
    from PySide6.QtGui import QScreen
    from PySide6.QtWidgets import QMessageBox

    import gui.documents
    import gui.exports

    monkeypatch.setattr(gui.exports, "ask_open_file", lambda parent, path: False)
    monkeypatch.setattr(gui.documents, "ask_unsaved", lambda parent: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(gui.documents, "ask_home_municipality", lambda parent, choices: "GM0983")
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(0, 0, 1920, 1050))
    windows = []

    def make(lang: str = "nl") -> Any:
        from gui.app import build_window

        window = build_window(lang)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: window.result is not None, timeout=10_000)
        # the map data loads in a worker and replaces the context (a new calculation): the
        # first result now arrives before it, so wait for the window to be settled
        from gui.workers import running_jobs

        calc = window.calculation
        qtbot.waitUntil(lambda: running_jobs() == 0 and not calc.running and not calc.wanted, timeout=10_000)
        windows.append(window)
        return window

    yield make
    from gui.texts import set_language

    for w in windows:
        w.state.undo_stack.setClean()
        w.close()
    set_language("nl")
