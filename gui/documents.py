"""File handling: new/open/save, recent files, autosave and crash recovery, the
unsaved-changes prompt and dropped files.

:class:`DocumentController` is owned by the main window; its dependencies are passed
in: the case state, the analysis (for the municipality table of a new case), the
preferences, the window (parent of dialogs, status bar) and the error dialog.
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QTimer, QUrl
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QWidget

from ber.case.model import Case, case_to_json, load_case, save_case
from ber.texts.messages import InputError
from gui.controller import WindowController, WindowParts
from gui.settings import add_recent, save_preferences
from gui.texts import language, title, tr

AUTOSAVE_NAME = "autosave.ber"
#: what the autosave is of: the case's original file and the time of the autosave
AUTOSAVE_INFO = "autosave.json"
LOCK_NAME = "running.lock"
#: autosave this long after the last edit (debounced: typing on restarts the wait)
AUTOSAVE_DELAY_MS = 3_000
STATUS_MS = 5000


def autosave_dir() -> Path:
    from ber.io.paths import user_data_dir

    folder = user_data_dir() / "autosave"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@dataclass(frozen=True)
class Recovery:
    """An autosaved case after a crash: the case, the file it was opened from, when it was saved."""

    case: Case
    original: Path | None
    saved_at: str

    def question(self) -> str:
        name = self.case.meta.title or self.case.business.name or tr("title.untitled")
        where = str(self.original) if self.original is not None else tr("recover.never_saved")
        return tr("recover.question", name=name, file=where, time=self.saved_at)


def _yes_no(parent: QWidget | None, caption: str, question: str, *, default_yes: bool) -> bool:
    """A Yes/No question; True when the user answers Yes."""
    button = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent, caption, question, button.Yes | button.No, button.Yes if default_yes else button.No
    )
    return answer == button.Yes


def ask_recover(question: str) -> bool:
    """Ask whether to restore the autosaved case (tests replace this function)."""
    return _yes_no(None, tr("recover.title"), question, default_yes=True)


def ask_overwrite_original(parent: QWidget | None, path: Path) -> bool:
    """Saving a recovered case: overwrite its original file? (tests replace this function)"""
    return _yes_no(
        parent, tr("recover.overwrite_title"), tr("recover.overwrite", path=str(path)), default_yes=False
    )


def ask_revert(parent: QWidget | None, path: Path) -> bool:
    """Drop the changes and reopen the saved file? (tests replace this function)"""
    return _yes_no(parent, title("action.revert"), tr("revert.question", path=str(path)), default_yes=False)


def ask_unsaved(parent: QWidget | None) -> QMessageBox.StandardButton:
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


def ask_home_municipality(parent: QWidget | None, choices: list[tuple[str, str]]) -> str | None:
    """The home municipality for new cases, chosen from ``choices`` (code, name); None when
    cancelled (tests replace this function)."""
    from gui.home import HomeMunicipalityDialog

    dialog = HomeMunicipalityDialog(choices, "", parent)
    return dialog.chosen() if dialog.exec() else None


def new_case_at(template: Case, code: str, table: Any, officer: str, family_preset: str) -> Case:
    """A new case whose one site lies at the centroid of municipality ``code``; the region
    is left automatic (the cut-off distance around that site). Sector, workforce
    shares and horizon come from ``template`` (the built-in example)."""
    i = table.index(code)
    doc = template.to_dict()
    doc["meta"] = {"language": language(), "officer": officer}
    doc["business"].update({"name": tr("new.business_name"), "jobs": 100, "floor_area_m2": None})
    doc["sites"] = [
        {
            "name": tr("sites.new_name", n=1),
            "x": round(float(table.x[i])),
            "y": round(float(table.y[i])),
            "crs": "EPSG:28992",
            "municipality": code,
            "chosen": True,
        }
    ]
    doc["workforce"]["employer_beds"] = []
    doc["workforce"]["family_preset"] = family_preset
    doc["capacity"] = {}
    doc["region"] = {"municipalities": None, "label": ""}
    doc["mitigations"] = {}
    return Case.model_validate(doc)


class DocumentController(WindowController):
    """New/open/save, recent files, autosave and crash recovery for one window."""

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts)
        #: the original file of a recovered case, until it is saved (saving asks first)
        self.recovered_from: Path | None = None
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setSingleShot(True)
        self.autosave_timer.setInterval(AUTOSAVE_DELAY_MS)
        self.autosave_timer.timeout.connect(self.autosave_in_background)
        self.state.changed.connect(self.schedule_autosave)
        self.menu_recent = QMenu(tr("menu.recent"), self.window)
        self.menu_recent.setObjectName("menu_recent")
        self.update_recent_menu()

    def _status(self, text: str) -> None:
        self.window.statusBar().showMessage(text, STATUS_MS)

    # --- crash marker and autosave --------------------------------------------------

    def start_session_marker(self) -> Recovery | None:
        """Create the running marker; return the autosaved case if the last session crashed
        and the user wants it back (the question names the case, its file and the time)."""
        folder = autosave_dir()
        lock = folder / LOCK_NAME
        autosave = folder / AUTOSAVE_NAME
        recovered: Recovery | None = None
        if lock.exists() and autosave.exists():
            try:
                candidate = load_case(autosave)
            except InputError:
                candidate = None
            if candidate is not None:
                offer = Recovery(candidate, *_autosave_info(folder, autosave))
                if ask_recover(offer.question()):
                    recovered = offer
        with contextlib.suppress(OSError):
            lock.write_text(str(os.getpid()), encoding="utf-8")
        return recovered

    def restore(self, recovery: Recovery) -> None:
        """Show a recovered case under its own file name (unsaved; saving asks first)."""
        self.state.reset(recovery.case, recovery.original, dirty=True)
        self.recovered_from = recovery.original

    def schedule_autosave(self, _path: str = "") -> None:
        """Autosave a few seconds after the last edit (each edit restarts the wait)."""
        self.autosave_timer.start()

    def _autosave_data(self) -> tuple[Path, bytes, bytes] | None:
        if not self.state.dirty:
            return None
        data = case_to_json(self.state.case).encode("utf-8")
        info = json.dumps(
            {
                "original": str(self.state.path) if self.state.path is not None else None,
                "saved_at": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
            }
        ).encode("utf-8")
        return autosave_dir() / AUTOSAVE_NAME, data, info

    def autosave(self) -> Path | None:
        """Write the autosave and what it is of, now (the crash hook; the timer uses a worker)."""
        job = self._autosave_data()
        return job[0] if job is not None and _write_autosave(*job) else None

    def autosave_in_background(self) -> None:
        """The debounced autosave: the case is serialised here, written on a worker thread."""
        job = self._autosave_data()
        if job is None:
            return
        from gui.workers import run_in_pool

        run_in_pool(lambda _h: _write_autosave(*job), lambda _r: None, lambda _e: None, owner=self)

    def end_session_marker(self) -> None:
        """A clean exit: remove the marker and the autosave."""
        folder = autosave_dir()
        for name in (LOCK_NAME, AUTOSAVE_NAME, AUTOSAVE_INFO):
            with contextlib.suppress(OSError):
                (folder / name).unlink()

    # --- unsaved changes ---------------------------------------------------------------

    def maybe_save(self) -> bool:
        """True when it is fine to drop the current document."""
        if not self.state.dirty:
            return True
        answer = ask_unsaved(self.window)
        if answer == QMessageBox.StandardButton.Save:
            return self.save()
        return answer == QMessageBox.StandardButton.Discard

    # --- commands ------------------------------------------------------------------------

    def municipality_choices(self) -> list[tuple[str, str]]:
        table = self.analysis.ctx.table
        return sorted(zip(table.codes, table.names, strict=True), key=lambda cn: cn[1])

    def home_municipality(self) -> str | None:
        """The preferred home municipality when the current table knows it; else ask once."""
        table = self.analysis.ctx.table
        code = self.prefs.home_municipality
        if code and code in table:
            return code
        chosen = ask_home_municipality(self.window, self.municipality_choices())
        if chosen is None or chosen not in table:
            return None
        self.prefs.home_municipality = chosen
        save_preferences(self.prefs)
        return chosen

    def new_case(self) -> None:
        """A new case at the home municipality (never the demo: that is ``open_demo``)."""
        if not self.maybe_save():
            return
        code = self.home_municipality()
        if code is None:
            return
        from ber.case.demo import demo_case

        case = new_case_at(
            demo_case(language()),
            code,
            self.analysis.ctx.table,
            self.prefs.officer,
            self.prefs.family_preset,
        )
        self.state.reset(case)
        self._status(tr("status.new"))

    def open_demo(self) -> None:
        if not self.maybe_save():
            return
        from ber.case.demo import demo_case

        self.state.reset(demo_case(language()))
        self._status(tr("status.demo"))

    def open_dialog(self) -> None:
        if not self.maybe_save():
            return
        path, _ = QFileDialog.getOpenFileName(
            self.window, title("action.open"), self.last_folder(), tr("file.filter_open")
        )
        if path:
            self.open_path(Path(path), ask=False)

    def open_path(self, path: Path, ask: bool = True) -> bool:
        if ask and not self.maybe_save():
            return False
        try:
            case = load_case(path)
            self._check_report_geodata(case, path)
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
        self._status(tr("status.opened", path=str(path)))
        return True

    def _check_report_geodata(self, case: Case, path: Path) -> None:
        """A report PDF with municipalities this machine's geodata lack: InputError naming
        the geodata set the report was made with, as ``ber assess REPORT.pdf`` does (the
        codes are not wrong, the data set is missing here)."""
        if path.suffix.lower() != ".pdf":
            return
        from ber.case.validate import validate_case
        from ber.io.geodata_needed import current_of, explain

        ctx = self.analysis.ctx
        unknown = [p for p in validate_case(case, ctx.ref, ctx.table) if p.code == "municipality.unknown"]
        if not unknown:
            return
        explained = explain(unknown, unknown, _stored_dataset() or current_of(ctx), path)
        if explained[0].code == "geodata.report_needs":
            raise InputError(explained[:1])

    def save(self) -> bool:
        if self.state.path is None:
            return self.save_as()
        if (
            self.recovered_from is not None
            and self.state.path == self.recovered_from
            and self.state.path.exists()
            and not ask_overwrite_original(self.window, self.state.path)
        ):
            return self.save_as()
        return self.save_to(self.state.path)

    def revert(self) -> bool:
        """Terug naar opgeslagen versie: drop the changes and reopen the saved file."""
        path = self.state.path
        if path is None or not path.exists() or not ask_revert(self.window, path):
            return False
        return self.open_path(path, ask=False)

    def save_as(self) -> bool:
        suggestion = str(Path(self.last_folder()) / ((self.state.case.business.name or "case") + ".ber"))
        path, _ = QFileDialog.getSaveFileName(
            self.window, title("action.save_as"), suggestion, tr("file.filter_save")
        )
        if not path:
            return False
        target = Path(path)
        if target.suffix.lower() != ".ber":
            target = target.with_suffix(".ber")
        return self.save_to(target)

    def save_to(self, path: Path) -> bool:
        try:
            save_case(self.state.case, path)
        except OSError as exc:
            self.show_error(tr("file.save_failed", path=str(path)), exc.strerror or str(exc))
            return False
        self.state.mark_saved(path)
        self.recovered_from = None
        add_recent(self.prefs, path)
        save_preferences(self.prefs)
        self.update_recent_menu()
        self._status(tr("status.saved", path=str(path)))
        return True

    def update_recent_menu(self) -> None:
        menu = self.menu_recent
        menu.clear()
        for i, entry in enumerate(self.prefs.recent):
            action = menu.addAction(f"&{i + 1} {Path(entry).name}")
            action.setObjectName(f"action_recent_{i}")
            action.setToolTip(entry)
            action.triggered.connect(lambda _c=False, p=entry: self.open_path(Path(p)))
        menu.setEnabled(bool(self.prefs.recent))


def _stored_dataset() -> tuple[str, int, str] | None:
    """The imported geodata set the window uses (or will, once loaded after start-up):
    name, year, checksum; None without an import (the built-in set is in the context)."""
    from ber.geodata.store import read_manifest

    info = (read_manifest() or {}).get("dataset")
    if not isinstance(info, dict) or not info.get("checksum"):
        return None
    return str(info.get("name", "")), int(info.get("year") or 0), str(info["checksum"])


def dropped_path(urls: list[QUrl]) -> Path | None:
    """The first dropped file the window can open (a case, a report PDF, a case JSON)."""
    for url in urls:
        if url.isLocalFile():
            path = Path(url.toLocalFile())
            if path.suffix.lower() in (".ber", ".pdf", ".json"):
                return path
    return None


def _write_autosave(path: Path, data: bytes, info: bytes) -> bool:
    from ber.case.model import atomic_write_bytes

    try:
        atomic_write_bytes(path, data)
        atomic_write_bytes(path.with_name(AUTOSAVE_INFO), info)
    except OSError:
        return False
    return True


def _autosave_info(folder: Path, autosave: Path) -> tuple[Path | None, str]:
    """The original file and the local time of an autosave (its file time without the info)."""
    original: Path | None = None
    when = datetime.datetime.fromtimestamp(autosave.stat().st_mtime).astimezone()
    try:
        info = json.loads((folder / AUTOSAVE_INFO).read_text("utf-8"))
        original = Path(info["original"]) if info.get("original") else None
        when = datetime.datetime.fromisoformat(info["saved_at"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        pass
    return original, when.strftime("%d-%m-%Y %H:%M:%S")
