"""Step Afweging: the burdens beside the benefits, and the municipality's own weights.

The upper part shows the computed afweging of the last result (``result.afweging``):
every domain's verdict and coverage (from the domain registry, so a new domain appears
by itself), the benefits and the liveability indicators per municipality. There is no
single score unless the municipality sets weights in the lower part; then the score,
the weights and the method are shown with it.

The weights (percent, together 100 %) per domain and per benefit, each benefit's target
(the value that gives full marks) and the regional labour reserve with its source are
:class:`NumberEdit` fields kept as typed; every edit commits the whole ``afweging``
object (one undo step), and the validation's messages (a negative weight, weights that
do not add up to 100 %, a weighted benefit without target) appear under the field.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from PySide6.QtWidgets import (
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ber.case.afweging import BENEFITS
from ber.engine.domains import domains
from ber.engine.result import Assessment
from ber.reference.data import load_reference
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, format_number, value_added_key
from ber.texts.messages import Problem
from ber.texts.verdicts import percent_floor
from gui.binding import Binder, error_label, typed_problem
from gui.fields import NumberEdit
from gui.pages.common import page_title
from gui.texts import language, tr

#: the weights are typed in percent; the case accepts fractions too (shown here x 100)
PERCENT = 100.0


def _report(key: str, **params: Any) -> str:
    """A text the report's afweging chapter shares with this page."""
    return text(f"report.afw.{key}", language(), **params)


def _table(name: str, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers))
    table.setObjectName(name)
    table.setHorizontalHeaderLabels(headers)
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


def _fill(table: QTableWidget, rows: list[list[str]]) -> None:
    table.setRowCount(len(rows))
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            table.setItem(r, c, QTableWidgetItem(value))
    table.resizeColumnsToContents()
    table.setMinimumHeight(min(60 + 30 * len(rows), 320))


class AfwegingPage(QWidget):
    def __init__(self, binder: Binder) -> None:
        super().__init__()
        self.setObjectName("page_afweging")
        self.binder = binder
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.afweging"), tr("afw.intro")))
        self.label_empty = QLabel(tr("afw.no_result"))
        self.label_empty.setObjectName("label_afweging_empty")
        lay.addWidget(self.label_empty)
        self.table_burdens = _table(
            "table_afweging_burdens", [_report(f"col.{k}") for k in ("domain", "verdict", "coverage")]
        )
        self.table_benefits = _table("table_afweging_benefits", [_report("col.criterion"), _report("col.value")])
        self.table_liveability = _table(
            "table_afweging_liveability",
            [
                _report(f"col.{k}")
                for k in ("municipality", "new", "before", "added", "after", "cap", "status")
            ],
        )
        self.label_unregistered = QLabel()
        self.label_unregistered.setObjectName("label_afweging_unregistered")
        self.label_score = QLabel()
        self.label_score.setObjectName("label_afweging_score")
        for w in (self.label_unregistered, self.label_score):
            w.setWordWrap(True)
        for title, widget in (
            ("burden_heading", self.table_burdens),
            ("benefit_heading", self.table_benefits),
            ("live_heading", self.table_liveability),
        ):
            lay.addWidget(QLabel(f"<b>{_report(title)}</b>"))
            lay.addWidget(widget)
        lay.addWidget(self.label_unregistered)
        lay.addWidget(self.label_score)
        lay.addWidget(self._inputs())
        lay.addStretch(1)

    # --- the inputs: labour reserve and weights ------------------------------------------

    def _edit(
        self, path: str, name: str, unit: str, grid: QGridLayout, row: int, col: int, accessible: str
    ) -> NumberEdit:
        edit = NumberEdit(optional=True, low=0.0, high=PERCENT if unit == "%" else None, unit=unit)
        edit.setObjectName(name)
        edit.setAccessibleName(accessible)
        edit.editingFinished.connect(self._commit)
        message = error_label()
        box = QVBoxLayout()
        line = QHBoxLayout()
        line.addWidget(edit, 1)
        line.addWidget(QLabel(unit))
        box.addLayout(line)
        box.addWidget(message)
        grid.addLayout(box, row, col)
        self.binder.custom(path, edit, partial(self._show, edit, path), message)
        self.edits[path] = edit
        self.messages[path] = message
        return edit

    def _inputs(self) -> QGroupBox:
        group = QGroupBox(tr("afw.inputs"))
        group.setObjectName("group_afweging_inputs")
        lay = QVBoxLayout(group)
        intro = QLabel(tr("afw.weights_intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        grid = QGridLayout()
        self.edits: dict[str, NumberEdit] = {}
        self.messages: dict[str, QLabel] = {}
        grid.addWidget(QLabel(f"<b>{_report('col.criterion')}</b>"), 0, 0)
        grid.addWidget(QLabel(f"<b>{_report('col.weight')} (%)</b>"), 0, 1)
        grid.addWidget(QLabel(f"<b>{_report('col.target')}</b>"), 0, 2)
        row = 1
        for d in domains():
            name = DOMAIN_LABELS[d.label][language()]
            grid.addWidget(QLabel(name), row, 0)
            path = f"afweging.weights.domains.{d.key}"
            self._edit(path, f"edit_weight_{d.key}", "%", grid, row, 1, tr("afw.weight_of", name=name))
            row += 1
        for key in BENEFITS:
            name = _report(f"ben.{key}")
            grid.addWidget(QLabel(name), row, 0)
            path = f"afweging.weights.benefits.{key}"
            self._edit(path, f"edit_weight_{key}", "%", grid, row, 1, tr("afw.weight_of", name=name))
            target = f"afweging.weights.benefit_targets.{key}"
            unit = tr(f"afw.target_unit.{key}")
            self._edit(target, f"edit_target_{key}", unit, grid, row, 2, tr("afw.target_of", name=name))
            row += 1
        lay.addLayout(grid)
        self.label_weights = error_label()
        self.label_weights.setObjectName("label_weights_message")
        self.binder.group("afweging.weights", self.label_weights)
        lay.addWidget(self.label_weights)
        reserve = QGridLayout()
        reserve.addWidget(QLabel(_report("ben.labour_reserve")), 0, 0)
        self._edit(
            "afweging.labour_reserve.value",
            "edit_labour_reserve",
            tr("afw.persons"),
            reserve,
            0,
            1,
            _report("ben.labour_reserve"),
        )
        self.edit_reserve_source = QLineEdit()
        self.edit_reserve_source.setObjectName("edit_labour_reserve_source")
        self.edit_reserve_source.setPlaceholderText(tr("afw.reserve_source"))
        self.edit_reserve_source.setAccessibleName(tr("afw.reserve_source"))
        self.edit_reserve_source.editingFinished.connect(self._commit)
        self.binder.custom(
            "afweging.labour_reserve.source",
            self.edit_reserve_source,
            lambda v: self.edit_reserve_source.setText(v or ""),
            None,
        )
        reserve.addWidget(self.edit_reserve_source, 0, 2)
        lay.addLayout(reserve)
        return group

    def _scale(self) -> float:
        weights = self.binder.state.case.afweging.weights
        return PERCENT / weights.scale() if weights is not None else 1.0

    def _show(self, edit: NumberEdit, path: str, value: Any) -> None:
        """Mirror the case into a field, unless what was typed already means it."""
        if path in self.binder.typed:
            return
        shown = (
            None
            if value is None
            else float(value) * (self._scale() if ".benefits." in path or ".domains." in path else 1.0)
        )
        if not edit.reads_as(shown):
            edit.show_value(shown, language())

    def _commit(self) -> None:
        """The whole ``afweging`` object from the fields (one undo step)."""
        typed: dict[str, Problem] = {}
        values: dict[str, float] = {}
        for path, edit in self.edits.items():
            code, value, _note = edit.read()
            if code:
                typed[path] = typed_problem(edit, code, path)
            elif value is not None:
                values[path] = float(value)

        def group(name: str) -> dict[str, float]:
            prefix = f"afweging.weights.{name}."
            return {p[len(prefix) :]: v for p, v in values.items() if p.startswith(prefix)}

        if typed:  # text that is no number: the case keeps its values, the field its text
            self.binder.commit_table(
                "afweging", self.binder.state.case.afweging.model_dump(mode="json"), typed
            )
            return
        weights = {
            "domains": group("domains"),
            "benefits": group("benefits"),
            "benefit_targets": group("benefit_targets"),
        }
        reserve_value = values.get("afweging.labour_reserve.value")
        source = self.edit_reserve_source.text().strip()
        reserve = None if reserve_value is None and not source else {"value": reserve_value, "source": source}
        doc = {"labour_reserve": reserve, "weights": weights if any(weights.values()) else None}
        self.binder.commit_table("afweging", doc, typed)

    # --- the result ---------------------------------------------------------------------

    def clear_result(self) -> None:
        self.label_empty.setVisible(True)
        for table in (self.table_burdens, self.table_benefits, self.table_liveability):
            table.setRowCount(0)
        self.label_unregistered.setText("")
        self.label_score.setText("")

    def show_result(self, result: Assessment) -> None:
        afw = result.afweging
        if afw is None:
            self.clear_result()
            return
        lang = language()
        self.label_empty.setVisible(False)

        def num(value: float | None, decimals: int = 0) -> str:
            return format_number(value, lang, decimals) if value is not None else _report("score_unknown")

        def pct(value: float | None) -> str:  # as every coverage: whole percent, rounded down
            return num(None) if value is None else percent_floor(value, lang)

        _fill(
            self.table_burdens,
            [
                [DOMAIN_LABELS[b.domain][lang], STATUS_LABELS[b.status][lang], pct(b.coverage)]
                for b in afw.burdens
            ],
        )
        b = afw.benefits
        rows = [
            [_report("ben.jobs"), _report("unit.jobs", n=num(b.jobs.central))],
            [_report("ben.migrant_jobs"), _report("unit.jobs", n=num(b.migrant_jobs.central))],
            [_report("ben.local_jobs"), _report("unit.jobs", n=num(b.local_jobs.central))],
            [
                _report("ben.jobs_per_ha"),
                _report("unknown_plot")
                if b.jobs_per_ha is None
                else _report("unit.jobs_per_ha", n=num(b.jobs_per_ha, 1)),
            ],
            [
                _report("ben.value_added_total"),
                _report(
                    "unit.million_euro",
                    n=num(b.value_added_total.central / 1e6, 1),
                    range=_report(
                        "range",
                        low=num(b.value_added_total.low / 1e6, 1),
                        high=num(b.value_added_total.high / 1e6, 1),
                    ),
                ),
            ],
        ]
        rows.insert(
            4,
            [
                _report("ben.value_added_per_job"),
                _report(
                    value_added_key(b.value_added_source).removeprefix("afw."),
                    n=num(b.value_added_per_job.central),
                    range=_report(
                        "range", low=num(b.value_added_per_job.low), high=num(b.value_added_per_job.high)
                    ),
                    year=b.value_added_year,
                    source=load_reference().citation(b.value_added_source, lang),
                ),
            ],
        )
        if b.labour_reserve is not None:
            rows.append([_report("ben.local_per_reserve"), pct(b.local_jobs_per_reserve)])
        _fill(self.table_benefits, rows)
        _fill(
            self.table_liveability,
            [
                [
                    m.municipality_name,
                    num(m.new_residents),
                    num(m.per_100_before, 2),
                    num(m.per_100_new, 2),
                    num(m.per_100_after, 2),
                    _report("no_cap") if m.cap_per_100 is None else num(m.cap_per_100, 2),
                    _report(f"status.{m.status or 'none'}"),
                ]
                for m in afw.liveability.municipalities
            ],
        )
        u = afw.liveability.unregistered_total
        self.label_unregistered.setText(
            tr("afw.unregistered", persons=num(u.central), low=num(u.low), high=num(u.high))
        )
        w = afw.weighting
        if w is None:
            self.label_score.setText(_report("no_weights"))
        else:
            score = _report("score_unknown") if w.score is None else num(w.score, 2)
            self.label_score.setText(
                _report("weight_method")
                + "\n"
                + _report("weight_score", score=score, known=pct(w.known_weight))
            )
