"""Progress and cancellation of long assessments (the GUI runs them in a worker)."""

from __future__ import annotations

import pytest

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.engine.progress import Cancelled


class Recorder:
    def __init__(self, cancel_after: int | None = None) -> None:
        self.fractions: list[float] = []
        self.cancel_after = cancel_after

    def report(self, fraction: float, message: str = "") -> None:
        self.fractions.append(fraction)

    def cancelled(self) -> bool:
        return self.cancel_after is not None and len(self.fractions) >= self.cancel_after


def test_progress_rises_to_one() -> None:
    rec = Recorder()
    assess(demo_case(), Context.default(), samples=1200, seed=1, progress=rec)
    assert rec.fractions == sorted(rec.fractions)
    assert rec.fractions[-1] == 1.0
    assert len(rec.fractions) >= 4  # central, three chunks of at most 500 draws, done
    assert all(0.0 <= f <= 1.0 for f in rec.fractions)


def test_cancel_during_monte_carlo() -> None:
    rec = Recorder(cancel_after=2)
    with pytest.raises(Cancelled):
        assess(demo_case(), Context.default(), samples=2000, seed=1, progress=rec)
    assert rec.fractions[-1] < 1.0
