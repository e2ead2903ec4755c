"""Test configuration shared by all tests."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# Qt must run offscreen in tests; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="ber-mpl-"))
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED_REFERENCE = REPO.parent / "shared" / "reference"


@pytest.fixture(autouse=True)
def _user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder (autosaves, imported geodata, logs)."""
    path = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("BER_DATA_DIR", str(path))
    return path


@pytest.fixture
def shared_reference() -> Path:
    """The national reference geodata in ../shared/reference (read in place, never copied)."""
    if not SHARED_REFERENCE.is_dir():
        pytest.fail(f"{SHARED_REFERENCE} is missing: the tests read the national files from there")
    return SHARED_REFERENCE
