"""Small dialogs and questions of the register window (``gui.register_view``).

``gui.register_view`` calls the ``ask_*`` functions and ``show_message`` through its
own namespace, so tests replace them there.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ber.case.model import Case
from gui.models import Cell, CellTableModel
from gui.register_models import STATUSES, status_text
from gui.texts import tr

ENV_URL = "BER_REGISTER_URL"


def env_register_url() -> str:
    """The register URL set in the environment (``BER_REGISTER_URL``), "" when none."""
    return os.environ.get(ENV_URL, "").strip()


def register_url(session_url: str | None = None) -> str | None:
    """``BER_REGISTER_URL``, else ``register_url`` of the app settings, else None (SQLite default).

    The settings never hold a password. ``session_url`` is the URL the officer typed
    in the preferences during this session, password included (kept in memory
    only): it is used when it is the stored URL plus a password.
    """
    env = env_register_url()
    if env:
        return env
    from gui.settings import qsettings, strip_password

    stored = strip_password(str(qsettings().value("register_url", "") or ""))
    if session_url and stored and strip_password(session_url) == stored:
        return session_url
    return stored or None


def has_password(url: str | None) -> bool:
    if not url:
        return False
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        return bool(make_url(url).password)
    except ArgumentError:
        return False


# --- questions to the user (replaced in tests) -------------------------------------------


def show_message(parent: QWidget | None, title: str, text: str) -> None:
    QMessageBox.information(parent, title, text)


def ask_registration(parent: QWidget | None, case: Case, officer: str) -> dict[str, Any] | None:
    """Reference, status, officer and date received for a new registration; None when cancelled."""
    dlg = QDialog(parent)
    dlg.setObjectName("dialog_register_case")
    dlg.setWindowTitle(tr("register.add_title"))
    form = QFormLayout(dlg)
    ref = QLineEdit(case.meta.reference)
    status = _status_combo()
    who = QLineEdit(officer or case.meta.officer)
    received = QDateEdit(QDate.currentDate())
    received.setCalendarPopup(True)
    form.addRow(tr("register.add_reference"), ref)
    form.addRow(tr("register.add_status"), status)
    form.addRow(tr("register.add_officer"), who)
    form.addRow(tr("register.add_received"), received)
    if not _accepted(dlg, form):
        return None
    return {
        "reference": ref.text().strip() or None,
        "status": status.currentData(),
        "officer": who.text().strip() or None,
        "received": received.date().toPython(),
    }


def ask_status_change(
    parent: QWidget | None, reference: str, current: str, who: str
) -> tuple[str, str] | None:
    """New status and reason; None when cancelled."""
    dlg = QDialog(parent)
    dlg.setObjectName("dialog_status_change")
    dlg.setWindowTitle(tr("register.status_title", reference=reference))
    form = QFormLayout(dlg)
    status = _status_combo()
    status.setCurrentIndex(max(0, status.findData(current)))
    why = QPlainTextEdit()
    why.setMaximumHeight(80)
    form.addRow(tr("register.status_new"), status)
    form.addRow(tr("register.status_why"), why)
    form.addRow("", QLabel(tr("register.status_who", who=who)))
    if not _accepted(dlg, form):
        return None
    return str(status.currentData()), why.toPlainText().strip()


def ask_export_path(parent: QWidget | None) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(
        parent,
        tr("register.btn_export"),
        str(Path.home() / "zaakregister.xlsx"),
        tr("register.export_filter"),
    )
    if not chosen:
        return None
    path = Path(chosen)
    return path if path.suffix.lower() == ".xlsx" else path.with_suffix(".xlsx")


def _accepted(dlg: QDialog, form: QFormLayout) -> bool:
    """Add OK/Cancel below the form, show the dialog; True when OK was pressed."""
    buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
    buttons.accepted.connect(dlg.accept)
    buttons.rejected.connect(dlg.reject)
    form.addRow(buttons)
    return dlg.exec() == QDialog.DialogCode.Accepted


def _status_combo() -> QComboBox:
    combo = QComboBox()
    for code in STATUSES:
        combo.addItem(status_text(code), code)
    return combo


def _event_text(event: str) -> str:
    key = f"register.event.{event}"
    text = tr(key)
    return event if text == key else text


def who_of(officer: str) -> str:
    if officer:
        return officer
    import getpass

    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "?"


def history_dialog(parent: QWidget | None, reference: str, entries: list[Any]) -> QDialog:
    """The audit trail of one case (who, when, why) in a table."""
    rows = []
    for h in entries:
        change = status_text(h.new_status)
        if h.old_status:
            change = f"{status_text(h.old_status)} → {change}"
        rows.append(
            [
                Cell(f"{h.at:%Y-%m-%d %H:%M}"),
                Cell(_event_text(h.event)),
                Cell(change),
                Cell(h.display_who),
                Cell(h.why),
                Cell(str(h.version), align_right=True),
            ]
        )
    heads = [tr(f"register.col_{k}") for k in ("when", "event", "change", "who", "why", "version")]
    model = CellTableModel()
    model.set_table(heads, rows)
    dlg = QDialog(parent)
    dlg.setObjectName("dialog_history")
    dlg.setWindowTitle(tr("register.history_title", reference=reference))
    dlg.resize(820, 320)
    view = QTableView()
    view.setObjectName("table_history")
    view.setModel(model)
    view.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    view.horizontalHeader().setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)  # why
    box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
    box.rejected.connect(dlg.reject)
    lay = QVBoxLayout(dlg)
    lay.addWidget(view)
    lay.addWidget(box)
    return dlg
