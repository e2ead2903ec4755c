"""The intake answers that are not one case field each (see :mod:`gui.intake`).

* the seasonal pattern and recruitment area: a line of ``meta.notes`` (replaced when
  answered again, the officer's other notes kept);
* the arrangements on housing and transport: the evidence of the theme
  ``employer_facilities``; the agency and its admission under the Wtta: the evidence of
  ``exploitation_agency`` (the officer's rating of the theme is kept, the source names
  the intake and its date);
* the employer beds in the host municipality: that municipality's block of
  ``workforce.employer_beds`` (blocks elsewhere kept).

Each is committed through the binder (undoable, autosaved) when its page is left or the
wizard is closed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from ber.texts.messages import Problem
from gui.binding import Binder, problem_text
from gui.fields import NumberEdit
from gui.texts import language, tr


class TextAnswers:
    def __init__(self, binder: Binder) -> None:
        self.binder = binder
        self.seasonal: QPlainTextEdit | None = None
        self.facilities: QPlainTextEdit | None = None
        self.agency: QLineEdit | None = None
        self.wtta: QComboBox | None = None
        self.beds: NumberEdit | None = None
        self.beds_problem: Problem | None = None

    # --- employer beds ------------------------------------------------------------------

    def bind_beds(self, edit: NumberEdit, message: QLabel, host: Callable[[], str | None]) -> None:
        self.beds = edit
        code = host()
        current = sum(
            b.beds for b in self.binder.state.case.workforce.employer_beds if b.municipality == code
        )
        if current:
            edit.show_value(current, language())

        def finished() -> None:
            problem, value, _note = edit.read()
            if problem:
                self.beds_problem = Problem(
                    "input." + problem,
                    "workforce.employer_beds",
                    {"value": edit.text().strip(), **edit.allowed()},
                )
                message.setText(problem_text(self.beds_problem, language()))
                message.setVisible(True)
                return
            self.beds_problem = None
            message.setVisible(False)
            where = host()
            if where is None:
                return
            blocks = [
                b.model_dump(mode="json")
                for b in self.binder.state.case.workforce.employer_beds
                if b.municipality != where
            ]
            if value:
                blocks.append({"municipality": where, "beds": float(value)})
            self.binder.commit("workforce.employer_beds", blocks)

        edit.editingFinished.connect(finished)

    def problems(self, page: str) -> list[Problem]:
        return [self.beds_problem] if page == "housing" and self.beds_problem is not None else []

    # --- free text ----------------------------------------------------------------------

    def commit(self, page: str, touched: set[str]) -> None:
        if page == "workforce" and self.seasonal is not None:
            answer = self.seasonal.toPlainText().strip()
            if answer:
                self._note(answer)
                touched.add("meta.notes")
        if page == "housing":
            if self.facilities is not None and self.facilities.toPlainText().strip():
                self._evidence("employer_facilities", self.facilities.toPlainText().strip())
                touched.add("qualitative.employer_facilities.evidence")
            agency = self.agency.text().strip() if self.agency is not None else ""
            status = str(self.wtta.currentData()) if self.wtta is not None else "unknown"
            if agency or status != "unknown":
                evidence = tr(
                    "intake.agency_evidence", agency=agency or "–", status=tr(f"intake.wtta.{status}")
                )
                self._evidence("exploitation_agency", evidence)
                touched.add("qualitative.exploitation_agency.evidence")

    def _note(self, answer: str) -> None:
        prefix = tr("intake.seasonal_note", text="").strip()
        notes = self.binder.state.case.meta.notes
        lines = [line for line in notes.splitlines() if not line.startswith(prefix)]
        lines.append(tr("intake.seasonal_note", text=" ".join(answer.split())))
        value = "\n".join(line for line in lines if line.strip())
        if value != notes:
            self.binder.commit("meta.notes", value)

    def _evidence(self, theme: str, evidence: str) -> None:
        state = self.binder.state
        doc = {k: v.model_dump(mode="json") for k, v in state.case.qualitative.items()}
        entry = dict(doc.get(theme, {}))
        if entry.get("evidence") == evidence:
            return
        entry["evidence"] = evidence
        entry["source"] = tr("intake.evidence_source", date=dt.date.today().strftime("%d-%m-%Y"))
        doc[theme] = entry
        state.set_value("qualitative", doc, self.binder.label_of(f"qualitative.{theme}.evidence"))
