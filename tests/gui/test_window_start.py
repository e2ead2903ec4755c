"""Window and start state: the window fits the screen and remembers its place, the last
case is reopened, a new case starts at the home municipality, ``ber-desk --version``.

Settings live in ``BER_DATA_DIR/settings.ini`` (a temporary folder per test, see
``tests/conftest.py``); the screen's available area is faked by patching ``QScreen``.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QScreen

from ber.io.paths import REPO_ROOT

LAPTOP = QRect(0, 0, 1366, 728)  # 1366×768 with a 40-pixel task bar
VENLO, VENRAY, HORST = "GM0983", "GM0984", "GM1507"


def fake_screen(monkeypatch: pytest.MonkeyPatch, area: QRect) -> None:
    monkeypatch.setattr(QScreen, "availableGeometry", lambda self: QRect(area))


def test_window_fits_a_1366_by_768_screen(make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    fake_screen(monkeypatch, LAPTOP)
    w = make_window()
    geometry = w.geometry()
    assert LAPTOP.contains(geometry), geometry
    assert geometry.height() < 800  # shrunk from the preferred 1280×800
    assert w.minimumSize().height() <= LAPTOP.height() - 40  # room for the title bar
    bar = w.statusBar()
    assert bar.isVisible()
    bottom = bar.mapToGlobal(QPoint(0, bar.height())).y()
    assert bottom <= LAPTOP.bottom() + 1, (bottom, LAPTOP)
    assert w.findChild(type(w.label_validation), "label_validation").isVisible()


def test_window_opens_at_1280_by_800_on_a_large_screen(make_window: Any) -> None:
    w = make_window()  # the fixture offers 1920×1050
    assert (w.width(), w.height()) == (1280, 800)


def test_window_remembers_size_position_and_maximised(
    make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.settings import qsettings

    first = make_window()
    first.setGeometry(QRect(100, 120, 1100, 720))
    first.close()
    second = make_window()
    assert second.geometry() == QRect(100, 120, 1100, 720)
    assert not second.isMaximized()
    second.showMaximized()
    second.close()
    assert str(qsettings().value("window/maximised")).lower() == "true"
    third = make_window()
    assert third.windowState() & Qt.WindowState.WindowMaximized
    # the size before maximising is kept for un-maximising
    assert (third.normalGeometry().width(), third.normalGeometry().height()) == (1100, 720)


def test_position_on_a_missing_screen_is_not_restored(
    make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from gui.settings import qsettings
    from gui.window_state import first_geometry

    s = qsettings()
    for key, value in (("x", 3000), ("y", 200), ("width", 1200), ("height", 760)):
        s.setValue(f"window/{key}", value)  # on a second monitor that is gone now
    s.sync()
    fake_screen(monkeypatch, LAPTOP)
    w = make_window()
    assert w.geometry() == first_geometry(LAPTOP)
    assert LAPTOP.contains(w.geometry())


def test_remembered_size_is_shrunk_to_the_screen(make_window: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.settings import qsettings

    s = qsettings()
    for key, value in (("x", 10), ("y", 40), ("width", 1800), ("height", 1000)):
        s.setValue(f"window/{key}", value)  # remembered on a larger screen
    s.sync()
    fake_screen(monkeypatch, LAPTOP)
    w = make_window()
    assert (w.geometry().x(), w.geometry().y()) == (10, 40)
    assert w.width() <= LAPTOP.width() and w.height() <= LAPTOP.height() - 40


def test_last_case_is_reopened(make_window: Any, tmp_path: Path) -> None:
    first = make_window()
    first.state.set_value("business.jobs", 321.0)
    target = tmp_path / "laatste.ber"
    assert first.documents.save_to(target)
    first.close()
    second = make_window()
    assert second.state.path == target and second.state.case.business.jobs == 321
    second.close()
    target.unlink()  # moved away: the next start does not complain, it shows the demo
    third = make_window()
    assert third.state.path is None and third.state.case.business.jobs == 900
    assert third.last_error == ""


def test_new_case_starts_at_the_home_municipality(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    w.prefs.home_municipality = HORST
    w.documents.new_case()
    case = w.state.case
    assert case.meta.reference != "DEMO-2026-001" and case.business.jobs == 100
    (site,) = case.sites
    table = w.ctx.table
    i = table.index(HORST)
    assert site.municipality == HORST and site.chosen
    assert (site.x, site.y) == (round(float(table.x[i])), round(float(table.y[i])))
    assert case.region.municipalities is None  # automatic: the cut-off distance around the site
    assert case.capacity == {} and case.workforce.employer_beds == []
    qtbot.waitUntil(
        lambda: w.result is not None and w.result.totals["jobs"] == pytest.approx(100), timeout=10_000
    )
    assert w.result.region["method"] == "cutoff" and HORST in w.result.region["municipalities"]


def test_first_new_case_asks_for_the_home_municipality_once(
    make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import gui.documents
    from gui.settings import load_preferences

    w = make_window()
    asked: list[int] = []

    def cancel(parent: Any, choices: list[tuple[str, str]]) -> str | None:
        asked.append(len(choices))
        return None

    monkeypatch.setattr(gui.documents, "ask_home_municipality", cancel)
    w.documents.new_case()
    choices = len(w.ctx.table.codes)  # every municipality of the built-in national set
    assert asked == [choices] and choices == 342
    assert w.state.case.business.jobs == 900  # cancelled: the case stays
    monkeypatch.setattr(
        gui.documents, "ask_home_municipality", lambda parent, choices: asked.append(0) or VENRAY
    )
    w.documents.new_case()
    assert w.state.case.sites[0].municipality == VENRAY
    assert w.prefs.home_municipality == VENRAY and load_preferences().home_municipality == VENRAY
    w.documents.new_case()  # known now: no question
    assert asked == [choices, 0]


def test_start_with_a_home_municipality_is_a_new_case_there(make_window: Any) -> None:
    from gui.settings import Preferences, save_preferences

    save_preferences(Preferences(home_municipality=VENRAY))
    w = make_window()
    assert w.state.case.sites[0].municipality == VENRAY
    assert w.state.case.meta.reference != "DEMO-2026-001"
    w.documents.open_demo()  # only "Demo openen" opens the demo
    assert w.state.case.meta.reference == "DEMO-2026-001"


def test_preferences_choose_the_home_municipality_by_typing(make_window: Any, qtbot: Any) -> None:
    from gui.dialogs import PreferencesDialog

    w = make_window()
    dialog = PreferencesDialog(w.prefs, w.ctx.ref, w, w.municipality_choices())
    qtbot.addWidget(dialog)
    picker = dialog.home
    assert picker.code() == ""  # none chosen yet
    qtbot.keyClicks(picker.edit_filter, "venr")
    assert picker.visible_codes() == [VENRAY]
    assert picker.code() == VENRAY  # the only match is chosen
    picker.edit_filter.clear()
    qtbot.keyClicks(picker.edit_filter, "GM09")
    assert VENLO in picker.visible_codes() and HORST not in picker.visible_codes()
    assert picker.code() == VENRAY  # still shown, still chosen
    qtbot.keyClicks(picker.edit_filter, "xyz")
    assert picker.visible_codes() == [] and picker.code() == ""
    assert dialog.result_preferences().home_municipality == ""  # nothing chosen, nothing kept
    picker.edit_filter.clear()
    qtbot.keyClicks(picker.edit_filter, "Horst")  # Staphorst, Horst aan de Maas, Bronckhorst, Maashorst
    assert len(picker.visible_codes()) == 4 and dialog.result_preferences().home_municipality == ""
    qtbot.keyClicks(picker.edit_filter, " aan")
    assert dialog.result_preferences().home_municipality == HORST


def test_version_prints_and_exits_without_a_window() -> None:
    from ber import __version__

    env = dict(os.environ, QT_QPA_PLATFORM="no-such-platform", PYTHONPATH=str(REPO_ROOT))
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from gui.app import main; sys.exit(main(['--version']))"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    # with an unknown Qt platform, creating a QApplication would abort the process
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == f"ber-desk {__version__}"


class FakeGeo:
    """Geodata stand-in whose table adds a municipality the built-in national set lacks
    (as a newer year's import would after a municipal merger)."""

    def __init__(self, table: Any) -> None:
        self.table = table

    def context(self, ref: Any) -> Any:
        from ber.engine.assess import Context

        return Context(ref=ref, table=self.table)

    def regions(self, kind: str) -> dict[str, tuple[str, list[str]]]:
        return {}


def test_home_outside_the_built_in_table_waits_for_the_geodata(
    make_window: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    import numpy as np

    import gui.map_region

    # the stored import is what arrives from the worker (below), not the built-in set
    monkeypatch.setattr(gui.map_region.MapRegionController, "load_map_data", lambda self: None)

    from ber.reference.data import MunicipalityTable
    from gui.map_region import schematic_layer
    from gui.settings import Preferences, save_preferences

    utrecht = "GM9999"  # a code the built-in 2024 division does not have
    save_preferences(Preferences(home_municipality=utrecht))
    w = make_window()
    assert w.state.case.meta.reference == "DEMO-2026-001"  # not in the built-in table: waits
    t = w.ctx.table

    def plus(values: Any, extra: float) -> Any:
        return np.append(values, extra)

    table = MunicipalityTable(
        codes=(*t.codes, utrecht),
        names=(*t.names, "Utrecht"),
        inhabitants=plus(t.inhabitants, 374_000.0),
        households=plus(t.households, 190_000.0),
        dwellings=plus(t.dwellings, 160_000.0),
        x=plus(t.x, 136_000.0),
        y=plus(t.y, 456_000.0),
        source=t.source,
    )
    w.map_region.map_data_ready((FakeGeo(table), schematic_layer(table), True))  # the stored import arrives
    (site,) = w.state.case.sites
    assert site.municipality == utrecht and (site.x, site.y) == (136_000, 456_000)
