"""The policy rules and the labour migrants already living in each municipality are
entered on the region page (issue 11 item 5): typed with real keys, held by the case as
typed, checked on the results page, and a bad value named with its allowed range."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QLineEdit

from tests.gui.line_edits import type_text

VENLO = "GM0983"  # the demo's employer beds: one location of 150 beds in Venlo


def _rules(w: Any, code: str) -> Any:
    box = w.page_region.rules
    box.combo.setCurrentIndex(box.combo.findData(code))
    assert box.combo.currentData() == code
    return box


def test_typed_rule_and_source_are_held_and_checked(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    box = _rules(w, VENLO)
    type_text(qtbot, box.sources["max_beds_per_location"], "Beleidsregel huisvesting Venlo 2024")
    type_text(qtbot, box.values["max_beds_per_location"], "100")
    rule = w.state.case.policy[VENLO].max_beds_per_location
    assert rule is not None and (rule.value, rule.source) == (100.0, "Beleidsregel huisvesting Venlo 2024")
    assert box.values["max_beds_per_location"].text() == "100"  # kept as typed
    page = w.page_results

    def venlo_row() -> list[str]:
        model = page.checks_model
        for r in range(model.rowCount()):
            cells = [model.cell(r, c).text for c in range(model.columnCount())]
            if cells[0] == "Venlo" and "bedden" in cells[2]:
                return cells
        return []

    qtbot.waitUntil(lambda: bool(venlo_row()), timeout=10_000)
    # the location of 150 beds breaks the cap of 100, the source is the one typed
    cells = venlo_row()
    assert cells[2] == "100 bedden" and cells[3] == "150 bedden" and cells[4] == "overschreden"
    assert cells[5] == "Beleidsregel huisvesting Venlo 2024"
    # one undo step takes the rule away again
    w.state.undo_stack.undo()
    assert VENLO not in w.state.case.policy or w.state.case.policy[VENLO].max_beds_per_location is None


def test_share_cap_above_100_percent_is_named_with_its_range(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    box = _rules(w, VENLO)
    type_text(qtbot, box.values["max_migrant_share"], "150")
    rule = w.state.case.policy[VENLO].max_migrant_share
    assert rule is not None and rule.value == 1.5  # held as typed (150 % = 1.5), marked
    assert box.values["max_migrant_share"].text() == "150"
    message = box.messages["max_migrant_share"]
    qtbot.waitUntil(lambda: not message.isHidden() and "100%" in message.text(), timeout=10_000)
    assert "0% tot en met 100%" in message.text() and "150%" in message.text()
    # no source yet: the field beside it says it is required
    source_message = box.source_messages["max_migrant_share"]
    assert not source_message.isHidden() and "bron ontbreekt" in source_message.text()
    # a value that is no number: the case keeps 150 %, the field its text, the range is named
    type_text(qtbot, box.values["max_migrant_share"], "veel")
    assert w.state.case.policy[VENLO].max_migrant_share.value == 1.5
    qtbot.waitUntil(lambda: "veel" in message.text(), timeout=10_000)
    assert "0 tot en met 100 %" in message.text()
    # corrected: 10 % with its source, no message left on this rule
    type_text(qtbot, box.values["max_migrant_share"], "10")
    type_text(qtbot, box.sources["max_migrant_share"], "Raadsbesluit 2023")
    rule = w.state.case.policy[VENLO].max_migrant_share
    assert (rule.value, rule.source) == (0.1, "Raadsbesluit 2023")
    qtbot.waitUntil(lambda: message.isHidden(), timeout=10_000)


def test_existing_migrants_typed_in_the_table(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    table = w.page_region.rules.table
    row = next(r for r in range(table.rowCount()) if table.item(r, 0).data(Qt.ItemDataRole.UserRole) == VENLO)

    def type_cell(col: int, text: str) -> None:
        table.setCurrentCell(row, col)
        table.editItem(table.item(row, col))
        qtbot.wait(10)
        editors = [e for e in table.viewport().findChildren(QLineEdit) if not e.isHidden()]
        assert len(editors) == 1
        editor = editors[0]
        editor.selectAll()
        qtbot.keyClicks(editor, text)
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        # the delegate commits and closes the editor from the event loop
        qtbot.waitUntil(lambda: table.state() == QAbstractItemView.State.NoState, timeout=5000)

    type_cell(1, "4.250")  # Dutch thousands separator
    type_cell(2, "BRP-telling 2025")
    fig = w.state.case.existing_migrants[VENLO]
    assert (fig.value, fig.source) == (4250.0, "BRP-telling 2025")
    assert table.item(row, 1).text() == "4.250"  # kept as typed
    type_cell(1, "veel")
    assert w.state.case.existing_migrants[VENLO].value == 4250.0  # unchanged
    message = w.page_region.rules.existing_message
    qtbot.waitUntil(lambda: not message.isHidden() and "veel" in message.text(), timeout=10_000)


def test_stale_notes_name_the_maximum_age_in_use(make_window: Any, qtbot: Any) -> None:
    from ber.case.model import parse_case

    w = make_window()
    model = w.page_region.capacity.model
    row = model.codes.index(VENLO)
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "Verouderd" not in tip  # the demo's figures (2026-10-01) are fresh at 12 months
    doc = w.state.case.to_dict()
    # case date 2026-11-24: a reference date of 2026-10-01 is more than 1 month old
    doc["overrides"]["capacity.max_age_months"] = {"value": 1, "justification": "Strenger beleid"}
    w.state.replace(parse_case(doc), "overrides")
    tip = model.data(model.index(row, 0), Qt.ItemDataRole.ToolTipRole)
    assert "meer dan 1 maand voor de casusdatum" in tip
    label = w.page_results.label_checks
    qtbot.waitUntil(lambda: "meer dan 1 maand voor" in label.text(), timeout=10_000)
