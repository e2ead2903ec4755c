"""Finding the main window's line edits by object name and typing into them as a user does,
for the GUI tests that type values and read the field's error message."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit


def line_edit(window: Any, name: str) -> QLineEdit:
    """The QLineEdit called ``name`` in ``window``; fails the test when there is none."""
    edit = window.findChild(QLineEdit, name)
    assert edit is not None, name
    return edit


def type_text(qtbot: Any, edit: QLineEdit, text: str) -> None:
    """Select all, erase, type ``text`` with real key clicks and press Enter: as a user does."""
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClick(edit, Qt.Key.Key_Backspace)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def field_message(edit: QLineEdit) -> str:
    """The text of the visible error label(s) under the field."""
    labels = [w for w in edit.parentWidget().findChildren(QLabel) if w.isVisibleTo(edit.window())]
    return "\n".join(label.text() for label in labels)
