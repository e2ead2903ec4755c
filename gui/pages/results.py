"""Step 5, Resultaten: verdict, traffic lights, key figures, measures, chart, Monte Carlo."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.engine.verdict import unjudged
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS
from ber.texts.messages import Lang
from gui.charts import DemandChart
from gui.checks_table import figures_note, policy_rows
from gui.models import (
    Cell,
    CellTableModel,
    key_figures_table,
    mitigation_table,
    traffic_light_table,
    verdict_table,
)
from gui.pages.common import WrappingHeader, notes_label, page_title, show_all_rows
from gui.texts import language, tr


def table_view(name: str, model: CellTableModel, stretch: bool | str = True) -> QTableView:
    """A read-only table; ``stretch``: True all columns share the width, False fit contents,
    "first" the first column (the domain or criterion) fits its contents, so its labels are
    never cut, and the others share the rest of the width."""
    view = QTableView()
    view.setObjectName(name)
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.setAlternatingRowColors(False)
    view.setWordWrap(True)
    header = WrappingHeader(view)
    view.setHorizontalHeader(header)
    header.setSectionResizeMode(
        QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.ResizeToContents
    )
    if stretch == "first":
        # the sections exist only once the model has columns: set the mode when they come
        def fit_first(_old: int, new: int) -> None:
            if new > 0:
                header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)

        header.sectionCountChanged.connect(fit_first)
        fit_first(0, header.count())
    view.verticalHeader().setVisible(False)
    view.verticalHeader().setMinimumSectionSize(26)
    # rows follow the wrapped text whenever the column widths change
    header.sectionResized.connect(lambda *_args: view.resizeRowsToContents())
    model.modelReset.connect(view.resizeRowsToContents)
    return view


class ResultsPage(QWidget):
    """Shows the last assessment; emits ``municipalitySelected`` when a row is chosen."""

    municipalitySelected = Signal(str)
    monteCarloRequested = Signal()
    cancelRequested = Signal()

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_results")
        self.result: Assessment | None = None
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.results"), tr("results.intro")))
        self.label_summary = QLabel(tr("results.none"))
        self.label_summary.setObjectName("label_results_summary")
        self.label_summary.setWordWrap(True)
        lay.addWidget(self.label_summary)
        self.label_region_notes = notes_label("label_results_region_notes")
        lay.addWidget(self.label_region_notes)

        mc = QHBoxLayout()
        self.button_mc = QPushButton(tr("results.mc"))
        self.button_mc.setObjectName("button_monte_carlo")
        self.button_mc.setToolTip(tr("results.mc_tip"))
        self.button_mc.clicked.connect(self.monteCarloRequested.emit)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress_monte_carlo")
        self.progress.setAccessibleName(tr("results.mc"))
        self.progress.setVisible(False)
        self.button_cancel = QPushButton(tr("button.cancel"))
        self.button_cancel.setObjectName("button_monte_carlo_cancel")
        self.button_cancel.setVisible(False)
        self.button_cancel.clicked.connect(self.cancelRequested.emit)
        self.label_mc = QLabel()
        self.label_mc.setObjectName("label_monte_carlo")
        mc.addWidget(self.button_mc)
        mc.addWidget(self.progress, 1)
        mc.addWidget(self.button_cancel)
        mc.addWidget(self.label_mc, 1)
        lay.addLayout(mc)

        top = QHBoxLayout()
        verdict_box = QGroupBox(tr("results.verdict"))
        vl = QVBoxLayout(verdict_box)
        self.verdict_model = CellTableModel()
        self.verdict_view = table_view("table_verdict", self.verdict_model, "first")
        # the verdict word ("? onbekend") on one line: its column fits its contents too
        verdict_header = self.verdict_view.horizontalHeader()

        def fit_verdict(_old: int, new: int) -> None:
            if new > 1:
                verdict_header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

        verdict_header.sectionCountChanged.connect(fit_verdict)
        self.verdict_view.setMinimumHeight(215)
        vl.addWidget(self.verdict_view)
        top.addWidget(verdict_box, 3)
        fig_box = QGroupBox(tr("results.key_figures"))
        fl = QVBoxLayout(fig_box)
        self.figures_model = CellTableModel()
        self.figures_view = table_view("table_key_figures", self.figures_model, "first")
        fl.addWidget(self.figures_view)
        top.addWidget(fig_box, 3)
        lay.addLayout(top)

        tl_box = QGroupBox(tr("results.traffic"))
        tl = QVBoxLayout(tl_box)
        legend = QLabel(
            " · ".join(f"{STATUS_LABELS[s][language()]}" for s in ("green", "amber", "red", "grey"))
        )
        legend.setText(tr("results.legend"))
        legend.setWordWrap(True)
        tl.addWidget(legend)
        self.traffic_model = CellTableModel()
        self.traffic_view = table_view("table_traffic_light", self.traffic_model)
        self.traffic_view.setMinimumHeight(262)
        self.traffic_view.selectionModel().currentRowChanged.connect(self._row_changed)
        tl.addWidget(self.traffic_view)
        lay.addWidget(tl_box)

        checks_box = QGroupBox(tr("checks.group"))  # policy rules and stale capacity figures
        checks_box.setObjectName("group_policy_checks")
        kl = QVBoxLayout(checks_box)
        self.label_checks = QLabel(tr("checks.none"))
        self.label_checks.setObjectName("label_policy_checks")
        self.label_checks.setWordWrap(True)
        kl.addWidget(self.label_checks)
        self.checks_model = CellTableModel()
        self.checks_view = table_view("table_policy_checks", self.checks_model, True)
        self.checks_view.setAccessibleName(tr("checks.group"))
        kl.addWidget(self.checks_view)
        lay.addWidget(checks_box)

        site_box = QGroupBox(tr("results.site_group"))  # space and energy at the chosen site
        site_box.setObjectName("group_site_facts")
        sl = QVBoxLayout(site_box)
        self.site_model = CellTableModel()
        self.site_view = table_view("table_site_facts", self.site_model, "first")
        self.site_view.setAccessibleName(tr("results.site_group"))
        sl.addWidget(self.site_view)
        self.label_site_rules = QLabel()
        self.label_site_rules.setObjectName("label_site_rules")
        self.label_site_rules.setWordWrap(True)
        sl.addWidget(self.label_site_rules)
        lay.addWidget(site_box)

        bottom = QHBoxLayout()
        mit_box = QGroupBox(tr("results.mitigations"))
        ml = QVBoxLayout(mit_box)
        self.mitigation_model = CellTableModel()
        self.mitigation_view = table_view("table_mitigations", self.mitigation_model, "first")
        self.label_mitigation = QLabel()
        self.label_mitigation.setWordWrap(True)
        ml.addWidget(self.label_mitigation)
        ml.addWidget(self.mitigation_view)
        bottom.addWidget(mit_box, 2)
        chart_box = QGroupBox(tr("results.chart"))
        cl = QVBoxLayout(chart_box)
        row = QHBoxLayout()
        row.addWidget(QLabel(tr("results.chart_domain")))
        self.combo_domain = QComboBox()
        self.combo_domain.setObjectName("combo_chart_domain")
        self.combo_domain.setAccessibleName(tr("results.chart_domain"))
        for d in domain_keys():
            self.combo_domain.addItem(DOMAIN_LABELS[d][language()], d)
        self.combo_domain.currentIndexChanged.connect(lambda _i: self.update_chart())
        row.addWidget(self.combo_domain, 1)
        cl.addLayout(row)
        self.chart = DemandChart()
        cl.addWidget(self.chart)
        bottom.addWidget(chart_box, 3)
        lay.addLayout(bottom)
        self._selected: str | None = None

    # --- showing -----------------------------------------------------------------------

    def show_result(self, result: Assessment, max_age: int | None = None) -> None:
        """Show a result; ``max_age``: the months after which a capacity figure is stale
        (the case's override or the reference row; the reference row when not given)."""
        lang = language()
        if max_age is None:
            from ber.engine.checks import MAX_AGE_KEY
            from ber.reference.data import load_reference

            max_age = round(load_reference().value(MAX_AGE_KEY))
        self.result = result
        self.verdict_model.set_table(*verdict_table(result, lang))
        self.figures_model.set_table(*key_figures_table(result, lang))
        show_all_rows(self.figures_view)
        headers, rows, keys = traffic_light_table(result, lang)
        self.traffic_model.set_table(headers, rows, keys)
        self.mitigation_model.set_table(*mitigation_table(result, lang))
        self.checks_model.set_table(*policy_rows(result, lang))
        self.checks_view.setVisible(bool(result.policy_checks))
        notes = [figures_note(result, max_age)] + ([] if result.policy_checks else [tr("checks.none")])
        self.label_checks.setText("\n".join(n for n in notes if n))
        self.show_site_facts(result, lang)
        self.label_mitigation.setText(
            tr("results.mitigation_none") if not result.mitigations else tr("results.mitigation_intro")
        )
        self.label_summary.setText(headline(result, lang))
        if result.uncertainty:
            self.label_mc.setText(tr("results.mc_done", n=result.uncertainty.samples))
        else:
            self.label_mc.setText(tr("results.mc_none"))
        if self._selected and self.traffic_model.row_of(self._selected) >= 0:
            self.select_municipality(self._selected)
        self.update_chart()

    def show_site_facts(self, result: Assessment, lang: Lang) -> None:
        """Plot, jobs, grid need and capacity map at the chosen site, and the provincial rules."""
        from ber.io.site_rows import fact_rows, rule_notes, rule_rows
        from ber.reference.data import load_reference

        f = result.site_facts
        if f is None:
            self.site_model.set_table([], [])
            self.label_site_rules.setText("")
            return
        rows = [[Cell(label), Cell(value)] for label, value in fact_rows(f, lang)]
        self.site_model.set_table([tr("results.site_col_item"), tr("results.site_col_value")], rows)
        show_all_rows(self.site_view)
        lines = [", ".join(r) for r in rule_rows(f, lang)] + rule_notes(f, load_reference(), lang)
        self.label_site_rules.setText("\n".join(lines))

    def clear_result(self, reason: str) -> None:
        self.label_summary.setText(reason)

    def _row_changed(self, current: object, _previous: object) -> None:
        row = current.row() if hasattr(current, "row") else -1
        code = self.traffic_model.key_of(row)
        if code and code != self._selected:
            self._selected = code
            self.update_chart()
            self.municipalitySelected.emit(code)

    def select_municipality(self, code: str) -> None:
        row = self.traffic_model.row_of(code)
        if row < 0:
            return
        self._selected = code
        self.traffic_view.selectRow(row)
        self.update_chart()

    def update_chart(self) -> None:
        if self.result is None or not self.isVisible():
            return
        domain = self.combo_domain.currentData()
        code = (
            self._selected or self.result.verdict[domain].municipality or self.result.site.host_municipality
        )
        if code:
            self.chart.plot(self.result, domain, code)

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        self.update_chart()

    def set_busy(self, busy: bool) -> None:
        self.progress.setVisible(busy)
        self.button_cancel.setVisible(busy)
        self.button_mc.setEnabled(not busy)
        if busy:
            self.progress.setValue(0)

    def set_progress(self, fraction: float, _message: str = "") -> None:
        self.progress.setValue(int(fraction * 100))


def headline(result: Assessment, lang: Lang) -> str:
    """The results page's first sentence: exceedances, and never "nothing exceeded" while
    a domain cannot be judged (its demand lies mostly where capacity is unknown). A domain
    with no demand at all and no capacity (e.g. space without a plot area) is named apart:
    what it lacks is input, not a capacity figure."""

    def names(keys: list[str]) -> str:
        return ", ".join(DOMAIN_LABELS[d][lang].lower() for d in keys)

    red = [d for d in domain_keys() if result.verdict[d].status == "red"]
    grey, empty = unjudged(result)
    site, host = result.site.name, result.site.host_name
    tail = tr("results.summary_no_input_tail", domains=names(empty)) if empty else ""
    if red:
        return (
            tr("results.summary_red", site=site, host=host, domains=names(red))
            + (tr("results.summary_unknown_tail", domains=names(grey)) if grey else "")
            + tail
        )
    if grey:
        return tr("results.summary_unknown", site=site, host=host, domains=names(grey)) + tail
    partial = any(v.coverage is not None and v.coverage < 1.0 for v in result.verdict.values())
    return tr("results.summary_ok_partial" if partial else "results.summary_ok", site=site, host=host) + tail
