"""Chart of demand per year against capacity (matplotlib in Qt, imported lazily)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from ber.engine.result import Assessment
from ber.engine.rounding import capacity_rule
from ber.texts.labels import DOMAIN_LABELS, format_number, unit_label
from gui.texts import language, tr


class DemandChart(QWidget):
    """Demand per year for one domain and municipality, its capacity line and the P10–P90 band."""

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("chart_demand")
        self.setAccessibleName(tr("chart.title"))
        self.setMinimumHeight(260)
        self._lay = QVBoxLayout(self)
        self._lay.setContentsMargins(0, 0, 0, 0)
        self._canvas: Any = None
        self._figure: Any = None
        self._placeholder = QLabel(tr("chart.empty"))
        self._lay.addWidget(self._placeholder)

    def _ensure_canvas(self) -> None:
        if self._canvas is not None:
            return
        from matplotlib.backends.backend_qtagg import FigureCanvasQTAgg
        from matplotlib.figure import Figure

        self._figure = Figure(figsize=(6, 3), dpi=100, layout="constrained")
        self._canvas = FigureCanvasQTAgg(self._figure)  # type: ignore[no-untyped-call]
        self._placeholder.hide()
        self._lay.addWidget(self._canvas)

    def plot(self, result: Assessment, domain: str, code: str) -> None:
        self._ensure_canvas()
        lang = language()
        fig = self._figure
        fig.clear()
        ax = fig.add_subplot(111)
        try:
            m = result.municipality(code)
        except KeyError:
            self._canvas.draw_idle()
            return
        dom = m.domains[domain]
        years = result.years
        unit = unit_label(dom.unit, lang)
        band = result.uncertainty.demand_per_year.get(domain, {}).get(code) if result.uncertainty else None
        if band:
            ax.fill_between(years, band.p10, band.p90, color="#90caf9", alpha=0.5, label=tr("chart.band"))
        ax.plot(
            years, dom.demand_per_year, color="#1565c0", marker="o", linewidth=2, label=tr("chart.demand")
        )
        if dom.capacity is not None:
            ax.axhline(
                dom.capacity,
                color="#c62828",
                linestyle="--",
                linewidth=1.5,
                label=tr("chart.capacity", value=format_number(dom.capacity, lang, capacity_rule(domain))),
            )
        ax.set_title(f"{DOMAIN_LABELS[domain][lang]} – {m.name}", fontsize=10)
        ax.set_xlabel(tr("chart.year"))
        ax.set_ylabel(unit)
        ax.set_ylim(bottom=0)
        ax.grid(True, alpha=0.3)
        ax.legend(fontsize=8, loc="lower right")
        if len(years) <= 15:
            ax.set_xticks(years)
            ax.tick_params(axis="x", labelsize=8, rotation=45)
        self._canvas.draw_idle()

    @property
    def has_canvas(self) -> bool:
        return self._canvas is not None
