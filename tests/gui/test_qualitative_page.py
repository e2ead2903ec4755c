"""Issue 18 item 2 (GUI): the page Kwalitatief oordeel, with real key clicks.

A rating without evidence is marked at the evidence field with the theme named; typing
the evidence clears it; every edit is an undo step of the window's stack (consecutive
typing in one field merges into one) and undo puts the page back.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit

from gui.actions import STEPS

SHOTS = Path(os.environ.get("BER_SHOTS", "/tmp/shots"))


def _message_under(edit: QPlainTextEdit) -> QLabel:
    box = edit.parentWidget()
    labels = [label for label in box.findChildren(QLabel) if label.parentWidget() is box]
    assert labels
    return labels[0]


def test_rate_a_theme_with_evidence_and_undo(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    w.steps.setCurrentRow(STEPS.index("qualitative"))
    page = w.page_qualitative
    assert set(page.combos) >= {"nuisance", "exploitation_agency", "social_cohesion"}
    combo: QComboBox = page.combos["nuisance"]
    depth = w.state.undo_stack.index()

    # a rating first: refused without evidence, the theme named at its evidence field
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # niet beoordeeld -> geen -> beperkt
    assert w.state.case.qualitative["nuisance"].rating == "limited"
    assert [p.field for p in w.problems] == ["qualitative.nuisance.evidence"]
    evidence: QPlainTextEdit = page.evidence["nuisance"]
    message = _message_under(evidence)
    assert message.isVisible()
    assert "Overlast" in message.text() and "onderbouwing" in message.text(), message.text()
    assert "Kwalitatief oordeel" in w.label_validation.text()
    assert not w.commands.action_export_pdf.isEnabled() or w.analysis.valid_case is not None
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.parentWidget().parentWidget().ensureWidgetVisible(evidence)  # the page's scroll area
    qtbot.wait(20)
    w.grab().save(str(SHOTS / "qualitative_no_evidence.png"))

    # typing the evidence clears it; the keystrokes are one undo step
    evidence.setFocus()
    qtbot.keyClicks(evidence, "Twee locaties aan de dorpsrand")
    assert w.state.case.qualitative["nuisance"].evidence == "Twee locaties aan de dorpsrand"
    assert w.problems == [] and not message.isVisible()
    source: QLineEdit = page.sources["nuisance"]
    source.setFocus()
    qtbot.keyClicks(source, "Locatiebezoek 12-11-2026")
    qtbot.keyClick(source, Qt.Key.Key_Tab)
    assert w.state.case.qualitative["nuisance"].source == "Locatiebezoek 12-11-2026"
    assert w.state.undo_stack.index() - depth <= 4  # rating (2 picks), evidence, source
    SHOTS.mkdir(parents=True, exist_ok=True)
    w.grab().save(str(SHOTS / "qualitative_page.png"))

    # undo walks back through the same stack; the page follows
    while w.state.undo_stack.index() > depth:
        w.state.undo_stack.undo()
    assert "nuisance" not in w.state.case.qualitative
    assert evidence.toPlainText() == "" and combo.currentIndex() == 0
    w.state.undo_stack.redo()
    assert combo.currentData() is not None


def test_evidence_alone_is_a_theme_not_yet_rated(make_window: Any, qtbot: Any) -> None:
    w = make_window("en")
    w.steps.setCurrentRow(STEPS.index("qualitative"))
    evidence = w.page_qualitative.evidence["registration"]
    evidence.setFocus()
    qtbot.keyClicks(evidence, "Most register in the RNI only")
    item = w.state.case.qualitative["registration"]
    assert item.rating is None and item.evidence == "Most register in the RNI only"
    assert w.problems == []
