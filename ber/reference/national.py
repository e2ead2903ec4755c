"""The built-in national geodata: all 342 municipalities of 2024, read fast and once.

``reference_data/nl_gemeenten_2024.gpkg`` is derived from the CBS/PDOK files by
``tools/derive_national_data.py`` ("Bron: CBS, PDOK", CC BY 4.0); its version and
SHA-256 are in ``manifest.json`` under ``datasets.national_geodata``.

The GeoPackage is read with the standard library's ``sqlite3`` (no GDAL, no
geopandas), so the municipality table costs a few milliseconds; the polygons
are decoded with shapely only when a site has to be placed in a municipality or
a map is drawn. Before anything is read the file's SHA-256 is compared with the
manifest: a damaged or partial file raises ``InputError`` naming the file.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.io.paths import reference_dir
from ber.reference.data import MunicipalityTable
from ber.texts.messages import InputError, Problem

if TYPE_CHECKING:
    import numpy as np

DATASET_KEY = "national_geodata"
#: the calculation's source id for the table (reference_data/sources.json)
TABLE_SOURCE = "cbs_kwb_2024"
REGION_KINDS: tuple[str, ...] = ("arbeidsmarktregio", "provincie", "corop")
REGION_LAYERS = {
    "provincie": "provincies",
    "arbeidsmarktregio": "arbeidsmarktregios",
    "corop": "coropgebieden",
}
_COLUMNS = (
    "gemeentecode",
    "gemeentenaam",
    "aantal_inwoners",
    "huishoudens",
    "gem_huishouden_grootte",
    "woningvoorraad",
    "x",
    "y",
    *(f"{kind}{part}" for kind in REGION_KINDS for part in ("code", "naam")),
)
_ENVELOPE_BYTES = {0: 0, 1: 32, 2: 48, 3: 48, 4: 64}


@dataclass(frozen=True)
class DatasetInfo:
    """Which geodata a result was computed with (named in the result and the report)."""

    name: str
    year: int
    checksum: str
    version: str = ""
    builtin: bool = True
    attribution: str = ""

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "year": self.year,
            "version": self.version,
            "checksum": self.checksum,
            "builtin": self.builtin,
            "attribution": self.attribution,
        }


def _corrupt(path: Path, reason: str) -> InputError:
    return InputError([Problem("geodata.builtin_corrupt", params={"path": str(path), "reason": reason})])


def gpkg_wkb(blob: bytes) -> bytes:
    """The WKB inside a GeoPackage geometry blob (header "GP", version, flags, envelope)."""
    if len(blob) < 8 or blob[:2] != b"GP":
        raise ValueError("not a GeoPackage geometry")
    envelope = (blob[3] >> 1) & 0x07
    if envelope not in _ENVELOPE_BYTES:
        raise ValueError(f"bad envelope indicator {envelope}")
    return blob[8 + _ENVELOPE_BYTES[envelope] :]


def dataset_entry(folder: Path | None = None) -> dict[str, Any]:
    """The manifest entry of the national data set (file, version, year, sha256 …)."""
    folder = folder or reference_dir()
    path = folder / "manifest.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        entry: dict[str, Any] = dict(doc["datasets"][DATASET_KEY])
        str(entry["file"]), str(entry["sha256"])
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise _corrupt(path, f"no entry datasets.{DATASET_KEY}: {exc}") from exc
    return entry


def verify(folder: Path | None = None) -> list[Problem]:
    """Problems of the built-in data file (missing, wrong checksum); empty when intact."""
    try:
        entry = dataset_entry(folder)
    except InputError as err:
        return list(err.problems)
    path = (folder or reference_dir()) / str(entry["file"])
    try:
        actual = hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError as exc:
        return [Problem("geodata.builtin_corrupt", params={"path": str(path), "reason": str(exc)})]
    if actual != entry["sha256"]:
        return [
            Problem(
                "geodata.builtin_checksum",
                params={"path": str(path), "expected": entry["sha256"], "actual": actual},
            )
        ]
    return []


@dataclass
class NationalData:
    """The built-in municipalities: table, statistics, regions and (lazily) polygons.

    Offers the read-side interface of ``ber.geodata.GeoData`` that the engine and
    the report use (``table``, ``source``, ``locate``, ``within_cutoff``,
    ``boundaries_rd``, ``regions`` …) without geopandas.
    """

    path: Path
    info: DatasetInfo
    table: MunicipalityTable
    household_size: np.ndarray
    region_columns: dict[str, tuple[tuple[str, ...], tuple[str, ...]]]
    _wkb: list[bytes] = field(repr=False)
    _geoms: Any = field(default=None, repr=False)
    _tree: Any = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    has_polygons = True

    @property
    def source(self) -> str:
        return self.table.source

    # --- geometry -----------------------------------------------------------

    def _polygons(self) -> tuple[Any, Any]:
        with self._lock:
            if self._tree is None:
                import shapely

                try:
                    geoms = shapely.from_wkb(self._wkb)
                except Exception as exc:  # shapely raises GEOSException / ValueError on bad WKB
                    raise _corrupt(self.path, f"geometry: {exc}") from exc
                self._geoms = geoms
                self._tree = shapely.STRtree(geoms)
            return self._geoms, self._tree

    def boundaries_rd(self) -> dict[str, Any]:
        """Code -> shapely MultiPolygon in RD New metres."""
        geoms, _tree = self._polygons()
        return dict(zip(self.table.codes, geoms, strict=True))

    def locate(self, x: float, y: float) -> str | None:
        """Code of the municipality whose polygon contains the RD point, or None (sea, enclaves)."""
        import shapely

        _geoms, tree = self._polygons()
        hits = tree.query(shapely.points(x, y), predicate="intersects")
        return self.table.codes[int(min(hits))] if len(hits) else None

    def locate_many(self, xs: np.ndarray, ys: np.ndarray) -> list[str | None]:
        import numpy as np
        import shapely

        _geoms, tree = self._polygons()
        pts = shapely.points(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
        pi, gi = tree.query(pts, predicate="intersects")
        out: list[str | None] = [None] * len(pts)
        for p, g in sorted(zip(pi.tolist(), gi.tolist(), strict=True), reverse=True):
            out[p] = self.table.codes[g]
        return out

    def within_cutoff(self, x: float, y: float, km: float) -> list[str]:
        import numpy as np

        d = np.hypot(self.table.x - x, self.table.y - y) / 1000.0
        return [self.table.codes[i] for i in np.flatnonzero(d <= km)]

    # --- regions ------------------------------------------------------------

    def regions(self, kind: str) -> dict[str, tuple[str, list[str]]]:
        """Region code -> (name, member codes), sorted by code."""
        if kind not in self.region_columns:
            raise InputError(
                [Problem("geodata.region_kind", params={"value": kind, "choices": ", ".join(REGION_KINDS)})]
            )
        codes, names = self.region_columns[kind]
        out: dict[str, tuple[str, list[str]]] = {}
        for muni, rcode, rname in zip(self.table.codes, codes, names, strict=True):
            out.setdefault(rcode, (rname, []))[1].append(muni)
        return dict(sorted(out.items()))

    def region_outlines(self, kind: str) -> dict[str, tuple[str, Any]]:
        """Region code -> (name, dissolved outline) from the data set's region layers."""
        import shapely

        layer = REGION_LAYERS[kind]
        with _connect(self.path) as con:
            rows = con.execute(f'SELECT code, naam, geom FROM "{layer}" ORDER BY code').fetchall()
        return {str(c): (str(n), shapely.from_wkb(gpkg_wkb(g))) for c, n, g in rows}


def _connect(path: Path) -> sqlite3.Connection:
    # read-only and immutable: works in read-only install folders, never writes a journal
    return sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro&immutable=1", uri=True)


def read_national(folder: Path | None = None, check: bool = True) -> NationalData:
    """Read the built-in data set (checksum first); InputError naming the file when damaged."""
    import numpy as np

    folder = folder or reference_dir()
    entry = dataset_entry(folder)
    path = folder / str(entry["file"])
    if check:
        problems = verify(folder)
        if problems:
            raise InputError(problems)
    try:
        with _connect(path) as con:
            rows = con.execute(
                "SELECT geom, " + ", ".join(_COLUMNS) + " FROM gemeenten ORDER BY gemeentecode"
            ).fetchall()
        if not rows:
            raise ValueError("layer gemeenten is empty")
        cols = list(zip(*rows, strict=True))
        wkb = [gpkg_wkb(b) for b in cols[0]]
        values: Mapping[str, tuple[Any, ...]] = dict(zip(_COLUMNS, cols[1:], strict=True))
        table = MunicipalityTable(
            codes=tuple(str(c) for c in values["gemeentecode"]),
            names=tuple(str(n) for n in values["gemeentenaam"]),
            inhabitants=np.array(values["aantal_inwoners"], dtype=float),
            households=np.array(values["huishoudens"], dtype=float),
            dwellings=np.array(values["woningvoorraad"], dtype=float),
            x=np.array(values["x"], dtype=float),
            y=np.array(values["y"], dtype=float),
            source=TABLE_SOURCE,
        )
        regions = {
            kind: (
                tuple(str(v) for v in values[f"{kind}code"]),
                tuple(str(v) for v in values[f"{kind}naam"]),
            )
            for kind in REGION_KINDS
        }
        size = np.array(values["gem_huishouden_grootte"], dtype=float)
    except (sqlite3.Error, ValueError, TypeError) as exc:
        raise _corrupt(path, str(exc)[:200]) from exc
    info = DatasetInfo(
        name=str(entry.get("name", path.name)),
        year=int(entry.get("year", 0)),
        checksum=str(entry["sha256"]),
        version=str(entry.get("version", "")),
        builtin=True,
        attribution=str(entry.get("attribution", "")),
    )
    return NationalData(path, info, table, size, regions, wkb)


def national_codes(folder: Path | None = None) -> frozenset[str]:
    """The municipality codes of the built-in data set (checksum first), without numpy or
    geometry: what ``ber validate`` needs to check the codes a case names."""
    folder = folder or reference_dir()
    entry = dataset_entry(folder)
    path = folder / str(entry["file"])
    problems = verify(folder)
    if problems:
        raise InputError(problems)
    try:
        with _connect(path) as con:
            rows = con.execute("SELECT gemeentecode FROM gemeenten").fetchall()
    except sqlite3.Error as exc:
        raise _corrupt(path, str(exc)[:200]) from exc
    return frozenset(str(r[0]) for r in rows)


_CACHE: dict[str, NationalData] = {}
_CACHE_LOCK = threading.Lock()


def load_national(folder: Path | None = None) -> NationalData:
    """The built-in data set, read and checked once per folder and process."""
    key = str(folder or reference_dir())
    with _CACHE_LOCK:
        data = _CACHE.get(key)
        if data is None:
            data = read_national(Path(key))
            _CACHE[key] = data
        return data


def clear_cache() -> None:
    with _CACHE_LOCK:
        _CACHE.clear()
