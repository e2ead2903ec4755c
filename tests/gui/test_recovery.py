"""Recovery like LibreOffice's: a child process running the app is killed a few seconds
after an edit; the next start offers that edit back, naming the case, its file and the time."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

CHILD = r"""
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([])
from gui.app import build_window
window = build_window("nl", Path(sys.argv[1]))
window.show()

def edit():
    window.state.set_value("business.jobs", 777.0, "Aantal banen")
    print("edited", flush=True)

QTimer.singleShot(500, edit)
app.exec()
"""


@pytest.mark.skipif(sys.platform == "win32", reason="kills with SIGKILL")
def test_killed_after_an_edit_recovers_it(
    qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, _user_data: Path
) -> None:
    import gui.documents
    from ber.case.demo import demo_case
    from ber.case.model import save_case

    original = tmp_path / "westland.ber"
    save_case(demo_case(), original)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(Path.cwd())}
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(original)], env=env, stdout=subprocess.PIPE, text=True
    )
    try:
        assert child.stdout is not None
        assert child.stdout.readline().strip() == "edited"
        autosave = _user_data / "autosave" / gui.documents.AUTOSAVE_NAME
        # debounced autosave a few seconds after the edit: wait for it, then kill
        deadline = time.monotonic() + 20
        while not autosave.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        assert autosave.exists(), "no autosave a few seconds after the edit"
        time.sleep(0.5)
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(10)
        if child.stdout is not None:
            child.stdout.close()
    asked: list[str] = []
    monkeypatch.setattr(gui.documents, "ask_recover", lambda q: asked.append(q) or True)
    monkeypatch.setattr(gui.documents, "ask_overwrite_original", lambda parent, path: True)
    monkeypatch.setattr(
        gui.documents, "ask_unsaved", lambda parent: gui.documents.QMessageBox.StandardButton.Discard
    )
    from gui.app import build_window

    window = build_window("nl")
    qtbot.addWidget(window)
    assert len(asked) == 1
    question = asked[0]
    assert str(original) in question  # the original file
    assert demo_case().meta.title in question or demo_case().business.name in question  # the case
    assert time.strftime("%d-%m-%Y") in question  # the time of the autosave
    # the edit made a few seconds before the kill is back, under its own file name, unsaved
    assert window.state.case.business.jobs == 777
    assert window.state.path == original
    assert window.state.dirty
    # saving asks first (answered yes here) and writes the original file
    assert window.documents.save()
    from ber.case.model import load_case

    assert load_case(original).business.jobs == 777
    window.state.undo_stack.setClean()
    window.close()


def test_revert_to_saved_version(make_window: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import gui.documents

    window = make_window()
    target = tmp_path / "case.ber"
    assert window.documents.save_to(target)
    window.state.set_value("business.jobs", 5.0)
    action = window.commands.action_revert
    assert action.text().replace("&", "") == "Terug naar opgeslagen versie"
    from PySide6.QtWidgets import QMenu

    assert action in window.menuBar().findChild(QMenu, "menu_file").actions()
    monkeypatch.setattr(gui.documents, "ask_revert", lambda parent, path: True)
    action.trigger()
    assert window.state.case.business.jobs == 900
    assert not window.state.dirty
