"""The register window's tab *Voorschriften* (gui/register_conditions.py), SQLite in tmp_path.

Z-1 is granted with permit date 2026-03-01 (demo case: 150 employer beds in Venlo);
Z-2 is in procedure. Bad values are typed with real key clicks.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialogButtonBox

from ber.case.demo import demo_case
from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.register import Register

TODAY = dt.date(2026, 12, 1)


def _variant(ref: str) -> Case:
    base = demo_case()
    return base.model_copy(update={"meta": base.meta.model_copy(update={"reference": ref})})


@pytest.fixture
def demo() -> tuple[Case, Assessment]:
    case = _variant("NEW-1")
    return case, assess(case, Context.default())


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    with Register.open(url) as reg:
        for ref, status, decided in (("Z-1", "granted", dt.date(2026, 3, 1)), ("Z-2", "in_procedure", None)):
            case = _variant(ref)
            reg.add(case, assess(case, Context.default()), status=status, decided=decided, officer="A")
    return url


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import gui.register_view as rv

    shown: list[str] = []
    monkeypatch.setattr(rv, "show_message", lambda parent, title, text: shown.append(text))
    return shown


def _view(qtbot: Any, url: str, demo: tuple[Case, Assessment]) -> Any:
    from gui.register_view import RegisterView

    view = RegisterView(lambda: demo[0], lambda: demo[1], officer="M. de Vries", url=url)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.busy == 0 and view.model.rowCount() == 2, timeout=10_000)
    view.conditions.today = TODAY
    return view


def _settle(qtbot: Any, view: Any) -> None:
    qtbot.waitUntil(lambda: view.busy == 0, timeout=10_000)


def _select_case(view: Any, ref: str) -> None:
    view.table.selectRow(view.model.references().index(ref))


def _type(qtbot: Any, widget: Any, value: str) -> None:
    widget.setFocus()
    widget.selectAll()
    qtbot.keyClick(widget, Qt.Key.Key_Delete)
    qtbot.keyClicks(widget, value)


def _ok(qtbot: Any, dialog: Any) -> None:
    qtbot.mouseClick(dialog.buttons.button(QDialogButtonBox.StandardButton.Ok), Qt.MouseButton.LeftButton)


def _cells(tab: Any, column: str) -> list[str]:
    from gui.register_conditions import COLUMNS

    j = COLUMNS.index(column)
    return [tab.model.index(r, j).data() for r in range(tab.model.rowCount())]


def test_add_with_bad_values_then_deliver_and_edit(
    qtbot: Any, url: str, demo: Any, messages: list[str], qtmodeltester: Any
) -> None:
    view = _view(qtbot, url, demo)
    tab = view.conditions
    view.tabs.setCurrentWidget(tab)
    _settle(qtbot, view)
    assert tab.model.rowCount() == 0 and tab.label_count.text() == "0 voorschriften, waarvan 0 te laat"
    _select_case(view, "Z-1")
    qtbot.mouseClick(tab.btn_add, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog is not None and dialog.isVisible()
    assert dialog.combo_kind.currentData() == "employer_beds"
    _type(qtbot, dialog.edit_municipality, "GM0983")
    _type(qtbot, dialog.edit_beds, "veel")
    _type(qtbot, dialog.edit_due, "2026-02-01")  # before the permit date
    _ok(qtbot, dialog)
    error = dialog.label_error.text()
    assert "Aantal bedden: waarde 'veel' heeft niet het juiste type (verwacht: 1–100.000)" in error
    assert "Uiterste datum: de uiterste datum 2026-02-01 ligt vóór de vergunningsdatum 2026-03-01" in error
    assert dialog.isVisible() and dialog.edit_municipality.text() == "GM0983"  # nothing lost
    _type(qtbot, dialog.edit_beds, "0")
    _type(qtbot, dialog.edit_due, "2026-06-30")
    _ok(qtbot, dialog)
    assert (
        "Aantal bedden: waarde 0 ligt buiten het toegestane bereik 1 tot en met 100.000"
        in dialog.label_error.text()
    )
    _type(qtbot, dialog.edit_beds, "120")
    _ok(qtbot, dialog)
    assert not dialog.isVisible()
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    qtmodeltester.check(tab.model)
    assert _cells(tab, "kind") == ["werkgeversbedden"] and _cells(tab, "beds") == ["120"]
    # due 2026-06-30, today 2026-12-01: overdue, highlighted red
    status = tab.model.cell(0, 6)
    assert status.text == "te laat" and status.background == "#f4b6b6"
    assert tab.label_count.text() == "1 voorschrift, waarvan 1 te laat"
    tab.check_overdue.setChecked(True)
    _settle(qtbot, view)
    assert tab.model.rowCount() == 1
    # the cumulative tab shows the promised beds beside the delivered ones
    qtbot.mouseClick(view.btn_cumulative, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.cumulative is not None and view.busy == 0, timeout=20_000)
    assert "beloofde (nog niet opgeleverde) werkgeversbedden: 120" in view.label_cumulative.text()
    # mark delivered: no longer overdue
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.btn_delivered, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 0, timeout=10_000)  # the overdue filter is on
    tab.check_overdue.setChecked(False)
    qtbot.waitUntil(lambda: tab.model.rowCount() == 1, timeout=10_000)
    assert _cells(tab, "status") == ["nagekomen"] and tab.model.cell(0, 6).background == "#c8e6c9"
    assert "Voorschrift 1 van Z-1: nagekomen" in view.outcome_label.text()
    # edit: the dialog opens with the stored values; the kind cannot change
    tab.table.selectRow(0)
    qtbot.mouseClick(tab.btn_edit, Qt.MouseButton.LeftButton)
    dialog = tab.dialog
    assert dialog.edit_beds.text() == "120" and not dialog.combo_kind.isEnabled()
    _type(qtbot, dialog.edit_note, "gezien op locatie")
    _ok(qtbot, dialog)
    qtbot.waitUntil(lambda: _cells(tab, "note") == ["gezien op locatie"], timeout=10_000)
    assert tab.conditions[0].version == 3
    assert messages == []


def test_a_case_in_procedure_gets_no_conditions(qtbot: Any, url: str, demo: Any, messages: list[str]) -> None:
    view = _view(qtbot, url, demo)
    view.tabs.setCurrentWidget(view.conditions)
    _settle(qtbot, view)
    _select_case(view, "Z-2")
    qtbot.mouseClick(view.conditions.btn_add, Qt.MouseButton.LeftButton)
    assert view.conditions.dialog is None
    assert len(messages) == 1 and "Z-2 is niet verleend" in messages[0]
