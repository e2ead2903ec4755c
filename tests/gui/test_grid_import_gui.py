"""The grid capacity map read from the desktop (Bestand › Netcapaciteitskaart inlezen… and
the Locaties page's button): preview per site, apply as one undo step, a bad map refused
with the command line's messages and the case unchanged."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from line_edits import type_text
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QLabel, QMenu

from ber.case.model import load_case


def _map(tmp_path: Path, **changes: Any) -> Path:
    """A small map in the im-capaciteitskaart v1.3 shape (as tests/data/capaciteitskaart_small.json)."""
    doc: dict[str, Any] = {
        "conforms_to": "http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0",
        "creator": "BER-desk test (fictitious)",
        "identifier": "gui_test_kaart",
        "issued": "2025-10-01",
        "energy_areas": [
            {
                "short_code": "OS TEST VENLO",
                "demand_available_capacity": 12.5,
                "demand_capacity_in_queue": 40,
                "demand_requests_in_queue": 7,
                "postcode_areas": [
                    {"postcode": "5928RA", "demand_constraint": "red", "generation_constraint": "red"},
                    {"postcode": "5928RB", "demand_constraint": "amber", "generation_constraint": "red"},
                ],
            },
            {
                "short_code": "OS TEST VENRAY",
                "demand_available_capacity": 3.0,
                "demand_capacity_in_queue": 0,
                "demand_requests_in_queue": 0,
                "postcode_areas": [
                    {
                        "postcode": "5804AA",
                        "demand_constraint": "yellow",
                        "generation_constraint": "transparant",
                    }
                ],
            },
        ],
    }
    doc.update(changes)
    path = tmp_path / "capaciteitskaart.json"
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def _with_postcodes(window: Any, qtbot: Any) -> None:
    """Site 1 on the map by its postcode, site 2 by its four digits only, site 3 without one."""
    space = window.page_sites.space_table
    type_text(qtbot, space.cellWidget(0, 3), "5928 RA")
    type_text(qtbot, space.cellWidget(1, 3), "5804ZZ")
    assert [s.postcode for s in window.state.case.sites] == ["5928RA", "5804ZZ", ""]


def _preview(window: Any, qtbot: Any, path: Path) -> Any:
    shown: list[Any] = []
    window.grid_import.read(path, on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(shown), timeout=10_000)
    return shown[0]


def test_preview_apply_and_undo(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    w = make_window()
    _with_postcodes(w, qtbot)
    dialog = _preview(w, qtbot, _map(tmp_path))
    rows = [[dialog.model.item(r, c).text() for c in range(dialog.model.columnCount())] for r in range(3)]
    assert rows[0][1:] == [
        "5928RA",
        "postcode (exact)",
        "OS TEST VENLO",
        "rood",
        "12,5 MW",  # one decimal and the unit, as `ber grid import` prints it
        "7 aanvragen (40,0 MW)",
    ]
    # 5804ZZ is not on the map; 5804AA (same four digits) is, in the Venray area, yellow
    assert rows[1][2:6] == ["vier cijfers (PC4)", "OS TEST VENRAY", "geel", "3,0 MW"]
    # the colour's meaning in its tooltip, the cell tinted
    assert dialog.model.item(0, 4).toolTip() == "rood (tekort aan transportcapaciteit, met wachtrij)"
    assert dialog.model.item(0, 4).background().color().name().upper() == "#F8C4C4"
    assert rows[1][6] == "0 aanvragen (0,0 MW)"
    assert rows[2][1:] == ["–", "geen postcode opgegeven", "–", "–", "–", "–"]
    summary = dialog.findChild(QLabel, "label_grid_summary")
    assert summary is not None and "2 van de 3 locaties gevonden" in summary.text()
    assert "gui_test_kaart (BER-desk test (fictitious))" in summary.text() and "2025-10-01" in summary.text()
    assert w.state.case.sites[0].grid is None  # nothing written before Toepassen

    before = w.state.undo_stack.count()
    assert dialog.button_apply.isEnabled()
    dialog.button_apply.click()
    g0, g1, g2 = (s.grid for s in w.state.case.sites)
    assert g0 is not None and g1 is not None and g2 is None
    assert (g0.area, g0.match, g0.available_mw, g0.colour, g0.requests_in_queue, g0.queue_mw) == (
        "OS TEST VENLO",
        "postcode",
        12.5,
        "red",
        7,
        40.0,
    )
    assert (g0.source, g0.reference_date) == ("gui_test_kaart (BER-desk test (fictitious))", "2025-10-01")
    assert (g1.area, g1.match, g1.colour, g1.available_mw) == ("OS TEST VENRAY", "pc4", "yellow", 3.0)
    assert w.state.undo_stack.count() == before + 1 and w.state.dirty
    assert w.state.undo_stack.undoText() == "Netcapaciteitskaart inlezen"
    # the autosave follows like for any edit (its own temporary user data folder)
    assert w.documents.autosave_timer.isActive()
    saved = w.documents.autosave()
    assert saved is not None and load_case(saved).sites[0].grid == g0
    # the Locaties page shows the figure, Dutch decimal comma and unit
    cell = w.page_sites.space_table.item(0, 4).text()
    assert cell == "OS TEST VENLO: 12,5 MW beschikbaar, rood (2025-10-01)", cell
    # the second site was found by its postcode's four digits only: the cell and its tip say so
    cell = w.page_sites.space_table.item(1, 4)
    assert cell.text() == "OS TEST VENRAY: 3,0 MW beschikbaar, geel (2025-10-01) · vier cijfers (PC4)"
    assert "dezelfde vier cijfers" in cell.toolTip()
    # undo takes the whole import back in one step; redo puts it back
    w.commands.action_undo.trigger()
    assert all(s.grid is None for s in w.state.case.sites)
    assert [s.postcode for s in w.state.case.sites] == ["5928RA", "5804ZZ", ""]
    assert w.page_sites.space_table.item(0, 4).text() == "niet ingelezen"
    w.commands.action_redo.trigger()
    assert w.state.case.sites[0].grid == g0


def test_reading_the_same_map_again_changes_nothing(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    w = make_window()
    _with_postcodes(w, qtbot)
    path = _map(tmp_path)
    _preview(w, qtbot, path).button_apply.click()
    count = w.state.undo_stack.count()
    again = _preview(w, qtbot, path)
    assert not again.button_apply.isEnabled()  # the case already holds these figures
    again.reject()
    assert w.state.undo_stack.count() == count


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        # a GeoJSON of the map's layers: refused, the field named
        ({"type": "FeatureCollection", "features": []}, "GeoJSON"),
        # a negative capacity: the field and its place named
        (
            {"energy_areas": [{"short_code": "X", "demand_available_capacity": -4, "postcode_areas": []}]},
            "energy_areas[0].demand_available_capacity",
        ),
        # 50,000 MW passes the reader (the map allows 100,000) but no site can have it
        (
            {
                "energy_areas": [
                    {
                        "short_code": "X",
                        "demand_available_capacity": 50000,
                        "postcode_areas": [{"postcode": "5928RA", "demand_constraint": "red"}],
                    }
                ]
            },
            "sites[0].grid.available_mw: waarde 50000 ligt buiten het toegestane bereik 0 tot en met 10000",
        ),
    ],
)
def test_bad_map_shows_the_problems_and_changes_nothing(
    make_window: Any, qtbot: Any, tmp_path: Path, changes: dict[str, Any], expected: str
) -> None:
    w = make_window()
    _with_postcodes(w, qtbot)
    case, count = w.state.case, w.state.undo_stack.count()
    shown: list[Any] = []
    w.last_error = ""
    w.grid_import.read(_map(tmp_path, **changes), on_shown=shown.append)
    qtbot.waitUntil(lambda: bool(w.last_error), timeout=10_000)
    assert "capaciteitskaart.json is niet ingelezen" in w.last_error
    assert expected in w.last_error, w.last_error
    assert not shown and w.state.case is case and w.state.undo_stack.count() == count


def test_menu_action_and_sites_button(
    make_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    w = make_window()
    menu = w.menuBar().findChild(QMenu, "menu_file")
    names = [a.objectName() for a in menu.actions()]
    assert names.index("action_import_grid") == names.index("action_import_geodata") + 1
    asked: list[str] = []
    path = _map(tmp_path)

    def choose(*args: Any, **kwargs: Any) -> tuple[str, str]:
        asked.append(args[1])
        return str(path), ""

    monkeypatch.setattr(QFileDialog, "getOpenFileName", choose)
    w.page_sites.button_grid.click()
    qtbot.waitUntil(lambda: w.grid_import.preview is not None, timeout=10_000)
    first = w.grid_import.preview
    w.findChild(QAction, "action_import_grid").trigger()
    qtbot.waitUntil(lambda: w.grid_import.preview is not first, timeout=10_000)
    assert asked == ["Netcapaciteitskaart inlezen…"] * 2
    first.reject()
    w.grid_import.preview.reject()


def test_english_preview(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    w = make_window("en")
    _with_postcodes(w, qtbot)
    dialog = _preview(w, qtbot, _map(tmp_path))
    assert dialog.model.item(0, 2).text() == "postcode (exact)"
    assert dialog.model.item(0, 5).text() == "12.5 MW"
    assert dialog.model.item(1, 2).text() == "four digits (PC4)"
    assert dialog.button_apply.text() == "Apply"
