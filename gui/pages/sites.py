"""Step 3, Locaties: candidate sites (name, coordinates, CRS, municipality, chosen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QDoubleSpinBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from gui.binding import Binder, error_label
from gui.pages.common import page_title
from gui.texts import tr

CRS_ITEMS = (("EPSG:28992", "crs.rd"), ("EPSG:4326", "crs.wgs84"))
COLUMNS = ("col.chosen", "col.site", "col.x", "col.y", "col.crs", "col.host")


class SitesPage(QWidget):
    """The sites table; every edit replaces the case's site list in one undo step."""

    importRequested = Signal(str)
    mapPickRequested = Signal()

    def __init__(self, binder: Binder, municipalities: Callable[[], list[tuple[str, str]]]) -> None:
        super().__init__()
        self.setObjectName("page_sites")
        self.binder = binder
        self.municipalities = municipalities
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.sites"), tr("sites.intro")))
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("table_sites")
        self.table.setAccessibleName(tr("step.sites"))
        self.table.setHorizontalHeaderLabels([tr(c) for c in COLUMNS])
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setMinimumHeight(220)
        self.table.setTabKeyNavigation(False)
        lay.addWidget(self.table)
        self.chosen_group = QButtonGroup(self)
        self.chosen_group.setExclusive(True)

        buttons = QHBoxLayout()
        self.button_add = QPushButton(tr("sites.add"))
        self.button_add.setObjectName("button_site_add")
        self.button_add.setToolTip(tr("sites.add_tip"))
        self.button_remove = QPushButton(tr("sites.remove"))
        self.button_remove.setObjectName("button_site_remove")
        self.button_import = QPushButton(tr("sites.import"))
        self.button_import.setObjectName("button_site_import")
        self.button_import.setToolTip(tr("sites.import_tip"))
        self.button_map = QPushButton(tr("sites.from_map"))
        self.button_map.setObjectName("button_site_map")
        self.button_map.setToolTip(tr("sites.from_map_tip"))
        for b in (self.button_add, self.button_remove, self.button_import, self.button_map):
            buttons.addWidget(b)
        buttons.addStretch(1)
        lay.addLayout(buttons)
        self.message = error_label(self)
        self.message.setObjectName("message_sites")
        lay.addWidget(self.message)
        lay.addStretch(1)
        self.button_add.clicked.connect(self.add_site)
        self.button_remove.clicked.connect(self.remove_site)
        self.button_import.clicked.connect(self._ask_import)
        self.button_map.clicked.connect(self.mapPickRequested.emit)
        binder.custom("sites", self.table, self.set_sites, self.message)

    # --- state -> rows ------------------------------------------------------------

    def set_sites(self, sites: Any) -> None:
        sites = list(sites or [])
        keys = ("name", "x", "y", "crs", "municipality", "chosen")
        if (
            self.table.rowCount() == len(sites)
            and [{k: s.get(k) for k in keys} for s in sites] == self.sites()
        ):
            return  # the table already shows this (the edit came from here): keep focus
        self.table.setRowCount(0)
        for button in self.chosen_group.buttons():
            self.chosen_group.removeButton(button)
        choices = self.municipalities()
        for i, site in enumerate(sites):
            self.table.insertRow(i)
            radio = QRadioButton()
            radio.setAccessibleName(tr("col.chosen"))
            radio.setChecked(bool(site.get("chosen")) or (len(sites) == 1))
            self.chosen_group.addButton(radio, i)
            radio.toggled.connect(lambda on: self._commit() if on else None)
            holder = QWidget()
            hl = QHBoxLayout(holder)
            hl.setContentsMargins(8, 0, 0, 0)
            hl.addWidget(radio)
            self.table.setCellWidget(i, 0, holder)
            name = QLineEdit(site.get("name", ""))
            name.setAccessibleName(tr("col.site"))
            name.editingFinished.connect(self._commit)
            self.table.setCellWidget(i, 1, name)
            crs = site.get("crs", "EPSG:28992")
            for col, key in ((2, "x"), (3, "y")):
                spin = QDoubleSpinBox()
                spin.setKeyboardTracking(False)
                if crs == "EPSG:4326":
                    spin.setRange(-180.0, 180.0)
                    spin.setDecimals(6)
                    spin.setSuffix(" °")
                else:
                    spin.setRange(-1.0, 700_000.0)
                    spin.setDecimals(0)
                    spin.setSuffix(" m")
                    spin.setGroupSeparatorShown(True)
                spin.setSpecialValueText("–")
                value = site.get(key)
                spin.setValue(spin.minimum() if value is None else float(value))
                spin.setAccessibleName(tr(f"col.{key}"))
                spin.valueChanged.connect(lambda _v: self._commit())
                self.table.setCellWidget(i, col, spin)
            combo = QComboBox()
            combo.setAccessibleName(tr("col.crs"))
            for code, label in CRS_ITEMS:
                combo.addItem(tr(label), code)
            combo.setCurrentIndex(max(0, combo.findData(crs)))
            combo.currentIndexChanged.connect(lambda _i, row=i: self._crs_changed(row))
            self.table.setCellWidget(i, 4, combo)
            host = QComboBox()
            host.setAccessibleName(tr("col.host"))
            host.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            host.setMinimumContentsLength(22)
            host.addItem(tr("sites.host_auto"), None)
            for code, label in choices:
                host.addItem(f"{label} ({code})", code)
            muni = site.get("municipality")
            if muni is not None and host.findData(muni) < 0:
                host.addItem(muni, muni)
            host.setCurrentIndex(max(0, host.findData(muni)) if muni else 0)
            host.currentIndexChanged.connect(lambda _i: self._commit())
            self.table.setCellWidget(i, 5, host)
        self.button_remove.setEnabled(len(sites) > 1)

    # --- rows -> state ------------------------------------------------------------

    def sites(self) -> list[dict[str, Any]]:
        out = []
        checked = self.chosen_group.checkedId()
        for r in range(self.table.rowCount()):
            name = self.table.cellWidget(r, 1)
            x = self.table.cellWidget(r, 2)
            y = self.table.cellWidget(r, 3)
            crs = self.table.cellWidget(r, 4)
            host = self.table.cellWidget(r, 5)
            assert (
                isinstance(name, QLineEdit)
                and isinstance(x, QDoubleSpinBox)
                and isinstance(y, QDoubleSpinBox)
            )
            assert isinstance(crs, QComboBox) and isinstance(host, QComboBox)
            out.append(
                {
                    "name": name.text(),
                    "x": None if x.value() <= x.minimum() else x.value(),
                    "y": None if y.value() <= y.minimum() else y.value(),
                    "crs": crs.currentData(),
                    "municipality": host.currentData(),
                    "chosen": r == checked,
                }
            )
        return out

    def _crs_changed(self, row: int) -> None:
        """Switching RD <-> WGS84 converts the coordinates, so the point stays where it is."""
        sites = self.sites()
        old = self.binder.state.case.sites[row] if row < len(self.binder.state.case.sites) else None
        new = sites[row]
        if old is not None and old.x is not None and old.y is not None and old.crs != new["crs"]:
            from ber.engine.geometry import from_rd, to_rd

            x, y = to_rd(old.x, old.y, old.crs)
            if new["crs"] != "EPSG:28992":
                x, y = from_rd(x, y, new["crs"])
            new["x"], new["y"] = round(x, 6), round(y, 6)
            if new["crs"] == "EPSG:28992":
                new["x"], new["y"] = round(x), round(y)
        self.binder.commit("sites", sites)

    def _commit(self) -> None:
        self.binder.commit("sites", self.sites())

    def add_site(self, x: float | None = None, y: float | None = None, name: str = "") -> None:
        sites = self.sites()
        if x is None or y is None:
            # a new row next to the chosen site, for the user to adjust
            base = next((s for s in sites if s["chosen"]), sites[0] if sites else None)
            x = (base or {}).get("x") or 155_000.0
            y = (base or {}).get("y") or 463_000.0
            crs = (base or {}).get("crs") or "EPSG:28992"
        else:
            crs = "EPSG:28992"
        sites.append(
            {
                "name": name or tr("sites.new_name", n=len(sites) + 1),
                "x": x,
                "y": y,
                "crs": crs,
                "municipality": None,
                "chosen": not sites,
            }
        )
        self.binder.commit("sites", sites)

    def remove_site(self) -> None:
        sites = self.sites()
        if len(sites) <= 1:
            return
        row = self.table.currentRow()
        if not 0 <= row < len(sites):
            row = len(sites) - 1
        removed = sites.pop(row)
        if removed["chosen"]:
            sites[0]["chosen"] = True
        self.binder.commit("sites", sites)

    def _ask_import(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, tr("sites.import"), "", tr("sites.import_filter"))
        if path:
            self.importRequested.emit(path)

    def select_site(self, name: str) -> None:
        for r in range(self.table.rowCount()):
            w = self.table.cellWidget(r, 1)
            if isinstance(w, QLineEdit) and w.text() == name:
                self.table.selectRow(r)
                return
