"""Derive the built-in national geodata set from the raw CBS/PDOK reference files.

Usage::

    python tools/derive_national_data.py [--source DIR] [--out FILE] [--update-manifest VERSION]

``--source`` is the folder with the raw files (default: the first ``shared/reference``
found beside or above the repository, or ``$BER_SHARED_REFERENCE``). ``--out``
defaults to ``reference_data/nl_gemeenten_2024.gpkg``. ``--update-manifest``
also records the file's version and SHA-256 in ``reference_data/manifest.json``
(section ``datasets``), after a deliberate change of the data.

Inputs (described in ``shared/reference/README.md``; all CBS, distributed by PDOK,
credited as "Bron: CBS, PDOK", CC BY 4.0):

- ``gemeenten_2024.geojson``: CBS generalised municipal boundaries 2024
  ("gemeente_gegeneraliseerd", 342 gemeenten), WGS84, with region membership.
- ``gemeente_regio_indeling_2024.csv``: gemeente -> provincie, arbeidsmarktregio,
  COROP (codes and names).
- ``kerncijfers_gemeenten_2024.csv``: inhabitants, households and household size 2024.
- ``kerncijfers_gemeenten_2023.csv``: housing stock (woningvoorraad) 2023; the 2024
  release has no housing stock.
- ``gemeenten_2024_indicatoren.csv``: the combined table, used only as a cross-check.
- ``provincies_2024.geojson``, ``arbeidsmarktregios_2024.geojson``,
  ``coropgebieden_2024.geojson``: used only to cross-check region membership.

Output: one GeoPackage in EPSG:28992 (RD New) with

- layer ``gemeenten`` (MultiPolygon): ``gemeentecode``, ``gemeentenaam``,
  ``aantal_inwoners``, ``huishoudens``, ``gem_huishouden_grootte``, ``woningvoorraad``,
  ``x``, ``y`` (centroid, whole metres), ``provinciecode``/``provincienaam``,
  ``arbeidsmarktregiocode``/``arbeidsmarktregionaam``, ``coropcode``/``coropnaam``;
- layers ``provincies``, ``arbeidsmarktregios``, ``coropgebieden`` (MultiPolygon):
  ``code``, ``naam``, ``aantal_gemeenten``: outlines dissolved from the gemeenten;
- table ``metadata`` (``key``, ``value``): attribution, licence, data years, the
  SHA-256 of every input file, the method.

The derivation is deterministic: same inputs, same content (the GeoPackage
timestamp is pinned with GDAL's ``OGR_CURRENT_DATE``). The test
``tests/core/test_national_data.py`` re-runs it and compares the content with the
shipped file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import sys
from pathlib import Path
from typing import Any

# PROJ must not fetch transformation grids from the network: the result would
# then depend on the machine. The default EPSG:4326 -> EPSG:28992 transformation
# (Amersfoort / RD New, no grid) is used everywhere.
os.environ["PROJ_NETWORK"] = "OFF"
# Pin the GeoPackage "last_change" timestamps so two runs write the same file.
os.environ["OGR_CURRENT_DATE"] = "2024-01-01T00:00:00.000Z"

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

NAME = "nl_gemeenten_2024.gpkg"
DATA_YEAR = 2024
ATTRIBUTION = "Bron: CBS, PDOK (CC BY 4.0)"
EXPECTED = {"gemeenten": 342, "provincies": 12, "arbeidsmarktregios": 35, "coropgebieden": 40}
#: region layers: output layer -> (kind used in code/name columns, raw cross-check file)
REGION_LAYERS = {
    "provincies": ("provincie", "provincies_2024.geojson"),
    "arbeidsmarktregios": ("arbeidsmarktregio", "arbeidsmarktregios_2024.geojson"),
    "coropgebieden": ("corop", "coropgebieden_2024.geojson"),
}
INPUTS = (
    "gemeenten_2024.geojson",
    "gemeente_regio_indeling_2024.csv",
    "kerncijfers_gemeenten_2024.csv",
    "kerncijfers_gemeenten_2023.csv",
    "gemeenten_2024_indicatoren.csv",
    "provincies_2024.geojson",
    "arbeidsmarktregios_2024.geojson",
    "coropgebieden_2024.geojson",
)
GRID_M = 1.0  # coordinates rounded to whole metres


def find_shared_reference(start: Path | None = None) -> Path | None:
    """``$BER_SHARED_REFERENCE``, else the first ``shared/reference`` in this folder or above."""
    env = os.environ.get("BER_SHARED_REFERENCE")
    if env:
        return Path(env)
    here = (start or REPO).resolve()
    for folder in (here, *here.parents):
        candidate = folder / "shared" / "reference"
        if candidate.is_dir():
            return candidate
    return None


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _fail(message: str) -> None:
    raise SystemExit(f"derive_national_data: {message}")


def read_inputs(source: Path) -> dict[str, Any]:
    """Step 1: read the raw files and check their shape (counts, unique codes, CRS)."""
    import geopandas as gpd
    import pandas as pd

    for name in INPUTS:
        if not (source / name).is_file():
            _fail(f"{source / name} is missing")
    gem = gpd.read_file(source / "gemeenten_2024.geojson")
    if gem.crs is None or gem.crs.to_epsg() != 4326:
        _fail(f"gemeenten_2024.geojson: expected WGS84 (EPSG:4326/CRS84), got {gem.crs}")
    codes = gem["gemeentecode"].astype(str)
    if len(gem) != EXPECTED["gemeenten"] or codes.duplicated().any():
        _fail(f"gemeenten_2024.geojson: expected {EXPECTED['gemeenten']} unique codes, got {len(gem)}")

    def table(name: str) -> Any:
        frame = pd.read_csv(source / name, dtype={"gemeentecode": str}, encoding="utf-8")
        if frame["gemeentecode"].duplicated().any():
            _fail(f"{name}: duplicate gemeentecode")
        return frame.set_index("gemeentecode")

    return {
        "gemeenten": gem,
        "regio": table("gemeente_regio_indeling_2024.csv"),
        "kc2024": table("kerncijfers_gemeenten_2024.csv"),
        "kc2023": table("kerncijfers_gemeenten_2023.csv"),
        "indicatoren": table("gemeenten_2024_indicatoren.csv"),
        "regions": {layer: gpd.read_file(source / raw) for layer, (_k, raw) in REGION_LAYERS.items()},
    }


def municipalities(raw: dict[str, Any]) -> Any:
    """Steps 2-5: reproject, centroids, 1 m boundaries, statistics and region membership."""
    import geopandas as gpd
    import numpy as np
    import shapely

    gem = raw["gemeenten"].sort_values("gemeentecode").reset_index(drop=True)
    codes = gem["gemeentecode"].astype(str).tolist()

    # Step 2: reproject to RD New (EPSG:28992), metres.
    rd = gem.to_crs(28992)

    # Step 3: centroids of the unrounded RD polygons, rounded to whole metres. These
    # are the same as the built-in Noord-Limburg table (municipalities_noord_limburg.csv)
    # so the demo's distances, and hence its numbers, do not change.
    cent = rd.geometry.centroid
    xs = np.round(cent.x.to_numpy()).astype(np.int64)
    ys = np.round(cent.y.to_numpy()).astype(np.int64)

    # Step 4: boundaries on a 1 m grid. The CBS generalised version is already simple
    # enough (about 1 MB in total), so nothing is simplified further. shapely's
    # set_precision snaps every vertex to the grid and repairs what the snapping
    # collapses, so the result is valid; neighbours share their (identical) source
    # vertices, so shared edges stay shared after rounding.
    geoms = shapely.set_precision(rd.geometry.to_numpy(), GRID_M)
    geoms = np.array([_as_multipolygon(g) for g in geoms], dtype=object)
    for code, before, after in zip(codes, rd.geometry.to_numpy(), geoms, strict=True):
        if not shapely.is_valid(after) or after.is_empty:
            _fail(f"{code}: boundary invalid or empty after rounding to {GRID_M} m")
        if abs(after.area - before.area) > 1e-3 * before.area:
            _fail(f"{code}: area changed by more than 0.1 % when rounding")

    # Step 5: statistics. Inhabitants, households and household size from the 2024 key
    # figures; housing stock from 2023 (not in the 2024 release). Every value must be
    # present and agree with the combined table gemeenten_2024_indicatoren.csv.
    kc24, kc23, ind, regio = raw["kc2024"], raw["kc2023"], raw["indicatoren"], raw["regio"]
    for name, frame in (("kerncijfers 2024", kc24), ("kerncijfers 2023", kc23), ("regio-indeling", regio)):
        if sorted(frame.index) != codes:
            _fail(f"{name}: codes differ from gemeenten_2024.geojson")
    columns = {
        "aantal_inwoners": (kc24, "aantal_inwoners", "aantal_inwoners_2024"),
        "huishoudens": (kc24, "huishoudens", "huishoudens_2024"),
        "gem_huishouden_grootte": (kc24, "gem_huishouden_grootte", "gem_huishouden_grootte_2024"),
        "woningvoorraad": (kc23, "woningvoorraad", "woningvoorraad_2023"),
    }
    stats: dict[str, Any] = {}
    for out, (frame, col, check) in columns.items():
        values = frame.loc[codes, col]
        if values.isna().any():
            _fail(f"{col}: empty for {', '.join(values[values.isna()].index[:5])}")
        if not np.allclose(values.to_numpy(float), ind.loc[codes, check].to_numpy(float)):
            _fail(f"{col}: differs from gemeenten_2024_indicatoren.csv column {check}")
        stats[out] = values.to_numpy(float if out == "gem_huishouden_grootte" else np.int64)

    # Region membership from the indeling CSV; it must agree with the geojson columns.
    region_cols = [
        "provinciecode",
        "provincienaam",
        "arbeidsmarktregiocode",
        "arbeidsmarktregionaam",
        "coropcode",
        "coropnaam",
    ]
    by_code = gem.set_index("gemeentecode")
    for col in region_cols:
        if (regio.loc[codes, col].astype(str) != by_code.loc[codes, col].astype(str)).any():
            _fail(f"{col}: gemeente_regio_indeling_2024.csv disagrees with gemeenten_2024.geojson")

    data = {
        "gemeentecode": codes,
        "gemeentenaam": gem["gemeentenaam"].astype(str).tolist(),
        **stats,
        "x": xs,
        "y": ys,
        **{col: regio.loc[codes, col].astype(str).tolist() for col in region_cols},
    }
    return gpd.GeoDataFrame(data, geometry=list(geoms), crs="EPSG:28992")


def _as_multipolygon(geom: Any) -> Any:
    from shapely.geometry import MultiPolygon, Polygon

    if isinstance(geom, Polygon):
        return MultiPolygon([geom])
    if isinstance(geom, MultiPolygon):
        return geom
    parts = [g for g in getattr(geom, "geoms", []) if isinstance(g, Polygon)]
    if not parts:
        _fail(f"unexpected geometry type {geom.geom_type}")
    return MultiPolygon(parts)


def region_outlines(gem: Any, raw: dict[str, Any]) -> dict[str, Any]:
    """Step 6: region outlines dissolved from the rounded gemeenten (so they line up exactly).

    Members must equal the raw region layers' ``gemeentecodes``; holes under 1 m²
    (slivers between neighbours) are dropped, real holes (enclaves, excluded
    inland waters) are kept.
    """
    import geopandas as gpd
    import shapely
    from shapely.geometry import MultiPolygon, Polygon

    out = {}
    for layer, (kind, raw_name) in REGION_LAYERS.items():
        code_col, name_col = f"{kind}code", f"{kind}naam"
        ref = raw["regions"][layer].set_index(code_col)
        rows = []
        for code, part in gem.groupby(code_col, sort=True):
            members = sorted(part["gemeentecode"])
            if code not in ref.index or sorted(str(ref.loc[code, "gemeentecodes"]).split(";")) != members:
                _fail(f"{layer}: members of {code} differ from {raw_name}")
            union = shapely.set_precision(shapely.union_all(part.geometry.to_numpy()), GRID_M)
            polys = [union] if isinstance(union, Polygon) else list(union.geoms)
            cleaned = [
                Polygon(p.exterior, [h for h in p.interiors if Polygon(h).area >= 1.0])
                for p in polys
                if isinstance(p, Polygon)
            ]
            rows.append(
                {
                    "code": str(code),
                    "naam": str(part[name_col].iloc[0]),
                    "aantal_gemeenten": len(members),
                    "geometry": MultiPolygon(cleaned),
                }
            )
        frame = gpd.GeoDataFrame(rows, geometry="geometry", crs="EPSG:28992")
        if len(frame) != EXPECTED[layer]:
            _fail(f"{layer}: expected {EXPECTED[layer]} regions, got {len(frame)}")
        out[layer] = frame
    return out


def metadata(source: Path) -> list[tuple[str, str]]:
    """Step 7: what the data set is, where it comes from and how it was made."""
    rows = [
        ("name", "BER-desk national geodata (gemeenten 2024)"),
        ("data_year", str(DATA_YEAR)),
        ("attribution", ATTRIBUTION),
        ("licence", "CC BY 4.0"),
        ("publisher", "CBS (Centraal Bureau voor de Statistiek), distributed by PDOK"),
        ("crs", "EPSG:28992"),
        ("boundaries", "CBS Gebiedsindelingen 2024, gemeente_gegeneraliseerd; rounded to 1 m"),
        ("year.boundaries", "2024"),
        ("year.aantal_inwoners", "2024"),
        ("year.huishoudens", "2024"),
        ("year.gem_huishouden_grootte", "2024"),
        ("year.woningvoorraad", "2023"),
        ("year.regions", "2024"),
        ("centroids", "x, y: centroid of the unrounded RD New polygon, rounded to whole metres"),
        ("derived_by", "tools/derive_national_data.py"),
    ]
    rows += [(f"input.{name}.sha256", sha256_of(source / name)) for name in INPUTS]
    return rows


def write_gpkg(path: Path, gem: Any, regions: dict[str, Any], meta: list[tuple[str, str]]) -> None:
    """Step 8: write all layers to a new GeoPackage (replacing ``path`` atomically)."""
    import pandas as pd
    import pyogrio

    tmp = path.with_name(f".{path.stem}.{os.getpid()}.tmp.gpkg")
    if tmp.exists():
        tmp.unlink()
    try:
        # No R-tree index: the application builds its own index in memory, and the
        # file is a third smaller without it.
        options: dict[str, Any] = {"promote_to_multi": True, "layer_options": {"SPATIAL_INDEX": "NO"}}
        dataset_meta = {k: v for k, v in meta if not k.startswith("input.")}
        pyogrio.write_dataframe(gem, tmp, layer="gemeenten", driver="GPKG", metadata=dataset_meta, **options)
        for layer, frame in regions.items():
            pyogrio.write_dataframe(frame, tmp, layer=layer, driver="GPKG", **options)
        table = pd.DataFrame(meta, columns=["key", "value"])
        pyogrio.write_dataframe(table, tmp, layer="metadata", driver="GPKG")
        os.replace(tmp, path)
    finally:
        if tmp.exists():
            tmp.unlink()


def derive(source: Path, out: Path) -> str:
    """Run every step; returns the SHA-256 of the written file."""
    raw = read_inputs(source)
    gem = municipalities(raw)
    regions = region_outlines(gem, raw)
    write_gpkg(out, gem, regions, metadata(source))
    return sha256_of(out)


def update_manifest(folder: Path, version: str, checksum: str) -> None:
    """Record the data set in manifest.json (section ``datasets``), keeping the rest."""
    path = folder / "manifest.json"
    doc = json.loads(path.read_text(encoding="utf-8"))
    datasets = doc.setdefault("datasets", {})
    datasets["national_geodata"] = {
        "file": NAME,
        "name": "CBS gemeenten 2024",
        "version": version,
        "year": DATA_YEAR,
        "sha256": checksum,
        "attribution": ATTRIBUTION,
    }
    path.write_text(json.dumps(doc, indent=2) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=None)
    parser.add_argument("--out", type=Path, default=REPO / "reference_data" / NAME)
    parser.add_argument("--update-manifest", metavar="VERSION", default=None)
    args = parser.parse_args(argv)
    source = args.source or find_shared_reference()
    if source is None or not source.is_dir():
        _fail("raw reference folder not found: pass --source or set BER_SHARED_REFERENCE")
    checksum = derive(source, args.out)
    print(f"{args.out}: {args.out.stat().st_size} bytes, sha256 {checksum}")
    if args.update_manifest:
        update_manifest(args.out.parent, args.update_manifest, checksum)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
