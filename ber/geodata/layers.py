"""Choose layers of multi-layer files and restore Shapefile column names cut to 10 characters.

The CBS/PDOK *gebiedsindelingen* GeoPackage holds many layers (municipalities,
provinces, labour-market regions, COROP, generalised and label points, sometimes
several years). One of them gives the municipality boundaries: the layer named
with ``--layer NAME``, else the one whose name contains ``gemeente`` and
``gegeneraliseerd``, else the single polygon layer with a municipality code
column. When that is not one layer the import stops and lists the layers.

A Shapefile's dBase table allows column names of 10 characters, so
``arbeidsmarktregiocode`` arrives as ``arbeidsmar`` (and ``arbeidsmarktregionaam``
as ``arbeidsm_1``, GDAL's way of keeping names unique). ``restore_names`` maps
such names back to the CBS names; a code/name pair cut to the same prefix is told
apart by its values (codes look like ``AM29``). What cannot be mapped is named
in an error, so region links are never dropped silently.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from ber.geodata.columns import ALIASES, REGION_COLUMNS, ColumnMapping, find_column
from ber.geodata.readers import Layer
from ber.texts.messages import InputError, Problem

DBF_WIDTH = 10
_DEDUP = re.compile(r"^(?P<prefix>.{1,8})_(?P<n>\d{1,2})$")
_REGION_CODE = re.compile(r"^(PV|AM|CR)\d{1,3}$", re.I)
#: full names a truncated column can stand for
FULL_NAMES: tuple[str, ...] = tuple(
    dict.fromkeys(
        [
            *(a for aliases in ALIASES.values() for a in aliases),
            *(c for pair in REGION_COLUMNS.values() for c in pair),
            "gem_huishouden_grootte",
        ]
    )
)


def _candidates(column: str) -> list[str]:
    low = column.lower()
    if low in FULL_NAMES:
        return []
    out = []
    if len(low) == DBF_WIDTH:
        out = [f for f in FULL_NAMES if len(f) > DBF_WIDTH and f[:DBF_WIDTH] == low]
    m = _DEDUP.match(low)
    if not out and m:
        out = [f for f in FULL_NAMES if len(f) > DBF_WIDTH and f.startswith(m.group("prefix"))]
    return out


def restore_names(
    columns: Sequence[str], values: Callable[[str], list[Any]] | None, label: str
) -> tuple[dict[str, str], list[Problem]]:
    """Renames of cut column names to CBS names, and problems for the ones that stay unclear.

    ``values(column)`` gives a column's values to tell a region code from its name;
    None before the file is read (then ambiguous pairs are left for later).
    """
    present = {c.lower() for c in columns}
    rename: dict[str, str] = {}
    ambiguous: dict[tuple[str, ...], list[str]] = {}
    for col in columns:
        found = [f for f in _candidates(col) if f not in present]
        if len(found) == 1:
            rename[col] = found[0]
        elif len(found) > 1:
            ambiguous.setdefault(tuple(sorted(found)), []).append(col)
    problems: list[Problem] = []
    for full, cols in ambiguous.items():
        if values is None:
            continue  # before reading: told apart later by the values
        told = _by_values(full, cols, values)
        if told:
            rename.update(told)
            continue
        problems.append(
            Problem(
                "geodata.truncated_column",
                params={"path": label, "columns": ", ".join(cols), "choices": ", ".join(full)},
            )
        )
    # two columns must never end up with the same name
    targets = list(rename.values())
    for col in list(rename):
        if targets.count(rename[col]) > 1:
            del rename[col]
    return rename, problems


def _by_values(full: tuple[str, ...], cols: list[str], values: Callable[[str], list[Any]]) -> dict[str, str]:
    """A region code/name pair cut to one prefix: the column of codes (``AM29``) is the code."""
    pair = _region_pair(full)
    if pair is None or len(cols) > 2:
        return {}
    coded = [c for c in cols if _looks_like_codes(values(c))]
    if len(coded) != 1:
        return {}
    return {c: pair[0] if c == coded[0] else pair[1] for c in cols}


def _region_pair(full: tuple[str, ...]) -> tuple[str, str] | None:
    for code_col, name_col in REGION_COLUMNS.values():
        if set(full) == {code_col, name_col}:
            return code_col, name_col
    return None


def _looks_like_codes(values: list[Any]) -> bool:
    texts = [str(v).strip() for v in values if v is not None and str(v).strip() not in ("", "nan")]
    return bool(texts) and all(_REGION_CODE.match(t) for t in texts)


def apply_names(layer: Layer, mapping: ColumnMapping | None) -> None:
    """Rename a layer's cut field names (before reading) so its code column is found."""
    rename, _ = restore_names(layer.fields, None, layer.label)
    if mapping is not None:  # the user's own names win
        rename = {k: v for k, v in rename.items() if k not in mapping.columns.values()}
    if rename:
        layer.fields = [rename.get(f, f) for f in layer.fields]


def restore_frame(layer: Layer, frame: Any, mapping: ColumnMapping | None, problems: list[Problem]) -> Any:
    """The frame with cut column names restored; problems name what stays unclear."""
    cols = [str(c) for c in frame.columns if c != "geometry"]
    rename, found = restore_names(cols, lambda c: frame[c].tolist(), layer.label)
    if mapping is not None:
        rename = {k: v for k, v in rename.items() if k not in mapping.columns.values()}
    problems.extend(found)
    return frame.rename(columns=rename) if rename else frame


def missing_region_links(layer_label: str, columns: Sequence[str]) -> list[Problem]:
    """One notice naming the region code columns that are missing (those links are not imported)."""
    present = {c.lower() for c in columns}
    codes = [code for code, _name in REGION_COLUMNS.values() if code not in present]
    names = [name for code, name in REGION_COLUMNS.values() if code in present and name not in present]
    out = []
    if codes:
        out.append(
            Problem("geodata.no_region_links", params={"path": layer_label, "columns": ", ".join(codes)})
        )
    if names:
        out.append(
            Problem("geodata.no_region_names", params={"path": layer_label, "columns": ", ".join(names)})
        )
    return out


# --- choosing layers ------------------------------------------------------------------


def _names(group: list[Layer]) -> str:
    return ", ".join(layer.name for layer in group)


def choose_layers(
    layers: list[Layer],
    wanted: str | None,
    mapping: ColumnMapping | None,
    problems: list[Problem],
    notices: list[Problem],
    regions: dict[str, Layer] | None = None,
) -> list[Layer]:
    """Keep one boundary layer per multi-layer file (plus its attribute tables).

    Polygon layers of provinces, labour-market regions or COROP regions in the same
    file go to ``regions`` (kind -> layer): the membership is derived from them.
    """
    groups: dict[str, list[Layer]] = {}
    for layer in layers:
        groups.setdefault(layer.file, []).append(layer)
    if wanted is not None:
        every = [layer for layer in layers if layer.name.lower() == wanted.strip().lower()]
        if not every:
            multi = [layer for layer in layers if len(groups[layer.file]) > 1] or layers
            problems.append(
                Problem("geodata.layer_unknown", params={"layer": wanted, "layers": _names(multi) or "-"})
            )
            return layers
    out: list[Layer] = []
    for file, group in groups.items():
        if len(group) == 1:
            out.extend(group)
            continue
        chosen = _choose(group, wanted, mapping)
        if chosen is None:
            problems.append(
                Problem("geodata.layer_ambiguous", params={"path": file, "layers": _names(group)})
            )
            continue
        for layer in group:
            kind = region_kind(layer)
            if layer is chosen or (not layer.spatial and find_column(layer.fields, "code", mapping)):
                out.append(layer)
            elif kind is not None and regions is not None and _better(layer, regions.get(kind)):
                regions[kind] = layer
            else:
                notices.append(Problem("geodata.layer_skipped", params={"path": layer.label}))
    return out


#: words in a layer name that say which region division it holds
REGION_WORDS: dict[str, str] = {
    "provincie": "provincie",
    "arbeidsmarktregio": "arbeidsmarktregio",
    "corop": "corop",
}


def region_kind(layer: Layer) -> str | None:
    """The region kind of a polygon layer named after one (``provincie_gegeneraliseerd`` …)."""
    if not layer.spatial or not (layer.geometry_type or "").replace("Multi", "").startswith("Polygon"):
        return None
    low = layer.name.lower()
    found = [kind for word, kind in REGION_WORDS.items() if word in low]
    return found[0] if len(found) == 1 else None


def _better(layer: Layer, current: Layer | None) -> bool:
    """Prefer a generalised region layer over another of the same kind."""
    return current is None or (
        "gegeneraliseerd" in layer.name.lower() and "gegeneraliseerd" not in current.name.lower()
    )


def _choose(group: list[Layer], wanted: str | None, mapping: ColumnMapping | None) -> Layer | None:
    if wanted is not None:
        named = [layer for layer in group if layer.name.lower() == wanted.strip().lower()]
        return named[0] if named else None
    general = [
        layer
        for layer in group
        if layer.spatial and "gemeente" in layer.name.lower() and "gegeneraliseerd" in layer.name.lower()
    ]
    if len(general) == 1:
        return general[0]
    if len(general) > 1:
        return None
    coded = [
        layer
        for layer in group
        if layer.spatial
        and (layer.geometry_type or "").replace("Multi", "").startswith("Polygon")
        and find_column(layer.fields, "code", mapping)
    ]
    return coded[0] if len(coded) == 1 else None


def list_layers(path: Path | str) -> tuple[list[str], str | None]:
    """The layers of a file and the one the import would choose (None: the user must choose)."""
    from ber.geodata.readers import open_layers

    layers = open_layers(Path(path))
    for layer in layers:
        apply_names(layer, None)
    names = [layer.name for layer in layers]
    if len(layers) == 1:
        return names, names[0]
    chosen = _choose(layers, None, None)
    return names, chosen.name if chosen is not None else None


def check_choice(path: Path | str, layer: str) -> None:
    """InputError unless ``layer`` is a layer of the file."""
    names, _ = list_layers(path)
    if layer.lower() not in {n.lower() for n in names}:
        raise InputError(
            [Problem("geodata.layer_unknown", params={"layer": layer, "layers": ", ".join(names)})]
        )
