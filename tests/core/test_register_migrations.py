"""Migrations: a register made by the first schema opens, with its data, after an upgrade."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from ber.register import Register
from ber.register import db as regdb
from ber.register.schema import metadata
from ber.texts.messages import InputError


def test_first_revision_then_upgrade_keeps_rows(owner_url: str) -> None:
    engine = regdb.create_register_engine(owner_url)
    regdb.upgrade(engine, "0001")  # a register as the first release created it
    with engine.connect() as conn:
        assert regdb.current_revision(conn) == "0001"
    assert "status_history" not in inspect(engine).get_table_names()
    now = dt.datetime(2025, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO cases (reference, title, business_name, sector, host_municipality, "
                "host_name, status, received, decided, officer, start_year, last_year, "
                "full_operation_year, jobs, residents, verdict_json, reference_version, app_version, "
                "case_sha256, version, created_at, updated_at, updated_by) VALUES "
                "('OLD-1', 'Oude zaak', 'Oud B.V.', 'distribution', 'GM0983', 'Venlo', 'granted', "
                ":received, NULL, 'Oud', 2024, 2033, 2026, 100, 50, '{\"care_gp\": \"amber\"}', "
                "'2024.1', '0.0.1', 'abc', 3, :now, :now, 'Oud')"
            ),
            {"received": dt.date(2024, 6, 1), "now": now},
        )
        case_id = conn.execute(text("SELECT id FROM cases WHERE reference = 'OLD-1'")).scalar_one()
        conn.execute(
            text("INSERT INTO case_files (case_id, case_json) VALUES (:id, :doc)"),
            {"id": case_id, "doc": '{"schema": "ber-case/1"}'},
        )
        conn.execute(
            text(
                "INSERT INTO case_demand (case_id, domain, municipality, year, demand, capacity, "
                "pressure, status, is_last) VALUES (:id, 'care_gp', 'GM0983', 2026, 40, 100, 0.4, "
                "'green', :f)"
            ),
            {"id": case_id, "f": False},
        )
    engine.dispose()

    with Register.open(owner_url) as reg:  # opening upgrades to head
        with reg.engine.connect() as conn:
            assert regdb.current_revision(conn) == regdb.head_revision() == "0006"
        assert "status_history" in inspect(reg.engine).get_table_names()
        old = reg.get("OLD-1")
        assert (old.status, old.version, old.summary.title) == ("granted", 3, "Oude zaak")
        assert old.summary.received == dt.date(2024, 6, 1)
        assert json.loads(old.case_json) == {"schema": "ber-case/1"}
        assert old.summary.verdict == {"care_gp": "amber"}
        assert [(r.domain, r.year, r.demand) for r in old.demand] == [("care_gp", 2026, 40.0)]
        # the data migration gave the old case its registration as first audit entry
        hist = reg.history("OLD-1")
        assert [(h.event, h.new_status, h.who, h.who_name, h.version) for h in hist] == [
            ("registered", "granted", "Oud", "Oud", 3)
        ]
        assert hist[0].at == now
        assert [s.reference for s in reg.list(municipality="GM0983", status="granted")] == ["OLD-1"]
        # 0002 copied the case status onto the demand rows, 0004 onto its compact area row:
        # the old case counts cumulatively
        with reg.engine.connect() as conn:
            assert conn.execute(text("SELECT case_status FROM case_area")).scalars().all() == ["granted"]
        assert _other_gp_venlo(reg) == 40.0
        s = reg.set_status("OLD-1", "withdrawn", who="Nieuw", why="na upgrade", expected_version=3)
        assert s.version == 4
        assert _other_gp_venlo(reg) == 0.0  # withdrawn: no longer counted
        last = reg.history("OLD-1")[-1]
        assert last.who_name == "Nieuw"
        assert last.who == ("Nieuw" if reg.backend == "sqlite" else "ber_owner")


def test_upgrade_from_the_previous_head_keeps_rows_and_makes_json_jsonb(owner_url: str) -> None:
    """A register at 0002 (the previous head) with a registered, changed case upgrades to
    head without loss; on PostgreSQL its JSON columns become jsonb."""
    from ber.case.demo import demo_case
    from ber.engine.assess import Context, assess

    engine = regdb.create_register_engine(owner_url)
    regdb.upgrade(engine, "0002")
    engine.dispose()
    case = demo_case()
    result = assess(case, Context.default())
    before = Register(regdb.create_register_engine(owner_url), owner_url)
    with before.engine.begin() as conn:  # what 0002's application wrote (no who_name yet)
        from ber.register.records import demand_rows
        from ber.register.rows import case_values, demand_params, now_utc

        now = now_utc()
        values = case_values(case, result) | {
            "reference": "Z-1",
            "status": "in_procedure",
            "officer": "A. Ambtenaar",
            "version": 2,
            "created_at": now,
            "updated_at": now,
            "updated_by": "B. Beslisser",
        }
        values["verdict_json"] = json.dumps(json.loads(values["verdict_json"]), indent=1)
        case_id = conn.execute(
            text(
                "INSERT INTO cases ("
                + ", ".join(values)
                + ") VALUES ("
                + ", ".join(f":{k}" for k in values)
                + ") RETURNING id"
            ),
            values,
        ).scalar_one()
        conn.execute(
            text("INSERT INTO case_files (case_id, case_json) VALUES (:id, :doc)"),
            {"id": case_id, "doc": case.canonical_json().decode("utf-8")},
        )
        rows = demand_params(case_id, demand_rows(result), "in_procedure")
        conn.execute(
            text(
                "INSERT INTO case_demand ("
                + ", ".join(rows[0])
                + ") VALUES ("
                + ", ".join(f":{k}" for k in rows[0])
                + ")"
            ),
            rows,
        )
        for version, (who, event) in enumerate(
            (("A. Ambtenaar", "registered"), ("B. Beslisser", "status")), 1
        ):
            conn.execute(
                text(
                    "INSERT INTO status_history (case_id, event, old_status, new_status, who, at, why, version) "
                    "VALUES (:id, :event, NULL, 'in_procedure', :who, :at, 'x', :v)"
                ),
                {"id": case_id, "event": event, "who": who, "at": now, "v": version},
            )
    before.close()

    with Register.open(owner_url) as reg:
        got = reg.get("Z-1")
        assert got.case().sha256() == case.sha256() == got.case_sha256
        assert got.summary.verdict == {k: v.status for k, v in result.verdict.items()}
        assert len(got.demand) == len(demand_rows(result))
        assert [(h.who, h.who_name) for h in reg.history("Z-1")] == [
            ("A. Ambtenaar", "A. Ambtenaar"),
            ("B. Beslisser", "B. Beslisser"),
        ]
        if reg.backend == "postgresql":
            with reg.engine.connect() as conn:
                types = dict(
                    conn.execute(
                        text(
                            "SELECT column_name, data_type FROM information_schema.columns "
                            "WHERE table_schema = current_schema() AND column_name IN ('verdict_json', 'case_json')"
                        )
                    ).all()
                )
                assert types == {"verdict_json": "jsonb", "case_json": "jsonb"}
                care = conn.execute(text("SELECT verdict_json->>'care_gp' FROM cases")).scalar_one()
                assert care == result.verdict["care_gp"].status


def _other_gp_venlo(reg: Register) -> float:
    """Registered GP demand in Venlo in 2026 as the cumulative view sees it (demo case years)."""
    from ber.case.demo import demo_case
    from ber.engine.assess import Context, assess
    from ber.register import cumulative

    case = demo_case()
    base = case.business.model_copy(update={"start_year": 2025})
    case = case.model_copy(update={"business": base})
    cum = cumulative(assess(case, Context.default()), case, reg)
    return cum.get("care_gp", "GM0983").other[cum.year_index(2026)]


def test_migrations_match_the_table_definitions(register_url: str) -> None:
    """The schema the migrations build is the schema ``schema.py`` describes (no drift)."""
    with Register.open(register_url) as reg, reg.engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), metadata)
    assert diff == []


def test_open_twice_is_idempotent(register_url: str) -> None:
    Register.open(register_url).close()
    with Register.open(register_url) as reg:
        assert reg.count() == 0
        with reg.engine.connect() as conn:
            assert regdb.current_revision(conn) == regdb.head_revision()


def test_register_of_a_newer_version_is_refused_clearly(owner_url: str) -> None:
    with Register.open(owner_url) as reg, reg.engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(InputError) as err:
        Register.open(owner_url)
    assert err.value.problems[0].code == "register.newer_schema"
    assert "0099" in err.value.texts("nl")[0] and "newer BER-desk" in err.value.texts("en")[0]


def test_downgrade_to_the_previous_head_and_up_again(owner_url: str) -> None:
    """0003 can be undone (jsonb back to text, triggers dropped) and redone without loss."""
    from alembic import command

    from ber.case.demo import demo_case
    from ber.engine.assess import Context, assess

    case = demo_case()
    with Register.open(owner_url) as reg:
        reg.add(case, assess(case, Context.default()), officer="A")
        with reg.engine.connect() as conn:
            command.downgrade(regdb._alembic_config(conn, "0002"), "0002")
            conn.commit()
            assert regdb.current_revision(conn) == "0002"
            assert "who_name" not in {c["name"] for c in inspect(conn).get_columns("status_history")}
            verdict = conn.execute(text("SELECT verdict_json FROM cases")).scalar_one()
            assert isinstance(verdict, str) and json.loads(verdict)["housing_dwellings"] == "red"
            conn.execute(text("DELETE FROM status_history"))  # no trigger any more after the downgrade
            conn.rollback()
    with Register.open(owner_url) as reg:
        got = reg.get("DEMO-2026-001")
        assert got.case().sha256() == case.sha256() and got.summary.verdict["housing_dwellings"] == "red"
        # the downgrade drops who_name; upgrading again copies "who" into it (on PostgreSQL the login)
        login = "ber_owner" if reg.backend == "postgresql" else "A"
        assert [(h.who, h.who_name) for h in reg.history("DEMO-2026-001")] == [(login, login)]
