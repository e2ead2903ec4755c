"""Derive reference_data/neighbours_be_de.geojson: a coarse outline of Belgium and Germany near NL.

Source: Natural Earth, "Admin 0 - Countries" at 1:110m (public domain,
https://www.naturalearthdata.com/about/terms-of-use/), as shipped in the pyogrio
package's test fixtures (``pyogrio/tests/fixtures/naturalearth_lowres``), so it
needs no download. The report map draws it in light grey as foreign land under the
Dutch municipalities (which are drawn on top and so keep the exact CBS border).

Steps:
1. read the Natural Earth countries and keep Belgium and Germany (``name``);
2. reproject from EPSG:4326 to RD New (EPSG:28992);
3. buffer by BUFFER_M: at 1:110m the border can lie 10 km or more from the true
   one (south Limburg), which would leave a sea-coloured gap between the CBS
   border and the coarse outline; the buffer closes it, and the part that
   overlaps the Netherlands is hidden under the municipality polygons;
4. intersect with the land of the same Natural Earth layer (the union of LAND:
   the Netherlands, Belgium, Germany, France, Luxembourg, Denmark), so that the
   buffer does not spill into the North Sea; clip to BOX (RD metres, around NL);
5. simplify with a tolerance of SIMPLIFY_M and round coordinates to 10 m;
6. write GeoJSON (RD New coordinates, one feature per country, ``name`` and ``iso_a3``).

Run: ``python tools/derive_neighbours.py`` (from the repository root).
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pyogrio
import shapely
from pyproj import Transformer

BUFFER_M = 20_000.0
LAND = ("Netherlands", "Belgium", "Germany", "France", "Luxembourg", "Denmark")
BOX = (-60_000.0, 250_000.0, 360_000.0, 680_000.0)
SIMPLIFY_M = 500.0
OUT = Path(__file__).resolve().parent.parent / "reference_data" / "neighbours_be_de.geojson"
KEEP = ("Belgium", "Germany")


def main() -> None:
    src = (
        Path(pyogrio.__file__).parent
        / "tests"
        / "fixtures"
        / "naturalearth_lowres"
        / "naturalearth_lowres.shp"
    )
    df = pyogrio.read_dataframe(src)
    to_rd = Transformer.from_crs(4326, 28992, always_xy=True).transform

    def rd(geom: object) -> object:
        return shapely.transform(geom, lambda xy: np.column_stack(to_rd(xy[:, 0], xy[:, 1])))

    land = shapely.union_all([rd(g) for g in df[df["name"].isin(LAND)].geometry])
    box = shapely.box(*BOX).intersection(land)
    features = []
    for name in KEEP:
        row = df[df["name"] == name].iloc[0]
        geom = shapely.intersection(shapely.buffer(rd(row.geometry), BUFFER_M), box)
        geom = shapely.set_precision(geom.simplify(SIMPLIFY_M), 10.0)
        features.append(
            {
                "type": "Feature",
                "properties": {"name": name, "iso_a3": str(row["iso_a3"])},
                "geometry": shapely.geometry.mapping(geom),
            }
        )
    doc = {
        "type": "FeatureCollection",
        "name": "neighbours_be_de",
        "crs": {"type": "name", "properties": {"name": "urn:ogc:def:crs:EPSG::28992"}},
        "source": "Natural Earth 1:110m Admin 0 - Countries (public domain), via tools/derive_neighbours.py",
        "features": features,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"wrote {OUT} ({OUT.stat().st_size} bytes)")


if __name__ == "__main__":
    main()
