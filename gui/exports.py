"""Exports of the main window: the report PDF and the Excel workbook.

:class:`ExportController` is owned by the main window; it receives the window's shared
parts (:class:`gui.controller.WindowParts`: the case state, the analysis, the
preferences, the window as parent of dialogs, the cumulative view and the error
dialog) and the report page. All
work runs through the worker funnel (``gui.workers.run_in_pool``).
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from gui.controller import WindowController, WindowParts
from gui.texts import title, tr
from gui.workers import ProgressHandle, run_in_pool

if TYPE_CHECKING:
    from ber.engine.result import Assessment
    from ber.report.outcome import ReportOutcome
    from ber.texts.messages import Lang
    from gui.pages.report import ReportPage


def ask_open_file(parent: QWidget | None, path: Path) -> bool:
    """Offer to open an exported file (tests replace this function)."""
    answer = QMessageBox.question(parent, tr("export.done_title"), tr("export.open_question", path=str(path)))
    return answer == QMessageBox.StandardButton.Yes


def ask_stale_export(parent: QWidget | None, problems: str) -> bool:
    """The input has problems: export a report of the last valid input? (tests replace this)"""
    answer = QMessageBox.question(
        parent,
        tr("stale.export_title"),
        tr("stale.export_question", problems=problems),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


class ExportController(WindowController):
    """PDF report and Excel workbook, each in a worker with progress and cancel."""

    #: an export was written (its path)
    finished = Signal(str)

    def __init__(self, parts: WindowParts, page: ReportPage) -> None:
        super().__init__(parts)
        self.page = page
        self.report_job: ProgressHandle | None = None
        self.last_export: Path | None = None

    def _target(self, path: Path | None, ext: str, title_key: str, filter_key: str) -> Path | None:
        if path is None:
            name = (self.state.case.business.name or "ber") + ext
            chosen, _ = QFileDialog.getSaveFileName(
                self.window, title(title_key), str(Path(self.last_folder()) / name), tr(filter_key)
            )
            if not chosen:
                return None
            path = Path(chosen)
        return path if path.suffix.lower() == ext else path.with_suffix(ext)

    def _written(self, path: Path) -> None:
        self.last_export = path
        self.finished.emit(str(path))
        if ask_open_file(self.window, path):
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    # --- report -------------------------------------------------------------------

    def export_pdf(self, path: Path | None = None) -> ProgressHandle | None:
        case = self.state.case
        if not self.analysis.exports_allowed():
            # the input has problems: a report of the last valid input, when the user wants it
            valid = self.analysis.valid_case
            if valid is None or not ask_stale_export(self.window, self.analysis.problem_summary):
                return None
            case = valid
        try:
            from ber.report import build_report
        except ImportError:
            self.show_error(tr("export.report_missing"), "")
            return None
        target = self._target(path, ".pdf", "action.export_pdf", "file.filter_pdf")
        if target is None:
            return None
        result = self.analysis.result
        ctx = self.analysis.ctx
        page = self.page
        lang = page.report_language()
        pdfa = page.check_pdfa.isChecked()
        logo = Path(self.prefs.logo) if self.prefs.logo and Path(self.prefs.logo).is_file() else None
        officer = self.prefs.officer or None
        cumulative = self.cumulative_for(case)

        def job(handle: ProgressHandle) -> ReportOutcome:
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

        page.set_busy(True)
        page.label_status.setText(tr("export.running"))

        def done(outcome: ReportOutcome) -> None:
            page.set_busy(False)
            notes = "\n".join(outcome.notes)
            page.label_status.setText(
                tr("export.pdf_done", path=str(outcome.path), pages=outcome.pages)
                + (f"\n{notes}" if notes else "")
            )
            self._written(Path(outcome.path))

        def failed(exc: BaseException) -> None:
            page.set_busy(False)
            page.label_status.setText(tr("export.failed"))
            self.job_failed(exc)

        def cancelled() -> None:
            page.set_busy(False)
            page.label_status.setText(tr("export.cancelled"))

        self.report_job = run_in_pool(job, done, failed, page.set_progress, cancelled, owner=self.window)
        return self.report_job

    def cancel_report(self) -> None:
        if self.report_job is not None:
            self.report_job.cancel()

    # --- Excel and GeoPackage: a file written in a worker -----------------------------

    def _export_file(
        self, path: Path | None, kind: str, ext: str, write: Callable[[Assessment, Path, Lang], None]
    ) -> ProgressHandle | None:
        """Ask for the file (unless given), write it in a worker, then say so: ``kind`` names
        the texts (``action.export_<kind>``, ``file.filter_<ext>``, ``export.<kind>_done``)."""
        result = self.analysis.result
        if not self.analysis.exports_allowed() or result is None:
            return None
        target = self._target(path, ext, f"action.export_{kind}", f"file.filter_{ext[1:]}")
        if target is None:
            return None
        lang = self.page.report_language()

        def job(_handle: ProgressHandle) -> Path:
            write(result, target, lang)
            return target

        def done(out: Path) -> None:
            self.page.label_status.setText(tr(f"export.{kind}_done", path=str(out)))
            self._written(out)

        return run_in_pool(job, done, self.job_failed, owner=self.window)

    def export_excel(self, path: Path | None = None) -> ProgressHandle | None:
        case = self.state.case

        def write(result: Assessment, target: Path, lang: Lang) -> None:
            from ber.io.excel import export_result_xlsx

            export_result_xlsx(result, case, target, lang)

        return self._export_file(path, "excel", ".xlsx", write)

    def export_gpkg(self, path: Path | None = None) -> ProgressHandle | None:
        """The result as a GeoPackage in EPSG:28992 with QGIS styles (as ``ber assess --gpkg``)."""
        ctx = self.analysis.ctx

        def write(result: Assessment, target: Path, lang: Lang) -> None:
            from ber.io.gpkg import context_geometry, write_result_gpkg

            polygons, centroids = context_geometry(ctx)
            write_result_gpkg(target, result, polygons, centroids, lang)

        return self._export_file(path, "gpkg", ".gpkg", write)

    def export_html(self, path: Path | None = None) -> ProgressHandle | None:
        """The accessible HTML version of the report (as ``ber assess --html``)."""
        case, ctx = self.state.case, self.analysis.ctx

        def write(result: Assessment, target: Path, lang: Lang) -> None:
            from ber.report import build_html_report

            build_html_report(result, case, target, lang=lang, ctx=ctx)

        return self._export_file(path, "html", ".html", write)
