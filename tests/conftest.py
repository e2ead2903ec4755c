"""Test configuration shared by all tests."""

from __future__ import annotations

import functools
import os
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

# Qt must run offscreen in tests; set before any QApplication exists.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="ber-mpl-"))
os.environ.setdefault("MPLBACKEND", "Agg")

import pytest

if TYPE_CHECKING:
    from ber.maplayer import MapLayer

#: variables through which a test could reach the user's world: the regional register,
#: a PostgreSQL server, the user's data folder. Cleared before any test module is
#: imported (some modules read the environment at import) and again around every test.
USER_WORLD_PREFIXES = ("PG",)
USER_WORLD_NAMES = ("BER_REGISTER_URL", "BER_DATA_DIR", "BER_LANG", "DATABASE_URL")


def _user_world_variables() -> list[str]:
    return [k for k in os.environ if k in USER_WORLD_NAMES or k.startswith(USER_WORLD_PREFIXES)]


for _name in _user_world_variables():
    del os.environ[_name]

REPO = Path(__file__).resolve().parent.parent


def _find_shared_reference() -> Path:
    """``$BER_SHARED_REFERENCE``, else the first ``shared/reference`` beside the repository or above.

    In CI the repository is cloned with ``shared/`` beside it (``../shared``); a git
    worktree may sit deeper (``/work/wt/NAME`` with ``/work/shared``).
    """
    env = os.environ.get("BER_SHARED_REFERENCE")
    if env:
        return Path(env)
    for folder in REPO.parents:
        candidate = folder / "shared" / "reference"
        if candidate.is_dir():
            return candidate
    return REPO.parent / "shared" / "reference"


SHARED_REFERENCE = _find_shared_reference()


@pytest.fixture(autouse=True)
def _user_data(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user data folder (autosaves, imported geodata, register,
    settings, logs) and no way to the user's register or a PostgreSQL server of theirs."""
    for name in _user_world_variables():
        monkeypatch.delenv(name)
    path = tmp_path_factory.mktemp("userdata")
    monkeypatch.setenv("BER_DATA_DIR", str(path))
    return path


@pytest.fixture(scope="session")
def shared_reference_dir() -> Path:
    """The raw national reference data (read in place, never copied); usable by module fixtures."""
    if not SHARED_REFERENCE.is_dir():
        pytest.fail(
            f"{SHARED_REFERENCE} is missing: the tests read the national files from there "
            "(set BER_SHARED_REFERENCE to the folder)"
        )
    return SHARED_REFERENCE


@pytest.fixture
def shared_reference(shared_reference_dir: Path) -> Path:
    """The national reference geodata in ../shared/reference (read in place, never copied)."""
    return shared_reference_dir


@functools.cache
def _national_layer(path: str) -> MapLayer:
    from ber.maplayer import load_geojson_layer

    return load_geojson_layer(path)


@pytest.fixture
def national_layer(shared_reference: Path) -> MapLayer:
    """The 342 municipalities of 2024, read in place from ../shared/reference (once per run)."""
    path = shared_reference / "gemeenten_2024.geojson"
    if not path.is_file():
        pytest.fail(f"{path} is missing")
    return _national_layer(str(path))
