"""File › Intake met de werkgever: a new case, then the intake wizard on it (:mod:`gui.intake`).

The action stands in the File menu and the toolbar right after New. It starts a new
case the way New does (asking to save the current one, at the home municipality) and
opens :class:`~gui.intake.IntakeWizard` on it; ``open_wizard`` opens the wizard on the
current case (the tests and a case already begun use it).
"""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QToolBar

from gui.binding import Binder
from gui.controller import WindowController, WindowParts
from gui.documents import DocumentController
from gui.intake import IntakeWizard
from gui.texts import tr


class IntakeController(WindowController):
    def __init__(self, parts: WindowParts, binder: Binder, documents: DocumentController) -> None:
        super().__init__(parts)
        self.binder = binder
        self.documents = documents
        self.wizard: IntakeWizard | None = None
        self.action = QAction(tr("action.intake"), self.window)
        self.action.setObjectName("action_intake")
        self.action.setStatusTip(tr("action.intake_tip"))
        self.action.setToolTip(tr("action.intake_tip"))
        self.action.triggered.connect(lambda _checked=False: self.start())
        self.window.addAction(self.action)
        menu = self.window.menuBar().findChild(QMenu, "menu_file")
        toolbar = self.window.findChild(QToolBar, "toolbar_main")
        for container in (menu, toolbar):
            if container is None:
                continue
            after = self.window.findChild(QAction, "action_new")
            actions = container.actions()
            index = actions.index(after) if after in actions else -1
            if 0 <= index < len(actions) - 1:
                container.insertAction(actions[index + 1], self.action)
            else:
                container.addAction(self.action)

    def start(self) -> IntakeWizard | None:
        """A new case (as File › New), then the intake on it; None when New was cancelled."""
        before = self.state.case
        self.documents.new_case()
        if self.state.case is before:
            return None
        return self.open_wizard()

    def open_wizard(self) -> IntakeWizard:
        table = self.analysis.ctx.table

        def centroid(code: str) -> tuple[float, float] | None:
            if code not in table:
                return None
            i = table.index(code)
            return float(table.x[i]), float(table.y[i])

        wizard = IntakeWizard(
            self.binder,
            self.analysis.ctx.ref,
            self.documents.municipality_choices(),
            centroid,
            lambda: self.analysis.problems,
            self.window,
        )
        self.binder.refresh()
        self.wizard = wizard
        wizard.finished.connect(lambda _r: setattr(self, "wizard", None))
        wizard.open()
        return wizard
