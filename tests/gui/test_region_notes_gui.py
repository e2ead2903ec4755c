"""Employer beds that add a municipality to the region: the results page and the region
page show the catalogue's note (``msg.region.employer_beds_added``), as the CLI and the
report do; the note goes away when the beds lie in the region again."""

from __future__ import annotations

from typing import Any

from tests.core.test_region_notes import tilburg_case


def _settled(qtbot: Any, w: Any) -> None:
    from gui.workers import running_jobs

    calc = w.calculation
    qtbot.waitUntil(lambda: running_jobs() == 0 and not calc.running and not calc.wanted, timeout=10_000)


def test_site_moved_to_tilburg_shows_the_note(qtbot: Any, make_window: Any) -> None:
    w = make_window()
    notes = (w.page_results.label_region_notes, w.page_region.label_region_notes)
    assert all(label.isHidden() for label in notes)  # the demo's beds lie in Venlo, the host
    w.state.replace(tilburg_case(), "sites")  # the site to Tilburg (GM0855), the beds stay in Venlo
    qtbot.waitUntil(lambda: w.result is not None and w.result.site.host_municipality == "GM0855")
    _settled(qtbot, w)
    for label in notes:
        assert not label.isHidden()
        text = label.text()
        assert text.startswith("⚠ ") and "Personeel" in text  # where to fix it
        assert "Venlo (GM0983) hoort niet bij de gekozen regio" in text
        assert "150 werkgeversbedden staan" in text and "km van de locatie in Tilburg" in text
        assert "workforce.employer_beds" not in text  # no technical field path
    w.state.undo_stack.undo()  # back to Venlo: no note
    qtbot.waitUntil(lambda: w.result is not None and w.result.site.host_municipality == "GM0983")
    _settled(qtbot, w)
    assert all(label.isHidden() for label in notes)


def test_note_in_english(qtbot: Any, make_window: Any) -> None:
    w = make_window("en")
    w.state.replace(tilburg_case(), "sites")
    qtbot.waitUntil(lambda: w.result is not None and w.result.site.host_municipality == "GM0855")
    _settled(qtbot, w)
    text = w.page_results.label_region_notes.text()
    assert "Venlo (GM0983) is not part of the chosen region" in text and "150 employer beds are there" in text
