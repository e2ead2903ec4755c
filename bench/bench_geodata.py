"""Benchmark: import of the national geodata and a 50-site comparison over the whole country.

Run: .venv/bin/python bench/bench_geodata.py
Targets (issue 5): import of the national municipality files < 2 s; comparison of
50 candidate sites over all 342 municipalities < 2 s. Prints medians of 7 runs.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "reference"
RUNS = 7


def median_time(fn: Callable[[], object], runs: int = RUNS) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times), times


def cold_import(paths: list[str]) -> float:
    """Wall time of a fresh Python process that imports geodata (library imports included)."""
    code = (
        "import time; t=time.perf_counter(); from ber.geodata import import_geodata; "
        f"import_geodata({paths!r}, store=False); print(time.perf_counter()-t)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=REPO)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    os.environ["BER_DATA_DIR"] = tempfile.mkdtemp(prefix="ber-bench-")
    from ber.case.demo import demo_case
    from ber.case.model import Site
    from ber.engine.assess import assess
    from ber.geodata import compare_sites, import_geodata, load_geodata
    from ber.reference.data import load_reference

    folder = [str(SHARED)]
    default = [
        str(SHARED / "gemeenten_2024.geojson"),
        str(SHARED / "kerncijfers_gemeenten_2024.csv"),
        str(SHARED / "kerncijfers_gemeenten_2023.csv"),
    ]
    import_geodata(folder, store=False)  # warm the library imports
    rows = []
    m, _ = median_time(lambda: import_geodata(folder, store=False))
    rows.append(("import whole reference folder (10 files), warm", m))
    m, _ = median_time(lambda: import_geodata(default, store=False))
    rows.append(("import gemeenten + 2 kerncijfers CSV, warm", m))
    m, _ = median_time(lambda: import_geodata(folder, store=True))
    rows.append(("import folder + store GeoPackage, warm", m))
    m, _ = median_time(lambda: load_geodata(None))
    rows.append(("load the stored GeoPackage", m))
    cold = [cold_import(folder) for _ in range(5)]
    rows.append(("import folder in a fresh process (incl. library imports)", statistics.median(cold)))

    geo = import_geodata(folder, store=False)
    ctx = geo.context(load_reference())
    pts = geo.boundaries.geometry.representative_point()
    codes = list(geo.boundaries.index)[::6][:50]
    sites = [Site(name=c, x=pts[c].x, y=pts[c].y) for c in codes]
    case = demo_case()
    m, _ = median_time(lambda: compare_sites(case, sites, ctx, region="cutoff"))
    rows.append(("compare 50 sites, cut-off region around each (whole country)", m))
    m, _ = median_time(lambda: compare_sites(case, sites, ctx, region="case"))
    rows.append(("compare 50 sites, the case's region list", m))
    m, _ = median_time(lambda: assess(case, ctx))
    rows.append(("assess the demo case on national geodata (3 sites)", m))

    print(f"{'benchmark':<66} {'median':>10}")
    for name, value in rows:
        print(f"{name:<66} {value * 1000:>8.1f} ms")
    print(f"(median of {RUNS} runs; fresh-process import: median of 5; Python {sys.version.split()[0]})")


if __name__ == "__main__":
    main()
