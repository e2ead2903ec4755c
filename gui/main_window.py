"""The main window: menus, toolbar, steps on the left, pages on the right, status bar.

Glue only. The case lives in :class:`gui.state.CaseState` and what is derived from it
in :class:`gui.state.Analysis`; forms are bound in :class:`gui.binding.Binder`. The
work is done by controllers the window owns, each given the window's shared parts
(:class:`gui.controller.WindowParts`):
``documents`` (:class:`gui.documents.DocumentController`: new/open/save, recent,
autosave, recovery), ``exports`` (:class:`gui.exports.ExportController`: PDF, Excel),
``map_region`` (:class:`gui.map_region.MapRegionController`: geodata, region ticking,
cumulative map colours), ``calculation`` (:class:`gui.calculation.CalculationController`)
and ``register_menu`` (:class:`gui.register_menu.RegisterMenu`). Background work runs
through the one worker funnel (``gui.workers``); errors end in one dialog
(:meth:`MainWindow.show_error`).
"""

from __future__ import annotations

import datetime
import time
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QTableWidget,
)

from ber.case.model import Case
from ber.case.validate import validate_case
from ber.engine.assess import Context
from ber.engine.result import Assessment
from ber.geodata import GeoData
from ber.reference.data import ReferenceSet
from ber.texts.messages import Problem
from gui.actions import STEPS, WindowCommands
from gui.binding import Binder
from gui.calculation import CalculationController
from gui.controller import WindowParts
from gui.declared import DeclaredMarks
from gui.dialogs import ManualDialog, PreferencesDialog, ReferenceDialog, about_text
from gui.documents import DocumentController, dropped_path
from gui.exports import ExportController
from gui.fields import plausibility_warnings
from gui.geodata_import import builtin_context
from gui.grid_import import GridImportController
from gui.intake_launch import IntakeController
from gui.map_region import STATUS_MS, MapRegionController
from gui.pages.afweging import AfwegingPage
from gui.pages.business import BusinessPage
from gui.pages.common import scrolled, show_notes
from gui.pages.map_page import MapPage
from gui.pages.qualitative import QualitativePage
from gui.pages.region import RegionPage
from gui.pages.report import ReportPage
from gui.pages.results import ResultsPage
from gui.pages.sites import SitesPage
from gui.pages.workforce import WorkforcePage
from gui.register_menu import RegisterMenu
from gui.register_view import RegisterView
from gui.settings import Preferences, qsettings, save_preferences
from gui.stale import StaleFrame
from gui.state import Analysis, CaseState
from gui.texts import language, title, tr
from gui.window_state import restore_window_state, save_window_state
from gui.workers import ProgressHandle, error_text, run_in_pool


class MainWindow(QMainWindow):
    resultReady = Signal()
    mapReady = Signal()
    exportFinished = Signal(str)

    def __init__(self, ref: ReferenceSet, prefs: Preferences, case: Case | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        #: one Preferences object, shared with the controllers (changed in place)
        self.prefs = prefs
        self.analysis = Analysis(builtin_context(ref))
        #: the register URL with the password typed this session (memory only, never saved)
        self.register_session_url: str | None = None
        self.last_error = ""
        #: a new case at the home municipality waits for the geodata (see start_at_home)
        self._home_pending = False
        if case is None:
            from ber.case.demo import demo_case

            case = demo_case(language())
        self.state = CaseState(case, self)
        self.binder = Binder(self.state)
        self.setAcceptDrops(True)
        restore_window_state(self, qsettings())
        #: what the controllers share (each receives these parts)
        self.parts = WindowParts(
            self,
            self.state,
            self.analysis,
            prefs,
            show_error=self.show_error,
            job_failed=self.job_failed,
            cumulative_for=self.cumulative_for,
            session_url=lambda: self.register_session_url,
        )
        self.documents = DocumentController(self.parts)
        self.menu_recent = self.documents.menu_recent
        self.calculation = CalculationController(self.parts)
        self._build_pages(ref)
        self.declared_marks = DeclaredMarks(self, self.binder)
        self.exports = ExportController(self.parts, self.page_report)
        self.map_region = MapRegionController(self.parts, self.page_map, self.page_region)
        self._connect_controllers()
        self.commands = WindowCommands(
            self,
            self.documents,
            self.exports,
            self.map_region,
            self.calculation,
            self.state.undo_stack,
            preferences=self.preferences,
            manual=self.show_manual,
            reference=self.show_reference,
            about=self.show_about,
            show_step=self.steps.setCurrentRow,
        )
        self.register_menu = RegisterMenu(self.parts)
        self.grid_import = GridImportController(self.parts, self.page_sites)
        self.intake = IntakeController(self.parts, self.binder, self.documents)
        self.action_register_open = self.register_menu.action_open
        self.action_register_add = self.register_menu.action_add
        self.register_menu.viewOpened.connect(self._register_view_opened)
        self._build_status()
        self.state.changed.connect(self.on_state_changed)
        self.binder.listeners.append(self.on_state_changed)
        self.state.fileChanged.connect(self.update_title)
        self.on_state_changed("")
        self.update_title()

    # --- what the controllers share ----------------------------------------------------------

    @property
    def ctx(self) -> Context:
        return self.analysis.ctx

    @property
    def geo(self) -> GeoData | None:
        return self.analysis.geo

    @property
    def result(self) -> Assessment | None:
        return self.analysis.result

    @property
    def problems(self) -> list[Problem]:
        return self.analysis.problems

    @property
    def register_view(self) -> RegisterView | None:
        """The register window opened from the menu (None before)."""
        return self.register_menu.view

    def cumulative_for(self, case: Case) -> Any:
        """The register window's cumulative view of ``case``, or None."""
        return self.register_menu.view_cumulative(case)

    def municipality_choices(self) -> list[tuple[str, str]]:
        return self.documents.municipality_choices()

    def _connect_controllers(self) -> None:
        calc = self.calculation
        calc.progressed.connect(self.page_results.set_progress)
        calc.resultReady.connect(self.show_result)
        calc.inputRefused.connect(self.label_validation_text)
        calc.monteCarloBusy.connect(self._monte_carlo_busy)
        calc.monteCarloCancelled.connect(
            lambda: self.page_results.label_mc.setText(tr("results.mc_cancelled"))
        )
        self.exports.finished.connect(self.exportFinished)
        self.map_region.contextChanged.connect(self._context_changed)
        self.map_region.mapReady.connect(self.mapReady)
        self.page_sites.importRequested.connect(self.import_sites)
        self.page_sites.mapPickRequested.connect(self._pick_on_map)
        self.page_results.municipalitySelected.connect(self._select_municipality)
        self.page_results.monteCarloRequested.connect(lambda: self.run_monte_carlo())
        self.page_results.cancelRequested.connect(calc.cancel_monte_carlo)
        self.page_map.municipalitySelected.connect(self._select_municipality)
        self.page_map.siteRequested.connect(lambda x, y: self.page_sites.add_site(x, y))
        self.page_map.importGeodataRequested.connect(self.map_region.import_geodata_dialog)
        self.page_map.regionToggleRequested.connect(self.map_region.toggle_region_municipality)
        self.page_map.tickModeChanged.connect(self.map_region.tick_mode_changed)
        from gui.scan_mode import connect_scan

        connect_scan(self)
        self.page_report.pdfRequested.connect(lambda: self.exports.export_pdf())
        self.page_report.excelRequested.connect(lambda: self.exports.export_excel())
        self.page_report.cancelRequested.connect(self.exports.cancel_report)

    def _register_view_opened(self, view: RegisterView) -> None:
        # the map can colour by the register's cumulative view
        view.cumulativeReady.connect(self.map_region.update_cumulative_map)

    def _context_changed(self) -> None:
        # municipality choices changed: rebuild the pages' tables that offer them (not the
        # tables of an open dialog, e.g. an import preview, which hold their own rows)
        for table in self.stack.findChildren(QTableWidget):
            if table.window() is self:
                table.setRowCount(0)
        self.on_state_changed("")
        if self._home_pending:
            self.start_at_home()

    def start_at_home(self) -> None:
        """At start: a new case at the home municipality. When the municipality is not in
        the built-in table, wait for the stored geodata (loaded in a worker after start)."""
        code = self.prefs.home_municipality
        untouched = not self.state.dirty and self.state.path is None
        self._home_pending = False
        if not code or not untouched:
            return
        if code in self.ctx.table:
            self.documents.new_case()
        elif self.geo is None:
            self._home_pending = True

    # --- building ------------------------------------------------------------------------

    def _build_pages(self, ref: ReferenceSet) -> None:
        self.steps = QListWidget()
        self.steps.setObjectName("list_steps")
        self.steps.setAccessibleName(tr("steps.name"))
        self.steps.setMaximumWidth(230)
        self.steps.setMinimumWidth(170)
        self.steps.setSpacing(3)
        font = self.steps.font()
        font.setPointSizeF(font.pointSizeF() * 1.15)
        self.steps.setFont(font)
        self.stack = QStackedWidget()
        self.stack.setObjectName("stack_pages")
        self.page_business = BusinessPage(self.binder, ref)
        self.page_workforce = WorkforcePage(self.binder, ref, self.municipality_choices)
        self.page_sites = SitesPage(self.binder, self.municipality_choices, lambda: self.ctx.locate)
        self.page_region = RegionPage(self.binder, self.municipality_choices, lambda: self.analysis.geo)
        self.page_region.capacityInvalidChanged.connect(lambda: self.on_state_changed("capacity"))
        self.page_qualitative = QualitativePage(self.binder)
        self.page_results = ResultsPage()
        self.page_map = MapPage()
        self.page_afweging = AfwegingPage(self.binder)
        self.page_report = ReportPage()
        self.page_report.check_pdfa.setChecked(self.prefs.pdfa)
        pages = (
            self.page_business,
            self.page_workforce,
            self.page_sites,
            self.page_region,
            self.page_qualitative,
            self.page_results,
            self.page_map,
            self.page_afweging,
            self.page_report,
        )
        #: the pages that show results: greyed under a banner while the input has problems
        self.stale_frames: list[StaleFrame] = []
        for i, (step, page) in enumerate(zip(STEPS, pages, strict=True)):
            self.steps.addItem(f"{i + 1}. {tr('step.' + step)}")
            shown = page if step == "map" else scrolled(page)
            if step in ("results", "map", "report"):
                frame = StaleFrame(shown)
                self.stale_frames.append(frame)
                shown = frame
            self.stack.addWidget(shown)
        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.steps.currentRowChanged.connect(self._step_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.setCentralWidget(splitter)

        self.steps.setCurrentRow(0)

    def _build_status(self) -> None:
        self.label_validation = QLabel()
        self.label_validation.setObjectName("label_validation")
        self.label_calc = QLabel(tr("status.no_calc"))
        self.label_calc.setObjectName("label_calc_time")
        # no stretch: temporary messages (map hints, refusals) need the space on the left
        self.statusBar().addPermanentWidget(self.label_validation)
        self.statusBar().addPermanentWidget(self.label_calc)

    # --- state changes ---------------------------------------------------------------------

    def on_state_changed(self, path: str) -> None:
        self.binder.refresh()
        self.page_workforce.update_derived()
        if path in ("", "region") or path.startswith("region"):
            self.page_region.refresh()
            self.page_map.show_region(self.state.case.region.municipalities)
        else:
            self.page_region.refresh_capacity()
        problems = validate_case(self.state.case, self.ctx.ref, self.ctx.table)
        problems += self.binder.typed_problems()
        problems += self.page_region.capacity_problems()
        self.analysis.problems = problems
        self.binder.warnings = plausibility_warnings(self.state.case, datetime.date.today().year)
        self.binder.mark(problems)
        self.declared_marks.update(self.state.case)
        self.calculation.input_changed(valid=not problems)
        reason = ""
        if problems:
            first = self.binder.located_text(problems[0])
            self.label_validation.setText(tr("status.invalid", n=len(problems), first=first))
            self.label_validation.setStyleSheet("color: #b71c1c;")
            located = [self.binder.located_text(p) for p in problems]
            reason = tr("export.blocked") + "\n" + "\n".join(located[:8])
            self.analysis.problem_summary = "\n".join(f"• {t}" for t in located[:8])
            for frame in self.stale_frames:
                frame.set_problems(located)
            if self.result is None:
                self.page_results.clear_result(reason)
        else:
            self.analysis.valid_case = self.state.case
            for frame in self.stale_frames:
                frame.set_problems([])
            self.label_validation.setText(tr("status.valid"))
            self.label_validation.setStyleSheet("color: #1b5e20;")
        self.update_enabled(reason)
        self.update_title()
        self.map_region.update_cumulative_map()  # a cumulative view of the previous input no longer applies

    def label_validation_text(self, text: str) -> None:
        self.label_validation.setText(text)

    def update_enabled(self, reason: str = "") -> None:
        ok = not self.problems
        fresh = ok and self.result is not None
        # with problems the report can still be made of the last valid input (it asks first)
        reportable = ok or self.analysis.valid_case is not None
        self.commands.action_export_pdf.setEnabled(reportable)
        self.commands.action_export_excel.setEnabled(fresh)
        self.commands.action_export_gpkg.setEnabled(fresh)
        self.commands.action_export_html.setEnabled(fresh)
        self.commands.action_compute.setEnabled(ok)
        self.page_results.button_mc.setEnabled(ok and self.calculation.mc_job is None)
        self.page_report.set_enabled_exports(ok, reason)
        self.page_report.button_pdf.setEnabled(reportable)
        self.page_report.button_excel.setEnabled(fresh)
        officer = self.prefs.officer or self.state.case.meta.officer or "–"
        self.page_report.label_officer.setText(tr("report.officer", officer=officer))

    def update_title(self) -> None:
        name = (
            self.state.path.name if self.state.path else (self.state.case.meta.title or tr("title.untitled"))
        )
        self.setWindowTitle(f"{name}[*] – BER-desk")
        self.setWindowModified(self.state.dirty)

    def _step_changed(self, row: int) -> None:
        if STEPS[row] == "map":
            QTimer.singleShot(0, self.page_map.fit)
        if STEPS[row] == "results":
            self.page_results.update_chart()

    # --- calculation -----------------------------------------------------------------------

    def run_monte_carlo(self) -> ProgressHandle | None:
        return self.calculation.run_monte_carlo(self.prefs.mc_draws)

    def _monte_carlo_busy(self, busy: bool) -> None:
        self.page_results.set_busy(busy)

    def show_result(self, result: Assessment) -> None:
        from ber.engine.checks import max_age_months
        from ber.reference.data import load_reference

        self.page_results.show_result(result, max_age_months(self.state.case, load_reference()))
        self.page_map.show_result(result)
        self.page_afweging.show_result(result)
        self.page_region.set_result_region(list(result.region["municipalities"]))
        from ber.engine.region_notes import employer_beds_added

        # the result is of the case in the window (a stale result is never shown)
        notes = [self.binder.located_text(p) for p in employer_beds_added(self.state.case, result)]
        show_notes(self.page_results.label_region_notes, notes)
        show_notes(self.page_region.label_region_notes, notes)
        stamp = time.strftime("%H:%M:%S")
        seconds = self.calculation.last_seconds or 0.0
        self.label_calc.setText(tr("status.calc", time=stamp, ms=f"{seconds * 1000:.0f}"))
        self.update_enabled()
        self.resultReady.emit()

    def _select_municipality(self, code: str) -> None:
        self.page_results.select_municipality(code)
        self.page_map.select(code)

    def _pick_on_map(self) -> None:
        self.steps.setCurrentRow(STEPS.index("map"))
        self.page_map.button_add_site.setChecked(True)
        self.statusBar().showMessage(tr("map.pick_hint"), STATUS_MS)

    def import_sites(self, path: str) -> None:
        lang = language()

        def job(_handle: ProgressHandle) -> Any:
            from ber.geodata import read_sites

            return read_sites(path, lang)

        def done(sites: Any) -> None:
            current = [s.model_dump(mode="json") for s in self.state.case.sites]
            new = [s.model_dump(mode="json") for s in sites]
            for s in new:
                s["chosen"] = False
            self.binder.commit("sites", current + new)
            self.statusBar().showMessage(tr("sites.imported", n=len(new)), 6000)

        run_in_pool(job, done, self.job_failed, owner=self)

    # --- errors and dialogs -------------------------------------------------------------------

    def job_failed(self, exc: BaseException) -> None:
        self.show_error(tr("error.title"), error_text(exc))

    def show_error(self, title: str, text: str) -> None:
        """The one error dialog of the window (background jobs end here too)."""
        box = QMessageBox(
            QMessageBox.Icon.Warning, tr("error.title"), title, QMessageBox.StandardButton.Ok, self
        )
        box.setObjectName("dialog_error")
        if text:
            box.setInformativeText(text)
        self.last_error = f"{title}\n{text}"
        box.open()

    def show_manual(self) -> None:
        ManualDialog(self).exec()

    def show_reference(self) -> None:
        ReferenceDialog(self.ctx.ref, self).exec()

    def show_about(self) -> None:
        QMessageBox.about(self, title("action.about"), about_text(self.ctx.ref))

    # --- preferences ---------------------------------------------------------------------------

    def preferences(self) -> None:
        dialog = PreferencesDialog(self.prefs, self.ctx.ref, self, self.municipality_choices())
        if dialog.exec():
            self.apply_preferences(dialog.result_preferences(), dialog.session_url())

    def apply_preferences(self, new: Preferences, session_url: str | None = None) -> None:
        """Store the preferences (the register URL without password); the password stays in memory."""
        changed_language = new.language != self.prefs.language
        if session_url is not None:
            self.register_session_url = session_url
            self.statusBar().showMessage(tr("prefs.register_session"), STATUS_MS)
        elif new.register_url != self.prefs.register_url:
            self.register_session_url = None  # another register: the old password does not apply
        self.prefs.update_from(new)
        save_preferences(self.prefs)
        self.page_report.check_pdfa.setChecked(self.prefs.pdfa)
        self.update_enabled()
        if changed_language:
            QMessageBox.information(self, tr("prefs.title"), tr("prefs.restart"))

    # --- drag and drop, closing -----------------------------------------------------------------

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if dropped_path(event.mimeData().urls()) is not None:
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        path = dropped_path(event.mimeData().urls())
        if path is not None:
            event.acceptProposedAction()
            self.documents.open_path(path)

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.documents.maybe_save():
            event.ignore()
            return
        for job in (self.calculation.mc_job, self.exports.report_job):
            if job is not None:
                job.cancel()
        self.documents.autosave_timer.stop()
        settings = qsettings()
        save_window_state(self, settings)
        self.prefs.last_case = str(self.state.path) if self.state.path is not None else ""
        save_preferences(self.prefs, settings)
        self.documents.end_session_marker()
        event.accept()
