"""The compact store (revision 0004) against the row store of revision 0003.

A register is built at revision 0003 with real assessed cases written exactly as
BER-desk 0003 wrote them (one ``case_demand`` row per domain, municipality and
year with demand > 0). The old cumulative queries (copied below from revision
0003's ``cumulative.py``) give the expected sums and contributors; the register
is then migrated to 0004 and the cumulative view must give the same numbers
within float32 (6e-8 relative), the same contributors, and every case's rows
exactly as before. A corrupt row must stop the migration and leave the register
untouched.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import shapely
from sqlalchemy import Connection, and_, func, inspect, or_, select, text
from sqlalchemy import case as sql_case

from ber.case.demo import demo_case
from ber.case.model import Case, Region, Site
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.reference.national import load_national
from ber.register import Register, cumulative
from ber.register import db as regdb
from ber.register.records import demand_rows
from ber.register.rows import case_file_json, case_values, demand_params, now_utc
from ber.texts.messages import InputError

#: hosts: Utrecht and Gouda (Randstad, large regions), Woerden, Amersfoort, Venlo (the demo)
HOSTS = ("GM0344", "GM0513", "GM0632", "GM0307")
STATUSES = ("granted", "in_procedure", "granted", "refused", "withdrawn", "in_procedure")


def _cases() -> list[tuple[Case, Assessment, str]]:
    national = load_national()
    polygons = national.boundaries_rd()
    base = demo_case()
    ctx = Context.default()
    out = []
    for i, code in enumerate(HOSTS + HOSTS[:2]):
        p = shapely.point_on_surface(polygons[code])
        case = base.copy_with(
            region=Region(), sites=[Site(name=code, x=float(p.x), y=float(p.y), chosen=True)]
        )
        # other start years: 2025 (before the new case), 2027, ... so windows and carry-forward differ
        case = case.model_copy(
            update={
                "meta": case.meta.model_copy(update={"reference": f"OLD-{i}", "title": code}),
                "business": case.business.model_copy(update={"start_year": 2023 + 2 * i}),
            }
        )
        out.append((case, assess(case, ctx), STATUSES[i]))
    return out


@pytest.fixture(scope="module")
def old_cases() -> list[tuple[Case, Assessment, str]]:
    return _cases()


def _write_0003(conn: Connection, case: Case, result: Assessment, status: str) -> None:
    """A case exactly as revision 0003's ``Register.add`` stored it."""
    now = now_utc()
    values = case_values(case, result) | {
        "reference": case.meta.reference,
        "status": status,
        "received": dt.date(2025, 1, 1),
        "decided": None,
        "officer": "Oud",
        "version": 1,
        "created_at": now,
        "updated_at": now,
        "updated_by": "Oud",
    }
    t = {name: inspect(conn).get_columns(name) for name in ("cases",)}
    assert t  # the 0003 tables exist
    cols = ", ".join(values)
    conn.execute(text(f"INSERT INTO cases ({cols}) VALUES ({', '.join(':' + k for k in values)})"), values)
    case_id = conn.execute(
        text("SELECT id FROM cases WHERE reference = :r"), {"r": case.meta.reference}
    ).scalar_one()
    conn.execute(
        text("INSERT INTO case_files (case_id, case_json) VALUES (:i, :j)"),
        {"i": case_id, "j": case_file_json(case)},
    )
    rows = demand_params(case_id, demand_rows(result), status)
    conn.execute(
        text(
            "INSERT INTO case_demand (case_id, domain, municipality, year, demand, capacity, pressure, "
            "status, is_last, case_status) VALUES (:case_id, :domain, :municipality, :year, :demand, "
            ":capacity, :pressure, :status, :is_last, :case_status)"
        ),
        rows,
    )


def _register_0003(url: str, cases: list[tuple[Case, Assessment, str]]) -> None:
    engine = regdb.create_register_engine(url)
    regdb.upgrade(engine, "0003")
    with engine.connect().execution_options(ber_write=True) as conn, conn.begin():
        for case, result, status in cases:
            _write_0003(conn, case, result, status)
    engine.dispose()


# -- the old path: revision 0003's aggregate queries over case_demand ---------------------------
def _old(url: str, result: Assessment, year: int) -> tuple[np.ndarray, dict[str, dict[str, float]]]:
    from sqlalchemy import Boolean, Column, Float, Integer, MetaData, String, Table

    d = Table(
        "case_demand",
        MetaData(),
        Column("case_id", Integer),
        Column("domain", String),
        Column("municipality", String),
        Column("year", Integer),
        Column("demand", Float),
        Column("is_last", Boolean),
        Column("case_status", String),
    ).c
    codes = [m.code for m in result.municipalities]
    years = [int(y) for y in result.years]
    first, last = years[0], years[-1]
    window = or_(d.year.between(first, last), and_(d.is_last, d.year < first))
    counted = d.case_status.in_(("in_procedure", "granted"))
    dom_i = {dom: i for i, dom in enumerate(domain_keys())}
    out = np.zeros((len(dom_i), len(codes), len(years)))
    carry = np.zeros_like(out)
    engine = regdb.create_register_engine(url)
    with engine.connect() as conn:
        query = (
            select(d.domain, d.municipality, d.year, d.is_last, func.sum(d.demand))
            .where(d.municipality.in_(codes), window, counted)
            .group_by(d.domain, d.municipality, d.year, d.is_last)
        )
        for domain, municipality, yr, is_last, total in conn.execute(query):
            i, k = dom_i[domain], codes.index(municipality)
            if first <= yr <= last:
                out[i, k, yr - first] += total
            if is_last:
                start = max(yr + 1 - first, 0)
                if start < len(years):
                    carry[i, k, start] += total
        at_year = or_(d.year == year, and_(d.is_last, d.year < year))
        per_case = conn.execute(
            select(d.case_id, d.domain, func.sum(sql_case((at_year, d.demand), else_=0.0)))
            .where(d.municipality.in_(codes), window, counted)
            .group_by(d.case_id, d.domain)
        ).all()
        refs = dict(conn.execute(text("SELECT id, reference FROM cases")).all())
    engine.dispose()
    contributors: dict[str, dict[str, float]] = {}
    for case_id, domain, total in per_case:
        contributors.setdefault(refs[case_id], {dom: 0.0 for dom in dom_i})[domain] += float(total)
    return out + np.cumsum(carry, axis=2), contributors


def _new_case() -> tuple[Case, Assessment]:
    """The new case: Utrecht, starting 2027 (so OLD-0 and OLD-1 carry forward into its window)."""
    national = load_national()
    p = shapely.point_on_surface(national.boundaries_rd()["GM0344"])
    base = demo_case()
    case = base.copy_with(region=Region(), sites=[Site(name="N", x=float(p.x), y=float(p.y), chosen=True)])
    case = case.model_copy(
        update={
            "meta": case.meta.model_copy(update={"reference": "NEW-1"}),
            "business": case.business.model_copy(update={"start_year": 2029}),
        }
    )
    return case, assess(case, Context.default())


def test_migrated_register_gives_the_old_cumulative(owner_url: str, old_cases: Any) -> None:
    _register_0003(owner_url, old_cases)
    case, result = _new_case()
    assert len(result.municipalities) > 60  # a Randstad region
    expected, contributors = _old(owner_url, result, result.full_operation_year)
    assert expected.sum() > 0 and len(contributors) >= 3
    rows_0003 = {c.meta.reference: demand_rows(r) for c, r, _s in old_cases}
    seen: list[tuple[int, int]] = []
    with Register.open(owner_url, progress=lambda n, t: seen.append((n, t))) as reg:
        assert seen and seen[-1] == (len(old_cases), len(old_cases))
        with reg.engine.connect() as conn:
            assert regdb.current_revision(conn) == regdb.head_revision() >= "0004"
            assert "case_demand" not in inspect(conn).get_table_names()
        cum = cumulative(result, case, reg)
        # every case's own rows: exactly as before (float64 demand, capacity, pressure, status)
        for ref, rows in rows_0003.items():
            assert reg.get(ref).demand == sorted(rows, key=lambda r: (r.domain, r.municipality, r.year))
    other = np.array([[cum.get(dom, code).other for code in cum.municipalities] for dom in domain_keys()])
    # float32 storage: each stored value within 6e-8 relative, so each sum too
    np.testing.assert_allclose(other, expected, rtol=6e-8, atol=1e-12)
    assert not np.array_equal(other, expected)  # the float32 store is really used
    got = {c.reference: c.demand for c in cum.contributors}
    assert got.keys() == contributors.keys()
    for ref, demand in contributors.items():
        assert got[ref] == pytest.approx(demand, rel=6e-8, abs=1e-12)
    refused = {c.meta.reference for c, _r, s in old_cases if s in ("refused", "withdrawn")}
    assert refused and not refused & got.keys()


def test_api_writes_what_the_migration_writes(tmp_path: Path, old_cases: Any) -> None:
    """The same cases through ``Register.add`` and through the migration: identical area rows."""
    migrated, added = f"sqlite:///{tmp_path / 'm.sqlite'}", f"sqlite:///{tmp_path / 'a.sqlite'}"
    _register_0003(migrated, old_cases)
    Register.open(migrated).close()
    with Register.open(added) as reg:
        for case, result, status in old_cases:
            reg.add(case, result, status=status)

    def area(url: str) -> list[tuple[Any, ...]]:
        """Each row with its layout's domains in place of the layout id (a fresh register
        numbers the layout of today's domains differently from a converted one)."""
        from ber.register.area import decode
        from ber.register.area_sql import layouts

        engine = regdb.create_register_engine(url)
        with engine.connect() as conn:
            rows = conn.execute(
                text(
                    "SELECT c.reference, a.municipality, a.case_status, a.first_year, a.demand "
                    "FROM case_area a JOIN cases c ON c.id = a.case_id ORDER BY 1, 2"
                )
            ).all()
            lay = layouts(conn)
        engine.dispose()
        out = []
        for ref, code, status, first, blob in rows:
            (d,) = decode([blob], lay)
            shape = (d.domains, d.values.shape[2], d.years)
            out.append(
                (ref, code, status, first, int(d.head["first"][0]), shape, d.values.tobytes(), len(blob))
            )
        return out

    a, m = area(added), area(migrated)
    assert len(a) > 100 and a == m


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_failed_migration_leaves_the_register_untouched(owner_url: str, old_cases: Any) -> None:
    _register_0003(owner_url, old_cases[:3])
    engine = regdb.create_register_engine(owner_url)
    sqlite = engine.dialect.name == "sqlite"
    with engine.begin() as conn:  # a corrupt row in the second case
        case_id = conn.execute(text("SELECT id FROM cases WHERE reference = 'OLD-1'")).scalar_one()
        bad = "'abc'" if sqlite else "'NaN'::float8"
        conn.execute(
            text(
                f"UPDATE case_demand SET demand = {bad} WHERE case_id = :i AND year = 2026 AND domain = 'care_gp'"
            ),
            {"i": case_id},
        )
        before = conn.execute(text("SELECT count(*), sum(year) FROM case_demand")).one()
    engine.dispose()
    path = Path(owner_url.removeprefix("sqlite:///")) if sqlite else None
    digest = _sha(path) if path else ""
    with pytest.raises(InputError) as err:
        Register.open(owner_url)
    nl, en = err.value.texts("nl")[0], err.value.texts("en")[0]
    assert "OLD-1" in nl and "care_gp" in nl and "2026" in nl and "0003" in nl
    assert "abc" in en if sqlite else "nan" in en
    assert "Nothing was changed" in en
    if path:
        assert _sha(path) == digest  # byte for byte
    engine = regdb.create_register_engine(owner_url)
    with engine.connect() as conn:
        assert regdb.current_revision(conn) == "0003"
        assert "case_area" not in inspect(conn).get_table_names()
        assert conn.execute(text("SELECT count(*), sum(year) FROM case_demand")).one() == before
    engine.dispose()


def test_cli_upgrade_shows_progress_on_stderr(
    tmp_path: Path, old_cases: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    from ber.cli import main

    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    _register_0003(url, old_cases[:2])
    before = (tmp_path / "r.sqlite").stat().st_size
    assert main(["register", "--url", url, "--lang", "en", "upgrade"]) == 0
    # the old rows' space is given back (VACUUM): 2 x ~2,000 rows of ~150 bytes before
    assert (tmp_path / "r.sqlite").stat().st_size < before / 3
    out = capsys.readouterr()
    assert "Converting the register to the compact store: 2 of 2 cases" in out.err
    assert f"schema {regdb.head_revision()}" in out.out


def test_cases_of_different_horizons_in_one_municipality(tmp_path: Path) -> None:
    """Area rows of different lengths (horizons 10 and 5 years) in the same municipalities:
    other = A + B, B keeping its last year's demand after its horizon (carry-forward)."""
    base = demo_case()
    ctx = Context.default()

    def variant(ref: str, years: int) -> tuple[Case, Assessment]:
        case = base.model_copy(
            update={
                "meta": base.meta.model_copy(update={"reference": ref}),
                "business": base.business.model_copy(update={"horizon_years": years}),
            }
        )
        return case, assess(case, ctx)

    (ca, ra), (cb, rb), (cn, rn) = variant("A", 10), variant("B", 5), variant("N", 10)
    assert len(rb.years) == 5 and rn.years == ra.years
    with Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}") as reg:
        reg.add(ca, ra, status="granted")
        reg.add(cb, rb, status="in_procedure")
        cum = cumulative(rn, cn, reg)
    for s in cum.series:
        a = ra.municipality(s.municipality).domains[s.domain].demand_per_year
        b = rb.municipality(s.municipality).domains[s.domain].demand_per_year
        expected = [a[t] + b[min(t, len(b) - 1)] for t in range(len(rn.years))]
        assert s.other == pytest.approx(expected, rel=6e-8, abs=1e-12)
    assert {c.reference for c in cum.contributors} == {"A", "B"}
