"""Map and region logic of the main window: loading and importing geodata, ticking the
region on the map, and colouring the map by the register's cumulative view.

:class:`MapRegionController` is owned by the main window; it receives the window's
shared parts (:class:`gui.controller.WindowParts`: the case state, the analysis, the
window for the status bar and dialogs, the cumulative view and the error dialog) and
the map and region pages.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMainWindow

from ber.case.model import Region
from ber.engine.geometry import site_point
from gui.controller import WindowController, WindowParts
from gui.texts import language, tr
from gui.workers import ProgressHandle, run_in_pool

if TYPE_CHECKING:
    from ber.geodata import GeoData
    from ber.maplayer import MapLayer
    from ber.reference.data import MunicipalityTable
    from gui.pages.map_page import MapPage
    from gui.pages.region import RegionPage

STATUS_MS = 8000

#: what a geodata job hands back: the geodata (None: built-in table), the map layer,
#: and whether that layer is the schematic one
MapData = tuple["GeoData | None", "MapLayer", bool]


def schematic_layer(table: MunicipalityTable) -> MapLayer:
    """Circles around the built-in municipality centroids, for a map without imported boundaries."""
    import shapely

    from ber.maplayer import MapLayer

    polys = {
        code: shapely.Point(float(x), float(y)).buffer(4500.0, 24)
        for code, x, y in zip(table.codes, table.x, table.y, strict=True)
    }
    return MapLayer.from_polygons(polys, dict(zip(table.codes, table.names, strict=True)), tolerance_m=0)


def national_layer(geo: GeoData) -> MapLayer:
    from ber.maplayer import MapLayer

    names = dict(zip(geo.table.codes, geo.table.names, strict=True))
    return MapLayer.from_polygons(geo.boundaries_rd(), names)


class MapRegionController(WindowController):
    """Geodata for the map and the engine, the region ticked on the map, cumulative colours."""

    #: the calculation context changed (geodata loaded or imported): rebuild what depends on it
    contextChanged = Signal()
    #: the map layer is set (after start-up or an import)
    mapReady = Signal()

    def __init__(self, parts: WindowParts, page_map: MapPage, page_region: RegionPage) -> None:
        super().__init__(parts)
        self.page_map = page_map
        self.page_region = page_region

    def _status(self, text: str, ms: int = STATUS_MS) -> None:
        self.window.statusBar().showMessage(text, ms)

    # --- geodata --------------------------------------------------------------------------

    def load_map_data(self) -> ProgressHandle:
        """After start-up: the stored geodata import (or the schematic map) in a worker."""
        table = self.analysis.ctx.ref.municipalities

        def job(_handle: ProgressHandle) -> MapData:
            from ber.geodata import active_geodata, builtin_geodata

            geo = None
            try:
                geo = active_geodata()  # the stored import, else the built-in national set
            except Exception:  # a damaged store must not block the map: the built-in set
                try:
                    geo = builtin_geodata()
                except Exception:  # a damaged built-in file as well: schematic map
                    geo = None
            if geo is not None and geo.has_polygons:
                return geo, national_layer(geo), False
            return None, schematic_layer(table), True

        return run_in_pool(job, self.map_data_ready, self.job_failed, owner=self.window)

    def map_data_ready(self, payload: MapData) -> None:
        geo, layer, schematic = payload
        if geo is not None:
            self.analysis.geo = geo
            self.analysis.ctx = geo.context(self.analysis.ctx.ref)
            self.contextChanged.emit()
        self.page_map.set_layer(layer, schematic)
        self.page_region.refresh()
        from gui.geodata_import import startup_problem

        problem = startup_problem(language())
        if problem:  # the built-in national set is damaged: say so instead of a silent demo table
            self.window.statusBar().showMessage(problem)
        self.mapReady.emit()

    def import_geodata_dialog(self) -> None:
        from gui.geodata_import import ask_import_paths

        chosen = ask_import_paths(self.window)
        if chosen is not None:
            self.import_geodata_from(chosen[0], layer=chosen[1])

    def import_geodata_from(self, folder: Path | list[Path], layer: str | None = None) -> ProgressHandle:
        paths = folder if isinstance(folder, list) else [folder]

        def job(_handle: ProgressHandle) -> MapData:
            from ber.geodata import import_geodata

            geo = import_geodata(paths, layer=layer)
            return geo, national_layer(geo), False

        def done(payload: MapData) -> None:
            self._status(tr("geodata.imported"))
            self.map_data_ready(payload)

        self.window.statusBar().showMessage(tr("geodata.importing"))
        return run_in_pool(job, done, self.job_failed, owner=self.window)

    # --- ticking the region on the map -------------------------------------------------

    def host_municipality(self) -> str | None:
        """The host municipality of the chosen site (None when it cannot be placed)."""
        ctx = self.analysis.ctx
        try:
            return site_point(self.state.case.chosen_site(), ctx.table, ctx.locate).host
        except Exception:  # an invalid site: validation already says so
            return None

    def toggle_region_municipality(self, code: str) -> bool:
        """Add ``code`` to the case's region or remove it: one undo step. False when refused."""
        table = self.analysis.ctx.table
        name = table.name(code) if code in table else code
        if code not in table:
            self._status(tr("map.tick_unknown", code=code))
            return False
        region = self.state.case.region
        result = self.analysis.result
        if region.municipalities is not None:
            codes = list(region.municipalities)
        else:  # start from the region the last calculation derived
            codes = list(result.region["municipalities"]) if result is not None else []
        host = self.host_municipality()
        if code in codes:
            if code == host:
                self._status(tr("map.tick_host", name=name))
                return False
            codes.remove(code)
            message = "map.tick_removed"
        else:
            codes.append(code)
            message = "map.tick_added"
        if host is not None and host in table and host not in codes:
            codes.append(host)  # the host always belongs to the region
        chosen = set(codes)
        ordered = [c for c in table.codes if c in chosen]  # table order, as the engine lists them
        new = Region(municipalities=ordered, label=tr("region.ticked_label"))
        # a dict value: every click is its own undo step (no merging)
        self.state.set_value("region", new.model_dump(mode="json"), tr("map.tick_undo", name=name))
        self._status(tr(message, name=name, n=len(ordered)))
        return True

    def tick_mode_changed(self, on: bool) -> None:
        if on:
            self._status(tr("map.tick_hint"))
        else:
            self.window.statusBar().clearMessage()

    # --- cumulative colours on the map ---------------------------------------------------

    def update_cumulative_map(self) -> None:
        """Colour the map by the register's cumulative view of the current case (or not)."""
        cum = self.cumulative_for(self.state.case)
        if cum is not self.page_map.cumulative:
            self.page_map.set_cumulative(cum)


def ask_map_target(parent: QMainWindow, kind: str, suggestion: str) -> str:
    """Where to save the map (tests replace this function); "" when cancelled."""
    from PySide6.QtWidgets import QFileDialog

    from gui.texts import title

    path, _ = QFileDialog.getSaveFileName(
        parent, title(f"action.export_map_{kind}"), suggestion, tr(f"file.filter_{kind}")
    )
    return path


class MapCommands:
    """The map's menu commands: zoom to the region and the sites, export as PNG or SVG."""

    def __init__(self, window: QMainWindow, page_map: MapPage, show_map: Callable[[], None]) -> None:
        self.window = window
        self.page_map = page_map
        self.show_map = show_map

    def zoom_to_region(self) -> None:
        self.show_map()
        if self.page_map.view is not None:
            self.page_map.view.fit_region()

    def export(self, kind: str, path: Path | None = None) -> Path | None:
        """Save the map as shown (with legend and scale bar) as PNG or SVG."""
        view = self.page_map.view
        if view is None or view.layer is None:
            return None
        self.show_map()
        if path is None:
            chosen = ask_map_target(self.window, kind, str(Path.home() / f"{tr('map.file_name')}.{kind}"))
            if not chosen:
                return None
            path = Path(chosen)
        if path.suffix.lower() != f".{kind}":
            path = path.with_suffix(f".{kind}")
        try:
            written: Path = view.export_png(path, 2.0) if kind == "png" else view.export_svg(path)
        except OSError as exc:
            self.window.statusBar().showMessage(
                tr("map.export_failed", path=str(path), reason=str(exc)), 8000
            )
            return None
        self.window.statusBar().showMessage(tr("map.exported", path=str(written)), 8000)
        return written
