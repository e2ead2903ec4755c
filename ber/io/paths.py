"""Where the application finds its shipped data and keeps per-user data."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[2]


def reference_dir() -> Path:
    """Folder of the shipped reference data (overridable with BER_REFERENCE_DIR)."""
    override = os.environ.get("BER_REFERENCE_DIR")
    return Path(override) if override else REPO_ROOT / "reference_data"


def templates_dir() -> Path:
    """Folder of report templates and texts (overridable with BER_TEMPLATES_DIR)."""
    override = os.environ.get("BER_TEMPLATES_DIR")
    return Path(override) if override else REPO_ROOT / "templates"


def user_data_dir() -> Path:
    """Per-user data folder (autosaves, imported geodata, register, logs).

    BER_DATA_DIR overrides it (tests use a temporary folder).
    """
    override = os.environ.get("BER_DATA_DIR")
    if override:
        path = Path(override)
    else:
        import platformdirs

        path = Path(platformdirs.user_data_dir("BER-desk", "BER-desk"))
    path.mkdir(parents=True, exist_ok=True)
    return path
