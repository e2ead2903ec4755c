"""Geodata: import municipality boundaries and statistics, regions, sites, comparison.

Qt-free. Heavy libraries (geopandas, pyogrio, shapely, pandas) are imported inside
the functions that use them, so importing this package is cheap.

Typical use::

    geo = import_geodata(["/path/to/reference"])      # validate, store per user
    geo = load_geodata(None)                           # later: the stored import
    geo = active_geodata()                             # stored import, else the built-in set
    ctx = geo.context(load_reference())                # for ber.engine.assess.assess
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from ber.geodata.builtin import active_geodata, builtin_geodata
from ber.geodata.columns import ColumnMapping
from ber.geodata.compare import Ranking, compare_sites
from ber.geodata.importer import import_paths as _import_paths
from ber.geodata.model import GeoData
from ber.geodata.region import cutoff_region, region_from_codes, region_from_kind, with_region
from ber.geodata.sites import read_sites as _read_sites
from ber.geodata.sites import site_from_coordinates
from ber.geodata.store import (
    check_replacement,
    clear_store,
    load_stored,
    read_manifest,
    save_geodata,
    store_path,
)
from ber.io.guard import reading
from ber.texts.messages import Lang

if TYPE_CHECKING:
    from ber.case.model import Site
    from ber.engine.assess import Context

__all__ = [
    "ColumnMapping",
    "GeoData",
    "Ranking",
    "active_geodata",
    "builtin_geodata",
    "clear_store",
    "compare_sites",
    "context_for_cli",
    "cutoff_region",
    "import_geodata",
    "import_paths",
    "load_geodata",
    "read_manifest",
    "read_sites",
    "region_from_codes",
    "region_from_kind",
    "site_from_coordinates",
    "store_path",
    "with_region",
]


def import_paths(
    paths: Sequence[Path | str], mapping: ColumnMapping | None = None, layer: str | None = None
) -> GeoData:
    """Read and check geodata files; a reader's failure on a damaged file is a named problem."""
    with reading("geodata.unreadable", ", ".join(str(p) for p in paths)):
        return _import_paths(paths, mapping, layer)


def read_sites(path: Path | str, lang: Lang = "nl", mapping: ColumnMapping | None = None) -> list[Site]:
    """Sites from a file (see :func:`ber.geodata.sites.read_sites`); a damaged file is a named problem."""
    with reading("geodata.unreadable", path):
        return _read_sites(path, lang, mapping)


def import_geodata(
    paths: Sequence[Path | str],
    mapping: ColumnMapping | None = None,
    store: bool = True,
    layer: str | None = None,
    partial: bool = False,
) -> GeoData:
    """Import files/folders (all problems in one InputError); store them per user unless ``store=False``.

    ``layer`` names the boundary layer of a multi-layer file. Before storing, an import
    that has fewer municipalities than the current set (unless ``partial``), another
    CRS or missing statistics is refused and the current set is kept.
    """
    geo = import_paths(paths, mapping, layer)
    if store:
        check_replacement(geo, partial)
        save_geodata(geo, [str(Path(p).resolve()) for p in paths])
    return geo


def load_geodata(path: Path | str | None = None, mapping: ColumnMapping | None = None) -> GeoData | None:
    """Geodata from a file or folder (not stored), or with ``None`` the stored import (None if none)."""
    if path is None:
        return load_stored()
    return import_paths([path], mapping)


def context_for_cli(ctx: Context, path: str | None) -> Context:
    """The CLI's context: ``path`` imported for this run, else the stored import, else ``ctx``.

    ``ctx`` is normally ``Context.default()``: the built-in national data set.
    """
    geo = load_geodata(path)
    if geo is None:
        return ctx
    return geo.context(ctx.ref)
