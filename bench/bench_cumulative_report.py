"""Benchmark: the cumulative report's counted cases (``cumulative_with_cases``) on a large register.

The register is filled as ``bench/bench_register.py`` fills it (the demo business moved to
a random municipality, its default 40 km region, start 2020-2032, 40 % granted, 30 % in
procedure, 20 % refused, 10 % withdrawn, added through ``Register.add``), SQLite
(``--register PATH`` keeps the filled file and reuses it on the next run) or a
throwaway PostgreSQL cluster (``--postgresql``, ``tests/pgserver.py``).

Measured for the Randstad case of ``bench_register`` (Utrecht, start 2027, default region):
``cumulative()`` and ``cumulative_with_cases()`` (one cold run, then ``--runs`` runs: median,
min, max) and the size of the embedded ``register-cases.json``. Goal: within 2x of
``cumulative()`` and the JSON under 5 MB. The load average is printed before and after.

Run: .venv/bin/python bench/bench_cumulative_report.py [--cases 2500] [--register /tmp/r.sqlite]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_register import _case, drawn_cases, register_setup, stats, timed  # noqa: E402
from ber.engine.assess import Context, assess  # noqa: E402
from ber.engine.cumulative_replay import parse_counted, replay  # noqa: E402
from ber.register import Register, cumulative, cumulative_with_cases  # noqa: E402

GOALS = {"ratio": 2.0, "json_mb": 5.0}


def fill(reg: Register, n: int, base: Any, codes: list[str], points: dict[str, Any]) -> float:
    """``n`` cases as ``bench_register`` adds them (same seed, same draws); seconds taken."""
    ctx = Context.default()
    rng = np.random.default_rng(2026)
    t0 = time.perf_counter()
    for i, (case, status) in enumerate(drawn_cases(rng, n, base, codes, points)):
        reg.add(case, assess(case, ctx), status=status, officer="Bench")
        if (i + 1) % 500 == 0:
            print(f"  {i + 1} cases filled, {time.perf_counter() - t0:.0f} s", file=sys.stderr)
    with reg.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return time.perf_counter() - t0


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2500)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--register", type=Path, default=None, help="SQLite file to fill once and reuse")
    ap.add_argument("--postgresql", action="store_true", help="a throwaway PostgreSQL cluster instead")
    args = ap.parse_args()
    load_before = os.getloadavg()
    codes, points, base = register_setup()
    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        path = args.register or Path(tmp) / "register.sqlite"
        fresh = args.postgresql or not path.exists()
        url = f"sqlite:///{path}"
        if args.postgresql:
            from tests.pgserver import TempPostgres

            url = stack.enter_context(TempPostgres("ber_bench")).url
        backend = "PostgreSQL" if args.postgresql else "SQLite"
        lines = []
        with Register.open(url) as reg:
            if fresh:
                lines.append(
                    f"filled {args.cases} cases in {fill(reg, args.cases, base, codes, points):.0f} s"
                )
            n = len(reg.list())
            case = _case(base, "NEW-UTRECHT", "GM0344", points["GM0344"], 800.0, 2027, "distribution")
            result = assess(case, Context.default())
            plain: list[Any] = []
            cold_c, runs_c = timed(lambda: plain.append(cumulative(result, case, reg)), args.runs)
            full: list[Any] = []
            cold_w, runs_w = timed(lambda: full.append(cumulative_with_cases(result, case, reg)), args.runs)
            counted = full[-1].counted
            size = len(counted.to_json())
            t0 = time.perf_counter()
            counted.to_json()
            to_json_ms = (time.perf_counter() - t0) * 1000
            ratio = statistics.median(runs_w) / statistics.median(runs_c)
            # the other side: ber assess REPORT.pdf reads the document and recomputes
            data = counted.to_json()
            again: list[Any] = []
            cold_r, runs_r = timed(
                lambda: again.append(replay(result, case, parse_counted(data, "bench"))), args.runs
            )
            same = [(s.other, s.pressure_with, s.status_with) for s in again[-1].series] == [
                (s.other, s.pressure_with, s.status_with) for s in full[-1].series
            ]
            lines += [
                f"register of {n} cases ({backend}); Utrecht case: {len(result.municipalities)} municipalities, "
                f"{len(plain[-1].contributors)} counted cases",
                f"cumulative(): {stats(runs_c)}; cold {cold_c:.1f} ms",
                f"cumulative_with_cases(): {stats(runs_w)}; cold {cold_w:.1f} ms; ratio {ratio:.2f}",
                f"reading it back and recomputing (parse_counted + replay): {stats(runs_r)}; cold "
                f"{cold_r:.1f} ms; figures equal to the report's: {same}",
                f"register-cases.json: {size / 1e6:.2f} MB ({size / max(len(counted.cases), 1) / 1e3:.1f} KB "
                f"per counted case); writing it {to_json_ms:.0f} ms",
            ]
    load_after = os.getloadavg()
    print(
        f"# cumulative report benchmark {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    for line in lines:
        print(line)
    print(f"goals: within {GOALS['ratio']:g}x of cumulative(), register-cases.json < {GOALS['json_mb']:g} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
