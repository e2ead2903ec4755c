"""Built-in national geodata: load time, a case anywhere in the country, ``ber demo`` as a process.

Run: .venv/bin/python bench/bench_national.py [--runs 7] [--no-write]

1. Load: ``ber.reference.national.read_national`` (SHA-256 check, sqlite3 read of
   342 rows, table built), median of ``--runs`` reads in a warm process; and the
   first decoding of the 342 polygons with their spatial index (done once, at the
   first site located).
2. A case anywhere: the demo case with its site moved to a point inside each of the
   342 municipalities (``point_on_surface`` of the built-in polygon) and the cut-off
   region (every municipality within 40 km), assessed with ``Context.default()``
   in one warm process; median, min and max over the 342 cases. Goal: < 20 ms.
3. Whole processes: ``python -m ber demo --out DIR`` (with PDF) and with ``--no-pdf``,
   and ``python -c "Context.default()"``: median of ``--runs`` fresh processes.
   Goal for ``ber demo``: < 3 s.

Set-up (not timed): the case objects are built before the timing loop. Prints the
load average before and after; writes bench/RESULTS-national.md.
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

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench_engine import timed  # noqa: E402  (run as bench/bench_national.py: bench/ is on sys.path)

from ber.case.demo import demo_case  # noqa: E402
from ber.case.model import Region, Site  # noqa: E402
from ber.engine.assess import Context, assess  # noqa: E402
from ber.reference.national import load_national, read_national  # noqa: E402

TARGETS_MS = {"case_anywhere": 20.0, "demo_process": 3000.0}


def _stats(values: list[float]) -> tuple[float, float, float]:
    return statistics.median(values), min(values), max(values)


def process_ms(argv: list[str], runs: int) -> list[float]:
    env = {**os.environ, "PYTHONPATH": str(REPO), "MPLBACKEND": "Agg"}
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        subprocess.run(argv, cwd=REPO, env=env, check=True, capture_output=True)
        out.append((time.perf_counter() - t0) * 1000.0)
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    load_before = os.getloadavg()
    rows: list[tuple[str, tuple[float, float, float], str]] = []

    # 1. load
    reads = timed(read_national, args.runs, warmup=0)
    rows.append(("load: checksum + read of 342 rows (warm process)", _stats(reads), "–"))
    fresh = read_national()
    t0 = time.perf_counter()
    fresh.locate(205_021, 379_119)
    first_locate = (time.perf_counter() - t0) * 1000.0
    rows.append(("first site located: 342 polygons decoded + index (once)", (first_locate,) * 3, "–"))  # type: ignore[arg-type]

    # 2. a case anywhere in the country
    import shapely

    national = load_national()
    polygons = national.boundaries_rd()
    base = demo_case()
    base = base.copy_with(
        region=Region(),
        capacity={},
        workforce=base.workforce.model_copy(update={"employer_beds": []}),
    )
    cases = []
    for code in national.table.codes:
        p = shapely.point_on_surface(polygons[code])
        cases.append(base.copy_with(sites=[Site(name=code, x=float(p.x), y=float(p.y), chosen=True)]))
    ctx = Context.default()
    assess(cases[0], ctx)  # warm-up
    per_case = []
    for case in cases:
        t0 = time.perf_counter()
        assess(case, ctx)
        per_case.append((time.perf_counter() - t0) * 1000.0)
    rows.append(
        (
            "a case anywhere: each of 342 municipalities as host, cut-off region",
            _stats(per_case),
            f"{TARGETS_MS['case_anywhere']:g} ms",
        )
    )

    # 3. whole processes
    py = sys.executable
    with tempfile.TemporaryDirectory() as tmp:
        demo = process_ms([py, "-m", "ber", "demo", "--out", tmp], args.runs)
        nopdf = process_ms([py, "-m", "ber", "demo", "--out", tmp, "--no-pdf"], args.runs)
    bare = process_ms([py, "-c", "import ber.engine.assess"], args.runs)
    ctx_proc = process_ms(
        [py, "-c", "from ber.engine.assess import Context; Context.default().locate(205021, 379119)"],
        args.runs,
    )
    rows.append(("`ber demo` whole process, with PDF", _stats(demo), f"{TARGETS_MS['demo_process']:g} ms"))
    rows.append(("`ber demo --no-pdf` whole process", _stats(nopdf), "–"))
    rows.append(("process: `import ber.engine.assess` only", _stats(bare), "–"))
    rows.append(("process: + `Context.default()` + first site located", _stats(ctx_proc), "–"))
    load_after = os.getloadavg()

    lines = [
        "# Built-in national geodata (issue 10)",
        "",
        f"Run {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())} on {platform.machine()}, "
        f"{os.cpu_count()} cores, Python {platform.python_version()}; load average "
        f"{load_before[0]:.1f} before, {load_after[0]:.1f} after (other work on the machine). "
        f"Processes and loads: {args.runs} runs each; cases: 342.",
        "",
        "| benchmark | median | min | max | target |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, (med, lo, hi), target in rows:
        lines.append(f"| {name} | {med:.1f} ms | {lo:.1f} ms | {hi:.1f} ms | {target} |")
    text = "\n".join(lines) + "\n"
    print(text)
    if not args.no_write:
        (REPO / "bench" / "RESULTS-national.md").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
