"""The site domains in the desktop application: plot, floor area and postcode per site and
the contracted grid capacity typed with real key clicks; bad values named with their
range; space and energy in the verdict, the map's domain choice and the site facts."""

from __future__ import annotations

from typing import Any

import pytest
from line_edits import field_message, line_edit, type_text
from PySide6.QtWidgets import QComboBox


def _settled(window: Any, qtbot: Any) -> None:
    from gui.workers import running_jobs

    calc = window.calculation
    qtbot.waitUntil(lambda: running_jobs() == 0 and not calc.running and not calc.wanted, timeout=10_000)


def test_plot_floor_postcode_per_site(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    space = window.page_sites.space_table
    type_text(qtbot, space.cellWidget(0, 1), "20")
    assert window.state.case.sites[0].plot_area_ha == pytest.approx(20.0)
    type_text(qtbot, space.cellWidget(0, 3), "5928 ra")
    assert window.state.case.sites[0].postcode == "5928RA"
    _settled(window, qtbot)
    facts = window.page_results.site_model
    cells = [facts.cell(r, 1).text for r in range(facts.rowCount())]
    assert "20,0\u00a0ha" in cells  # the plot, Dutch decimal comma, unit on the same line
    assert "45,0" in cells  # 900 jobs / 20 ha
    assert "Limburg [1]" in window.page_results.label_site_rules.text()  # 20 ha > 5 ha (art. 12.5)

    # a plot of 0 ha with the business's 144.000 m² floor area: refused, field and range named
    type_text(qtbot, space.cellWidget(0, 1), "0")
    problems = {p.field: p.code for p in window.problems}
    assert problems.get("sites[0].plot_area_ha") == "site.plot_zero"
    assert "meer dan 0 ha" in window.page_sites.message.text(), window.page_sites.message.text()
    # 1 ha cannot hold 144.000 m² in 3 storeys (at most 30.000 m²)
    type_text(qtbot, space.cellWidget(0, 1), "1")
    problems = {p.field: p.code for p in window.problems}
    assert problems.get("sites[0].floor_area_m2") == "site.floor_exceeds_plot"
    # letters: the case keeps its value, the cell is marked
    type_text(qtbot, space.cellWidget(0, 1), "groot")
    assert window.state.case.sites[0].plot_area_ha == pytest.approx(1.0)
    assert "‘groot’ is geen getal" in window.page_sites.message.text()


def test_grid_capacity_kva_and_mva(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    grid = line_edit(window, "edit_grid_capacity")
    type_text(qtbot, grid, "2,4 MVA")
    assert window.state.case.business.grid_capacity_kva == pytest.approx(2400.0)
    type_text(qtbot, grid, "3500")
    assert window.state.case.business.grid_capacity_kva == pytest.approx(3500.0)
    _settled(window, qtbot)
    assert window.result.site_facts.grid_demand_mw == pytest.approx(3.5)
    type_text(qtbot, grid, "-5")
    assert "negatief" in field_message(grid)
    type_text(qtbot, grid, "600000")
    assert "500.000" in field_message(grid), field_message(grid)  # the allowed range, in kVA
    assert any(p.field == "business.grid_capacity_kva" for p in window.problems)


def test_site_domains_in_verdict_and_map(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    verdict = window.page_results.verdict_model
    labels = [verdict.cell(r, 0).text for r in range(verdict.rowCount())]
    assert "Ruimte: kavel op de locatie" in labels and "Energie: netcapaciteit bij de locatie" in labels
    combo = window.findChild(QComboBox, "combo_map_domain")
    assert combo is not None and combo.findData("energy") >= 0 and combo.findData("space") >= 0
