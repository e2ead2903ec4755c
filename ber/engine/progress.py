"""Progress and cancel handle for long engine work (run by the GUI in a worker thread)."""

from __future__ import annotations

from typing import Protocol

from ber.texts.messages import BerError


class Cancelled(BerError):
    """Raised when the user cancelled a long operation."""


class Progress(Protocol):
    def report(self, fraction: float, message: str = "") -> None: ...

    def cancelled(self) -> bool: ...


class NoProgress:
    """A handle that reports nowhere and never cancels."""

    def report(self, fraction: float, message: str = "") -> None:
        return None

    def cancelled(self) -> bool:
        return False


def check_cancel(progress: Progress) -> None:
    if progress.cancelled():
        raise Cancelled("cancelled")
