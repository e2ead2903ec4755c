"""Kill tests: SIGKILL during writes never leaves a truncated or bad output (issue 15).

A child process writes in a loop (``ber assess --out --pdf``; case saves); the test
kills it with SIGKILL at a random moment, at least 20 times each. After every kill
each output is absent or complete (the JSON parses, the PDF is whole and carries
its case, the case loads), and after the next write to the folder no temporary
file of ours is left.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import load_case, save_case
from ber.io.atomic import atomic_write_bytes
from ber.io.paths import REPO_ROOT

KILLS = 20
pytestmark = [pytest.mark.slow, pytest.mark.skipif(os.name != "posix", reason="SIGKILL is POSIX")]

ASSESS_LOOP = """
import sys
from ber.cli import main
case, out, pdf = sys.argv[1:4]
print("ready", flush=True)
while True:
    main(["assess", case, "--out", out, "--pdf", pdf, "--quiet"])
"""

SAVE_LOOP = """
import sys
from ber.case.demo import demo_case
from ber.case.model import save_case
path = sys.argv[1]
case = demo_case()
print("ready", flush=True)
i = 0
while True:
    i += 1
    notes = f"save {i} " + "x" * (i % 5000)
    save_case(case.copy_with(meta=case.meta.model_copy(update={"notes": notes})), path)
"""


def _kill_after_ready(code: str, args: list[str], delay: float, env: dict[str, str]) -> None:
    with subprocess.Popen(
        [sys.executable, "-c", code, *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env=env,
        cwd=REPO_ROOT,
    ) as proc:
        try:
            assert proc.stdout is not None
            assert proc.stdout.readline().strip() == b"ready"
            time.sleep(delay)
        finally:
            proc.send_signal(signal.SIGKILL)
            proc.wait(timeout=30)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join(p for p in (str(REPO_ROOT), env.get("PYTHONPATH", "")) if p)
    return env


def _temporaries(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.startswith(".") and p.name.endswith(".tmp"))


def test_kill_during_assess_out_and_pdf(tmp_path: Path) -> None:
    from ber.io.pdf_attachment import extract_case_bytes

    case = tmp_path / "case.ber"
    save_case(demo_case(), case)
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    result, pdf = out_dir / "result.json", out_dir / "report.pdf"
    rng = random.Random(15)
    env = _env()
    left_behind = 0
    for _ in range(KILLS):
        _kill_after_ready(ASSESS_LOOP, [str(case), str(result), str(pdf)], rng.uniform(0.05, 3.0), env)
        if result.exists():
            assert json.loads(result.read_text("utf-8"))["schema"] == "ber-result/1"
        if pdf.exists():
            data = pdf.read_bytes()
            assert data.startswith(b"%PDF-") and b"%%EOF" in data[-64:]
            assert extract_case_bytes(pdf) == demo_case().canonical_json()
        # the next write to the folder removes what the killed writer left behind
        left_behind += bool(_temporaries(out_dir))
        atomic_write_bytes(out_dir / "next.json", b"{}")
        assert _temporaries(out_dir) == []
    assert result.exists() and pdf.exists()  # some runs completed
    print(f"kills that left a temporary behind: {left_behind} of {KILLS}")


def test_kill_during_case_save(tmp_path: Path) -> None:
    path = tmp_path / "case.ber"
    save_case(demo_case(), path)
    rng = random.Random(16)
    env = _env()
    left_behind = 0
    for _ in range(KILLS):
        _kill_after_ready(SAVE_LOOP, [str(path)], rng.uniform(0.0, 0.6), env)
        loaded = load_case(path)  # always a whole case: the old one or a new one
        assert loaded.business.name == demo_case().business.name
        left_behind += bool(_temporaries(tmp_path))
        save_case(loaded, path)  # the next write
        assert _temporaries(tmp_path) == []
    print(f"kills that left a temporary behind: {left_behind} of {KILLS}")
