"""The map's "Waar past het het best?" mode (issue 18, item 6): the scan in the worker,
the ranked list, the map by verdict, cancel, and moving the site (asked, undoable)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt

from ber.engine.scan import municipality_hosts, scan
from ber.engine.scan_area import resolve_area
from gui.actions import STEPS
from gui.scan_panel import worst_verdict
from gui.texts import tr
from tests.gui.scan_stub import scan_until_cancelled


def _scan_mode(window: Any, qtbot: Any, area: str) -> Any:
    page = window.page_map
    qtbot.waitUntil(lambda: page.view.layer is not None, timeout=20_000)
    window.stack.setCurrentIndex(STEPS.index("map"))
    qtbot.mouseClick(page.button_scan, Qt.MouseButton.LeftButton)
    panel = page.scan_panel
    assert panel.isVisible() and not page.ranking.isVisible()
    panel.combo_area.setCurrentIndex(panel.combo_area.findData(area))
    return panel


def test_scan_of_a_province_ranks_and_colours_the_map(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    panel = _scan_mode(window, qtbot, "PV31")
    qtbot.mouseClick(panel.button_run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20_000)
    ctx = window.analysis.ctx
    area = resolve_area(ctx, "PV31")
    expected = scan(window.state.case, municipality_hosts(ctx, area.members), ctx)
    assert [r.host_municipality for r in panel.result.rows] == [r.host_municipality for r in expected.rows]
    assert panel.model.rowCount() == len(area.members) == 31
    view = window.page_map.view
    assert view.legend_label() == tr("scan.legend")
    assert view.statuses() == {r.host_municipality: worst_verdict(r) for r in expected.rows}
    assert view.region() == set(area.members)
    assert "31" in panel.label_status.text()
    tip = panel.model.cell(panel.model.row_of("GM0983"), 2).tooltip  # every domain's verdict
    assert tip.count("\n") == len(expected.domains) - 1 and "flexbedden: rood" in tip
    # by rank: green for the first host, red for the last, on the ramp's legend
    panel.combo_colour.setCurrentIndex(panel.combo_colour.findData("rank"))
    assert view.legend_label() == tr("scan.legend_rank")
    first, last = expected.rows[0].host_municipality, expected.rows[-1].host_municipality
    assert view.colour_of(first) != view.colour_of(last)
    assert view.colour_of(first)[1] > view.colour_of(first)[0]  # greenish
    assert view.colour_of(last)[0] > view.colour_of(last)[1]  # reddish
    panel.combo_colour.setCurrentIndex(panel.combo_colour.findData("verdict"))
    assert view.legend_label() == tr("scan.legend")
    # a municipality clicked on the map selects its row
    view.municipalityClicked.emit("GM0983")
    assert panel.selected_row() is not None and panel.selected_row().host_municipality == "GM0983"
    assert panel.button_move.isEnabled()
    # leaving the mode gives the domain colouring back
    qtbot.mouseClick(window.page_map.button_scan, Qt.MouseButton.LeftButton)
    assert view.legend_label() != tr("scan.legend")
    assert window.page_map.ranking.isVisible()


def test_cancel(make_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    import ber.engine.scan

    monkeypatch.setattr(ber.engine.scan, "scan", scan_until_cancelled(0.3))
    window = make_window()
    panel = _scan_mode(window, qtbot, "NL")
    qtbot.mouseClick(panel.button_run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.progress.value() == 30, timeout=5_000)
    assert panel.button_cancel.isEnabled()
    qtbot.mouseClick(panel.button_cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.label_status.text() == tr("scan.cancelled"), timeout=5_000)
    assert panel.result is None and not panel.button_cancel.isEnabled()


def test_move_the_site_asks_first_and_undoes(make_window: Any, qtbot: Any, monkeypatch: Any) -> None:
    import gui.scan_mode

    window = make_window()
    panel = _scan_mode(window, qtbot, "AM29")
    qtbot.mouseClick(panel.button_run, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20_000)
    before = window.state.case.to_dict()["sites"]
    row = panel.model.row_of("GM1507")  # Horst aan de Maas
    rect = panel.table.visualRect(panel.model.index(row, 1))
    qtbot.mouseClick(panel.table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert panel.selected_row().host_municipality == "GM1507"
    asked: list[tuple[str, str]] = []
    monkeypatch.setattr(gui.scan_mode, "ask_move", lambda p, site, host: asked.append((site, host)) or False)
    qtbot.mouseClick(panel.button_move, Qt.MouseButton.LeftButton)
    assert asked and asked[0][1] == "Horst aan de Maas"
    assert window.state.case.to_dict()["sites"] == before  # "no": nothing changed
    monkeypatch.setattr(gui.scan_mode, "ask_move", lambda p, site, host: True)
    qtbot.mouseClick(panel.button_move, Qt.MouseButton.LeftButton)
    chosen = next(s for s in window.state.case.sites if s.chosen)
    row_data = panel.selected_row()
    assert chosen.municipality == "GM1507" and (chosen.x, chosen.y) == (row_data.x, row_data.y)
    assert len(window.state.case.sites) == len(before)
    window.state.undo_stack.undo()
    assert window.state.case.to_dict()["sites"] == before
    qtbot.waitUntil(lambda: window.result.case_sha256 == window.state.case.sha256(), timeout=10_000)
    assert panel.label_status.text() != tr("scan.stale")  # the sites moved: the scan still fits
    window.state.set_value("business.jobs", 450, "jobs")  # the case itself changed
    qtbot.waitUntil(lambda: panel.label_status.text() == tr("scan.stale"), timeout=10_000)
