"""The administrator's PostgreSQL set-up of docs/register.md, as the desks meet it.

The session fixture ``pg_register`` has run the document's SQL blocks verbatim on a
throwaway server; these tests follow the remaining steps (the owner upgrades, a desk
works) and check what a desk role can and cannot do.
"""

from __future__ import annotations

import pytest
from pgserver import PgRegister, dba_steps
from sqlalchemy import create_engine, text
from sqlalchemy.exc import DBAPIError

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.register import Register
from ber.register import db as regdb
from ber.texts.messages import InputError

pytestmark = pytest.mark.postgres


def _refused(url: str, sql: str) -> str:
    """Run ``sql`` as the role of ``url``; it must fail. Returns the server's message."""
    engine = create_engine(url)
    try:
        with pytest.raises(DBAPIError) as err, engine.begin() as conn:
            conn.execute(text(sql))
        return str(err.value.orig)
    finally:
        engine.dispose()


def test_the_doc_has_the_steps_in_order() -> None:
    assert [step for step, _db, _sql in dba_steps()] == [1, 2, 3]


def test_documented_setup_owner_upgrades_desk_works(
    pg_register: PgRegister, capsys: pytest.CaptureFixture[str]
) -> None:
    """Step 4 (owner: ``ber register upgrade``) and step 5 (a desk) in the doc's own schema ``ber``."""
    from ber.cli import main

    owner, desk = pg_register.owner(), pg_register.desk()  # no search_path: step 3 sets it
    # before step 4 a desk cannot create the tables, and says who can
    with pytest.raises(InputError) as err:
        Register.open(desk)
    assert err.value.problems[0].code == "register.needs_owner"
    nl, en = err.value.texts("nl")[0], err.value.texts("en")[0]
    assert "desk_jansen" in nl and "ber_register" in nl and "ber register upgrade" in en
    assert pg_register.desk_password not in nl + en

    assert main(["register", "--url", owner, "upgrade"]) == 0
    assert regdb.head_revision() in capsys.readouterr().out
    case = demo_case()
    with Register.open(desk) as reg:
        reg.add(case, assess(case, Context.default()), officer="M. de Vries")
        reg.set_status("DEMO-2026-001", "withdrawn", who="M. de Vries", why="aanvraag ingetrokken")
        hist = reg.history("DEMO-2026-001")
        assert [(h.who, h.who_name) for h in hist] == [("desk_jansen", "M. de Vries")] * 2
        with reg.engine.connect() as conn:
            assert conn.execute(text("SELECT current_schema()")).scalar() == "ber"
            assert (
                conn.execute(text("SELECT rolsuper FROM pg_roles WHERE rolname = session_user")).scalar()
                is False
            )
    assert main(["register", "--url", desk, "show", "DEMO-2026-001"]) == 0
    assert "M. de Vries (desk_jansen)" in capsys.readouterr().out


def test_desk_reads_and_writes_rows_but_not_the_schema(pg_register: PgRegister, pg_url: str) -> None:
    case = demo_case()
    with Register.open(pg_url) as reg:
        reg.add(case, assess(case, Context.default()), officer="A")
        reg.set_status("DEMO-2026-001", "granted", who="A", why="besluit")
        reg.update_case(
            "DEMO-2026-001", case, assess(case, Context.default()), expected_version=2, who="A"
        )  # replaces the area rows: DELETE on case_area is allowed
    for sql in (
        "DELETE FROM cases",
        "DELETE FROM case_files",
        "TRUNCATE cases CASCADE",
        "UPDATE status_history SET why = 'rewritten'",
        "DELETE FROM status_history",
        "UPDATE alembic_version SET version_num = '0001'",
        "CREATE TABLE mine (x int)",
        "DROP TABLE case_area",
        "ALTER TABLE cases ADD COLUMN x int",
    ):
        message = _refused(pg_url, sql)
        assert "permission denied" in message or "must be owner" in message, (sql, message)
    # a desk cannot put another name in "who": the server fills in the login
    engine = create_engine(pg_url)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO status_history (case_id, event, old_status, new_status, who, at, why, version) "
                "SELECT id, 'status', status, status, 'someone else', now(), 'x', version FROM cases"
            )
        )
        assert conn.execute(text("SELECT who FROM status_history ORDER BY id DESC LIMIT 1")).scalar() == (
            "desk_jansen"
        )
    engine.dispose()


def test_even_the_owner_cannot_rewrite_history_or_delete_cases(pg_register: PgRegister, pg_url: str) -> None:
    case = demo_case()
    with Register.open(pg_url) as reg:
        reg.add(case, assess(case, Context.default()), officer="A")
    owner = pg_url.replace(
        "desk_jansen:" + pg_register.desk_password, "ber_owner:" + pg_register.owner_password
    )
    for sql in ("DELETE FROM status_history", "UPDATE status_history SET who = 'x'", "DELETE FROM cases"):
        assert "is not allowed" in _refused(owner, sql)
    with Register.open(pg_url) as reg:
        assert reg.count() == 1 and len(reg.history("DEMO-2026-001")) == 1


def test_wrong_password_names_host_database_and_user_not_the_password(pg_register: PgRegister) -> None:
    wrong = pg_register.desk().replace(pg_register.desk_password, "N0tTheRightOne")
    with pytest.raises(InputError) as err:
        Register.open(wrong)
    assert err.value.problems[0].code == "register.unreachable_pg"
    for text_ in err.value.texts("nl") + err.value.texts("en"):
        assert "N0tTheRightOne" not in text_
        assert "127.0.0.1" in text_ and "ber_register" in text_ and "desk_jansen" in text_


def test_server_params_fall_back_to_the_client_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PGHOST", "db.regio.nl")
    monkeypatch.setenv("PGUSER", "desk_x")
    params = regdb.server_params("postgresql+psycopg:///ber_register")
    assert params == {"host": "db.regio.nl", "port": "5432", "database": "ber_register", "user": "desk_x"}
