"""Tests never touch the user's world: the register named by BER_REGISTER_URL, a
PostgreSQL server named by PG* variables, the user's data folder or settings."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_user_world_variables_are_cleared() -> None:
    assert "BER_REGISTER_URL" not in os.environ
    assert not [k for k in os.environ if k.startswith("PG")]
    # the data folder is a temporary one made for this test
    assert "userdata" in os.environ["BER_DATA_DIR"]


def test_suite_leaves_a_register_named_in_the_environment_alone(tmp_path: Path) -> None:
    """Run the register tests as a developer would, with BER_REGISTER_URL pointing at a
    register file: afterwards that file is still empty (or was never made)."""
    register = tmp_path / "regional.sqlite"
    sqlite3.connect(register).close()  # an empty database, as a fresh regional register
    env = {k: v for k, v in os.environ.items() if k != "BER_DATA_DIR"}
    env["BER_REGISTER_URL"] = f"sqlite:///{register}"
    env["PGHOST"] = "192.0.2.1"  # TEST-NET-1: never a real server
    env["PYTHONPATH"] = str(REPO)
    tests = ["tests/core/test_register_cli.py", "tests/core/test_cli_cumulative.py"]
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider", *tests],
        cwd=REPO,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-2000:]
    with sqlite3.connect(register) as conn:
        tables = conn.execute("SELECT name FROM sqlite_master WHERE type='table'").fetchall()
    assert tables == [], f"the test run wrote into the register named in the environment: {tables}"
