"""Step 6, Kaart: the map coloured by pressure for one domain, side by side with the site ranking."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.texts.labels import DOMAIN_LABELS
from gui.models import CellTableModel, sites_table
from gui.pages.common import page_title
from gui.pages.results import table_view
from gui.texts import language, tr

#: map colourings: this case alone, or the register's cumulative view without/with it
COLOURINGS = ("this", "without", "with")
#: the choice of the domain list that colours the municipalities by their policy checks
POLICY = "policy"


class MapPage(QWidget):
    municipalitySelected = Signal(str)
    siteRequested = Signal(float, float)
    importGeodataRequested = Signal()
    #: a municipality clicked while "Regio aanvinken" is on: add it to or remove it from the region
    regionToggleRequested = Signal(str)
    #: "Regio aanvinken" switched on or off
    tickModeChanged = Signal(bool)

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("page_map")
        self.result: Assessment | None = None
        #: a result arrived while the page was hidden: the map is redrawn when it is shown
        self._view_stale = False
        self.cumulative: Any = None  # ber.register.Cumulative of the current case, or None
        lay = QVBoxLayout(self)
        lay.addWidget(page_title(tr("step.map"), tr("map.intro")))
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("map.domain")))
        self.combo_domain = QComboBox()
        self.combo_domain.setObjectName("combo_map_domain")
        self.combo_domain.setAccessibleName(tr("map.domain"))
        for d in domain_keys():
            self.combo_domain.addItem(DOMAIN_LABELS[d][language()], d)
        self.combo_domain.addItem(tr("checks.map_choice"), POLICY)  # the policy checks per municipality
        self.combo_domain.currentIndexChanged.connect(lambda _i: self.recolour())
        bar.addWidget(self.combo_domain)
        bar.addWidget(QLabel(tr("map.colouring")))
        self.combo_colouring = QComboBox()
        self.combo_colouring.setObjectName("combo_map_colouring")
        self.combo_colouring.setAccessibleName(tr("map.colouring"))
        self.combo_colouring.setToolTip(tr("map.colour_tip"))
        for key in COLOURINGS:
            self.combo_colouring.addItem(tr(f"map.colour.{key}"), key)
        self.combo_colouring.currentIndexChanged.connect(lambda _i: self.recolour())
        bar.addWidget(self.combo_colouring)
        bar.addStretch(1)
        lay.addLayout(bar)
        bar = QHBoxLayout()  # second row: the map tools
        self.button_add_site = QPushButton(tr("map.add_site"))
        self.button_add_site.setObjectName("button_map_add_site")
        self.button_add_site.setCheckable(True)
        self.button_add_site.setToolTip(tr("map.add_site_tip"))
        bar.addWidget(self.button_add_site)
        self.button_tick_region = QPushButton(tr("map.tick_region"))
        self.button_tick_region.setObjectName("button_tick_region")
        self.button_tick_region.setCheckable(True)
        self.button_tick_region.setToolTip(tr("map.tick_region_tip"))
        self.button_tick_region.toggled.connect(self._tick_toggled)
        self.button_add_site.toggled.connect(
            lambda on: self.button_tick_region.setChecked(False) if on else None
        )
        bar.addWidget(self.button_tick_region)
        self.button_fit = QPushButton(tr("map.fit"))
        self.button_fit.setObjectName("button_map_fit")
        bar.addWidget(self.button_fit)
        self.button_scan = QPushButton(tr("map.scan_mode"))
        self.button_scan.setObjectName("button_map_scan")
        self.button_scan.setCheckable(True)
        self.button_scan.setToolTip(tr("map.scan_mode_tip"))
        self.button_scan.toggled.connect(self._scan_toggled)
        bar.addWidget(self.button_scan)
        self.button_import = QPushButton(tr("action.import_geodata"))
        self.button_import.setObjectName("button_map_import_geodata")
        self.button_import.clicked.connect(self.importGeodataRequested.emit)
        bar.addWidget(self.button_import)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.label_note = QLabel()
        self.label_note.setObjectName("label_map_note")
        self.label_note.setWordWrap(True)
        lay.addWidget(self.label_note)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.view: Any = None
        try:
            from gui.map_view import MapView

            self.view = MapView(lang=language())
            self.view.setObjectName("map_view")
            self.view.setMinimumSize(420, 380)
            self.view.municipalityClicked.connect(self._clicked)
            self.view.siteRequested.connect(self._site_requested)
            self.button_add_site.toggled.connect(self.view.set_add_site_mode)
            self.button_fit.clicked.connect(self.view.fit_region)
            self.splitter.addWidget(self.view)
        except ImportError:  # the map widget is built by another helper
            holder = QLabel(tr("map.placeholder"))
            holder.setObjectName("map_view")
            self.splitter.addWidget(holder)
            self.button_add_site.setEnabled(False)
            self.button_tick_region.setEnabled(False)
        ranking = QGroupBox(tr("map.ranking"))
        rl = QVBoxLayout(ranking)
        self.label_ranking = QLabel(tr("map.ranking_intro"))
        self.label_ranking.setWordWrap(True)
        rl.addWidget(self.label_ranking)
        self.sites_model = CellTableModel()
        self.sites_view = table_view("table_site_ranking", self.sites_model, "first")
        self.sites_view.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        rl.addWidget(self.sites_view)
        self.splitter.addWidget(ranking)
        self.ranking = ranking
        from gui.scan_panel import ScanPanel

        self.scan_panel = ScanPanel()  # "Waar past het het best?" (gui.scan_mode wires it)
        self.scan_panel.setVisible(False)
        self.scan_panel.scanned.connect(lambda _r: self.recolour())  # also a new colouring
        self.scan_panel.hostSelected.connect(self.select)
        self.splitter.addWidget(self.scan_panel)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([540, 600])
        lay.addWidget(self.splitter, 1)
        self._layer_set = False
        self.set_cumulative(None)

    def _clicked(self, code: str) -> None:
        if self.button_scan.isChecked():
            self.scan_panel.select_host(code)
        elif self.button_tick_region.isChecked():
            self.regionToggleRequested.emit(code)
        else:
            self.municipalitySelected.emit(code)

    def _scan_toggled(self, on: bool) -> None:
        """The scan mode: the scan panel instead of the site ranking, the map by scan rank."""
        if on:
            self.button_tick_region.setChecked(False)
            self.button_add_site.setChecked(False)
        sizes = self.splitter.sizes()  # the shown one of ranking / scan panel takes the width
        shown, hidden = (2, 1) if on else (1, 2)
        sizes[shown], sizes[hidden] = max(sizes[1] + sizes[2], 480), 0
        self.ranking.setVisible(not on)
        self.scan_panel.setVisible(on)
        self.splitter.setSizes(sizes)
        self.combo_domain.setEnabled(not on)
        self.combo_colouring.setEnabled(not on)
        if self.result is not None:
            self.show_result(self.result)  # the region, tooltips and colours of the mode

    def _tick_toggled(self, on: bool) -> None:
        if on:
            self.button_add_site.setChecked(False)
        if self.view is not None:
            self.view.set_tick_region_mode(on)
        self.tickModeChanged.emit(on)

    def show_region(self, codes: list[str] | None) -> None:
        """Fade the municipalities outside ``codes`` at once (the result follows after the calculation)."""
        if self.view is not None and self._layer_set and codes is not None:
            self.view.set_region(codes)

    def set_cumulative(self, cumulative: Any) -> None:
        """The register's cumulative view of the current case (None: not computed, or for another case).

        Without it only "deze zaak" can be chosen; a cumulative colouring falls back to it.
        """
        self.cumulative = cumulative
        model = self.combo_colouring.model()
        for i in range(1, self.combo_colouring.count()):
            model.item(i).setEnabled(cumulative is not None)  # type: ignore[attr-defined]
        if cumulative is None and self.combo_colouring.currentIndex() != 0:
            self.combo_colouring.setCurrentIndex(0)  # recolours
        else:
            self.recolour()

    def colouring(self) -> str:
        return str(self.combo_colouring.currentData())

    def _site_requested(self, x: float, y: float) -> None:
        self.button_add_site.setChecked(False)
        self.siteRequested.emit(x, y)

    def set_layer(self, layer: Any, schematic: bool) -> None:
        if self.view is None:
            return
        self.view.set_layer(layer)
        self._layer_set = True
        self.label_note.setText(tr("map.schematic") if schematic else tr("map.national"))
        self.button_import.setVisible(schematic)
        if self.result is not None:
            self.show_result(self.result)

    def show_result(self, result: Assessment) -> None:
        self.result = result
        self.scan_panel.case_changed()
        lang = language()
        self.sites_model.set_table(*sites_table(result, lang))
        self.label_ranking.setText(tr("map.ranking_intro") if result.sites else tr("map.ranking_single"))
        if not self.isVisible():  # an edit on another page: draw the map when it is shown
            self._view_stale = True
            return
        self._view_stale = False
        self.sites_view.resizeRowsToContents()
        if self.view is None or not self._layer_set:
            return
        from ber.maplayer import tooltips_for

        layer = self.view.layer
        names = dict(layer.names) if layer is not None else None
        self.view.set_region(result.region.municipalities)
        self.view.set_tooltips(tooltips_for(result, names, lang))
        scanned = self.scan_panel.result if self.button_scan.isChecked() else None
        if scanned is not None:
            from gui.scan_panel import scan_colouring

            self.view.set_region([r.host_municipality for r in scanned.rows])
            self.view.set_tooltips(scan_colouring(scanned)[1])
        sites = [(s.name, s.x, s.y, s.chosen) for s in result.sites] or [
            (result.site.name, result.site.x, result.site.y, True)
        ]
        self.view.set_sites(sites)
        self.recolour()

    def showEvent(self, event: object) -> None:
        super().showEvent(event)  # type: ignore[arg-type]
        if self._view_stale and self.result is not None:
            self.show_result(self.result)

    def recolour(self) -> None:
        if self.view is None or self.result is None or not self._layer_set:
            return
        from ber.maplayer import statuses_for

        scanned = self.scan_panel.result if self.button_scan.isChecked() else None
        from gui.scan_panel import RankRamp, rank_fractions, scan_colouring
        from gui.scan_sites import from_file, point_specs

        rank = self.scan_panel.colouring() == "rank"
        points = (
            point_specs(scanned, self.scan_panel.colouring())
            if scanned is not None and from_file(scanned)
            else []
        )
        self.view.set_scan_points(points)  # a file's points carry the colours, not the municipalities
        if scanned is not None:
            self.view.set_region([r.host_municipality for r in scanned.rows])
            statuses, tooltips = scan_colouring(scanned) if not points else ({}, {})
            self.view.set_tooltips(tooltips)
            if rank:
                ramp = RankRamp(hosts=len(scanned.rows))
                fractions = rank_fractions(scanned) if not points else {}
                self.view.set_pressures(fractions, tr("scan.legend_rank"), ramp)
            else:
                self.view.set_statuses(statuses, tr("scan.legend_points" if points else "scan.legend"))
            return
        d = self.combo_domain.currentData()
        if d == POLICY:
            from ber.engine.checks import policy_status_by_municipality
            from gui.checks_table import CHECK_COLOUR

            worst = policy_status_by_municipality(self.result.policy_checks)
            self.view.set_statuses({c: CHECK_COLOUR[s] for c, s in worst.items()}, tr("checks.map_legend"))
            return
        label = DOMAIN_LABELS[d][language()]
        mode = self.colouring()
        if mode != "this" and self.cumulative is not None:
            statuses = self.cumulative.statuses(d, with_case=mode == "with")
            label = tr("map.legend_mode", domain=label, mode=tr(f"map.colour.{mode}"))
        else:
            statuses = statuses_for(self.result, d)
        self.view.set_statuses(statuses, label)

    def select(self, code: str) -> None:
        if self.view is not None and self._layer_set:
            self.view.set_selected(code)

    def fit(self) -> None:
        if self.view is not None and self._layer_set:
            self.view.fit_region()
