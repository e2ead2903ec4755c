"""The main window's *Register* menu: open the case register, register the current case.

:class:`RegisterMenu` gets what it needs in the window's parts (:class:`gui.controller.WindowParts`:
the window for the menu bar and as parent, the case, the result, the officer and the
register address typed this session); it keeps the register window it opened in ``view``.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

from ber.case.model import Case
from ber.engine.result import Assessment
from gui.controller import WindowController, WindowParts
from gui.register_dialogs import register_url
from gui.register_view import RegisterView, register_current
from gui.texts import tr


class RegisterMenu(WindowController):
    """Adds the menu (``action_register_open``, ``action_register_add``) before *Help*."""

    #: a register window was opened (the window connects its cumulative view to the map)
    viewOpened = Signal(object)

    def __init__(self, parts: WindowParts) -> None:
        super().__init__(parts)
        self.view: RegisterView | None = None
        self.menu = QMenu(tr("register.menu"), self.window)
        self.menu.setObjectName("menu_register")
        self.action_open = QAction(tr("register.action_open"), self.menu)
        self.action_open.setObjectName("action_register_open")
        self.action_open.setStatusTip(tr("register.action_open_tip"))
        self.action_open.triggered.connect(lambda _checked=False: self.open_view())
        self.action_add = QAction(tr("register.action_add"), self.menu)
        self.action_add.setObjectName("action_register_add")
        self.action_add.triggered.connect(lambda _checked=False: self.add())
        self.menu.addActions([self.action_open, self.action_add])
        bar = self.window.menuBar()
        help_menu = next(
            (a for a in bar.actions() if a.menu() is not None and a.text() == tr("menu.help")), None
        )
        if help_menu is not None:
            bar.insertMenu(help_menu, self.menu)
        else:
            bar.addMenu(self.menu)

    def open_view(self) -> RegisterView:
        """Open a register window (with the password typed this session, if any)."""
        view = RegisterView(
            self.get_case,
            self.get_result,
            officer=self.prefs.officer,
            url=register_url(self.parts.session_url()),
            parent=self.window,
        )
        view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.view = view
        self.viewOpened.emit(view)
        view.show()
        return view

    def add(self) -> None:
        view = self.open_view()
        register_current(
            self.get_case(), self.get_result(), self.window, view=view, officer=self.prefs.officer
        )

    def get_case(self) -> Case | None:
        return self.state.case

    def get_result(self) -> Assessment | None:
        return self.analysis.result

    def view_cumulative(self, case: Case) -> object:
        """The open register window's cumulative view of ``case``, or None."""
        if self.view is None:
            return None
        try:
            return self.view.cumulative_for(case)
        except RuntimeError:  # the register window was closed and deleted
            return None
