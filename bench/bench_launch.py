"""Launch speed as a user sees it: whole processes, from start to the result (issue 10).

- ``ber-desk``: from process start to the first window shown (offscreen Qt), timed by this
  script when the line the application prints right after the window's first event-loop
  turn arrives on its stdout (``--benchmark-startup``); the application then exits, which
  is not counted. Fresh user folder per run (no autosave offer, no remembered case).
- ``ber demo``: the whole process (start, assess the demo, write case, result and the PDF
  report, exit), into a fresh folder per run.
- ``ber --version``: the whole process.
- ``ber validate tests/golden/cases/employer_beds.ber``: the whole process (built-in
  national data set, no stored geodata import: the light path without numpy).

Each is run once to warm the file cache (not counted), then ``--runs`` times (default 7);
the median, minimum and maximum of the wall time are printed with the load average before
and after, and the median CPU time (user + system) of the whole child process, which a busy
machine inflates much less than the wall time.
By default the source checkout runs with this interpreter (``python main.py``,
``python -m ber``); ``--bundle DIR`` times the executables of a standalone folder made by
``tools/bundle`` instead.

    .venv/bin/python bench/bench_launch.py [--runs 7] [--bundle dist/ber-desk]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
#: goals in seconds (issue 10: window, demo; issue 16: version, validate)
GOALS_S = {"window": 1.5, "demo": 3.0, "version": 0.1, "validate": 0.2}


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["BER_DATA_DIR"] = tempfile.mkdtemp(prefix="ber-bench-")
    env["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="ber-mpl-")
    env["PYTHONPATH"] = str(REPO)
    env["PYTHONFAULTHANDLER"] = "1"  # a crash prints where it happened
    # bytecode caches as an installed package has them (this machine sets
    # PYTHONDONTWRITEBYTECODE, which makes every run compile every module from source)
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def _commands(bundle: Path | None) -> dict[str, list[str]]:
    if bundle is not None:
        return {"desk": [str(bundle / "ber-desk")], "ber": [str(bundle / "ber")]}
    return {"desk": [sys.executable, str(REPO / "main.py")], "ber": [sys.executable, "-m", "ber"]}


def _child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_window(cmd: dict[str, list[str]]) -> float:
    """Seconds from process start to the 'window shown' line on its stdout."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        [*cmd["desk"], "--benchmark-startup"],
        cwd=tempfile.gettempdir(),
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    shown = None
    for line in proc.stdout:
        if "window shown after" in line:
            shown = time.perf_counter() - start
            break
    _out, err = proc.communicate(timeout=60)
    if shown is None or proc.returncode != 0:
        raise RuntimeError(f"ber-desk did not report its window (exit {proc.returncode}):\n{err}")
    return shown


def time_process(args: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(args, cwd=tempfile.gettempdir(), env=_env(), capture_output=True, check=True, timeout=120)
    return time.perf_counter() - start


def time_demo(cmd: dict[str, list[str]]) -> float:
    out = Path(tempfile.mkdtemp(prefix="ber-bench-demo-"))
    seconds = time_process([*cmd["ber"], "demo", "--out", str(out)])
    if not (out / "demo.pdf").is_file():
        raise RuntimeError("ber demo wrote no PDF")
    return seconds


def time_version(cmd: dict[str, list[str]]) -> float:
    return time_process([*cmd["ber"], "--version"])


def time_validate(cmd: dict[str, list[str]]) -> float:
    return time_process(
        [*cmd["ber"], "validate", str(REPO / "tests" / "golden" / "cases" / "employer_beds.ber")]
    )


def measure(name: str, fn: Callable[[], float], runs: int) -> None:
    fn()  # warm the file cache
    load_before = os.getloadavg()[0]
    times, cpus = [], []
    for _ in range(runs):
        cpu = _child_cpu()
        times.append(fn())
        cpus.append(_child_cpu() - cpu)
    load_after = os.getloadavg()[0]
    median = statistics.median(times)
    goal = GOALS_S[name]
    verdict = f", goal {goal} s, ratio {median / goal:.2f}" if goal else ""
    print(
        f"{name}: median {median:.3f} s (min {min(times):.3f}, max {max(times):.3f}, {runs} runs){verdict};"
        f" CPU {statistics.median(cpus):.3f} s; load average {load_before:.1f} -> {load_after:.1f}",
        flush=True,
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument(
        "--bundle", type=Path, help="folder made by tools/bundle (default: the source checkout)"
    )
    parser.add_argument("--only", choices=sorted(GOALS_S), action="append", help="measure only these")
    args = parser.parse_args()
    cmd = _commands(args.bundle)
    print(f"{'bundle ' + str(args.bundle) if args.bundle else 'source checkout'}; Python {sys.version.split()[0]};"
          f" {os.cpu_count()} cores")  # fmt: skip
    chosen = args.only or ["window", "demo", "version", "validate"]
    fns = {
        "window": lambda: time_window(cmd),
        "demo": lambda: time_demo(cmd),
        "version": lambda: time_version(cmd),
        "validate": lambda: time_validate(cmd),
    }
    for name in chosen:
        measure(name, fns[name], args.runs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
