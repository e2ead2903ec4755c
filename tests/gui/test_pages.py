"""Page behaviour: new case, region choice, chosen site, manual residence, measures."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLineEdit, QRadioButton

from ber.engine.domains import domain_keys


def test_new_case_is_valid_and_computes(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    w.documents.new_case()
    assert w.problems == []
    assert w.state.case.business.jobs == 100
    assert len(w.state.case.sites) == 1
    assert w.state.case.region.municipalities is None
    qtbot.waitUntil(lambda: w.result.totals["jobs"] == pytest.approx(100), timeout=5000)
    # the automatic region of the built-in table around Venlo: the region the engine derived
    assert w.result.region["method"] == "cutoff"
    assert w.page_region.radio_auto.isChecked()


def test_region_auto_then_ticked(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    page = w.page_region
    page.radio_auto.setChecked(True)
    assert w.state.case.region.municipalities is None
    qtbot.waitUntil(lambda: w.result.region["method"] == "cutoff", timeout=5000)
    page.radio_list.setChecked(True)
    # untick Gennep: the region is the six others
    for i in range(page.list.count()):
        item = page.list.item(i)
        if item.data(Qt.ItemDataRole.UserRole) == "GM0907":
            item.setCheckState(Qt.CheckState.Unchecked)
    codes = w.state.case.region.municipalities
    assert codes is not None and "GM0907" not in codes
    qtbot.waitUntil(lambda: "GM0907" not in w.result.region["municipalities"], timeout=5000)
    assert w.page_results.traffic_model.row_of("GM0907") == -1


def test_choose_another_site(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    table = w.page_sites.table
    radio = table.cellWidget(1, 0).findChild(QRadioButton)
    radio.setChecked(True)
    assert [s.chosen for s in w.state.case.sites] == [False, True, False]
    qtbot.waitUntil(lambda: w.result.site["name"].startswith("Venray"), timeout=5000)
    w.commands.action_undo.trigger()
    assert w.state.case.sites[0].chosen


def test_manual_residence_shares_must_fill_the_rest(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    method = w.findChild(QComboBox, "combo_residence_method")
    method.setCurrentIndex(method.findData("manual"))
    # manual without shares is a problem the page shows at the table
    assert any(p.field.startswith("workforce.residence") for p in w.problems)
    assert w.stale_frames[0].stale
    table = w.page_workforce.residence_table
    assert table.isEnabled()
    table._add()
    edit = table.table.cellWidget(0, 1)
    assert isinstance(edit, QLineEdit)
    # 5 % cross-border: the manual shares must add up to 95 %
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "95")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    assert w.problems == []
    assert w.commands.action_export_pdf.isEnabled()


def test_measures_show_without_and_with(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    assert w.result.mitigations is not None  # the demo has a 30 % shuttle and 150 employer beds
    assert w.page_results.mitigation_model.rowCount() == len(domain_keys())  # one row per domain
    edit = w.findChild(QLineEdit, "edit_shuttle_share")
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, "0")
    qtbot.keyClick(edit, Qt.Key.Key_Return)
    # employer beds count as a measure too (ber.engine.assess.has_mitigations)
    w.state.set_value("workforce.employer_beds", [])
    qtbot.waitUntil(lambda: w.result.mitigations is None, timeout=5000)
    assert w.page_results.mitigation_model.rowCount() == 0


def test_switching_crs_converts_the_coordinates(make_window: Any) -> None:
    w = make_window()
    combo = w.page_sites.table.cellWidget(0, 4)
    assert isinstance(combo, QComboBox)
    combo.setCurrentIndex(combo.findData("EPSG:4326"))
    site = w.state.case.sites[0]
    assert site.crs == "EPSG:4326"
    # Venlo Trade Port West (RD 205021, 379119) lies near 6.1° E, 51.4° N
    assert 6.0 < site.x < 6.3 and 51.3 < site.y < 51.5
    assert w.problems == []
    combo = w.page_sites.table.cellWidget(0, 4)
    combo.setCurrentIndex(combo.findData("EPSG:28992"))
    back = w.state.case.sites[0]
    assert abs(back.x - 205021) <= 1 and abs(back.y - 379119) <= 1


def test_import_national_boundaries(make_window: Any, qtbot: Any, shared_reference: Any) -> None:
    w = make_window()
    qtbot.waitUntil(lambda: w.page_map.view.layer is not None, timeout=20_000)
    # a fresh install: the built-in national set, real polygons of all municipalities
    assert len(w.page_map.view.layer) == 342
    assert w.geo is not None and w.geo.info is not None and w.geo.info.builtin
    assert w.page_region.radio_kind.isEnabled()
    with qtbot.waitSignal(w.mapReady, timeout=120_000):
        w.map_region.import_geodata_from(shared_reference)
    assert w.geo is not None and w.geo.info is not None and not w.geo.info.builtin  # the import wins
    assert len(w.page_map.view.layer) > 300  # all Dutch municipalities
    assert len(w.ctx.table) > 300
    assert w.page_region.radio_kind.isEnabled()
    assert w.page_region.combo_region.count() > 10  # labour-market regions
    # the demo region stays valid in the national table and is computed again
    qtbot.waitUntil(lambda: w.result is not None and w.problems == [], timeout=10_000)


def test_capacity_paste_is_one_undo_step(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    widget = w.page_region.capacity
    model = widget.model
    before = w.state.case
    # typing "200" in Venlo's flex-bed cell (Dutch decimal comma accepted)
    row = model.codes.index("GM0983")
    assert model.setData(model.index(row, 0), "200")
    assert w.state.case.capacity["GM0983"].get("housing_flex") == 200
    assert model.value("GM0983", "housing_flex") == 200  # the widget mirrors the state
    count = w.state.undo_stack.count()
    # a paste of several cells: one call, one undo step
    model.request_edits([("GM0983", "care_gp", 500.0), ("GM0984", "care_gp", None)])
    assert w.state.undo_stack.count() == count + 1
    assert w.state.case.capacity["GM0984"].care_gp is None  # empty = unknown, never zero
    qtbot.waitUntil(lambda: w.result.municipality("GM0984").domains["care_gp"].status == "grey", timeout=5000)
    w.commands.action_undo.trigger()
    w.commands.action_undo.trigger()
    assert w.state.case == before
    assert model.value("GM0983", "housing_flex") == before.capacity["GM0983"].get("housing_flex")
