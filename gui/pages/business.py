"""Step 1, Bedrijf: the business, its jobs and ramp-up, and the file's meta data."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ber.case.validate import HORIZON_RANGE, SHIFTS_RANGE, START_YEAR_RANGE
from ber.reference.data import ReferenceSet
from gui.binding import Binder, error_label, number_spin, percent_spin
from gui.pages.common import add_row, form_group, page_title
from gui.texts import counted_suffix, language, tr

MAX_RAMP_YEARS = 15


class RampUpEditor(QWidget):
    """A row of percentages, one per year since the start (the last one continues)."""

    def __init__(self, binder: Binder, path: str = "business.ramp_up") -> None:
        super().__init__()
        self.setObjectName("edit_ramp_up")
        self.binder = binder
        self.path = path
        self.spins: list[Any] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.row = QHBoxLayout()
        outer.addLayout(self.row)
        buttons = QHBoxLayout()
        self.add_button = QPushButton(tr("ramp.add"))
        self.add_button.setObjectName("button_ramp_add")
        self.remove_button = QPushButton(tr("ramp.remove"))
        self.remove_button.setObjectName("button_ramp_remove")
        self.add_button.clicked.connect(self._add_year)
        self.remove_button.clicked.connect(self._remove_year)
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        outer.addLayout(buttons)
        self.message = error_label(self)
        outer.addWidget(self.message)
        binder.custom(path, self, self.set_values, self.message)

    def values(self) -> list[float]:
        return [round(s.value() / 100.0, 10) for s in self.spins]

    def set_values(self, values: Any) -> None:
        values = list(values or [])
        while len(self.spins) > len(values):
            spin = self.spins.pop()
            self.row.removeWidget(spin)
            spin.deleteLater()
        while len(self.spins) < len(values):
            spin = percent_spin(0.0, 100.0, 0)
            i = len(self.spins)
            spin.setObjectName(f"spin_ramp_{i}")
            spin.setAccessibleName(tr("ramp.year", n=i + 1))
            spin.setPrefix(tr("ramp.year_prefix", n=i + 1))
            spin.valueChanged.connect(lambda _v: self.binder.commit(self.path, self.values()))
            self.row.insertWidget(i, spin)
            self.spins.append(spin)
        for spin, value in zip(self.spins, values, strict=True):
            spin.blockSignals(True)
            spin.setValue(float(value) * 100.0)
            spin.blockSignals(False)
        self.remove_button.setEnabled(len(values) > 1)
        self.add_button.setEnabled(len(values) < MAX_RAMP_YEARS)

    def _add_year(self) -> None:
        values = self.values()
        self.binder.commit(self.path, [*values, values[-1] if values else 1.0])

    def _remove_year(self) -> None:
        values = self.values()
        if len(values) > 1:
            self.binder.commit(self.path, values[:-1])


class BusinessPage(QWidget):
    def __init__(self, binder: Binder, ref: ReferenceSet) -> None:
        super().__init__()
        self.setObjectName("page_business")
        lang = language()
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.business"), tr("business.intro")))

        group, form = form_group(tr("business.group"))
        name = QLineEdit()
        binder.line(
            name,
            "business.name",
            add_row(form, tr("business.name"), name, tr("business.name_tip"), "edit_business_name"),
        )
        sector = QComboBox()
        for key, s in ref.sectors.items():
            sector.addItem(s.label(lang), key)
            sector.setItemData(
                sector.count() - 1,
                tr(
                    "business.sector_item_tip",
                    share=f"{s.migrant_share * 100:.0f}",
                    low=f"{s.migrant_share_low * 100:.0f}",
                    high=f"{s.migrant_share_high * 100:.0f}",
                    m2=f"{s.m2_per_job:g}",
                    source=ref.citation(s.migrant_share_source, lang),
                ),
                3,  # Qt.ToolTipRole
            )
        binder.combo(
            sector,
            "business.sector",
            add_row(form, tr("business.sector"), sector, tr("business.sector_tip"), "combo_sector"),
        )
        jobs = number_spin(-1, 100_000, tr("unit.jobs"))
        counted_suffix(jobs, "unit.jobs")
        jobs.setSpecialValueText(tr("business.jobs_unknown"))
        binder.spin(
            jobs,
            "business.jobs",
            add_row(form, tr("business.jobs"), jobs, tr("business.jobs_tip"), "spin_jobs"),
            optional=True,
        )
        area = number_spin(-1, 5_000_000, "m²")
        area.setSingleStep(1000)
        area.setSpecialValueText(tr("business.area_unknown"))
        binder.spin(
            area,
            "business.floor_area_m2",
            add_row(form, tr("business.area"), area, tr("business.area_tip"), "spin_floor_area"),
            optional=True,
        )
        start = QSpinBox()
        start.setRange(*START_YEAR_RANGE)
        binder.spin(
            start,
            "business.start_year",
            add_row(form, tr("business.start_year"), start, tr("business.start_year_tip"), "spin_start_year"),
        )
        horizon = QSpinBox()
        horizon.setRange(*HORIZON_RANGE)
        counted_suffix(horizon, "unit.years")
        binder.spin(
            horizon,
            "business.horizon_years",
            add_row(form, tr("business.horizon"), horizon, tr("business.horizon_tip"), "spin_horizon"),
        )
        shifts = QSpinBox()
        shifts.setRange(*SHIFTS_RANGE)
        counted_suffix(shifts, "unit.shifts")
        binder.spin(
            shifts,
            "business.shifts_per_day",
            add_row(form, tr("business.shifts"), shifts, tr("business.shifts_tip"), "spin_shifts"),
        )
        lay.addWidget(group)

        ramp_group, ramp_form = form_group(tr("ramp.group"))
        ramp = RampUpEditor(binder)
        ramp.setToolTip(tr("ramp.tip"))
        ramp_form.addRow(QLabel(tr("ramp.label")), ramp)
        lay.addWidget(ramp_group)

        meta_group, meta_form = form_group(tr("meta.group"))
        for key, obj in (
            ("title", "edit_meta_title"),
            ("reference", "edit_meta_reference"),
            ("officer", "edit_meta_officer"),
            ("date", "edit_meta_date"),
        ):
            edit = QLineEdit()
            binder.line(
                edit, f"meta.{key}", add_row(meta_form, tr(f"meta.{key}"), edit, tr(f"meta.{key}_tip"), obj)
            )
        lay.addWidget(meta_group)
        lay.addStretch(1)
