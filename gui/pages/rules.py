"""Step 4, Regio en capaciteit: the municipal policy rules of the region and the labour
migrants already living in each municipality (``policy`` and ``existing_migrants``).

Each rule of the chosen municipality is a :class:`NumberEdit` (kept as typed) with its
unit and a required source; the fields are bound to ``policy.<code>.<rule>.value`` and
``.source`` so the validation's messages (a cap above 100 %, a minimum host share
above 1, a missing source) appear under the rule. Every edit commits the whole
``policy`` (or ``existing_migrants``) object: one undo step.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ber.case.figures import POLICY_RULES, SHARE_RULES
from ber.case.validate_sourced import MAX_COUNT
from ber.texts.catalogue import text
from ber.texts.messages import Problem
from gui.binding import Binder, error_label, typed_problem
from gui.fields import NotANumber, NumberEdit, parse_number
from gui.texts import language, tr


def _rule_edit(key: str) -> NumberEdit:
    if key in SHARE_RULES:  # typed in percent, held as a share
        return NumberEdit(optional=True, scale=100.0, low=0.0, high=100.0, unit=tr(f"rules.unit.{key}"))
    return NumberEdit(optional=True, low=0.0, high=MAX_COUNT, unit=tr(f"rules.unit.{key}"))


class PolicyRulesBox(QGroupBox):
    """The rules of one municipality of the region at a time, and a table of the labour
    migrants already living in each municipality of the region."""

    def __init__(self, binder: Binder, region: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__(tr("rules.group"))
        self.setObjectName("group_policy_rules")
        self.binder = binder
        self.state = binder.state
        #: (code, name) of the region's municipalities
        self.region = region
        lay = QVBoxLayout(self)
        intro = QLabel(tr("rules.intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        row = QHBoxLayout()
        label = QLabel(tr("rules.municipality"))
        self.combo = QComboBox()
        self.combo.setObjectName("combo_policy_municipality")
        self.combo.setAccessibleName(tr("rules.municipality"))
        label.setBuddy(self.combo)
        row.addWidget(label)
        row.addWidget(self.combo, 1)
        lay.addLayout(row)
        grid = QGridLayout()
        grid.addWidget(QLabel(tr("rules.source")), 0, 3)
        self.values: dict[str, NumberEdit] = {}
        self.sources: dict[str, QLineEdit] = {}
        #: the messages under each rule's value and under its source
        self.messages: dict[str, QLabel] = {}
        self.source_messages: dict[str, QLabel] = {}
        for i, key in enumerate(POLICY_RULES):
            name = text(f"report.checks.rule.{key}", language())
            edit = _rule_edit(key)
            edit.setObjectName(f"edit_policy_{key}")
            edit.setAccessibleName(name)
            edit.setToolTip(edit.allowed()["allowed"])
            source = QLineEdit()
            source.setObjectName(f"edit_policy_{key}_source")
            source.setAccessibleName(name + " – " + tr("rules.source"))
            source.setToolTip(tr("rules.source_tip"))
            message, source_message = error_label(self), error_label(self)
            caption = QLabel(name)
            caption.setBuddy(edit)
            edit.setFixedWidth(90)
            grid.addWidget(caption, 1 + 2 * i, 0)
            grid.addWidget(edit, 1 + 2 * i, 1)
            grid.addWidget(QLabel(edit.unit), 1 + 2 * i, 2)
            grid.addWidget(source, 1 + 2 * i, 3)
            grid.addWidget(message, 2 + 2 * i, 0, 1, 3)
            grid.addWidget(source_message, 2 + 2 * i, 3)
            grid.setColumnStretch(3, 1)
            edit.editingFinished.connect(lambda k=key: self._commit_value(k))
            source.editingFinished.connect(lambda k=key: self._commit_source(k))
            self.values[key], self.sources[key] = edit, source
            self.messages[key], self.source_messages[key] = message, source_message
        lay.addLayout(grid)

        heading = QLabel(tr("rules.existing"))
        heading.setStyleSheet("font-weight: bold;")
        lay.addWidget(heading)
        existing_intro = QLabel(tr("rules.existing_intro"))
        existing_intro.setWordWrap(True)
        lay.addWidget(existing_intro)
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("table_existing_migrants")
        self.table.setAccessibleName(tr("rules.existing"))
        self.table.setHorizontalHeaderLabels(
            [tr(f"rules.col_{c}") for c in ("municipality", "count", "source")]
        )
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)
        self.table.setColumnWidth(0, 220)
        self.table.setColumnWidth(1, 170)
        self.table.setMinimumHeight(160)
        self.table.itemChanged.connect(lambda _item: self._commit_existing())
        lay.addWidget(self.table)
        self.existing_message = error_label(self)
        lay.addWidget(self.existing_message)
        binder.custom("existing_migrants", self.table, lambda _v: self._fill_table(), self.existing_message)
        self._code = ""
        self._codes: list[str] = []
        self.combo.currentIndexChanged.connect(lambda _i: self._bind(self.combo.currentData() or ""))

    # --- the region -------------------------------------------------------------------

    def set_region(self) -> None:
        """Follow the region's municipalities (keeps the chosen one when it stays)."""
        members = self.region()
        codes = [c for c, _n in members]
        if codes != self._codes:
            self._codes = codes
            keep = (
                self._code
                if self._code in codes
                else next((c for c in codes if c in self.state.case.policy), "")
            )
            self.combo.blockSignals(True)
            self.combo.clear()
            for code, name in members:
                self.combo.addItem(f"{name} ({code})", code)
            self.combo.setCurrentIndex(max(0, self.combo.findData(keep)))
            self.combo.blockSignals(False)
            self._bind(self.combo.currentData() or "")
        self._fill_table()

    def _bind(self, code: str) -> None:
        """Bind the rule fields to ``policy.<code>``: messages and undo follow the municipality."""
        self._code = code
        doc = self.state.case.to_dict()["policy"].get(code, {})
        for key in POLICY_RULES:
            edit, source = self.values[key], self.sources[key]
            self.binder.unbind(edit)
            self.binder.unbind(source)
            for w in (edit, source):
                w.setEnabled(bool(code))
            rule = doc.get(key) or {}
            edit.show_value(rule.get("value"), language())
            source.setText(rule.get("source", ""))
            if not code:
                continue
            path = f"policy.{code}.{key}"
            self.binder.custom(
                f"{path}.value", edit, partial(self._show_value, edit, path), self.messages[key]
            )
            self.binder.custom(
                f"{path}.source", source, partial(self._show_source, source), self.source_messages[key]
            )
        for listener in self.binder.listeners:  # re-mark the fields for this municipality
            listener("policy")

    def _show_value(self, edit: NumberEdit, path: str, value: Any) -> None:
        if f"{path}.value" in self.binder.typed or edit.reads_as(value):
            return  # keep what was typed
        edit.show_value(value, language())

    @staticmethod
    def _show_source(edit: QLineEdit, value: Any) -> None:
        if value is not None and edit.text() != value:
            edit.setText(value)

    # --- committing -------------------------------------------------------------------

    def _policy_doc(self) -> dict[str, Any]:
        policy: dict[str, Any] = self.state.case.to_dict()["policy"]
        return policy

    def _commit_value(self, key: str) -> None:
        code = self._code
        if not code:
            return
        edit = self.values[key]
        path = f"policy.{code}.{key}.value"
        problem, value, _note = edit.read()
        typed = {k: p for k, p in self.binder.typed.items() if k.startswith("policy.") and k != path}
        policy = self._policy_doc()
        rules = policy.setdefault(code, {})
        if problem:  # not a number: the case keeps its value, the field its text
            typed[path] = typed_problem(edit, problem, path)
        elif value is None:
            rules.pop(key, None)
        else:
            rules[key] = {"value": float(value), "source": self.sources[key].text().strip()}
        if not rules:
            del policy[code]
        self.binder.commit_table("policy", policy, typed)

    def _commit_source(self, key: str) -> None:
        """A source is stored with its rule; typed before the value, it waits in the field."""
        policy = self._policy_doc()
        rule = policy.get(self._code, {}).get(key)
        if rule is None:
            return
        rule["source"] = self.sources[key].text().strip()
        self.binder.commit_table(
            "policy", policy, {k: p for k, p in self.binder.typed.items() if k.startswith("policy.")}
        )

    # --- existing migrants ------------------------------------------------------------

    def _fill_table(self) -> None:
        """Mirror ``existing_migrants`` into the table; a count stays as typed (also when
        typed wrongly). Items are updated in place, so an open cell editor stays valid."""
        existing = self.state.case.to_dict()["existing_migrants"]
        members = self.region()
        self.table.blockSignals(True)
        self.table.setRowCount(len(members))
        for row, (code, name) in enumerate(members):
            figure = existing.get(code) or {}
            head, count, source = (self._item(row, c) for c in range(3))
            head.setText(f"{name} ({code})")
            head.setData(Qt.ItemDataRole.UserRole, code)
            head.setFlags(head.flags() & ~Qt.ItemFlag.ItemIsEditable)
            value = figure.get("value")
            if f"existing_migrants.{code}" not in self.binder.typed and _read(count.text()) != (value, ""):
                shown = NumberEdit()
                shown.show_value(value, language())
                count.setText(shown.text())
            if source.text() != figure.get("source", ""):
                source.setText(figure.get("source", ""))
        self.table.blockSignals(False)

    def _item(self, row: int, col: int) -> QTableWidgetItem:
        item = self.table.item(row, col)
        if item is None:
            item = QTableWidgetItem()
            self.table.setItem(row, col, item)
        return item

    def _commit_existing(self) -> None:
        existing: dict[str, Any] = self.state.case.to_dict()["existing_migrants"]
        typed: dict[str, Problem] = {}
        for row in range(self.table.rowCount()):
            head, count, source = (self.table.item(row, c) for c in range(3))
            if head is None:
                continue
            code = head.data(Qt.ItemDataRole.UserRole)
            count_text = count.text().strip() if count is not None else ""
            source_text = source.text().strip() if source is not None else ""
            value, problem = _read(count_text)
            if problem:
                path = f"existing_migrants.{code}"
                allowed = NumberEdit(integer=True, low=0.0, high=MAX_COUNT).allowed()
                typed[path] = Problem("input." + problem, path, {"value": count_text, **allowed})
                continue
            old = existing.get(code) or {}
            if value is None and not source_text:
                existing.pop(code, None)
            else:
                existing[code] = {**old, "value": value, "source": source_text}
        self.binder.commit_table("existing_migrants", existing, typed)


def _read(typed: str) -> tuple[float | None, str]:
    """(value, problem) of a typed count of people ("4.250" is 4250): empty is no figure."""
    if not typed.strip():
        return None, ""
    try:
        value = parse_number(typed, integer=True).value
    except NotANumber:
        return None, "not_a_number"
    return (value, "") if value.is_integer() else (None, "not_whole")
