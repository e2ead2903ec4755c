"""Finding the main window's line edits by object name, for the GUI tests that type into them."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLineEdit


def line_edit(window: Any, name: str) -> QLineEdit:
    """The QLineEdit called ``name`` in ``window``; fails the test when there is none."""
    edit = window.findChild(QLineEdit, name)
    assert edit is not None, name
    return edit
