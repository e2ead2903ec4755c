"""Background jobs of the main window besides calculation: report PDF, Excel, geodata.
A mixin of :class:`gui.main_window.MainWindow`; all work runs through ``gui.workers``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QTableWidget

from gui.texts import language, tr
from gui.workers import ProgressHandle, run_in_pool

if TYPE_CHECKING:
    from gui.main_window import MainWindow


def ask_open_file(parent: Any, path: Path) -> bool:
    """Offer to open an exported file (tests replace this function)."""
    answer = QMessageBox.question(parent, tr("export.done_title"), tr("export.open_question", path=str(path)))
    return answer == QMessageBox.StandardButton.Yes


def schematic_layer(table: Any) -> Any:
    """Circles around the built-in municipality centroids, for a map without imported boundaries."""
    import shapely

    from ber.maplayer import MapLayer

    polys = {
        code: shapely.Point(float(x), float(y)).buffer(4500.0, 24)
        for code, x, y in zip(table.codes, table.x, table.y, strict=True)
    }
    return MapLayer.from_polygons(polys, dict(zip(table.codes, table.names, strict=True)), tolerance_m=0)


def national_layer(geo: Any) -> Any:
    from ber.maplayer import MapLayer

    names = dict(zip(geo.table.codes, geo.table.names, strict=True))
    return MapLayer.from_polygons(geo.boundaries_rd(), names)


class ExportMixin:
    """PDF report, Excel workbook, geodata import/load."""

    # --- report -------------------------------------------------------------------

    def export_pdf(self: MainWindow, path: Path | None = None) -> ProgressHandle | None:
        if not self.exports_allowed():
            return None
        try:
            from ber.report import build_report
        except ImportError:
            self.show_error(tr("export.report_missing"), "")
            return None
        if path is None:
            suggestion = str(Path(self._last_folder()) / ((self.state.case.business.name or "ber") + ".pdf"))
            chosen, _ = QFileDialog.getSaveFileName(
                self, tr("action.export_pdf"), suggestion, tr("file.filter_pdf")
            )
            if not chosen:
                return None
            path = Path(chosen)
        if path.suffix.lower() != ".pdf":
            path = path.with_suffix(".pdf")
        result = self.result
        case = self.state.case
        ctx = self.ctx
        lang = self.page_report.report_language()
        pdfa = self.page_report.check_pdfa.isChecked()
        logo = Path(self.prefs.logo) if self.prefs.logo and Path(self.prefs.logo).is_file() else None
        officer = self.prefs.officer or None
        target = path
        register_view = getattr(self, "register_view", None)
        cumulative = register_view.cumulative_for(case) if register_view is not None else None

        def job(handle: ProgressHandle) -> Any:
            from ber.engine.assess import assess

            res = result
            if res is None or res.case_sha256 != case.sha256() or res.language != lang:
                res = assess(case, ctx)
            return build_report(
                res,
                case,
                target,
                lang=lang,
                pdfa=pdfa,
                ctx=ctx,
                logo=logo,
                officer=officer,
                progress=handle,
                cumulative=cumulative,
            )

        self.page_report.set_busy(True)
        self.page_report.label_status.setText(tr("export.running"))

        def done(outcome: Any) -> None:
            self.page_report.set_busy(False)
            notes = "\n".join(str(n) for n in (getattr(outcome, "notes", None) or []))
            self.page_report.label_status.setText(
                tr("export.pdf_done", path=str(outcome.path), pages=getattr(outcome, "pages", "?"))
                + (f"\n{notes}" if notes else "")
            )
            self.last_export = Path(outcome.path)
            self.exportFinished.emit(str(outcome.path))
            if ask_open_file(self, Path(outcome.path)):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(outcome.path)))

        def failed(exc: BaseException) -> None:
            self.page_report.set_busy(False)
            self.page_report.label_status.setText(tr("export.failed"))
            self.job_failed(exc)

        def cancelled() -> None:
            self.page_report.set_busy(False)
            self.page_report.label_status.setText(tr("export.cancelled"))

        handle = run_in_pool(job, done, failed, self.page_report.set_progress, cancelled, owner=self)
        self.report_job = handle
        return handle

    def cancel_report(self: MainWindow) -> None:
        if self.report_job is not None:
            self.report_job.cancel()

    # --- Excel ----------------------------------------------------------------------

    def export_excel(self: MainWindow, path: Path | None = None) -> ProgressHandle | None:
        if not self.exports_allowed() or self.result is None:
            return None
        if path is None:
            suggestion = str(Path(self._last_folder()) / ((self.state.case.business.name or "ber") + ".xlsx"))
            chosen, _ = QFileDialog.getSaveFileName(
                self, tr("action.export_excel"), suggestion, tr("file.filter_xlsx")
            )
            if not chosen:
                return None
            path = Path(chosen)
        if path.suffix.lower() != ".xlsx":
            path = path.with_suffix(".xlsx")
        result, case, lang, target = self.result, self.state.case, self.page_report.report_language(), path

        def job(_handle: ProgressHandle) -> Path:
            from ber.io.excel import export_result_xlsx

            export_result_xlsx(result, case, target, lang)  # type: ignore[arg-type]
            return target

        def done(out: Path) -> None:
            self.page_report.label_status.setText(tr("export.excel_done", path=str(out)))
            self.last_export = out
            self.exportFinished.emit(str(out))
            if ask_open_file(self, out):
                QDesktopServices.openUrl(QUrl.fromLocalFile(str(out)))

        return run_in_pool(job, done, self.job_failed, owner=self)

    # --- geodata --------------------------------------------------------------------------

    def load_map_data(self: MainWindow) -> None:
        """After start-up: the stored geodata import (or the schematic map) in a worker."""
        ref = self.ctx.ref

        def job(_handle: ProgressHandle) -> tuple[Any, Any, bool]:
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
            return None, schematic_layer(ref.municipalities), True

        run_in_pool(job, self._map_data_ready, self.job_failed, owner=self)

    def _map_data_ready(self: MainWindow, payload: tuple[Any, Any, bool]) -> None:
        geo, layer, schematic = payload
        if geo is not None:
            self.geo = geo
            self.ctx = geo.context(self.ctx.ref)
            # municipality choices changed: rebuild the tables that offer them
            for table in self.findChildren(QTableWidget):
                table.setRowCount(0)
            self.on_state_changed("")
        self.page_map.set_layer(layer, schematic)
        self.page_region.refresh()
        from gui.geodata_import import startup_problem

        problem = startup_problem(language())
        if problem:  # the built-in national set is damaged: say so instead of a silent demo table
            self.statusBar().showMessage(problem)
        self.mapReady.emit()

    def import_geodata_dialog(self: MainWindow) -> None:
        from gui.geodata_import import ask_import_paths

        chosen = ask_import_paths(self)
        if chosen is not None:
            self.import_geodata_from(chosen[0], layer=chosen[1])

    def import_geodata_from(
        self: MainWindow, folder: Path | list[Path], layer: str | None = None
    ) -> ProgressHandle:
        paths = folder if isinstance(folder, list) else [folder]

        def job(_handle: ProgressHandle) -> tuple[Any, Any, bool]:
            from ber.geodata import import_geodata

            geo = import_geodata(paths, layer=layer)
            return geo, national_layer(geo), False

        def done(payload: tuple[Any, Any, bool]) -> None:
            self.statusBar().showMessage(tr("geodata.imported"), 8000)
            self._map_data_ready(payload)

        self.statusBar().showMessage(tr("geodata.importing"))
        return run_in_pool(job, done, self.job_failed, owner=self)
