"""The per-user store of imported geodata: one GeoPackage plus a JSON manifest.

``<user data>/geodata/gemeenten.gpkg`` holds the municipalities in RD New with
their statistics and region membership; ``gemeenten.json`` says where they came
from (files, date, counts, notices). Both are written to a temporary file first
and then renamed, so a crash never leaves half a store behind.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
from pathlib import Path
from typing import Any

import numpy as np

from ber import __version__
from ber.case.model import atomic_write_bytes
from ber.geodata.model import GeoData, build_table, content_checksum
from ber.io.paths import geodata_store_path, user_data_dir
from ber.reference.national import DatasetInfo
from ber.texts.messages import InputError, Problem

SCHEMA = "ber-geodata/1"
LAYER = "gemeenten"


def store_dir() -> Path:
    return user_data_dir() / "geodata"


def store_path() -> Path:
    return geodata_store_path()


def manifest_path() -> Path:
    return store_dir() / "gemeenten.json"


def manifest_of(geo: GeoData, imported_from: list[str]) -> dict[str, Any]:
    """The manifest document for a GeoData (also what ``ber geodata info`` shows)."""
    kinds = ("provincie", "arbeidsmarktregio", "corop")
    return {
        "schema": SCHEMA,
        "app_version": __version__,
        "imported_at": _dt.datetime.now(tz=_dt.UTC).replace(microsecond=0).isoformat(),
        "imported_from": imported_from,
        "sources": geo.sources,
        "fields": geo.fields,
        "data_source": geo.table.source,
        "counts": {
            "municipalities": len(geo.table),
            "polygons": geo.has_polygons,
            **{f"{k}_regions": len(geo.regions(k)) for k in kinds},
        },
        "notices": [{"code": n.code, "field": n.field, "params": n.params} for n in geo.notices],
        "dataset": geo.info.to_dict() if geo.info is not None else None,
    }


def save_geodata(geo: GeoData, imported_from: list[str]) -> Path:
    """Store the imported layer for later runs (atomic); returns the GeoPackage path."""
    import pyogrio

    folder = store_dir()
    folder.mkdir(parents=True, exist_ok=True)
    target = store_path()
    tmp = folder / f".gemeenten.{os.getpid()}.tmp.gpkg"
    try:
        frame = geo.boundaries.reset_index()
        pyogrio.write_dataframe(frame, tmp, layer=LAYER, driver="GPKG")
        doc = manifest_of(geo, imported_from)
        os.replace(tmp, target)
    finally:
        if tmp.exists():
            tmp.unlink()
    atomic_write_bytes(manifest_path(), (json.dumps(doc, indent=2, ensure_ascii=False) + "\n").encode())
    return target


def read_manifest() -> dict[str, Any] | None:
    path = manifest_path()
    if not path.is_file() or not store_path().is_file():
        return None
    try:
        doc: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return doc


def load_stored() -> GeoData | None:
    """The stored import, or None when nothing was imported yet."""
    path = store_path()
    if not path.is_file():
        return None
    import pyogrio

    try:
        frame = pyogrio.read_dataframe(path, layer=LAYER)
        frame = frame.set_index("code")
        for col in ("inhabitants", "households", "dwellings"):
            frame[col] = frame[col].astype(float)
        for col in frame.columns:
            if col not in ("inhabitants", "households", "dwellings", "geometry"):
                frame[col] = frame[col].fillna("").astype(str)
        if frame.crs is None or frame.crs.to_epsg() != 28992:
            raise ValueError("stored layer is not in EPSG:28992")
    except Exception as exc:
        raise InputError(
            [Problem("geodata.stored_corrupt", params={"path": str(path), "reason": str(exc)[:200]})]
        ) from exc
    manifest = read_manifest() or {}
    source = str(manifest.get("data_source") or f"Geodata: {path.name}")
    notices = [
        Problem(str(n.get("code", "")), str(n.get("field", "")), dict(n.get("params", {})))
        for n in manifest.get("notices", [])
        if isinstance(n, dict)
    ]
    return GeoData(
        table=build_table(frame, source),
        boundaries=frame,
        notices=notices,
        sources=list(manifest.get("sources", [])),
        fields=dict(manifest.get("fields", {})),
        info=_info_of(manifest, frame),
    )


def _info_of(manifest: dict[str, Any], frame: Any) -> DatasetInfo:
    doc = manifest.get("dataset")
    if isinstance(doc, dict) and doc.get("checksum"):
        return DatasetInfo(
            name=str(doc.get("name", "")),
            year=int(doc.get("year") or 0),
            checksum=str(doc["checksum"]),
            version=str(doc.get("version", "")),
            builtin=False,
            attribution=str(doc.get("attribution", "")),
        )
    return DatasetInfo(name=store_path().name, year=0, checksum=content_checksum(frame), builtin=False)


def check_replacement(geo: GeoData, partial: bool = False) -> None:
    """Refuse an import that would replace the current set with less (InputError, nothing stored).

    The current set is the stored import, else the built-in national set. Refused:
    fewer municipalities (unless ``partial``), another CRS than EPSG:28992, and
    missing inhabitants, households or dwellings.
    """
    problems: list[Problem] = []
    crs = geo.boundaries.crs
    if crs is None or crs.to_epsg() != 28992:
        problems.append(Problem("geodata.replace_crs", params={"crs": str(crs)[:80] if crs else "?"}))
    codes = list(geo.table.codes)
    for role, column in (
        ("inhabitants", "aantal_inwoners"),
        ("households", "huishoudens"),
        ("dwellings", "woningvoorraad"),
    ):
        values = getattr(geo.table, role)
        missing = [codes[i] for i in np.flatnonzero(~np.isfinite(values))]
        if missing:
            problems.append(
                Problem(
                    "geodata.replace_missing_stats",
                    params={"column": column, "count": len(missing), "codes": ", ".join(missing[:10])},
                )
            )
    if not partial:
        current, name = _current_codes()
        lost = sorted(set(current) - set(codes))
        if len(codes) < len(current):
            problems.append(
                Problem(
                    "geodata.replace_fewer",
                    params={
                        "count": len(codes),
                        "current": name,
                        "previous": len(current),
                        "codes": ", ".join(lost[:10]) or "-",
                    },
                )
            )
    if problems:
        raise InputError(problems)


def _current_codes() -> tuple[tuple[str, ...], str]:
    """Codes of the set an import would replace: the stored import, else the built-in set."""
    try:
        stored = load_stored()
    except InputError:
        stored = None  # a damaged store is replaced by any valid import
    if stored is not None:
        return stored.table.codes, stored.info.name if stored.info else store_path().name
    from ber.reference.national import load_national

    national = load_national()
    return national.table.codes, national.info.name


def clear_store() -> bool:
    """Remove the stored import; True when there was one."""
    found = False
    for path in (store_path(), manifest_path()):
        if path.exists():
            path.unlink()
            found = True
    return found
