"""Dialogs, menus and shortcuts, accessibility, window size, drag and drop."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QKeySequence
from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.reference.data import load_reference
from gui.dialogs import ManualDialog, PreferencesDialog, ReferenceDialog, about_text
from gui.settings import Preferences


def test_actions_have_names_and_standard_shortcuts(make_window: Any) -> None:
    w = make_window()
    expected = {
        "action_new": "Ctrl+N",
        "action_open": "Ctrl+O",
        "action_save": "Ctrl+S",
        "action_save_as": "Ctrl+Shift+S",
        "action_undo": "Ctrl+Z",
        "action_export_pdf": "Ctrl+P",
        "action_manual": "F1",
    }
    for name, key in expected.items():
        action = getattr(w.commands, name)
        assert action.objectName() == name
        assert key in [s.toString() for s in action.shortcuts()], name
    assert {s.toString() for s in w.commands.action_redo.shortcuts()} >= {"Ctrl+Y", "Ctrl+Shift+Z"}
    menus = [a.text() for a in w.menuBar().actions()]
    assert menus == ["&Bestand", "Be&werken", "Bee&ld", "&Register", "&Help"]
    for name in (
        "action_open_demo",
        "action_quit",
        "action_preferences",
        "action_reference",
        "action_about",
        "action_import_geodata",
        "action_export_excel",
    ):
        assert getattr(w.commands, name).objectName() == name
    assert (
        QKeySequence("Ctrl+1").matches(w.commands.step_actions[0].shortcut())
        == QKeySequence.SequenceMatch.ExactMatch
    )


def test_every_input_has_an_accessible_name(make_window: Any) -> None:
    w = make_window()
    missing = []
    for kind in (QAbstractSpinBox, QLineEdit, QComboBox):
        for widget in w.findChildren(kind):
            if isinstance(widget.parent(), QAbstractSpinBox | QComboBox):
                continue  # the line edit inside a spin box / combo box
            if (
                not widget.isEnabled()
                or "capacity" in widget.objectName()
                or widget.objectName().startswith("qt_")
            ):
                continue
            if not widget.accessibleName():
                missing.append(f"{type(widget).__name__} {widget.objectName()}")
    assert not missing, missing


def test_tab_moves_through_the_business_form(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    name = w.findChild(QLineEdit, "edit_business_name")
    name.setFocus()
    order = [name.objectName()]
    widget = name
    for _ in range(3):
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() == Qt.FocusPolicy.NoFocus or widget.objectName().startswith("qt_"):
            widget = widget.nextInFocusChain()
        order.append(widget.objectName())
    assert order[:3] == ["edit_business_name", "combo_sector", "edit_jobs"]


def test_fits_1280_by_800(make_window: Any) -> None:
    w = make_window()
    assert w.minimumSize().width() <= 1280 and w.minimumSize().height() <= 800
    w.resize(1280, 800)
    assert w.width() <= 1280


def test_reference_dialog_lists_every_norm(qtbot: Any) -> None:
    ref = load_reference()
    dialog = ReferenceDialog(ref)
    qtbot.addWidget(dialog)
    assert dialog.model.rowCount() == len(ref.norms) + len(ref.sectors)
    assert ref.version in about_text(ref) and ref.checksum in about_text(ref)


def test_manual_renders_the_user_guide(qtbot: Any) -> None:
    dialog = ManualDialog()
    qtbot.addWidget(dialog)
    text = dialog.browser.toPlainText()
    assert "BER-desk" in text and "Verkeerslicht" in text


def test_preferences_dialog_returns_typed_preferences(qtbot: Any) -> None:
    dialog = PreferencesDialog(Preferences(), load_reference())
    qtbot.addWidget(dialog)
    dialog.combo_language.setCurrentIndex(dialog.combo_language.findData("en"))
    dialog.edit_officer.setText("  P. de Boer ")
    dialog.spin_draws.setValue(3000)
    p = dialog.result_preferences()
    assert (p.language, p.officer, p.mc_draws) == ("en", "P. de Boer", 3000)


def test_drop_a_case_file_opens_it(make_window: Any, tmp_path: Path) -> None:
    w = make_window()
    case = demo_case().copy_with(business=demo_case().business.model_copy(update={"jobs": 432.0}))
    path = tmp_path / "dropped.ber"
    save_case(case, path)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    event = QDropEvent(
        QPointF(10, 10),
        Qt.DropAction.CopyAction,
        mime,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    w.dropEvent(event)
    assert w.state.case.business.jobs == 432
    assert w.state.path == path


def test_open_bad_file_shows_one_readable_error(make_window: Any, tmp_path: Path) -> None:
    w = make_window()
    bad = tmp_path / "kapot.ber"
    bad.write_text("{ dit is geen json", encoding="utf-8")
    assert not w.documents.open_path(bad)
    assert "kapot.ber" in w.last_error
    assert "Traceback" not in w.last_error
    assert w.state.case.business.jobs == 900
