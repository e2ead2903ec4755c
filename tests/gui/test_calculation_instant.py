"""Instant edits (issue 16): a committed edit is calculated at once, without a fixed delay,
and a burst of commits while a calculation runs gives one more calculation, of the
newest input."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit


def _type_jobs(window: Any, qtbot: Any, text: str) -> QLineEdit:
    """Focus the jobs field, select all and type text (without committing it)."""
    jobs = window.findChild(QLineEdit, "edit_jobs")
    jobs.setFocus()
    jobs.selectAll()
    qtbot.keyClicks(jobs, text)
    return jobs


def test_commit_starts_the_calculation_at_once(make_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    window = make_window()
    calc = window.calculation
    assert calc.kick.interval() == 0  # no debounce: the next event-loop turn
    import ber.engine.assess as engine

    calls: list[float] = []
    real = engine.assess

    def counted(case: Any, ctx: Any, **kwargs: Any) -> Any:
        calls.append(case.business.jobs)
        return real(case, ctx, **kwargs)

    monkeypatch.setattr(engine, "assess", counted)
    jobs = _type_jobs(window, qtbot, "1300")
    assert calls == []  # typing commits nothing (a number field commits on Enter or leaving it)
    qtbot.keyClick(jobs, Qt.Key.Key_Return)
    assert calc.kick.isActive() or calc.running  # started in this turn, not after 400 ms
    qtbot.waitUntil(lambda: window.result.totals["jobs"] == pytest.approx(1300), timeout=5000)
    assert calls == [1300]


def test_burst_while_running_gives_one_calculation_of_the_newest(
    make_window: Any, qtbot: Any, monkeypatch: Any
) -> None:
    window = make_window()
    calc = window.calculation
    import ber.engine.assess as engine

    release = threading.Event()
    calls: list[float] = []
    real = engine.assess

    def held(case: Any, ctx: Any, **kwargs: Any) -> Any:
        calls.append(case.business.jobs)
        if len(calls) == 1:
            release.wait(10)
        return real(case, ctx, **kwargs)

    monkeypatch.setattr(engine, "assess", held)
    jobs = _type_jobs(window, qtbot, "1000")
    qtbot.keyClick(jobs, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: calls == [1000], timeout=5000)  # the first is held in the worker
    for n in range(1001, 1006):  # a burst: five numbers typed and entered one after another
        jobs.selectAll()
        qtbot.keyClicks(jobs, str(n))
        qtbot.keyClick(jobs, Qt.Key.Key_Return)
    newest = window.state.case.business.jobs
    assert newest == pytest.approx(1005)
    qtbot.wait(50)
    assert calls == [1000]  # nothing queued behind the running one but a mark
    release.set()
    qtbot.waitUntil(lambda: window.result.totals["jobs"] == pytest.approx(newest), timeout=5000)
    qtbot.waitUntil(lambda: not calc.running, timeout=5000)
    assert calls == [1000, newest]
