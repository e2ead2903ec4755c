"""The main window: menus, toolbar, steps on the left, pages on the right, status bar.

Glue only: the case lives in :class:`gui.state.CaseState`, forms are bound in
:class:`gui.binding.Binder`, calculation and exports run through ``gui.workers``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QStackedWidget,
    QToolBar,
)

from ber.case.model import Case
from ber.case.validate import validate_case
from ber.engine.result import Assessment
from ber.texts.messages import InputError, Problem
from gui.binding import Binder
from gui.dialogs import ManualDialog, ReferenceDialog, about_text
from gui.documents import AUTOSAVE_MS, DocumentMixin
from gui.exports import ExportMixin
from gui.geodata_import import builtin_context
from gui.map_region import MapRegionMixin
from gui.pages.business import BusinessPage
from gui.pages.common import scrolled
from gui.pages.map_page import MapPage
from gui.pages.region import RegionPage
from gui.pages.report import ReportPage
from gui.pages.results import ResultsPage
from gui.pages.sites import SitesPage
from gui.pages.workforce import WorkforcePage
from gui.settings import Preferences
from gui.state import CaseState
from gui.texts import language, tr
from gui.workers import ProgressHandle, error_text, run_in_pool

STEPS = ("business", "workforce", "sites", "region", "results", "map", "report")
DEBOUNCE_MS = 400


class MainWindow(DocumentMixin, ExportMixin, MapRegionMixin, QMainWindow):
    resultReady = Signal()
    mapReady = Signal()
    exportFinished = Signal(str)

    def __init__(self, ref: Any, prefs: Preferences, case: Case | None = None) -> None:
        super().__init__()
        self.setObjectName("main_window")
        self.prefs = prefs
        self.ctx = builtin_context(ref)
        self.geo: Any = None
        self.result: Assessment | None = None
        self.problems: list[Problem] = []
        self.generation = 0
        self.report_job: ProgressHandle | None = None
        self.mc_job: ProgressHandle | None = None
        self.last_export: Path | None = None
        self.last_calc_seconds: float | None = None
        if case is None:
            from ber.case.demo import demo_case

            case = demo_case(language())
        self.state = CaseState(case, self)
        self.binder = Binder(self.state)
        self.setAcceptDrops(True)
        self.setMinimumSize(QSize(1024, 700))
        self.resize(1280, 800)
        self._build_pages(ref)
        self._build_actions()
        self._build_menus()
        self._build_status()
        self.debounce = QTimer(self)
        self.debounce.setSingleShot(True)
        self.debounce.setInterval(DEBOUNCE_MS)
        self.debounce.timeout.connect(self.compute)
        self.autosave_timer = QTimer(self)
        self.autosave_timer.setInterval(AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        self.state.changed.connect(self.on_state_changed)
        self.state.fileChanged.connect(self.update_title)
        self.update_recent_menu()
        self.on_state_changed("")
        self.update_title()

    # --- building ------------------------------------------------------------------------

    def municipality_choices(self) -> list[tuple[str, str]]:
        table = self.ctx.table
        return sorted(zip(table.codes, table.names, strict=True), key=lambda cn: cn[1])

    def _build_pages(self, ref: Any) -> None:
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
        self.page_sites = SitesPage(self.binder, self.municipality_choices)
        self.page_region = RegionPage(self.binder, self.municipality_choices, lambda: self.geo)
        self.page_results = ResultsPage()
        self.page_map = MapPage()
        self.page_report = ReportPage()
        self.page_report.check_pdfa.setChecked(self.prefs.pdfa)
        pages = (
            self.page_business,
            self.page_workforce,
            self.page_sites,
            self.page_region,
            self.page_results,
            self.page_map,
            self.page_report,
        )
        for i, (step, page) in enumerate(zip(STEPS, pages, strict=True)):
            self.steps.addItem(f"{i + 1}. {tr('step.' + step)}")
            self.stack.addWidget(page if step == "map" else scrolled(page))
        self.steps.currentRowChanged.connect(self.stack.setCurrentIndex)
        self.steps.currentRowChanged.connect(self._step_changed)
        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.steps)
        splitter.addWidget(self.stack)
        splitter.setStretchFactor(1, 1)
        splitter.setCollapsible(0, False)
        self.setCentralWidget(splitter)

        self.page_sites.importRequested.connect(self.import_sites)
        self.page_sites.mapPickRequested.connect(self._pick_on_map)
        self.page_results.municipalitySelected.connect(self._select_municipality)
        self.page_results.monteCarloRequested.connect(self.run_monte_carlo)
        self.page_results.cancelRequested.connect(self.cancel_monte_carlo)
        self.page_map.municipalitySelected.connect(self._select_municipality)
        self.page_map.siteRequested.connect(lambda x, y: self.page_sites.add_site(x, y))
        self.page_map.importGeodataRequested.connect(self.import_geodata_dialog)
        self.page_map.regionToggleRequested.connect(self.toggle_region_municipality)
        self.page_map.tickModeChanged.connect(self._tick_mode_changed)
        self.page_report.pdfRequested.connect(self.export_pdf)
        self.page_report.excelRequested.connect(self.export_excel)
        self.page_report.cancelRequested.connect(self.cancel_report)
        self.steps.setCurrentRow(0)

    def _action(
        self, name: str, text_key: str, slot: Any, shortcut: Any = None, tip_key: str = ""
    ) -> QAction:
        action = QAction(tr(text_key), self)
        action.setObjectName(name)
        if shortcut is not None:
            if isinstance(shortcut, list):
                action.setShortcuts(shortcut)
            else:
                action.setShortcut(shortcut)
        if tip_key:
            action.setStatusTip(tr(tip_key))
            action.setToolTip(tr(tip_key))
        action.triggered.connect(lambda _checked=False: slot())
        self.addAction(action)
        return action

    def _build_actions(self) -> None:
        K = QKeySequence
        self.action_new = self._action("action_new", "action.new", self.new_case, K(K.StandardKey.New))
        self.action_open = self._action("action_open", "action.open", self.open_dialog, K(K.StandardKey.Open))
        self.action_save = self._action("action_save", "action.save", self.save, K(K.StandardKey.Save))
        self.action_save_as = self._action(
            "action_save_as", "action.save_as", self.save_as, K("Ctrl+Shift+S")
        )
        self.action_open_demo = self._action(
            "action_open_demo", "action.open_demo", self.open_demo, None, "action.open_demo_tip"
        )
        self.action_export_pdf = self._action(
            "action_export_pdf", "action.export_pdf", self.export_pdf, K("Ctrl+P"), "action.export_pdf_tip"
        )
        self.action_export_excel = self._action(
            "action_export_excel", "action.export_excel", self.export_excel, K("Ctrl+E")
        )
        self.action_import_geodata = self._action(
            "action_import_geodata",
            "action.import_geodata",
            self.import_geodata_dialog,
            None,
            "action.import_geodata_tip",
        )
        self.action_quit = self._action("action_quit", "action.quit", self.close, K("Ctrl+Q"))
        stack = self.state.undo_stack
        self.action_undo = self._action("action_undo", "action.undo", stack.undo, K(K.StandardKey.Undo))
        self.action_redo = self._action(
            "action_redo", "action.redo", stack.redo, [K("Ctrl+Y"), K("Ctrl+Shift+Z")]
        )
        self.action_undo.setEnabled(False)
        self.action_redo.setEnabled(False)
        stack.canUndoChanged.connect(self.action_undo.setEnabled)
        stack.canRedoChanged.connect(self.action_redo.setEnabled)
        # the status tip names the step that undo/redo would take back ("Ongedaan maken: Aantal banen")
        stack.undoTextChanged.connect(
            lambda text: self.action_undo.setToolTip(
                f"{tr('action.undo').replace('&', '')}: {text}" if text else ""
            )
        )
        stack.redoTextChanged.connect(
            lambda text: self.action_redo.setToolTip(
                f"{tr('action.redo').replace('&', '')}: {text}" if text else ""
            )
        )
        self.action_preferences = self._action(
            "action_preferences", "action.preferences", self.preferences, K("Ctrl+,")
        )
        self.action_compute = self._action("action_compute", "action.compute", self.compute, K("F5"))
        self.action_manual = self._action("action_manual", "action.manual", self.show_manual, K("F1"))
        self.action_reference = self._action("action_reference", "action.reference", self.show_reference)
        self.action_about = self._action("action_about", "action.about", self.show_about)
        self.step_actions = []
        for i, step in enumerate(STEPS):
            a = self._action(
                f"action_step_{step}",
                "step." + step,
                lambda i=i: self.steps.setCurrentRow(i),
                K(f"Ctrl+{i + 1}"),
            )
            self.step_actions.append(a)

    def _build_menus(self) -> None:
        bar = self.menuBar()
        file_menu = bar.addMenu(tr("menu.file"))
        file_menu.setObjectName("menu_file")
        file_menu.addActions([self.action_new, self.action_open])
        self.menu_recent = QMenu(tr("menu.recent"), self)
        self.menu_recent.setObjectName("menu_recent")
        file_menu.addMenu(self.menu_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.action_save, self.action_save_as])
        file_menu.addSeparator()
        file_menu.addAction(self.action_open_demo)
        file_menu.addAction(self.action_import_geodata)
        file_menu.addSeparator()
        file_menu.addActions([self.action_export_pdf, self.action_export_excel])
        file_menu.addSeparator()
        file_menu.addAction(self.action_quit)
        edit_menu = bar.addMenu(tr("menu.edit"))
        edit_menu.setObjectName("menu_edit")
        edit_menu.addActions([self.action_undo, self.action_redo])
        edit_menu.addSeparator()
        edit_menu.addAction(self.action_preferences)
        view_menu = bar.addMenu(tr("menu.view"))
        view_menu.setObjectName("menu_view")
        view_menu.addActions(self.step_actions)
        view_menu.addSeparator()
        view_menu.addAction(self.action_compute)
        help_menu = bar.addMenu(tr("menu.help"))
        help_menu.setObjectName("menu_help")
        help_menu.addActions([self.action_manual, self.action_reference])
        help_menu.addSeparator()
        help_menu.addAction(self.action_about)
        from gui.register_view import install_register_menu

        install_register_menu(self)

        toolbar = QToolBar(tr("toolbar.main"), self)
        toolbar.setObjectName("toolbar_main")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.action_new, self.action_open, self.action_save])
        toolbar.addSeparator()
        toolbar.addActions([self.action_undo, self.action_redo])
        toolbar.addSeparator()
        toolbar.addActions([self.action_open_demo, self.action_export_pdf, self.action_export_excel])
        self.addToolBar(toolbar)
        view_menu.addSeparator()
        toggle = toolbar.toggleViewAction()
        toggle.setObjectName("action_toggle_toolbar")
        toggle.setText(tr("action.toolbar"))
        view_menu.addAction(toggle)

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
        if self.mc_job is not None:
            self.mc_job.cancel()  # its result would describe the old input
        self.binder.refresh()
        self.page_workforce.update_derived()
        if path in ("", "region") or path.startswith("region"):
            self.page_region.refresh()
            self.page_map.show_region(self.state.case.region.municipalities)
        else:
            self.page_region.refresh_capacity()
        self.problems = validate_case(self.state.case, self.ctx.ref, self.ctx.table)
        unplaced = self.binder.mark(self.problems)
        if self.problems:
            first = self.binder.located_text(self.problems[0])
            self.label_validation.setText(tr("status.invalid", n=len(self.problems), first=first))
            self.label_validation.setStyleSheet("color: #b71c1c;")
            reason = (
                tr("export.blocked")
                + "\n"
                + "\n".join(self.binder.located_text(p) for p in self.problems[:8])
            )
            self.page_results.clear_result(reason)
            self.generation += 1  # any running calculation is now stale
            self.debounce.stop()
            del unplaced
        else:
            self.label_validation.setText(tr("status.valid"))
            self.label_validation.setStyleSheet("color: #1b5e20;")
            self.debounce.start()
            reason = ""
        self.update_enabled(reason)
        self.update_title()
        self.update_cumulative_map()  # a cumulative view of the previous input no longer applies

    def exports_allowed(self) -> bool:
        return not self.problems

    def update_enabled(self, reason: str = "") -> None:
        ok = not self.problems
        fresh = ok and self.result is not None
        self.action_export_pdf.setEnabled(ok)
        self.action_export_excel.setEnabled(fresh)
        self.action_compute.setEnabled(ok)
        self.page_results.button_mc.setEnabled(ok and self.mc_job is None)
        self.page_report.set_enabled_exports(ok, reason)
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

    def compute(self, samples: int = 0) -> ProgressHandle | None:
        if self.problems:
            return None
        self.generation += 1
        generation = self.generation
        case, ctx = self.state.case, self.ctx
        started = time.perf_counter()

        def job(handle: ProgressHandle) -> Assessment:
            from ber.engine.assess import assess

            return assess(case, ctx, samples=samples, seed=1, progress=handle if samples else None)

        def done(result: Assessment) -> None:
            if samples:
                self.mc_job = None
                self.page_results.set_busy(False)
            if generation != self.generation:
                return  # stale: the input changed meanwhile
            self.last_calc_seconds = time.perf_counter() - started
            self.show_result(result)

        def failed(exc: BaseException) -> None:
            if samples:
                self.mc_job = None
                self.page_results.set_busy(False)
            if generation != self.generation:
                return
            if isinstance(exc, InputError):
                self.label_validation.setText("; ".join(exc.texts(language())))
                return
            self.job_failed(exc)

        def cancelled() -> None:
            self.mc_job = None
            self.page_results.set_busy(False)
            self.page_results.label_mc.setText(tr("results.mc_cancelled"))

        progress = self.page_results.set_progress if samples else None
        return run_in_pool(job, done, failed, progress, cancelled, owner=self)

    def run_monte_carlo(self) -> ProgressHandle | None:
        if self.problems or self.mc_job is not None:
            return None
        self.page_results.set_busy(True)
        self.mc_job = self.compute(samples=self.prefs.mc_draws)
        return self.mc_job

    def cancel_monte_carlo(self) -> None:
        if self.mc_job is not None:
            self.mc_job.cancel()

    def show_result(self, result: Assessment) -> None:
        self.result = result
        self.page_results.show_result(result)
        self.page_map.show_result(result)
        self.page_region.set_result_region(list(result.region["municipalities"]))
        stamp = time.strftime("%H:%M:%S")
        seconds = self.last_calc_seconds or 0.0
        self.label_calc.setText(tr("status.calc", time=stamp, ms=f"{seconds * 1000:.0f}"))
        self.update_enabled()
        self.resultReady.emit()

    def _select_municipality(self, code: str) -> None:
        self.page_results.select_municipality(code)
        self.page_map.select(code)

    def _pick_on_map(self) -> None:
        self.steps.setCurrentRow(STEPS.index("map"))
        self.page_map.button_add_site.setChecked(True)
        self.statusBar().showMessage(tr("map.pick_hint"), 8000)

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
        QMessageBox.about(self, tr("action.about"), about_text(self.ctx.ref))

    # --- closing ------------------------------------------------------------------------------

    def closeEvent(self, event: QCloseEvent) -> None:
        if not self.maybe_save():
            event.ignore()
            return
        for job in (self.mc_job, self.report_job):
            if job is not None:
                job.cancel()
        self.autosave_timer.stop()
        self.end_session_marker()
        event.accept()
