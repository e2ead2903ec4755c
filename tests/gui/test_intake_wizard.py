"""Issue 18 item 5: the employer intake, walked with real key clicks.

File › Intake met de werkgever starts a new case (home municipality Venlo, see the
``make_window`` fixture) and opens the wizard; the answers fill the case fields, a bad
value keeps the page with the field and the allowed range named, the answered fields are
marked "opgegeven door de werkgever" in ``meta.declared_by_employer`` and next to the
fields, and every answer is an undo step of the same stack (so autosave sees it).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QWizard

from ber.case.model import load_case, save_case

SHOTS = Path(os.environ.get("BER_SHOTS", "/tmp/shots"))


def _type(qtbot: Any, edit: QLineEdit | QPlainTextEdit, text: str, key: Qt.Key = Qt.Key.Key_Tab) -> None:
    """Type into a field and leave it with Tab (Return in a wizard also presses Next)."""
    edit.window().activateWindow()
    edit.setFocus()
    qtbot.waitUntil(edit.hasFocus, timeout=2000)
    if isinstance(edit, QLineEdit):
        edit.selectAll()
        qtbot.keyClick(edit, Qt.Key.Key_Delete)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, key)


def _child(wizard: Any, kind: type, name: str) -> Any:
    found = wizard.findChild(kind, name)
    assert found is not None, name
    return found


def _next(qtbot: Any, wizard: QWizard) -> None:
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.NextButton), Qt.MouseButton.LeftButton)


def _shot(widget: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    widget.grab().save(str(SHOTS / name))


def test_the_intake_fills_the_case_and_marks_what_the_employer_declared(
    make_window: Any, qtbot: Any, tmp_path: Path
) -> None:
    w = make_window()
    w.findChild(type(w.intake.action), "action_intake").trigger()
    wizard = w.intake.wizard
    assert wizard is not None and wizard.isVisible()
    assert w.state.case.business.name != "Koelhuis Maasbree"
    assert "Op weg naar een effectrapportage" in _child(wizard, QLabel, "label_intake_source").text()
    depth = w.state.undo_stack.count()

    # page 1: the business
    _type(qtbot, _child(wizard, QLineEdit, "intake_name"), "Koelhuis Maasbree")
    sector = _child(wizard, QComboBox, "intake_sector")
    sector.setFocus()
    qtbot.keyClick(sector, Qt.Key.Key_Down)
    chosen_sector = sector.currentData()
    _shot(wizard, "intake_business.png")
    _next(qtbot, wizard)

    # page 2: the site
    assert wizard.currentPage().key == "site"
    _type(qtbot, _child(wizard, QLineEdit, "intake_site_name"), "Bedrijventerrein Zuid")
    municipality = _child(wizard, QComboBox, "intake_site_municipality")
    assert municipality.currentData() == "GM0983"  # the new case's home municipality, Venlo
    municipality.setCurrentIndex(municipality.findData("GM0984"))  # Venray
    site = w.state.case.chosen_site()
    assert site.municipality == "GM0984" and 180_000 < site.x < 200_000  # moved to Venray's centre
    _next(qtbot, wizard)

    # page 3: jobs; a bad value keeps the page, naming the field and the range
    assert wizard.currentPage().key == "jobs"
    _type(qtbot, _child(wizard, QLineEdit, "intake_jobs"), "250")
    shifts = _child(wizard, QLineEdit, "intake_shifts")
    _type(qtbot, shifts, "7", Qt.Key.Key_Return)  # Return: the wizard's Next
    assert wizard.currentPage().key == "jobs"
    message = _child(wizard, QLabel, "intake_message_jobs")
    assert message.isVisible()
    assert "Ploegendienst" in message.text() and "1 tot en met 4 ploegen per dag" in message.text(), (
        message.text()
    )
    _shot(wizard, "intake_bad_value.png")
    assert w.state.case.business.shifts_per_day == 7  # kept as typed (never lost), marked
    _type(qtbot, shifts, "2")
    _next(qtbot, wizard)

    # page 4: workforce and recruitment (typed as percentages)
    assert wizard.currentPage().key == "workforce", _child(wizard, QLabel, "intake_message_jobs").text()
    _type(qtbot, _child(wizard, QLineEdit, "intake_migrant_share"), "70")
    for key, share in (("eu_short", "40"), ("eu_mid", "30"), ("eu_long", "20"), ("third_country", "10")):
        _type(qtbot, _child(wizard, QLineEdit, f"intake_share_{key}"), share)
    _type(qtbot, _child(wizard, QLineEdit, "intake_share_knowledge"), "0")
    _type(qtbot, _child(wizard, QLineEdit, "intake_local"), "10")
    _type(qtbot, _child(wizard, QPlainTextEdit, "intake_seasonal"), "Piek van augustus tot december")
    _next(qtbot, wizard)

    # page 5: housing, transport, agency
    assert wizard.currentPage().key == "housing"
    beds = _child(wizard, QLineEdit, "intake_beds")
    _type(qtbot, beds, "veel")
    _next(qtbot, wizard)
    assert wizard.currentPage().key == "housing"
    text = _child(wizard, QLabel, "intake_message_housing").text()
    assert "veel" in text and "geen getal" in text and "0 tot en met" in text, text
    _type(qtbot, beds, "120")
    _type(qtbot, _child(wizard, QPlainTextEdit, "intake_facilities"), "Eigen logies aan de Venloseweg")
    _type(qtbot, _child(wizard, QLineEdit, "intake_shuttle"), "50")
    _type(qtbot, _child(wizard, QLineEdit, "intake_agency"), "Flexwerk BV")
    wtta = _child(wizard, QComboBox, "intake_wtta")
    wtta.setCurrentIndex(wtta.findData("applied"))
    _shot(wizard, "intake_housing.png")
    _next(qtbot, wizard)
    assert wizard.currentPage().key == "done"
    assert "banen" in _child(wizard, QLabel, "label_intake_done").text()
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.intake.wizard is None, timeout=5000)

    case = w.state.case
    assert case.business.name == "Koelhuis Maasbree" and case.business.sector == chosen_sector
    assert case.business.jobs == 250 and case.business.shifts_per_day == 2
    assert case.chosen_site().name == "Bedrijventerrein Zuid"
    assert case.workforce.migrant_share == 0.7
    assert case.workforce.category_shares["eu_short"] == 0.4
    assert case.mitigations.local_recruitment_share == 0.1 and case.mitigations.shuttle_share == 0.5
    assert [(b.municipality, b.beds) for b in case.workforce.employer_beds] == [("GM0984", 120.0)]
    assert "Piek van augustus tot december" in case.meta.notes
    agency = case.qualitative["exploitation_agency"]
    assert agency.rating is None and "Flexwerk BV" in agency.evidence and "aangemeld" in agency.evidence
    assert "Venloseweg" in case.qualitative["employer_facilities"].evidence
    declared = case.meta.declared_by_employer
    for path in (
        "business.name",
        "business.sector",
        "business.jobs",
        "business.shifts_per_day",
        "sites",
        "workforce.migrant_share",
        "workforce.category_shares",
        "mitigations.local_recruitment_share",
        "meta.notes",
        "workforce.employer_beds",
        "mitigations.shuttle_share",
        "qualitative.exploitation_agency.evidence",
        "qualitative.employer_facilities.evidence",
    ):
        assert path in declared, path
    assert "business.floor_area_m2" not in declared  # not answered: not declared
    assert w.problems == []

    # the marks next to the fields on the pages
    jobs_caption = next(
        label
        for label in w.page_business.findChildren(QLabel)
        if label.buddy() is w.findChild(QLineEdit, "edit_jobs")
    )
    assert jobs_caption.text().endswith("(werkgever):")
    area_caption = next(
        label
        for label in w.page_business.findChildren(QLabel)
        if label.buddy() is w.findChild(QLineEdit, "edit_floor_area")
    )
    assert "(werkgever)" not in area_caption.text()
    w.steps.setCurrentRow(0)
    qtbot.wait(50)  # the form's label column widens to the marked captions
    _shot(w, "intake_marks_business.png")

    # every answer went through the one undo stack (autosave follows it); the save has it all
    assert w.state.undo_stack.count() > depth + 10
    save_case(w.state.case, tmp_path / "intake.ber")
    assert load_case(tmp_path / "intake.ber").meta.declared_by_employer == declared
    while w.state.undo_stack.canUndo() and w.state.case.meta.declared_by_employer:
        w.state.undo_stack.undo()
    assert w.state.case.meta.declared_by_employer == []
    assert "(werkgever)" not in jobs_caption.text()


def test_cancel_keeps_what_was_typed(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    wizard = w.intake.open_wizard()
    w.documents.autosave_timer.stop()
    _type(qtbot, _child(wizard, QLineEdit, "intake_name"), "Tuinderij De Peel")
    assert w.documents.autosave_timer.isActive()  # the answer is on its way to the autosave
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.CancelButton), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: w.intake.wizard is None, timeout=5000)
    assert w.state.case.business.name == "Tuinderij De Peel"
    assert "business.name" in w.state.case.meta.declared_by_employer
    # the wizard's fields are unbound: later changes do not touch deleted widgets
    w.state.set_value("business.name", "Anders")
    assert w.findChild(QLineEdit, "edit_business_name").text() == "Anders"


def test_the_intake_speaks_english(make_window: Any, qtbot: Any) -> None:
    w = make_window("en")
    wizard = w.intake.open_wizard()
    texts = [label.text() for label in wizard.findChildren(QLabel)]
    texts += [page.title() for page in wizard.pages.values()]
    assert not [t for t in texts if t.startswith(("intake.", "gui."))], texts
    assert wizard.windowTitle() == "Employer intake"
    assert any("Which share of the jobs" in t for t in texts)
    assert any("Wtta" in t and "1 January 2027" in t for t in texts)
    wtta = _child(wizard, QComboBox, "intake_wtta")
    assert [wtta.itemText(i) for i in range(wtta.count())][:2] == ["unknown", "admitted"]
    wizard.reject()
