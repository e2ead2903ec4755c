"""The one observable case state: the current Case, its file, dirty flag and undo stack.

Widgets mirror this state; they never own case data. Every input change goes
through :meth:`CaseState.set_value` (or :meth:`CaseState.replace`), which pushes a
:class:`SetCaseCommand` on the ``QUndoStack``. Consecutive edits of the same field
merge into one undo step; undo/redo restore the exact previous ``Case``.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal, Slot
from PySide6.QtGui import QUndoCommand, QUndoStack

from ber.case.model import Case
from ber.texts.messages import InputError, Problem

if TYPE_CHECKING:
    from ber.engine.assess import Context
    from ber.engine.result import Assessment
    from ber.geodata import GeoData

_PART = re.compile(r"([^.\[\]]+)|\[(\d+)\]")

#: undo merge ids per field path (QUndoCommand.id() must be an int)
_MERGE_IDS: dict[str, int] = {}


def split_path(path: str) -> list[str | int]:
    """``"workforce.employer_beds[0].beds"`` -> ``["workforce", "employer_beds", 0, "beds"]``."""
    parts: list[str | int] = []
    for name, index in _PART.findall(path):
        parts.append(int(index) if index else name)
    return parts


def get_path(doc: Any, path: str) -> Any:
    node = doc
    for part in split_path(path):
        node = node[part]
    return node


def set_path(doc: dict[str, Any], path: str, value: Any) -> None:
    parts = split_path(path)
    node: Any = doc
    for part in parts[:-1]:
        node = node[part]
    node[parts[-1]] = value


def case_with(case: Case, path: str, value: Any) -> Case:
    """A new Case with the value at ``path`` replaced (the old one is left untouched)."""
    doc = case.to_dict()
    set_path(doc, path, value)
    return Case.model_validate(doc)


def merge_id(path: str) -> int:
    return _MERGE_IDS.setdefault(path, len(_MERGE_IDS) + 1)


class SetCaseCommand(QUndoCommand):
    """Replace the case; undo puts the previous one back. Merges edits of one field."""

    def __init__(
        self, state: CaseState, before: Case, after: Case, path: str, text: str, merge: bool = True
    ) -> None:
        super().__init__(text)
        self._state = state
        self.before = before
        self.after = after
        self.path = path
        self.merge = merge and bool(path)

    def id(self) -> int:
        return merge_id(self.path) if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, SetCaseCommand)
            or other.path != self.path
            or not (self.merge and other.merge)
        ):
            return False
        self.after = other.after
        return True

    def redo(self) -> None:
        self._state._apply(self.after, self.path)

    def undo(self) -> None:
        self._state._apply(self.before, self.path)


class CaseState(QObject):
    """Holds the current case; emits ``changed(path)`` after every change."""

    #: the field path that changed ("" when the whole case was replaced)
    changed = Signal(str)
    #: file path or dirty flag changed
    fileChanged = Signal()

    def __init__(self, case: Case, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._case = case
        self._path: Path | None = None
        self.undo_stack = QUndoStack(self)
        self.undo_stack.cleanChanged.connect(self._clean_changed)

    @Slot(bool)
    def _clean_changed(self, _clean: bool) -> None:
        self.fileChanged.emit()

    # --- reading ------------------------------------------------------------

    @property
    def case(self) -> Case:
        return self._case

    @property
    def path(self) -> Path | None:
        return self._path

    @property
    def dirty(self) -> bool:
        return not self.undo_stack.isClean()

    def value(self, path: str) -> Any:
        return get_path(self._case.to_dict(), path)

    # --- changing -----------------------------------------------------------

    def set_value(self, path: str, value: Any, text: str = "") -> bool:
        """Set one field (undoable). Returns False (and changes nothing) when unchanged.

        Consecutive changes of one scalar field (typing in a spin box) merge into one
        undo step; lists and tables (sites, capacity, ramp-up) are one step per change.
        """
        try:
            if get_path(self._case.to_dict(), path) == value:
                return False
        except (KeyError, IndexError, TypeError):
            pass
        try:
            new = case_with(self._case, path, value)
        except Exception as exc:  # pydantic ValidationError: a type the model refuses
            raise InputError([Problem("field.type", path, {"value": repr(value), "expected": "?"})]) from exc
        merge = not isinstance(value, list | dict)
        self.undo_stack.push(SetCaseCommand(self, self._case, new, path, text or path, merge))
        return True

    def replace(self, case: Case, text: str = "", path: str = "") -> None:
        """Replace the whole case in one undoable step (e.g. site import, region choice)."""
        if case == self._case:
            return
        self.undo_stack.push(SetCaseCommand(self, self._case, case, path, text or "case"))

    def reset(self, case: Case, path: Path | None = None, dirty: bool = False) -> None:
        """A new document (new, open, recover): clears the undo history."""
        self.undo_stack.clear()
        self._case = case
        self._path = path
        if not dirty:
            self.undo_stack.setClean()
        else:
            # an unsaved document (recovered autosave): mark dirty with an empty step
            self.undo_stack.resetClean()
        self.changed.emit("")
        self.fileChanged.emit()

    def mark_saved(self, path: Path) -> None:
        self._path = path
        self.undo_stack.setClean()
        self.fileChanged.emit()

    def _apply(self, case: Case, path: str) -> None:
        self._case = case
        self.changed.emit(path)


class Analysis:
    """What the window derives from the case, shared by the main window and its controllers.

    ``ctx``: reference data and the municipality table the engine uses (replaced when
    geodata is loaded or imported); ``geo``: that geodata (None for the built-in table);
    ``result``: the last calculation; ``problems``: the current input problems (exports
    and calculation are blocked while there are any).
    """

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx
        self.geo: GeoData | None = None
        self.result: Assessment | None = None
        self.problems: list[Problem] = []
        #: the last case without input problems (a report can be made of it, after asking)
        self.valid_case: Case | None = None
        #: the current problems as located texts, one per line (for the export question)
        self.problem_summary = ""

    def exports_allowed(self) -> bool:
        return not self.problems
