"""The register window (gui/register_view.py) against a SQLite register in tmp_path.

Three registered variants of the demo business (all in the demo region):
  Z-1  distribution, granted,      received 2025-03-01, host Venlo
  Z-2  distribution, in procedure, received 2026-05-10, host Venray (the Venray site chosen)
  Z-3  greenhouse_horticulture, refused,      received 2026-07-20, host Venlo
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QTableView

from ber.case.demo import demo_case
from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.register import Register

OFFICER = "M. de Vries"


def variant(ref: str, sector: str, venray: bool = False) -> Case:
    base = demo_case()
    sites = [
        s.model_copy(update={"chosen": (i == 1) if venray else (i == 0)}) for i, s in enumerate(base.sites)
    ]
    return base.model_copy(
        update={
            "meta": base.meta.model_copy(update={"reference": ref, "title": f"Zaak {ref}"}),
            "business": base.business.model_copy(update={"name": f"Bedrijf {ref}", "sector": sector}),
            "sites": sites,
        }
    )


@pytest.fixture
def url(tmp_path: Path) -> str:
    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    with Register.open(url) as reg:
        for ref, sector, venray, status, received in (
            ("Z-1", "distribution", False, "granted", dt.date(2025, 3, 1)),
            ("Z-2", "distribution", True, "in_procedure", dt.date(2026, 5, 10)),
            ("Z-3", "greenhouse_horticulture", False, "refused", dt.date(2026, 7, 20)),
        ):
            case = variant(ref, sector, venray)
            reg.add(
                case, assess(case, Context.default()), status=status, received=received, officer="A. Smit"
            )
    return url


@pytest.fixture
def demo() -> tuple[Case, Assessment]:
    case = demo_case()
    return case, assess(case, Context.default())


@pytest.fixture
def messages(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    import gui.register_view as rv

    shown: list[str] = []
    monkeypatch.setattr(rv, "show_message", lambda parent, title, text: shown.append(f"{title}: {text}"))
    return shown


def make_view(qtbot: Any, url: str, demo: tuple[Case, Assessment]) -> Any:
    from gui.register_view import RegisterView

    view = RegisterView(lambda: demo[0], lambda: demo[1], officer=OFFICER, url=url)
    qtbot.addWidget(view)
    view.show()
    qtbot.waitUntil(lambda: view.busy == 0 and view.model.rowCount() > 0, timeout=10_000)
    return view


def settle(qtbot: Any, view: Any) -> None:
    qtbot.waitUntil(lambda: view.busy == 0 and not view.search_timer.isActive(), timeout=10_000)


def refs(view: Any) -> list[str]:
    return sorted(view.model.references())


def choose(combo: Any, data: Any) -> None:
    index = combo.findData(data)
    assert index >= 0, (data, [combo.itemData(i) for i in range(combo.count())])
    combo.setCurrentIndex(index)


def test_browse_and_filter(qtbot: Any, url: str, demo: Any, messages: list[str], qtmodeltester: Any) -> None:
    view = make_view(qtbot, url, demo)
    assert view.objectName() == "register_view"
    assert refs(view) == ["Z-1", "Z-2", "Z-3"]
    qtmodeltester.check(view.model)
    # the columns, translated status words
    heads = [view.model.headerData(c, Qt.Orientation.Horizontal) for c in range(view.model.columnCount())]
    assert heads == [
        "Zaaknummer",
        "Bedrijf",
        "Sector",
        "Vestigingsgemeente",
        "Status",
        "Ontvangen",
        "Besluit",
        "Behandelaar",
    ]
    texts = {view.model.index(r, 0).data(): view.model.index(r, 4).data() for r in range(3)}
    assert texts == {"Z-1": "verleend", "Z-2": "in procedure", "Z-3": "geweigerd"}
    row = view.model.references().index("Z-2")
    assert (
        view.model.index(row, 3).data() == "Venray (GM0984)"
        and view.model.index(row, 5).data() == "2026-05-10"
    )
    # filters: status, sector, year received, search text, municipality
    choose(view.combo_status, "granted")
    settle(qtbot, view)
    assert refs(view) == ["Z-1"]
    choose(view.combo_status, None)
    choose(view.combo_sector, "greenhouse_horticulture")
    settle(qtbot, view)
    assert refs(view) == ["Z-3"]
    choose(view.combo_sector, None)
    choose(view.combo_year, 2026)
    settle(qtbot, view)
    assert refs(view) == ["Z-2", "Z-3"]
    choose(view.combo_year, None)
    view.edit_search.setText("Bedrijf Z-2")
    settle(qtbot, view)
    assert refs(view) == ["Z-2"]
    view.edit_search.setText("")
    settle(qtbot, view)
    # municipality: hosted there OR workers living there (as ``Register.list``)
    choose(view.combo_municipality, "GM0984")
    settle(qtbot, view)
    with Register.open(url) as reg:
        expected = sorted(s.reference for s in reg.list(municipality="GM0984"))
    assert refs(view) == expected and "Z-2" in expected
    assert view.label_count.text() == ("1 zaak" if len(expected) == 1 else f"{len(expected)} zaken")
    assert messages == []


def test_register_the_demo_case(
    qtbot: Any, url: str, demo: Any, messages: list[str], monkeypatch: Any
) -> None:
    import gui.register_view as rv

    asked: list[str] = []

    def answer(parent: Any, case: Case, officer: str) -> dict[str, Any]:
        asked.append(officer)
        return {
            "reference": None,
            "status": "in_procedure",
            "officer": officer,
            "received": dt.date(2026, 11, 2),
        }

    monkeypatch.setattr(rv, "ask_registration", answer)
    view = make_view(qtbot, url, demo)
    qtbot.mouseClick(view.btn_register, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "DEMO-2026-001" in view.model.references(), timeout=10_000)
    settle(qtbot, view)
    assert asked == [OFFICER]
    assert "DEMO-2026-001" in view.outcome_label.text() and "in procedure" in view.outcome_label.text()
    with Register.open(url) as reg:
        rc = reg.get("DEMO-2026-001")
        assert rc.summary.status == "in_procedure" and rc.summary.received == dt.date(2026, 11, 2)
        assert rc.summary.officer == OFFICER and rc.case_sha256 == demo[0].sha256()
    assert messages == []


def test_register_without_result_says_so(qtbot: Any, messages: list[str]) -> None:
    from gui.register_view import register_current

    register_current(demo_case(), None, None)
    assert len(messages) == 1 and "nog geen berekening" in messages[0]


def test_change_status_with_reason_and_history(
    qtbot: Any, url: str, demo: Any, messages: list[str], monkeypatch: Any
) -> None:
    import gui.register_view as rv

    monkeypatch.setattr(
        rv, "ask_status_change", lambda parent, ref, current, who: ("granted", "Raadsbesluit 12")
    )
    view = make_view(qtbot, url, demo)
    view.table.selectRow(view.model.references().index("Z-2"))
    view.btn_status.click()
    qtbot.waitUntil(lambda: "versie 2" in view.outcome_label.text(), timeout=10_000)
    settle(qtbot, view)
    row = view.model.references().index("Z-2")
    assert view.model.index(row, 4).data() == "verleend"
    view.table.selectRow(row)
    view.btn_history.click()
    qtbot.waitUntil(lambda: view.history_dialog is not None, timeout=10_000)
    table = view.history_dialog.findChild(QTableView, "table_history")
    model = table.model()
    assert model.rowCount() == 2  # registered, then the status change
    last = [model.index(1, c).data() for c in range(model.columnCount())]
    assert last[1] == "status gewijzigd" and last[2] == "in procedure → verleend"
    assert last[3] == OFFICER and last[4] == "Raadsbesluit 12" and last[5] == "2"
    assert messages == []


def test_conflict_shows_the_message(
    qtbot: Any, url: str, demo: Any, messages: list[str], monkeypatch: Any
) -> None:
    import gui.register_view as rv

    monkeypatch.setattr(rv, "ask_status_change", lambda parent, ref, current, who: ("refused", "Bezwaar"))
    view = make_view(qtbot, url, demo)
    view.table.selectRow(view.model.references().index("Z-2"))  # the view holds version 1
    with Register.open(url) as other:  # a colleague changes the case in the meantime
        other.set_status("Z-2", "withdrawn", who="J. Jansen", why="Aanvraag ingetrokken")
    view.btn_status.click()
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=10_000)
    settle(qtbot, view)
    assert "Z-2" in messages[0] and "J. Jansen" in messages[0] and "niets opgeslagen" in messages[0]
    assert messages[0].startswith("Zaak intussen gewijzigd")
    # the listing was reloaded: the colleague's status shows, nothing of ours was saved
    row = view.model.references().index("Z-2")
    assert view.model.index(row, 4).data() == "ingetrokken"
    with Register.open(url) as reg:
        assert [h.why for h in reg.history("Z-2")][-1] == "Aanvraag ingetrokken"


def test_export_to_excel(
    qtbot: Any, url: str, demo: Any, messages: list[str], monkeypatch: Any, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    import gui.register_view as rv

    out = tmp_path / "zaken.xlsx"
    monkeypatch.setattr(rv, "ask_export_path", lambda parent: out)
    view = make_view(qtbot, url, demo)
    choose(view.combo_status, "granted")
    settle(qtbot, view)
    view.btn_export.click()
    qtbot.waitUntil(lambda: out.is_file() and view.busy == 0, timeout=10_000)
    ws = load_workbook(out).active
    values = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    assert "Z-1" in values and "Z-2" not in values  # the filter applies to the export
    assert "1 zaak geschreven" in view.outcome_label.text()


def test_cumulative_panel_shows_without_and_with(
    qtbot: Any, url: str, demo: Any, messages: list[str], qtmodeltester: Any, tmp_path: Path
) -> None:
    view = make_view(qtbot, url, demo)
    view.tabs.setCurrentIndex(1)
    view.btn_cumulative.click()
    qtbot.waitUntil(lambda: view.cumulative is not None, timeout=10_000)
    cum = view.cumulative
    assert sorted(cum.other_references) == ["Z-1", "Z-2"]  # refused Z-3 not counted
    # with the counted cases' stored rows, which the PDF export embeds as register-cases.json
    assert cum.counted is not None and sorted(c.reference for c in cum.counted.cases) == ["Z-1", "Z-2"]
    model = view.cum_model
    qtmodeltester.check(model)
    assert model.rowCount() == len(domain_keys()) * len(demo[1].municipalities)
    heads = [model.headerData(c, Qt.Orientation.Horizontal) for c in range(11)]
    assert heads[2] == "Eenheid" and heads[7:] == ["Druk zonder", "Oordeel zonder", "Druk met", "Oordeel met"]
    # Venlo flex beds: the two counted cases plus this case; status words without and with
    t = cum.year_index(cum.full_operation_year)
    s = cum.get("housing_flex", "GM0983")
    row = model.row_of("housing_flex/GM0983")
    assert model.cell(row, 3).value == pytest.approx(s.other[t]) and s.other[t] > 0
    assert model.cell(row, 5).value == pytest.approx(s.other[t] + s.this[t])
    assert model.cell(row, 2).text == "bedden"
    words = {"green": "groen", "amber": "oranje", "red": "rood", "grey": "onbekend"}
    assert model.cell(row, 8).text == words[s.status_without[t]]
    assert model.cell(row, 10).text == words[s.status_with[t]]
    assert "Z-1" in view.label_cumulative.text() and "Z-2" in view.label_cumulative.text()
    assert view.chart.series is not None  # the deciding domain is plotted
    image = view.grab()
    assert not image.isNull()
    image.save(str(tmp_path / "register_cumulative.png"))
    assert messages == []


def test_register_that_cannot_be_opened(qtbot: Any, demo: Any, messages: list[str]) -> None:
    from gui.register_view import RegisterView

    view = RegisterView(
        lambda: demo[0], lambda: demo[1], url="postgresql+psycopg://ber:geheim@127.0.0.1:1/reg"
    )
    qtbot.addWidget(view)
    qtbot.waitUntil(lambda: len(messages) == 1, timeout=20_000)
    assert "ber:***@127.0.0.1" in messages[0] and "geheim" not in messages[0]
    assert not view.btn_register.isEnabled() and not view.btn_cumulative.isEnabled()
    note = view.findChild(QLabel, "label_password_note")
    assert note is not None and ".pgpass" in note.text()


def test_main_window_has_the_register_menu(
    make_window: Any, qtbot: Any, url: str, messages: list[str], monkeypatch: Any
) -> None:
    from PySide6.QtWidgets import QMenu

    monkeypatch.setenv("BER_REGISTER_URL", url)
    window = make_window()
    menus = [m for m in window.findChildren(QMenu) if m.objectName() == "menu_register"]
    assert len(menus) == 1  # installed once, by the main window itself
    names = [a.objectName() for a in menus[0].actions()]
    assert names == ["action_register_open", "action_register_add"]
    titles = [a.text() for a in window.menuBar().actions()]
    assert titles.index("&Register") == titles.index("&Help") - 1
    window.action_register_open.trigger()
    view = window.register_view
    qtbot.waitUntil(lambda: view.busy == 0 and view.model.rowCount() == 3, timeout=10_000)
    assert view.get_case() is window.state.case and view.get_result() is window.result
    # the PDF export takes the cumulative view only for the case it was computed for
    view.cumulative, view.cumulative_case_sha = object(), window.state.case.sha256()
    assert view.cumulative_for(window.state.case) is view.cumulative
    other = window.state.case.model_copy(update={"overrides": {}}, deep=True)
    other.business.jobs = 1234
    assert view.cumulative_for(other) is None
    view.close()


def test_texts_in_both_languages_with_the_same_placeholders() -> None:
    import string

    from gui.register_models import REGISTER_TEXTS
    from gui.texts import TEXTS

    def names(text: str) -> set[str]:
        return {n for _, n, _, _ in string.Formatter().parse(text) if n}

    for key, entry in REGISTER_TEXTS.items():
        assert set(entry) == {"nl", "en"} and entry["nl"].strip() and entry["en"].strip(), key
        assert names(entry["nl"]) == names(entry["en"]), key
        assert TEXTS[key] == entry  # part of the app's catalogue, so tr() finds them


def test_register_url_from_environment_then_settings(monkeypatch: pytest.MonkeyPatch) -> None:
    from gui.register_view import register_url
    from gui.settings import qsettings

    monkeypatch.delenv("BER_REGISTER_URL", raising=False)
    assert register_url() is None  # SQLite in the user data folder
    s = qsettings()
    s.setValue("register_url", "postgresql+psycopg://ber@regio.example/register")
    s.sync()
    assert register_url() == "postgresql+psycopg://ber@regio.example/register"
    monkeypatch.setenv("BER_REGISTER_URL", "sqlite:///x.sqlite")
    assert register_url() == "sqlite:///x.sqlite"
