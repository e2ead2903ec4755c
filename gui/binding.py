"""Bind form widgets to field paths of the case state, in one place.

A :class:`Binder` knows, for every bound widget, the case field path it shows
(the same dotted paths the engine's ``Problem.field`` uses). ``refresh()`` mirrors
the state into the widgets (signals blocked); user edits call
``state.set_value(path, value)``; ``mark(problems)`` puts a red border on the widget
whose path matches a problem and shows the message in the label under it.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ber.texts.messages import InputError, Problem
from gui.fields import NumberEdit
from gui.state import CaseState
from gui.texts import language, tr

INVALID_STYLE = "border: 2px solid #c62828;"
ERROR_LABEL_STYLE = "color: #b71c1c;"
WARNING_LABEL_STYLE = "color: #8a5a00;"


def typed_problem(edit: NumberEdit, code: str, path: str) -> Problem:
    """The input problem ``code`` of the text in ``edit`` (field ``path``), with its allowed range."""
    return Problem("input." + code, path, {"value": edit.text().strip(), **edit.allowed()})


def read_marked(edit: NumberEdit, path: str, typed: dict[str, Problem]) -> tuple[str, float | int | None]:
    """(problem, value) of ``edit`` as :meth:`NumberEdit.read`; the field is marked when its
    text does not read as a number, and that problem is recorded in ``typed`` under ``path``."""
    code, value, _note = edit.read()
    edit.setStyleSheet(INVALID_STYLE if code else "")
    if code:
        typed[path] = typed_problem(edit, code, path)
    return code, value


@dataclass
class Binding:
    path: str
    widget: QWidget
    refresh: Callable[[Any], None]
    message: QLabel | None = None


def error_label(parent: QWidget | None = None) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    label.setStyleSheet(ERROR_LABEL_STYLE)
    label.setVisible(False)
    return label


def with_message(widget: QWidget, unit: str = "") -> tuple[QWidget, QLabel]:
    """The widget (and an optional unit text) above an initially hidden error message."""
    box = QWidget()
    lay = QVBoxLayout(box)
    lay.setContentsMargins(0, 0, 0, 0)
    lay.setSpacing(2)
    if unit:
        row = QHBoxLayout()
        row.addWidget(widget, 1)
        row.addWidget(QLabel(unit))
        lay.addLayout(row)
    else:
        lay.addWidget(widget)
    label = error_label(box)
    lay.addWidget(label)
    return box, label


class Binder:
    """All bindings of the window's forms (one instance, owned by the main window)."""

    def __init__(self, state: CaseState) -> None:
        self.state = state
        self.bindings: list[Binding] = []
        self.group_labels: dict[str, QLabel] = {}
        self._updating = False
        self._committing = False
        #: typed text the case cannot hold, per field path (kept as typed, marked)
        self.typed: dict[str, Problem] = {}
        #: what was ignored to read a typed number ("bedden"), per field path
        self.notes: dict[str, str] = {}
        #: plausibility warnings per field path (shown when the field has no error)
        self.warnings: dict[str, str] = {}
        #: called with the path when typed problems change but the case does not
        self.listeners: list[Callable[[str], None]] = []
        state.changed.connect(self._state_changed)

    # --- registering -----------------------------------------------------------

    def _add(
        self, path: str, widget: QWidget, refresh: Callable[[Any], None], message: QLabel | None
    ) -> None:
        widget.setProperty("field_path", path)
        self.bindings.append(Binding(path, widget, refresh, message))

    def commit(self, path: str, value: Any) -> None:
        if self._updating:
            return
        self.state.set_value(path, value, self.label_of(path))

    def label_of(self, path: str) -> str:
        """A readable name of a field for the undo history ("Aantal banen")."""
        for b in self.bindings:
            if b.path == path:
                name = b.widget.accessibleName()
                if name:
                    return name
        return step_label(path)

    def number(self, edit: NumberEdit, path: str, message: QLabel | None = None) -> None:
        """A :class:`NumberEdit`: what is typed stays as typed (see :mod:`gui.fields`)."""
        edit.editingFinished.connect(lambda: self.commit_typed(edit, path))

        def refresh(value: Any) -> None:
            if path in self.typed or edit.reads_as(value):
                return  # keep what was typed
            edit.show_value(value, language())

        self._add(path, edit, refresh, message)

    def unbind(self, widget: QWidget) -> None:
        """Forget a widget that is removed (a ramp-up year)."""
        gone = [b for b in self.bindings if b.widget is widget]
        self.bindings = [b for b in self.bindings if b.widget is not widget]
        for b in gone:
            self.typed.pop(b.path, None)
            self.notes.pop(b.path, None)

    def commit_typed(self, edit: NumberEdit, path: str) -> None:
        """Store the typed number (also out of range: validation names the range), or
        nothing when it does not read as a number; the typed text is never changed."""
        if self._updating:
            return
        code, value, note = edit.read()
        before = (self.typed.get(path), self.notes.get(path))
        self.typed.pop(path, None)
        self.notes.pop(path, None)
        if code:
            self.typed[path] = typed_problem(edit, code, path)
        if note:
            self.notes[path] = note
        changed = False
        if not code or (edit.optional and code == "not_a_number"):
            self._committing = True
            try:
                changed = self.state.set_value(path, value, self.label_of(path))
            except InputError as exc:
                self.typed[path] = exc.problems[0]
            finally:
                self._committing = False
        if not changed and before != (self.typed.get(path), self.notes.get(path)):
            for listener in self.listeners:
                listener(path)

    def commit_table(self, path: str, value: Any, typed: dict[str, Problem]) -> None:
        """Commit a table (sites, beds, policy rules) with the problems of its cells typed
        wrongly (``typed``: cell path -> problem, ``path[i]…`` or ``path.key…``); the cells
        keep what was typed."""
        if self._updating:
            return
        before = {k: v for k, v in self.typed.items() if k.startswith((path + "[", path + "."))}
        for key in before:
            del self.typed[key]
        self.typed.update(typed)
        self._committing = True
        try:
            changed = self.state.set_value(path, value, self.label_of(path))
        finally:
            self._committing = False
        if not changed and before != typed:
            for listener in self.listeners:
                listener(path)

    def _note_of(self, path: str) -> str:
        """A plausibility warning and what was ignored in the typed text, for a valid field."""
        parts = []
        if path in self.warnings:
            parts.append("⚠ " + self.warnings[path])
        if path in self.notes:
            parts.append(tr("input.ignored", text=self.notes[path]))
        return "\n".join(parts)

    def _state_changed(self, path: str) -> None:
        """Undo, redo, open: what the case holds replaces what was typed."""
        if self._committing:
            return
        for typed in (self.typed, self.notes):
            for key in list(typed):
                if not path or key == path or key.startswith(path + ".") or key.startswith(path + "["):
                    del typed[key]

    def typed_problems(self) -> list[Problem]:
        """Problems of typed text the case cannot hold (letters, an empty required field)."""
        return list(self.typed.values())

    def line(self, edit: QLineEdit, path: str, message: QLabel | None = None) -> None:
        edit.editingFinished.connect(lambda: self.commit(path, edit.text()))
        self._add(path, edit, lambda v: edit.setText("" if v is None else str(v)), message)

    def text(self, edit: QPlainTextEdit, path: str) -> None:
        def refresh(value: Any) -> None:
            if edit.toPlainText() != (value or ""):
                edit.setPlainText(value or "")

        edit.textChanged.connect(lambda: self.commit(path, edit.toPlainText()))
        self._add(path, edit, refresh, None)

    def combo(self, combo: QComboBox, path: str, message: QLabel | None = None) -> None:
        def refresh(value: Any) -> None:
            index = combo.findData(value)
            combo.setCurrentIndex(index)

        combo.currentIndexChanged.connect(lambda _i: self.commit(path, combo.currentData()))
        self._add(path, combo, refresh, message)

    def check(self, box: QCheckBox, path: str) -> None:
        box.toggled.connect(lambda on: self.commit(path, bool(on)))
        self._add(path, box, lambda v: box.setChecked(bool(v)), None)

    def custom(
        self, path: str, widget: QWidget, refresh: Callable[[Any], None], message: QLabel | None
    ) -> None:
        """A composite editor (tables, ramp-up row) that commits by itself via :meth:`commit`."""
        self._add(path, widget, refresh, message)

    def group(self, path: str, label: QLabel) -> None:
        """A message label for problems of a whole group (e.g. shares that must sum to 100 %)."""
        self.group_labels[path] = label

    # --- mirroring --------------------------------------------------------------

    def refresh(self) -> None:
        doc = self.state.case.to_dict()
        self._updating = True
        try:
            for b in self.bindings:
                value = _lookup(doc, b.path)
                b.widget.blockSignals(True)
                try:
                    b.refresh(value)
                finally:
                    b.widget.blockSignals(False)
        finally:
            self._updating = False

    def target_of(self, field: str) -> Binding | QLabel | None:
        """The binding or group label that shows a problem of ``field`` (longest matching path)."""
        best: Binding | QLabel | None = None
        best_len = -1
        candidates: list[tuple[str, Binding | QLabel]] = list(self.group_labels.items())
        candidates += [(b.path, b) for b in self.bindings]
        for path, target in candidates:
            if (field == path or field.startswith(path + ".") or field.startswith(path + "[")) and len(
                path
            ) > best_len:
                best, best_len = target, len(path)
        return best

    def located_text(self, problem: Problem) -> str:
        """For the status bar and the report page: "Bedrijf › Naam bedrijf: mag niet leeg zijn"."""
        lang = language()
        target = self.target_of(problem.field)
        where = step_label(problem.field)
        if isinstance(target, Binding) and target.widget.accessibleName():
            where += " › " + target.widget.accessibleName()
            where += " " + _row_prefix(problem.field, target.path).rstrip(": ")
        return f"{where.strip()}: {problem_text(self.shown(problem), lang)}"

    def shown(self, problem: Problem) -> Problem:
        """A range problem in the unit and decimals of the field showing it ("150 %", not "1.5")."""
        target = self.target_of(problem.field)
        if problem.code not in ("field.range", "field.non_negative") or not (
            isinstance(target, Binding) and isinstance(target.widget, NumberEdit)
        ):
            return problem
        edit = target.widget
        params = dict(problem.params)
        for key in ("value", "low", "high"):
            with contextlib.suppress(KeyError, TypeError, ValueError):
                unit = "" if key == "low" else edit.suffix()  # "0 tot en met 100 %"
                params[key] = edit.format(float(params[key]) * edit.scale) + unit
        return Problem(problem.code, problem.field, params)

    def mark(self, problems: list[Problem]) -> list[Problem]:
        """Show problems at their fields; returns those that no widget shows."""
        lang = language()
        texts: dict[int, list[str]] = {}
        targets: dict[int, Binding | QLabel] = {}
        unplaced = []
        for p in problems:
            target = self.target_of(p.field)
            if target is None:
                unplaced.append(p)
                continue
            text = problem_text(self.shown(p), lang)
            if isinstance(target, Binding):
                text = _row_prefix(p.field, target.path) + text
            texts.setdefault(id(target), []).append(text)
            targets[id(target)] = target
        for b in self.bindings:
            msgs = texts.get(id(b), [])
            invalid = bool(msgs)
            b.widget.setProperty("invalid", invalid)
            style = INVALID_STYLE if invalid else ""
            if isinstance(b.widget, QAbstractSpinBox | QLineEdit | QComboBox):
                b.widget.setStyleSheet(style)
            elif invalid:
                b.widget.setStyleSheet(
                    f"#{b.widget.objectName()} {{{style}}}" if b.widget.objectName() else ""
                )
            else:
                b.widget.setStyleSheet("")
            b.widget.setToolTip(
                b.widget.toolTip().split("\n⚠")[0] + ("\n⚠ " + "\n⚠ ".join(msgs) if msgs else "")
            )
            if b.message is not None:
                note = "" if invalid else self._note_of(b.path)
                b.message.setText("\n".join(msgs) if invalid else note)
                b.message.setStyleSheet(ERROR_LABEL_STYLE if invalid else WARNING_LABEL_STYLE)
                b.message.setVisible(bool(invalid or note))
        for path, label in self.group_labels.items():
            msgs = texts.get(id(label), [])
            label.setText("\n".join(msgs))
            label.setVisible(bool(msgs))
            del path
        return unplaced


STEP_OF_SECTION = {
    "business": "business",
    "meta": "business",
    "workforce": "workforce",
    "mitigations": "workforce",
    "overrides": "workforce",
    "sites": "sites",
    "region": "region",
    "capacity": "region",
    "policy": "region",
    "existing_migrants": "region",
    "qualitative": "qualitative",
    "afweging": "afweging",
}


def step_label(path: str) -> str:
    """The name of the step (page) where a field is entered."""
    section = path.split(".")[0].split("[")[0]
    return tr("step." + STEP_OF_SECTION.get(section, "business"))


def located_text(problem: Problem, lang: str) -> str:
    """A problem with the step where it can be fixed: "Personeel: De aandelen …"."""
    return f"{step_label(problem.field)}: {problem_text(problem, lang)}"


def problem_text(problem: Problem, lang: str) -> str:
    """An engine problem as shown next to its field: no technical field path in front, and
    share sums in percentages (the forms show percentages, the engine fractions)."""
    if problem.code == "shares.sum":
        try:
            total = float(problem.params["total"]) * 100.0
            expected = float(problem.params["expected"]) * 100.0
        except (KeyError, TypeError, ValueError):
            pass
        else:
            from ber.texts.labels import format_number

            return tr(
                "problem.shares_sum",
                total=format_number(total, lang, 1),  # type: ignore[arg-type]
                expected=format_number(expected, lang, 1),  # type: ignore[arg-type]
            )
    text = problem.text(lang)  # type: ignore[arg-type]
    prefix = f"{problem.field}: "
    return text[len(prefix) :] if problem.field and text.startswith(prefix) else text


def _row_prefix(field: str, bound: str) -> str:
    """ "sites[1].name" shown at the table bound to "sites" -> "Rij 2: "."""
    rest = field[len(bound) :] if field.startswith(bound) else ""
    match = re.match(r"\[(\d+)\]", rest)
    return tr("problem.row", n=int(match.group(1)) + 1) + ": " if match else ""


def _lookup(doc: Any, path: str) -> Any:
    from gui.state import get_path

    try:
        return get_path(doc, path)
    except (KeyError, IndexError, TypeError):
        return None
