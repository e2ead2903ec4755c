"""The built-in national set as ``GeoData``, and which geodata is active.

The engine reads the built-in set through ``ber.reference.national`` (no
geopandas); the GUI's map and the region helpers need a ``GeoData`` with a
GeoDataFrame, built here once from the same file.
"""

from __future__ import annotations

import threading

from ber.geodata.columns import REGION_COLUMNS
from ber.geodata.model import GeoData
from ber.reference.national import load_national

_LOCK = threading.Lock()
_CACHE: dict[str, GeoData] = {}


def builtin_geodata() -> GeoData:
    """All municipalities of the built-in national data set (built once per process)."""
    national = load_national()
    key = national.info.checksum
    with _LOCK:
        cached = _CACHE.get(key)
        if cached is not None:
            return cached
        import geopandas as gpd

        table = national.table
        columns: dict[str, object] = {
            "name": list(table.names),
            "inhabitants": table.inhabitants,
            "households": table.households,
            "dwellings": table.dwellings,
        }
        for kind, (code_col, name_col) in REGION_COLUMNS.items():
            codes, names = national.region_columns[kind]
            columns[code_col], columns[name_col] = list(codes), list(names)
        polygons = national.boundaries_rd()
        frame = gpd.GeoDataFrame(
            columns,
            geometry=[polygons[c] for c in table.codes],
            crs="EPSG:28992",
            index=list(table.codes),
        )
        frame.index.name = "code"
        label = f"{national.info.name} ({national.path.name})"
        geo = GeoData(
            table=table,
            boundaries=frame,
            sources=[{"file": national.path.name, "role": "built-in", "features": len(table)}],
            fields={
                "inhabitants": f"{label}: aantal_inwoners (2024)",
                "households": f"{label}: huishoudens (2024)",
                "dwellings": f"{label}: woningvoorraad (2023)",
            },
            info=national.info,
        )
        _CACHE[key] = geo
        return geo


def active_geodata() -> GeoData:
    """The user's stored import when there is one (it takes precedence), else the built-in set."""
    from ber.geodata.store import load_stored

    return load_stored() or builtin_geodata()
