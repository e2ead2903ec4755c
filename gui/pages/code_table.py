"""A small editable table of (municipality, number) rows: employer beds, manual residence shares."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ber.case.validate import MAX_BEDS
from ber.texts.messages import Problem
from gui.binding import Binder, error_label, read_marked
from gui.fields import NumberEdit, searchable
from gui.texts import language, tr

Municipalities = Callable[[], list[tuple[str, str]]]


class CodeValueTable(QWidget):
    """Rows of municipality + value; ``kind`` "beds" (list of blocks) or "shares" (code -> share)."""

    def __init__(
        self, binder: Binder, path: str, kind: str, municipalities: Municipalities, name: str
    ) -> None:
        super().__init__()
        self.setObjectName(name)
        self.binder = binder
        self.path = path
        self.kind = kind
        self.municipalities = municipalities
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.table = QTableWidget(0, 2)
        self.table.setObjectName(f"{name}_table")
        self.table.setHorizontalHeaderLabels(
            [tr("col.municipality"), tr("col.beds") if kind == "beds" else tr("col.share")]
        )
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(110)
        self.table.setMaximumHeight(200)
        self.table.setTabKeyNavigation(False)
        lay.addWidget(self.table)
        row = QHBoxLayout()
        add = QPushButton(tr("table.add_row"))
        add.setObjectName(f"{name}_add")
        remove = QPushButton(tr("table.remove_row"))
        remove.setObjectName(f"{name}_remove")
        add.clicked.connect(self._add)
        remove.clicked.connect(self._remove)
        row.addWidget(add)
        row.addWidget(remove)
        row.addStretch(1)
        lay.addLayout(row)
        self.message = error_label(self)
        lay.addWidget(self.message)
        binder.custom(path, self, self.set_value, self.message)

    # --- state <-> rows ---------------------------------------------------------

    def _rows(self) -> list[tuple[str, float]]:
        """Rows as the case would hold them; a row whose number does not read as one keeps
        the value the case has (its cell stays as typed and is marked)."""
        out = []
        held = self._held()
        for r in range(self.table.rowCount()):
            combo = self.table.cellWidget(r, 0)
            edit = self.table.cellWidget(r, 1)
            assert isinstance(combo, QComboBox) and isinstance(edit, NumberEdit)
            code, value, _note = edit.read()
            if code or value is None:
                value = held[r][1] if r < len(held) else 0.0
            out.append((str(combo.currentData()), round(float(value), 10)))
        return out

    def _held(self) -> list[tuple[str, float]]:
        value = self.binder.state.value(self.path)
        if self.kind == "beds":
            return [(b["municipality"], float(b["beds"])) for b in (value or [])]
        return [(c, float(v)) for c, v in (value or {}).items()]

    def _typed_problems(self) -> dict[str, Problem]:
        """Cells whose text does not read as a number: marked, and an input problem."""
        typed: dict[str, Problem] = {}
        for r in range(self.table.rowCount()):
            edit = self.table.cellWidget(r, 1)
            assert isinstance(edit, NumberEdit)
            read_marked(edit, f"{self.path}[{r}]", typed)
        return typed

    def _model_value(self, rows: list[tuple[str, float]]) -> Any:
        if self.kind == "beds":
            return [{"municipality": c, "beds": v} for c, v in rows]
        return dict(rows)

    def _commit(self) -> None:
        self.binder.commit_table(self.path, self._model_value(self._rows()), self._typed_problems())

    def set_value(self, value: Any) -> None:
        if self.kind == "beds":
            rows = [(b["municipality"], float(b["beds"])) for b in (value or [])]
        else:
            rows = [(c, float(s) * 100.0) for c, s in (value or {}).items()]
        if (
            self.table.rowCount() == len(rows)
            and [(c, round(v / 100.0 if self.kind == "shares" else v, 10)) for c, v in rows] == self._rows()
        ):
            return  # already shown (the edit came from here): keep focus
        self.table.setRowCount(0)
        choices = self.municipalities()
        for code, number in rows:
            self._append(code, number, choices)

    def _append(self, code: str, number: float, choices: list[tuple[str, str]]) -> None:
        r = self.table.rowCount()
        self.table.insertRow(r)
        combo = QComboBox()
        combo.setAccessibleName(tr("col.municipality"))
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.setMinimumContentsLength(20)
        for c, name in choices:
            combo.addItem(f"{name} ({c})", c)
        if combo.findData(code) < 0:
            combo.addItem(code, code)
        combo.setCurrentIndex(combo.findData(code))
        searchable(combo)
        if self.kind == "shares":
            spin = NumberEdit(scale=100.0, low=0.0, high=100.0, unit="%")
        else:
            spin = NumberEdit(low=0.0, high=MAX_BEDS, unit=tr("unit.beds", count=2))
        spin.setAccessibleName(tr("col.beds") if self.kind == "beds" else tr("col.share"))
        spin.show_value(number / 100.0 if self.kind == "shares" else number, language())
        combo.currentIndexChanged.connect(lambda _i: self._commit())
        spin.editingFinished.connect(self._commit)
        self.table.setCellWidget(r, 0, combo)
        self.table.setCellWidget(r, 1, spin)

    def _add(self) -> None:
        choices = self.municipalities()
        used = {c for c, _ in self._rows()}
        free = [c for c, _ in choices if c not in used]
        if not free:
            return
        rows = [*self._rows(), (free[0], 0.0)]
        self.binder.commit(self.path, self._model_value(rows))

    def _remove(self) -> None:
        r = self.table.currentRow()
        rows = self._rows()
        if not rows:
            return
        del rows[r if 0 <= r < len(rows) else len(rows) - 1]
        self.binder.commit(self.path, self._model_value(rows))
