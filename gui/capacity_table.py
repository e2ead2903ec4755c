"""The capacity table: spare capacity per municipality and domain, editable like Excel.

The widgets mirror state, they don't own it: every edit (typing, paste, Delete,
import) becomes one call of ``on_edits(list[(code, domain, value | None)])``; the
main window turns that into one undo step and calls :meth:`CapacityTableModel.set_capacity`
back. ``None`` is *unknown* ("onbekend", grey italic), never zero. The model and the
texts are in ``gui.capacity_model``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ber.engine.domains import domain_keys
from ber.io.capacity import (
    CapacityTable,
    Edit,
    parse_paste,
    plain_number,
    write_capacity_csv,
    write_capacity_xlsx,
)
from ber.io.capacity_provenance import read_capacity_provenance
from ber.texts.messages import Lang, Problem, translate
from gui.capacity_model import TEXTS, CapacityTableModel, tr
from gui.capacity_provenance import ProvenanceDialog, ProvenanceEdit

__all__ = ["TEXTS", "CapacityTableModel", "CapacityTableWidget", "tr"]


class _CapacityView(QTableView):
    """A table view with Excel keys: Ctrl+V pastes, Ctrl+C copies, Delete clears."""

    def __init__(self, owner: CapacityTableWidget) -> None:
        super().__init__(owner)
        self._owner = owner

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Paste):
            self._owner.paste_from_clipboard()
        elif event.matches(QKeySequence.StandardKey.Copy):
            self._owner.copy_selection()
        elif (
            event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace)
            and self.state() != QAbstractItemView.State.EditingState
        ):
            self._owner.clear_selection()
        else:
            super().keyPressEvent(event)


class CapacityTableWidget(QWidget):
    """The capacity table with its toolbar and the capacity source note."""

    problem = Signal(str)

    def __init__(
        self,
        on_edits: Callable[[list[Edit]], None] | None = None,
        lang: Lang = "nl",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("capacity_table_widget")
        self._lang: Lang = lang
        self._source = ""
        self.model = CapacityTableModel(on_edits=on_edits, lang=lang, parent=self)
        self.model.problem.connect(self._show_problem)
        self.model.note.connect(self._show_info)

        self.button_paste = QPushButton(self)
        self.button_paste.setObjectName("button_capacity_paste")
        self.button_paste.clicked.connect(self.paste_from_clipboard)
        self.button_import = QPushButton(self)
        self.button_import.setObjectName("button_capacity_import")
        self.button_import.clicked.connect(self._ask_import)
        self.button_export = QPushButton(self)
        self.button_export.setObjectName("button_capacity_export")
        self.button_export.clicked.connect(self._ask_export)
        self.button_clear = QPushButton(self)
        self.button_clear.setObjectName("button_capacity_clear")
        self.button_clear.clicked.connect(self.clear_selection)
        self.button_provenance = QPushButton(self)
        self.button_provenance.setObjectName("button_capacity_provenance")
        self.button_provenance.clicked.connect(self._ask_provenance)
        #: called with the provenance edits of the selected cells (one undo step)
        self.on_provenance: Callable[[list[ProvenanceEdit]], None] | None = None
        bar = QHBoxLayout()
        for button in (
            self.button_paste,
            self.button_import,
            self.button_export,
            self.button_clear,
            self.button_provenance,
        ):
            bar.addWidget(button)
        bar.addStretch(1)

        self.view = _CapacityView(self)
        self.view.setObjectName("table_capacity")
        self.view.setModel(self.model)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.view.setAlternatingRowColors(True)
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setDefaultAlignment(
            Qt.AlignmentFlag.AlignCenter | Qt.AlignmentFlag(Qt.TextFlag.TextWordWrap.value)
        )
        header.setMinimumHeight(4 * self.fontMetrics().height() + 8)
        self.view.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

        self.label_source = QLabel(self)
        self.label_source.setObjectName("label_capacity_source")
        self.label_source.setWordWrap(True)
        self.label_message = QLabel(self)
        self.label_message.setObjectName("label_capacity_message")
        self.label_message.setWordWrap(True)
        self.label_message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.label_message)
        layout.addWidget(self.label_source)
        self.set_language(lang)

    # --- state from outside -------------------------------------------------
    def set_on_edits(self, on_edits: Callable[[list[Edit]], None] | None) -> None:
        self.model.on_edits = on_edits

    def set_region(self, codes: Sequence[str], names: Sequence[str], capacity: CapacityTable) -> None:
        self.model.set_region(codes, names, capacity)

    def set_capacity(self, capacity: CapacityTable) -> None:
        self.model.set_capacity(capacity)

    def set_source_text(self, text: str) -> None:
        self._source = text
        self.label_source.setText(tr("source", self._lang, text=text.strip() or tr("no_source", self._lang)))

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        self.model.set_language(lang)
        for button, key in (
            (self.button_paste, "paste"),
            (self.button_import, "import"),
            (self.button_export, "export"),
            (self.button_clear, "clear"),
            (self.button_provenance, "provenance"),
        ):
            button.setText(tr(key, lang))
            button.setToolTip(tr(f"{key}_tip", lang))
            button.setAccessibleName(tr(key, lang).rstrip("…"))
            button.setAccessibleDescription(tr(f"{key}_tip", lang))
        self.view.setAccessibleName(tr("table", lang))
        self.view.setAccessibleDescription(tr("table_desc", lang))
        self.label_source.setAccessibleName(tr("source", lang, text="").rstrip(": "))
        self.set_source_text(self._source)
        self._set_message("", error=False)

    # --- actions -------------------------------------------------------------
    def _set_message(self, text: str, error: bool) -> None:
        self.label_message.setStyleSheet("color: #B00020;" if error else "")
        self.label_message.setText(text)
        self.label_message.setVisible(bool(text))

    def _show_problem(self, text: str) -> None:
        self._set_message(text, error=True)
        self.problem.emit(text)

    def _show_problems(self, problems: list[Problem]) -> None:
        self._show_problem("\n".join(p.text(self._lang) for p in problems))

    def _show_info(self, text: str) -> None:
        self._set_message(text, error=False)

    def _decimal(self) -> str:
        """Decimal mark of typed and pasted numbers: ',' in Dutch, '.' in English."""
        return "," if self._lang == "nl" else "."

    def _anchor(self) -> tuple[int, int]:
        indexes = self.view.selectionModel().selectedIndexes()
        if indexes:
            return min(i.row() for i in indexes), min(i.column() for i in indexes)
        current = self.view.currentIndex()
        return (current.row(), current.column()) if current.isValid() else (0, 0)

    def paste_text(self, text: str) -> bool:
        """Paste Excel clipboard text at the selection; one ``on_edits`` call or problems."""
        row, col = self._anchor()
        edits, problems = parse_paste(
            text, self.model.codes, col, row, lang=self._lang, decimal=self._decimal()
        )
        cells = self.view.selectionModel().selectedIndexes()
        if (
            not problems
            and len(edits) == 1
            and len(cells) > 1
            and "\t" not in text.strip()
            and "\n" not in text.strip()
        ):
            value = edits[0][2]  # one copied cell fills the whole selection, as in Excel
            edits = [(self.model.codes[i.row()], domain_keys()[i.column()], value) for i in cells]
        if problems:
            self._show_problems(problems)
            return False
        self._set_message("", error=False)
        self.model.request_edits(edits)
        return True

    def paste_from_clipboard(self) -> bool:
        return self.paste_text(QGuiApplication.clipboard().text())

    def copy_selection(self) -> None:
        """Copy the selected block as Excel clipboard text (decimal comma in Dutch)."""
        cells = self.view.selectionModel().selectedIndexes()
        if not cells:
            return
        rows = sorted({i.row() for i in cells})
        cols = sorted({i.column() for i in cells})
        decimal = "," if self._lang == "nl" else "."
        lines = []
        for r in rows:
            values = [self.model.value(self.model.codes[r], domain_keys()[c]) for c in cols]
            lines.append("\t".join("" if v is None else plain_number(v, decimal) for v in values))
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")

    def clear_selection(self) -> None:
        """Set the selected cells to unknown (one ``on_edits`` call)."""
        cells = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        edits: list[Edit] = [
            (self.model.codes[i.row()], domain_keys()[i.column()], None) for i in cells if i.isValid()
        ]
        self.model.request_edits(edits)

    def import_file(self, path: Path | str) -> bool:
        """Read a CSV/XLSX file; on any problem show it and change nothing."""
        table, provenance, problems = read_capacity_provenance(path, lang=self._lang)
        if problems:
            self._show_problems(problems)
            return False
        region = set(self.model.codes)
        outside = sorted(c for c in table if c not in region)
        edits: list[Edit] = [
            (c, d, v) for c, values in table.items() if c in region for d, v in values.items()
        ]
        self.model.request_edits(edits)
        prov_edits: list[ProvenanceEdit] = [
            (c, d, f.source, f.reference_date, f.supplied_by)
            for c, row in provenance.items()
            if c in region
            for d, f in row.items()
        ]
        if prov_edits and self.on_provenance is not None:
            self.on_provenance(prov_edits)  # the file's source, reference date and supplier
        info = tr("imported", self._lang, count=len(edits), path=Path(path).name)
        if outside:
            info += "\n" + translate(
                "capacity.outside_region", self._lang, count=len(outside), codes=", ".join(outside)
            )
        self._show_info(info)
        return True

    def export_file(self, path: Path | str) -> bool:
        """Write the table as ``.xlsx`` or (any other suffix) ``.csv``."""
        path = Path(path)
        try:
            if path.suffix.lower() == ".xlsx":
                write_capacity_xlsx(
                    path,
                    self.model.codes,
                    self.model.names,
                    self.model.capacity(),
                    lang=self._lang,
                    source=self._source,
                    provenance=self.model.provenance_table() or None,
                )
            else:
                write_capacity_csv(
                    path,
                    self.model.codes,
                    self.model.names,
                    self.model.capacity(),
                    lang=self._lang,
                    provenance=self.model.provenance_table() or None,
                )
        except OSError as exc:
            self._show_problem(
                tr("export_failed", self._lang, path=str(path), reason=exc.strerror or str(exc))
            )
            return False
        self._show_info(tr("exported", self._lang, path=str(path)))
        return True

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, tr("open_title", self._lang), "", tr("open_filter", self._lang)
        )
        if path:
            self.import_file(path)

    def _ask_export(self) -> None:
        path, chosen = QFileDialog.getSaveFileName(
            self, tr("save_title", self._lang), tr("default_name", self._lang), tr("filter", self._lang)
        )
        if path:
            if not Path(path).suffix:
                path += ".csv" if "csv" in chosen.lower() else ".xlsx"
            self.export_file(path)

    # --- provenance ------------------------------------------------------------
    def selected_cells(self) -> list[tuple[str, str]]:
        cells = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        return [(self.model.codes[i.row()], domain_keys()[i.column()]) for i in cells if i.isValid()]

    def set_provenance_of_selection(self, source: str, date: str, supplied_by: str) -> None:
        """Give the selected cells this source, reference date and supplier (one call)."""
        edits = [(code, domain, source, date, supplied_by) for code, domain in self.selected_cells()]
        if edits and self.on_provenance is not None:
            self.on_provenance(edits)

    def _ask_provenance(self) -> None:
        cells = self.selected_cells()
        if not cells:
            return
        dialog = ProvenanceDialog(self.model.figure(*cells[0]), len(cells), self._lang, self)
        if dialog.exec() == ProvenanceDialog.DialogCode.Accepted:
            self.set_provenance_of_selection(*dialog.values())
