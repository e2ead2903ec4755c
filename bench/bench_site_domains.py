"""Site domains (issue 17 items 1-3): the demo assessed with every domain, with and without
site inputs (plot, floor area per site, postcode with the capacity map read, a declared
grid connection), central and with 2,000 Monte Carlo draws + sensitivity.

Run: .venv/bin/python bench/bench_site_domains.py [--runs 7]

Prints median (min-max) per benchmark, the goal and the ratio median / goal, and the load
average. The goals are those of the issue: central under 10 ms, 2,000 draws under 300 ms.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.timing import ms_runs  # noqa: E402
from ber.case.demo import demo_case  # noqa: E402
from ber.case.model import Case  # noqa: E402
from ber.engine.assess import Context, assess  # noqa: E402
from ber.io.capacity_map import apply_map, read_capacity_map  # noqa: E402

GOALS_MS = {"central": 10.0, "monte_carlo_2000": 300.0}
MAP = REPO / "tests" / "data" / "capaciteitskaart_small.json"


def with_site_inputs() -> Case:
    case = demo_case()
    postcodes = ["5928RA", "5804AA", "5961AA"]
    sites = [
        s.model_copy(update={"plot_area_ha": 20.0 + i, "postcode": postcodes[i]})
        for i, s in enumerate(case.sites)
    ]
    business = case.business.model_copy(update={"grid_capacity_kva": 4000.0})
    case = case.copy_with(sites=sites, business=business)
    return apply_map(case, read_capacity_map(MAP))[0]


def timed(fn: Callable[[], Any], runs: int) -> list[float]:
    return ms_runs(fn, runs, warmup=1)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    ctx = Context.default()
    cases = {"demo (no site inputs)": demo_case(), "demo with site inputs and map": with_site_inputs()}
    print(f"load average at start: {os.getloadavg()[0]:.1f}")
    for label, case in cases.items():
        for name, samples in (("central", 0), ("monte_carlo_2000", 2000)):
            runs = timed(lambda c=case, s=samples: assess(c, ctx, samples=s, seed=1), args.runs)
            med = statistics.median(runs)
            print(
                f"{label:32s} {name:17s} {med:8.1f} ms ({min(runs):.1f}-{max(runs):.1f}) "
                f"goal {GOALS_MS[name]:.0f} ms ratio {med / GOALS_MS[name]:.2f}"
            )
    print(f"load average at end: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
