"""The capacity table: spare capacity per municipality and domain, editable like Excel.

The widgets mirror state, they don't own it: every edit (typing, paste, Delete,
import) becomes one call of ``on_edits(list[(code, domain, value | None)])``; the
main window turns that into one undo step and calls :meth:`CapacityTableModel.set_capacity`
back. ``None`` is *unknown* ("onbekend", grey italic), never zero.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QGuiApplication, QKeyEvent, QKeySequence
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

from ber.case.model import DOMAIN_UNITS, DOMAINS
from ber.io.capacity import (
    CapacityTable,
    Edit,
    parse_number,
    parse_paste,
    plain_number,
    read_capacity,
    write_capacity_csv,
    write_capacity_xlsx,
)
from ber.texts.labels import DOMAIN_LABELS, format_number, unit_label
from ber.texts.messages import Lang, Problem, translate

TEXTS: dict[str, dict[str, str]] = {
    "paste": {"nl": "Plakken uit Excel", "en": "Paste from Excel"},
    "paste_tip": {
        "nl": "Plak cellen die in Excel zijn gekopieerd (Ctrl+V), vanaf de geselecteerde cel",
        "en": "Paste cells copied in Excel (Ctrl+V), starting at the selected cell",
    },
    "import": {"nl": "Importeren…", "en": "Import…"},
    "import_tip": {
        "nl": "Capaciteit inlezen uit een CSV- of Excel-bestand (kolommen: gemeentecode, naam, domeinen)",
        "en": "Read capacity from a CSV or Excel file (columns: code, name, domains)",
    },
    "export": {"nl": "Exporteren…", "en": "Export…"},
    "export_tip": {
        "nl": "De capaciteitstabel opslaan als CSV (Nederlandse Excel) of Excel-bestand",
        "en": "Save the capacity table as CSV (Dutch Excel) or Excel file",
    },
    "clear": {"nl": "Wis cel", "en": "Clear cell"},
    "clear_tip": {
        "nl": "Zet de geselecteerde cellen op 'onbekend' (Delete)",
        "en": "Set the selected cells to 'unknown' (Delete)",
    },
    "table": {"nl": "Capaciteitstabel", "en": "Capacity table"},
    "table_desc": {
        "nl": "Vrije capaciteit per gemeente (rijen) en domein (kolommen); leeg of 'onbekend' is onbekend",
        "en": "Spare capacity per municipality (rows) and domain (columns); empty or 'unknown' is unknown",
    },
    "source": {"nl": "Bron capaciteit: {text}", "en": "Capacity source: {text}"},
    "no_source": {"nl": "niet opgegeven", "en": "not given"},
    "open_title": {"nl": "Capaciteit importeren", "en": "Import capacity"},
    "save_title": {"nl": "Capaciteit exporteren", "en": "Export capacity"},
    "filter": {
        "nl": "Excel-werkmap (*.xlsx);;CSV, puntkomma (*.csv)",
        "en": "Excel workbook (*.xlsx);;CSV, semicolon (*.csv)",
    },
    "open_filter": {
        "nl": "Tabellen (*.xlsx *.ods *.csv);;Excel-werkmap (*.xlsx);;LibreOffice (*.ods);;CSV (*.csv)",
        "en": "Tables (*.xlsx *.ods *.csv);;Excel workbook (*.xlsx);;LibreOffice (*.ods);;CSV (*.csv)",
    },
    "default_name": {"nl": "capaciteit.xlsx", "en": "capacity.xlsx"},
    "exported": {"nl": "Opgeslagen: {path}", "en": "Saved: {path}"},
    "export_failed": {"nl": "Opslaan mislukt: {path} ({reason})", "en": "Saving failed: {path} ({reason})"},
    "imported": {
        "nl": "{count} waarden ingelezen uit {path}",
        "en": "{count} values read from {path}",
    },
    "cell_tip": {"nl": "{name}, {domain}: {value}", "en": "{name}, {domain}: {value}"},
}


def tr(key: str, lang: Lang, **params: Any) -> str:
    text = TEXTS[key].get(lang) or TEXTS[key]["en"]
    return text.format(**params) if params else text


def _decimals(value: float) -> int:
    return 0 if float(value).is_integer() else (1 if float(value * 10).is_integer() else 2)


class CapacityTableModel(QAbstractTableModel):
    """Rows: the region's municipalities; columns: the six domains."""

    problem = Signal(str)

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
        return {c: {d: self.value(c, d) for d in DOMAINS} for c in self._codes}

    def value(self, code: str, domain: str) -> float | None:
        return self._capacity.get(code, {}).get(domain)

    def set_region(self, codes: Sequence[str], names: Sequence[str], capacity: CapacityTable) -> None:
        self.beginResetModel()
        self._codes = list(codes)
        self._names = list(names) if names else list(codes)
        self._capacity = {c: dict(v) for c, v in capacity.items()}
        self.endResetModel()

    def set_capacity(self, capacity: CapacityTable) -> None:
        """Mirror a new capacity table (same region): only the data changes."""
        self._capacity = {c: dict(v) for c, v in capacity.items()}
        if self._codes:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._codes) - 1, len(DOMAINS) - 1))

    def set_language(self, lang: Lang) -> None:
        self._lang = lang
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(DOMAINS) - 1)
        if self._codes:
            self.headerDataChanged.emit(Qt.Orientation.Vertical, 0, len(self._codes) - 1)
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._codes) - 1, len(DOMAINS) - 1))

    # --- Qt model ------------------------------------------------------------
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._codes)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(DOMAINS)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if (
            not index.isValid()
            or not (0 <= index.row() < len(self._codes))
            or not (0 <= index.column() < len(DOMAINS))
        ):
            return None
        code, domain = self._codes[index.row()], DOMAINS[index.column()]
        value = self.value(code, domain)
        if role == Qt.ItemDataRole.DisplayRole:
            return format_number(value, self._lang, 0 if value is None else _decimals(value))
        if role == Qt.ItemDataRole.EditRole:
            return "" if value is None else plain_number(value, "," if self._lang == "nl" else ".")
        if role == Qt.ItemDataRole.ToolTipRole or role == Qt.ItemDataRole.AccessibleTextRole:
            shown = format_number(value, self._lang, 0 if value is None else _decimals(value))
            unit = "" if value is None else " " + unit_label(DOMAIN_UNITS[domain], self._lang)
            return tr(
                "cell_tip",
                self._lang,
                name=self._names[index.row()],
                domain=DOMAIN_LABELS[domain][self._lang],
                value=shown + unit,
            )
        if role == Qt.ItemDataRole.FontRole and value is None:
            font = QFont()
            font.setItalic(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and value is None:
            return QBrush(QColor("#777777"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(DOMAINS):
                return None
            domain = DOMAINS[section]
            unit = unit_label(DOMAIN_UNITS[domain], self._lang)
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
        code, domain = self._codes[index.row()], DOMAINS[index.column()]
        text = "" if value is None else str(value)
        try:
            parsed = parse_number(text, "," if self._lang == "nl" else ".")
        except ValueError:
            problem = Problem(
                "capacity.edit_invalid",
                params={
                    "municipality": self._names[index.row()],
                    "column": DOMAIN_LABELS[domain][self._lang],
                    "value": text.strip(),
                },
            )
            self.problem.emit(problem.text(self._lang))
            return False
        self.request_edits([(code, domain, parsed)])
        return True

    def request_edits(self, edits: list[Edit]) -> None:
        """Hand edits that change something to ``on_edits`` in one call."""
        changed = [e for e in edits if self.value(e[0], e[1]) != e[2]]
        if changed and self.on_edits is not None:
            self.on_edits(changed)


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
        bar = QHBoxLayout()
        for button in (self.button_paste, self.button_import, self.button_export, self.button_clear):
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
            edits = [(self.model.codes[i.row()], DOMAINS[i.column()], value) for i in cells]
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
            values = [self.model.value(self.model.codes[r], DOMAINS[c]) for c in cols]
            lines.append("\t".join("" if v is None else plain_number(v, decimal) for v in values))
        QGuiApplication.clipboard().setText("\r\n".join(lines) + "\r\n")

    def clear_selection(self) -> None:
        """Set the selected cells to unknown (one ``on_edits`` call)."""
        cells = self.view.selectionModel().selectedIndexes() or [self.view.currentIndex()]
        edits: list[Edit] = [
            (self.model.codes[i.row()], DOMAINS[i.column()], None) for i in cells if i.isValid()
        ]
        self.model.request_edits(edits)

    def import_file(self, path: Path | str) -> bool:
        """Read a CSV/XLSX file; on any problem show it and change nothing."""
        table, problems = read_capacity(path, lang=self._lang)
        if problems:
            self._show_problems(problems)
            return False
        region = set(self.model.codes)
        outside = sorted(c for c in table if c not in region)
        edits: list[Edit] = [
            (c, d, v) for c, values in table.items() if c in region for d, v in values.items()
        ]
        self.model.request_edits(edits)
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
                )
            else:
                write_capacity_csv(
                    path, self.model.codes, self.model.names, self.model.capacity(), lang=self._lang
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
