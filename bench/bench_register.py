"""Benchmark of the compact register (issue 16): 10,000 realistic cases, SQLite and PostgreSQL.

Goals (issue 16 item 1), with 10,000 cases of realistic size on each backend:
the cumulative assessment of a Randstad case under 300 ms, adding a case under
50 ms whatever the register size, under 20 KB per case on disk.

Set-up. Every case is the demo case (the business, workforce and ramp-up of
``ber demo``) with its site moved to a point inside a municipality drawn at
random from the 342 of 2024 (uniform: spread over the country), its **default
40 km region** (``Region()``), the national reference set's capacity, jobs drawn
from 100-1,500, start year 2020-2032 and status 40 % granted, 30 % in procedure,
20 % refused, 10 % withdrawn. Each case is assessed by the engine and registered
through the public API, ``Register.add`` — no bulk path: the register holds
exactly what a desk writes. Both backends are filled in the same loop (one
assessment, two adds). PostgreSQL is a throwaway cluster on 127.0.0.1
(``tests/pgserver.py``, default settings, fsync on); SQLite is a file (WAL).

Measured: every add (median, min, max over the first 500 cases, cases
4,750-5,250 and the last 500), the cumulative assessment (``cumulative()``, as
the GUI and ``ber assess --cumulative`` call it) of two Randstad cases (Utrecht
and Gouda, start 2027, their default regions) and the demo case (Venlo): one
cold run and then ``--runs`` runs, median with min and max; the size on disk per
case (SQLite: the file after a checkpoint; PostgreSQL: the tables with their
indexes and TOAST); two listings. The load average is printed before and after.

Run: .venv/bin/python bench/bench_register.py [--cases 10000] [--backend sqlite|postgresql|both]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ber.case.demo import demo_case  # noqa: E402
from ber.case.model import Case, Region, Site  # noqa: E402
from ber.engine.assess import Context, assess  # noqa: E402
from ber.reference.national import load_national  # noqa: E402
from ber.register import Register, cumulative  # noqa: E402

STATUSES = ["granted", "in_procedure", "refused", "withdrawn"]
STATUS_P = [0.4, 0.3, 0.2, 0.1]
SECTORS = ["distribution", "food_processing", "greenhouse_horticulture", "manufacturing", "other"]
GOALS = {"cumulative": 300.0, "add": 50.0, "kb_per_case": 20.0}


def _case(base: Case, ref: str, code: str, point: Any, jobs: float, start: int, sector: str) -> Case:
    case = base.copy_with(
        region=Region(), sites=[Site(name=code, x=float(point.x), y=float(point.y), chosen=True)]
    )
    return case.model_copy(
        update={
            "meta": case.meta.model_copy(update={"reference": ref, "title": f"Bedrijf {ref}"}),
            "business": case.business.model_copy(
                update={"jobs": jobs, "start_year": start, "sector": sector, "name": f"Bedrijf {ref}"}
            ),
        }
    )


def register_setup() -> tuple[list[str], dict[str, Any], Case]:
    """What every register benchmark draws from: the 342 municipalities of 2024, a point
    inside each, and the demo case without capacity figures or employer beds."""
    import shapely

    national = load_national()
    polygons = national.boundaries_rd()
    codes = list(national.table.codes)
    points = {c: shapely.point_on_surface(polygons[c]) for c in codes}
    base = demo_case()
    base = base.copy_with(capacity={}, workforce=base.workforce.model_copy(update={"employer_beds": []}))
    return codes, points, base


def drawn_cases(
    rng: np.random.Generator, n: int, base: Case, codes: list[str], points: dict[str, Any]
) -> Iterator[tuple[Case, str]]:
    """The benchmark's ``n`` cases and their statuses, in order (one draw sequence for every
    benchmark that fills a register this way): host, jobs, start year, sector, status."""
    for i in range(n):
        code = codes[int(rng.integers(len(codes)))]
        case = _case(
            base,
            f"Z-{2020 + i % 7}-{i:05d}",
            code,
            points[code],
            float(rng.integers(100, 1501)),
            int(rng.integers(2020, 2033)),
            SECTORS[i % len(SECTORS)],
        )
        yield case, str(rng.choice(STATUSES, p=STATUS_P))


def stats(values: list[float]) -> str:
    return f"{statistics.median(values):.1f} ms ({min(values):.1f}–{max(values):.1f})"


def timed(fn: Callable[[], Any], runs: int) -> tuple[float, list[float]]:
    t0 = time.perf_counter()
    fn()
    cold = (time.perf_counter() - t0) * 1000
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return cold, out


def size_bytes(reg: Register, path: Path | None) -> int:
    if path is not None:
        with reg.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        return path.stat().st_size + sum(p.stat().st_size for p in path.parent.glob(path.name + "-*"))
    with reg.engine.connect() as conn:
        return int(
            conn.exec_driver_sql(
                "SELECT sum(pg_total_relation_size(c.oid)) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind = 'r' AND n.nspname = current_schema()"
            ).scalar_one()
        )


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = ap.parse_args()
    load_before = os.getloadavg()
    codes, points, base = register_setup()
    ctx = Context.default()
    rng = np.random.default_rng(2026)
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    with ExitStack() as stack:
        regs: dict[str, Register] = {}
        paths: dict[str, Path | None] = {}
        for name in backends:
            if name == "sqlite":
                tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
                paths[name] = tmp / "register.sqlite"
                regs[name] = stack.enter_context(Register.open(f"sqlite:///{paths[name]}"))
            else:
                from tests.pgserver import TempPostgres

                pg = stack.enter_context(TempPostgres("ber_bench"))
                paths[name] = None
                regs[name] = stack.enter_context(Register.open(pg.url))
        adds: dict[str, list[float]] = {n: [] for n in backends}
        assess_ms: list[float] = []
        regions: list[int] = []
        t_fill = time.perf_counter()
        for i, (case, status) in enumerate(drawn_cases(rng, args.cases, base, codes, points)):
            t0 = time.perf_counter()
            result = assess(case, ctx)
            assess_ms.append((time.perf_counter() - t0) * 1000)
            regions.append(len(result.municipalities))
            for name, reg in regs.items():
                t0 = time.perf_counter()
                reg.add(case, result, status=status, officer="Bench")
                adds[name].append((time.perf_counter() - t0) * 1000)
            if (i + 1) % 1000 == 0:
                print(f"  {i + 1} cases filled, {time.perf_counter() - t_fill:.0f} s", file=sys.stderr)
        fill_s = time.perf_counter() - t_fill
        lines = [
            f"{args.cases} cases, regions of {statistics.median(regions):.0f} municipalities "
            f"(median; {min(regions)}–{max(regions)}); assessing {stats(assess_ms)} per case; "
            f"fill {fill_s:.0f} s for all backends",
        ]
        for reg in regs.values():  # what autovacuum (PostgreSQL) and PRAGMA optimize do in use
            with reg.engine.connect() as conn:
                conn.exec_driver_sql("ANALYZE")
                conn.commit()
        new_cases = []
        for ref, code in (("NEW-UTRECHT", "GM0344"), ("NEW-GOUDA", "GM0513"), ("NEW-VENLO", "GM0983")):
            case = _case(base, ref, code, points[code], 800.0, 2027, "distribution")
            new_cases.append((ref, case, assess(case, ctx)))
        n = args.cases
        for name, reg in regs.items():
            a = adds[name]
            mid = max(n // 2 - 250, 0)
            lines.append(
                f"[{name}] add: first 500 {stats(a[:500])}; cases {mid}–{mid + 500} "
                f"{stats(a[mid : mid + 500])}; last 500 {stats(a[-500:])}"
            )
            for ref, case, result in new_cases:
                cum_holder: list[Any] = []
                cold, runs = timed(
                    lambda h=cum_holder, r=result, c=case, g=reg: h.append(cumulative(r, c, g)), args.runs
                )
                cum = cum_holder[-1]
                lines.append(
                    f"[{name}] cumulative {ref} ({len(result.municipalities)} municipalities, "
                    f"{len(cum.contributors)} counted cases): {stats(runs)}; cold {cold:.1f} ms"
                )
            for label, kw in (
                ("list status=granted", {"status": "granted"}),
                ("list municipality=GM0344", {"municipality": "GM0344"}),
            ):
                holder: list[Any] = []
                cold, runs = timed(lambda kw=kw, h=holder, g=reg: h.append(g.list(**kw)), args.runs)  # type: ignore[misc]
                lines.append(f"[{name}] {label} ({len(holder[-1])} rows): {stats(runs)}; cold {cold:.1f} ms")
            size = size_bytes(reg, paths[name])
            lines.append(f"[{name}] size on disk: {size / 2**20:.1f} MiB, {size / n / 1024:.1f} KB per case")
        load_after = os.getloadavg()
    print(
        f"# register benchmark {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    for line in lines:
        print(line)
    print(
        f"goals: cumulative < {GOALS['cumulative']:g} ms, add < {GOALS['add']:g} ms, < {GOALS['kb_per_case']:g} KB a case"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
