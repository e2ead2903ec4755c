"""Benchmark of the permit conditions (issue 18 item 7) in a SQLite register.

What the conditions add to the cumulative assessment is one query on the conditions
joined to the cases, plus reading the case file of every counted case with employer
beds not delivered (``ber.register.conditions.employer_beds_adjustment``). Measured
here with N cases, every one granted, in the demo region (Noord-Limburg, 7
municipalities) and with one employer-beds condition each, half of them open, so
every open one reads the employer beds of a case file (the real demo case file, 5 kB).
N = 200 is already more than a real region has (a few dozen); N = 10,000 (every case of
the register benchmark with a condition in one region) is the worst case. Also:
listing the overdue conditions of the whole register (``ber register conditions --overdue``).

Goals (for N = 200; N = 10,000 is reported, without a goal): the adjustment < 50 ms (a
tenth of the cumulative goal of 500 ms); the overdue listing < 100 ms (the register's
listing goal) for both.

Run: .venv/bin/python bench/bench_conditions.py [--cases 200 10000]
Prints the median (min-max) of 7 runs and the machine load.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ber.case.demo import demo_case  # noqa: E402
from ber.register import Register  # noqa: E402
from ber.register.condition_schema import permit_condition  # noqa: E402
from ber.register.conditions import employer_beds_adjustment, list_conditions  # noqa: E402
from ber.register.schema import case_files, cases  # noqa: E402

RUNS = 7
REGION = ["GM0889", "GM0893", "GM0907", "GM0983", "GM0984", "GM1507", "GM1894"]


def fill(reg: Register, n: int) -> None:
    doc = demo_case().canonical_json().decode("utf-8")
    now = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    case_rows = [
        {
            "id": i + 1,
            "reference": f"B-{i:05d}",
            "title": "",
            "business_name": "",
            "sector": "distribution",
            "host_municipality": REGION[i % 7],
            "host_name": "",
            "status": "granted",
            "decided": dt.date(2026, 1, 1),
            "officer": "",
            "start_year": 2026,
            "last_year": 2035,
            "full_operation_year": 2028,
            "verdict_json": "{}",
            "reference_version": "",
            "app_version": "",
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "updated_by": "",
            "case_sha256": "x",
        }
        for i in range(n)
    ]
    conds = [
        {
            "case_id": i + 1,
            "kind": "employer_beds",
            "municipality": "GM0983",
            "beds": 100,
            "due_date": dt.date(2026, 6, 1) + dt.timedelta(days=i % 365),
            "status": "open" if i % 2 else "delivered",
            "note": "",
            "version": 1,
            "created_at": now,
            "updated_at": now,
            "updated_by": "",
        }
        for i in range(n)
    ]
    with reg.engine.begin() as conn:
        conn.execute(cases.insert(), case_rows)
        conn.execute(case_files.insert(), [{"case_id": i + 1, "case_json": doc} for i in range(n)])
        conn.execute(permit_condition.insert(), conds)


def timed(fn: Callable[[], Any]) -> tuple[float, float, float]:
    times = []
    for _ in range(RUNS):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), min(times), max(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, nargs="+", default=[200, 10_000])
    for n in parser.parse_args().cases:
        run(n)


def run(n: int) -> None:
    years = list(range(2027, 2037))
    with tempfile.TemporaryDirectory() as tmp, Register.open(f"sqlite:///{Path(tmp) / 'r.sqlite'}") as reg:
        fill(reg, n)
        adj = employer_beds_adjustment(reg, REGION, years, 2029, 0, True)
        # hand check: n/2 open conditions of 100 beds, each case declares 150 in Venlo -> 100 added each
        assert adj.count.added == 100 * (n // 2), adj.count.added
        load = os.getloadavg()[0]
        a = timed(lambda: employer_beds_adjustment(reg, REGION, years, 2029, 0, True))
        day = dt.date(2026, 12, 1)
        overdue = len(list_conditions(reg, status="overdue", today=day))
        b = timed(lambda: list_conditions(reg, status="overdue", today=day))
    goal = n <= 1000  # the goals are for a realistic region; the worst case is only reported
    print(f"load {load:.1f}; {n} cases, {n} employer-beds conditions ({n // 2} open)")
    print(
        f"employer-beds adjustment: {a[0]:.1f} ms ({a[1]:.1f}-{a[2]:.1f})"
        + (f", goal 50 ms, ratio {a[0] / 50:.2f}" if goal else "")
    )
    print(
        f"overdue listing ({overdue} rows): {b[0]:.1f} ms ({b[1]:.1f}-{b[2]:.1f}), goal 100 ms, ratio {b[0] / 100:.2f}"
    )


if __name__ == "__main__":
    main()
