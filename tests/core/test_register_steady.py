"""Revision 0006: each ``case_area`` row keeps its own domains and the years to its steady state.

What is stored must read back exactly as the case's own run computed it (float32),
the sum over rows stored short must equal the sum over the same rows stored in
full, on SQLite and PostgreSQL (where each municipality's rows are joined per
layout), and revision 0006 must go down to 0005's full rows and up again without
changing a cumulative figure.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import numpy as np
import pytest
import shapely
from sqlalchemy import inspect, text

from ber.case.demo import demo_case
from ber.case.model import Case, Region, Site
from ber.engine.area_sum import Block, area_sums, contributing
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.reference.national import load_national
from ber.register import Register, cumulative, cumulative_with_cases
from ber.register import db as regdb
from ber.register.area import compact, decode
from ber.register.area_sql import layouts


def _at(code: str, ref: str, start: int, horizon: int = 10) -> tuple[Case, Assessment]:
    """The demo business at a point inside ``code`` with its default 40 km region."""
    p = shapely.point_on_surface(load_national().boundaries_rd()[code])
    base = demo_case()
    case = base.copy_with(region=Region(), sites=[Site(name=code, x=float(p.x), y=float(p.y), chosen=True)])
    case = case.model_copy(
        update={
            "meta": case.meta.model_copy(update={"reference": ref}),
            "business": case.business.model_copy(update={"start_year": start, "horizon_years": horizon}),
        }
    )
    return case, assess(case, Context.default())


def test_compact_keeps_the_domains_with_demand_and_the_years_to_the_last_change() -> None:
    # domains x years: a ramp-up 1, 2, 3, 3, 3 (stored: the first three), a domain of zeros
    # (left out) and one that changes in the last year (all five stored)
    values = np.array([[1.0, 2.0, 3.0, 3.0, 3.0], [0.0] * 5, [1.0, 1.0, 1.0, 1.0, 2.0]])
    keep, body = compact(values)
    assert keep.tolist() == [0, 2] and body.shape == (2, 5)
    keep, body = compact(values[:2])
    assert keep.tolist() == [0] and body.tolist() == [[1.0, 2.0, 3.0]]
    # constant from the first year: one year stored; NaN and negatives count as zero
    keep, body = compact(np.array([[4.0] * 4, [np.nan, -1.0, 0.0, 0.0]]))
    assert keep.tolist() == [0] and body.tolist() == [[4.0]]


def test_rows_hold_their_own_domains_and_read_back_exactly(tmp_path: Any) -> None:
    case, result = _at("GM0983", "V-1", 2027)  # Venlo, the demo's host
    with Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}") as reg:
        reg.add(case, result, status="granted")
        with reg.engine.connect() as conn:
            lay = layouts(conn)
            rows = conn.execute(text("SELECT municipality, layout, demand FROM case_area")).all()
        got = reg.get("V-1").demand
    assert len(rows) == len(result.municipalities) > 5
    for code, layout, blob in rows:
        (d,) = decode([blob], lay)
        assert int(d.head["layout"][0]) == layout
        m = result.municipality(code)
        expected = np.array([m.domains[x].demand_per_year for x in domain_keys()], dtype="<f4")
        with_demand = tuple(x for x, row in zip(domain_keys(), expected, strict=True) if (row > 0).any())
        assert d.domains == with_demand
        if code != "GM0983":  # only the host carries the site's transport and energy
            assert "transport_peak" not in d.domains and "energy" not in d.domains
        # the demo ramps up over three years, then stays: three of its ten years are stored
        assert (d.values.shape[2], d.years) == (3, 10)
        assert len(blob) == 8 + 4 * len(d.domains) * 3
        np.testing.assert_array_equal(d.full()[0], expected[[domain_keys().index(x) for x in d.domains]])
    # Register.get lists every year again, the float32 values exactly
    for r in got:
        value = result.municipality(r.municipality).domains[r.domain].demand_per_year[r.year - 2027]
        assert r.demand == float(np.float32(value))


def _random_full(rng: np.random.Generator, n: int, D: int, Yc: int) -> np.ndarray:
    """Rows that ramp up and then stay (each from its own year), some domains zero."""
    v = rng.uniform(0.1, 5.0, size=(n, D, Yc)).astype("<f4")
    steady = rng.integers(1, Yc + 1, size=n)
    for r in range(n):
        v[r, :, steady[r] :] = v[r, :, steady[r] - 1 : steady[r]]
    v[rng.random((n, D)) < 0.3] = 0.0
    return v


@pytest.mark.parametrize("carry_forward", [True, False])
def test_rows_stored_short_sum_as_rows_stored_in_full(carry_forward: bool) -> None:
    rng = np.random.default_rng(6)
    domains = ("a", "b", "c")
    Yc, K, n = 6, 5, 400
    full = _random_full(rng, n, 3, Yc)
    first = rng.integers(2018, 2034, size=n)
    muni = rng.integers(0, K, size=n)
    owner = rng.integers(0, 90, size=n)
    whole = [Block(first, full, domains, muni, owner)]
    # the same rows as the store keeps them: per row its domains and years (grouped per shape)
    shapes: dict[tuple[tuple[str, ...], int], list[tuple[int, np.ndarray]]] = {}
    for r in range(n):
        keep, body = compact(full[r].astype(np.float64))
        if len(keep):
            shapes.setdefault((tuple(domains[i] for i in keep), body.shape[1]), []).append((r, body))
    short = []
    for (doms, _stored), rows in shapes.items():
        idx = np.array([r for r, _b in rows])
        short.append(Block(first[idx], np.stack([b for _r, b in rows]), doms, muni[idx], owner[idx], Yc))
    assert any(b.values.shape[2] < Yc for b in short) and len(short) > 5
    for window in ([2020, 2021, 2022, 2023, 2024], list(range(2030, 2042)), [2016, 2017]):
        a = area_sums(whole, domains, K, window, window[-1], carry_forward)
        b = area_sums(short, domains, K, window, window[-1], carry_forward)
        np.testing.assert_allclose(b.other, a.other, rtol=1e-12, atol=1e-9)
        assert b.owners.tolist() == a.owners.tolist()
        np.testing.assert_allclose(b.owner_demand, a.owner_demand, rtol=1e-12, atol=1e-9)
        assert contributing(short, domains, window, carry_forward).tolist() == a.owners.tolist()
    # and the sum is the plain sum (hand check for one cell: every row of municipality 0
    # with first year <= 2020 in domain "a", its year 2020 - first, or its last if later)
    a = area_sums(whole, domains, K, [2020], 2020, True)
    rows = np.flatnonzero((muni == 0) & (first <= 2020))
    expected = sum(float(full[r, 0, min(2020 - first[r], Yc - 1)]) for r in rows)
    assert a.other[0, 0, 0] == pytest.approx(expected, rel=1e-12)


def test_cumulative_where_hosts_and_residents_share_municipalities(owner_url: str) -> None:
    """Cases hosted in neighbouring municipalities: each municipality has rows of several
    layouts (a host's with transport, others without; horizons 10 and 6 years). The sum is
    the cases' own demand added by hand, on both backends."""
    cases = [
        _at("GM0344", "U-1", 2024),  # Utrecht
        _at("GM0307", "A-1", 2026, horizon=6),  # Amersfoort
        _at("GM0632", "W-1", 2028),  # Woerden
    ]
    new_case, new_result = _at("GM0344", "NEW", 2027)
    with Register.open(owner_url) as reg:
        for (case, result), status in zip(cases, ("granted", "in_procedure", "granted"), strict=True):
            reg.add(case, result, status=status, received=dt.date(2026, 3, 2))
        cum = cumulative(new_result, new_case, reg)
        # the report's counted cases: the same figures, the cases' dates as ISO text
        with_cases = cumulative_with_cases(new_result, new_case, reg)
    assert [(x.domain, x.municipality, x.other) for x in with_cases.series] == [
        (x.domain, x.municipality, x.other) for x in cum.series
    ]
    assert with_cases.counted is not None
    assert {c.received for c in with_cases.counted.cases} == {"2026-03-02"}
    years = [int(y) for y in new_result.years]
    checked = 0
    for s in cum.series:
        expected = np.zeros(len(years))
        for _case, result in cases:
            codes = {x.code for x in result.municipalities}
            m = result.municipality(s.municipality) if s.municipality in codes else None
            if m is None or s.domain not in m.domains:
                continue
            own = np.asarray(m.domains[s.domain].demand_per_year, dtype="<f4").astype(float)
            first = int(result.years[0])
            # counted from its first year; after its last year it keeps that year's demand
            idx = [min(y - first, len(own) - 1) for y in years]
            expected += [own[i] if y >= first else 0.0 for i, y in zip(idx, years, strict=True)]
        assert s.other == pytest.approx(expected.tolist(), rel=1e-6, abs=1e-9)
        checked += int(expected.sum() > 0)
    assert checked > 100
    assert {c.reference for c in cum.contributors} == {"U-1", "A-1", "W-1"}


def test_down_to_0005_and_up_again_changes_no_figure(owner_url: str) -> None:
    from alembic import command

    cases = [_at("GM0344", "U-1", 2024), _at("GM0307", "A-1", 2026, horizon=6)]
    new_case, new_result = _at("GM0344", "NEW", 2027)
    with Register.open(owner_url) as reg:
        for case, result in cases:
            reg.add(case, result, status="granted")
        before = cumulative(new_result, new_case, reg)
        rows_before = {ref: reg.get(ref).demand for ref in ("U-1", "A-1")}
        with reg.engine.connect() as conn:
            command.downgrade(regdb._alembic_config(conn, "0005"), "0005")
            conn.commit()
            assert regdb.current_revision(conn) == "0005"
            assert "layout" not in {c["name"] for c in inspect(conn).get_columns("case_area")}
            # 0004's rows: the case's domains over all its years (10 and 6)
            query = (
                "SELECT c.reference, min(length(a.demand)) FROM case_area a "
                "JOIN cases c ON c.id = a.case_id GROUP BY c.reference"
            )
            lengths = dict(conn.execute(text(query)).all())
    assert lengths["U-1"] > 8 + 4 * 5 * 10 and (lengths["U-1"] - 8) % 10 == 0
    assert (lengths["A-1"] - 8) % 6 == 0
    with Register.open(owner_url) as reg:  # opening upgrades to head again
        after = cumulative(new_result, new_case, reg)
        assert {ref: reg.get(ref).demand for ref in ("U-1", "A-1")} == rows_before
        if reg.backend == "postgresql":  # the rebuilt table has its statistics at once
            with reg.engine.connect() as conn:
                stats = "SELECT count(*) FROM pg_stats WHERE tablename = 'case_area' AND attname = 'layout'"
                assert conn.execute(text(stats)).scalar_one() == 1
    for a, b in zip(before.series, after.series, strict=True):
        assert (a.domain, a.municipality, a.other) == (b.domain, b.municipality, b.other)
    assert [c.reference for c in after.contributors] == [c.reference for c in before.contributors]


@pytest.mark.parametrize("corrupt", ["short", "nan"])
def test_a_corrupt_row_stops_0006_and_leaves_the_register_untouched(
    owner_url: str, tmp_path: Any, corrupt: str
) -> None:
    import hashlib
    from pathlib import Path

    from alembic import command

    from ber.texts.messages import InputError

    case, result = _at("GM0983", "V-1", 2027)
    with Register.open(owner_url) as reg:
        reg.add(case, result, status="granted")
        with reg.engine.connect() as conn:
            command.downgrade(regdb._alembic_config(conn, "0005"), "0005")
            conn.commit()
            code = "GM0984"  # Peel en Maas, in Venlo's region
            blob = bytes(
                conn.execute(text(f"SELECT demand FROM case_area WHERE municipality = '{code}'")).scalar_one()
            )
            bad = blob[:9] if corrupt == "short" else blob[:8] + np.float32("nan").tobytes() + blob[12:]
            conn.execute(
                text("UPDATE case_area SET demand = :b WHERE municipality = :m"), {"b": bad, "m": code}
            )
            conn.commit()
            before = conn.execute(text("SELECT municipality, demand FROM case_area ORDER BY 1")).all()
    sqlite = owner_url.startswith("sqlite")
    path = Path(owner_url.removeprefix("sqlite:///"))
    digest = hashlib.sha256(path.read_bytes()).hexdigest() if sqlite else ""
    with pytest.raises(InputError) as err:
        Register.open(owner_url)
    nl, en = err.value.texts("nl")[0], err.value.texts("en")[0]
    assert "V-1" in nl and code in nl and "niets gewijzigd" in nl
    assert ("9 bytes" if corrupt == "short" else "not a number of 0 or more") in en
    if sqlite:
        assert hashlib.sha256(path.read_bytes()).hexdigest() == digest  # byte for byte
    engine = regdb.create_register_engine(owner_url)
    with engine.connect() as conn:
        assert regdb.current_revision(conn) == "0005"
        assert conn.execute(text("SELECT municipality, demand FROM case_area ORDER BY 1")).all() == before
    engine.dispose()
