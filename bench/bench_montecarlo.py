"""Monte Carlo memory and time (issue 16): a Randstad case with 87 municipalities.

The case is the demo case moved to Woerden (RD 120000, 455000) with the default
40 km cut-off region: 87 municipalities of the built-in national set. Each run is a
fresh process (``assess(case, samples=N, seed=1)``, result kept) so that its peak
resident memory (``ru_maxrss`` of the child) is that run's alone.

Goal: 100,000 draws under 500 MB peak and without error.

Run: .venv/bin/python bench/bench_montecarlo.py [--samples 2000 10000 100000] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SITE = (120_000.0, 455_000.0)

CHILD = """
import json, sys, time
from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.case.model import Case
d = demo_case().to_dict()
x, y = float(sys.argv[2]), float(sys.argv[3])
d["sites"] = [{"name": "Woerden", "x": x, "y": y, "crs": "EPSG:28992", "chosen": True}]
d["region"] = {}
case = Case.model_validate(d)
ctx = Context.default()
t0 = time.perf_counter()
r = assess(case, ctx, samples=int(sys.argv[1]), seed=1)
sec = time.perf_counter() - t0
print(json.dumps({"seconds": sec, "municipalities": len(r.municipalities),
                  "p90_flex": r.uncertainty.totals.values["flex_beds"].p90}))
"""


def one(samples: int) -> tuple[float, float, dict[str, float]]:
    env = dict(os.environ, PYTHONPATH=str(REPO))
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(samples), str(SITE[0]), str(SITE[1])],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    peak_kb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    if peak_kb < before:  # ru_maxrss of children is the largest so far: run small sizes first
        peak_kb = before
    doc = json.loads(out.stdout.strip().splitlines()[-1])
    return doc["seconds"], peak_kb / 1024.0, doc


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--samples", type=int, nargs="+", default=[2000, 10_000, 100_000])
    ap.add_argument("--runs", type=int, default=3)
    a = ap.parse_args()
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f}, {os.cpu_count()} cores")
    print("draws | median s (min-max) | peak MB (max over runs) | municipalities")
    for n in sorted(a.samples):
        secs, peaks = [], []
        for _ in range(a.runs):
            t0 = time.perf_counter()
            s, mb, doc = one(n)
            secs.append(s)
            peaks.append(mb)
            del t0
        print(
            f"{n:>7,} | {statistics.median(secs):.2f} ({min(secs):.2f}-{max(secs):.2f}) | "
            f"{max(peaks):.0f} | {doc['municipalities']:.0f}"
        )
    print(f"load average after {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
