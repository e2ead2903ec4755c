"""Import the grid operators' capacity map from the desktop (the counterpart of
``ber grid import``): Bestand › *Netcapaciteitskaart inlezen…* and the button of that
name on the Locaties page.

The map (``im-capaciteitskaart`` v1.3 JSON, ``ber.io.capacity_map``) is read and the
sites are matched on the worker funnel (``gui.workers.run_in_pool``; a national map is
tens of megabytes and takes about a second). :class:`GridPreviewDialog` shows per site
the postcode, how it was found (``ber.io.grid_match``: the postcode itself, its four
digits, not at all), the energy area, the congestion colour, the available capacity and
the queue; *Toepassen* writes the figures into ``sites[].grid`` as one undo step. A bad
map shows every problem (the command line's messages) in the window's error dialog and
changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QColor, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QMenu,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from ber.case.model import Case
from ber.io.capacity_map import CapacityMap
from ber.io.grid_match import GridImport, match_sites, mw_text
from ber.io.site_rows import COLOUR_KEYS
from ber.texts.catalogue import text
from ber.texts.messages import InputError
from gui.controller import WindowController, WindowParts
from gui.texts import language, title, tr
from gui.workers import error_text

#: the preview's columns (``gui.grid_import.col_<name>``)
COLUMNS = ("site", "postcode", "match", "area", "colour", "available", "queue")
#: a light tint of each congestion colour for its cell (transparant: none)
TINTS = {"yellow": "#FFF4B3", "amber": "#FFD8A8", "red": "#F8C4C4"}


def colour_label(colour: str) -> str:
    """The map's colour in a word ("rood"; "–" when the map gives none)."""
    return tr(f"grid_import.colour.{colour or 'none'}")


def site_cell(grid: dict[str, Any] | None) -> str:
    """The Locaties page's cell for a site's map figure ("OS VENLO: 12,5 MW, rood (2025-10-01)")."""
    if not grid:
        return tr("sites.grid_none")
    shown = tr(
        "sites.grid_found",
        area=grid.get("area", ""),
        mw=mw_text(grid.get("available_mw"), language()),
        colour=colour_label(grid.get("colour") or ""),
        date=grid.get("reference_date", ""),
    )
    # found by the postcode's four digits only: say so, as the preview and the report do
    return shown + (f" · {tr('grid_import.match.pc4')}" if grid.get("match") == "pc4" else "")


def site_cell_tip(grid: dict[str, Any] | None) -> str:
    """The cell's tooltip: where the figure comes from, and how the site was found."""
    tip = tr("sites.grid_tip")
    if grid and grid.get("match") in ("postcode", "pc4"):
        tip += "\n\n" + tr(f"grid_import.match_tip.{grid['match']}")
    return tip


class GridPreviewDialog(QDialog):
    """What the map gives each site; apply only when it changes the case."""

    def __init__(self, got: GridImport, changes: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        lang = language()
        self.setObjectName("dialog_grid_import")
        self.setWindowTitle(title("grid_import.title"))
        lay = QVBoxLayout(self)
        summary = QLabel(
            tr(
                "grid_import.summary",
                n=len(got.sites),
                found=got.found,
                source=got.cmap.source,
                date=got.cmap.issued,
            )
        )
        summary.setObjectName("label_grid_summary")
        summary.setWordWrap(True)
        lay.addWidget(summary)
        # a view on its own model: the window empties every QTableWidget it holds when the
        # map data arrives (``MainWindow._context_changed``), which must not empty this one
        self.model = QStandardItemModel(len(got.sites), len(COLUMNS), self)
        self.model.setHorizontalHeaderLabels([tr(f"grid_import.col_{c}") for c in COLUMNS])
        self.table = QTableView(self)
        self.table.setObjectName("table_grid_import")
        self.table.setAccessibleName(title("grid_import.title"))
        self.table.setModel(self.model)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        for r, site in enumerate(got.sites):
            fig = site.figure
            none = tr("grid_import.none")
            cells = (
                site.name,
                site.postcode or none,
                tr(f"grid_import.match.{site.kind}"),
                fig.area if fig else none,
                colour_label(fig.colour) if fig else none,
                mw_text(fig.available_mw, lang) if fig else none,
                text(
                    "report.site.grid_queue_value",
                    lang,
                    count=fig.requests_in_queue or 0,
                    mw=mw_text(fig.queue_mw, lang),
                )
                if fig
                else none,
            )
            for c, value in enumerate(cells):
                item = QStandardItem(value)
                if COLUMNS[c] == "match":
                    item.setToolTip(tr(f"grid_import.match_tip.{site.kind}"))
                if COLUMNS[c] == "colour" and fig is not None:
                    item.setToolTip(text(COLOUR_KEYS.get(fig.colour, COLOUR_KEYS[""]), lang))
                    if fig.colour in TINTS:
                        item.setBackground(QColor(TINTS[fig.colour]))
                self.model.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        wide = sum(self.table.columnWidth(c) for c in range(len(COLUMNS)))
        self.resize(max(720, min(wide + 60, 1400)), 320)
        lay.addWidget(self.table, 1)
        note = QLabel(tr("grid_import.note"))
        note.setWordWrap(True)
        lay.addWidget(note)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.button_apply = self.buttons.addButton(
            tr("grid_import.apply"), QDialogButtonBox.ButtonRole.AcceptRole
        )
        self.button_apply.setObjectName("button_grid_apply")
        self.button_apply.setEnabled(changes)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)


class GridImportController(WindowController):
    """Bestand › Netcapaciteitskaart inlezen… (after the geodata import) and the Locaties
    page's button: read a map, preview it, apply it as one undo step."""

    def __init__(self, parts: WindowParts, sites_page: QObject | None = None) -> None:
        super().__init__(parts)
        self.preview: GridPreviewDialog | None = None
        self.action = QAction(tr("action.import_grid"), self.window)
        self.action.setObjectName("action_import_grid")
        self.action.setStatusTip(tr("action.import_grid_tip"))
        self.action.setToolTip(tr("action.import_grid_tip"))
        self.action.triggered.connect(lambda _checked=False: self.ask())
        self.window.addAction(self.action)
        menu = self.window.menuBar().findChild(QMenu, "menu_file")
        after = self.window.findChild(QAction, "action_import_geodata")
        if menu is not None:
            actions = menu.actions()
            index = actions.index(after) if after in actions else -1
            if 0 <= index < len(actions) - 1:
                menu.insertAction(actions[index + 1], self.action)
            else:
                menu.addAction(self.action)
        signal = getattr(sites_page, "gridImportRequested", None)
        if signal is not None:
            signal.connect(self.ask)

    def ask(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self.window, title("action.import_grid"), self.last_folder(), tr("grid_import.filter")
        )
        if path:
            self.read(path)

    def read(self, path: Path | str, on_shown: Callable[[GridPreviewDialog], None] | None = None) -> None:
        """Read and match on a worker, then show the preview (``on_shown`` gets it, for tests);
        a bad map: the error dialog, nothing changed."""
        from gui.workers import run_in_pool

        file = Path(path)
        snapshot = self.state.case

        def work(_handle: Any) -> CapacityMap:
            from ber.io.capacity_map import read_capacity_map

            cmap = read_capacity_map(file)
            match_sites(snapshot, cmap)  # builds the map's postcode index here, off the GUI thread
            return cmap

        def done(cmap: CapacityMap) -> None:
            self._show(cmap, file, on_shown)

        def failed(exc: BaseException) -> None:
            self.show_error(tr("grid_import.failed", file=file.name), error_text(exc))

        run_in_pool(work, done, failed, owner=self.window)

    def _show(
        self, cmap: CapacityMap, file: Path, on_shown: Callable[[GridPreviewDialog], None] | None
    ) -> None:
        from ber.io.grid_match import grid_problems

        got = match_sites(self.state.case, cmap)  # the case as it is now (0.3 ms with the index)
        problems = grid_problems(got.case, self.analysis.ctx.ref)
        if problems:
            self.show_error(tr("grid_import.failed", file=file.name), error_text(InputError(problems)))
            return
        dialog = GridPreviewDialog(got, _sites(got.case) != _sites(self.state.case), self.window)
        self.preview = dialog
        dialog.accepted.connect(lambda: self._apply(cmap))
        if on_shown is not None:
            on_shown(dialog)
        dialog.open()

    def _apply(self, cmap: CapacityMap) -> None:
        got = match_sites(self.state.case, cmap)
        if self.state.set_value("sites", _sites(got.case), tr("grid_import.undo_text")):
            self.window.statusBar().showMessage(tr("grid_import.applied", n=got.found), 6000)


def _sites(case: Case) -> list[dict[str, Any]]:
    return [s.model_dump(mode="json") for s in case.sites]
