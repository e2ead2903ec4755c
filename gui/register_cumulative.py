"""The register window's tab *Cumulatief*: the current case on top of the registered cases.

``CumulativeTab`` is mixed into ``gui.register_view.RegisterView``: it builds the tab
(button, table, chart) and computes the cumulative view on the register's worker
thread, with the counted cases a PDF report embeds (``cumulative_with_cases``).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QPushButton, QTableView, QVBoxLayout, QWidget

from ber.case.model import Case
from ber.engine.result import Assessment
from gui.models import CellTableModel
from gui.register_models import CumulativeChart, cumulative_model, decisive_series, placeholder
from gui.texts import tr


class CumulativeTab:
    """The cumulative tab of the register window (a mixin of ``RegisterView``)."""

    # provided by the register window
    get_case: Callable[[], Case | None]
    get_result: Callable[[], Assessment | None]
    cumulative: Any
    cumulative_case_sha: str
    cumulativeReady: Any

    def run(self, fn: Callable[[Any], Any], on_done: Callable[[Any], None]) -> None:
        raise NotImplementedError

    def message(self, title: str, text: str) -> None:
        raise NotImplementedError

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
