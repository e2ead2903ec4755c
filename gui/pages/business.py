"""Step 1, Bedrijf: the business, its jobs and ramp-up, and the file's meta data."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ber.case.validate import HORIZON_RANGE, MAX_FLOOR_AREA_M2, MAX_JOBS, SHIFTS_RANGE, START_YEAR_RANGE
from ber.case.validate_site import MAX_GRID_KVA
from ber.reference.data import ReferenceSet
from gui.binding import Binder, error_label
from gui.fields import NumberEdit, PowerEdit
from gui.pages.common import add_row, form_group, page_title
from gui.texts import language, tr

MAX_RAMP_YEARS = 15


class RampUpEditor(QWidget):
    """A row of percentages, one per year since the start (the last one continues).

    Each year is a :class:`NumberEdit` bound to ``business.ramp_up[i]``: "150" stays
    150 % and is marked with the allowed range, never clamped.
    """

    def __init__(self, binder: Binder, path: str = "business.ramp_up") -> None:
        super().__init__()
        self.setObjectName("edit_ramp_up")
        self.binder = binder
        self.path = path
        self.edits: list[NumberEdit] = []
        self.boxes: list[QWidget] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        self.row = QHBoxLayout()
        self.row.addStretch(1)
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
        """The fractions the case holds (what is typed wrongly is not in there)."""
        return [float(v) for v in self.binder.state.value(self.path)]

    def set_values(self, values: Any) -> None:
        values = list(values or [])
        while len(self.edits) > len(values):
            edit = self.edits.pop()
            box = self.boxes.pop()
            self.binder.unbind(edit)
            self.row.removeWidget(box)
            box.deleteLater()
        while len(self.edits) < len(values):
            i = len(self.edits)
            edit = NumberEdit(scale=100.0, low=0.0, high=100.0, unit="%")
            edit.setObjectName(f"edit_ramp_{i}")
            edit.setAccessibleName(tr("ramp.year", n=i + 1))
            edit.setMaximumWidth(70)
            box = QWidget()
            lay = QVBoxLayout(box)
            lay.setContentsMargins(0, 0, 0, 0)
            lay.setSpacing(1)
            top = QHBoxLayout()
            top.addWidget(QLabel(tr("ramp.year_prefix", n=i + 1).strip()))
            top.addWidget(edit)
            top.addWidget(QLabel("%"))
            lay.addLayout(top)
            message = error_label(box)
            message.setMaximumWidth(220)
            lay.addWidget(message)
            self.binder.number(edit, f"{self.path}[{i}]", message)
            self.row.insertWidget(i, box)
            self.edits.append(edit)
            self.boxes.append(box)
        for i, (edit, value) in enumerate(zip(self.edits, values, strict=True)):
            if f"{self.path}[{i}]" not in self.binder.typed and not edit.reads_as(value):
                edit.show_value(value, language())
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

        def number(edit: NumberEdit, path: str, key: str, obj: str) -> None:
            """A number row bound to ``path``: label and tooltip ``business.<key>`` (``_tip``)."""
            label, tip = tr(f"business.{key}"), tr(f"business.{key}_tip")
            binder.number(edit, path, add_row(form, label, edit, tip, obj, edit.unit))

        jobs = NumberEdit(
            optional=True,
            low=0,
            high=MAX_JOBS,
            unit=tr("unit.jobs", count=2),
            placeholder=tr("business.jobs_unknown"),
        )
        number(jobs, "business.jobs", "jobs", "edit_jobs")
        area = NumberEdit(
            optional=True, low=0, high=MAX_FLOOR_AREA_M2, unit="m²", placeholder=tr("business.area_unknown")
        )
        number(area, "business.floor_area_m2", "area", "edit_floor_area")
        grid = PowerEdit(
            optional=True, low=0, high=MAX_GRID_KVA, unit="kVA", placeholder=tr("business.grid_unknown")
        )
        number(grid, "business.grid_capacity_kva", "grid", "edit_grid_capacity")
        start = NumberEdit(integer=True, low=START_YEAR_RANGE[0], high=START_YEAR_RANGE[1], grouping=False)
        number(start, "business.start_year", "start_year", "edit_start_year")
        horizon = NumberEdit(
            integer=True, low=HORIZON_RANGE[0], high=HORIZON_RANGE[1], unit=tr("unit.years", count=2)
        )
        number(horizon, "business.horizon_years", "horizon", "edit_horizon")
        shifts = NumberEdit(
            integer=True, low=SHIFTS_RANGE[0], high=SHIFTS_RANGE[1], unit=tr("unit.shifts", count=2)
        )
        number(shifts, "business.shifts_per_day", "shifts", "edit_shifts")
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
