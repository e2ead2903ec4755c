"""Open geodata files safely: size and zip-bomb guards, layer discovery, CRS, CSV.

Nothing here trusts the file: sizes are checked before reading, zip archives are
inspected through their directory (never extracted to disk; GDAL reads members
through ``/vsizip/``), feature counts are checked before the features are read,
and every reader error becomes an ``InputError`` naming the file.
"""

from __future__ import annotations

import contextlib
import csv
import io
import re
import warnings
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ber.texts.messages import InputError, Problem

if TYPE_CHECKING:
    import pandas as pd

#: Limits (module constants so an administrator can tune them in one place).
MAX_FILE_BYTES = 1024**3  # 1 GiB per file
MAX_UNZIPPED_BYTES = 1024**3  # 1 GiB uncompressed per zip archive
MAX_ZIP_RATIO = 100.0  # uncompressed / compressed, checked above ZIP_RATIO_FLOOR
ZIP_RATIO_FLOOR = 10 * 1024**2
MAX_FEATURES = 100_000
MAX_CSV_BYTES = 200 * 1024**2  # CSV is read into memory whole: a lower limit
MAX_ZIP_MEMBERS = 1_000

VECTOR_EXTENSIONS = (".gpkg", ".geojson", ".json", ".shp")
TABLE_EXTENSIONS = (".csv",)
EXTENSIONS = (*VECTOR_EXTENSIONS, *TABLE_EXTENSIONS, ".zip")
ALLOWED_CRS = "EPSG:28992 (RD New), EPSG:4326 (WGS84)"
_CBS_MISSING = -99990000.0  # CBS codes secret/unknown values as -99999999 and similar


@dataclass
class Layer:
    """One table of features found in a file (a file can hold several)."""

    label: str  # for messages: file name, plus ``:layer`` or ``!member``
    fields: list[str]
    crs: str | None  # as the reader reports it; None when absent
    features: int  # -1 when unknown before reading
    spatial: bool
    _read: Callable[[], Any]
    year_hint: int = 0  # a year in the file name, for statistics
    name: str = ""  # the layer's own name (for ``--layer``); the label when a file has one table
    file: str = ""  # label of the file the layer is in (layers of one file are chosen together)
    geometry_type: str | None = None

    def __post_init__(self) -> None:
        self.name = self.name or self.label
        self.file = self.file or self.label

    def read(self) -> Any:
        """The features: a GeoDataFrame (spatial) or a DataFrame of strings (CSV)."""
        return self._read()


@contextlib.contextmanager
def quiet_gdal() -> Iterator[list[warnings.WarningMessage]]:
    """Record GDAL's warnings instead of raising them (our own errors say what is wrong)."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        yield caught


def _mb(n: float) -> str:
    return f"{n / 1024**2:,.0f}"


def _unreadable(label: str, exc: BaseException | str) -> InputError:
    reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    reason = reason.split("; It might help")[0]  # GDAL's driver hint means nothing to a user
    reason = re.sub(r"'[^']*[/\\][^']*'", "the file", reason)[:200]  # no full paths
    return InputError([Problem("geodata.unreadable", params={"path": label, "reason": reason})])


def _year_hint(name: str) -> int:
    m = re.search(r"(?<!\d)(19|20)\d\d(?!\d)", name)
    return int(m.group(0)) if m else 0


def list_files(folder: Path) -> list[Path]:
    """Supported files in a folder (not recursive), sorted by name."""
    return sorted(p for p in folder.iterdir() if p.is_file() and p.suffix.lower() in EXTENSIONS)


def open_layers(path: Path) -> list[Layer]:
    """The layers of one file, after the size, zip and feature-count guards."""
    label = path.name
    if not path.is_file():
        raise InputError([Problem("file.missing", params={"path": str(path)})])
    suffix = path.suffix.lower()
    if suffix not in EXTENSIONS:
        raise InputError(
            [Problem("geodata.unsupported", params={"path": label, "allowed": ", ".join(EXTENSIONS)})]
        )
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise InputError(
            [
                Problem(
                    "geodata.too_large",
                    params={"path": label, "size": _mb(size), "limit": _mb(MAX_FILE_BYTES)},
                )
            ]
        )
    if suffix == ".zip":
        return _zip_layers(path)
    if suffix == ".csv" and size > MAX_CSV_BYTES:
        raise InputError(
            [
                Problem(
                    "geodata.too_large",
                    params={"path": label, "size": _mb(size), "limit": _mb(MAX_CSV_BYTES)},
                )
            ]
        )
    if suffix == ".csv":
        return [_csv_layer(label, lambda: path.read_bytes(), _year_hint(path.name))]
    return _vector_layers(str(path), label, _year_hint(path.name))


def _zip_layers(path: Path) -> list[Layer]:
    label = path.name
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise _unreadable(label, exc) from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos)
    ratio = total / max(packed, 1)
    if (
        len(infos) > MAX_ZIP_MEMBERS
        or total > MAX_UNZIPPED_BYTES
        or (total > ZIP_RATIO_FLOOR and ratio > MAX_ZIP_RATIO)
    ):
        raise InputError(
            [
                Problem(
                    "geodata.zip_bomb",
                    params={
                        "path": label,
                        "size": _mb(total),
                        "ratio": f"{ratio:,.0f}",
                        "limit": _mb(MAX_UNZIPPED_BYTES),
                        "max_ratio": f"{MAX_ZIP_RATIO:g}",
                    },
                )
            ]
        )
    layers: list[Layer] = []
    zf_sizes = {i.filename: i.file_size for i in infos}
    names = [i.filename for i in infos if not i.is_dir() and not i.filename.startswith("__MACOSX")]
    for name in names:
        low = name.lower()
        member_label = f"{label}!{name}"
        if low.endswith(VECTOR_EXTENSIONS):
            layers.extend(_vector_layers(f"/vsizip/{path.resolve()}/{name}", member_label, _year_hint(name)))
        elif low.endswith(TABLE_EXTENSIONS):
            member_size = zf_sizes[name]
            if member_size > MAX_CSV_BYTES:
                raise InputError(
                    [
                        Problem(
                            "geodata.too_large",
                            params={
                                "path": member_label,
                                "size": _mb(member_size),
                                "limit": _mb(MAX_CSV_BYTES),
                            },
                        )
                    ]
                )

            def load(member: str = name) -> bytes:
                with zipfile.ZipFile(path) as zf:
                    return zf.read(member)

            layers.append(_csv_layer(member_label, load, _year_hint(name)))
    if not layers:
        allowed = ", ".join((*VECTOR_EXTENSIONS, *TABLE_EXTENSIONS))
        raise InputError([Problem("geodata.zip_empty", params={"path": label, "allowed": allowed})])
    return layers


def _vector_layers(source: str, label: str, year: int) -> list[Layer]:
    import pyogrio

    try:
        with quiet_gdal():
            listed = pyogrio.list_layers(source)
    except Exception as exc:  # GDAL raises several types for garbage input
        raise _unreadable(label, exc) from exc
    # every layer: ber.geodata.layers chooses among the layers of a multi-layer file
    names = [str(row[0]) for row in listed]
    out = []
    for name in names:
        try:
            with quiet_gdal():
                info = pyogrio.read_info(source, layer=name)
        except Exception as exc:
            raise _unreadable(label, exc) from exc
        count = int(info.get("features", -1))
        layer_label = label if len(listed) == 1 else f"{label}:{name}"
        if count > MAX_FEATURES:
            raise InputError(
                [
                    Problem(
                        "geodata.too_many_features",
                        params={"path": layer_label, "count": count, "limit": MAX_FEATURES},
                    )
                ]
            )

        def read(layer: str = name, lab: str = layer_label) -> Any:
            try:
                with quiet_gdal():
                    return pyogrio.read_dataframe(source, layer=layer, max_features=MAX_FEATURES + 1)
            except Exception as exc:
                raise _unreadable(lab, exc) from exc

        out.append(
            Layer(
                label=layer_label,
                fields=[str(f) for f in info["fields"]],
                crs=info.get("crs"),
                features=count,
                spatial=info.get("geometry_type") not in (None, "None"),
                _read=read,
                year_hint=year,
                name=name,
                file=label,
                geometry_type=info.get("geometry_type"),
            )
        )
    return out


def _decode(data: bytes) -> str:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


def _csv_layer(label: str, load: Callable[[], bytes], year: int) -> Layer:
    text_cache: dict[str, Any] = {}

    def frame() -> pd.DataFrame:
        if "df" in text_cache:
            return text_cache["df"]
        import pandas as pd

        text = _decode(load())
        if "\x00" in text[:4096]:
            raise _unreadable(label, "binary data, not CSV text")
        head = text[:4096].splitlines()[0] if text.strip() else ""
        sep = max((";", ",", "\t"), key=head.count)
        try:
            df = pd.read_csv(
                io.StringIO(text),
                sep=sep,
                dtype=str,
                keep_default_na=False,
                nrows=MAX_FEATURES + 1,
                quoting=csv.QUOTE_MINIMAL,
            )
        except Exception as exc:  # pandas' ParserError, EmptyDataError, ...
            raise _unreadable(label, exc) from exc
        if len(df) > MAX_FEATURES:
            raise InputError(
                [
                    Problem(
                        "geodata.too_many_features",
                        params={"path": label, "count": f"> {MAX_FEATURES}", "limit": MAX_FEATURES},
                    )
                ]
            )
        df.columns = [str(c).strip() for c in df.columns]
        df.attrs["decimal_comma"] = sep == ";"
        text_cache["df"] = df
        return df

    fields = list(frame().columns)
    return Layer(
        label=label, fields=fields, crs=None, features=-1, spatial=False, _read=frame, year_hint=year
    )


def epsg_of(crs: str | None) -> int | None:
    """28992 or 4326 when the reported CRS is one of them, -1 when another, None when absent."""
    if crs is None or not str(crs).strip():
        return None
    text = str(crs).strip()
    up = text.upper()
    if up in ("EPSG:28992",):
        return 28992
    if up in ("EPSG:4326", "OGC:CRS84", "URN:OGC:DEF:CRS:OGC:1.3:CRS84", "CRS84"):
        return 4326
    try:
        from pyproj import CRS

        parsed = CRS.from_user_input(text)
        for code in (28992, 4326):
            if parsed.equals(CRS.from_epsg(code), ignore_axis_order=True):
                return code
        epsg = parsed.to_epsg(min_confidence=70)
    except Exception:
        return -1
    return epsg if epsg in (28992, 4326) else -1


def crs_name(crs: str | None) -> str:
    """A short readable name of a CRS for messages."""
    if crs is None:
        return "?"
    try:
        from pyproj import CRS

        parsed = CRS.from_user_input(crs)
        epsg = parsed.to_epsg(min_confidence=70)
        return f"EPSG:{epsg} ({parsed.name})" if epsg else parsed.name
    except Exception:
        return str(crs)[:80]


def to_numbers(values: Any, decimal_comma: bool) -> tuple[Any, list[int]]:
    """Parse a column of strings/numbers to floats (NaN for empty or CBS 'secret').

    Returns the float array and the positions of values that are not numbers.
    Dutch CSV (``;``-separated) numbers use a decimal comma and may use a dot
    for thousands (``1.234,5``).
    """
    import numpy as np

    arr = np.full(len(values), np.nan)
    bad: list[int] = []
    for i, v in enumerate(values):
        if v is None:
            continue
        if isinstance(v, int | float) and not isinstance(v, bool):
            f = float(v)
        else:
            text = str(v).strip().replace("\u00a0", "").replace(" ", "")
            if text == "" or text.lower() in ("nan", "none", "null", ".", "-"):
                continue
            if decimal_comma:
                if re.fullmatch(r"-?\d{1,3}(\.\d{3})+(,\d+)?", text):
                    text = text.replace(".", "")
                text = text.replace(",", ".")
            try:
                f = float(text)
            except ValueError:
                bad.append(i)
                continue
        if f != f:  # NaN
            continue
        if f <= _CBS_MISSING:
            continue
        arr[i] = f
    return arr, bad
