"""Foreign land on the report map: a coarse outline of Belgium and Germany (Natural Earth).

``reference_data/neighbours_be_de.geojson`` is derived by ``tools/derive_neighbours.py``
from Natural Earth 1:110m Admin 0 - Countries (public domain), in RD New metres. It
is drawn in a neutral grey under the Dutch municipalities, so Belgium and Germany
read as land and the sea keeps its blue; the municipality polygons drawn over it
keep the exact CBS border.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from ber.io.paths import reference_dir

FILE = "neighbours_be_de.geojson"
FILL = "#d9d8d3"  # neutral light grey: land, distinct from the sea (#eef3f7) and NL outside the region
EDGE = "#b5b3ac"


@lru_cache(maxsize=4)
def _load(path: str) -> tuple[Any, ...]:
    import shapely

    doc = json.loads(Path(path).read_text(encoding="utf-8"))
    return tuple(shapely.geometry.shape(f["geometry"]) for f in doc["features"])


def foreign_land(folder: Path | None = None) -> list[Any]:
    """The neighbouring countries' polygons (RD metres); empty when the file is absent."""
    path = (folder or reference_dir()) / FILE
    if not path.is_file():
        return []
    return list(_load(str(path)))


def foreign_in_view(view: Any, folder: Path | None = None) -> list[Any]:
    """The parts of the neighbouring countries that fall in ``view`` (a shapely box)."""
    out = []
    for geom in foreign_land(folder):
        clipped = geom.intersection(view)
        if not clipped.is_empty:
            out.append(clipped)
    return out
