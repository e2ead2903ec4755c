"""A generic read-only table model over rows of cells, and the tables built on it.

Every table of the results and dialogs (traffic lights, key figures, site ranking,
reference norms) is a :class:`CellTableModel`: the builders below turn engine
objects into rows of :class:`Cell` (text, colour, tooltip); no calculation here.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ber.engine.domains import counts_in, domain_keys, domain_unit
from ber.engine.metrics import Output, metrics
from ber.engine.result import Assessment
from ber.engine.rounding import decimals, places, row_rule
from ber.texts.catalogue import text as catalogue_text
from ber.texts.labels import (
    DOMAIN_LABELS,
    STATUS_LABELS,
    STATUS_MEANING,
    TOTAL_LABELS,
    format_number,
    unit_label,
)
from ber.texts.messages import Lang
from ber.texts.verdicts import percent_floor, pressure_percent_text
from gui.texts import tr

#: background and text colours of the traffic-light statuses (readable contrast)
STATUS_BACKGROUND = {"green": "#c8e6c9", "amber": "#ffe0a3", "red": "#f4b6b6", "grey": "#e0e0e0"}
STATUS_SYMBOL = {"green": "●", "amber": "▲", "red": "■", "grey": "?"}


@dataclass
class Cell:
    text: str
    background: str | None = None
    tooltip: str = ""
    align_right: bool = False
    value: Any = None


class CellTableModel(QAbstractTableModel):
    """Rows of cells under column headers; optional row keys (e.g. municipality codes)."""

    def __init__(self, headers: Sequence[str] = (), parent: Any = None) -> None:
        super().__init__(parent)
        self._headers: list[str] = list(headers)
        self._rows: list[list[Cell]] = []
        self._keys: list[str] = []
        self._row_headers: list[str] | None = None

    def set_table(
        self,
        headers: Sequence[str],
        rows: Sequence[Sequence[Cell]],
        keys: Sequence[str] | None = None,
        row_headers: Sequence[str] | None = None,
    ) -> None:
        self.beginResetModel()
        self._headers = list(headers)
        self._rows = [list(r) + [Cell("")] * (len(self._headers) - len(r)) for r in rows]
        self._keys = list(keys) if keys is not None else [str(i) for i in range(len(self._rows))]
        self._row_headers = list(row_headers) if row_headers is not None else None
        self.endResetModel()

    def row_of(self, key: str) -> int:
        return self._keys.index(key) if key in self._keys else -1

    def key_of(self, row: int) -> str:
        return self._keys[row] if 0 <= row < len(self._keys) else ""

    def cell(self, row: int, column: int) -> Cell:
        return self._rows[row][column]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._headers)

    def data(
        self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if not index.isValid() or index.row() >= len(self._rows) or index.column() >= len(self._headers):
            return None
        cell = self._rows[index.row()][index.column()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return cell.text
        if role == Qt.ItemDataRole.ToolTipRole:
            # the full text when the cell has no tooltip of its own (a narrow column elides it)
            return cell.tooltip or cell.text.replace("\n", " ") or None
        if role == Qt.ItemDataRole.BackgroundRole and cell.background:
            return QBrush(QColor(cell.background))
        if role == Qt.ItemDataRole.ForegroundRole and cell.background:
            return QBrush(QColor("#1a1a1a"))
        if role == Qt.ItemDataRole.TextAlignmentRole:
            horizontal = Qt.AlignmentFlag.AlignRight if cell.align_right else Qt.AlignmentFlag.AlignLeft
            return int(horizontal | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.UserRole:
            return cell.value
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role == Qt.ItemDataRole.ToolTipRole and orientation == Qt.Orientation.Horizontal:
            # the full header on one line (a narrow section may cut it)
            text = self._headers[section] if 0 <= section < len(self._headers) else ""
            return text.replace("\n", " ") or None
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal:
            return self._headers[section] if 0 <= section < len(self._headers) else None
        if self._row_headers is not None and 0 <= section < len(self._row_headers):
            return self._row_headers[section]
        return str(section + 1)

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


# ---------------------------------------------------------------------------
# builders: engine objects -> rows of cells
# ---------------------------------------------------------------------------


def status_cell(
    status: str, pressure: float | None, lang: Lang, extra: str = "", no_capacity: bool = False
) -> Cell:
    word = STATUS_LABELS[status][lang]
    text = f"{STATUS_SYMBOL[status]} {word}"
    shown = pressure_percent_text(pressure, no_capacity, lang)  # zero capacity: "geen vrije capaciteit"
    if shown:
        text += f" ({shown})"
    tip = STATUS_MEANING[status][lang] + (f"\n{extra}" if extra else "")
    return Cell(text, STATUS_BACKGROUND[status], tip, value=status)


def traffic_light_table(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Cell]], list[str]]:
    """Municipalities as rows, domains as columns: status word, colour and pressure."""
    headers = [tr("col.municipality"), *(DOMAIN_LABELS[d][lang].replace(": ", ":\n") for d in domain_keys())]
    rows: list[list[Cell]] = []
    keys: list[str] = []
    for m in result.municipalities:
        row = [Cell(f"{m.name} ({format_number(m.distance_km, lang, 0)} km)", tooltip=m.code)]
        for d in domain_keys():
            dom = m.domains[d]
            if not counts_in(d, m.code, result.site.host_municipality):
                row.append(
                    Cell("–", tooltip=tr("tip.site_domain_elsewhere"))
                )  # space, energy: at the site only
                continue
            unit = unit_label(dom.unit, lang)
            extra = tr(
                "tip.demand_capacity",
                demand=f"{format_number(dom.demand, lang, places(dom.demand, row_rule(d)))} {unit}",
                capacity=f"{format_number(dom.capacity, lang, decimals(d))} {unit}"
                if dom.capacity is not None
                else STATUS_LABELS["grey"][lang],
            )
            row.append(status_cell(dom.status, dom.pressure, lang, extra, dom.no_capacity))
        rows.append(row)
        keys.append(m.code)
    return headers, rows, keys


def verdict_table(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Cell]]]:
    """Verdict per domain: status, the worst known municipality, its pressure, the coverage."""
    headers = [tr("col.domain"), tr("col.verdict"), tr("col.where"), tr("col.pressure"), tr("col.coverage")]
    threshold = next((p.value for p in result.parameters if p.name == "verdict.min_coverage"), None)
    tip = tr("tip.coverage", threshold=percent_floor(threshold, lang)) if threshold is not None else ""
    rows = []
    for d in domain_keys():
        v = result.verdict[d]
        pressure = pressure_percent_text(v.pressure, v.no_capacity, lang) or "–"
        unknown = ""
        if v.unknown_municipality_name:
            amount = format_number(v.unknown_municipality_demand, lang, 1)
            unit = unit_label(domain_unit(d), lang)
            unknown = catalogue_text(
                "label.verdict.unknown_largest",
                lang,
                municipality=v.unknown_municipality_name,
                amount=f"{amount} {unit}",
            )
        coverage = percent_floor(v.coverage, lang) if v.coverage is not None else "–"
        rows.append(
            [
                Cell(DOMAIN_LABELS[d][lang]),
                status_cell(v.status, None, lang, unknown),
                Cell(v.municipality_name or "–"),
                Cell(pressure, align_right=True),
                Cell(coverage, align_right=True, tooltip="\n".join(t for t in (tip, unknown) if t)),
            ]
        )
    return headers, rows


def key_figures_table(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Cell]]]:
    """Key figures of the full-operation year, with units, and the P10–P90 band when sampled."""
    unc = result.uncertainty.totals.values if result.uncertainty else {}
    headers = [tr("col.figure"), tr("col.value"), tr("col.band")]
    rows = []
    for m in metrics(Output.GUI):
        value = result.totals.value(m.key)
        band = unc.get(m.key)
        band_text = "–"
        if band is not None and band.p10 is not None and band.p90 is not None:
            band_text = (
                f"{format_number(band.p10, lang, m.decimals)} – {format_number(band.p90, lang, m.decimals)}"
            )
        rows.append(
            [
                Cell(TOTAL_LABELS[m.label][lang]),
                Cell(
                    f"{format_number(value, lang, m.decimals)} {unit_label(m.unit, lang)}",
                    align_right=True,
                    value=value,
                ),
                Cell(band_text, align_right=True),
            ]
        )
    return headers, rows


def mitigation_table(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Cell]]]:
    """Verdict per domain without and with the mitigating measures."""
    headers = [tr("col.domain"), tr("col.without"), tr("col.with")]
    if not result.mitigations:
        return headers, []
    without = result.mitigations.without.verdict
    rows = []
    for d in domain_keys():
        before = without[d]
        after = result.verdict[d]
        rows.append(
            [
                Cell(DOMAIN_LABELS[d][lang]),
                status_cell(before.status, before.pressure, lang, no_capacity=before.no_capacity),
                status_cell(after.status, after.pressure, lang, no_capacity=after.no_capacity),
            ]
        )
    return headers, rows


def sites_table(result: Assessment, lang: Lang) -> tuple[list[str], list[list[Cell]], list[str]]:
    """Site comparison with the sites as columns (best rank first) and the criteria as rows:
    rank, host municipality, counts of red/amber/unknown cells, the share of demand on
    unknown capacity, the highest known pressure ("geen vrije capaciteit" when infinite),
    commuting, then the verdict per domain."""
    sites = sorted(result.sites, key=lambda s: s.rank)
    headers = [
        f"{s.rank}. "
        + s.name.replace(" – ", "\n").replace(" (", "\n(")
        + (f"\n({tr('site.chosen')})" if s.chosen else "")
        for s in sites
    ]
    km = unit_label("vehicle-km per day", lang)
    rows: list[list[Cell]] = [
        [Cell(str(s.rank), align_right=True, value=s.rank) for s in sites],
        [Cell(s.host_name) for s in sites],
        [Cell(str(s.red), STATUS_BACKGROUND["red"] if s.red else None, align_right=True) for s in sites],
        [
            Cell(str(s.amber), STATUS_BACKGROUND["amber"] if s.amber else None, align_right=True)
            for s in sites
        ],
        [Cell(str(s.grey), align_right=True) for s in sites],
        [Cell(percent_floor(s.unknown_share, lang), align_right=True) for s in sites],
        [
            Cell(pressure_percent_text(s.max_pressure, s.no_capacity, lang) or "–", align_right=True)
            for s in sites
        ],
        [Cell(format_number(s.commute_vehicle_km_per_day, lang, 0), align_right=True) for s in sites],
    ]
    row_headers = [
        tr("col.rank"),
        tr("col.host"),
        tr("col.red"),
        tr("col.amber"),
        tr("col.grey"),
        tr("col.unknown_share"),
        tr("col.max_pressure"),
        f"{tr('col.commute')} ({km})",
    ]
    for d in domain_keys():
        rows.append([status_cell(s.verdict.get(d, "grey"), None, lang) for s in sites])
        row_headers.append(DOMAIN_LABELS[d][lang])
    keys = [
        "rank",
        "host",
        "red",
        "amber",
        "grey",
        "unknown_share",
        "max_pressure",
        "commute",
        *domain_keys(),
    ]
    # the criterion is the first column (it wraps; a vertical header would not)
    rows = [[Cell(label), *row] for label, row in zip(row_headers, rows, strict=True)]
    return ["", *headers], rows, keys


def smart_number(value: float, lang: Lang) -> str:
    """A norm value without spurious decimals: 2.095, 0,3, 0,222."""
    if abs(value) >= 100 or value == round(value):
        return format_number(value, lang, 0)
    text = format_number(value, lang, 3)
    return text.rstrip("0").rstrip(",.")


def reference_table(ref: Any, lang: Lang) -> tuple[list[str], list[list[Cell]]]:
    """Every norm of the reference data: label, value, unit, low–high, source."""
    headers = [tr("col.norm"), tr("col.value"), tr("col.unit"), tr("col.low_high"), tr("col.source")]
    rows = []
    for key in sorted(ref.norms):
        n = ref.norms[key]
        source = tr("ref.assumption") if n.is_assumption else ref.citation(n.source, lang)
        rows.append(
            [
                Cell(n.label(lang), tooltip=key),
                Cell(smart_number(n.value, lang), align_right=True),
                Cell(unit_label(n.unit, lang)),
                Cell(f"{smart_number(n.low, lang)} – {smart_number(n.high, lang)}", align_right=True),
                Cell(source, tooltip=source + (f"\n{n.note}" if n.note else "")),
            ]
        )
    for key in sorted(ref.sectors):
        s = ref.sectors[key]
        rows.append(
            [
                Cell(f"{tr('ref.sector')}: {s.label(lang)} – {tr('ref.migrant_share')}", tooltip=key),
                Cell(format_number(s.migrant_share * 100, lang, 0) + " %", align_right=True),
                Cell("%"),
                Cell(
                    f"{format_number(s.migrant_share_low * 100, lang, 0)} – "
                    f"{format_number(s.migrant_share_high * 100, lang, 0)} %",
                    align_right=True,
                ),
                Cell(ref.citation(s.migrant_share_source, lang)),
            ]
        )
    return headers, rows
