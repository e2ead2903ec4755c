"""Preferences (typed, versioned, migrated) and the worker funnel (progress, errors, cancel)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QSettings

from ber.engine.progress import Cancelled
from ber.texts.messages import InputError, Problem
from gui.settings import SETTINGS_VERSION, Preferences, add_recent, load_preferences, save_preferences
from gui.workers import ProgressHandle, error_text, run_in_pool


def test_preferences_round_trip_and_migration(tmp_path: Path, qapp: Any) -> None:
    s = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    s.setValue("mc_draws", "999999")  # unversioned settings with an out-of-range value
    s.setValue("language", "fr")
    p = load_preferences(s)
    assert s.value("settings_version") in (SETTINGS_VERSION, str(SETTINGS_VERSION))
    assert p.mc_draws == 20000  # clamped to the allowed range
    assert p.language == "nl"
    p2 = Preferences(language="en", officer="A. Jansen", mc_draws=500, pdfa=False)
    add_recent(p2, tmp_path / "a.ber")
    add_recent(p2, tmp_path / "b.ber")
    add_recent(p2, tmp_path / "a.ber")
    save_preferences(p2, s)
    back = load_preferences(s)
    assert back.language == "en" and back.officer == "A. Jansen" and back.mc_draws == 500
    assert back.pdfa is False
    assert [Path(r).name for r in back.recent] == ["a.ber", "b.ber"]


def test_error_text_translates_input_errors() -> None:
    exc = InputError([Problem("field.required", "business.name")])
    assert "business.name" in error_text(exc)


def test_unexpected_error_goes_to_the_log(qtbot: Any, tmp_path: Path) -> None:
    errors: list[BaseException] = []

    def boom(_h: ProgressHandle) -> None:
        raise ZeroDivisionError("boom")

    run_in_pool(boom, lambda _r: None, errors.append)
    qtbot.waitUntil(lambda: bool(errors), timeout=5000)
    text = error_text(errors[0])
    assert "ZeroDivisionError" in text and "Traceback" not in text
    from ber.io.paths import user_data_dir

    log = (user_data_dir() / "logs" / "ber-desk.log").read_text(encoding="utf-8")
    assert "Traceback" in log and "boom" in log


def test_progress_and_cancel(qtbot: Any) -> None:
    seen: list[float] = []
    cancelled: list[bool] = []

    def job(h: ProgressHandle) -> None:
        h.report(0.5, "half")
        while not h.cancelled():
            pass
        raise Cancelled()

    handle = run_in_pool(
        job, lambda _r: None, lambda _e: None, lambda f, _m: seen.append(f), lambda: cancelled.append(True)
    )
    qtbot.waitUntil(lambda: bool(seen), timeout=5000)
    handle.cancel()
    qtbot.waitUntil(lambda: bool(cancelled), timeout=5000)
    assert seen == [0.5]


def test_callbacks_run_on_the_gui_thread_and_jobs_on_python_threads(qtbot: Any) -> None:
    """Results and progress come back on the GUI thread; the job runs on a long-lived
    Python thread (not a foreign Qt thread whose Python state is dropped after each job:
    pyproj keeps its per-thread context in that state)."""
    import threading

    seen: dict[str, object] = {}

    def job(h: ProgressHandle) -> str:
        current = threading.current_thread()
        seen["job_thread"] = current
        seen["dummy"] = isinstance(current, threading._DummyThread)
        h.report(0.5)
        return "ok"

    def progress(_f: float, _m: str) -> None:
        seen["progress_thread"] = threading.current_thread()

    def done(value: str) -> None:
        seen["done_thread"] = threading.current_thread()
        seen["value"] = value

    run_in_pool(job, done, lambda _e: None, progress)
    qtbot.waitUntil(lambda: "value" in seen and "progress_thread" in seen, timeout=5000)
    main = threading.main_thread()
    assert seen["done_thread"] is main and seen["progress_thread"] is main
    assert seen["job_thread"] is not main and seen["dummy"] is False
    assert str(getattr(seen["job_thread"], "name", "")).startswith("ber-worker")


def test_serial_jobs_run_one_at_a_time(qtbot: Any) -> None:
    """Register jobs (``serial=True``) never overlap, and run in submission order."""
    import threading
    import time

    lock = threading.Lock()
    active = [0]
    peak = [0]
    order: list[int] = []
    finished: list[int] = []

    def make(i: int) -> Any:
        def job(_h: ProgressHandle) -> int:
            with lock:
                active[0] += 1
                peak[0] = max(peak[0], active[0])
            time.sleep(0.05)
            order.append(i)
            with lock:
                active[0] -= 1
            return i

        return job

    for i in range(4):
        run_in_pool(make(i), finished.append, lambda _e: None, serial=True)
    qtbot.waitUntil(lambda: len(finished) == 4, timeout=10_000)
    assert peak[0] == 1
    assert order == [0, 1, 2, 3] and finished == [0, 1, 2, 3]


def test_ordinary_jobs_run_side_by_side(qtbot: Any) -> None:
    """Ordinary jobs share the pool: one job can wait for another that started later
    (the serial queue would deadlock here, which is why register jobs use it only)."""
    import threading

    second_ran = threading.Event()
    results: list[str] = []

    def first(_h: ProgressHandle) -> str:
        assert second_ran.wait(5), "the second job never ran beside the first"
        return "first"

    def second(_h: ProgressHandle) -> str:
        second_ran.set()
        return "second"

    run_in_pool(first, results.append, lambda e: results.append(repr(e)))
    run_in_pool(second, results.append, lambda e: results.append(repr(e)))
    qtbot.waitUntil(lambda: len(results) == 2, timeout=10_000)
    # the first job finished only because the second ran beside it (either may be delivered first)
    assert sorted(results) == ["first", "second"]
