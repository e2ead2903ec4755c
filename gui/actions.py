"""The main window's commands: every ``QAction`` with its shortcut, the menus and the toolbar.

:class:`WindowCommands` holds each action as a named attribute (``action_new``,
``action_undo``, ...; object names alike, for tests and accessibility) and connects it
to the controller that does the work.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from gui.calculation import CalculationController
from gui.documents import DocumentController
from gui.exports import ExportController
from gui.map_region import MapCommands, MapRegionController
from gui.texts import tr

#: the steps of the left-hand list, in order (pages of the main window)
STEPS = ("business", "workforce", "sites", "region", "results", "map", "report")


class WindowCommands(QObject):
    """Actions, menus and toolbar of the main window."""

    def __init__(
        self,
        window: QMainWindow,
        documents: DocumentController,
        exports: ExportController,
        map_region: MapRegionController,
        calculation: CalculationController,
        stack: QUndoStack,
        *,
        preferences: Callable[[], None],
        manual: Callable[[], None],
        reference: Callable[[], None],
        about: Callable[[], None],
        show_step: Callable[[int], None],
        map_commands: MapCommands | None = None,
    ) -> None:
        super().__init__(window)
        self.window = window
        self.map_commands = map_commands or MapCommands(
            window, map_region.page_map, lambda: show_step(STEPS.index("map"))
        )
        self._build_actions(
            documents,
            exports,
            map_region,
            calculation,
            stack,
            preferences,
            manual,
            reference,
            about,
            show_step,
        )
        self._build_menus(documents.menu_recent)

    def _action(
        self,
        name: str,
        text_key: str,
        slot: Callable[[], Any],
        shortcut: QKeySequence | list[QKeySequence] | None = None,
        tip_key: str = "",
    ) -> QAction:
        action = QAction(tr(text_key), self.window)
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
        self.window.addAction(action)
        return action

    def _build_actions(
        self,
        documents: DocumentController,
        exports: ExportController,
        map_region: MapRegionController,
        calculation: CalculationController,
        stack: QUndoStack,
        preferences: Callable[[], None],
        manual: Callable[[], None],
        reference: Callable[[], None],
        about: Callable[[], None],
        show_step: Callable[[int], None],
    ) -> None:
        K = QKeySequence
        self.action_new = self._action("action_new", "action.new", documents.new_case, K(K.StandardKey.New))
        self.action_open = self._action(
            "action_open", "action.open", documents.open_dialog, K(K.StandardKey.Open)
        )
        self.action_save = self._action("action_save", "action.save", documents.save, K(K.StandardKey.Save))
        self.action_save_as = self._action(
            "action_save_as", "action.save_as", documents.save_as, K("Ctrl+Shift+S")
        )
        self.action_revert = self._action(
            "action_revert", "action.revert", documents.revert, None, "action.revert_tip"
        )
        self.action_open_demo = self._action(
            "action_open_demo", "action.open_demo", documents.open_demo, None, "action.open_demo_tip"
        )
        self.action_export_pdf = self._action(
            "action_export_pdf", "action.export_pdf", exports.export_pdf, K("Ctrl+P"), "action.export_pdf_tip"
        )
        self.action_export_excel = self._action(
            "action_export_excel", "action.export_excel", exports.export_excel, K("Ctrl+E")
        )
        maps = self.map_commands
        self.action_export_map_png = self._action(
            "action_export_map_png", "action.export_map_png", lambda: maps.export("png")
        )
        self.action_export_map_svg = self._action(
            "action_export_map_svg", "action.export_map_svg", lambda: maps.export("svg")
        )
        self.action_zoom_region = self._action(
            "action_zoom_region",
            "action.zoom_region",
            maps.zoom_to_region,
            K("Ctrl+0"),
            "action.zoom_region_tip",
        )
        self.action_import_geodata = self._action(
            "action_import_geodata",
            "action.import_geodata",
            map_region.import_geodata_dialog,
            None,
            "action.import_geodata_tip",
        )
        self.action_quit = self._action("action_quit", "action.quit", self.window.close, K("Ctrl+Q"))
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
            "action_preferences", "action.preferences", preferences, K("Ctrl+,")
        )
        self.action_compute = self._action("action_compute", "action.compute", calculation.compute, K("F5"))
        self.action_manual = self._action("action_manual", "action.manual", manual, K("F1"))
        self.action_reference = self._action("action_reference", "action.reference", reference)
        self.action_about = self._action("action_about", "action.about", about)
        self.step_actions: list[QAction] = []
        for i, step in enumerate(STEPS):
            a = self._action(
                f"action_step_{step}",
                "step." + step,
                partial(show_step, i),
                K(f"Ctrl+{i + 1}"),
            )
            self.step_actions.append(a)

    def _build_menus(self, menu_recent: QMenu) -> None:
        bar = self.window.menuBar()
        file_menu = bar.addMenu(tr("menu.file"))
        file_menu.setObjectName("menu_file")
        file_menu.addActions([self.action_new, self.action_open])
        file_menu.addMenu(menu_recent)
        file_menu.addSeparator()
        file_menu.addActions([self.action_save, self.action_save_as, self.action_revert])
        file_menu.addSeparator()
        file_menu.addAction(self.action_open_demo)
        file_menu.addAction(self.action_import_geodata)
        file_menu.addSeparator()
        file_menu.addActions([self.action_export_pdf, self.action_export_excel])
        file_menu.addActions([self.action_export_map_png, self.action_export_map_svg])
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
        view_menu.addAction(self.action_zoom_region)
        view_menu.addAction(self.action_compute)
        help_menu = bar.addMenu(tr("menu.help"))
        help_menu.setObjectName("menu_help")
        help_menu.addActions([self.action_manual, self.action_reference])
        help_menu.addSeparator()
        help_menu.addAction(self.action_about)
        toolbar = QToolBar(tr("toolbar.main"), self.window)
        toolbar.setObjectName("toolbar_main")
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        toolbar.addActions([self.action_new, self.action_open, self.action_save])
        toolbar.addSeparator()
        toolbar.addActions([self.action_undo, self.action_redo])
        toolbar.addSeparator()
        toolbar.addActions([self.action_open_demo, self.action_export_pdf, self.action_export_excel])
        self.window.addToolBar(toolbar)
        view_menu.addSeparator()
        toggle = toolbar.toggleViewAction()
        toggle.setObjectName("action_toggle_toolbar")
        toggle.setText(tr("action.toolbar"))
        view_menu.addAction(toggle)
