"""Provenance of the capacity figures in the application: the tooltip text of a cell,
which cells are stale (the engine's rule, :func:`ber.engine.checks.figure_note`), and the
dialog that sets the source, reference date and supplier of the selected cells."""

from __future__ import annotations

import datetime as _dt

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ber.case.figures import CapacityFigure, parse_date
from ber.case.model import Case
from ber.engine.checks import case_date, figure_note, max_age_months
from ber.reference.data import ReferenceSet
from ber.texts.catalogue import text
from ber.texts.messages import Lang

#: background of a stale or undated cell (light amber)
NOTE_TINT = "#FFF2CC"
#: one provenance edit: (code, domain, source, reference date, supplied by)
ProvenanceEdit = tuple[str, str, str, str, str]


def provenance_tip(figure: CapacityFigure | None, note: str, lang: Lang, max_age: int) -> str:
    """The lines a cell's tooltip adds: source, reference date, supplier and the age note
    (``max_age``: the months after which a figure is stale, the case's or the reference's)."""
    if figure is None:
        return ""
    missing = text("gui.capacity_prov.not_given", lang)
    out = "\n" + text(
        "gui.capacity_prov.tip",
        lang,
        source=figure.source or missing,
        date=figure.reference_date or missing,
        supplied_by=figure.supplied_by or missing,
    )
    if note:
        out += "\n" + text(f"gui.capacity_prov.note_{note}", lang, n=max_age)
    return out


def cell_provenance(
    case: Case, ref: ReferenceSet, today: _dt.date | None = None
) -> tuple[dict[tuple[str, str], CapacityFigure], dict[tuple[str, str], str], int]:
    """Every recorded figure of the case and its age note, by (code, domain), and the
    maximum age in months that the notes used."""
    on = case_date(case, (today or _dt.date.today()).isoformat())
    max_age = max_age_months(case, ref)
    figures: dict[tuple[str, str], CapacityFigure] = {}
    notes: dict[tuple[str, str], str] = {}
    for code, cap in case.capacity.items():
        for domain in type(cap).model_fields:
            fig = cap.figure(domain)
            if fig is None:
                continue
            figures[(code, domain)] = fig
            note = figure_note(parse_date(fig.reference_date), fig.value, on, max_age)
            if note:
                notes[(code, domain)] = note
    return figures, notes, max_age


class ProvenanceDialog(QDialog):
    """Source, reference date and supplier for the selected cells (one undo step)."""

    def __init__(
        self, first: CapacityFigure | None, count: int, lang: Lang, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("dialog_capacity_provenance")
        self.setWindowTitle(text("gui.capacity_prov.title", lang))
        self._lang: Lang = lang
        lay = QVBoxLayout(self)
        intro = QLabel(text("gui.capacity_prov.intro", lang, count=count))
        intro.setWordWrap(True)
        lay.addWidget(intro)
        form = QFormLayout()
        self.edit_source = QLineEdit(first.source if first else "")
        self.edit_source.setObjectName("edit_prov_source")
        self.edit_date = QLineEdit(first.reference_date if first else "")
        self.edit_date.setObjectName("edit_prov_date")
        self.edit_date.setPlaceholderText(text("gui.capacity_prov.date_hint", lang))
        self.edit_supplied = QLineEdit(first.supplied_by if first else "")
        self.edit_supplied.setObjectName("edit_prov_supplied_by")
        for key, edit in (
            ("source", self.edit_source),
            ("date", self.edit_date),
            ("supplied_by", self.edit_supplied),
        ):
            label = text(f"gui.capacity_prov.{key}", lang)
            edit.setAccessibleName(label)
            form.addRow(label, edit)
        lay.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("label_prov_message")
        self.message.setStyleSheet("color: #B00020;")
        self.message.setWordWrap(True)
        lay.addWidget(self.message)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        lay.addWidget(self.buttons)
        self.edit_date.textChanged.connect(lambda _t: self._check())
        self._check()

    def date_problem(self) -> str:
        """Why the typed reference date is refused (empty when it is fine or empty)."""
        typed = self.edit_date.text().strip()
        if not typed:
            return ""
        day = parse_date(typed)
        if day is None:
            return text("gui.capacity_prov.bad_date", self._lang, value=typed)
        if day > _dt.date.today():
            return text(
                "gui.capacity_prov.future_date", self._lang, value=typed, today=_dt.date.today().isoformat()
            )
        return ""

    def _check(self) -> None:
        problem = self.date_problem()  # the typed text is kept; OK waits for a valid date
        self.message.setText(problem)
        self.message.setVisible(bool(problem))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(not problem)

    def values(self) -> tuple[str, str, str]:
        return (
            self.edit_source.text().strip(),
            self.edit_date.text().strip(),
            self.edit_supplied.text().strip(),
        )
