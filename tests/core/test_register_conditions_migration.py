"""Revision 0005 (permit conditions): upgrade from 0003 with data, downgrade and up again,
and on PostgreSQL the owner/desk roles of revision 0003 applied to the new tables."""

from __future__ import annotations

import datetime as dt

import pytest
from alembic import command
from pgserver import PgRegister
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.exc import DBAPIError

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.register import Register
from ber.register import conditions as cond
from ber.register import db as regdb

REF = "DEMO-2026-001"


def test_upgrade_from_0003_keeps_cases_and_adds_conditions(owner_url: str) -> None:
    from tests.core.test_register_compact import _register_0003

    case = demo_case()  # registered as revision 0003 stored it (demand rows, test_register_compact)
    _register_0003(owner_url, [(case, assess(case, Context.default()), "granted")])
    engine = regdb.create_register_engine(owner_url)
    assert "permit_condition" not in inspect(engine).get_table_names()
    engine.dispose()
    with Register.open(owner_url) as reg:  # opening upgrades to head
        with reg.engine.connect() as conn:
            assert regdb.current_revision(conn) == regdb.head_revision()
        assert reg.get(REF).status == "granted"
        c = cond.add_condition(reg, REF, "employer_beds", dt.date(2027, 1, 1), municipality="GM0983", beds=5)
        assert cond.get_condition(reg, c.id).beds == 5
        # the database itself refuses employer beds without a number (check constraint)
        with pytest.raises(DBAPIError), reg.engine.begin() as conn:
            conn.execute(
                text(
                    "INSERT INTO permit_condition (case_id, kind, due_date, status, created_at, updated_at) "
                    "SELECT id, 'employer_beds', due_date, 'open', created_at, updated_at FROM permit_condition"
                )
            )


def _previous() -> str:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(regdb._alembic_config(None, "head"))  # type: ignore[arg-type]
    down = script.get_revision("0005").down_revision
    assert isinstance(down, str)
    return down


def test_downgrade_one_step_and_up_again(owner_url: str) -> None:
    case = demo_case()
    with Register.open(owner_url) as reg:
        reg.add(case, assess(case, Context.default()), status="granted", officer="A")
        cond.add_condition(reg, REF, "snf_housing", dt.date(2027, 1, 1))
        with reg.engine.connect() as conn:
            # down to 0005's down revision (from head, through any later revision)
            command.downgrade(regdb._alembic_config(conn, _previous()), _previous())
            conn.commit()
            assert regdb.current_revision(conn) == _previous()
            names = inspect(conn).get_table_names()
            assert "permit_condition" not in names and "permit_condition_history" not in names
    with Register.open(owner_url) as reg:
        assert reg.get(REF).status == "granted"  # the case survives; its conditions went with 0005
        assert cond.list_conditions(reg) == []
        cond.add_condition(reg, REF, "snf_housing", dt.date(2027, 1, 1))
        assert len(cond.list_conditions(reg)) == 1


def _refused(url: str, sql: str) -> str:
    engine = create_engine(url)
    try:
        with pytest.raises(DBAPIError) as err, engine.begin() as conn:
            conn.execute(text(sql))
        return str(err.value.orig)
    finally:
        engine.dispose()


@pytest.mark.postgres
def test_desk_records_conditions_but_never_deletes_them_or_rewrites_their_audit(
    pg_register: PgRegister, pg_url: str
) -> None:
    case = demo_case()
    with Register.open(pg_url) as reg:
        reg.add(case, assess(case, Context.default()), status="granted", officer="A")
        c = cond.add_condition(reg, REF, "shuttle_service", dt.date(2027, 1, 1), who="M. de Vries")
        cond.set_condition(reg, c.id, status="delivered", who="M. de Vries")  # desks may update
        changes = cond.condition_changes(reg, c.id)
        assert [(x.who, x.who_name) for x in changes] == [("desk_jansen", "M. de Vries")] * 2
    owner = pg_url.replace(
        "desk_jansen:" + pg_register.desk_password, "ber_owner:" + pg_register.owner_password
    )
    for sql in (
        "DELETE FROM permit_condition",
        "TRUNCATE permit_condition CASCADE",
        "UPDATE permit_condition_history SET what = 'rewritten'",
        "DELETE FROM permit_condition_history",
    ):
        assert "permission denied" in _refused(pg_url, sql), sql
        assert "is not allowed" in _refused(owner, sql), sql
    with Register.open(pg_url) as reg:
        assert len(cond.condition_changes(reg, c.id)) == 2
