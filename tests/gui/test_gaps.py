"""Register URL in the preferences, ticking the region on the map, the region kind recognised
when a case is reopened, and the cumulative colouring of the map (issues 4, 5 and 6)."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys
from ber.maplayer import statuses_for
from gui.actions import STEPS

PASSWORD_URL = "postgresql://ber:geheim@127.0.0.1:1/regio"
STORED_URL = "postgresql://ber@127.0.0.1:1/regio"
GENNEP, VENLO = "GM0907", "GM0983"


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import gui.register_view as rv

    shown: list[str] = []
    monkeypatch.setattr(rv, "show_message", lambda parent, title, text: shown.append(f"{title}: {text}"))
    return shown


def settings_text() -> str:
    return (Path(os.environ["BER_DATA_DIR"]) / "settings.ini").read_text(encoding="utf-8")


# --- 1. the register connection in the preferences -----------------------------------------


def test_register_password_stays_in_memory(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, messages: list[str]
) -> None:
    from gui.dialogs import PreferencesDialog
    from gui.settings import load_preferences

    monkeypatch.delenv("BER_REGISTER_URL", raising=False)
    w = make_window()
    dialog = PreferencesDialog(w.prefs, w.ctx.ref, w)
    qtbot.addWidget(dialog)
    field = dialog.edit_register
    assert field.objectName() == "edit_pref_register_url"
    # empty = the SQLite file in the user data folder, shown as placeholder
    assert str(Path(os.environ["BER_DATA_DIR"]) / "register.sqlite") in field.placeholderText()
    assert not dialog.label_register_env.isVisibleTo(dialog)  # no environment override
    note = dialog.findChild(QLabel, "label_pref_register_note")
    assert ".pgpass" in note.text() and "PGPASSWORD" in note.text() and "niet opgeslagen" in note.text()
    field.setText(PASSWORD_URL)
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted
    w.apply_preferences(dialog.result_preferences(), dialog.session_url())

    text = settings_text()
    assert "geheim" not in text  # the password is nowhere in the settings file
    assert "ber@127.0.0.1" in text
    assert load_preferences().register_url == STORED_URL
    assert w.register_session_url == PASSWORD_URL
    assert "niet opgeslagen" in w.statusBar().currentMessage()

    # the register window gets the URL with the password, from memory
    w.action_register_open.trigger()
    view = w.register_view
    assert view.url == PASSWORD_URL
    assert view.findChild(QLabel, "label_password_note") is not None
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=20_000)  # nothing listens on port 1
    assert "geheim" not in messages[0]
    view.close()

    # a preferences round without touching the field keeps the session password
    again = PreferencesDialog(w.prefs, w.ctx.ref, w)
    qtbot.addWidget(again)
    assert again.edit_register.text() == STORED_URL  # the dialog never shows the password
    w.apply_preferences(again.result_preferences(), again.session_url())
    assert w.register_session_url == PASSWORD_URL
    # another register: the old password no longer applies
    again.edit_register.setText("postgresql://ander@db.example/register")
    w.apply_preferences(again.result_preferences(), again.session_url())
    assert w.register_session_url is None


def test_environment_wins_and_bad_url_refused(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from gui.dialogs import PreferencesDialog
    from gui.register_dialogs import register_url

    env = f"sqlite:///{tmp_path / 'gedeeld.sqlite'}"
    monkeypatch.setenv("BER_REGISTER_URL", env)
    w = make_window()
    dialog = PreferencesDialog(w.prefs, w.ctx.ref, w)
    qtbot.addWidget(dialog)
    assert dialog.label_register_env.isVisibleTo(dialog)
    assert (
        "BER_REGISTER_URL" in dialog.label_register_env.text()
        and "gedeeld.sqlite" in dialog.label_register_env.text()
    )
    assert register_url(PASSWORD_URL) == env  # the environment wins over preference and session
    # not a database address: the dialog stays open and names the field and what is allowed
    dialog.edit_register.setText("mysql://ber@db/regio")
    dialog.accept()
    assert dialog.result() != dialog.DialogCode.Accepted
    error = dialog.label_register_error
    assert error.isVisibleTo(dialog)
    assert "Zaakregister" in error.text() and "postgresql://" in error.text() and "mysql://" in error.text()
    dialog.edit_register.setText("")  # empty = the SQLite default
    dialog.accept()
    assert dialog.result() == dialog.DialogCode.Accepted


def test_settings_migration_removes_a_stored_password(qapp: Any) -> None:
    from gui.settings import SETTINGS_VERSION, load_preferences, qsettings

    s = qsettings()
    s.setValue("settings_version", 1)
    s.setValue("register_url", PASSWORD_URL)  # put there by hand, before version 2
    s.sync()
    assert "geheim" in settings_text()
    p = load_preferences(s)
    s.sync()
    assert p.register_url == STORED_URL
    assert SETTINGS_VERSION == 2 and int(s.value("settings_version")) == 2
    assert "geheim" not in settings_text()


# --- 2. ticking the region on the map -----------------------------------------------------


def click_municipality(qtbot: Any, w: Any, code: str) -> None:
    view = w.page_map.view
    i = w.ctx.table.index(code)
    x, y = float(w.ctx.table.x[i]), float(w.ctx.table.y[i])
    assert view.layer.hit(x, y) == code  # the centroid lies in the municipality's shape
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=view.viewport_pos_of(x, y))


def test_tick_region_on_the_map(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    qtbot.waitUntil(lambda: w.page_map.view.layer is not None and w.page_map._layer_set, timeout=10_000)
    # start from the automatic region (no list in the case): the region of the last result
    w.state.set_value("region", {"municipalities": None, "label": ""})
    qtbot.waitUntil(lambda: w.result.region["method"] == "cutoff", timeout=10_000)
    auto = list(w.result.region["municipalities"])
    assert GENNEP in auto and VENLO in auto
    w.steps.setCurrentRow(STEPS.index("map"))  # Kaart
    w.page_map.view.resize(700, 600)
    w.page_map.fit()
    stack = w.state.undo_stack
    steps = stack.count()

    # without the tick mode a click only selects
    click_municipality(qtbot, w, GENNEP)
    assert w.state.case.region.municipalities is None and stack.count() == steps

    w.page_map.button_tick_region.click()
    assert w.page_map.button_tick_region.isChecked()
    click_municipality(qtbot, w, GENNEP)
    region = w.state.case.region
    assert region.municipalities == [c for c in auto if c != GENNEP]
    assert region.label == "Zelf aangevinkt"
    assert stack.count() == steps + 1
    assert GENNEP not in w.page_map.view.region() and VENLO in w.page_map.view.region()  # faded at once
    assert w.page_region.radio_list.isChecked()  # the region page follows
    qtbot.waitUntil(lambda: GENNEP not in w.result.region["municipalities"], timeout=10_000)
    assert w.result.region["method"] == "list"
    assert [m.code for m in w.result.municipalities] == region.municipalities

    # the host municipality cannot be removed; the status bar says why
    click_municipality(qtbot, w, VENLO)
    assert w.state.case.region == region and stack.count() == steps + 1
    message = w.statusBar().currentMessage()
    assert "Venlo" in message and "vestigingsgemeente" in message
    w.page_map.view.fit_all()
    w.page_map.view.render_image().save("/tmp/shots/gaps_map_ticked_view.png")
    w.grab().save("/tmp/shots/gaps_map_ticked.png")

    # ticking Gennep again adds it: a second, separate undo step
    click_municipality(qtbot, w, GENNEP)
    assert GENNEP in w.state.case.region.municipalities and stack.count() == steps + 2
    qtbot.waitUntil(lambda: GENNEP in w.result.region["municipalities"], timeout=10_000)
    w.commands.action_undo.trigger()
    assert w.state.case.region == region
    assert GENNEP not in w.page_map.view.region()
    w.commands.action_undo.trigger()
    assert w.state.case.region.municipalities is None  # back to the automatic region
    assert w.page_region.radio_auto.isChecked()
    qtbot.waitUntil(lambda: w.result.region["method"] == "cutoff", timeout=10_000)
    # adding a site by clicking switches the tick mode off
    w.page_map.button_add_site.setChecked(True)
    assert not w.page_map.button_tick_region.isChecked()
    w.page_map.button_add_site.setChecked(False)


# --- 3. the region kind recognised ---------------------------------------------------------


#: two region kinds over the built-in municipalities
FAKE_REGIONS: dict[str, dict[str, tuple[str, list[str]]]] = {
    "arbeidsmarktregio": {"AM99": ("Noord-Limburg", ["GM0889", "GM0983", "GM1507"])},
    "provincie": {
        "PV31": ("Limburg", ["GM0889", "GM0893", "GM0907", "GM0983", "GM0984", "GM1507", "GM1894"])
    },
}


class FakeGeo:
    """Geodata stand-in: only ``regions`` is asked by the region page."""

    def regions(self, kind: str) -> dict[str, tuple[str, list[str]]]:
        return FAKE_REGIONS[kind]


def test_region_page_recognises_a_region_kind(make_window: Any, qtbot: Any) -> None:
    w = make_window()
    page = w.page_region
    # the built-in national geodata arrive from a worker after start-up; replace them afterwards
    qtbot.waitUntil(lambda: w.geo is not None, timeout=20_000)
    w.analysis.geo = FakeGeo()
    page.combo_region.clear()  # the page keeps the regions it listed for the built-in set
    w.state.set_value("region", {"municipalities": ["GM1507", "GM0983", "GM0889"], "label": ""})
    assert page.radio_kind.isChecked() and not page.radio_list.isChecked()
    assert page.combo_kind.currentData() == "arbeidsmarktregio" and page.combo_region.currentData() == "AM99"
    everything = FAKE_REGIONS["provincie"]["PV31"][1]
    w.state.set_value("region", {"municipalities": everything, "label": "opgeslagen"})
    assert page.combo_kind.currentData() == "provincie" and page.combo_region.currentData() == "PV31"
    # other members, but the label names the province (in English here)
    w.state.set_value("region", {"municipalities": ["GM0983", "GM0984"], "label": "Province Limburg"})
    assert page.radio_kind.isChecked() and page.combo_region.currentData() == "PV31"
    # other members and no region named: ticked by hand
    w.state.set_value("region", {"municipalities": ["GM0983", "GM0984"], "label": ""})
    assert page.radio_list.isChecked() and not page.radio_kind.isChecked()
    # ticked by hand stays ticked by hand, even when it happens to equal a region
    w.state.set_value("region", {"municipalities": everything, "label": "Zelf aangevinkt"})
    assert page.radio_list.isChecked()
    w.commands.action_undo.trigger()
    w.commands.action_undo.trigger()
    assert page.radio_kind.isChecked() and page.combo_region.currentData() == "PV31"


def test_reopened_demo_shows_its_labour_market_region(
    make_window: Any, qtbot: Any, shared_reference: Any
) -> None:
    w = make_window()
    # imported twice, in worker threads: the second import used to crash in pyproj (the
    # PROJ context of the first job's thread was freed; gui.workers._pin_thread_state)
    for _ in range(2):
        with qtbot.waitSignal(w.mapReady, timeout=120_000):
            w.map_region.import_geodata_from(shared_reference)
    page = w.page_region
    # the demo's region is 'Arbeidsmarktregio Noord-Limburg' with its seven member municipalities
    code, _name = w.geo.region_of("arbeidsmarktregio", VENLO)
    assert sorted(w.state.case.region.municipalities) == w.geo.region_members("arbeidsmarktregio", code)
    assert page.radio_kind.isChecked()
    assert page.combo_kind.currentData() == "arbeidsmarktregio" and page.combo_region.currentData() == code
    # the province of Limburg, chosen as a plain list of members
    province, _ = w.geo.region_of("provincie", VENLO)
    members = w.geo.region_members("provincie", province)
    w.state.set_value("region", {"municipalities": list(reversed(members)), "label": ""})
    assert page.combo_kind.currentData() == "provincie" and page.combo_region.currentData() == province
    w.state.undo_stack.undo()  # back to the demo's labour-market region
    assert page.combo_kind.currentData() == "arbeidsmarktregio"
    w.steps.setCurrentRow(3)
    w.grab().save("/tmp/shots/gaps_region_kind.png")


# --- 4. the cumulative colouring of the map -------------------------------------------------


def test_map_colours_by_the_cumulative_view(
    make_window: Any, qtbot: Any, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, messages: list[str]
) -> None:
    from ber.register import Register

    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    other = demo_case()
    other = other.model_copy(
        update={"meta": other.meta.model_copy(update={"reference": "Z-1", "title": "Zaak Z-1"})}
    )
    with Register.open(url) as reg:
        reg.add(other, assess(other, Context.default()), status="granted", received=dt.date(2025, 3, 1))
    monkeypatch.setenv("BER_REGISTER_URL", url)
    w = make_window()
    page = w.page_map
    qtbot.waitUntil(lambda: page.view.layer is not None and page._layer_set, timeout=10_000)
    model = page.combo_colouring.model()
    assert [page.combo_colouring.itemData(i) for i in range(3)] == ["this", "without", "with"]
    assert not model.item(1).isEnabled() and not model.item(2).isEnabled()  # nothing computed yet

    w.action_register_open.trigger()
    view = w.register_view
    qtbot.waitUntil(lambda: view.busy == 0 and view.register is not None, timeout=10_000)
    view.compute_cumulative()
    qtbot.waitUntil(lambda: page.cumulative is not None, timeout=10_000)
    cum = page.cumulative
    assert cum is view.cumulative_for(w.state.case) and cum.other_references == ["Z-1"]
    assert model.item(1).isEnabled() and model.item(2).isEnabled()

    # a domain where the other case changes a verdict (the same 900 jobs again: it must exist)
    domain = next(
        d for d in domain_keys() if cum.statuses(d, with_case=True) != cum.statuses(d, with_case=False)
    )
    page.combo_domain.setCurrentIndex(page.combo_domain.findData(domain))
    this = statuses_for(w.result, domain)
    assert page.view.statuses() == this
    page.combo_colouring.setCurrentIndex(2)
    assert page.view.statuses() == cum.statuses(domain, with_case=True) != this
    assert "cumulatief met deze zaak" in page.view.legend_label()
    page.combo_colouring.setCurrentIndex(1)
    assert page.view.statuses() == cum.statuses(domain, with_case=False)
    assert "cumulatief zonder deze zaak" in page.view.legend_label()
    w.steps.setCurrentRow(STEPS.index("map"))
    page.combo_colouring.setCurrentIndex(2)
    w.grab().save("/tmp/shots/gaps_map_cumulative.png")

    # another input: the cumulative view no longer belongs to the case
    w.state.set_value("business.jobs", 950)
    assert page.cumulative is None and page.colouring() == "this"
    assert not model.item(2).isEnabled()
    qtbot.waitUntil(lambda: w.result.totals["jobs"] == 950, timeout=10_000)
    assert page.view.statuses() == statuses_for(w.result, domain)
    assert messages == []
    view.close()
