"""A progress reporter for the engine tests: records the fractions reported and asks to
stop after a given number of ``cancelled()`` calls."""

from __future__ import annotations


class CancelAfter:
    """Answers ``cancelled()`` with True from call ``calls + 1`` on; keeps every fraction reported."""

    def __init__(self, calls: int) -> None:
        self.calls = calls
        self.fractions: list[float] = []

    def report(self, fraction: float, message: str = "") -> None:
        self.fractions.append(fraction)

    def cancelled(self) -> bool:
        self.calls -= 1
        return self.calls < 0
