"""Wiring of the map's "Waar past het het best?" mode to the window: the case and the
context the scan runs on, the areas on offer, and moving the chosen site to a host
(asked first, one undo step)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QMessageBox, QWidget

from gui.texts import tr


def ask_move(parent: QWidget | None, site: str, host: str) -> bool:
    """Move the chosen site to the host's centroid? (tests replace this function)"""
    button = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        tr("scan.move_title"),
        tr("scan.move_question", site=site, host=host),
        button.Yes | button.No,
        button.No,
    )
    return answer == button.Yes


def ask_move_point(parent: QWidget | None, site: str, point: str, host: str) -> bool:
    """Move the chosen site to a point of a business-park file? (tests replace this function)"""
    button = QMessageBox.StandardButton
    answer = QMessageBox.question(
        parent,
        tr("scan.move_title"),
        tr("scan.move_point_question", site=site, point=point, host=host),
        button.Yes | button.No,
        button.No,
    )
    return answer == button.Yes


def moved_sites(case: Any, code: str, x: float, y: float, name: str) -> list[dict[str, Any]]:
    """The case's sites with the chosen one (the first when none is marked) at ``x, y`` in ``code``."""
    sites: list[dict[str, Any]] = [dict(s) for s in case.to_dict()["sites"]]
    chosen = next((i for i, s in enumerate(sites) if s.get("chosen")), 0)
    sites[chosen] = {
        "name": name,
        "x": x,
        "y": y,
        "crs": "EPSG:28992",
        "municipality": code,
        "chosen": True,
    }
    return sites


def move_site(window: Any, code: str, x: float, y: float, point: str = "") -> bool:
    """Ask, then move the chosen site to the host's centroid or to the file's ``point``
    (one undo step); True when moved."""
    case = window.state.case
    if not case.sites:
        return False
    current = next((s for s in case.sites if s.chosen), case.sites[0])
    host = window.analysis.ctx.table.name(code)
    asked = (
        ask_move_point(window, current.name, point, host) if point else ask_move(window, current.name, host)
    )
    if not asked:
        return False
    sites = moved_sites(case, code, x, y, point or tr("scan.site_name", host=host))
    return bool(window.state.set_value("sites", sites, tr("scan.move_undo")))


def connect_scan(window: Any) -> None:
    """Give the map page's scan panel the window's case and context."""
    panel = window.page_map.scan_panel
    panel.case_provider = lambda: None if window.analysis.problems else window.state.case
    panel.context_provider = lambda: window.analysis.ctx
    panel.moveSiteRequested.connect(lambda code, x, y, point: move_site(window, code, x, y, point))
    window.map_region.contextChanged.connect(panel.refresh_areas)
    panel.refresh_areas()
