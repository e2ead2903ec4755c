"""Texts, table models and the chart of the register window (``gui.register_view``).

Nothing here touches the database: the models take the plain records of
``ber.register`` (``Summary``, ``Cumulative``). ``ber.register`` itself (SQLAlchemy)
and matplotlib are imported lazily, so the main window starts as fast as before.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ber.reference.data import sector_label
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS, format_number, unit_label
from gui.models import STATUS_BACKGROUND, Cell, CellTableModel
from gui.texts import TEXTS, language, tr

if TYPE_CHECKING:
    from ber.register import Cumulative, CumulativeSeries, Summary


def _t(nl: str, en: str) -> dict[str, str]:
    return {"nl": nl, "en": en}


#: added to the application's catalogue (``gui.texts.TEXTS``) on import
REGISTER_TEXTS: dict[str, dict[str, str]] = {
    "register.menu": _t("&Register", "&Register"),
    "register.action_open": _t("&Zaakregister…", "Case &register…"),
    "register.action_open_tip": _t(
        "Geregistreerde zaken bekijken, status wijzigen en cumulatieve effecten zien",
        "Browse registered cases, change their status and see cumulative effects",
    ),
    "register.action_add": _t("Zaak &registreren…", "&Register this case…"),
    "register.title": _t("Zaakregister", "Case register"),
    "register.tab_cases": _t("Zaken", "Cases"),
    "register.tab_cumulative": _t("Cumulatief", "Cumulative"),
    "register.location": _t("Register: {url}", "Register: {url}"),
    "register.password_note": _t(
        "Het registeradres bevat een wachtwoord. BER-desk bewaart het alleen in het geheugen; "
        "zet het liever in een .pgpass-bestand of in PGPASSWORD.",
        "The register address contains a password. BER-desk keeps it in memory only; "
        "better put it in a .pgpass file or in PGPASSWORD.",
    ),
    "register.filter_municipality": _t("Gemeente", "Municipality"),
    "register.filter_status": _t("Status", "Status"),
    "register.filter_sector": _t("Sector", "Sector"),
    "register.filter_year": _t("Jaar ontvangen", "Year received"),
    "register.filter_search": _t("Zoeken", "Search"),
    "register.search_placeholder": _t(
        "zaaknummer, titel, bedrijf, behandelaar", "reference, title, business, officer"
    ),
    "register.all": _t("(alle)", "(all)"),
    "register.col_reference": _t("Zaaknummer", "Reference"),
    "register.col_business": _t("Bedrijf", "Business"),
    "register.col_sector": _t("Sector", "Sector"),
    "register.col_host": _t("Vestigingsgemeente", "Host municipality"),
    "register.col_status": _t("Status", "Status"),
    "register.col_received": _t("Ontvangen", "Received"),
    "register.col_decided": _t("Besluit", "Decided"),
    "register.col_officer": _t("Behandelaar", "Officer"),
    "register.status.in_procedure": _t("in procedure", "in procedure"),
    "register.status.granted": _t("verleend", "granted"),
    "register.status.refused": _t("geweigerd", "refused"),
    "register.status.withdrawn": _t("ingetrokken", "withdrawn"),
    "register.btn_register": _t("Registreren…", "Register…"),
    "register.btn_status": _t("Status wijzigen…", "Change status…"),
    "register.btn_history": _t("Geschiedenis", "History"),
    "register.btn_export": _t("Exporteren naar Excel…", "Export to Excel…"),
    "register.btn_refresh": _t("Vernieuwen", "Refresh"),
    "register.btn_compute": _t("Cumulatief berekenen", "Compute cumulative"),
    "register.count": _t("{n} zaak/zaken", "{n} case(s)"),
    "register.busy": _t("Bezig met het register…", "Working on the register…"),
    "register.error_title": _t("Zaakregister", "Case register"),
    "register.conflict_title": _t("Zaak intussen gewijzigd", "Case changed in the meantime"),
    "register.no_selection": _t("Kies eerst een zaak in de tabel.", "Choose a case in the table first."),
    "register.no_result": _t(
        "Er is nog geen berekening van deze zaak. Wacht tot de berekening klaar is (F5).",
        "This case has not been calculated yet. Wait until the calculation is done (F5).",
    ),
    "register.add_title": _t("Zaak registreren", "Register case"),
    "register.add_reference": _t("Zaaknummer", "Reference"),
    "register.add_status": _t("Status", "Status"),
    "register.add_officer": _t("Behandelaar", "Officer"),
    "register.add_received": _t("Ontvangen op", "Received on"),
    "register.added": _t(
        "Geregistreerd: {reference} ({status}, versie {version})",
        "Registered: {reference} ({status}, version {version})",
    ),
    "register.status_title": _t("Status wijzigen: {reference}", "Change status: {reference}"),
    "register.status_new": _t("Nieuwe status", "New status"),
    "register.status_why": _t("Reden (verplicht)", "Reason (required)"),
    "register.status_who": _t("Door: {who}", "By: {who}"),
    "register.status_changed": _t(
        "{reference}: {status} (versie {version})", "{reference}: {status} (version {version})"
    ),
    "register.history_title": _t("Geschiedenis van {reference}", "History of {reference}"),
    "register.col_when": _t("Wanneer (UTC)", "When (UTC)"),
    "register.col_event": _t("Gebeurtenis", "Event"),
    "register.col_change": _t("Wijziging", "Change"),
    "register.col_who": _t("Wie", "Who"),
    "register.col_why": _t("Waarom", "Why"),
    "register.col_version": _t("Versie", "Version"),
    "register.event.registered": _t("geregistreerd", "registered"),
    "register.event.status": _t("status gewijzigd", "status changed"),
    "register.event.case_updated": _t("zaakbestand bijgewerkt", "case file updated"),
    "register.exported": _t("{n} zaak/zaken geschreven naar {path}", "{n} case(s) written to {path}"),
    "register.export_filter": _t("Excel-werkmap (*.xlsx)", "Excel workbook (*.xlsx)"),
    "register.cum_intro": _t(
        "Deze zaak opgeteld bij alle verleende en in procedure zijnde zaken in dezelfde gemeenten, "
        "in {year} (volledige bedrijfsvoering). Meegeteld: {references}.",
        "This case added to every granted and in-procedure case in the same municipalities, "
        "in {year} (full operation). Counted: {references}.",
    ),
    "register.cum_none": _t("geen andere zaken", "no other cases"),
    "register.cum_empty": _t(
        "Kies ‘Cumulatief berekenen’ om deze zaak bij de geregistreerde zaken op te tellen.",
        "Choose ‘Compute cumulative’ to add this case to the registered cases.",
    ),
    "register.col_domain": _t("Domein", "Domain"),
    "register.col_municipality": _t("Gemeente", "Municipality"),
    "register.col_unit": _t("Eenheid", "Unit"),
    "register.col_other": _t("Andere zaken", "Other cases"),
    "register.col_this": _t("Deze zaak", "This case"),
    "register.col_total": _t("Totaal", "Total"),
    "register.col_capacity": _t("Vrije capaciteit", "Spare capacity"),
    "register.col_pressure_without": _t("Druk zonder", "Pressure without"),
    "register.col_status_without": _t("Oordeel zonder", "Verdict without"),
    "register.col_pressure_with": _t("Druk met", "Pressure with"),
    "register.col_status_with": _t("Oordeel met", "Verdict with"),
    "register.chart_other": _t("andere zaken", "other cases"),
    "register.chart_this": _t("deze zaak", "this case"),
    "register.chart_capacity": _t("vrije capaciteit {value}", "spare capacity {value}"),
    "register.chart_year": _t("Jaar", "Year"),
}
TEXTS.update(REGISTER_TEXTS)

STATUSES = ("in_procedure", "granted", "refused", "withdrawn")


def status_text(status: str) -> str:
    return tr(f"register.status.{status}")


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
                Cell(format_number(s.pressure_without[t], lang, 2), align_right=True),
                _status_cell(s.status_without[t]),
                Cell(format_number(s.pressure_with[t], lang, 2), align_right=True),
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
