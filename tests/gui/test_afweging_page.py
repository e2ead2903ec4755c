"""The afweging page (issue 18 item 4): burdens beside benefits after a calculation,
no score without weights, weights typed with real keys, and bad weights named with
their field and allowed range."""

from __future__ import annotations

from typing import Any

from ber.engine.domains import domains
from tests.gui.line_edits import line_edit, type_text


def _show_page(w: Any) -> Any:
    from gui.actions import STEPS

    w.steps.setCurrentRow(STEPS.index("afweging"))
    return w.page_afweging


def test_page_sets_every_domain_beside_the_benefits(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    page = _show_page(w)
    qtbot.waitUntil(lambda: page.table_burdens.rowCount() == len(domains()), timeout=20_000)
    assert page.table_benefits.item(0, 1).text() == "900 banen"  # the demo's 900 jobs
    assert page.table_benefits.horizontalHeaderItem(1).text() == "Waarde"
    # coverage as on the results page and in the report's summary: whole percent, rounded down
    for r, key in enumerate(d.key for d in domains()):
        coverage = w.result.verdict[key].coverage
        expected = "onbekend" if coverage is None else f"{int(coverage * 100 + 1e-9)}%"
        assert page.table_burdens.item(r, 2).text() == expected, key
    assert page.table_liveability.rowCount() > 0
    assert "BRP" in page.label_unregistered.text()
    assert "geen totaalscore" in page.label_score.text()  # no weights: no single score


def test_typed_weights_give_a_score(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    page = _show_page(w)
    type_text(qtbot, line_edit(w, "edit_weight_housing_flex"), "50")
    type_text(qtbot, line_edit(w, "edit_target_jobs"), "1800")
    type_text(qtbot, line_edit(w, "edit_weight_jobs"), "50")
    weights = w.state.case.afweging.weights
    assert weights is not None
    assert (weights.domains["housing_flex"], weights.benefits["jobs"], weights.benefit_targets["jobs"]) == (
        50,
        50,
        1800,
    )
    # the demo's flex beds are red (score 0); 900 jobs / 1,800 = 0.5: 0.5 x 0 + 0.5 x 0.5 = 0.25
    qtbot.waitUntil(lambda: "0,25" in page.label_score.text(), timeout=20_000)
    w.state.undo_stack.undo()
    assert w.state.case.afweging.weights is not None and "jobs" not in w.state.case.afweging.weights.benefits


def test_bad_weights_are_named_with_their_range(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    page = _show_page(w)
    type_text(qtbot, line_edit(w, "edit_weight_housing_flex"), "60")
    type_text(qtbot, line_edit(w, "edit_weight_care_gp"), "30")
    # 60 + 30 = 90 %: the group message names the sum and what it must be
    qtbot.waitUntil(lambda: not page.label_weights.isHidden(), timeout=10_000)
    assert "90" in page.label_weights.text() and "100%" in page.label_weights.text()
    # a negative weight: the message under the field names the allowed range
    type_text(qtbot, line_edit(w, "edit_weight_care_gp"), "-10")
    edit = line_edit(w, "edit_weight_care_gp")
    assert edit.text() == "-10"  # kept as typed
    message = page.messages["afweging.weights.domains.care_gp"]
    qtbot.waitUntil(lambda: not message.isHidden(), timeout=10_000)
    assert "-10" in message.text() and "0 tot 1 (0% tot 100%)" in message.text()
    # not a number: the field keeps its text, the case the last good value
    type_text(qtbot, line_edit(w, "edit_weight_care_gp"), "veel")
    assert line_edit(w, "edit_weight_care_gp").text() == "veel"
    assert w.state.case.afweging.weights is not None
    assert w.state.case.afweging.weights.domains["care_gp"] == -10
    qtbot.waitUntil(lambda: "veel" in message.text(), timeout=10_000)
    # corrected: 40 % -> 60 + 40 = 100 %, no message left
    type_text(qtbot, line_edit(w, "edit_weight_care_gp"), "40")
    qtbot.waitUntil(lambda: page.label_weights.isHidden(), timeout=10_000)
    assert w.state.case.afweging.weights.domains == {"housing_flex": 60, "care_gp": 40}


def test_value_added_per_job_names_its_price_year(make_window: Any, qtbot: Any) -> None:
    """Distribution (the demo): an assumption in 2023 euros, no source year; sector other:
    CBS 2022* in current prices, 'prijspeil 2022' with the source."""
    from ber.case.model import parse_case

    w = make_window()
    page = _show_page(w)
    table = page.table_benefits

    def value_added() -> str:
        for r in range(table.rowCount()):
            if table.item(r, 0).text() == "Toegevoegde waarde per baan (sector)":
                return str(table.item(r, 1).text())
        return ""

    qtbot.waitUntil(lambda: bool(value_added()), timeout=20_000)
    assert value_added() == "€ 80.000 per baan per jaar (60.000 tot 110.000; aanname, in euro’s van 2023)"
    doc = w.state.case.to_dict()
    doc["business"]["sector"] = "other"
    w.state.replace(parse_case(doc), "sector")
    qtbot.waitUntil(lambda: "84.700" in value_added(), timeout=20_000)
    assert "(75.600 tot 105.600; prijspeil 2022; bron: CBS StatLine" in value_added()
