"""Screenshots of every step of BER-desk with the demo case, in a real X window under Xvfb.

Usage::

    .venv/bin/python tools/screenshots.py [--out screenshots] [--lang nl|en] [--offscreen]

Starts Xvfb itself (or uses ``xvfb-run`` semantics: an existing ``DISPLAY`` is used
when set), opens the demo, runs the Monte Carlo analysis, visits every step and saves
``01-business.png`` … ``07-report.png`` plus the dialogs. ``--offscreen`` renders
without X (Qt's offscreen platform) where Xvfb is not installed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))


def start_xvfb() -> subprocess.Popen[bytes] | None:
    if os.environ.get("DISPLAY") or not shutil.which("Xvfb"):
        return None
    for number in range(91, 120):
        if not Path(f"/tmp/.X{number}-lock").exists():
            break
    proc = subprocess.Popen(
        ["Xvfb", f":{number}", "-screen", "0", "1920x1200x24", "-nolisten", "tcp"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    os.environ["DISPLAY"] = f":{number}"
    for _ in range(50):
        if Path(f"/tmp/.X11-unix/X{number}").exists():
            break
        time.sleep(0.1)
    return proc


def wait(app: object, seconds: float, until: object = None) -> None:
    end = time.time() + seconds
    while time.time() < end:
        app.processEvents()  # type: ignore[attr-defined]
        if until is not None and until():  # type: ignore[operator]
            return
        time.sleep(0.02)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "screenshots")
    parser.add_argument("--lang", choices=("nl", "en"), default="nl")
    parser.add_argument("--offscreen", action="store_true")
    parser.add_argument("--size", default="1280x800", help="window size, e.g. 1366x768 or 1920x1080")
    parser.add_argument(
        "--geodata",
        type=Path,
        default=REPO.parent / "shared" / "reference",
        help="folder with CBS/PDOK boundaries to import first (national map); 'none' for the schematic map",
    )
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    # a fresh user folder: no autosave offers, no stored preferences from earlier runs
    os.environ.setdefault("BER_DATA_DIR", tempfile.mkdtemp(prefix="ber-shots-"))
    os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="ber-mpl-"))
    if str(args.geodata) != "none" and args.geodata.is_dir():
        from ber.geodata import import_geodata

        import_geodata([args.geodata])
    xvfb = None
    if args.offscreen:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    else:
        xvfb = start_xvfb()
        os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    try:
        from PySide6.QtWidgets import QApplication

        from gui.app import build_window
        from gui.main_window import STEPS

        app = QApplication.instance() or QApplication(sys.argv[:1])
        window = build_window(args.lang)
        width, height = (int(v) for v in args.size.lower().split("x"))
        window.resize(width, height)
        window.show()
        wait(
            app,
            15,
            lambda: (
                window.result is not None
                and window.page_map.view is not None
                and window.page_map.view.layer is not None
            ),
        )
        window.prefs.mc_draws = 1000
        window.run_monte_carlo()
        wait(app, 30, lambda: window.result is not None and window.result.uncertainty is not None)
        saved = []
        for i, step in enumerate(STEPS):
            window.steps.setCurrentRow(i)
            wait(app, 0.8)
            path = args.out / f"{i + 1:02d}-{step}.png"
            window.grab().save(str(path))
            saved.append(path)
            if step == "results":  # the lower half: measures and the chart
                area = window.stack.currentWidget()
                area = getattr(area, "page", area)  # a results page in its stale frame
                area.verticalScrollBar().setValue(area.verticalScrollBar().maximum())
                wait(app, 0.8)
                path = args.out / f"{i + 1:02d}b-{step}-chart.png"
                window.grab().save(str(path))
                saved.append(path)
                area.verticalScrollBar().setValue(0)
        from gui.dialogs import ReferenceDialog

        dialog = ReferenceDialog(window.ctx.ref, window)
        dialog.show()
        wait(app, 0.5)
        path = args.out / "08-reference.png"
        dialog.grab().save(str(path))
        saved.append(path)
        dialog.close()
        window.state.undo_stack.setClean()
        window.close()
        for p in saved:
            print(p)
        return 0
    finally:
        if xvfb is not None:
            xvfb.terminate()
            xvfb.wait(5)


if __name__ == "__main__":
    sys.exit(main())
