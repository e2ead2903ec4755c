"""The capacity table's model and texts: spare capacity per municipality (rows) and domain
(columns), shown with units and *unknown* ("onbekend", grey italic) for ``None``.

Edits are not applied here: ``setData`` and :meth:`CapacityTableModel.request_edits`
pass them to ``on_edits`` (the main window makes one undo step of them and calls
:meth:`CapacityTableModel.set_capacity` back). The widget is ``gui.capacity_table``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import QWidget

from ber.case.figures import CapacityFigure
from ber.engine.domains import domain_keys, domain_unit
from ber.io.capacity import CapacityTable, Edit, parse_number, plain_number
from ber.texts.catalogue import LangTable, text
from ber.texts.labels import DOMAIN_LABELS, format_number, unit_label
from ber.texts.messages import Lang, Problem
from gui.capacity_provenance import NOTE_TINT, provenance_tip

#: the capacity table's texts (``gui.capacity_table.*`` in the catalogue)
TEXTS: Mapping[str, dict[str, str]] = LangTable("gui.capacity_table.")


def tr(key: str, lang: Lang, /, count: float | None = None, **params: Any) -> str:
    return text(f"gui.capacity_table.{key}", lang, count, **params)


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else (1 if float(value * 10).is_integer() else 2)


class CapacityTableModel(QAbstractTableModel):
    """Rows: the region's municipalities; columns: the six domains."""

    problem = Signal(str)
    #: the set of cells typed wrongly changed (they are input problems until corrected)
    invalidChanged = Signal()
    #: a typed number was read with a part ignored ("50 bedden" -> 50)
    note = Signal(str)

    def __init__(
        self,
        codes: Sequence[str] = (),
        names: Sequence[str] = (),
        capacity: CapacityTable | None = None,
        on_edits: Callable[[list[Edit]], None] | None = None,
        lang: Lang = "nl",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._codes = list(codes)
        self._names = list(names) if names else list(codes)
        self._capacity: CapacityTable = {c: dict(v) for c, v in (capacity or {}).items()}
        self.on_edits = on_edits
        self._lang: Lang = lang
        #: each cell's figure with its provenance, and its age note (``stale``/``undated``)
        self._figures: dict[tuple[str, str], CapacityFigure] = {}
        self._notes: dict[tuple[str, str], str] = {}
        #: the months after which a figure is stale (set with the notes)
        self._max_age = 0
        #: cells typed wrongly: (code, domain) -> (typed text, reason); kept as typed, marked
        self._invalid: dict[tuple[str, str], tuple[str, str]] = {}
        self._invalid_problems: dict[tuple[str, str], Problem] = {}

    # --- state from outside -------------------------------------------------
    @property
    def codes(self) -> list[str]:
        return list(self._codes)

    @property
    def names(self) -> list[str]:
        return list(self._names)

    @property
    def lang(self) -> Lang:
        return self._lang

    def capacity(self) -> CapacityTable:
        """A copy of the mirrored table (every region code, every domain)."""
        return {c: {d: self.value(c, d) for d in domain_keys()} for c in self._codes}

    def value(self, code: str, domain: str) -> float | None:
        return self._capacity.get(code, {}).get(domain)

    def set_region(self, codes: Sequence[str], names: Sequence[str], capacity: CapacityTable) -> None:
        self.beginResetModel()
        self._codes = list(codes)
        self._names = list(names) if names else list(codes)
        self._capacity = {c: dict(v) for c, v in capacity.items()}
        self.endResetModel()
        gone = [key for key in self._invalid if key[0] not in self._codes]
        for key in gone:  # a municipality left the region: its wrongly typed cells go with it
            self._invalid.pop(key)
            self._invalid_problems.pop(key, None)
        if gone:
            self.invalidChanged.emit()

    def set_capacity(self, capacity: CapacityTable) -> None:
        """Mirror a new capacity table (same region): only the data changes."""
        self._capacity = {c: dict(v) for c, v in capacity.items()}
        if self._codes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._codes) - 1, len(domain_keys()) - 1))

    def set_provenance(
        self,
        figures: Mapping[tuple[str, str], CapacityFigure],
        notes: Mapping[tuple[str, str], str],
        max_age: int,
    ) -> None:
        """Mirror each cell's provenance and age note ((code, domain) keys); shown in the
        tooltip, a stale or undated cell is tinted. ``max_age``: months before stale."""
        self._figures, self._notes, self._max_age = dict(figures), dict(notes), max_age
        if self._codes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._codes) - 1, len(domain_keys()) - 1))

    def figure(self, code: str, domain: str) -> CapacityFigure | None:
        return self._figures.get((code, domain))

    def provenance_table(self) -> dict[str, dict[str, CapacityFigure]]:
        """The mirrored provenance by code and domain (for the file export)."""
        out: dict[str, dict[str, CapacityFigure]] = {}
        for (code, domain), fig in self._figures.items():
            out.setdefault(code, {})[domain] = fig
        return out

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(domain_keys()) - 1)
        if self._codes:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._codes) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._codes) - 1, len(domain_keys()) - 1))

    # --- Qt model ------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(domain_keys())

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            not index.isValid()
            or not (0 <= index.row() < len(self._codes))
            or not (0 <= index.column() < len(domain_keys()))
        ):
            return None
        code, domain = self._codes[index.row()], domain_keys()[index.column()]
        invalid = self._invalid.get((code, domain))
        if invalid is not None:
            return self._invalid_data(invalid, role)
        value = self.value(code, domain)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value, self._lang, 0 if value is None else _decimals(value))
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else plain_number(value, "," if self._lang == "nl" else ".")
        if role == Qt.ItemDataRole.ToolTipRole or role == Qt.ItemDataRole.AccessibleTextRole:
            shown = format_number(value, self._lang, 0 if value is None else _decimals(value))
            unit = "" if value is None else " " + unit_label(domain_unit(domain), self._lang)
            return tr(
                "cell_tip",
                self._lang,
                name=self._names[index.row()],
                domain=DOMAIN_LABELS[domain][self._lang],
                value=shown + unit,
            ) + provenance_tip(
                self._figures.get((code, domain)),
                self._notes.get((code, domain), ""),
                self._lang,
                self._max_age,
            )
        if role == Qt.ItemDataRole.BackgroundRole and self._notes.get((code, domain)):
            return QBrush(QColor(NOTE_TINT))
        if role == Qt.ItemDataRole.FontRole and value is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and value is None:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    @staticmethod
    def _invalid_data(invalid: tuple[str, str], role: int) -> Any:
        """A cell typed wrongly: the text as typed, on red, the reason as its tooltip."""
        typed, reason = invalid
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return typed
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return "⚠ " + reason
        if role == Qt.ItemDataRole.BackgroundRole:
            return QBrush(QColor("#ffcdd2"))
        if role == Qt.ItemDataRole.ForegroundRole:
            return QBrush(QColor("#b71c1c"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def invalid_cells(self) -> dict[tuple[str, str], tuple[str, str]]:
        """Cells typed wrongly (code, domain) -> (typed text, reason)."""
        return dict(self._invalid)

    def invalid_problems(self) -> list[Problem]:
        """The cells typed wrongly as input problems (field ``capacity.<code>.<domain>``)."""
        return list(self._invalid_problems.values())

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(domain_keys()):
                return None
            domain = domain_keys()[section]
            unit = unit_label(domain_unit(domain), self._lang)
            return f"{DOMAIN_LABELS[domain][self._lang]} ({unit})"
        if not 0 <= section < len(self._codes):
            return None
        return f"{self._names[section]} ({self._codes[section]})"

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEditable

    def setData(
        self, index: QModelIndex | QPersistentModelIndex, value: Any, role: int = Qt.ItemDataRole.EditRole
    ) -> bool:
        """Parse the typed text and ask for the edit; the data itself changes only
        when the owner calls :meth:`set_capacity` back."""
        if role != Qt.ItemDataRole.EditRole or not index.isValid():
            return False
        code, domain = self._codes[index.row()], domain_keys()[index.column()]
        text = "" if value is None else str(value)
        try:
            parsed = parse_number(text, "," if self._lang == "nl" else ".")
        except ValueError as exc:
            # "50 bedden", "ca. 30": a number with words around it is read, with a note
            from gui.fields import NotANumber, parse_typed

            try:
                read = parse_typed(text)
            except NotANumber:
                read = None
            if read is None or read.value < 0 or getattr(exc, "negative", False):
                problem = Problem(
                    "capacity.edit_invalid",
                    params={
                        "municipality": self._names[index.row()],
                        "column": DOMAIN_LABELS[domain][self._lang],
                        "value": text.strip(),
                    },
                )
                self._invalid[(code, domain)] = (text.strip(), problem.text(self._lang))
                self._invalid_problems[(code, domain)] = Problem(
                    problem.code, f"capacity.{code}.{domain}", problem.params
                )
                self.dataChanged.emit(index, index)
                self.problem.emit(problem.text(self._lang))
                self.invalidChanged.emit()
                return False
            parsed = read.value
            self.note.emit(
                tr(
                    "read_as",
                    self._lang,
                    typed=text.strip(),
                    value=format_number(parsed, self._lang, _decimals(parsed)),
                )
            )
        if self._invalid.pop((code, domain), None) is not None:
            self._invalid_problems.pop((code, domain), None)
            self.invalidChanged.emit()
        self.request_edits([(code, domain, parsed)])
        self.dataChanged.emit(index, index)
        return True

    def request_edits(self, edits: list[Edit]) -> None:
        """Hand edits that change something to ``on_edits`` in one call."""
        changed = [e for e in edits if self.value(e[0], e[1]) != e[2]]
        if changed and self.on_edits is not None:
            self.on_edits(changed)
