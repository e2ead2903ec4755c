"""Where the application finds its shipped data and keeps per-user data.

The shipped data folders (``reference_data``, ``templates``, ``docs``) sit at the top of
the repository. An installed wheel (or a standalone bundle) carries them inside the
package as ``ber/_data/<folder>`` (mapped at build time, see setup.py); they are found
there with ``importlib.resources``, and in a source checkout or an editable install in
the repository itself.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path

#: The repository (source checkout); in an installed package this folder holds no data.
REPO_ROOT = Path(__file__).resolve().parents[2]


@functools.cache
def shipped_dir(name: str) -> Path:
    """The shipped data folder ``name``: inside the installed package, else in the repository.

    Cached: it cannot change while the process runs, and every text lookup of the
    catalogue asks for it (``importlib.resources`` took about 0.2 ms a call, half a
    second per redraw of the results).
    """
    packaged = resources.files("ber").joinpath("_data", name)
    if packaged.is_dir():
        # a wheel and a PyInstaller bundle unpack to real files, so this is a real folder
        return Path(str(packaged))
    return REPO_ROOT / name


def reference_dir() -> Path:
    """Folder of the shipped reference data (overridable with BER_REFERENCE_DIR)."""
    override = os.environ.get("BER_REFERENCE_DIR")
    return Path(override) if override else shipped_dir("reference_data")


def templates_dir() -> Path:
    """Folder of report templates and texts (overridable with BER_TEMPLATES_DIR)."""
    override = os.environ.get("BER_TEMPLATES_DIR")
    return Path(override) if override else shipped_dir("templates")


def docs_dir() -> Path:
    """Folder of the user documentation (Help > Handleiding)."""
    return shipped_dir("docs")


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


def geodata_store_path() -> Path:
    """The GeoPackage of the user's stored geodata import (``ber.geodata.store``); it
    may not exist. Here so that checking for it needs no geodata libraries."""
    return user_data_dir() / "geodata" / "gemeenten.gpkg"
