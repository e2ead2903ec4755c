"""Permit conditions in the register (issue 18 item 7), on SQLite and PostgreSQL.

The cumulative numbers are computed by hand in the comments: the demo case declares
150 employer beds in Venlo (GM0983, ``workforce.employer_beds``); its stored flex-bed
demand is net of them, so employer beds promised in a condition but not delivered come
back as flex-bed demand in Venlo.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.register import Register, cumulative
from ber.register import conditions as cond
from ber.texts.messages import InputError

REF = "DEMO-2026-001"
PERMIT = dt.date(2026, 3, 1)


@pytest.fixture(scope="module")
def assessed() -> tuple[Any, Any]:
    case = demo_case()
    return case, assess(case, Context.default())


def _granted(url: str, assessed: tuple[Any, Any]) -> Register:
    case, result = assessed
    reg = Register.open(url)
    reg.add(case, result, status="granted", decided=PERMIT, officer="A. Ambtenaar")
    return reg


def test_add_list_and_overdue(register_url: str, assessed: tuple[Any, Any]) -> None:
    with _granted(register_url, assessed) as reg:
        beds = cond.add_condition(
            reg, REF, "employer_beds", dt.date(2027, 1, 1), municipality="gm0983", beds=120, who="A"
        )
        agency = cond.add_condition(reg, REF, "certified-agency", dt.date(2027, 6, 30), note="Wtta", who="A")
        assert (beds.kind, beds.municipality, beds.beds, beds.status, beds.version) == (
            "employer_beds",
            "GM0983",
            120,
            "open",
            1,
        )
        assert agency.kind == "certified_agency" and agency.note == "Wtta"
        day = dt.date(2027, 3, 1)  # after the first due date, before the second
        assert beds.display_status(day) == "overdue" and agency.display_status(day) == "open"
        assert [c.id for c in cond.list_conditions(reg, status="overdue", today=day)] == [beds.id]
        assert [c.id for c in cond.list_conditions(reg, reference=REF, today=day)] == [beds.id, agency.id]
        assert cond.list_conditions(reg, status="overdue", today=dt.date(2026, 12, 31)) == []
        done = cond.set_condition(reg, beds.id, status="delivered", who="B", why="opgeleverd")
        assert (done.status, done.version, done.delivered_on) == ("delivered", 2, dt.date.today())
        assert cond.list_conditions(reg, status="overdue", today=day) == []  # delivered is never overdue
        assert [c.id for c in cond.list_conditions(reg, status="delivered")] == [beds.id]
        changes = cond.condition_changes(reg, beds.id)
        assert [(c.event, c.old_status, c.new_status, c.version) for c in changes] == [
            ("added", None, "open", 1),
            ("changed", "open", "delivered", 2),
        ]
        assert "status open -> delivered" in changes[1].what and changes[1].what.endswith(": opgeleverd")
        assert changes[1].who == ("B" if reg.backend == "sqlite" else "desk_jansen")
        assert changes[1].who_name == "B"


def test_bad_input_names_the_field_and_saves_nothing(register_url: str, assessed: tuple[Any, Any]) -> None:
    with _granted(register_url, assessed) as reg:
        with pytest.raises(InputError) as err:
            cond.add_condition(reg, REF, "employer_beds", dt.date(2026, 2, 28), who="A")
        codes = [(p.code, p.field) for p in err.value.problems]
        assert codes == [
            ("condition.beds_municipality", "municipality"),
            ("condition.beds_missing", "beds"),
            ("condition.due_before_permit", "due_date"),
        ]
        nl = err.value.texts("nl")[2]
        assert "2026-02-28" in nl and "vergunningsdatum 2026-03-01" in nl and "2026-03-01 of later" in nl
        assert "permit date 2026-03-01" in err.value.texts("en")[2]
        for kwargs, code in (
            ({"municipality": "Venlo", "beds": 10}, "condition.municipality"),
            ({"municipality": "GM0983", "beds": 0}, "field.range"),
        ):
            with pytest.raises(InputError) as err:
                cond.add_condition(reg, REF, "employer_beds", dt.date(2027, 1, 1), who="A", **kwargs)
            assert err.value.problems[0].code == code
        with pytest.raises(InputError) as err:
            cond.add_condition(reg, REF, "bike_shed", dt.date(2027, 1, 1))
        assert err.value.problems[0].field == "kind" and "shuttle_service" in err.value.texts("en")[0]
        with pytest.raises(InputError) as err:
            cond.add_condition(reg, REF, "snf_housing", dt.date(2027, 1, 1), status="overdue")
        assert err.value.problems[0].code == "field.choice"  # overdue follows from the date
        assert cond.list_conditions(reg) == []
        good = cond.add_condition(reg, REF, "snf_housing", dt.date(2027, 1, 1), who="A")
        with pytest.raises(InputError) as err:
            cond.set_condition(reg, good.id, due_date=dt.date(2026, 1, 1), who="A")
        assert err.value.problems[0].field == "due_date"
        with pytest.raises(InputError) as err:
            cond.set_condition(reg, good.id, status="open", who="A")
        assert err.value.problems[0].code == "condition.nothing_changed"
        with pytest.raises(InputError) as err:
            cond.get_condition(reg, 999)
        assert err.value.problems[0].code == "condition.unknown"
        assert cond.get_condition(reg, good.id).version == 1  # nothing saved by the refusals


def test_only_a_granted_case_gets_conditions(register_url: str, assessed: tuple[Any, Any]) -> None:
    case, result = assessed
    with Register.open(register_url) as reg:
        reg.add(case, result, officer="A")
        with pytest.raises(InputError) as err:
            cond.add_condition(reg, REF, "shuttle_service", dt.date(2027, 1, 1))
        assert err.value.problems[0].code == "condition.not_granted"
        with pytest.raises(InputError) as err:
            cond.add_condition(reg, "NOPE", "shuttle_service", dt.date(2027, 1, 1))
        assert err.value.problems[0].code == "register.unknown_ref"


def test_two_officers_one_condition_exactly_one_conflict(
    register_url: str, assessed: tuple[Any, Any]
) -> None:
    with _granted(register_url, assessed) as reg:
        c = cond.add_condition(reg, REF, "shuttle_service", dt.date(2027, 1, 1), who="A")
        cond.set_condition(reg, c.id, status="delivered", who="A", expected_version=1)
        with pytest.raises(InputError) as err:
            cond.set_condition(reg, c.id, status="waived", who="B", expected_version=1)
        assert err.value.problems[0].code == "register.conflict"
        assert cond.get_condition(reg, c.id).status == "delivered"


def _flex_venlo(reg: Register, assessed: tuple[Any, Any]) -> tuple[list[float], Any]:
    case, result = assessed
    cum = cumulative(result, case, reg, exclude_ref="OTHER")  # the registered demo case counts
    return cum.get("housing_flex", "GM0983").other, cum


def test_cumulative_counts_employer_beds_only_once_delivered(
    register_url: str, assessed: tuple[Any, Any]
) -> None:
    with _granted(register_url, assessed) as reg:
        base, cum0 = _flex_venlo(reg, assessed)
        assert cum0.employer_beds is not None and cum0.employer_beds.promised == 0.0
        a = cond.add_condition(
            reg, REF, "employer_beds", dt.date(2027, 1, 1), municipality="GM0983", beds=100
        )
        open_, cum = _flex_venlo(reg, assessed)
        # open: U = 100 undelivered, V = 0 delivered, B = 150 declared in Venlo
        # added = min(U, max(B - V, 0)) = min(100, 150) = 100 beds in every year 2027-2036
        assert [round(o - b, 9) for o, b in zip(open_, base, strict=True)] == [100.0] * 10
        assert (cum.employer_beds.promised, cum.employer_beds.delivered, cum.employer_beds.added) == (
            100,
            0,
            100,
        )
        # other municipalities are untouched
        assert cum.get("housing_flex", "GM1507").other == cum0.get("housing_flex", "GM1507").other
        cond.set_condition(reg, a.id, status="delivered")
        delivered, cum = _flex_venlo(reg, assessed)
        assert delivered == base  # delivered: capacity, nothing added
        assert (cum.employer_beds.promised, cum.employer_beds.delivered) == (0, 100)
        # a second condition of 80 beds, open, beside the 100 delivered:
        # added = min(80, max(150 - 100, 0)) = 50 (only 150 were taken off the demand)
        cond.add_condition(reg, REF, "employer_beds", dt.date(2027, 1, 1), municipality="GM0983", beds=80)
        part, cum = _flex_venlo(reg, assessed)
        assert [round(o - b, 9) for o, b in zip(part, base, strict=True)] == [50.0] * 10
        assert (cum.employer_beds.promised, cum.employer_beds.delivered, cum.employer_beds.added) == (
            80,
            100,
            50,
        )
        assert cum.to_dict()["employer_beds"]["promised"] == 80
        # beds promised where the case declared none were never taken off: nothing added
        cond.add_condition(reg, REF, "employer_beds", dt.date(2027, 1, 1), municipality="GM1507", beds=30)
        _, cum = _flex_venlo(reg, assessed)
        assert cum.get("housing_flex", "GM1507").other == cum0.get("housing_flex", "GM1507").other
        assert cum.employer_beds.promised == 110
        # a withdrawn case counts for nothing, its conditions neither
        reg.set_status(REF, "withdrawn", who="A", why="ingetrokken")
        _, cum = _flex_venlo(reg, assessed)
        assert cum.employer_beds.promised == 0 and max(cum.get("housing_flex", "GM0983").other) == 0.0


def test_export_has_the_conditions(register_url: str, assessed: tuple[Any, Any], tmp_path: Any) -> None:
    import csv

    from openpyxl import load_workbook

    with _granted(register_url, assessed) as reg:
        past = cond.add_condition(reg, REF, "snf_housing", dt.date(2026, 3, 2), note="SNF-keurmerk")
        cond.add_condition(reg, REF, "employer_beds", dt.date(2099, 1, 1), municipality="GM0983", beds=40)
        done = cond.add_condition(reg, REF, "shuttle_service", dt.date(2099, 1, 1))
        cond.set_condition(reg, done.id, status="delivered", delivered_on=dt.date(2026, 5, 1))
        assert reg.export(tmp_path / "reg.xlsx", lang="nl") == 1
        reg.export(tmp_path / "reg.csv", lang="en")
    wb = load_workbook(tmp_path / "reg.xlsx")
    main = wb["Register"]
    header = [c.value for c in main[1]]
    row = [c.value for c in main[2]]
    # open: the SNF condition (overdue since 2026-03-02) and the employer beds; delivered not counted
    assert row[header.index("Voorschriften open (aantal)")] == 2
    assert row[header.index("waarvan te laat (aantal)")] == 1
    sheet = wb["Vergunningvoorschriften"]
    assert sheet.freeze_panes == "A2"
    head = [c.value for c in sheet[1]]
    rows = list(sheet.iter_rows(min_row=2))
    assert [r[head.index("Nr.")].value for r in rows] == [past.id, past.id + 1, done.id]
    first = rows[0][head.index("Status")]
    assert first.value == "te laat" and first.fill.fgColor.rgb.endswith("FFC7CE") and first.font.bold
    assert rows[1][head.index("Werkgeversbedden (bedden)")].value == 40
    assert rows[2][head.index("Nagekomen op")].value.date() == dt.date(2026, 5, 1)
    table = list(csv.reader((tmp_path / "reg.csv").read_text(encoding="utf-8-sig").splitlines()))
    assert table[1][table[0].index("Conditions open (number)")] == "2"
    assert table[1][table[0].index("of which overdue (number)")] == "1"
