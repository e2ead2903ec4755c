"""Geodata in the window: the built-in national context, and the import's layer chooser.

Kept apart from the main window: ``builtin_context`` gives the calculation the
built-in national set at start-up (falling back to the seven-row demo table,
with the reason logged, when the built-in file is damaged); ``ask_import_paths``
asks for files or a folder and, for a file with several layers, which layer holds
the municipal boundaries.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QInputDialog, QWidget

from ber.engine.assess import Context
from ber.texts.messages import InputError, Problem
from gui.texts import tr

LOG = logging.getLogger(__name__)
FILE_FILTER = "Geodata (*.gpkg *.geojson *.json *.shp *.zip *.csv)"
#: why the built-in set could not be used at start-up (shown in the status bar)
STARTUP_PROBLEMS: list[Problem] = []


def builtin_context(ref: Any) -> Context:
    """The built-in national set; the demo table when the built-in file is damaged."""
    from ber.reference.national import load_national

    try:
        national = load_national()
    except InputError as err:
        LOG.error("built-in geodata unusable: %s", err)
        STARTUP_PROBLEMS[:] = err.problems
        return Context(ref=ref, table=ref.municipalities)
    return Context(ref=ref, table=national.table, locate=national.locate, geo=national)


def startup_problem(lang: str) -> str:
    """The reason the built-in set is not in use, or "" (for the status bar)."""
    return STARTUP_PROBLEMS[0].text("en" if lang == "en" else "nl") if STARTUP_PROBLEMS else ""


def choose_layer(parent: QWidget, path: Path) -> tuple[bool, str | None]:
    """(go on, layer) for a file: asks which layer when the file has several."""
    from ber.geodata.layers import list_layers

    try:
        names, default = list_layers(path)
    except InputError:
        return True, None  # the import itself reports what is wrong with the file
    if len(names) <= 1:
        return True, None
    current = names.index(default) if default in names else 0
    layer, ok = QInputDialog.getItem(
        parent,
        tr("geodata.layer_title"),
        tr("geodata.layer_prompt", file=path.name),
        names,
        current,
        False,
    )
    return bool(ok), str(layer) if ok else None


def ask_import_paths(parent: QWidget) -> tuple[list[Path], str | None] | None:
    """Files (or, when none is chosen, a folder) to import and the chosen layer; None = cancelled."""
    files, _ = QFileDialog.getOpenFileNames(
        parent, tr("action.import_geodata"), str(Path.home()), FILE_FILTER
    )
    if not files:
        folder = QFileDialog.getExistingDirectory(parent, tr("action.import_geodata"), str(Path.home()))
        return ([Path(folder)], None) if folder else None
    paths = [Path(f) for f in files]
    layer = None
    for path in paths:
        if path.suffix.lower() in (".gpkg", ".zip"):
            ok, chosen = choose_layer(parent, path)
            if not ok:
                return None
            layer = chosen or layer
    return paths, layer
