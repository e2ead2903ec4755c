"""The capacity table widget: model checks, editing, paste, Delete, import/export, language."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtGui import QFont, QGuiApplication
from PySide6.QtWidgets import QTableView
from pytestqt.qtbot import QtBot

from ber.case.demo import DEMO_CAPACITY
from ber.engine.domains import domain_keys
from ber.io.capacity import Edit, read_capacity, write_capacity_csv
from gui.capacity_table import CapacityTableModel, CapacityTableWidget

CODES = ["GM0983", "GM1507", "GM0984"]
NAMES = ["Venlo", "Horst aan de Maas", "Venray"]
#: every domain of the registry (the demo gives no space or energy figures: unknown)
CAPACITY: dict[str, dict[str, float | None]] = {
    c: {d: DEMO_CAPACITY[c].get(d) for d in domain_keys()} for c in CODES
}
CAPACITY["GM0983"]["care_gp"] = 1234.5
CAPACITY["GM1507"]["transport_peak"] = None


class Owner:
    """Stands in for the main window: records edit requests, applies them on demand."""

    def __init__(self) -> None:
        self.calls: list[list[Edit]] = []

    def __call__(self, edits: list[Edit]) -> None:
        self.calls.append(list(edits))


@pytest.fixture
def owner() -> Owner:
    return Owner()


@pytest.fixture
def widget(qtbot: QtBot, owner: Owner) -> CapacityTableWidget:
    w = CapacityTableWidget(on_edits=owner)
    qtbot.addWidget(w)
    w.set_region(CODES, NAMES, CAPACITY)
    w.set_source_text("Illustratief, gemeenten Noord-Limburg 2026")
    w.resize(1100, 380)
    w.show()
    return w


def _select(view: QTableView, cells: list[tuple[int, int]]) -> None:
    sm = view.selectionModel()
    sm.clearSelection()
    sm.setCurrentIndex(view.model().index(*cells[0]), QItemSelectionModel.SelectionFlag.NoUpdate)
    for r, c in cells:
        sm.select(view.model().index(r, c), QItemSelectionModel.SelectionFlag.Select)


def test_qtmodeltester(qtmodeltester: object) -> None:
    model = CapacityTableModel(CODES, NAMES, CAPACITY)
    qtmodeltester.check(model)  # type: ignore[attr-defined]
    empty = CapacityTableModel()
    qtmodeltester.check(empty)  # type: ignore[attr-defined]


def test_display_dutch_numbers_and_unknown() -> None:
    model = CapacityTableModel(CODES, NAMES, CAPACITY)
    care = domain_keys().index("care_gp")
    peak = domain_keys().index("transport_peak")
    assert model.data(model.index(0, care)) == "1.234,5"
    assert model.data(model.index(0, care), Qt.ItemDataRole.EditRole) == "1234,5"
    assert model.data(model.index(0, 0)) == "120"
    unknown = model.index(1, peak)
    assert model.data(unknown) == "onbekend"
    font = model.data(unknown, Qt.ItemDataRole.FontRole)
    assert isinstance(font, QFont) and font.italic()
    assert model.data(model.index(0, 0), Qt.ItemDataRole.FontRole) is None
    assert model.headerData(care, Qt.Orientation.Horizontal) == "Zorg: huisarts (patiënten)"
    assert model.headerData(1, Qt.Orientation.Vertical) == "Horst aan de Maas (GM1507)"
    model.set_language("en")
    assert model.data(model.index(0, care)) == "1,234.5"
    assert model.data(unknown) == "unknown"
    assert model.headerData(care, Qt.Orientation.Horizontal) == "Care: GP (patients)"


@pytest.mark.parametrize(
    ("typed", "expected"),
    [("12,5", 12.5), ("1.234", 1234.0), ("", None), ("onbekend", None), ("0", 0.0)],
)
def test_edit_calls_on_edits_without_mutating(owner: Owner, typed: str, expected: float | None) -> None:
    model = CapacityTableModel(CODES, NAMES, CAPACITY, on_edits=owner)
    index = model.index(2, domain_keys().index("education_primary"))  # Venray, 20 pupils
    assert model.setData(index, typed)
    assert owner.calls == [[("GM0984", "education_primary", expected)]]
    assert model.value("GM0984", "education_primary") == 20  # the owner decides, the model mirrors
    model.set_capacity({**CAPACITY, "GM0984": {**CAPACITY["GM0984"], "education_primary": expected}})
    assert model.value("GM0984", "education_primary") == expected


def test_invalid_edit_is_rejected_with_message(qtbot: QtBot, owner: Owner) -> None:
    model = CapacityTableModel(CODES, NAMES, CAPACITY, on_edits=owner)
    with qtbot.waitSignal(model.problem) as blocker:
        assert not model.setData(model.index(0, 0), "-3")
    assert owner.calls == []
    assert (
        "Venlo" in blocker.args[0]
        and "Huisvesting: flexbedden" in blocker.args[0]
        and "-3" in blocker.args[0]
    )
    with qtbot.waitSignal(model.problem):
        assert not model.setData(model.index(0, 0), "veel")


def test_unchanged_edit_is_not_sent(owner: Owner) -> None:
    model = CapacityTableModel(CODES, NAMES, CAPACITY, on_edits=owner)
    assert model.setData(model.index(0, 0), "120")
    assert owner.calls == []


def test_ctrl_v_pastes_block_in_one_call(qtbot: QtBot, widget: CapacityTableWidget, owner: Owner) -> None:
    view = widget.view
    assert view.objectName() == "table_capacity"
    _select(view, [(1, 1)])
    QGuiApplication.clipboard().setText("7,5\t8\r\nonbekend\t1.000\r\n")
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)
    assert owner.calls == [
        [
            ("GM1507", "housing_dwellings", 7.5),
            ("GM1507", "care_gp", 8.0),
            ("GM0984", "housing_dwellings", None),
            ("GM0984", "care_gp", 1000.0),
        ]
    ]


def test_paste_button_and_bad_paste(qtbot: QtBot, widget: CapacityTableWidget, owner: Owner) -> None:
    _select(widget.view, [(0, len(domain_keys()) - 2)])
    QGuiApplication.clipboard().setText("1\tabc\t3\n")  # three columns from the last but one: too wide
    with qtbot.waitSignal(widget.problem) as blocker:
        qtbot.mouseClick(widget.button_paste, Qt.MouseButton.LeftButton)
    assert owner.calls == []
    assert "past" in blocker.args[0] or "passen" in blocker.args[0]
    assert widget.label_message.text() == blocker.args[0]
    QGuiApplication.clipboard().setText("abc\n")
    with qtbot.waitSignal(widget.problem) as blocker:
        widget.paste_from_clipboard()
    assert "Rij 1" in blocker.args[0] and "'abc'" in blocker.args[0]
    assert owner.calls == []


def test_english_paste_uses_decimal_point(widget: CapacityTableWidget, owner: Owner) -> None:
    widget.set_language("en")
    _select(widget.view, [(0, 0)])
    # '1.234' is one point two three four in English, '1,234' a thousand; Dutch '12,5' still works
    assert widget.paste_text("1.234\t1,234\t12,5\r\n")
    assert owner.calls == [
        [
            ("GM0983", "housing_flex", 1.234),
            ("GM0983", "housing_dwellings", 1234.0),
            ("GM0983", "care_gp", 12.5),
        ]
    ]


def test_single_value_fills_selection(widget: CapacityTableWidget, owner: Owner) -> None:
    _select(widget.view, [(0, 0), (1, 0), (2, 0)])
    assert widget.paste_text("5\r\n")
    assert sorted(owner.calls[0]) == [
        ("GM0983", "housing_flex", 5.0),
        ("GM0984", "housing_flex", 5.0),
        ("GM1507", "housing_flex", 5.0),
    ]


def test_delete_sets_unknown(qtbot: QtBot, widget: CapacityTableWidget, owner: Owner) -> None:
    _select(widget.view, [(0, 0), (0, 1)])
    widget.view.setFocus()
    qtbot.keyClick(widget.view, Qt.Key.Key_Delete)
    assert len(owner.calls) == 1
    assert sorted(owner.calls[0]) == [("GM0983", "housing_dwellings", None), ("GM0983", "housing_flex", None)]
    _select(widget.view, [(2, 2)])
    qtbot.mouseClick(widget.button_clear, Qt.MouseButton.LeftButton)
    assert owner.calls[1] == [("GM0984", "care_gp", None)]


def test_copy_selection_as_excel_text(widget: CapacityTableWidget) -> None:
    _select(widget.view, [(0, 2), (0, 3), (1, 2), (1, 3)])
    widget.copy_selection()
    # Venlo: 1234,5 patients, 30 pupils; Horst: 250 patients, 25 pupils
    assert QGuiApplication.clipboard().text() == "1234,5\t30\r\n250\t25\r\n"


def test_import_file_one_call_and_outside_region(
    tmp_path: Path, widget: CapacityTableWidget, owner: Owner
) -> None:
    path = tmp_path / "in.csv"
    path.write_text("gemeentecode;naam;Zorg: huisarts\nGM0983;Venlo;500\nGM0889;Beesel;10\n", "utf-8-sig")
    assert widget.import_file(path)
    assert owner.calls == [[("GM0983", "care_gp", 500.0)]]
    assert "GM0889" in widget.label_message.text()


def test_import_bad_file_changes_nothing(tmp_path: Path, widget: CapacityTableWidget, owner: Owner) -> None:
    path = tmp_path / "in.csv"
    path.write_text("gemeentecode;Zorg: huisarts\nGM0983;-5\nGM0984;7\n", "utf-8")
    assert not widget.import_file(path)
    assert owner.calls == []
    assert "negatief" in widget.label_message.text()


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_round_trip(tmp_path: Path, widget: CapacityTableWidget, suffix: str) -> None:
    path = tmp_path / f"uit{suffix}"
    assert widget.export_file(path)
    table, problems = read_capacity(path)
    assert problems == []
    assert table == CAPACITY


def test_language_and_accessibility(widget: CapacityTableWidget) -> None:
    assert widget.button_paste.text() == "Plakken uit Excel"
    assert widget.button_import.text() == "Importeren…"
    assert widget.button_clear.text() == "Wis cel"
    assert widget.view.accessibleName() == "Capaciteitstabel"
    assert "Illustratief" in widget.label_source.text() and "Bron capaciteit" in widget.label_source.text()
    widget.set_language("en")
    assert widget.button_paste.text() == "Paste from Excel"
    assert widget.view.accessibleName() == "Capacity table"
    assert widget.label_source.text().startswith("Capacity source:")
    for button in (widget.button_paste, widget.button_import, widget.button_export, widget.button_clear):
        assert button.accessibleName() and button.toolTip()


def test_screenshot(widget: CapacityTableWidget, tmp_path: Path, qtbot: QtBot) -> None:
    """Render the widget (set BER_SCREENSHOT_DIR to keep the PNG and look at it)."""
    qtbot.waitExposed(widget)
    _select(widget.view, [(0, 2)])
    widget.paste_text("abc")  # show a problem message too
    folder = Path(os.environ.get("BER_SCREENSHOT_DIR", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "capacity_table.png"
    assert widget.grab().save(str(path))
    assert path.stat().st_size > 5000


def test_write_csv_used_by_export_matches_helper(tmp_path: Path, widget: CapacityTableWidget) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    widget.export_file(a)
    write_capacity_csv(b, CODES, NAMES, CAPACITY)
    assert a.read_bytes() == b.read_bytes()


def _type_in_cell(qtbot: QtBot, view: QTableView, row: int, column: int, text: str) -> None:
    """Select a cell, start editing with F2, type, press Enter: as a user does."""
    view.setFocus()
    view.setCurrentIndex(view.model().index(row, column))
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = view.focusWidget()
    assert editor is not view, "no cell editor opened"
    editor.selectAll()
    qtbot.keyClicks(editor, text)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # the delegate commits the editor's text in a queued call
    qtbot.waitUntil(lambda: view.state() != QTableView.State.EditingState, timeout=2000)


def test_typed_cells_read_or_kept_as_typed(qtbot: QtBot, widget: CapacityTableWidget, owner: Owner) -> None:
    view = widget.view
    column = domain_keys().index("housing_flex")
    # "57 bedden" is read as 57 with a note, never silently unknown
    _type_in_cell(qtbot, view, 0, column, "57 bedden")
    assert owner.calls == [[("GM0983", "housing_flex", 57.0)]]
    assert "gelezen als 57" in widget.label_message.text()
    # "veel" and "-10" stay as typed, marked, with the reason; nothing is sent
    _type_in_cell(qtbot, view, 1, column, "veel")
    _type_in_cell(qtbot, view, 2, column, "-10")
    assert len(owner.calls) == 1
    model = widget.model
    assert model.data(model.index(1, column)) == "veel"
    assert model.data(model.index(2, column)) == "-10"
    assert "geen geldige capaciteit" in model.data(model.index(2, column), Qt.ItemDataRole.ToolTipRole)
    assert set(model.invalid_cells()) == {("GM1507", "housing_flex"), ("GM0984", "housing_flex")}
    assert "-10" in widget.label_message.text()
    # a good number clears the mark
    _type_in_cell(qtbot, view, 1, column, "12")
    assert ("GM1507", "housing_flex") not in model.invalid_cells()
