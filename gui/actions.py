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
STEPS = ("business", "workforce", "sites", "region", "qualitative", "results", "map", "afweging", "report")


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
        self.map_commands = maps = map_commands or MapCommands(
            window, map_region.page_map, lambda: show_step(STEPS.index("map"))
        )
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
        self.action_open_demo = self._action(
            "action_open_demo", "action.open_demo", documents.open_demo, None, "action.open_demo_tip"
        )
        self.action_export_pdf = self._action(
            "action_export_pdf", "action.export_pdf", exports.export_pdf, K("Ctrl+P"), "action.export_pdf_tip"
        )
        self.action_export_excel = self._action(
            "action_export_excel", "action.export_excel", exports.export_excel, K("Ctrl+E")
        )
        self.action_export_gpkg = self._action(
            "action_export_gpkg", "action.export_gpkg", exports.export_gpkg, None, "action.export_gpkg_tip"
        )
        self.action_export_html = self._action(
            "action_export_html", "action.export_html", exports.export_html, None, "action.export_html_tip"
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

    def _menu(self, name: str, *groups: list[QAction]) -> QMenu:
        """Menu ``menu_<name>`` (text ``menu.<name>``) on the menu bar: groups of actions between separators."""
        menu = self.window.menuBar().addMenu(tr(f"menu.{name}"))
        menu.setObjectName(f"menu_{name}")
        for i, group in enumerate(groups):
            if i:
                menu.addSeparator()
            menu.addActions(group)
        return menu

    def _build_menus(self, menu_recent: QMenu) -> None:
        self._menu(
            "file",
            [self.action_new, self.action_open, menu_recent.menuAction()],
            [self.action_save, self.action_save_as, self.action_revert],
            [self.action_open_demo, self.action_import_geodata],
            [
                self.action_export_pdf,
                self.action_export_html,
                self.action_export_excel,
                self.action_export_gpkg,
            ],
            [self.action_export_map_png, self.action_export_map_svg],
            [self.action_quit],
        )
        self._menu("edit", [self.action_undo, self.action_redo], [self.action_preferences])
        view_menu = self._menu("view", self.step_actions, [self.action_zoom_region, self.action_compute])
        self._menu("help", [self.action_manual, self.action_reference], [self.action_about])
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
