"""Typed numbers are never altered: out of range stays as typed and is marked with the
allowed range; text that is no number leaves the case empty (or as it was) and says so."""

from __future__ import annotations

from typing import Any

import pytest
from line_edits import field_message, line_edit, type_text

from gui.fields import NotANumber, parse_number, parse_point


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4.342", 4.342),
        ("4,342", 4.342),
        ("1.234,5", 1234.5),
        ("150 %", 150.0),
        ("50 bedden", 50.0),
        ("ca. 30", 30.0),
        ("-10", -10.0),
        ("1e12", 1e12),
        ("99999999999", 99999999999.0),
    ],
)
def test_parse_number_reads_what_was_typed(text: str, value: float) -> None:
    assert parse_number(text).value == pytest.approx(value)


def test_parse_number_ignored_parts_and_refusals() -> None:
    assert parse_number("50 bedden").ignored == "bedden"
    assert parse_number("ca. 30").ignored == "ca."
    assert parse_number("1.500", integer=True).value == 1500  # a Dutch thousands separator
    for text in ("veel", "abc", "3 of 4", "", "1e999"):
        with pytest.raises(NotANumber):
            parse_number(text)
    assert parse_point("52.01, 4.21") == (52.01, 4.21)
    assert parse_point("52,01 4,21") == (52.01, 4.21)
    assert parse_point("4.342") is None


def test_ramp_up_150_stays_150_and_is_marked(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    edit = line_edit(window, "edit_ramp_0")
    type_text(qtbot, edit, "150")
    assert edit.text() == "150"
    assert window.state.case.business.ramp_up[0] == pytest.approx(1.5)  # stored as typed
    text = field_message(edit)
    assert "150 %" in text and "0 tot en met 100 %" in text, text
    assert window.problems
    assert window.stale_frames[0].stale


def test_jobs_out_of_range_negative_and_letters(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    jobs = line_edit(window, "edit_jobs")
    type_text(qtbot, jobs, "99999999999")
    assert jobs.text() == "99999999999"
    assert window.state.case.business.jobs == pytest.approx(99999999999)
    assert "1.000.000" in field_message(jobs), field_message(jobs)  # the allowed range, Dutch thousands
    assert "Invoer compleet" not in window.label_validation.text()

    type_text(qtbot, jobs, "-5")
    assert jobs.text() == "-5"
    assert window.state.case.business.jobs == pytest.approx(-5)
    assert "negatief" in field_message(jobs)

    type_text(qtbot, jobs, "veel")
    assert jobs.text() == "veel"
    assert window.state.case.business.jobs is None  # nothing, not a number it was not
    assert "‘veel’ is geen getal" in field_message(jobs)
    assert window.problems

    type_text(qtbot, jobs, "20000")
    assert window.state.case.business.jobs == pytest.approx(20000)
    assert "ongewoon groot" in field_message(jobs)  # a warning, not an error
    assert not any(p.field == "business.jobs" for p in window.problems)


def test_years_out_of_range_stay_as_typed(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    start = line_edit(window, "edit_start_year")
    type_text(qtbot, start, "1900")
    assert start.text() == "1900"
    assert window.state.case.business.start_year == 1900
    assert "2000 tot en met 2100" in field_message(start)

    horizon = line_edit(window, "edit_horizon")
    type_text(qtbot, horizon, "0")
    assert horizon.text() == "0"
    assert window.state.case.business.horizon_years == 0
    assert "1 tot en met 50" in field_message(horizon)

    before = window.state.case.business.shifts_per_day
    shifts = line_edit(window, "edit_shifts")
    type_text(qtbot, shifts, "twee")
    assert shifts.text() == "twee"
    assert window.state.case.business.shifts_per_day == before  # a required number: unchanged
    assert "‘twee’ is geen getal" in field_message(shifts) and "1 tot en met 4" in field_message(shifts)
    assert any(p.field == "business.shifts_per_day" for p in window.problems)
    # typing a good number clears the problem
    type_text(qtbot, shifts, "3")
    assert window.state.case.business.shifts_per_day == 3
    assert not any(p.field == "business.shifts_per_day" for p in window.problems)


def test_share_in_dutch_decimals(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    share = line_edit(window, "edit_cross_border")
    type_text(qtbot, share, "12,5")
    assert share.text() == "12,5"
    assert window.state.case.workforce.cross_border_share == pytest.approx(0.125)


def test_coordinates_in_degrees_typed_and_pasted(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    table = window.page_sites.table
    crs = table.cellWidget(0, 4)
    crs.setCurrentIndex(crs.findData("EPSG:4326"))
    assert window.state.case.sites[0].crs == "EPSG:4326"
    x = table.cellWidget(0, 2)
    type_text(qtbot, x, "6.172")  # a point, as a web map gives it: 6.172°, not 6172°
    assert x.text() == "6.172"
    assert window.state.case.sites[0].x == pytest.approx(6.172)
    x = table.cellWidget(0, 2)
    type_text(qtbot, x, "6,18")
    assert window.state.case.sites[0].x == pytest.approx(6.18)
    # a pasted "lat, lon" fills both (Venlo town hall, 51.3704 N 6.1724 E)
    y = table.cellWidget(0, 3)
    type_text(qtbot, y, "51.3704, 6.1724")
    site = window.state.case.sites[0]
    assert (site.y, site.x) == (pytest.approx(51.3704), pytest.approx(6.1724))
    # the site page names the municipality the point lies in (built-in national polygons)
    assert "Venlo" in table.item(0, 6).text()
    # letters keep what the case holds and mark the cell
    x = table.cellWidget(0, 2)
    type_text(qtbot, x, "oost")
    assert window.state.case.sites[0].x == pytest.approx(6.1724)
    x = table.cellWidget(0, 2)
    assert x.text() == "oost"
    message = window.page_sites.message
    assert not message.isHidden() and "Rij 1: ‘oost’ is geen getal" in message.text(), message.text()
    assert "3 tot en met 7,6 °" in message.text()  # the allowed longitudes
    assert any(p.field == "sites[0].x" for p in window.problems)


def test_stale_results_are_marked_and_export_asks(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Any
) -> None:
    import gui.exports

    window = make_window()
    before = window.result
    share = line_edit(window, "edit_share_eu_short")
    type_text(qtbot, share, "110")  # the category shares now sum to 195 %
    frames = {f.objectName(): f for f in window.stale_frames}
    assert set(frames) == {"page_results_scroll_frame", "page_map_frame", "page_report_scroll_frame"}
    for frame in frames.values():
        assert frame.stale and frame.greyed
        assert "Personeel" in frame.banner.text()  # names where the problem is
    assert window.result is before  # the last valid result, not recomputed
    asked: list[str] = []
    monkeypatch.setattr(gui.exports, "ask_stale_export", lambda parent, text: asked.append(text) or False)
    assert window.exports.export_pdf(tmp_path / "r.pdf") is None
    assert len(asked) == 1 and "100" in asked[0]
    type_text(qtbot, share, "25")
    assert not any(f.stale for f in window.stale_frames)
    assert not any(f.greyed for f in window.stale_frames)
