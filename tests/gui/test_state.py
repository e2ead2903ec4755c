"""The case state: undo/redo restore the exact previous case; edits of one field merge."""

from __future__ import annotations

from typing import Any

import pytest

from ber.case.demo import demo_case
from ber.texts.messages import InputError
from gui.state import CaseState, case_with, split_path


def test_split_path() -> None:
    assert split_path("workforce.employer_beds[0].beds") == ["workforce", "employer_beds", 0, "beds"]


def test_set_value_is_immutable_and_undoable(qapp: Any) -> None:
    original = demo_case()
    state = CaseState(original)
    assert state.set_value("business.jobs", 1000.0)
    assert original.business.jobs == 900  # the old Case is untouched
    assert state.case.business.jobs == 1000
    assert state.dirty
    state.undo_stack.undo()
    assert state.case == original
    assert not state.dirty
    state.undo_stack.redo()
    assert state.case.business.jobs == 1000


def test_consecutive_edits_of_one_field_merge(qapp: Any) -> None:
    state = CaseState(demo_case())
    for jobs in (901.0, 902.0, 903.0):
        state.set_value("business.jobs", jobs)
    state.set_value("business.start_year", 2030)
    assert state.undo_stack.count() == 2
    state.undo_stack.undo()
    state.undo_stack.undo()
    assert state.case.business.jobs == 900
    assert state.case.business.start_year == 2027


def test_unchanged_value_pushes_nothing(qapp: Any) -> None:
    state = CaseState(demo_case())
    assert not state.set_value("business.jobs", 900.0)
    assert state.undo_stack.count() == 0


def test_changed_signal_names_the_path(qapp: Any, qtbot: Any) -> None:
    state = CaseState(demo_case())
    with qtbot.waitSignal(state.changed) as blocker:
        state.set_value("workforce.category_shares.eu_short", 0.3)
    assert blocker.args == ["workforce.category_shares.eu_short"]


def test_type_refused_by_the_model_is_an_input_error(qapp: Any) -> None:
    state = CaseState(demo_case())
    with pytest.raises(InputError):
        state.set_value("business.start_year", "not a year")
    assert state.undo_stack.count() == 0


def test_case_with_list_paths() -> None:
    case = case_with(demo_case(), "workforce.employer_beds[0].beds", 10.0)
    assert case.workforce.employer_beds[0].beds == 10.0


def test_list_and_table_edits_do_not_merge(qapp: Any) -> None:
    state = CaseState(demo_case())
    sites = [s.model_dump(mode="json") for s in state.case.sites]
    state.set_value("sites", sites[:2])
    state.set_value("sites", sites[:1])
    assert state.undo_stack.count() == 2
    state.undo_stack.undo()
    assert len(state.case.sites) == 2
