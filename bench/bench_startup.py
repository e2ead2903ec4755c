"""Start-up time of the desktop application: launch to window shown (median of 5).

Runs ``python main.py --benchmark-startup`` offscreen in a fresh subprocess (own temporary
user folder, so no autosave offer); the application exits as soon as its window is shown.
Prints, per run, the wall time of the whole process (interpreter start to exit) and the
time the application measured from its first import to the shown window.

    .venv/bin/python bench/bench_startup.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LIMIT_S = 2.5


def _run(command: list[str], env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    """Run ``command`` in the repository with ``env``; its output as text (fails on a non-zero exit)."""
    return subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=60, check=True)


def one_run() -> tuple[float, float]:
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = "offscreen"
    env["BER_DATA_DIR"] = tempfile.mkdtemp(prefix="ber-bench-")
    env["MPLCONFIGDIR"] = tempfile.mkdtemp(prefix="ber-mpl-")
    start = time.perf_counter()
    out = _run([sys.executable, str(REPO / "main.py"), "--benchmark-startup"], env)
    wall = time.perf_counter() - start
    match = re.search(r"window shown after ([0-9.]+) s", out.stdout)
    if match is None:
        raise RuntimeError(f"no start-up time in the output:\n{out.stdout}\n{out.stderr}")
    return wall, float(match.group(1))


def heavy_modules_loaded() -> list[str]:
    """Which heavy libraries are imported by the time the window shows (should be none)."""
    code = (
        "import os, sys; os.environ['QT_QPA_PLATFORM']='offscreen';"
        "from PySide6.QtWidgets import QApplication; app=QApplication([]);"
        "from gui.app import build_window; w=build_window('nl'); w.show();"
        "print(','.join(m for m in ('geopandas','matplotlib','reportlab','pandas') if m in sys.modules))"
    )
    env = dict(os.environ, BER_DATA_DIR=tempfile.mkdtemp(prefix="ber-bench-"))
    out = _run([sys.executable, "-c", code], env)
    return [m for m in out.stdout.strip().splitlines()[-1].split(",") if m] if out.stdout.strip() else []


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    one_run()  # warm the file cache (not counted)
    walls, shown = [], []
    for i in range(max(5, args.runs)):
        wall, inner = one_run()
        walls.append(wall)
        shown.append(inner)
        print(f"run {i + 1}: process {wall:.3f} s, window shown after {inner:.3f} s (in-process)")
    med_wall = statistics.median(walls)
    med_shown = statistics.median(shown)
    print(f"median process launch-to-exit: {med_wall:.3f} s")
    print(f"median window shown (in-process): {med_shown:.3f} s")
    print(f"ratio to the {LIMIT_S} s limit: {med_wall / LIMIT_S:.2f}")
    heavy = heavy_modules_loaded()
    print(f"heavy modules imported at start-up: {', '.join(heavy) if heavy else 'none'}")
    return 0 if med_wall <= LIMIT_S else 1


if __name__ == "__main__":
    sys.exit(main())
