"""Afweging benchmark (issue 18): what the liveability indicators, the benefits and the
afweging add to the central assessment of the demo.

Run: .venv/bin/python bench/bench_afweging.py [--runs 21]

Measures, in one process, (a) the whole central assessment of the demo (3 sites,
mitigations; goal 10 ms, as in ``bench_engine.py``) and (b) the afweging step alone
(``ber.engine.afweging.afweging_result`` on that assessment's parts), each as the median
of the runs with min and max, and prints the machine load. Details go in
``bench/RESULTS-afweging.md`` by hand.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.timing import ms_runs  # noqa: E402
from ber.case.demo import demo_case  # noqa: E402
from ber.engine.afweging import afweging_result  # noqa: E402
from ber.engine.assess import Context, assess  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=21)
    runs = max(5, parser.parse_args().runs)
    ctx = Context.default()
    case = demo_case()
    result = assess(case, ctx)  # warm-up
    central = ms_runs(lambda: assess(case, ctx), runs)

    def step() -> None:
        afweging_result(case, ctx.ref, ctx.table, result.municipalities, result.totals, result.verdict)

    part = ms_runs(step, runs)
    load = os.getloadavg()[0]
    for name, goal, times in (("central assessment", 10.0, central), ("afweging step alone", None, part)):
        med = statistics.median(times)
        ratio = f"{med / goal:.2f}" if goal else "-"
        print(
            f"{name}: median {med:.2f} ms (min {min(times):.2f}, max {max(times):.2f}); goal {goal or '-'} ms; ratio {ratio}"
        )
    print(f"load average (1 min): {load:.1f}; runs: {runs}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
