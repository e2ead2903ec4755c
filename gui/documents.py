"""File handling of the main window: new/open/save, recent files, autosave and crash recovery,
unsaved-changes prompt, drag and drop. A mixin of :class:`gui.main_window.MainWindow`."""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QFileDialog, QMessageBox

from ber.case.model import Case, case_to_json, load_case, save_case
from ber.texts.messages import InputError
from gui.settings import add_recent, save_preferences
from gui.texts import language, title, tr

if TYPE_CHECKING:
    from gui.main_window import MainWindow

AUTOSAVE_NAME = "autosave.ber"
LOCK_NAME = "running.lock"
AUTOSAVE_MS = 60_000


def autosave_dir() -> Path:
    from ber.io.paths import user_data_dir

    folder = user_data_dir() / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def ask_recover() -> bool:
    """Ask whether to restore the autosaved case (tests replace this function)."""
    answer = QMessageBox.question(
        None,
        tr("recover.title"),
        tr("recover.question"),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes


def ask_unsaved(parent: Any) -> QMessageBox.StandardButton:
    """Save / Discard / Cancel for unsaved changes (tests replace this function)."""
    return QMessageBox.question(
        parent,
        tr("unsaved.title"),
        tr("unsaved.question"),
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Save,
    )


class DocumentMixin:
    """File operations; expects the attributes of MainWindow (state, prefs, ...)."""

    # --- crash marker and autosave --------------------------------------------------

    def start_session_marker(self: MainWindow) -> Case | None:
        """Create the running marker; return the autosaved case if the last session crashed."""
        folder = autosave_dir()
        lock = folder / LOCK_NAME
        autosave = folder / AUTOSAVE_NAME
        recovered: Case | None = None
        if lock.exists() and autosave.exists():
            try:
                candidate = load_case(autosave)
            except InputError:
                candidate = None
            if candidate is not None and ask_recover():
                recovered = candidate
        with contextlib.suppress(OSError):
            lock.write_text(str(os.getpid()), encoding="utf-8")
        return recovered

    def autosave(self: MainWindow) -> Path | None:
        if not self.state.dirty:
            return None
        from ber.case.model import atomic_write_bytes

        path = autosave_dir() / AUTOSAVE_NAME
        try:
            atomic_write_bytes(path, case_to_json(self.state.case).encode("utf-8"))
        except OSError:
            return None
        return path

    def end_session_marker(self: MainWindow) -> None:
        """A clean exit: remove the marker and the autosave."""
        folder = autosave_dir()
        for name in (LOCK_NAME, AUTOSAVE_NAME):
            with contextlib.suppress(OSError):
                (folder / name).unlink()

    # --- unsaved changes ---------------------------------------------------------------

    def maybe_save(self: MainWindow) -> bool:
        """True when it is fine to drop the current document."""
        if not self.state.dirty:
            return True
        answer = ask_unsaved(self)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- commands ------------------------------------------------------------------------

    def new_case(self: MainWindow) -> None:
        if not self.maybe_save():
            return
        from ber.case.demo import demo_case

        case = demo_case(language())
        doc = case.to_dict()
        doc["meta"] = {"language": language(), "officer": self.prefs.officer}
        doc["business"].update({"name": tr("new.business_name"), "jobs": 100, "floor_area_m2": None})
        doc["sites"] = [dict(doc["sites"][0], name=tr("sites.new_name", n=1))]
        doc["workforce"]["employer_beds"] = []
        doc["workforce"]["family_preset"] = self.prefs.family_preset
        doc["capacity"] = {}
        doc["region"] = {"municipalities": None, "label": ""}
        doc["mitigations"] = {}
        self.state.reset(Case.model_validate(doc))
        self.statusBar().showMessage(tr("status.new"), 5000)

    def open_demo(self: MainWindow) -> None:
        if not self.maybe_save():
            return
        from ber.case.demo import demo_case

        self.state.reset(demo_case(language()))
        self.statusBar().showMessage(tr("status.demo"), 5000)

    def open_dialog(self: MainWindow) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self, title("action.open"), self._last_folder(), tr("file.filter_open")
        )
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self: MainWindow, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            case = load_case(path)
        except InputError as exc:
            self.show_error(tr("file.open_failed", path=str(path)), "\n".join(exc.texts(language())))
            return False
        except OSError as exc:
            self.show_error(tr("file.open_failed", path=str(path)), str(exc))
            return False
        is_case_file = path.suffix.lower() == ".ber"
        self.state.reset(case, path if is_case_file else None)
        add_recent(self.prefs, path)
        save_preferences(self.prefs)
        self.update_recent_menu()
        self.statusBar().showMessage(tr("status.opened", path=str(path)), 5000)
        return True

    def save(self: MainWindow) -> bool:
        if self.state.path is None:
            return self.save_as()
        return self.save_to(self.state.path)

    def save_as(self: MainWindow) -> bool:
        suggestion = str(Path(self._last_folder()) / ((self.state.case.business.name or "case") + ".ber"))
        path, _ = QFileDialog.getSaveFileName(
            self, title("action.save_as"), suggestion, tr("file.filter_save")
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".ber":
            target = target.with_suffix(".ber")
        return self.save_to(target)

    def save_to(self: MainWindow, path: Path) -> bool:
        try:
            save_case(self.state.case, path)
        except OSError as exc:
            self.show_error(tr("file.save_failed", path=str(path)), exc.strerror or str(exc))
            return False
        self.state.mark_saved(path)
        add_recent(self.prefs, path)
        save_preferences(self.prefs)
        self.update_recent_menu()
        self.statusBar().showMessage(tr("status.saved", path=str(path)), 5000)
        return True

    def _last_folder(self: MainWindow) -> str:
        if self.state.path is not None:
            return str(self.state.path.parent)
        if self.prefs.recent:
            return str(Path(self.prefs.recent[0]).parent)
        return str(Path.home())

    def update_recent_menu(self: MainWindow) -> None:
        menu = self.menu_recent
        menu.clear()
        for i, entry in enumerate(self.prefs.recent):
            action = menu.addAction(f"&{i + 1} {Path(entry).name}")
            action.setObjectName(f"action_recent_{i}")
            action.setToolTip(entry)
            action.triggered.connect(lambda _c=False, p=entry: self.open_path(Path(p)))
        menu.setEnabled(bool(self.prefs.recent))

    # --- drag and drop ---------------------------------------------------------------------

    def dragEnterEvent(self: MainWindow, event: QDragEnterEvent) -> None:
        if _dropped_path(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self: MainWindow, event: QDropEvent) -> None:
        path = _dropped_path(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.open_path(path)


def _dropped_path(urls: list[QUrl]) -> Path | None:
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in (".ber", ".pdf", ".json"):
                return path
    return None
