"""The register window's tab *Voorschriften*: permit conditions of granted cases, followed up.

``ConditionsTab`` (objectName ``tab_conditions``) lists the conditions (overdue ones in
red, or only those with *Alleen te laat*), and adds, edits and marks them delivered
through ``ConditionDialog``. Register calls go through the register window's worker
funnel (``RegisterView.run``); the dialog checks its fields before it closes, so a
bad value is named (field and allowed range) and nothing typed is lost.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ber.register.condition_schema import CONDITION_KINDS, CONDITION_STATUSES
from ber.texts.catalogue import num_range
from ber.texts.labels import format_number, label
from ber.texts.messages import InputError, Problem
from gui.models import STATUS_BACKGROUND, Cell, CellTableModel
from gui.texts import language, tr

#: background of a condition's status cell
_BACKGROUND = {"overdue": "red", "delivered": "green", "waived": "grey"}
#: the table's columns (headers ``gui.register.cond_col_<key>``)
COLUMNS = ("id", "reference", "kind", "municipality", "beds", "due", "status", "delivered_on", "note")


def kind_text(kind: str) -> str:
    return label("condition_kind", kind, language())


def status_word(status: str) -> str:
    return label("condition_status", status, language())


class ConditionDialog(QDialog):
    """Add or edit one condition; ``saved`` carries the checked values (dict)."""

    saved = Signal(dict)

    def __init__(
        self,
        parent: QWidget | None,
        reference: str,
        permit_date: dt.date | None,
        condition: Any = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dialog_condition")
        self.permit_date = permit_date
        key = "register.cond_edit_title" if condition is not None else "register.cond_add_title"
        self.setWindowTitle(tr(key, reference=reference))
        form = QFormLayout(self)
        self.combo_kind = QComboBox()
        self.combo_kind.setObjectName("combo_cond_kind")
        for kind in CONDITION_KINDS:
            self.combo_kind.addItem(kind_text(kind), kind)
        self.edit_municipality = self._edit("edit_cond_municipality", "register.cond_municipality_hint")
        self.edit_beds = self._edit("edit_cond_beds", "register.cond_beds_hint")
        self.edit_due = self._edit("edit_cond_due", "register.cond_due_hint")
        self.combo_status = QComboBox()
        self.combo_status.setObjectName("combo_cond_status")
        for status in CONDITION_STATUSES:
            self.combo_status.addItem(status_word(status), status)
        self.edit_note = self._edit("edit_cond_note", "register.cond_note_hint")
        if condition is not None:
            self.combo_kind.setCurrentIndex(self.combo_kind.findData(condition.kind))
            self.combo_kind.setEnabled(False)  # a condition keeps its kind: add another one instead
            self.edit_municipality.setText(condition.municipality or "")
            self.edit_beds.setText("" if condition.beds is None else str(condition.beds))
            self.edit_due.setText(condition.due_date.isoformat())
            self.combo_status.setCurrentIndex(self.combo_status.findData(condition.status))
            self.edit_note.setText(condition.note)
        for field, widget in (
            ("kind", self.combo_kind),
            ("municipality", self.edit_municipality),
            ("beds", self.edit_beds),
            ("due_date", self.edit_due),
            ("status", self.combo_status),
            ("note", self.edit_note),
        ):
            form.addRow(tr(f"register.cond_field_{field}"), widget)
        if permit_date is not None:
            form.addRow("", QLabel(tr("register.cond_permit_date", date=permit_date.isoformat())))
        self.label_error = QLabel()
        self.label_error.setObjectName("label_cond_error")
        self.label_error.setWordWrap(True)
        self.label_error.setStyleSheet("color: #b00020")
        form.addRow(self.label_error)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.check_and_accept)
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def _edit(self, name: str, hint: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName(name)
        edit.setPlaceholderText(tr(hint))
        return edit

    def values(self) -> dict[str, Any]:
        """The checked values; InputError naming every field that is wrong (in the form's words)."""
        from ber.register.conditions import BEDS_RANGE, check_fields

        problems: list[Problem] = []
        beds_text, due_text = self.edit_beds.text().strip(), self.edit_due.text().strip()
        beds: int | None = None
        if beds_text:
            try:
                beds = int(beds_text.replace(".", "").replace(",", ""))
            except ValueError:
                low, high = BEDS_RANGE
                problems.append(
                    Problem(
                        "field.type", "beds", {"value": repr(beds_text), "expected": num_range(low, high)}
                    )
                )
        due: dt.date | None = None
        try:
            due = dt.date.fromisoformat(due_text)
        except ValueError:
            problems.append(Problem("field.date", "due_date", {"value": repr(due_text)}))
        kind = str(self.combo_kind.currentData())
        municipality = self.edit_municipality.text().strip() or None
        note = self.edit_note.text().strip()
        try:
            municipality, beds = check_fields(
                kind, municipality, beds, due or dt.date.max, self.permit_date, note, check_beds=not problems
            )
        except InputError as err:
            problems += err.problems
        if problems:
            raise InputError(
                [dataclasses.replace(p, field=tr(f"register.cond_field_{p.field}")) for p in problems]
            )
        return {
            "kind": kind,
            "municipality": municipality,
            "beds": beds,
            "due_date": due,
            "status": str(self.combo_status.currentData()),
            "note": note,
        }

    def check_and_accept(self) -> None:
        try:
            values = self.values()
        except InputError as err:
            self.label_error.setText("\n".join(err.texts(language())))
            self.adjustSize()  # room for the message
            return  # the dialog stays open with everything typed
        self.label_error.setText("")
        self.saved.emit(values)
        self.accept()


class ConditionsTab(QWidget):
    """The conditions of the register (``view``: the ``RegisterView`` it belongs to)."""

    def __init__(self, view: Any) -> None:
        super().__init__()
        self.setObjectName("tab_conditions")
        self.view = view
        self.conditions: list[Any] = []
        self.dialog: ConditionDialog | None = None
        self.today = dt.date.today()
        self.check_overdue = QCheckBox(tr("register.cond_only_overdue"))
        self.check_overdue.setObjectName("check_cond_overdue")
        self.check_overdue.toggled.connect(lambda _on: self.refresh())
        self.label_count = QLabel()
        self.label_count.setObjectName("label_cond_count")
        self.model = CellTableModel()
        self.table = QTableView()
        self.table.setObjectName("table_conditions")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.edit())
        top = QHBoxLayout()
        top.addWidget(self.check_overdue)
        top.addStretch(1)
        top.addWidget(self.label_count)
        buttons = QHBoxLayout()
        self.btn_add = self._button("btn_cond_add", "register.cond_btn_add", self.add)
        self.btn_edit = self._button("btn_cond_edit", "register.cond_btn_edit", self.edit)
        self.btn_delivered = self._button(
            "btn_cond_delivered", "register.cond_btn_delivered", self.mark_delivered
        )
        self.btn_refresh = self._button("btn_cond_refresh", "register.btn_refresh", self.refresh)
        for b in (self.btn_add, self.btn_edit, self.btn_delivered, self.btn_refresh):
            buttons.addWidget(b)
        buttons.addStretch(1)
        hint = QLabel(tr("register.cond_hint"))
        hint.setWordWrap(True)
        lay = QVBoxLayout(self)
        lay.addLayout(top)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        lay.addWidget(hint)
        view.tabs.currentChanged.connect(lambda i: self.refresh() if view.tabs.widget(i) is self else None)
        view.cumulativeReady.connect(self.show_employer_beds)

    def show_employer_beds(self) -> None:
        """On the *Cumulatief* tab: employer beds delivered beside those promised (not yet delivered)."""
        beds = getattr(self.view.cumulative, "employer_beds", None)
        if beds is None or not beds.lines:
            return
        lang = language()
        line = tr(
            "register.cum_employer_beds",
            delivered=format_number(beds.delivered, lang, 0),
            promised=format_number(beds.promised, lang, 0),
            added=format_number(beds.added, lang, 0),
        )
        self.view.label_cumulative.setText(f"{self.view.label_cumulative.text()}\n{line}")

    def _button(self, name: str, key: str, slot: Any) -> QPushButton:
        button = QPushButton(tr(key))
        button.setObjectName(name)
        button.clicked.connect(lambda _checked=False: slot())
        return button

    # listing
    def refresh(self) -> None:
        if self.view.register is None:
            return
        overdue, today = self.check_overdue.isChecked(), self.today

        def job(reg: Any) -> Any:
            from ber.register.conditions import list_conditions

            return list_conditions(reg, status="overdue" if overdue else None, today=today)

        self.view.run(job, self.show_conditions)

    def show_conditions(self, conditions: list[Any]) -> None:
        self.conditions = conditions
        lang, today = language(), self.today
        rows = []
        for c in conditions:
            state = c.display_status(today)
            colour = _BACKGROUND.get(state)
            rows.append(
                [
                    Cell(str(c.id), align_right=True),
                    Cell(c.reference, tooltip=c.case_title),
                    Cell(kind_text(c.kind)),
                    Cell(c.municipality or ""),
                    Cell("" if c.beds is None else format_number(c.beds, lang, 0), align_right=True),
                    Cell(c.due_date.isoformat()),
                    Cell(status_word(state), STATUS_BACKGROUND[colour] if colour else None, value=state),
                    Cell(c.delivered_on.isoformat() if c.delivered_on else ""),
                    Cell(c.note),
                ]
            )
        headers = [tr(f"register.cond_col_{key}") for key in COLUMNS]
        self.model.set_table(headers, rows, keys=[str(c.id) for c in conditions])
        late = sum(1 for c in conditions if c.is_overdue(today))
        self.label_count.setText(tr("register.cond_count", n=len(conditions), overdue=late))

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        if not rows or rows[0].row() >= len(self.conditions):
            self.view.message(tr("register.title"), tr("register.cond_no_selection"))
            return None
        return self.conditions[rows[0].row()]

    def _permit_date(self, reference: str) -> dt.date | None:
        refs = self.view.model.references()
        return self.view.model.summary(refs.index(reference)).decided if reference in refs else None

    # changing
    def add(self) -> None:
        """A condition for the case selected on the *Zaken* tab (a granted case)."""
        s = self.view.selected()
        if s is None:
            return
        if s.status != "granted":
            problem = Problem(
                "condition.not_granted", tr("register.add_reference"), {"reference": s.reference}
            )
            self.view.message(tr("register.title"), problem.text(language()))
            return
        who = self.view.officer or ""

        def save(values: dict[str, Any]) -> None:
            def job(reg: Any) -> Any:
                from ber.register.conditions import add_condition

                return add_condition(reg, s.reference, who=_who(who), **values)

            self.view.run(job, self.saved)

        self._open_dialog(ConditionDialog(self.view, s.reference, s.decided), save)

    def edit(self) -> None:
        c = self.selected()
        if c is None:
            return
        who = self.view.officer or ""

        def save(values: dict[str, Any]) -> None:
            values.pop("kind")

            def job(reg: Any) -> Any:
                from ber.register.conditions import set_condition

                return set_condition(reg, c.id, who=_who(who), expected_version=c.version, **values)

            self.view.run(job, self.saved)

        self._open_dialog(ConditionDialog(self.view, c.reference, self._permit_date(c.reference), c), save)

    def mark_delivered(self) -> None:
        c = self.selected()
        if c is None:
            return
        who = self.view.officer or ""

        def job(reg: Any) -> Any:
            from ber.register.conditions import set_condition

            return set_condition(reg, c.id, status="delivered", who=_who(who), expected_version=c.version)

        self.view.run(job, self.saved)

    def _open_dialog(self, dialog: ConditionDialog, save: Any) -> None:
        self.dialog = dialog
        dialog.saved.connect(save)
        dialog.open()  # window-modal, without blocking the event loop

    def saved(self, c: Any) -> None:
        self.view.outcome_label.setText(
            tr(
                "register.cond_saved",
                id=c.id,
                reference=c.reference,
                status=status_word(c.display_status(self.today)),
            )
        )
        self.refresh()


def _who(officer: str) -> str:
    from gui.register_dialogs import who_of

    return who_of(officer)
