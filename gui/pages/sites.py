"""Step 3, Locaties: candidate sites (name, coordinates, CRS, municipality, chosen)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ber.case.validate import RD_X_RANGE, RD_Y_RANGE, WGS84_LAT_RANGE, WGS84_LON_RANGE
from ber.case.validate_site import MAX_PLOT_HA, MAX_SITE_FLOOR_M2
from ber.texts.messages import Problem
from gui.binding import Binder, error_label, read_marked
from gui.fields import NumberEdit, parse_point, searchable
from gui.pages.common import page_title
from gui.texts import language, tr

CRS_ITEMS = (("EPSG:28992", "crs.rd"), ("EPSG:4326", "crs.wgs84"))
COLUMNS = ("col.chosen", "col.site", "col.x", "col.y", "col.crs", "col.host", "col.lies_in")
#: the second table, space and energy per site (the site domains' inputs)
SPACE_COLUMNS = ("col.site", "col.plot_ha", "col.site_floor", "col.postcode", "col.grid_map")
#: its number cells: column, case key, unit, allowed range
SITE_NUMBERS = ((1, "plot_area_ha", "ha", MAX_PLOT_HA), (2, "floor_area_m2", "m²", MAX_SITE_FLOOR_M2))
COL_POSTCODE, COL_GRID = 3, 4
#: allowed coordinates per CRS (shown unit, low, high) for the messages
RANGES = {
    ("EPSG:4326", "x"): ("°", *WGS84_LON_RANGE),
    ("EPSG:4326", "y"): ("°", *WGS84_LAT_RANGE),
    ("EPSG:28992", "x"): ("m", *RD_X_RANGE),
    ("EPSG:28992", "y"): ("m", *RD_Y_RANGE),
}
Locator = Callable[[float, float], str | None]


def _table(
    columns: tuple[str, ...], name: str, title: str, stretch: tuple[int, ...], height: int
) -> QTableWidget:
    """A table of the sites: headers from ``columns``, sized to their contents but for the
    ``stretch`` columns; Tab moves the focus on instead of from cell to cell."""
    table = QTableWidget(0, len(columns))
    table.setObjectName(name)
    table.setAccessibleName(title)
    table.setHorizontalHeaderLabels([tr(c) for c in columns])
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    for col in stretch:
        header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
    table.setMinimumHeight(height)
    table.setTabKeyNavigation(False)
    return table


class SitesPage(QWidget):
    """The sites table; every edit replaces the case's site list in one undo step."""

    importRequested = Signal(str)
    mapPickRequested = Signal()
    #: 'Netcapaciteitskaart inlezen…' (``gui.grid_import`` reads, previews and applies it)
    gridImportRequested = Signal()

    def __init__(
        self,
        binder: Binder,
        municipalities: Callable[[], list[tuple[str, str]]],
        locator: Callable[[], Locator | None] = lambda: None,
    ) -> None:
        super().__init__()
        self.locator = locator
        self.setObjectName("page_sites")
        self.binder = binder
        self.municipalities = municipalities
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.sites"), tr("sites.intro")))
        self.table = _table(COLUMNS, "table_sites", tr("step.sites"), (1,), 220)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        lay.addWidget(self.table)
        self.space_table = _table(
            SPACE_COLUMNS, "table_site_space", tr("sites.space_title"), (0, COL_GRID), 150
        )
        space_label = QLabel(tr("sites.space_intro"))
        space_label.setWordWrap(True)
        lay.addWidget(space_label)
        lay.addWidget(self.space_table)
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
        self.button_grid = QPushButton(tr("action.import_grid"))
        self.button_grid.setObjectName("button_grid_import")
        self.button_grid.setToolTip(tr("action.import_grid_tip"))
        self.button_grid.clicked.connect(self.gridImportRequested.emit)
        for b in (self.button_add, self.button_remove, self.button_import, self.button_map, self.button_grid):
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
        keys = (
            "name",
            "x",
            "y",
            "crs",
            "municipality",
            "chosen",
            "plot_area_ha",
            "floor_area_m2",
            "postcode",
            "grid",
        )
        if (
            self.table.rowCount() == len(sites)
            and [{k: s.get(k) for k in keys} for s in sites] == self.sites()
        ):
            self.show_locations()  # the region may have changed
            from gui.grid_import import site_cell, site_cell_tip

            for r, site in enumerate(sites):  # a renamed site, a map read: the second table too
                for col, shown in ((0, site.get("name", "")), (COL_GRID, site_cell(site.get("grid")))):
                    item = self.space_table.item(r, col)
                    if item is not None:
                        item.setText(shown)
                        if col == COL_GRID:
                            item.setToolTip(site_cell_tip(site.get("grid")))
            return  # the table already shows this (the edit came from here): keep focus
        self.table.setRowCount(0)
        self.space_table.setRowCount(0)
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
                unit, low, high = RANGES.get((crs, key), ("", None, None))
                edit = NumberEdit(optional=True, low=low, high=high, unit=unit)
                edit.setPlaceholderText("–")
                edit.show_value(site.get(key), language())
                edit.setAccessibleName(tr(f"col.{key}"))
                edit.setToolTip(tr("sites.coordinate_tip"))
                edit.editingFinished.connect(self._commit)
                self.table.setCellWidget(i, col, edit)
            combo = QComboBox()
            combo.setAccessibleName(tr("col.crs"))
            for code, label in CRS_ITEMS:
                combo.addItem(tr(label), code)
            combo.setCurrentIndex(max(0, combo.findData(crs)))
            combo.currentIndexChanged.connect(lambda _i, row=i: self._crs_changed(row))
            self.table.setCellWidget(i, 4, combo)
            host = searchable(QComboBox())
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
            self._space_row(i, site)
        self.button_remove.setEnabled(len(sites) > 1)
        self.show_locations()

    def _space_row(self, i: int, site: Any) -> None:
        """Row ``i`` of the space-and-energy table: plot, floor area, postcode, capacity map."""
        self.space_table.insertRow(i)
        label = QTableWidgetItem(site.get("name", ""))
        label.setFlags(Qt.ItemFlag.ItemIsEnabled)
        self.space_table.setItem(i, 0, label)
        for col, key, unit, high in SITE_NUMBERS:
            number = NumberEdit(optional=True, low=0, high=high, unit=unit)
            number.setPlaceholderText("–")
            number.show_value(site.get(key), language())
            number.setAccessibleName(tr(SPACE_COLUMNS[col]))
            number.setToolTip(tr(f"sites.{key}_tip"))
            number.editingFinished.connect(self._commit)
            self.space_table.setCellWidget(i, col, number)
        postcode = QLineEdit(site.get("postcode") or "")
        postcode.setPlaceholderText(tr("sites.postcode_placeholder"))
        postcode.setAccessibleName(tr(SPACE_COLUMNS[COL_POSTCODE]))
        postcode.setToolTip(tr("sites.postcode_tip"))
        postcode.editingFinished.connect(self._commit)
        self.space_table.setCellWidget(i, COL_POSTCODE, postcode)
        from gui.grid_import import site_cell, site_cell_tip

        item = QTableWidgetItem(site_cell(site.get("grid")))
        item.setFlags(Qt.ItemFlag.ItemIsEnabled)
        item.setToolTip(site_cell_tip(site.get("grid")))
        self.space_table.setItem(i, COL_GRID, item)

    def show_locations(self) -> None:
        """The municipality each site lies in (point in polygon of the built-in national data),
        with a warning when it differs from the chosen one or lies outside the region."""
        locate = self.locator()
        names = dict(self.municipalities())
        case = self.binder.state.case
        region = set(case.region.municipalities) if case.region.municipalities is not None else None
        for r, site in enumerate(case.sites[: self.table.rowCount()]):
            text, warning = self._location_text(site, locate, names, region)
            item = QTableWidgetItem(("⚠ " if warning else "") + text)
            item.setFlags(Qt.ItemFlag.ItemIsEnabled)
            item.setToolTip(warning or text)
            if warning:
                item.setForeground(QColor("#8a5a00"))
            self.table.setItem(r, 6, item)

    @staticmethod
    def _location_text(
        site: Any, locate: Locator | None, names: dict[str, str], region: set[str] | None
    ) -> tuple[str, str]:
        if site.x is None or site.y is None or locate is None:
            return "–", ""
        from ber.engine.geometry import to_rd

        try:
            code = locate(*to_rd(site.x, site.y, site.crs))
        except (ValueError, KeyError):
            return "–", ""
        if code is None:
            return tr("sites.nowhere"), tr("sites.nowhere_tip")
        name = names.get(code, code)
        if site.municipality is not None and site.municipality != code:
            return name, tr(
                "sites.other_host", name=name, host=names.get(site.municipality, site.municipality)
            )
        if region is not None and code not in region:
            return name, tr("sites.outside_region", name=name)
        return name, ""

    # --- rows -> state ------------------------------------------------------------

    def sites(self, typed: dict[str, Problem] | None = None) -> list[dict[str, Any]]:
        """The rows as the case holds them; cells typed wrongly go to ``typed``."""
        typed = {} if typed is None else typed
        out = []
        checked = self.chosen_group.checkedId()
        for r in range(self.table.rowCount()):
            name = self.table.cellWidget(r, 1)
            x = self.table.cellWidget(r, 2)
            y = self.table.cellWidget(r, 3)
            crs = self.table.cellWidget(r, 4)
            host = self.table.cellWidget(r, 5)
            assert isinstance(name, QLineEdit) and isinstance(x, NumberEdit) and isinstance(y, NumberEdit)
            assert isinstance(crs, QComboBox) and isinstance(host, QComboBox)
            held = self.binder.state.case.sites[r] if r < len(self.binder.state.case.sites) else None
            xv, yv = self._coordinates(x, y, str(crs.currentData()), held, f"sites[{r}]", typed)
            row = {
                "name": name.text(),
                "x": xv,
                "y": yv,
                "crs": crs.currentData(),
                "municipality": host.currentData(),
                "chosen": r == checked,
            }
            row.update(self._site_domain_inputs(r, held, typed))
            out.append(row)
        return out

    def _site_domain_inputs(self, r: int, held: Any, typed: dict[str, Problem]) -> dict[str, Any]:
        """Plot, floor area and postcode of row ``r``; the capacity map's figure (``grid``) is
        kept while the postcode stays the same (``ber grid import`` wrote it for that postcode)."""
        out: dict[str, Any] = {}
        for col, key, _unit, _high in SITE_NUMBERS:
            edit = self.space_table.cellWidget(r, col)
            assert isinstance(edit, NumberEdit)
            code, value = read_marked(edit, f"sites[{r}].{key}", typed)
            if code:
                value = getattr(held, key, None)
            out[key] = value
        postcode = self.space_table.cellWidget(r, COL_POSTCODE)
        assert isinstance(postcode, QLineEdit)
        out["postcode"] = postcode.text().strip().replace(" ", "").upper()
        grid = getattr(held, "grid", None)
        if grid is not None and getattr(held, "postcode", "") == out["postcode"]:
            out["grid"] = grid.model_dump() if hasattr(grid, "model_dump") else grid
        else:
            out["grid"] = None
        return out

    def _coordinates(
        self, x: NumberEdit, y: NumberEdit, crs: str, held: Any, row: str, typed: dict[str, Problem]
    ) -> tuple[float | None, float | None]:
        """The typed coordinates; a pasted "52.01, 4.21" (latitude, longitude as web maps
        give it) fills both; text that is no number keeps what the case holds (and is marked)."""
        for edit in (x, y):
            point = parse_point(edit.text())
            if point is not None:
                lat, lon = point
                if crs == "EPSG:4326":
                    px, py = lon, lat
                else:
                    from ber.engine.geometry import to_rd

                    rx, ry = to_rd(lon, lat, "EPSG:4326")
                    px, py = float(round(rx)), float(round(ry))
                x.show_value(px, language())  # the pasted pair is split over both cells
                y.show_value(py, language())
                return px, py
        values = []
        for edit, key in ((x, "x"), (y, "y")):
            code, value = read_marked(edit, f"{row}.{key}", typed)
            if code:
                value = getattr(held, key, None)
            values.append(value)
        return values[0], values[1]

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
        typed: dict[str, Problem] = {}
        sites = self.sites(typed)
        self.binder.commit_table("sites", sites, typed)

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
