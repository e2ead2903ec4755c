"""Map mode "Waar past het het best?": the scan of an area (``ber.engine.scan``), run in
the worker with progress and cancel, its ranked list, and the map colouring it gives.

The panel knows nothing of the window: it asks ``case_provider`` and
``context_provider`` for the case and the calculation context when it runs, and
emits ``moveSiteRequested`` when the user wants the site moved to a host (the window
asks first and makes the change undoable, ``gui.scan_mode``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QItemSelection, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
)

from ber.engine.scan_result import ScanResult, ScanRow
from ber.engine.status import severity
from ber.maplayer import PressureRamp
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, format_number
from ber.texts.messages import InputError, Lang, Problem
from ber.texts.verdicts import percent_floor, pressure_percent_text
from gui.models import STATUS_BACKGROUND, Cell, CellTableModel
from gui.scan_sites import ask_sites_file, from_file, row_keys
from gui.texts import language, tr
from gui.workers import ProgressHandle, error_text, run_in_pool

#: what a scan job gives: the result and notices (points of a file outside every municipality)
Scanned = tuple[ScanResult, list[Problem]]
#: the area kinds offered, in this order after "Heel Nederland"
AREA_KINDS = ("provincie", "arbeidsmarktregio", "corop")
#: map colourings of a scan: each host's worst verdict, or its rank on a green-to-red ramp
COLOURINGS = ("verdict", "rank")


def worst_verdict(row: ScanRow) -> str:
    """The host's worst domain verdict (red > amber > grey > green)."""
    return max(row.verdict.values(), key=severity, default="grey")


@dataclass(frozen=True)
class RankRamp(PressureRamp):
    """The map's colour ramp read as rank: green the first host, red the last."""

    hosts: int = 1
    amber: float = 0.5
    red: float = 1.0
    maximum: float = 1.0

    def tick_labels(self, lang: Lang) -> list[tuple[float, str]]:
        return [(0.0, tr("scan.rank_first")), (1.0, tr("scan.rank_last", n=self.hosts))]


def rank_fraction(result: ScanResult, row: ScanRow) -> float:
    """The row's position on the rank ramp (0 the first, 1 the last)."""
    return (row.rank - 1) / max(len(result.rows) - 1, 1)


def rank_fractions(result: ScanResult) -> dict[str, float | None]:
    """Host code -> position on the rank ramp (0 the first, 1 the last)."""
    return {r.host_municipality: rank_fraction(result, r) for r in result.rows}


def scan_colouring(result: ScanResult) -> tuple[dict[str, str], dict[str, str]]:
    """The map's statuses (host code -> worst verdict) and tooltips of a municipality scan."""
    lang = language()
    statuses, tooltips = {}, {}
    for r in result.rows:
        statuses[r.host_municipality] = worst_verdict(r)
        tooltips[r.host_municipality] = tr(
            "scan.tooltip",
            rank=r.rank,
            count=len(result.rows),
            name=r.host_name,
            red=r.red,
            amber=r.amber,
            unknown=percent_floor(r.unknown_share, lang),
            verdict=STATUS_LABELS[worst_verdict(r)][lang],
        )
    return statuses, tooltips


def verdicts_tip(row: ScanRow) -> str:
    """Every domain's verdict for the host, one per line (the domains of the registry)."""
    lang = language()
    return "\n".join(
        f"{DOMAIN_LABELS[d][lang]}: {STATUS_LABELS[v][lang]}"
        for d, v in row.verdict.items()
        if d in DOMAIN_LABELS
    )


def case_key(case: Any) -> str:
    """What a scan depends on: the case without its sites (the scan replaces them)."""
    return str(case.model_copy(update={"sites": []}).sha256())


def area_choices(ctx: Any) -> list[tuple[str, str]]:
    """(code, label) of every area of the context's geodata: NL first, then by kind."""
    out = [("NL", tr("scan.area_nl"))]
    geo = getattr(ctx, "geo", None)
    if geo is None:
        return out
    for kind in AREA_KINDS:
        for code, (name, _members) in geo.regions(kind).items():
            out.append((code, tr(f"scan.kind.{kind}", name=name, code=code)))
    return out


class ScanPanel(QGroupBox):
    #: a scan finished (the ScanResult), or was cleared (None)
    scanned = Signal(object)
    #: a row was selected: the host municipality's code
    hostSelected = Signal(str)
    #: move the case's chosen site to a host: (code, x, y) in RD New metres, and the name of
    #: the file's point ("" for a municipality's centroid)
    moveSiteRequested = Signal(str, float, float, str)

    def __init__(self) -> None:
        super().__init__(tr("scan.title"))
        self.setObjectName("group_scan")
        self.case_provider: Callable[[], Any] = lambda: None
        self.context_provider: Callable[[], Any] = lambda: None
        self.result: ScanResult | None = None
        self.job: ProgressHandle | None = None
        #: the folder of the last business-park file (the file dialog opens there)
        self.last_folder = ""
        #: what the shown scan was computed from (the case without its sites), and the running one
        self._scanned_key: str | None = None
        self._running_key: str | None = None
        lay = QVBoxLayout(self)
        intro = QLabel(tr("scan.intro"))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("scan.area")))
        self.combo_area = QComboBox()
        self.combo_area.setObjectName("combo_scan_area")
        self.combo_area.setAccessibleName(tr("scan.area"))
        bar.addWidget(self.combo_area, 1)
        self.button_run = QPushButton(tr("scan.run"))
        self.button_run.setObjectName("button_scan_run")
        self.button_run.clicked.connect(self.run)
        bar.addWidget(self.button_run)
        self.button_cancel = QPushButton(tr("button.cancel"))
        self.button_cancel.setObjectName("button_scan_cancel")
        self.button_cancel.setEnabled(False)
        self.button_cancel.clicked.connect(self.cancel)
        bar.addWidget(self.button_cancel)
        lay.addLayout(bar)
        bar = QHBoxLayout()  # or the points of a file of business parks (``ber scan --sites``)
        self.button_file = QPushButton(tr("scan.from_file"))
        self.button_file.setObjectName("button_scan_file")
        self.button_file.setToolTip(tr("scan.from_file_tip"))
        self.button_file.clicked.connect(self.choose_file)
        bar.addWidget(self.button_file)
        bar.addStretch(1)
        lay.addLayout(bar)
        bar = QHBoxLayout()
        bar.addWidget(QLabel(tr("scan.colour_by")))
        self.combo_colour = QComboBox()
        self.combo_colour.setObjectName("combo_scan_colour")
        self.combo_colour.setAccessibleName(tr("scan.colour_by"))
        for key in COLOURINGS:
            self.combo_colour.addItem(tr(f"scan.colour.{key}"), key)
        self.combo_colour.currentIndexChanged.connect(lambda _i: self.scanned.emit(self.result))
        bar.addWidget(self.combo_colour)
        bar.addStretch(1)
        lay.addLayout(bar)
        self.progress = QProgressBar()
        self.progress.setObjectName("progress_scan")
        self.progress.setAccessibleName(tr("scan.title"))
        self.progress.setVisible(False)
        lay.addWidget(self.progress)
        self.label_status = QLabel()
        self.label_status.setObjectName("label_scan_status")
        self.label_status.setWordWrap(True)
        lay.addWidget(self.label_status)
        from gui.pages.results import table_view

        self.model = CellTableModel()
        self.table = table_view("table_scan", self.model, False)
        self.table.selectionModel().selectionChanged.connect(self._selected)
        lay.addWidget(self.table, 1)
        note = QLabel(tr("scan.not_advice"))
        note.setObjectName("label_scan_note")
        note.setWordWrap(True)
        lay.addWidget(note)
        self.button_move = QPushButton(tr("scan.move_site"))
        self.button_move.setObjectName("button_scan_move_site")
        self.button_move.setToolTip(tr("scan.move_tip"))
        self.button_move.setEnabled(False)
        self.button_move.clicked.connect(self._move)
        lay.addWidget(self.button_move, 0, Qt.AlignmentFlag.AlignLeft)

    # ------------------------------------------------------------------ areas

    def refresh_areas(self) -> None:
        """Offer the areas of the current context (keeps the choice when it still exists)."""
        current = self.combo_area.currentData()
        self.combo_area.clear()
        for code, label in area_choices(self.context_provider()):
            self.combo_area.addItem(label, code)
        index = self.combo_area.findData(current)
        self.combo_area.setCurrentIndex(max(0, index))

    def colouring(self) -> str:
        return str(self.combo_colour.currentData() or "verdict")

    def area_code(self) -> str:
        return str(self.combo_area.currentData() or "NL")

    # ------------------------------------------------------------------ running

    def run(self) -> None:
        """Scan the chosen area in the worker; the previous run is cancelled."""
        code = self.area_code()

        def job(case: Any, ctx: Any, handle: ProgressHandle) -> Scanned:
            from ber.engine.scan import municipality_hosts, scan
            from ber.engine.scan_area import resolve_area

            area = resolve_area(ctx, code)
            hosts = municipality_hosts(ctx, area.members)
            return scan(case, hosts, ctx, area=area.to_dict(), progress=handle), []

        self._start(job)

    def choose_file(self) -> None:
        """Ask for a file of business parks and scan its points (a case with problems: say so
        before asking)."""
        if self.case_provider() is None:
            self.label_status.setText(tr("scan.no_case"))
            return
        path = ask_sites_file(self, self.last_folder)
        if path:
            self.last_folder = str(Path(path).parent)
            self.run_file(Path(path))

    def run_file(self, path: Path) -> None:
        """Scan every point of the file in the worker, checked as ``ber scan --sites`` does:
        a file without points or in an unknown CRS is refused (in the panel) before any
        calculation."""
        lang = language()

        def job(case: Any, ctx: Any, handle: ProgressHandle) -> Scanned:
            from ber.engine.scan import scan
            from ber.geodata.compare import file_hosts

            hosts, area, notices = file_hosts(case, ctx, path, lang)
            return scan(case, hosts, ctx, area=area, hosts_from="sites", progress=handle), notices

        self._start(job)

    def _start(self, scan_job: Callable[[Any, Any, ProgressHandle], Scanned]) -> None:
        case, ctx = self.case_provider(), self.context_provider()
        if case is None or ctx is None:
            self.label_status.setText(tr("scan.no_case"))
            return
        if self.job is not None:
            self.job.cancel()
        self._running_key = case_key(case)

        def job(handle: ProgressHandle) -> Scanned:
            return scan_job(case, ctx, handle)

        self.progress.setValue(0)
        self.progress.setVisible(True)
        self.button_cancel.setEnabled(True)
        self.label_status.setText(tr("scan.running"))
        handle = run_in_pool(job, self._done, self._failed, self._progress, self._cancelled, owner=self)
        self.job = handle

    def cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()

    def _finish(self) -> None:
        self.job = None
        self.progress.setVisible(False)
        self.button_cancel.setEnabled(False)

    def _progress(self, fraction: float, _message: str) -> None:
        self.progress.setValue(round(fraction * 100))

    def _done(self, scanned: Scanned) -> None:
        self._finish()
        self._scanned_key = self._running_key
        result, notices = scanned
        self.show_result(result)
        if notices:  # points outside every municipality (as ``ber scan`` warns)
            lang = language()
            lines = [self.label_status.text(), *(n.text(lang) for n in notices)]
            self.label_status.setText("\n".join(lines))

    def case_changed(self) -> None:
        """A new result of the window: say so when the shown scan no longer fits the case
        (its sites do not count: the scan replaces them)."""
        case = self.case_provider()
        if self.result is not None and case is not None and case_key(case) != self._scanned_key:
            self.label_status.setText(tr("scan.stale"))

    def _failed(self, exc: BaseException) -> None:
        self._finish()
        if isinstance(exc, InputError):  # a refused file or area: nothing computed, no old list
            self.show_result(None)
        self.label_status.setText(tr("scan.failed", reason=error_text(exc)))

    def _cancelled(self) -> None:
        self._finish()
        self.label_status.setText(tr("scan.cancelled"))

    # ------------------------------------------------------------------ showing

    def show_result(self, result: ScanResult | None) -> None:
        self.result = result
        lang = language()
        points = from_file(result) if result is not None else False
        self.button_move.setText(tr("scan.move_point" if points else "scan.move_site"))
        self.button_move.setToolTip(tr("scan.move_point_tip" if points else "scan.move_tip"))
        if result is None:
            self.model.set_table([], [])
            self.label_status.setText("")
            self.button_move.setEnabled(False)
            self.scanned.emit(None)
            return
        headers = [
            tr("col.rank"),
            *([tr("scan.col.site")] if points else []),
            tr("scan.col.host"),
            tr("scan.col.verdict"),
            tr("col.red"),
            tr("col.amber"),
            tr("col.unknown_share"),
            tr("col.max_pressure"),
        ]
        rows = []
        for r in result.rows:
            worst = worst_verdict(r)
            rows.append(
                [
                    Cell(str(r.rank), align_right=True, value=r.rank),
                    *([Cell(r.name)] if points else []),
                    Cell(r.host_name),
                    Cell(STATUS_LABELS[worst][lang], STATUS_BACKGROUND[worst], verdicts_tip(r)),
                    Cell(str(r.red), STATUS_BACKGROUND["red"] if r.red else None, align_right=True),
                    Cell(str(r.amber), STATUS_BACKGROUND["amber"] if r.amber else None, align_right=True),
                    Cell(percent_floor(r.unknown_share, lang), align_right=True),
                    Cell(pressure_percent_text(r.max_pressure, r.no_capacity, lang) or "–", align_right=True),
                ]
            )
        self.model.set_table(headers, rows, row_keys(result))
        self.table.resizeColumnsToContents()
        area = result.area.get("name") or result.area.get("code", "")
        self.label_status.setText(
            tr(
                "scan.done_points" if points else "scan.done",
                count=len(result.rows),
                area=area,
                km=format_number(result.cutoff_km, lang, 0),
                year=result.full_operation_year,
            )
        )
        self.button_move.setEnabled(False)
        self.scanned.emit(result)

    def select_host(self, code: str) -> None:
        """Select the row of a host (a municipality clicked on the map; of a file's points
        the best one in that municipality)."""
        row = self.model.row_of(code)
        if self.result is not None and from_file(self.result):
            hosts = [r.host_municipality for r in self.result.rows]
            row = hosts.index(code) if code in hosts else -1
        if row >= 0:
            self.table.selectRow(row)
            self.table.scrollTo(self.model.index(row, 0))

    def selected_row(self) -> ScanRow | None:
        if self.result is None:
            return None
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        index = rows[0].row()
        return self.result.rows[index] if 0 <= index < len(self.result.rows) else None

    def _selected(self, _new: QItemSelection, _old: QItemSelection) -> None:
        row = self.selected_row()
        self.button_move.setEnabled(row is not None)
        if row is not None:
            self.hostSelected.emit(row.host_municipality)

    def _move(self) -> None:
        row = self.selected_row()
        if row is not None:
            name = row.name if from_file(self.result) else ""
            self.moveSiteRequested.emit(row.host_municipality, row.x, row.y, name)
