"""The case register in the desktop app: browse, register, change status, history, export, cumulative.

``RegisterView`` (objectName ``register_view``) is a dialog with two tabs: *Zaken*
(the register with filters) and *Cumulatief* (the current case on top of the
registered cases). Every register call runs on the worker funnel's serial thread
(``gui.workers.run_in_pool(..., serial=True)``: one register job at a time); the view
counts them in ``busy``.

The main window's *Register* menu is ``gui.register_menu.RegisterMenu``; questions to the
user go through the module-level ``ask_*`` / ``show_message`` functions, which
tests replace.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ber.case.model import Case
from ber.engine.result import Assessment
from ber.reference.data import sector_label
from gui.models import CellTableModel
from gui.register_conditions import ConditionsTab
from gui.register_dialogs import (
    ask_export_path,
    ask_registration,
    ask_status_change,
    has_password,
    history_dialog,
    register_url,
    show_message,
    who_of,
)
from gui.register_models import (
    STATUSES,
    CumulativeChart,
    RegisterTableModel,
    cumulative_model,
    decisive_series,
    placeholder,
    status_text,
)
from gui.texts import language, tr
from gui.workers import error_text, run_in_pool

# --- the view ----------------------------------------------------------------------------


def _button(name: str, key: str, slot: Callable[[], None]) -> QPushButton:
    button = QPushButton(tr(key))
    button.setObjectName(name)
    button.clicked.connect(lambda _checked=False: slot())
    return button


class RegisterView(QDialog):
    #: a cumulative view was computed (``cumulative_for(case)`` now has it)
    cumulativeReady = Signal()

    def __init__(
        self,
        get_case: Callable[[], Case | None],
        get_result: Callable[[], Assessment | None],
        officer: str = "",
        url: str | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("register_view")
        self.setWindowTitle(tr("register.title"))
        self.resize(1240, 720)
        self.get_case, self.get_result = get_case, get_result
        self.officer = officer
        self.url = url if url is not None else register_url()  # kept in memory only
        self.register: Any = None
        self.busy = 0
        self.generation = 0
        self.last_message = ""
        self.cumulative: Any = None
        #: SHA-256 of the case the cumulative view was computed for (the PDF export uses
        #: the cumulative view only when it belongs to the case being exported)
        self.cumulative_case_sha = ""
        self.history: list[Any] = []
        self.history_dialog: QDialog | None = None
        self.status_label = QLabel()  # "busy" while a register call runs
        self.status_label.setObjectName("label_register_status")
        self.outcome_label = QLabel()  # what the last action did
        self.outcome_label.setObjectName("label_register_outcome")
        self.outcome_label.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs_register")
        self.tabs.addTab(self._cases_tab(), tr("register.tab_cases"))
        self.tabs.addTab(self._cumulative_tab(), tr("register.tab_cumulative"))
        self.conditions = ConditionsTab(self)  # permit conditions: gui/register_conditions.py
        self.tabs.addTab(self.conditions, tr("register.tab_conditions"))
        lay = QVBoxLayout(self)
        self.label_location = QLabel()
        self.label_location.setObjectName("label_register_location")
        self.label_location.setWordWrap(True)
        lay.addWidget(self.label_location)
        if has_password(self.url):
            note = QLabel(tr("register.password_note"))
            note.setObjectName("label_password_note")
            note.setWordWrap(True)
            lay.addWidget(note)
        lay.addWidget(self.tabs, 1)
        bottom = QHBoxLayout()
        bottom.addWidget(self.outcome_label, 1)
        bottom.addWidget(self.status_label)
        lay.addLayout(bottom)
        self.search_timer = QTimer(self)
        self.search_timer.setSingleShot(True)
        self.search_timer.setInterval(250)
        self.search_timer.timeout.connect(self.refresh)
        self._open()

    # building
    def _cases_tab(self) -> QWidget:
        page = QWidget()
        filters = QHBoxLayout()
        self.combo_municipality = self._filter_combo("combo_reg_municipality")
        self.combo_status = self._filter_combo("combo_reg_status")
        for code in STATUSES:
            self.combo_status.addItem(status_text(code), code)
        self.combo_sector = self._filter_combo("combo_reg_sector")
        self.combo_year = self._filter_combo("combo_reg_year")
        self.edit_search = QLineEdit()
        self.edit_search.setObjectName("edit_reg_search")
        self.edit_search.setPlaceholderText(tr("register.search_placeholder"))
        self.edit_search.setAccessibleName(tr("register.filter_search"))
        self.edit_search.textChanged.connect(lambda _t: self.search_timer.start())
        for key, widget in (
            ("municipality", self.combo_municipality),
            ("status", self.combo_status),
            ("sector", self.combo_sector),
            ("year", self.combo_year),
            ("search", self.edit_search),
        ):
            label = QLabel(tr(f"register.filter_{key}"))
            label.setBuddy(widget)
            filters.addWidget(label)
            filters.addWidget(widget, 2 if key == "search" else 1)
        self.model = RegisterTableModel(self)
        self.table = QTableView()
        self.table.setObjectName("table_register")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.doubleClicked.connect(lambda _i: self.show_history())
        self.btn_register = _button("btn_register", "register.btn_register", self.register_current)
        self.btn_status = _button("btn_status", "register.btn_status", self.change_status)
        self.btn_history = _button("btn_history", "register.btn_history", self.show_history)
        self.btn_export = _button("btn_export", "register.btn_export", self.export)
        self.btn_refresh = _button("btn_refresh", "register.btn_refresh", lambda: self.refresh())
        buttons = QHBoxLayout()
        for button in (
            self.btn_register,
            self.btn_status,
            self.btn_history,
            self.btn_export,
            self.btn_refresh,
        ):
            buttons.addWidget(button)
        buttons.addStretch(1)
        self.label_count = QLabel()
        buttons.addWidget(self.label_count)
        lay = QVBoxLayout(page)
        lay.addLayout(filters)
        lay.addWidget(self.table, 1)
        lay.addLayout(buttons)
        return page

    def _filter_combo(self, name: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(tr("register.all"), None)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    def _cumulative_tab(self) -> QWidget:
        page = QWidget()
        self.btn_cumulative = QPushButton(tr("register.btn_compute"))
        self.btn_cumulative.setObjectName("btn_cumulative")
        self.btn_cumulative.clicked.connect(self.compute_cumulative)
        self.label_cumulative = placeholder(tr("register.cum_empty"))
        self.label_cumulative.setObjectName("label_cumulative")
        self.cum_model = CellTableModel()
        self.cum_table = QTableView()
        self.cum_table.setObjectName("table_cumulative")
        self.cum_table.setModel(self.cum_model)
        self.cum_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.cum_table.verticalHeader().hide()
        self.cum_table.clicked.connect(self._plot_row)
        self.chart = CumulativeChart()
        lay = QVBoxLayout(page)
        top = QHBoxLayout()
        top.addWidget(self.btn_cumulative)
        top.addWidget(self.label_cumulative, 1)
        lay.addLayout(top)
        lay.addWidget(self.cum_table, 3)
        lay.addWidget(self.chart, 2)
        return page

    # running register calls in the worker pool
    def run(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None]) -> None:
        """Run ``fn(register)`` in a worker thread once the register is open; ``on_done`` on the GUI thread."""
        self.busy += 1
        self.status_label.setText(tr("register.busy"))

        def job(_handle: Any) -> Any:
            return fn(self.register)

        def done(value: Any) -> None:
            self.busy -= 1
            self.status_label.setText("")
            on_done(value)

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            self.status_label.setText("")
            from ber.register import ConflictError

            title = (
                tr("register.conflict_title")
                if isinstance(exc, ConflictError)
                else tr("register.error_title")
            )
            self.message(title, error_text(exc))
            if isinstance(exc, ConflictError):
                self.refresh()  # show the case as it is now

        run_in_pool(job, done, failed, owner=self, serial=True)

    def message(self, title: str, text: str) -> None:
        self.last_message = text
        show_message(self, title, text)

    def _open(self) -> None:
        url = self.url

        def opened(reg: Any) -> None:
            self.register = reg
            self.label_location.setText(tr("register.location", url=reg.url))
            self.refresh(choices=True)

        self.busy += 1

        def job(handle: Any) -> Any:
            from ber.register import Register

            try:  # converting an old register reports its progress in the status line
                return Register.open(
                    url, progress=lambda n, t: handle.report(n / t, tr("register.migrating", done=n, total=t))
                )
            except OSError as exc:
                from ber.register import mask_url
                from ber.register.db import resolve_url
                from ber.texts.messages import InputError, Problem

                params = {"url": mask_url(resolve_url(url)), "reason": exc.strerror or type(exc).__name__}
                raise InputError([Problem("register.unreachable", params=params)]) from None

        def done(reg: Any) -> None:
            self.busy -= 1
            opened(reg)

        def failed(exc: BaseException) -> None:
            self.busy -= 1
            for w in (
                self.btn_register,
                self.btn_status,
                self.btn_history,
                self.btn_export,
                self.btn_cumulative,
            ):
                w.setEnabled(False)
            self.message(tr("register.error_title"), error_text(exc))

        run_in_pool(
            job, done, failed, owner=self, serial=True, on_progress=lambda _f, m: self.status_label.setText(m)
        )

    def done(self, code: int) -> None:  # closing the dialog closes the register
        if self.register is not None and self.busy == 0:
            self.register.close()
            self.register = None
        super().done(code)

    # the register tab
    def filters(self) -> dict[str, Any]:
        return {
            "municipality": self.combo_municipality.currentData(),
            "status": self.combo_status.currentData(),
            "sector": self.combo_sector.currentData(),
            "year": self.combo_year.currentData(),
            "text": self.edit_search.text().strip() or None,
        }

    def refresh(self, choices: bool = False) -> None:
        if self.register is None:
            return
        self.generation += 1
        generation, filters = self.generation, self.filters()

        def listed(rows: list[Any]) -> None:
            if generation != self.generation:
                return  # a newer listing is on its way
            self.model.set_rows(rows)
            self.label_count.setText(tr("register.count", n=len(rows)))
            if choices:
                self._fill_choices(rows)

        self.run(lambda reg: reg.list(**filters), listed)

    def _fill_choices(self, rows: list[Any]) -> None:
        """Filter choices from the register's content (municipalities, sectors, years)."""
        hosts = sorted({(s.host_name or s.host_municipality, s.host_municipality) for s in rows})
        sectors = sorted({s.sector for s in rows if s.sector})
        years = sorted({s.received.year for s in rows if s.received}, reverse=True)
        for combo, items in (
            (self.combo_municipality, [(f"{n} ({c})", c) for n, c in hosts]),
            (self.combo_sector, [(sector_label(s, language()), s) for s in sectors]),
            (self.combo_year, [(str(y), y) for y in years]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(tr("register.all"), None)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(0, combo.findData(current)) if current is not None else 0)
            combo.blockSignals(False)

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows()
        s = self.model.summary(rows[0].row()) if rows else None
        if s is None:
            self.message(tr("register.title"), tr("register.no_selection"))
        return s

    def register_current(self) -> None:
        case, result = self.get_case(), self.get_result()
        register_current(case, result, self, view=self)

    def change_status(self) -> None:
        s = self.selected()
        if s is None:
            return
        who = who_of(self.officer)
        answer = ask_status_change(self, s.reference, s.status, who)
        if answer is None:
            return
        status, why = answer

        def changed(new: Any) -> None:
            self.outcome_label.setText(
                tr(
                    "register.status_changed",
                    reference=new.reference,
                    status=status_text(new.status),
                    version=new.version,
                )
            )
            self.refresh(choices=True)

        self.run(
            lambda reg: reg.set_status(s.reference, status, who=who, why=why, expected_version=s.version),
            changed,
        )

    def show_history(self) -> None:
        s = self.selected()
        if s is None:
            return
        self.run(lambda reg: reg.history(s.reference), lambda h: self._history_dialog(s.reference, h))

    def _history_dialog(self, reference: str, entries: list[Any]) -> None:
        self.history = entries
        self.history_dialog = history_dialog(self, reference, entries)
        self.history_dialog.show()

    def export(self) -> None:
        path = ask_export_path(self)
        if path is None:
            return
        filters, lang = self.filters(), language()
        self.run(
            lambda reg: reg.export(path, lang=lang, **filters),
            lambda n: self.outcome_label.setText(tr("register.exported", n=n, path=str(path))),
        )

    # the cumulative tab
    def compute_cumulative(self) -> None:
        case, result = self.get_case(), self.get_result()
        if case is None or result is None:
            self.message(tr("register.title"), tr("register.no_result"))
            return

        def job(reg: Any) -> Any:
            from ber.register import cumulative_with_cases

            return cumulative_with_cases(result, case, reg)  # with the cases a report embeds

        self.cumulative_case_sha = case.sha256()
        self.run(job, self.show_cumulative)

    def cumulative_for(self, case: Case) -> Any:
        """The computed cumulative view when it belongs to this case, else None."""
        return self.cumulative if self.cumulative_case_sha == case.sha256() else None

    def show_cumulative(self, cum: Any) -> None:
        self.cumulative = cum
        refs = ", ".join(cum.other_references) or tr("register.cum_none")
        self.label_cumulative.setText(tr("register.cum_intro", year=cum.full_operation_year, references=refs))
        cumulative_model(self.cum_model, cum)
        self.cum_table.resizeColumnsToContents()
        series = decisive_series(cum)
        if series is not None:
            self.chart.plot(series, cum.years)
            row = self.cum_model.row_of(f"{series.domain}/{series.municipality}")
            self.cum_table.selectRow(row)
        self.cumulativeReady.emit()

    def _plot_row(self, index: Any) -> None:
        if self.cumulative is None:
            return
        domain, code = self.cum_model.key_of(index.row()).split("/")
        self.chart.plot(self.cumulative.get(domain, code), self.cumulative.years)


def register_current(
    case: Case | None,
    result: Assessment | None,
    parent: QWidget | None,
    *,
    view: RegisterView | None = None,
    officer: str = "",
    on_done: Callable[[Any], None] | None = None,
) -> None:
    """Ask status and reference, then register ``case`` with ``result`` (worker thread).

    ``view``: an open register window to use (it refreshes afterwards); otherwise a
    register window is opened for it.
    """
    if case is None or result is None:
        show_message(parent, tr("register.add_title"), tr("register.no_result"))
        return
    if view is None:
        view = RegisterView(lambda: case, lambda: result, officer=officer, parent=parent)
        view.show()
    answer = ask_registration(view, case, view.officer or officer)
    if answer is None:
        return
    who = who_of(answer["officer"] or view.officer)

    def add(reg: Any) -> Any:
        return reg.add(
            case,
            result,
            status=answer["status"],
            officer=answer["officer"],
            received=answer["received"],
            reference=answer["reference"],
            who=who,
        )

    def added(rc: Any) -> None:
        s = rc.summary
        view.outcome_label.setText(
            tr("register.added", reference=s.reference, status=status_text(s.status), version=s.version)
        )
        view.refresh(choices=True)
        if on_done is not None:
            on_done(rc)

    def when_open() -> None:
        if view.register is None and view.busy:
            QTimer.singleShot(50, when_open)  # the register is still being opened
        elif view.register is not None:
            view.run(add, added)

    when_open()


__all__ = ["RegisterView", "register_current", "register_url"]
