"""Main-window glue for the preferences, ticking the region on the map and the cumulative map.

``MapRegionMixin`` is mixed into :class:`gui.main_window.MainWindow` (like
``DocumentMixin`` and ``ExportMixin``): it expects ``state``, ``ctx``, ``prefs``,
``page_map`` and ``page_report`` of the window.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QMessageBox

from ber.case.model import Region
from ber.engine.geometry import site_point
from gui.dialogs import PreferencesDialog
from gui.settings import Preferences, save_preferences
from gui.texts import tr

if TYPE_CHECKING:
    from gui.main_window import MainWindow

STATUS_MS = 8000


class MapRegionMixin:
    """Preferences (with the register URL), region ticking and cumulative map colours."""

    #: the register URL with the password typed this session (memory only, never saved)
    register_session_url: str | None = None

    # --- preferences -----------------------------------------------------------------

    def preferences(self: MainWindow) -> None:
        dialog = PreferencesDialog(self.prefs, self.ctx.ref, self)
        if dialog.exec():
            self.apply_preferences(dialog.result_preferences(), dialog.session_url())

    def apply_preferences(self: MainWindow, new: Preferences, session_url: str | None = None) -> None:
        """Store the preferences (the register URL without password); the password stays in memory."""
        changed_language = new.language != self.prefs.language
        if session_url is not None:
            self.register_session_url = session_url
            self.statusBar().showMessage(tr("prefs.register_session"), STATUS_MS)
        elif new.register_url != self.prefs.register_url:
            self.register_session_url = None  # another register: the old password does not apply
        self.prefs = new
        save_preferences(new)
        self.page_report.check_pdfa.setChecked(new.pdfa)
        self.update_enabled()
        if changed_language:
            QMessageBox.information(self, tr("prefs.title"), tr("prefs.restart"))

    # --- ticking the region on the map -------------------------------------------------

    def host_municipality(self: MainWindow) -> str | None:
        """The host municipality of the chosen site (None when it cannot be placed)."""
        try:
            return site_point(self.state.case.chosen_site(), self.ctx.table, self.ctx.locate).host
        except Exception:  # an invalid site: validation already says so
            return None

    def toggle_region_municipality(self: MainWindow, code: str) -> bool:
        """Add ``code`` to the case's region or remove it: one undo step. False when refused."""
        table = self.ctx.table
        name = table.name(code) if code in table else code
        if code not in table:
            self.statusBar().showMessage(tr("map.tick_unknown", code=code), STATUS_MS)
            return False
        region = self.state.case.region
        if region.municipalities is not None:
            codes = list(region.municipalities)
        else:  # start from the region the last calculation derived
            codes = list(self.result.region["municipalities"]) if self.result is not None else []
        host = self.host_municipality()
        if code in codes:
            if code == host:
                self.statusBar().showMessage(tr("map.tick_host", name=name), STATUS_MS)
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
        self.statusBar().showMessage(tr(message, name=name, n=len(ordered)), STATUS_MS)
        return True

    def _tick_mode_changed(self: MainWindow, on: bool) -> None:
        if on:
            self.statusBar().showMessage(tr("map.tick_hint"), STATUS_MS)
        else:
            self.statusBar().clearMessage()

    # --- cumulative colours on the map ---------------------------------------------------

    def cumulative_view(self: MainWindow) -> Any:
        """The register window's cumulative view of the current case, or None."""
        view = getattr(self, "register_view", None)
        if view is None:
            return None
        try:
            return view.cumulative_for(self.state.case)
        except RuntimeError:  # the register window was closed and deleted
            return None

    def update_cumulative_map(self: MainWindow) -> None:
        cum = self.cumulative_view()
        if cum is not self.page_map.cumulative:
            self.page_map.set_cumulative(cum)
