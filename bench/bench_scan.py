"""``ber scan``: every municipality as host at once, against one calculation per host.

Run: .venv/bin/python bench/bench_scan.py [--runs 15] [--no-write]

Set-up (not timed): the demo case (900 jobs, Noord-Limburg capacity figures) without
its region list, so every host gets its own cut-off region (40 km) as ``ber scan``
uses it; the 342 municipalities of the built-in national set as hosts, each at its
centroid; the national context loaded and warm.

1. ``ber.engine.scan.scan``: all 342 hosts, ranked rows built. Goal: < 100 ms. Wall and
   CPU time (``time.process_time``) of each in-process item: under load the CPU time is the
   steadier measure.
2. The per-site loop behind ``assess``'s ``sites`` and ``ber compare``
   (``ber.engine.assess.rank_sites``: prepare + compute + ranking key per host), with
   the same ranked output (checked equal: order, red, amber, grey).
3. One full ``assess()`` per host (342 calls, the central run; fewer runs).
4. The whole process ``python -m ber scan CASE --within NL --quiet``. Goal: < 3 s.

Prints the load average before and after and the host × municipality pairs computed;
writes bench/RESULTS-scan.md.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ber.case.demo import demo_case  # noqa: E402
from ber.case.model import Region, Site, save_case  # noqa: E402
from ber.engine.assess import Context, assess, rank_sites  # noqa: E402
from ber.engine.scan import host_regions, municipality_hosts, scan  # noqa: E402

TARGETS_MS = {"scan": 100.0, "process": 3000.0}


def timed_both(fn: Any, runs: int) -> tuple[list[float], list[float]]:
    """Wall and CPU milliseconds of ``runs`` calls after one warm-up call."""
    fn()
    wall, cpu = [], []
    for _ in range(runs):
        t0, c0 = time.perf_counter(), time.process_time()
        fn()
        wall.append((time.perf_counter() - t0) * 1000.0)
        cpu.append((time.process_time() - c0) * 1000.0)
    return wall, cpu


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()
    ctx = Context.default()
    case = demo_case("en")
    case = case.copy_with(region=Region(label=case.region.label))
    hosts = municipality_hosts(ctx, ctx.table.codes)
    _dist, own = host_regions(case, ctx, hosts, 40.0)
    pairs, in_region = own.size, int(own.sum())
    rows: list[tuple[str, tuple[float, float, float], str]] = []

    scans, scans_cpu = timed_both(lambda: scan(case, hosts, ctx), args.runs)
    rows.append(("scan: 342 hosts at once, ranked rows (`ber.engine.scan.scan`)", _stats(scans), "100 ms"))
    rows.append(("the same, CPU time of the process", _stats(scans_cpu), "100 ms"))

    sites_case = case.copy_with(sites=[Site(name=h.name, municipality=h.host) for h in hosts])
    loop_runs = max(3, args.runs // 5)
    loops, loops_cpu = timed_both(lambda: rank_sites(sites_case, ctx), loop_runs)
    rows.append(("per-site loop: `rank_sites`, one prepare + compute per host", _stats(loops), "–"))
    rows.append(("the same, CPU time", _stats(loops_cpu), "–"))
    fast, slow = scan(case, hosts, ctx).rows, rank_sites(sites_case, ctx)
    same = [(r.host_municipality, r.red, r.amber, r.grey) for r in fast] == [
        (s.host_municipality, s.red, s.amber, s.grey) for s in slow
    ]

    one_case = {h.host: case.copy_with(sites=[Site(name=h.name, municipality=h.host)]) for h in hosts}
    assess_runs = 3
    assessed, assessed_cpu = timed_both(lambda: [assess(c, ctx) for c in one_case.values()], assess_runs)
    rows.append(("per-host `assess()` loop: 342 central assessments", _stats(assessed), "–"))
    rows.append(("the same, CPU time", _stats(assessed_cpu), "–"))

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "demo.ber"
        save_case(case, path)
        env = {**os.environ, "PYTHONPATH": str(REPO)}
        argv = [sys.executable, "-m", "ber", "scan", str(path), "--within", "NL", "--quiet"]
        procs = []
        for _ in range(max(3, args.runs // 3)):
            t0 = time.perf_counter()
            subprocess.run(argv, cwd=REPO, env=env, check=True, capture_output=True)
            procs.append((time.perf_counter() - t0) * 1000.0)
    rows.append(("`ber scan CASE --within NL --quiet`, whole process", _stats(procs), "3000 ms"))
    load_after = os.getloadavg()

    med_scan, med_loop, med_assess = _stats(scans_cpu)[0], _stats(loops_cpu)[0], _stats(assessed_cpu)[0]
    lines = [
        "# Where does it fit best: `ber scan` (issue 18, item 6)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (other work on the machine). "
        f"Runs: scan {args.runs}, per-site loop {loop_runs}, assess loop {assess_runs}, processes {len(procs)}.",
        "",
        f"Hosts: 342 municipalities at their centroids; {pairs:,} host × municipality pairs, "
        f"{in_region:,} of them inside a host's own 40 km region. Same ranked output as the "
        f"per-site loop (order, red, amber, grey): **{'yes' if same else 'NO'}**.",
        "",
        "| benchmark | median | min | max | goal |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (med, lo, hi), goal in rows:
        lines.append(f"| {name} | {med:.1f} ms | {lo:.1f} ms | {hi:.1f} ms | {goal} |")
    lines += [
        "",
        f"Speed-up of the scan (CPU time, like for like): {med_loop / med_scan:.0f}× over the "
        f"per-site loop, {med_assess / med_scan:.0f}× over the `assess()` loop. Wall times at a "
        "load above the 2 cores are several times the CPU time: the process waits for a core.",
        "",
    ]
    text = "\n".join(lines)
    print(text)
    if not args.no_write:
        (REPO / "bench" / "RESULTS-scan.md").write_text(text, encoding="utf-8")
    return 0 if same else 1


if __name__ == "__main__":
    raise SystemExit(main())
