"""The map a GIS user recognises: names at regional zoom, zoom to region and sites,
export as PNG and SVG from the File menu."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QMenu

from gui.actions import STEPS


def _map_ready(window: Any, qtbot: Any) -> Any:
    view = window.page_map.view
    qtbot.waitUntil(lambda: view.layer is not None, timeout=20_000)
    return view


def test_zoom_to_region_and_sites_shows_names(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    view = _map_ready(window, qtbot)
    window.commands.action_zoom_region.trigger()
    assert window.stack.currentIndex() == STEPS.index("map")
    qtbot.wait(50)
    # every candidate site is inside the view
    rect = view.viewport().rect()
    for site in window.state.case.sites:
        assert rect.contains(view.viewport_pos_of(site.x, site.y)), site.name
    # at regional zoom the municipalities carry their names, decluttered
    names = view.names.visible_names()
    assert "Venlo" in names and "Venray" in names, names
    # the whole country: no names (they would be an unreadable heap)
    view.fit_all()
    assert view.metres_per_pixel() > 160
    assert view.names.visible_names() == []


def test_map_export_from_the_file_menu(
    make_window: Any, qtbot: Any, tmp_path: Path, monkeypatch: Any
) -> None:
    import gui.map_region

    window = make_window()
    _map_ready(window, qtbot)
    file_menu = window.menuBar().findChild(QMenu, "menu_file")
    actions = file_menu.actions()
    assert window.commands.action_export_map_png in actions
    assert window.commands.action_export_map_svg in actions
    for kind in ("png", "svg"):
        target = tmp_path / f"kaart.{kind}"
        monkeypatch.setattr(gui.map_region, "ask_map_target", lambda parent, k, s, t=target: str(t))
        getattr(window.commands, f"action_export_map_{kind}").trigger()
        assert target.exists() and target.stat().st_size > 1000, kind
    assert target.read_text("utf-8").lstrip().startswith("<?xml")
