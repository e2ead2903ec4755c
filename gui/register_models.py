"""Table models and the chart of the register window (``gui.register_view``).

Nothing here touches the database: the models take the plain records of
``ber.register`` (``Summary``, ``Cumulative``). ``ber.register`` itself (SQLAlchemy)
and matplotlib are imported lazily, so the main window starts as fast as before.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ber.reference.data import sector_label
from ber.texts.catalogue import LangTable
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, format_number, format_pressure, unit_label
from gui.models import STATUS_BACKGROUND, Cell, CellTableModel
from gui.texts import language, tr

if TYPE_CHECKING:
    from ber.register import Cumulative, CumulativeSeries, Summary


#: the register window's texts (``gui.register.*`` in the catalogue), keyed as ``tr`` takes them
REGISTER_TEXTS: Mapping[str, dict[str, str]] = LangTable("gui.register.", strip="gui.")

STATUSES = ("in_procedure", "granted", "refused", "withdrawn")


def status_text(status: str) -> str:
    return tr(f"register.status.{status}")


def sector_text(key: str) -> str:
    """The sector's name in the interface language ("Glastuinbouw"), not its key."""
    return sector_label(key, language())


def _date(value: Any) -> str:
    return value.isoformat() if value is not None else ""


class RegisterTableModel(QAbstractTableModel):
    """The register listing: one row per :class:`ber.register.Summary`."""

    COLUMNS = ("reference", "business", "sector", "host", "status", "received", "decided", "officer")

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Summary] = []

    def set_rows(self, rows: list[Summary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def summary(self, row: int) -> Summary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def references(self) -> list[str]:
        return [s.reference for s in self._rows]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def text(self, s: Summary, column: str) -> str:
        if column == "reference":
            return s.reference
        if column == "business":
            return s.business_name or s.title
        if column == "sector":
            return sector_label(s.sector, language()) if s.sector else ""
        if column == "host":
            return f"{s.host_name} ({s.host_municipality})" if s.host_name else s.host_municipality
        if column == "status":
            return status_text(s.status)
        if column == "received":
            return _date(s.received)
        if column == "decided":
            return _date(s.decided)
        return s.officer

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self.COLUMNS):
            return None
        s = self._rows[index.row()]
        column = self.COLUMNS[index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.text(s, column)
        if role == Qt.ItemDataRole.ToolTipRole:
            return s.title or None
        if role == Qt.ItemDataRole.UserRole:
            return s.reference
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return tr(f"register.col_{self.COLUMNS[section]}") if 0 <= section < len(self.COLUMNS) else None
        return str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _status_cell(status: str) -> Cell:
    return Cell(STATUS_LABELS[status][language()], STATUS_BACKGROUND[status])


def cumulative_model(model: CellTableModel, cum: Cumulative) -> None:
    """Fill ``model``: per domain × municipality in the full-operation year, without and with this case."""
    lang = language()
    t = cum.year_index(cum.full_operation_year)
    rows: list[list[Cell]] = []
    keys = []
    for s in cum.series:
        unit = unit_label(s.unit, lang)

        def qty(value: float | None) -> Cell:
            return Cell(format_number(value, lang, 0), align_right=True, value=value)

        rows.append(
            [
                Cell(DOMAIN_LABELS[s.domain][lang]),
                Cell(s.municipality_name, tooltip=s.municipality),
                Cell(unit),
                qty(s.other[t]),
                qty(s.this[t]),
                qty(s.total[t]),
                qty(s.capacity),
                Cell(format_pressure(s.pressure_without[t], lang), align_right=True),
                _status_cell(s.status_without[t]),
                Cell(format_pressure(s.pressure_with[t], lang), align_right=True),
                _status_cell(s.status_with[t]),
            ]
        )
        keys.append(f"{s.domain}/{s.municipality}")
    headers = [
        tr(f"register.col_{c}")
        for c in (
            "domain",
            "municipality",
            "unit",
            "other",
            "this",
            "total",
            "capacity",
            "pressure_without",
            "status_without",
            "pressure_with",
            "status_with",
        )
    ]
    model.set_table(headers, rows, keys)


def decisive_series(cum: Cumulative) -> CumulativeSeries | None:
    """The domain/municipality that decides the worst regional verdict with this case."""
    order = {"green": 0, "grey": 1, "amber": 2, "red": 3}
    best = None
    for dom, v in cum.verdict_with.items():
        if not v.municipality:
            continue
        key = (order[v.status], -1.0 if v.pressure is None else v.pressure)
        if best is None or key > best[0]:
            best = (key, dom, v.municipality)
    return None if best is None else cum.get(best[1], best[2])


class CumulativeChart(QWidget):
    """Stacked bars per year (other cases, this case) against the spare capacity (matplotlib, lazy)."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("chart_cumulative")
        self.setMinimumHeight(240)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._canvas: Any = None
        self._figure: Any = None
        self.series: CumulativeSeries | None = None

    def plot(self, s: CumulativeSeries, years: list[int]) -> None:
        if self._canvas is None:
            from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
            from matplotlib.figure import Figure

            self._figure = Figure(figsize=(6, 2.6), dpi=100, layout="constrained")
            self._canvas = FigureCanvasQTAgg(self._figure)  # type: ignore[no-untyped-call]
            self._lay.addWidget(self._canvas)
        self.series = s
        lang = language()
        fig = self._figure
        fig.clear()
        ax = fig.add_subplot(111)
        ax.bar(years, s.other, color="#9fb3c8", label=tr("register.chart_other"))
        ax.bar(years, s.this, bottom=s.other, color="#1f4e79", label=tr("register.chart_this"))
        if s.capacity is not None:
            value = f"{format_number(s.capacity, lang, 0)} {unit_label(s.unit, lang)}"
            ax.axhline(
                s.capacity,
                color="#c62828",
                linestyle="--",
                linewidth=1.5,
                label=tr("register.chart_capacity", value=value),
            )
        ax.set_title(f"{DOMAIN_LABELS[s.domain][lang]} – {s.municipality_name}", fontsize=10)
        ax.set_xlabel(tr("register.chart_year"))
        ax.set_ylabel(unit_label(s.unit, lang))
        top = max([*s.total, s.capacity or 0.0, 1.0])
        ax.set_ylim(0, top * 1.1)
        ax.grid(True, axis="y", alpha=0.3)
        ax.legend(fontsize=8, loc="upper left", bbox_to_anchor=(1.01, 1.0), frameon=False)
        if len(years) <= 15:
            ax.set_xticks(years)
            ax.tick_params(axis="x", labelsize=8, rotation=45)
        self._canvas.draw_idle()


def placeholder(text: str) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    return label
