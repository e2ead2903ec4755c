"""Ask the neighbours from the application: write the capacity request workbook, read
filled forms back and show what changes before it is applied (issue 11 item 4).

:class:`CapacityRequestPanel` holds the two buttons under the capacity table. Reading runs
on the worker funnel (``gui.workers.run_in_pool``); :class:`FormPreviewDialog` lists each
change (old -> new figure with its provenance) and each bad cell; *Toepassen* applies the
changes as one undo step, and is disabled while there is a problem or nothing changes.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ber.engine.domains import domain_unit
from ber.io.capacity_form import Change, FormEntry, apply_entries, form_changes, read_forms, write_request
from ber.texts.labels import DOMAIN_LABELS, format_number, unit_label
from ber.texts.messages import Lang, Problem
from gui.texts import language, tr

#: the preview's columns (``gui.capacity_request.col_<name>``)
COLUMNS = ("municipality", "domain", "old", "new", "source", "date", "supplied_by", "file")


def _figure(value: float | None, unit: str, lang: Lang) -> str:
    if value is None:
        return tr("capacity_request.unknown")
    return f"{format_number(value, lang, 0 if float(value).is_integer() else 2)} {unit_label(unit, lang)}"


class FormPreviewDialog(QDialog):
    """What the filled forms change, and every bad cell; apply only when there is no problem."""

    def __init__(
        self,
        changes: Sequence[Change],
        problems: Sequence[Problem],
        names: dict[str, str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        lang = language()
        self.setObjectName("dialog_capacity_forms")
        self.setWindowTitle(tr("capacity_request.preview_title"))
        self.resize(900, 420)
        lay = QVBoxLayout(self)
        summary = QLabel(tr("capacity_request.preview_summary", n=len(changes)))
        summary.setObjectName("label_forms_summary")
        summary.setWordWrap(True)
        lay.addWidget(summary)
        self.table = QTableWidget(len(changes), len(COLUMNS), self)
        self.table.setObjectName("table_form_changes")
        self.table.setAccessibleName(tr("capacity_request.preview_title"))
        self.table.setHorizontalHeaderLabels([tr(f"capacity_request.col_{c}") for c in COLUMNS])
        for r, ch in enumerate(changes):
            unit = domain_unit(ch.domain)
            cells = (
                f"{names.get(ch.code, ch.code)} ({ch.code})",
                DOMAIN_LABELS[ch.domain][lang],
                _figure(None if ch.old is None else ch.old.value, unit, lang),
                _figure(ch.new.value, unit, lang),
                ch.new.source,
                ch.new.reference_date,
                ch.new.supplied_by,
                Path(ch.file).name,
            )
            for c, value in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        lay.addWidget(self.table, 1)
        self.problems = QPlainTextEdit("\n".join(p.text(lang) for p in problems))
        self.problems.setObjectName("text_form_problems")
        self.problems.setReadOnly(True)
        self.problems.setStyleSheet("color: #B00020;")
        self.problems.setAccessibleName(tr("capacity_request.problems"))
        self.problems.setVisible(bool(problems))
        if problems:
            lay.addWidget(QLabel(tr("capacity_request.problems_intro", n=len(problems))))
        lay.addWidget(self.problems)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.button_apply = self.buttons.addButton(
            tr("capacity_request.apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.button_apply.setObjectName("button_forms_apply")
        self.button_apply.setEnabled(bool(changes) and not problems)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)


class CapacityRequestPanel(QWidget):
    """'Uitvraag maken…' and 'Uitvraag inlezen…' under the capacity table."""

    def __init__(
        self,
        state: Any,
        region: Callable[[], tuple[list[str], list[str]]],
        show_message: Callable[[str, bool], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.state = state
        self.region = region
        self.show_message = show_message
        self.preview: FormPreviewDialog | None = None
        lay = QHBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.button_request = QPushButton(tr("capacity_request.request"))
        self.button_request.setObjectName("button_capacity_request")
        self.button_request.setToolTip(tr("capacity_request.request_tip"))
        self.button_request.clicked.connect(self._ask_request)
        self.button_read = QPushButton(tr("capacity_request.read"))
        self.button_read.setObjectName("button_capacity_forms")
        self.button_read.setToolTip(tr("capacity_request.read_tip"))
        self.button_read.clicked.connect(self._ask_read)
        lay.addWidget(self.button_request)
        lay.addWidget(self.button_read)
        lay.addStretch(1)

    def write(self, path: Path | str) -> bool:
        codes, names = self.region()
        try:
            write_request(Path(path), self.state.case, codes, names, lang=language())
        except OSError as exc:
            self.show_message(
                tr("capacity_request.failed", path=str(path), reason=exc.strerror or str(exc)), True
            )
            return False
        self.show_message(tr("capacity_request.written", n=len(codes), path=str(path)), False)
        return True

    def read(
        self, paths: Sequence[Path | str], on_shown: Callable[[FormPreviewDialog], None] | None = None
    ) -> None:
        """Read the forms on a worker, then show the preview (``on_shown`` gets it, for tests)."""
        from gui.workers import run_in_pool

        lang = language()
        files = [Path(p) for p in paths]

        def work(_handle: Any) -> tuple[list[FormEntry], list[Problem]]:
            return read_forms(files, lang=lang)

        def done(got: tuple[list[FormEntry], list[Problem]]) -> None:
            entries, problems = got
            case = self.state.case
            changes = form_changes(case, entries)
            codes, names = self.region()
            dialog = FormPreviewDialog(changes, problems, dict(zip(codes, names, strict=True)), self)
            self.preview = dialog
            dialog.accepted.connect(lambda: self._apply(entries))
            if on_shown is not None:
                on_shown(dialog)
            dialog.open()

        def failed(exc: BaseException) -> None:
            self.show_message(str(exc), True)

        run_in_pool(work, done, failed, owner=self)

    def _apply(self, entries: list[FormEntry]) -> None:
        self.state.replace(
            apply_entries(self.state.case, entries), tr("capacity_request.undo_text"), "capacity"
        )

    def _ask_request(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            tr("capacity_request.request"),
            tr("capacity_request.default_name"),
            tr("capacity_request.filter"),
        )
        if path:
            self.write(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def _ask_read(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, tr("capacity_request.read"), "", tr("capacity_request.filter")
        )
        if paths:
            self.read(paths)
