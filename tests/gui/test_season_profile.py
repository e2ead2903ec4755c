"""The monthly workforce profile on the Personeel page (issue 17, the seasonal peak):
off shows the sector's default, on commits twelve values; bad values typed with real
key clicks stay as typed and are marked with the field's allowed range."""

from __future__ import annotations

from typing import Any

import pytest
from line_edits import field_message, line_edit, type_text
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QCheckBox, QLabel


def _own(window: Any, qtbot: Any) -> QCheckBox:
    window.steps.setCurrentRow(1)  # the Personeel page
    box = window.findChild(QCheckBox, "check_own_profile")
    assert box is not None
    box.setFocus()
    qtbot.keyClick(box, Qt.Key.Key_Space)  # a real key press toggles it
    return box


def test_sector_default_shown_then_own_profile(make_window: Any, qtbot: Any) -> None:
    """The demo (distribution: October 1.1, November and December 1.25, mean 1.05):
    peak month November, 1.25 / 1.05 = 119 %; 900 jobs x 1.19 = 1,071 in the peak month."""
    window = make_window()
    november = line_edit(window, "edit_month_10")
    assert not november.isEnabled()
    assert november.text() == "1,25"
    peak = window.findChild(QLabel, "label_season_peak")
    assert "november" in peak.text() and "119 %" in peak.text() and "1.071" in peak.text(), peak.text()
    assert window.state.case.business.monthly_profile is None

    _own(window, qtbot)
    assert november.isEnabled()
    assert window.state.case.business.monthly_profile == pytest.approx([1.0] * 9 + [1.1, 1.25, 1.25])
    # December doubles: profile [1]*9 + [1.1, 1.25, 2.5], sum 13.85, peak 2.5 x 12 / 13.85 = 217 %
    type_text(qtbot, line_edit(window, "edit_month_11"), "2,5")
    assert window.state.case.business.monthly_profile[11] == pytest.approx(2.5)
    assert "december" in peak.text() and "217 %" in peak.text(), peak.text()
    qtbot.waitUntil(
        lambda: window.result is not None and window.result.totals["jobs_peak"] > 1900, timeout=10_000
    )

    _own(window, qtbot)  # off again: the sector's default
    assert window.state.case.business.monthly_profile is None


def test_bad_months_typed_stay_and_name_the_range(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    _own(window, qtbot)
    march = line_edit(window, "edit_month_2")
    type_text(qtbot, march, "-3")
    assert march.text() == "-3"
    assert "negatief" in field_message(march), field_message(march)
    assert any(p.field == "business.monthly_profile[2]" for p in window.problems)

    type_text(qtbot, march, "veel")
    assert march.text() == "veel"
    assert "‘veel’ is geen getal" in field_message(march)

    type_text(qtbot, march, "2000000")
    assert "1.000.000" in field_message(march), field_message(march)  # the allowed range, Dutch thousands

    # every month 0: one message on the whole profile with the allowed range
    for i in range(12):
        type_text(qtbot, line_edit(window, f"edit_month_{i}"), "0")
    message = window.findChild(QLabel, "message_monthly_profile")
    qtbot.waitUntil(lambda: "alle maanden zijn 0" in message.text(), timeout=5_000)
    assert "1000000" in message.text() or "1.000.000" in message.text()
    assert any(p.field == "business.monthly_profile" for p in window.problems)
