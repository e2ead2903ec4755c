"""The GUI catalogue is complete in both languages and covers every key the code uses."""

from __future__ import annotations

import re
import string
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gui.texts import TEXTS, set_language, tr

GUI = Path(__file__).resolve().parents[2] / "gui"
OTHER_HELPERS = {"capacity_table.py", "map_demo.py"}


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_key_has_both_languages_with_same_placeholders() -> None:
    for key, entry in TEXTS.items():
        assert set(entry) == {"nl", "en"}, key
        assert entry["nl"].strip() and entry["en"].strip(), key
        assert _fields(entry["nl"]) == _fields(entry["en"]), key


def test_every_literal_key_used_in_the_gui_exists() -> None:
    used: set[str] = set()
    pattern = re.compile(r"""\btr\(\s*"([a-z_]+\.[a-z_.]+)\"""")
    action = re.compile(r"""_action\(\s*"[a-z_]+",\s*"([a-z_.]+)\"""")
    for path in GUI.rglob("*.py"):
        if path.name in OTHER_HELPERS or "map_view" in path.parts:
            continue
        text = path.read_text(encoding="utf-8")
        used |= set(pattern.findall(text)) | set(action.findall(text))
    missing = sorted(k for k in used if k not in TEXTS)
    assert not missing, missing
    assert len(used) > 150  # the scan found the keys (it can fail)


def test_tr_fills_placeholders_and_switches_language() -> None:
    set_language("en")
    try:
        assert tr("sites.new_name", n=3) == "Site 3"
    finally:
        set_language("nl")
    assert tr("sites.new_name", n=3) == "Locatie 3"
    assert tr("no.such.key") == "no.such.key"


def test_texts_load_without_other_gui_modules() -> None:
    """The register window's texts are in the catalogue, not merged in when its module loads."""
    assert tr("register.title") == "Zaakregister"
    assert TEXTS["register.title"] == {"nl": "Zaakregister", "en": "Case register"}


def test_plural_forms_in_the_interface() -> None:
    assert tr("register.count", n=1) == "1 zaak"
    assert tr("register.count", n=2) == "2 zaken"
    assert tr("status.invalid", n=1, first="x") == "✗ 1 invoerprobleem: x"
    assert tr("status.invalid", n=3, first="x") == "✗ 3 invoerproblemen: x"
    assert tr("unit.jobs", count=1) == "baan"


def test_spin_box_unit_follows_its_value(qtbot: Any) -> None:
    from PySide6.QtWidgets import QSpinBox

    from gui.texts import counted_suffix

    spin = QSpinBox()
    qtbot.addWidget(spin)
    spin.setRange(1, 4)
    counted_suffix(spin, "unit.shifts")
    assert spin.text() == "1 ploeg per dag"
    spin.setValue(2)
    assert spin.text() == "2 ploegen per dag"


@pytest.fixture
def dutch_qt(qapp: Any) -> Iterator[None]:
    from gui.app import install_qt_translations

    translators = install_qt_translations(qapp, "nl")
    assert translators  # PySide6 ships qtbase_nl.qm
    yield
    for t in translators:
        qapp.removeTranslator(t)


def test_qt_standard_dialogs_are_dutch(qtbot: Any, dutch_qt: None) -> None:
    from PySide6.QtWidgets import QFileDialog, QLabel, QMessageBox, QPushButton

    dialog = QFileDialog(None, "x")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    qtbot.addWidget(dialog)
    labels = [label.text() for label in dialog.findChildren(QLabel)]
    assert "&Zoeken in:" in labels  # Qt 6's "&Look in:" (only "Look in:" is in qtbase_nl.qm)
    assert "&Bestanden van type:" in labels
    assert "Annuleren" in [b.text() for b in dialog.findChildren(QPushButton)]
    box = QMessageBox()
    qtbot.addWidget(box)
    box.setStandardButtons(QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Cancel)
    assert sorted(b.text() for b in box.buttons()) == ["Annuleren", "Opslaan"]


def test_english_interface_keeps_qt_english(qapp: Any) -> None:
    from gui.app import install_qt_translations

    assert install_qt_translations(qapp, "en") == []


def test_dialog_titles_have_no_mnemonic(make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """'Exporteren als &PDF…' is a menu text; the save dialog's title is 'Exporteren als PDF…'."""
    from PySide6.QtWidgets import QFileDialog

    window = make_window("nl")
    captions: list[str] = []

    def fake_save(parent: Any, caption: str, *args: Any, **kwargs: Any) -> tuple[str, str]:
        captions.append(caption)
        return "", ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", staticmethod(fake_save))
    window.commands.action_export_pdf.trigger()
    window.commands.action_export_excel.trigger()
    window.commands.action_save_as.trigger()
    assert captions == ["Exporteren als PDF…", "Exporteren naar Excel…", "Opslaan als…"]
    assert "&" in window.commands.action_export_pdf.text()


#: English words that never belong in the Dutch interface (whole words, case-insensitive;
#: not "of" and "open", which are Dutch words too)
ENGLISH = re.compile(
    r"\b(the|and|with|without|cancel|save|file|unknown|site|sites|case|cases|"
    r"pressure|capacity|demand|verdict|municipality|region|export|import|settings|help|look in)\b",
    re.IGNORECASE,
)
#: a raw key: a catalogue-style dotted key or a snake_case identifier
RAW_KEY = re.compile(r"^[a-z_]+\.[a-z_.]+$|\b[a-z]+_[a-z_]+\b")
#: a command line quoted in a text (not translated)
COMMAND = re.compile(r"[‘'`]ber [a-z -]+[’'`]")
#: words that are the same in Dutch and English or names, allowed in the Dutch interface
DUTCH_OK = {"English", "BER-desk", "Help", "Excel", "PDF", "CSV"}


def _visible_texts(window: Any) -> list[tuple[str, str]]:
    from PySide6.QtGui import QAction
    from PySide6.QtWidgets import (
        QAbstractButton,
        QComboBox,
        QGroupBox,
        QLabel,
        QLineEdit,
        QTabWidget,
        QWidget,
    )

    out: list[tuple[str, str]] = []
    for w in window.findChildren(QWidget):
        name = w.objectName() or type(w).__name__
        if isinstance(w, QLabel | QAbstractButton):
            out.append((name, w.text()))
        if isinstance(w, QGroupBox):
            out.append((name, w.title()))
        if isinstance(w, QLineEdit):
            out.append((name, w.placeholderText()))
        if isinstance(w, QComboBox):
            out += [(name, w.itemText(i)) for i in range(w.count())]
        if isinstance(w, QTabWidget):
            out += [(name, w.tabText(i)) for i in range(w.count())]
        out.append((name, w.toolTip()))
    for a in window.findChildren(QAction):
        out += [(a.objectName() or "action", a.text()), (a.objectName() or "action", a.toolTip())]
    out += _table_texts(window)
    return [(n, t) for n, t in out if t and not t.startswith("<")]  # rich text: checked via its parts


def _table_texts(window: Any) -> list[tuple[str, str]]:
    """Headers, cells and cell tooltips of every table and list (the first 60 rows)."""
    from PySide6.QtCore import QModelIndex, Qt
    from PySide6.QtWidgets import QAbstractItemView

    out: list[tuple[str, str]] = []
    for view in window.findChildren(QAbstractItemView):
        model = view.model()
        if model is None:
            continue
        name = view.objectName() or type(view).__name__
        root = QModelIndex()
        try:
            columns = model.columnCount(root)
        except TypeError:  # a list model: one column
            columns = 1
        for i in range(columns):
            out.append((name, str(model.headerData(i, Qt.Orientation.Horizontal) or "")))
        for r in range(min(model.rowCount(root), 60)):
            for c in range(columns):
                index = model.index(r, c)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        out.append((f"{name}[{r},{c}]", value))
    return out


@pytest.mark.parametrize("with_problems", [False, True])
def test_dutch_interface_has_no_raw_keys_or_english(
    make_window: Any, qtbot: Any, with_problems: bool
) -> None:
    window = make_window("nl")
    for row in range(window.steps.count()):  # visit every page (some fill in when shown)
        window.steps.setCurrentRow(row)
        qtbot.wait(20)
    if with_problems:  # the messages, warnings and banners of bad input, typed by hand
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLineEdit

        for name, typed in (("edit_jobs", "veel"), ("edit_ramp_0", "150"), ("edit_start_year", "2001")):
            edit = window.findChild(QLineEdit, name)
            edit.setFocus()
            edit.selectAll()
            qtbot.keyClicks(edit, typed)
            qtbot.keyClick(edit, Qt.Key.Key_Return)
        assert window.stale_frames[0].stale
    texts = _visible_texts(window)
    assert len(texts) > 100  # the walk found the interface (it can fail)
    case_names = {window.state.case.business.name, window.state.case.meta.title}
    # a tooltip may name the reference value it explains, e.g. (gravity.cutoff_km)
    norms = re.compile("|".join(re.escape(k) for k in window.ctx.ref.norms))
    problems = []
    for name, value in texts:
        # a command the officer may type is a name, not a text: ‘ber grid import’
        plain = COMMAND.sub("", norms.sub("", value.replace("&", "")))
        if plain in DUTCH_OK or plain in case_names:
            continue
        if RAW_KEY.search(plain) or ENGLISH.search(plain):
            problems.append(f"{name}: {value!r}")
    assert problems == [], problems
