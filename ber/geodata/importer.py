"""Import municipality boundaries, statistics and region membership into ``GeoData``.

Input: files and folders (GeoPackage, GeoJSON, Shapefile, zip, CSV). Exactly one
layer with municipality codes and geometry (or CSV coordinates) gives the
boundaries; every other layer with municipality codes is a statistics table
joined on the code. For each statistic the newest year wins per municipality
(year from a ``_YYYY`` column suffix, else a single-valued ``jaar`` column, else
a year in the file name). All problems of all files are raised together.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from ber.geodata.boundaries import (
    MAX_LISTED,
    codes_of,
    missing_code_column,
    number_problem,
    prepare_boundaries,
)
from ber.geodata.columns import (
    REGION_COLUMNS,
    STAT_ROLES,
    ColumnMapping,
    accepted,
    find_column,
    stat_columns,
)
from ber.geodata.layers import apply_names, choose_layers, missing_region_links, restore_frame
from ber.geodata.model import GeoData, build_table, content_checksum
from ber.geodata.readers import Layer, list_files, open_layers, to_numbers
from ber.geodata.regionlayers import membership
from ber.reference.national import DatasetInfo
from ber.texts.messages import InputError, Problem

STAT_LABELS = {"inhabitants": "aantal_inwoners", "households": "huishoudens", "dwellings": "woningvoorraad"}


@dataclass
class _Stat:
    role: str
    label: str  # file and column, for the manifest
    year: int
    order: int
    suffixed: bool  # a year-suffixed column of a combined table (ranks after a plain one)
    values: dict[str, float]  # code -> value (only known values)


#: a municipality's statistic cannot exceed the country's total (CBS 2024: 18.0 million
#: inhabitants, 8.3 million households, 8.2 million dwellings), rounded up generously
STAT_MAX: dict[str, int] = {"inhabitants": 25_000_000, "households": 12_000_000, "dwellings": 12_000_000}


def expand(paths: Sequence[Path | str], problems: list[Problem]) -> list[tuple[Path, bool]]:
    """Files to read with a flag "found in a folder": given files, and supported files in folders."""
    out: list[tuple[Path, bool]] = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend((p, True) for p in list_files(path))
        elif path.exists():
            out.append((path, False))
        else:
            problems.append(Problem("file.missing", params={"path": str(path)}))
    return out


def _year_of(layer: Layer, frame: Any) -> int:
    if "jaar" in frame.columns:
        years = {str(v).strip() for v in frame["jaar"].tolist() if str(v).strip() not in ("", "nan", "None")}
        if len(years) == 1:
            try:
                return int(float(years.pop()))
            except ValueError:
                pass
    return layer.year_hint


def _open_all(paths: Sequence[Path | str], problems: list[Problem], notices: list[Problem]) -> list[Layer]:
    """Every layer of every file (folders: their supported files)."""
    layers: list[Layer] = []
    for path, in_folder in expand(paths, problems):
        try:
            layers.extend(open_layers(path))
        except InputError as err:
            if (
                in_folder
                and path.suffix.lower() == ".json"
                and {p.code for p in err.problems} == {"geodata.unreadable"}
            ):
                notices.extend(err.problems)  # any other JSON file in the folder (not GeoJSON)
            else:
                problems.extend(err.problems)
    return layers


def _classify(
    layers: list[Layer], mapping: ColumnMapping | None, problems: list[Problem], notices: list[Problem]
) -> tuple[tuple[Layer, str] | None, list[tuple[Layer, str]]]:
    """The boundary layer (with its code column) and the statistics tables."""
    boundary: tuple[Layer, str] | None = None
    boundary_labels: list[str] = []
    tables: list[tuple[Layer, str]] = []
    for layer in layers:
        code_col = find_column(layer.fields, "code", mapping)
        if code_col is None:
            mapped = mapping.get("code") if mapping else None
            if mapped is not None and len(layers) == 1:
                problems.append(_mapped_missing(layer, "code", mapped))
            elif len(layers) == 1:
                problems.append(missing_code_column(layer))
            else:
                notices.append(Problem("geodata.ignored", params={"path": layer.label}))
            continue
        has_points = find_column(layer.fields, "x", mapping) and find_column(layer.fields, "y", mapping)
        has_lonlat = find_column(layer.fields, "lon", mapping) and find_column(layer.fields, "lat", mapping)
        if layer.spatial or has_points or has_lonlat:
            boundary_labels.append(layer.label)
            boundary = (layer, code_col)
        else:
            tables.append((layer, code_col))
    if len(boundary_labels) > 1:
        problems.append(Problem("geodata.several_boundaries", params={"paths": ", ".join(boundary_labels)}))
    return boundary, tables


def import_paths(
    paths: Sequence[Path | str], mapping: ColumnMapping | None = None, layer_name: str | None = None
) -> GeoData:
    """Read and validate geodata from files/folders; InputError lists every problem.

    ``layer_name`` chooses the boundary layer of a multi-layer file (``--layer``).
    """
    problems: list[Problem] = []
    notices: list[Problem] = []
    layers = _open_all(paths, problems, notices)
    for layer in layers:
        apply_names(layer, mapping)
    region_layers: dict[str, Layer] = {}
    layers = choose_layers(layers, layer_name, mapping, problems, notices, region_layers)
    boundary, tables = _classify(layers, mapping, problems, notices)
    if boundary is None and not problems:
        shown = ", ".join(str(p) for p in paths)
        problems.append(Problem("geodata.no_boundaries", params={"paths": shown}))
    if problems or boundary is None:
        raise InputError(problems or [Problem("geodata.no_boundaries", params={"paths": str(paths)})])

    layer, code_col = boundary
    frame = restore_frame(layer, _drop_water(layer, layer.read(), notices), mapping, problems)
    gdf = prepare_boundaries(layer, frame, code_col, mapping, problems, notices)
    if gdf is None:
        raise InputError(problems)
    parts = _Parts(sources=[{"file": layer.label, "role": "boundaries", "features": len(frame)}])
    codes = list(gdf.index)
    _collect(layer, frame, list(codes), mapping, 0, parts, problems)
    for order, (tab, tab_code) in enumerate(tables, start=1):
        _read_table(tab, tab_code, set(codes), mapping, order, parts, problems)
    if problems:
        raise InputError(problems)
    _link_regions(gdf, parts, region_layers, layer.label, notices)
    for label, outside in parts.extra.items():
        notices.append(
            Problem(
                "geodata.extra_codes",
                params={"path": label, "count": len(outside), "codes": ", ".join(outside[:MAX_LISTED])},
            )
        )
    return _assemble(gdf, parts, notices, layer.label)


def _link_regions(
    gdf: Any, parts: _Parts, region_layers: dict[str, Layer], label: str, notices: list[Problem]
) -> None:
    """Membership from region layers for kinds without columns; a notice for what stays missing."""
    linked = [c for _label, found in parts.regions for c in found]
    for kind, region_layer in region_layers.items():
        if REGION_COLUMNS[kind][0] not in linked:  # no column for it: from the region layer
            derived = membership(kind, region_layer, gdf, notices)
            if derived is not None:
                parts.regions.append(derived)
                linked.extend(derived[1])
    notices.extend(missing_region_links(label, linked))


@dataclass
class _Parts:
    """What the layers contribute: statistics, region columns, names, sources."""

    sources: list[dict[str, Any]]
    stats: list[_Stat] = field(default_factory=list)
    regions: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)
    extra: dict[str, list[str]] = field(default_factory=dict)


def _read_table(
    tab: Layer,
    tab_code: str,
    known: set[str],
    mapping: ColumnMapping | None,
    order: int,
    parts: _Parts,
    problems: list[Problem],
) -> None:
    tframe = restore_frame(tab, tab.read(), mapping, problems)
    tcodes = codes_of(tab, tframe, tab_code, problems)
    outside = sorted({c for c in tcodes if c is not None and c not in known})
    if outside:
        parts.extra[tab.label] = outside
    _collect(tab, tframe, tcodes, mapping, order, parts, problems)
    parts.sources.append({"file": tab.label, "role": "statistics", "features": len(tframe)})


def _drop_water(layer: Layer, frame: Any, notices: list[Problem]) -> Any:
    """CBS wijken-en-buurten layers split a gemeente into land and water rows (``water`` = JA/NEE)."""
    column = next((c for c in frame.columns if str(c).lower() == "water"), None)
    if column is None:
        return frame
    values = frame[column].astype(str).str.strip().str.upper()
    if not set(values) <= {"JA", "NEE"} or not (values == "JA").any():
        return frame
    notices.append(
        Problem("geodata.water_dropped", params={"path": layer.label, "count": int((values == "JA").sum())})
    )
    return frame[values != "JA"].reset_index(drop=True)


def _mapped_missing(layer: Layer, role: str, column: str) -> Problem:
    return Problem(
        "geodata.mapped_column",
        params={"path": layer.label, "column": column, "role": role, "columns": ", ".join(layer.fields)},
    )


def _collect(
    layer: Layer,
    frame: Any,
    codes: list[str | None],
    mapping: ColumnMapping | None,
    order: int,
    parts: _Parts,
    problems: list[Problem],
) -> None:
    """Statistics, names and region membership of one layer (aligned with ``codes``)."""
    cols = [c for c in frame.columns if c != "geometry"]
    comma = bool(frame.attrs.get("decimal_comma"))
    year = _year_of(layer, frame)
    for role in STAT_ROLES:
        mapped = mapping.get(role) if mapping else None
        found = stat_columns(cols, role, mapping)
        if mapped is not None and not found and order == 0:
            problems.append(_mapped_missing(layer, role, mapped))
        for col, suffix_year in found:
            values, bad = to_numbers(frame[col].tolist(), comma)
            negative = [i for i in np.flatnonzero(values < 0)]
            too_large = [int(i) for i in np.flatnonzero(values > STAT_MAX[role])]
            for i in too_large[:MAX_LISTED]:
                problems.append(
                    number_problem(
                        "geodata.implausible_number",
                        layer,
                        col,
                        codes[i] or f"#{i + 1}",
                        frame[col].iloc[i],
                        high=f"{STAT_MAX[role]:,}".replace(",", "."),
                    )
                )
            for i in (bad + [int(i) for i in negative])[:MAX_LISTED]:
                problems.append(
                    number_problem(
                        "geodata.bad_number", layer, col, codes[i] or f"#{i + 1}", frame[col].iloc[i]
                    )
                )
            known = {
                c: float(v)
                for c, v in zip(codes, values, strict=True)
                if c is not None and np.isfinite(v) and 0 <= v <= STAT_MAX[role]
            }
            parts.stats.append(
                _Stat(role, f"{layer.label}: {col}", suffix_year or year, order, bool(suffix_year), known)
            )
    name_col = find_column(cols, "name", mapping)
    if name_col is not None:
        for c, n in zip(codes, frame[name_col].tolist(), strict=True):
            if c is not None and c not in parts.names and n is not None and str(n).strip():
                parts.names[c] = str(n).strip()
    present = {c.lower(): c for c in cols}
    found_regions: dict[str, Any] = {}
    for code_col, name_col_r in REGION_COLUMNS.values():
        for col in (code_col, name_col_r):
            if col in present:
                found_regions[col] = dict(zip(codes, frame[present[col]].tolist(), strict=True))
    if found_regions:
        parts.regions.append((layer.label, found_regions))


def _listed(codes: list[str]) -> str:
    return ", ".join(codes[:MAX_LISTED]) + (" …" if len(codes) > MAX_LISTED else "")


def _stat_column(codes: list[str], candidates: list[_Stat]) -> tuple[Any, list[str]]:
    """Per municipality the value of the best candidate that has one, and the labels used."""
    column = np.full(len(codes), np.nan)
    used: list[str] = []
    for k, code in enumerate(codes):
        for s in candidates:
            if code in s.values:
                column[k] = s.values[code]
                if s.label not in used:
                    used.append(s.label)
                break
    return column, used


def _statistics(gdf: Any, stats: list[_Stat], notices: list[Problem]) -> dict[str, str]:
    """Fill the statistics columns (newest year wins); missing dwellings are an error."""
    codes = list(gdf.index)
    fields: dict[str, str] = {}
    problems: list[Problem] = []
    for role in STAT_ROLES:
        candidates = sorted(
            (s for s in stats if s.role == role), key=lambda s: (-s.year, s.suffixed, s.order)
        )
        column, used = _stat_column(codes, candidates)
        gdf[role] = column
        years = {s.label: s.year for s in candidates}
        fields[role] = "; ".join(f"{u} ({years[u]})" if years[u] else u for u in used)
        missing = [codes[k] for k in np.flatnonzero(np.isnan(column))]
        if missing and role == "dwellings":
            params = {"count": len(missing), "codes": _listed(missing), "accepted": accepted("dwellings")}
            problems.append(Problem("geodata.missing_dwellings", params=params))
        elif missing:
            params = {"column": STAT_LABELS[role], "count": len(missing), "codes": _listed(missing)}
            notices.append(Problem("geodata.missing_stat", params=params))
    if problems:
        raise InputError(problems)
    return fields


def _first_value(regions: list[tuple[str, dict[str, Any]]], col: str, code: str) -> str:
    for _label, found in regions:
        v = found.get(col, {}).get(code)
        if v is not None and str(v).strip() and str(v) != "nan":
            return str(v).strip()
    return ""


def _assemble(gdf: Any, parts: _Parts, notices: list[Problem], boundary_label: str) -> GeoData:
    codes = list(gdf.index)
    fields = _statistics(gdf, parts.stats, notices)
    gdf["name"] = [parts.names.get(c, c) for c in codes]
    for pair in REGION_COLUMNS.values():
        for col in pair:
            gdf[col] = [_first_value(parts.regions, col, c) for c in codes]
    order = ["name", "inhabitants", "households", "dwellings"]
    order += [c for pair in REGION_COLUMNS.values() for c in pair]
    gdf = gdf[[*order, "geometry"]]
    used_files = [boundary_label]
    for text in fields.values():
        for part in text.split("; "):
            name = part.split(": ")[0]
            if part and name not in used_files:
                used_files.append(name)
    source = "Geodata: " + ", ".join(used_files)
    data_years = [s.year for s in parts.stats if s.year and any(s.label in t for t in fields.values())]
    info = DatasetInfo(
        name=", ".join(used_files),
        year=max(data_years, default=0),
        checksum=content_checksum(gdf),
        builtin=False,
    )
    return GeoData(
        table=build_table(gdf, source),
        boundaries=gdf,
        notices=notices,
        sources=parts.sources,
        fields=fields,
        info=info,
    )
