"""The last line of defence of the desktop application: an exception nobody caught.

:func:`install_crash_handler` sets ``sys.excepthook`` (exceptions in the GUI thread,
including those PySide reports from slots) and ``threading.excepthook`` (worker
threads). For each uncaught exception it

1. writes the traceback to the log file (``logs/ber-desk.log`` in the user data folder);
2. autosaves the open case (the crash marker stays, so the next start offers it back);
3. shows a message naming the log file and, when made, the autosave.

The message is shown in the GUI thread (a queued signal) and without blocking
(``QMessageBox.open``); a second crash while it is open is logged, not shown again.
"""

from __future__ import annotations

import logging
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtWidgets import QMessageBox, QWidget

from gui.texts import tr

log = logging.getLogger("ber_desk")


def _t(key: str, **params: Any) -> str:
    return tr(f"crash.{key}", **params)


ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


class CrashHandler(QObject):
    """Logs, autosaves and tells the user; one instance per application."""

    crashed = Signal(str)  # the reason, delivered to the GUI thread

    def __init__(self, window: QWidget, log_path: str, autosave: Callable[[], Path | None]) -> None:
        super().__init__(window)
        self.window = window
        self.autosave = autosave
        self.log_path = log_path
        self.box: QMessageBox | None = None
        self.previous_hook: Callable[..., Any] = sys.excepthook
        self.previous_thread_hook: Callable[..., Any] = threading.excepthook
        self.crashed.connect(self._on_crash)

    # -- hooks (any thread) -------------------------------------------------------
    def excepthook(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self.previous_hook(exc_type, exc, tb)
            return
        self._record((exc_type, exc, tb), "GUI thread")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self._record((args.exc_type, args.exc_value, args.exc_traceback), f"thread {name}")

    def _record(self, info: ExcInfo, where: str) -> None:
        try:
            text = "".join(traceback.format_exception(*info))
            log.error("uncaught exception (%s)\n%s", where, text)
        except Exception:
            pass
        reason = f"{info[0].__name__}: {info[1]}"
        self.crashed.emit(reason if len(reason) <= 200 else reason[:197] + "...")

    # -- GUI thread ---------------------------------------------------------------------
    @Slot(str)
    def _on_crash(self, reason: str) -> None:
        saved = self._autosave()
        if self.box is not None and self.box.isVisible():
            return  # one message at a time; the log has every crash
        text = _t("body", reason=reason, log=self.log_path) + "\n\n"
        text += _t("saved", path=str(saved)) if saved is not None else _t("not_saved")
        box = QMessageBox(
            QMessageBox.Icon.Critical, _t("title"), text, QMessageBox.StandardButton.Ok, self.window
        )
        box.setObjectName("crash_message")
        self.box = box
        box.open()

    def _autosave(self) -> Path | None:
        try:
            path: Path | None = self.autosave()
        except Exception:
            log.exception("autosave after an uncaught exception failed")
            return None
        return path

    def uninstall(self) -> None:
        """Put back the hooks that were there before (tests)."""
        if sys.excepthook == self.excepthook:
            sys.excepthook = self.previous_hook
        if threading.excepthook == self.thread_excepthook:
            threading.excepthook = self.previous_thread_hook


def install_crash_handler(window: QWidget, autosave: Callable[[], Path | None]) -> CrashHandler:
    """Install the exception hooks for ``window``; ``autosave`` keeps the user's case first
    (the document controller's autosave)."""
    from gui.workers import setup_logging

    handler = CrashHandler(window, setup_logging(), autosave)
    sys.excepthook = handler.excepthook
    threading.excepthook = handler.thread_excepthook
    return handler
