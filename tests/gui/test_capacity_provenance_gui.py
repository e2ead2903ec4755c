"""The capacity table shows and edits each figure's provenance, tints stale figures,
and the capacity request is written, read back through a preview and applied as one
undo step (issue 11 items 3 and 4)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path
from typing import Any

import openpyxl
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ber.io.capacity_form import HEADER_ROW
from gui.capacity_provenance import NOTE_TINT, ProvenanceDialog


def test_tooltip_shows_provenance_and_stale_cells_are_tinted(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    model = w.page_region.capacity.model
    row, col = model.codes.index("GM0983"), 0
    tip = model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
    assert "Peildatum: 2026-10-01" in tip and "Aangeleverd door: BER-desk (demo, fictief)" in tip
    assert model.data(model.index(row, col), Qt.ItemDataRole.BackgroundRole) is None
    # an old reference date (the case date is 2026-11-24): tinted and explained
    w.page_region.capacity.view.setCurrentIndex(model.index(row, col))
    w.page_region.capacity.set_provenance_of_selection("Monitor 2024", "2024-06-30", "J. Jansen")
    brush = model.data(model.index(row, col), Qt.ItemDataRole.BackgroundRole)
    assert brush is not None and brush.color().name().upper() == NOTE_TINT
    assert "Verouderd" in model.data(model.index(row, col), Qt.ItemDataRole.ToolTipRole)
    fig = w.state.case.capacity["GM0983"].figure("housing_flex")
    assert (fig.value, fig.source, fig.reference_date) == (120.0, "Monitor 2024", "2024-06-30")
    w.commands.action_undo.trigger()
    assert w.state.case.capacity["GM0983"].figure("housing_flex").reference_date == "2026-10-01"


def test_provenance_dialog_refuses_a_future_date(qtbot: Any) -> None:
    dialog = ProvenanceDialog(None, 2, "nl")
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    future = (_dt.date.today() + _dt.timedelta(days=3)).isoformat()
    qtbot.keyClicks(dialog.edit_date, future)
    assert not ok.isEnabled()
    assert "toekomst" in dialog.message.text() and "tot en met vandaag" in dialog.message.text()
    assert dialog.edit_date.text() == future  # kept as typed
    dialog.edit_date.clear()
    qtbot.keyClicks(dialog.edit_date, "30-06-2026")
    assert not ok.isEnabled() and "JJJJ-MM-DD" in dialog.message.text()
    dialog.edit_date.clear()
    qtbot.keyClicks(dialog.edit_date, "2026-06-30")
    qtbot.keyClicks(dialog.edit_source, "Woonmonitor")
    assert ok.isEnabled() and dialog.message.text() == ""
    assert dialog.values() == ("Woonmonitor", "2026-06-30", "")


def test_request_read_preview_and_apply(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    w = make_window()
    panel = w.page_region.request_panel
    form = tmp_path / "uitvraag.xlsx"
    assert panel.write(form)
    wb = openpyxl.load_workbook(form)
    ws = wb["Venlo"]
    ws["B8"] = "A. de Boer"
    ws.cell(HEADER_ROW + 1, 4, 150)
    ws.cell(HEADER_ROW + 1, 5, "Woonmonitor Venlo")
    ws.cell(HEADER_ROW + 1, 6, "2026-06-30")
    wb.save(form)
    shown: list[Any] = []
    panel.read([form], on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    dialog = shown[0]
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "120 bedden" and dialog.table.item(0, 3).text() == "150 bedden"
    # the map's data arriving while the preview is open rebuilds the pages' tables, not its rows
    w._context_changed()
    assert dialog.table.rowCount() == 1 and dialog.table.item(0, 3).text() == "150 bedden"
    assert dialog.button_apply.isEnabled()
    before = w.state.undo_stack.count()
    dialog.button_apply.click()
    assert w.state.case.capacity["GM0983"].get("housing_flex") == 150
    assert w.state.undo_stack.count() == before + 1
    # a bad cell: the preview lists it and cannot apply
    ws.cell(HEADER_ROW + 2, 4, -3)
    ws.cell(HEADER_ROW + 2, 5, "x")
    ws.cell(HEADER_ROW + 2, 6, "2026-06-30")
    wb.save(form)
    shown.clear()
    panel.read([form], on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=5000)
    assert not shown[0].button_apply.isEnabled()
    assert "cel D13" in shown[0].problems.toPlainText()
    shown[0].reject()


def test_results_page_shows_policy_checks_and_stale_figures(make_window: Any, qtbot: Any) -> None:
    from ber.case.model import parse_case

    w = make_window()
    doc = w.state.case.to_dict()
    doc["policy"] = {"GM0983": {"max_beds_per_location": {"value": 100, "source": "Beleidsregel Venlo"}}}
    doc["capacity"]["GM0984"]["care_gp"]["reference_date"] = "2025-01-15"
    w.state.replace(parse_case(doc), "policy")
    page = w.page_results
    qtbot.waitUntil(lambda: w.result is not None and bool(w.result.policy_checks), timeout=10_000)
    qtbot.waitUntil(lambda: page.checks_model.rowCount() > 0, timeout=5000)
    # employer location 1 in Venlo has 150 beds: above the cap of 100
    first = [page.checks_model.cell(0, c).text for c in range(page.checks_model.columnCount())]
    assert first[0] == "Venlo" and "werkgeverslocatie 1" in first[1]
    assert first[2] == "100 bedden" and first[3] == "150 bedden" and first[4] == "overschreden"
    assert page.checks_model.cell(0, 4).value == "exceeded"
    assert "1 verouderd" in page.label_checks.text()


def test_export_and_import_carry_provenance(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    w = make_window()
    widget = w.page_region.capacity
    path = tmp_path / "capaciteit.xlsx"
    assert widget.export_file(path)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[1]]
    col = headers.index("Huisvesting: flexbedden – peildatum") + 1
    venlo = next(r for r in range(2, ws.max_row + 1) if ws.cell(r, 1).value == "GM0983")
    assert ws.cell(venlo, col).value == "2026-10-01"
    ws.cell(venlo, col).value = "2026-11-01"
    ws.cell(venlo, headers.index("Huisvesting: flexbedden – bron") + 1).value = "Woonmonitor Venlo"
    wb.save(path)
    assert widget.import_file(path)
    fig = w.state.case.capacity["GM0983"].figure("housing_flex")
    assert (fig.value, fig.source, fig.reference_date) == (120.0, "Woonmonitor Venlo", "2026-11-01")


def test_map_colours_municipalities_by_their_policy_checks(make_window: Any, qtbot: Any) -> None:
    from ber.case.model import parse_case

    w = make_window()
    doc = w.state.case.to_dict()
    doc["policy"] = {
        "GM0983": {"max_beds_per_location": {"value": 100, "source": "Beleidsregel Venlo"}},  # 150 > 100
        "GM0984": {"max_migrant_share": {"value": 0.5, "source": "Beleidsregel Venray"}},  # unknown
    }
    w.state.replace(parse_case(doc), "policy")
    qtbot.waitUntil(lambda: w.result is not None and bool(w.result.policy_checks), timeout=10_000)
    page = w.page_map
    w.show_page(page) if hasattr(w, "show_page") else page.show()
    qtbot.waitUntil(lambda: page.view is not None and page._layer_set, timeout=10_000)
    page.show_result(w.result)
    combo = page.combo_domain
    combo.setCurrentIndex(combo.count() - 1)
    assert combo.currentText().startswith("Beleidsregels")
    assert page.view.statuses() == {"GM0983": "red", "GM0984": "grey"}
