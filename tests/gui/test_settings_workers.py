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
