"""The case register on SQLite and PostgreSQL: add, get, list/filter, status, history, export.

Every test runs on both backends (fixture ``register_url`` in conftest.py).
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import logging
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.register import ConflictError, Register, check_status, mask_url
from ber.register.records import demand_rows
from ber.texts.messages import InputError


@pytest.fixture(scope="module")
def demo() -> tuple[Case, Assessment]:
    case = demo_case()
    return case, assess(case, Context.default())


def variant(case: Case, ref: str, *, sector: str | None = None, host: str | None = None) -> Case:
    """The demo case under another reference (and optionally sector / chosen site)."""
    meta = case.meta.model_copy(update={"reference": ref, "title": f"Titel {ref}"})
    business = case.business.model_copy(update={"sector": sector or case.business.sector})
    pick = {"GM0983": 0, "GM0984": 1, "GM1507": 2}  # the demo's sites: Venlo, Venray, Horst
    sites = [
        s.model_copy(update={"chosen": (i == pick[host]) if host else s.chosen})
        for i, s in enumerate(case.sites)
    ]
    return case.model_copy(update={"meta": meta, "business": business, "sites": sites})


def assessed(case: Case) -> tuple[Case, Assessment]:
    return case, assess(case, Context.default())


@pytest.fixture
def reg(register_url: str) -> Register:
    register = Register.open(register_url)
    yield register
    register.close()


def test_add_get_roundtrip(reg: Register, demo: tuple[Case, Assessment]) -> None:
    case, result = demo
    rc = reg.add(case, result, status="granted", officer="A. Ambtenaar", received=dt.date(2026, 3, 2))
    got = reg.get(case.meta.reference)
    assert got.reference == "DEMO-2026-001"
    assert got.status == "granted" and got.version == 1
    assert got.summary.officer == "A. Ambtenaar"
    assert got.summary.received == dt.date(2026, 3, 2)
    assert got.summary.host_municipality == result.site["host_municipality"] == "GM0983"
    assert got.summary.start_year == result.years[0] and got.summary.last_year == result.years[-1]
    assert got.summary.verdict == {k: v.status for k, v in result.verdict.items()}
    # the stored case file is the canonical case, byte for byte, and parses back
    assert got.case_json.encode() == case.canonical_json()
    assert got.case_sha256 == case.sha256() == result.case_sha256
    assert got.case() == case
    assert got.reference_version == result.reference_version
    # demand rows: exactly the result's non-zero demand per domain, municipality and year
    expected = {(r.domain, r.municipality, r.year): r.demand for r in demand_rows(result)}
    stored = {(r.domain, r.municipality, r.year): r.demand for r in got.demand}
    assert stored == pytest.approx(expected)
    venlo = result.municipality("GM0983").domains["housing_flex"]
    t = result.years.index(result.full_operation_year)
    row = next(
        r
        for r in got.demand
        if (r.domain, r.municipality, r.year) == ("housing_flex", "GM0983", result.full_operation_year)
    )
    assert row.demand == pytest.approx(venlo.demand_per_year[t])
    assert row.capacity == venlo.capacity and row.status == venlo.status_per_year[t]
    assert [r.is_last for r in got.demand if r.year == result.years[-1]] == [
        True for r in got.demand if r.year == result.years[-1]
    ]
    assert rc.summary == got.summary
    assert reg.count() == 1


def test_duplicate_and_unknown_reference(reg: Register, demo: tuple[Case, Assessment]) -> None:
    case, result = demo
    reg.add(case, result)
    with pytest.raises(InputError) as err:
        reg.add(case, result)
    assert err.value.problems[0].code == "register.duplicate"
    assert "DEMO-2026-001" in err.value.texts("nl")[0] and "already" in err.value.texts("en")[0]
    for call in (
        lambda: reg.get("NOPE-1"),
        lambda: reg.history("NOPE-1"),
        lambda: reg.set_status("NOPE-1", "granted", who="x", why="y"),
    ):
        with pytest.raises(InputError) as err:
            call()
        assert err.value.problems[0].code == "register.unknown_ref"
        assert "NOPE-1" in err.value.texts("nl")[0]
    assert reg.count() == 1


def test_reference_required_and_result_must_match(reg: Register, demo: tuple[Case, Assessment]) -> None:
    case, result = demo
    blank = variant(case, "")
    with pytest.raises(InputError) as err:
        reg.add(blank, assess(blank, Context.default()))
    assert err.value.problems[0].field == "meta.reference"
    other = variant(case, "OTHER-1")
    with pytest.raises(InputError) as err:
        reg.add(other, result)  # result of another case file
    assert err.value.problems[0].code == "register.result_mismatch"
    assert reg.count() == 0


def test_list_filters(reg: Register, demo: tuple[Case, Assessment]) -> None:
    case, _ = demo
    specs = [
        ("Z-1", "granted", "distribution", "GM0983", dt.date(2025, 5, 1)),
        ("Z-2", "in_procedure", "distribution", "GM0984", dt.date(2026, 1, 10)),
        ("Z-3", "refused", "food_processing", "GM1507", dt.date(2026, 7, 1)),
        ("Z-4", "withdrawn", "distribution", "GM0983", None),
    ]
    for ref, status, sector, host, received in specs:
        c, r = assessed(variant(case, ref, sector=sector, host=host))
        assert r.site["host_municipality"] == host
        reg.add(c, r, status=status, received=received, officer=f"Officer {ref}")

    def refs(**kw: object) -> list[str]:
        return sorted(s.reference for s in reg.list(**kw))  # type: ignore[arg-type]

    assert refs() == ["Z-1", "Z-2", "Z-3", "Z-4"]
    assert refs(status="granted") == ["Z-1"]
    assert refs(status=["granted", "in_procedure"]) == ["Z-1", "Z-2"]
    assert refs(status="verleend") == ["Z-1"]  # Dutch label accepted
    assert refs(sector="food_processing") == ["Z-3"]
    assert refs(year=2026) == ["Z-2", "Z-3"]
    assert refs(year=2024) == []
    assert refs(text="officer z-3") == ["Z-3"]
    assert refs(text="TITEL Z-2") == ["Z-2"]
    assert refs(municipality="GM0983", status="granted") == ["Z-1"]
    # the demo region (7 municipalities) houses workers of every case: Beesel is no host,
    # but the municipality filter also finds cases whose workers live there
    assert refs(municipality="GM0889") == ["Z-1", "Z-2", "Z-3", "Z-4"]
    assert refs(municipality="GM0344") == []  # Utrecht: no case, no residents
    assert refs(operating_year=2030) == ["Z-1", "Z-2", "Z-3", "Z-4"]
    assert refs(operating_year=2020) == []
    listed = reg.list()
    assert [s.reference for s in listed][:3] == ["Z-3", "Z-2", "Z-1"]  # newest received first
    assert listed[-1].reference == "Z-4"  # no date: last
    assert listed[0].status_label("nl") == "geweigerd" and listed[0].status_label("en") == "refused"
    assert reg.list(limit=2) == listed[:2]
    with pytest.raises(InputError) as err:
        reg.list(status="approved")
    assert err.value.problems[0].code == "field.choice"
    assert "in_procedure, granted, refused, withdrawn" in err.value.texts("en")[0]


def test_set_status_history_and_audit(reg: Register, demo: tuple[Case, Assessment]) -> None:
    case, result = demo
    reg.add(case, result, officer="A", who="A")
    s = reg.set_status("DEMO-2026-001", "granted", who="B", why="Raadsbesluit 12", expected_version=1)
    assert (s.status, s.version, s.updated_by) == ("granted", 2, "B")
    assert s.decided is not None  # a decision date is set when a decision is recorded
    s = reg.set_status("DEMO-2026-001", "withdrawn", who="C", why="Aanvrager trekt in")
    assert (s.status, s.version) == ("withdrawn", 3)
    hist = reg.history("DEMO-2026-001")
    assert [(h.event, h.old_status, h.new_status, h.who_name, h.why, h.version) for h in hist] == [
        ("registered", None, "in_procedure", "A", "", 1),
        ("status", "in_procedure", "granted", "B", "Raadsbesluit 12", 2),
        ("status", "granted", "withdrawn", "C", "Aanvrager trekt in", 3),
    ]
    assert hist[0].at <= hist[1].at <= hist[2].at and hist[2].at.tzinfo is not None
    # PostgreSQL: "who" is the database login (the desk role of the test set-up), set by the server
    login = "desk_jansen" if reg.backend == "postgresql" else None
    assert [h.who for h in hist] == [login or "A", login or "B", login or "C"]
    assert hist[1].display_who == ("B (desk_jansen)" if login else "B")
    # nothing is deleted: the withdrawn case is still there, with its file and demand
    got = reg.get("DEMO-2026-001")
    assert got.status == "withdrawn" and got.demand and got.case() == case
    with pytest.raises(InputError) as err:
        reg.set_status("DEMO-2026-001", "withdrawn", who="C", why="again")
    assert err.value.problems[0].code == "register.same_status"
    with pytest.raises(InputError) as err:
        reg.set_status("DEMO-2026-001", "granted", who="C", why="   ")
    assert err.value.problems[0].code == "register.why_required"
    with pytest.raises(InputError) as err:
        reg.set_status("DEMO-2026-001", "approved", who="C", why="x")
    assert "approved" in err.value.texts("nl")[0]
    assert len(reg.history("DEMO-2026-001")) == 3  # the refused changes left no trace


def test_conflict_names_who_and_when_and_writes_nothing(reg: Register, demo: tuple[Case, Assessment]) -> None:
    case, result = demo
    reg.add(case, result, officer="A")
    seen = reg.get("DEMO-2026-001").version  # both officers opened version 1
    reg.set_status("DEMO-2026-001", "granted", who="Officer One", why="first", expected_version=seen)
    with pytest.raises(ConflictError) as err:
        reg.set_status("DEMO-2026-001", "refused", who="Officer Two", why="second", expected_version=seen)
    e = err.value
    assert (e.reference, e.expected_version, e.current_version, e.changed_by) == (
        "DEMO-2026-001",
        1,
        2,
        "Officer One",
    )
    nl, en = e.texts("nl")[0], e.texts("en")[0]
    when = e.changed_at.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M")
    for text in (nl, en):
        assert "DEMO-2026-001" in text and "Officer One" in text and when in text
    assert "Er is niets opgeslagen" in nl and "Nothing was saved" in en
    got = reg.get("DEMO-2026-001")
    assert (got.status, got.version) == ("granted", 2)
    assert [h.who_name for h in reg.history("DEMO-2026-001")] == ["A", "Officer One"]


def test_update_case_replaces_file_and_demand(reg: Register, demo: tuple[Case, Assessment]) -> None:
    case, result = demo
    reg.add(case, result)
    bigger = case.model_copy(update={"business": case.business.model_copy(update={"jobs": 1800.0})})
    r2 = assess(bigger, Context.default())
    got = reg.update_case("DEMO-2026-001", bigger, r2, expected_version=1, who="B", why="banen verdubbeld")
    assert got.version == 2 and got.case() == bigger and got.summary.jobs == 1800.0
    before = {(r.domain, r.municipality, r.year): r.demand for r in demand_rows(result)}
    after = {(r.domain, r.municipality, r.year): r.demand for r in got.demand}
    new = {(r.domain, r.municipality, r.year): r.demand for r in demand_rows(r2)}
    assert after == pytest.approx(new)  # the old rows are gone, the new ones all there
    key = ("care_gp", "GM0983", result.full_operation_year)
    assert after[key] > 1.5 * before[key]  # twice the jobs: far more GP patients
    assert reg.history("DEMO-2026-001")[-1].event == "case_updated"
    with pytest.raises(ConflictError):
        reg.update_case("DEMO-2026-001", case, result, expected_version=1, who="C")
    assert reg.get("DEMO-2026-001").case() == bigger


def test_export_xlsx_and_csv(reg: Register, demo: tuple[Case, Assessment], tmp_path: Path) -> None:
    from openpyxl import load_workbook

    case, result = demo
    reg.add(case, result, status="granted", received=dt.date(2026, 3, 2))
    c2, r2 = assessed(variant(case, "Z-2"))
    reg.add(c2, r2, status="refused")
    n = reg.export(tmp_path / "reg.xlsx", lang="nl")
    assert n == 2
    ws = load_workbook(tmp_path / "reg.xlsx").active
    assert ws.freeze_panes == "A2"
    assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:")
    assert ws.auto_filter.ref.endswith("3")  # header + 2 rows
    header = [c.value for c in ws[1]]
    assert header[0] == "Zaaknummer" and "Banen (aantal)" in header
    assert "Extra inwoners (personen)" in header
    assert all(c.font.bold for c in ws[1])
    rows = {r[0]: r for r in ws.iter_rows(min_row=2, values_only=True)}
    assert set(rows) == {"DEMO-2026-001", "Z-2"}
    demo_row = rows["DEMO-2026-001"]
    assert demo_row[header.index("Status")] == "verleend"
    assert demo_row[header.index("Banen (aantal)")] == 900
    assert demo_row[header.index("Ontvangen")].date() == dt.date(2026, 3, 2)
    assert demo_row[header.index("Oordeel Huisvesting: woningen")] == "rood"
    assert demo_row[header.index("Sector")] == "Distributiecentrum / logistiek"  # not the key
    jobs_cell = ws.cell(row=2, column=header.index("Banen (aantal)") + 1)
    assert jobs_cell.number_format == "#,##0"
    # filters apply to the export too
    assert reg.export(tmp_path / "granted.xlsx", status="granted") == 1
    # English CSV: comma-separated; Dutch CSV: semicolons (Dutch Excel), UTF-8 with BOM
    assert reg.export(tmp_path / "reg.csv", lang="en") == 2
    text = (tmp_path / "reg.csv").read_text(encoding="utf-8-sig")
    table = list(csv.reader(text.splitlines()))
    assert table[0][0] == "Reference" and len(table) == 3
    assert "Distribution centre / logistics" in table[1] and "distribution" not in table[1]
    reg.export(tmp_path / "reg-nl.csv", lang="nl")
    raw = (tmp_path / "reg-nl.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    nl_rows = list(csv.reader(raw.decode("utf-8-sig").splitlines(), delimiter=";"))
    assert nl_rows[0][0] == "Zaaknummer" and {r[6] for r in nl_rows[1:]} == {"verleend", "geweigerd"}
    with pytest.raises(InputError) as err:
        reg.export(tmp_path / "reg.pdf")
    assert err.value.problems[0].code == "register.export_format"


def test_check_status_words() -> None:
    assert check_status("In procedure") == "in_procedure"
    assert check_status("ingetrokken") == "withdrawn"
    assert check_status("GRANTED") == "granted"
    with pytest.raises(InputError):
        check_status("")


def test_mask_url() -> None:
    assert mask_url("postgresql+psycopg://ber:s3cr3t@db.example:5432/reg") == (
        "postgresql+psycopg://ber:***@db.example:5432/reg"
    )
    assert "s3cr3t" not in mask_url("postgresql://ber:s3cr3t@db/reg")
    assert mask_url("sqlite:////tmp/x.sqlite") == "sqlite:////tmp/x.sqlite"


def test_env_url_and_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, _user_data: Path) -> None:
    with Register.open() as reg:
        assert reg.backend == "sqlite"
        assert str(_user_data / "register.sqlite") in reg.url
    assert (_user_data / "register.sqlite").exists()
    monkeypatch.setenv("BER_REGISTER_URL", f"sqlite:///{tmp_path / 'env.sqlite'}")
    with Register.open() as reg:
        assert "env.sqlite" in reg.url
    with pytest.raises(InputError) as err:
        Register.open("mysql://u:pw@host/db")
    assert err.value.problems[0].code == "register.bad_url" and "pw" not in err.value.texts("en")[0]


def test_sqlite_pragmas(tmp_path: Path) -> None:
    with Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}") as reg, reg.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_password_never_in_messages_or_logs(
    pg_server_url: str, caplog: pytest.LogCaptureFixture, demo: tuple[Case, Assessment]
) -> None:
    """A wrong password: the error names the masked URL; a good one: the log is masked."""
    from sqlalchemy.engine import make_url

    url = make_url(pg_server_url)
    if not url.password:
        pytest.skip("BER_TEST_PG_URL has no password to hide")
    wrong = url.set(password="Wr0ngPa55word").render_as_string(hide_password=False)
    with pytest.raises(InputError) as err:
        Register.open(wrong)
    texts = err.value.texts("nl") + err.value.texts("en") + [str(err.value)]
    assert err.value.problems[0].code in ("register.unreachable", "register.unreachable_pg")
    assert all("Wr0ngPa55word" not in t for t in texts)
    assert any("***" in t for t in texts)
    good = url.render_as_string(hide_password=False)
    caplog.set_level(logging.DEBUG)
    with Register.open(good) as reg:
        case, result = demo
        reg.add(case, result)
        assert str(url.password) not in reg.url
        stored = reg.get(case.meta.reference).case_json
    assert str(url.password) not in caplog.text and "***" in caplog.text
    assert str(url.password) not in stored and str(url.port) not in json.loads(stored)["meta"]["notes"]
