"""The map's scan of a business-park file (issue 18 item 6, as ``ber scan --sites``):
the file dialog, the ranked points in the list and on the map (by worst verdict or
rank), moving the site to a point (asked, one undo step), and a refused file (the CLI's
message in the panel, nothing computed)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from ber.engine.scan import scan
from ber.geodata.compare import file_hosts
from ber.maplayer.style import STATUS_COLOURS
from gui.scan_panel import worst_verdict
from gui.texts import tr
from tests.core.test_cli_scan import _points
from tests.gui.scan_stub import scan_until_cancelled
from tests.gui.test_scan_mode import _scan_mode


def _scan_file(window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, path: Path) -> Any:
    import gui.scan_panel

    panel = _scan_mode(window, qtbot, "NL")
    asked: list[str] = []
    monkeypatch.setattr(
        gui.scan_panel, "ask_sites_file", lambda parent, folder: asked.append(folder) or str(path)
    )
    qtbot.mouseClick(panel.button_file, Qt.MouseButton.LeftButton)
    assert asked == [""]  # the dialog was shown (no folder yet)
    return panel


def test_file_scan_ranks_draws_and_moves(make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
                                         tmp_path: Path) -> None:  # fmt: skip
    import gui.scan_mode

    window = make_window()
    parks = _points(tmp_path / "parks.geojson")
    panel = _scan_file(window, qtbot, monkeypatch, parks)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20_000)
    ctx, case = window.analysis.ctx, window.state.case
    hosts, area, _ = file_hosts(case, ctx, parks)
    expected = scan(case, hosts, ctx, area=area, hosts_from="sites")
    assert [r.name for r in panel.result.rows] == [r.name for r in expected.rows]
    assert panel.model.rowCount() == 2 and panel.model.headerData(1, Qt.Orientation.Horizontal) == tr(
        "scan.col.site"
    )
    assert {panel.model.cell(i, 1).text for i in range(2)} == {"Trade Port", "De Blakt"}
    assert (
        "parks.geojson" in panel.label_status.text() and "2 bedrijventerreinen" in panel.label_status.text()
    )
    assert panel.last_folder == str(tmp_path)
    view = window.page_map.view
    points = view.scan_points()  # the file's points, by worst verdict; municipalities not coloured
    assert [p.rgb for p in points] == [STATUS_COLOURS[worst_verdict(r)] for r in expected.rows]
    assert [p.rank for p in points] == [1, 2] and "Trade Port" in "".join(p.toolTip() for p in points)
    assert view.statuses() == {} and view.legend_label() == tr("scan.legend_points")
    panel.combo_colour.setCurrentIndex(panel.combo_colour.findData("rank"))
    first, last = (p.rgb for p in view.scan_points())
    assert first[1] > first[0] and last[0] > last[1]  # green first, red last
    assert view.legend_label() == tr("scan.legend_rank")
    # a municipality clicked on the map selects its point
    view.municipalityClicked.emit("GM0984")
    assert panel.selected_row().name == "De Blakt"
    assert panel.button_move.text() == tr("scan.move_point") and panel.button_move.isEnabled()
    before = window.state.case.to_dict()["sites"]
    asked: list[tuple[str, str, str]] = []
    monkeypatch.setattr(
        gui.scan_mode, "ask_move_point", lambda p, s, pt, h: asked.append((s, pt, h)) or False
    )
    qtbot.mouseClick(panel.button_move, Qt.MouseButton.LeftButton)
    assert asked and asked[0][1:] == ("De Blakt", "Venray")
    assert window.state.case.to_dict()["sites"] == before  # "no": nothing changed
    monkeypatch.setattr(gui.scan_mode, "ask_move_point", lambda p, s, pt, h: True)
    qtbot.mouseClick(panel.button_move, Qt.MouseButton.LeftButton)
    chosen = next(s for s in window.state.case.sites if s.chosen)
    assert (chosen.name, chosen.municipality, chosen.x, chosen.y) == ("De Blakt", "GM0984", 195591, 392107)
    window.state.undo_stack.undo()  # one step back
    assert window.state.case.to_dict()["sites"] == before
    # leaving the mode removes the points
    qtbot.mouseClick(window.page_map.button_scan, Qt.MouseButton.LeftButton)
    assert view.scan_points() == []


@pytest.mark.parametrize(
    ("make", "words"),
    [
        (lambda d: _points(d / "odd.geojson", "urn:ogc:def:crs:EPSG::3857"),
         ("odd.geojson", "unknown coordinate reference system", "EPSG:28992")),
        (lambda d: (d / "parks.csv", (d / "parks.csv").write_text("naam,a,b\nPark,1,2\n"))[0],
         ("parks.csv", "x/y")),
    ],
)  # fmt: skip
def test_refused_file_says_why_and_computes_nothing(
    make: Any, words: tuple[str, ...], make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:  # fmt: skip
    import ber.engine.scan

    window = make_window("en")
    computed: list[object] = []
    monkeypatch.setattr(ber.engine.scan, "scan", lambda *a, **k: computed.append(a))
    panel = _scan_file(window, qtbot, monkeypatch, make(tmp_path))
    qtbot.waitUntil(lambda: panel.job is None, timeout=20_000)
    status = panel.label_status.text()
    assert all(w in status for w in words), status
    assert "Traceback" not in status and computed == []
    assert panel.result is None and panel.model.rowCount() == 0 and window.page_map.view.scan_points() == []


def test_point_outside_every_municipality_is_named(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import json

    parks = tmp_path / "zee.geojson"
    features = [
        {"type": "Feature", "properties": {"naam": n}, "geometry": {"type": "Point", "coordinates": xy}}
        for n, xy in (("Trade Port", [205021, 379119]), ("Zee", [60000, 470000]))  # the second in the sea
    ]
    crs = {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}}
    parks.write_text(json.dumps({"type": "FeatureCollection", "crs": crs, "features": features}))
    window = make_window()
    panel = _scan_file(window, qtbot, monkeypatch, parks)
    qtbot.waitUntil(lambda: panel.result is not None, timeout=20_000)
    assert panel.model.rowCount() == 2
    assert "Locatie Zee: ligt in geen enkele gemeente" in panel.label_status.text()  # as ber scan warns


def test_cancel_a_file_scan(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import ber.engine.scan

    def check(hosts: Any, kw: dict[str, Any]) -> None:
        assert kw["hosts_from"] == "sites" and [h.name for h in hosts] == ["Trade Port", "De Blakt"]

    monkeypatch.setattr(ber.engine.scan, "scan", scan_until_cancelled(0.4, check))
    window = make_window()
    panel = _scan_file(window, qtbot, monkeypatch, _points(tmp_path / "parks.geojson"))
    qtbot.waitUntil(lambda: panel.progress.value() == 40, timeout=5_000)
    assert panel.progress.isVisible() and panel.button_cancel.isEnabled()
    qtbot.mouseClick(panel.button_cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.label_status.text() == tr("scan.cancelled"), timeout=5_000)
    assert panel.result is None and window.page_map.view.scan_points() == []
