"""What the main window shares with the controllers it owns.

The window builds one :class:`WindowParts` and passes it to each controller
(:class:`gui.documents.DocumentController`, :class:`gui.exports.ExportController`,
:class:`gui.map_region.MapRegionController`, :class:`gui.calculation.CalculationController`,
:class:`gui.register_menu.RegisterMenu`); :class:`WindowController` takes the parts apart
into typed attributes, so every controller receives its dependencies the same way.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QMainWindow

from ber.case.model import Case
from gui.settings import Preferences
from gui.state import Analysis, CaseState


@dataclass(frozen=True)
class WindowParts:
    """The window's shared parts: the case, what is derived from it, the preferences,
    the window itself (parent of dialogs and controllers) and its shared functions."""

    window: QMainWindow
    state: CaseState
    analysis: Analysis
    #: one Preferences object for all (changed in place)
    prefs: Preferences
    #: the one error dialog of the window (title, text)
    show_error: Callable[[str, str], None]
    #: where background jobs that failed end
    job_failed: Callable[[BaseException], None]
    #: the register window's cumulative view of a case, or None
    cumulative_for: Callable[[Case], Any]
    #: the register URL with the password typed this session (None: none typed)
    session_url: Callable[[], str | None]


class WindowController(QObject):
    """A controller owned by the main window (its Qt parent), with the window's parts."""

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts.window)
        self.parts = parts
        self.window = parts.window
        self.state = parts.state
        self.analysis = parts.analysis
        self.prefs = parts.prefs
        self.show_error = parts.show_error
        self.job_failed = parts.job_failed
        self.cumulative_for = parts.cumulative_for

    def last_folder(self) -> str:
        """Where file dialogs start: the case's folder, else the most recent file's, else home."""
        if self.state.path is not None:
            return str(self.state.path.parent)
        if self.prefs.recent:
            return str(Path(self.prefs.recent[0]).parent)
        return str(Path.home())
