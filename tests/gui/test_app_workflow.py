"""Drive a whole case as a user would: demo, edit, invalid input, undo, save, reopen, export."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from line_edits import line_edit
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QLineEdit


def _type(qtbot: Any, edit: QLineEdit, text: str) -> None:
    edit.setFocus()
    edit.selectAll()
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_demo_edit_invalid_undo_save_reopen(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = make_window()
    assert window.result.totals["jobs"] == pytest.approx(900)
    for name in (
        "page_business",
        "page_workforce",
        "page_sites",
        "page_region",
        "page_results",
        "page_map",
        "page_report",
    ):
        assert window.findChild(object, name) is not None, name

    # change the number of jobs as a user does (type and press Enter): results follow
    jobs = line_edit(window, "edit_jobs")
    _type(qtbot, jobs, "1200")
    assert window.state.case.business.jobs == 1200
    qtbot.waitUntil(lambda: window.result.totals["jobs"] == pytest.approx(1200), timeout=5000)
    # 1200 jobs x 60 % migrant share = 720 labour migrants (hand computation)
    assert window.result.totals["migrant_workers"] == pytest.approx(720)
    assert window.isWindowModified()

    # an invalid share: EU short stay 90 % makes the categories sum to 165 %
    share = line_edit(window, "edit_share_eu_short")
    _type(qtbot, share, "90")
    assert window.state.case.workforce.category_shares["eu_short"] == pytest.approx(0.9)
    message = window.findChild(QLabel, "message_category_shares")
    assert not message.isHidden()
    assert "100" in message.text()
    # the results pages say they show the last valid input; a report of it asks first
    assert all(frame.stale for frame in window.stale_frames)
    assert "laatste geldige invoer" in window.stale_frames[0].banner.text()
    assert not window.commands.action_export_excel.isEnabled()
    assert "✗" in window.label_validation.text()
    assert window.findChild(QLabel, "label_category_sum").text().startswith("✗")
    # no calculation with invalid input: the result stays the last valid one
    assert window.result.totals["jobs"] == pytest.approx(1200)

    # undo restores the exact previous case and enables export again
    window.commands.action_undo.trigger()
    assert window.state.case.workforce.category_shares["eu_short"] == pytest.approx(0.25)
    assert share.text() == "25"
    assert window.commands.action_export_pdf.isEnabled()
    assert not any(frame.stale for frame in window.stale_frames)
    assert message.isHidden()
    assert "✓" in window.label_validation.text()

    # save, then reopen in a new document
    target = tmp_path / "case.ber"
    assert window.documents.save_to(target)
    assert not window.isWindowModified()
    window.documents.open_demo()
    assert window.state.case.business.jobs == 900
    assert window.documents.open_path(target)
    assert window.state.case.business.jobs == 1200
    assert window.state.path == target
    assert str(target.resolve()) == window.prefs.recent[0]
    assert jobs.text() == "1200"


def test_export_pdf_and_reopen_from_pdf(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    pytest.importorskip("ber.report", reason="report module not yet built")
    window = make_window()
    window.page_report.check_pdfa.setChecked(False)
    target = tmp_path / "rapport.pdf"
    with qtbot.waitSignal(window.exportFinished, timeout=60_000) as blocker:
        handle = window.exports.export_pdf(target)
        assert handle is not None
    assert Path(blocker.args[0]) == target
    assert target.read_bytes()[:5] == b"%PDF-"
    # the report carries the case: opening the PDF gives the case back
    window.documents.open_demo()
    _type(qtbot, line_edit(window, "edit_jobs"), "10")
    assert window.documents.open_path(target)
    assert window.state.case.business.jobs == 900


def test_export_excel(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    window = make_window()
    target = tmp_path / "ber.xlsx"
    with qtbot.waitSignal(window.exportFinished, timeout=30_000):
        window.exports.export_excel(target)
    assert target.read_bytes()[:2] == b"PK"


def test_export_gpkg_from_the_menu(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    """File > Exporteren naar GeoPackage: the same layers as ``ber assess --gpkg`` (issue 14)."""
    import pyogrio

    window = make_window()
    assert window.commands.action_export_gpkg in window.menuBar().actions()[0].menu().actions()
    target = tmp_path / "ber.gpkg"
    with qtbot.waitSignal(window.exportFinished, timeout=30_000):
        window.exports.export_gpkg(target)
    layers = dict(pyogrio.list_layers(target))
    assert layers["municipalities"] == "MultiPolygon" and layers["sites"] == "Point"
    munis = pyogrio.read_dataframe(target, layer="municipalities")
    assert munis.crs.to_epsg() == 28992
    assert set(munis["code"]) == set(window.result.region.municipalities)


def test_export_accessible_html_from_the_menu(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    """File > Exporteren als toegankelijke HTML: the report with lang, headings and header cells."""
    window = make_window()
    assert window.commands.action_export_html in window.menuBar().actions()[0].menu().actions()
    target = tmp_path / "rapport.html"
    with qtbot.waitSignal(window.exportFinished, timeout=60_000):
        window.exports.export_html(target)
    page = target.read_text("utf-8")
    assert '<html lang="nl' in page and "<h1" in page and '<th scope="col"' in page


def test_monte_carlo_bands(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    window.prefs.mc_draws = 200
    assert window.result.uncertainty is None
    window.run_monte_carlo()
    qtbot.waitUntil(lambda: window.result.uncertainty is not None, timeout=20_000)
    assert window.result.uncertainty["samples"] == 200
    assert window.calculation.mc_job is None
    assert window.page_results.button_mc.isEnabled()
    # the band column of the key figures is filled (not the "–" placeholder)
    model = window.page_results.figures_model
    bands = [model.cell(r, 2).text for r in range(model.rowCount())]
    assert any(b != "–" for b in bands)


def test_stale_results_are_discarded(make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    """The first calculation (900 jobs) is held until the second (500 jobs) has been shown;
    its late result must not replace the newer one (the generation guard in
    ``gui.calculation``). Without the guard the window would end on 900 jobs."""
    import threading

    import ber.engine.assess as engine
    from gui.workers import running_jobs

    window = make_window()
    real_assess = engine.assess
    second_shown = threading.Event()
    first_finished = threading.Event()

    def held(case: Any, ctx: Any, **kwargs: Any) -> Any:
        if case.business.jobs == 900:  # the old input: wait until the newer result is shown
            assert second_shown.wait(20), "the second calculation never finished"
            try:
                return real_assess(case, ctx, **kwargs)
            finally:
                first_finished.set()
        return real_assess(case, ctx, **kwargs)

    monkeypatch.setattr(engine, "assess", held)
    first = window.calculation.compute()
    window.state.set_value("business.jobs", 500.0)
    window.calculation.kick.stop()  # only the two calculations of this test run
    second = window.calculation.compute()
    assert first is not None and second is not None
    qtbot.waitUntil(lambda: window.result.totals["jobs"] == pytest.approx(500), timeout=10_000)
    assert not first_finished.is_set()  # the old calculation is still held
    second_shown.set()
    qtbot.waitUntil(first_finished.is_set, timeout=10_000)
    qtbot.waitUntil(lambda: running_jobs() == 0, timeout=10_000)  # its callback has run
    assert window.result.totals["jobs"] == pytest.approx(500)


def test_sites_add_remove_and_choose(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    page = window.page_sites
    assert page.table.rowCount() == 3
    page.add_site(200_000.0, 385_000.0, "Nieuw terrein")
    assert len(window.state.case.sites) == 4
    assert window.state.case.sites[-1].name == "Nieuw terrein"
    assert page.table.rowCount() == 4
    window.page_map.siteRequested.emit(199_000.0, 384_000.0)  # a click on the map in add-site mode
    assert len(window.state.case.sites) == 5
    qtbot.waitUntil(lambda: len(window.result.sites) == 5, timeout=5000)
    assert window.page_map.sites_model.columnCount() == 1 + 5
    window.commands.action_undo.trigger()
    window.commands.action_undo.trigger()
    assert len(window.state.case.sites) == 3


def test_recover_autosave_after_crash(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import gui.documents
    from ber.case.demo import demo_case
    from ber.case.model import save_case
    from gui.app import build_window

    folder = gui.documents.autosave_dir()
    crashed = demo_case().copy_with(business=demo_case().business.model_copy(update={"jobs": 777.0}))
    save_case(crashed, folder / gui.documents.AUTOSAVE_NAME)
    (folder / gui.documents.LOCK_NAME).write_text("12345")  # no clean exit: the marker is still there
    asked = []
    monkeypatch.setattr(gui.documents, "ask_recover", lambda question: asked.append(question) or True)
    monkeypatch.setattr(
        gui.documents, "ask_unsaved", lambda parent: gui.documents.QMessageBox.StandardButton.Discard
    )
    window = build_window("nl")
    qtbot.addWidget(window)
    assert len(asked) == 1 and "nog nooit opgeslagen" in asked[0], asked  # names the file (none)
    assert window.state.case.business.jobs == 777
    assert window.state.dirty
    # a clean exit removes the marker and the autosave: no offer next time
    window.close()
    assert not (folder / gui.documents.LOCK_NAME).exists()
    assert not (folder / gui.documents.AUTOSAVE_NAME).exists()


def test_no_recovery_offer_after_clean_exit(qtbot: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    import gui.documents
    from gui.app import build_window

    monkeypatch.setattr(gui.documents, "ask_recover", lambda question: pytest.fail("no crash, no question"))
    window = build_window("nl")
    qtbot.addWidget(window)
    window.state.set_value("business.jobs", 333.0)
    path = window.documents.autosave()
    assert path is not None and path.exists()
    monkeypatch.setattr(
        gui.documents, "ask_unsaved", lambda parent: gui.documents.QMessageBox.StandardButton.Discard
    )
    window.close()
    window2 = build_window("nl")
    qtbot.addWidget(window2)
    assert window2.state.case.business.jobs == 900
    window2.close()


def test_english_ui(make_window: Any) -> None:
    window = make_window("en")
    assert window.steps.item(0).text().endswith("Business")
    assert window.menuBar().actions()[0].text() == "&File"
    assert "Input complete" in window.label_validation.text()


def test_map_click_selects_row(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    qtbot.waitUntil(lambda: window.page_map.view.layer is not None, timeout=10_000)
    window.page_map.view.municipalityClicked.emit("GM0984")
    view = window.page_results.traffic_view
    row = window.page_results.traffic_model.row_of("GM0984")
    assert row >= 0
    assert view.selectionModel().isRowSelected(row)
    assert window.page_map.view.selected() == "GM0984"


def test_cancel_monte_carlo(make_window: Any, qtbot: Any) -> None:
    window = make_window()
    window.prefs.mc_draws = 20000
    handle = window.run_monte_carlo()
    assert handle is not None
    assert window.page_results.button_cancel.isVisibleTo(window.page_results)
    handle.cancel()  # what the Annuleren button does
    qtbot.waitUntil(lambda: window.calculation.mc_job is None, timeout=20_000)
    assert window.result.uncertainty is None
    assert "afgebroken" in window.page_results.label_mc.text()
    assert window.page_results.button_mc.isEnabled()


def test_cancel_report_writes_no_file(make_window: Any, qtbot: Any, tmp_path: Path) -> None:
    pytest.importorskip("ber.report", reason="report module not yet built")
    window = make_window()
    window.page_report.check_pdfa.setChecked(False)
    target = tmp_path / "afgebroken.pdf"
    handle = window.exports.export_pdf(target)
    assert handle is not None
    handle.cancel()  # before the first progress step: the build stops there
    qtbot.waitUntil(lambda: not window.page_report.progress.isVisibleTo(window.page_report), timeout=30_000)
    assert "afgebroken" in window.page_report.label_status.text()
    assert not target.exists()


def test_unsaved_changes_prompt_can_cancel_closing(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from PySide6.QtWidgets import QMessageBox

    import gui.documents

    window = make_window()
    window.state.set_value("business.jobs", 950.0)
    asked: list[bool] = []

    def cancel(parent: Any) -> QMessageBox.StandardButton:
        asked.append(True)
        return QMessageBox.StandardButton.Cancel

    monkeypatch.setattr(gui.documents, "ask_unsaved", cancel)
    assert not window.close()
    assert asked == [True]
    assert window.isVisible()
    window.documents.new_case()  # also asks, and keeps the case when cancelled
    assert window.state.case.business.jobs == 950


def test_recent_files_menu(make_window: Any, tmp_path: Path) -> None:
    window = make_window()
    target = tmp_path / "recent.ber"
    assert window.documents.save_to(target)
    first = window.menu_recent.actions()[0]
    assert first.objectName() == "action_recent_0"
    assert "recent.ber" in first.text()
    window.state.set_value("business.jobs", 10.0)
    window.state.undo_stack.setClean()
    first.trigger()
    assert window.state.case.business.jobs == 900
