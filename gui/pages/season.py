"""The monthly workforce profile on the Personeel page (issue 17, the seasonal peak).

Off: the sector's default profile (shown, not editable). On: twelve numbers the
applicant gives, bound to ``business.monthly_profile[i]``; a factor or a head count per
month, the mean of the twelve counts as the declared jobs. A small bar chart shows the
months as a percentage of the year average, the peak month in the accent colour.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent
from PySide6.QtWidgets import QCheckBox, QGridLayout, QLabel, QVBoxLayout, QWidget

from ber.case.validate import MAX_MONTH_VALUE, MONTHS
from ber.engine.season import normalised
from ber.reference.data import ReferenceSet
from ber.texts.catalogue import text
from ber.texts.labels import format_number
from gui.binding import Binder, error_label
from gui.fields import NumberEdit
from gui.texts import language, tr

PATH = "business.monthly_profile"


def month_name(month: int) -> str:
    """Month 1-12 in the interface language."""
    return text(f"label.month.{month}", "en" if language() == "en" else "nl")


class ProfileChart(QWidget):
    """Twelve bars: each month as a percentage of the year average (100 % drawn as a line)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("chart_monthly_profile")
        self.setAccessibleName(tr("season.chart"))
        self.setMinimumHeight(90)
        self.factors: tuple[float, ...] = (1.0,) * MONTHS

    def show_factors(self, factors: tuple[float, ...]) -> None:
        self.factors = factors
        self.update()

    def paintEvent(self, _event: QPaintEvent) -> None:
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        w, h = float(self.width()), float(self.height())
        top = max(max(self.factors), 1.0) * 1.1
        slot = w / MONTHS
        peak = max(self.factors)
        base = h - 14.0
        for i, f in enumerate(self.factors):
            bar = base * f / top
            colour = QColor("#c0392b") if abs(f - peak) < 1e-12 else QColor("#1f4e79")
            p.fillRect(QRectF(i * slot + 2, base - bar, slot - 4, bar), colour)
            p.setPen(QColor("#333"))
            p.drawText(QRectF(i * slot, base, slot, 14), Qt.AlignmentFlag.AlignCenter, month_name(i + 1)[:3])
        p.setPen(QColor("#777"))
        y = base - base / top
        p.drawLine(0, int(y), int(w), int(y))  # the year average (100 %)
        p.end()


class ProfileEditor(QWidget):
    """Own profile on/off, twelve month fields, the peak month and the chart."""

    def __init__(self, binder: Binder, ref: ReferenceSet) -> None:
        super().__init__()
        self.setObjectName("edit_monthly_profile")
        self.binder = binder
        self.ref = ref
        lay = QVBoxLayout(self)
        lay.setContentsMargins(0, 0, 0, 0)
        self.own = QCheckBox(tr("season.own"))
        self.own.setObjectName("check_own_profile")
        self.own.setToolTip(tr("season.own_tip"))
        lay.addWidget(self.own)
        unit = QLabel(tr("season.unit"))  # the unit of the twelve fields
        unit.setObjectName("label_season_unit")
        unit.setWordWrap(True)
        unit.setStyleSheet("color: #555;")
        lay.addWidget(unit)
        grid = QGridLayout()
        self.edits: list[NumberEdit] = []
        for i in range(MONTHS):
            edit = NumberEdit(low=0.0, high=MAX_MONTH_VALUE)
            edit.setObjectName(f"edit_month_{i}")
            edit.setAccessibleName(tr("season.month", month=month_name(i + 1)))
            edit.setMaximumWidth(80)
            box = QWidget()
            col = QVBoxLayout(box)
            col.setContentsMargins(0, 0, 0, 0)
            col.setSpacing(1)
            col.addWidget(QLabel(month_name(i + 1)))
            col.addWidget(edit)
            message = error_label(box)
            message.setMaximumWidth(160)
            col.addWidget(message)
            binder.number(edit, f"{PATH}[{i}]", message)
            grid.addWidget(box, i // 6, i % 6)
            self.edits.append(edit)
        lay.addLayout(grid)
        self.peak = QLabel()
        self.peak.setObjectName("label_season_peak")
        self.peak.setWordWrap(True)
        lay.addWidget(self.peak)
        self.chart = ProfileChart()
        lay.addWidget(self.chart)
        self.message = error_label(self)
        self.message.setObjectName("message_monthly_profile")
        lay.addWidget(self.message)
        self.own.toggled.connect(self._toggle)
        binder.custom(PATH, self, self.set_values, self.message)

    def _sector_profile(self) -> tuple[float, ...]:
        sector = self.ref.sectors.get(self.binder.state.case.business.sector)
        return sector.monthly_profile if sector is not None else (1.0,) * MONTHS

    def _toggle(self, on: bool) -> None:
        current = self.binder.state.case.business.monthly_profile
        if on and current is None:
            self.binder.commit(PATH, list(self._sector_profile()))
        elif not on and current is not None:
            self.binder.commit(PATH, None)

    def set_values(self, values: Any) -> None:
        own = values is not None
        if self.own.isChecked() != own:
            self.own.blockSignals(True)
            self.own.setChecked(own)
            self.own.blockSignals(False)
        shown = list(values) if own else list(self._sector_profile())
        for i, edit in enumerate(self.edits):
            edit.setEnabled(own)
            keep_typed = own and f"{PATH}[{i}]" in self.binder.typed
            if not keep_typed and i < len(shown) and not edit.reads_as(shown[i]):
                edit.show_value(float(shown[i]), language())
        self._show_peak(shown)

    def _show_peak(self, values: list[float]) -> None:
        lang = language()
        if len(values) != MONTHS or min(values) < 0 or sum(values) <= 0:
            self.peak.setText("")
            return
        factors = normalised(values)
        peak = max(factors)
        month = factors.index(peak) + 1
        line = tr("season.peak", month=month_name(month), factor=format_number(peak * 100, lang, 0))
        jobs = self.binder.state.case.business.jobs
        if jobs is not None:
            line += " " + tr("season.peak_jobs", jobs=format_number(jobs * peak, lang, 0))
        self.peak.setText(line)
        self.chart.show_factors(factors)
