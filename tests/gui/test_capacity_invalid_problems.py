"""A capacity cell typed wrongly is an input problem until corrected (issue 13, item 2):
the results say they show the last valid input, as for any other field."""

from __future__ import annotations

from typing import Any

from ber.engine.domains import domain_keys
from tests.gui.test_capacity_table import _type_in_cell


def test_a_wrongly_typed_capacity_cell_is_an_input_problem(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    w.steps.setCurrentRow(3)  # Regio en capaciteit
    widget = w.page_region.capacity
    view = widget.view
    column = domain_keys().index("housing_flex")
    code = widget.model.codes[1]
    before = w.state.case.capacity[code].housing_flex if code in w.state.case.capacity else None
    _type_in_cell(qtbot, view, 1, column, "veel")
    # kept as typed, marked, and counted among the input problems (the case is unchanged)
    problems = [p for p in w.analysis.problems if p.code == "capacity.edit_invalid"]
    assert [p.field for p in problems] == [f"capacity.{code}.housing_flex"]
    assert "veel" in w.label_validation.text()
    assert all(frame.stale for frame in w.stale_frames)
    after = w.state.case.capacity[code].housing_flex if code in w.state.case.capacity else None
    assert after == before
    # a good number clears the problem and is stored
    _type_in_cell(qtbot, view, 1, column, "12")
    assert not [p for p in w.analysis.problems if p.code == "capacity.edit_invalid"]
    assert w.state.case.capacity[code].get("housing_flex") == 12
