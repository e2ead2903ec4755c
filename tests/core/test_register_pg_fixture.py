"""The PostgreSQL fixture fails in CI and skips elsewhere when no server can be started."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
ONE_PG_TEST = "tests/core/test_register.py::test_duplicate_and_unknown_reference[postgresql]"


def _run(ci: bool, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "BER_TEST_PG_URL")}
    env["BER_PG_BINDIR"] = str(tmp_path / "no-postgres-here")
    if ci:
        env["CI"] = "true"
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", ONE_PG_TEST],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_unreachable_postgres_fails_in_ci_and_skips_elsewhere(tmp_path: Path) -> None:
    ci = _run(True, tmp_path)
    assert ci.returncode != 0, ci.stdout
    assert "PostgreSQL not available" in ci.stdout and "CI is set" in ci.stdout
    local = _run(False, tmp_path)
    assert local.returncode == 0, local.stdout
    assert "1 skipped" in local.stdout and "skipped outside CI" in local.stdout
