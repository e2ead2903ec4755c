"""Results to GIS: a GeoPackage (EPSG:28992) that QGIS opens with the statuses in colour.

:func:`write_result_gpkg` writes, for one assessment:

``municipalities``
    one feature per municipality of the region: polygons when boundary polygons
    were imported (``ber geodata import``), else the centroids as points. Fields:
    ``code``, ``name``, ``year`` (the full-operation year), ``distance_km``,
    ``residence_share`` (0..1), ``workers``, ``residents``, ``capacity_coverage``
    (share of domains whose capacity is known, 0..1), ``status`` (the worst status
    over the domains) and per domain ``<domain>_demand``, ``_capacity``,
    ``_pressure``, ``_status`` of the full-operation year. Unknown numbers are NULL,
    never a word; the status beside them says ``grey`` (unknown).
``sites``
    the candidate sites as points: ``rank``, ``name``, ``host_municipality``,
    ``host_name``, ``chosen``, counts ``red``, ``amber``, ``unknown`` of
    municipality × domain cells, ``max_pressure``, ``commute_vehicle_km_per_day``,
    ``status`` (worst) and ``<domain>_status`` (the regional verdict at that site).
    Without candidate sites: the case's own site.
``region``
    the outline of the region (union of its polygons; only with polygons).
``layer_styles``
    the QGIS styles (``ber.io.qgis_style``): statuses in the map's colours, field
    aliases with units in the export's language.

:func:`write_ranking_gpkg` writes the ``sites`` layer of a site comparison.

Field names are stable English identifiers (for joins and scripts); codes of
statuses are ``green``, ``amber``, ``red``, ``grey``. Result fields are read
through the accessors of ``ber.io.result_table`` (shared with the Excel export), so
that a change of the result model touches only them.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ber.case.model import atomic_write_bytes
from ber.engine.domains import domain_unit
from ber.engine.result import Assessment, SiteRank
from ber.io.qgis_style import categorized_qml, outline_qml
from ber.io.result_table import MEASURES, domains, municipality_records, verdict_status, worst
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, unit_label
from ber.texts.messages import Lang

CRS = "EPSG:28992"


# -- labels --------------------------------------------------------------------------


def _measure_label(measure: str, domain: str, lang: Lang) -> str:
    word = text(f"excel.gpkg.measure.{measure}", lang)
    unit = f" ({unit_label(domain_unit(domain), lang)})" if measure in ("demand", "capacity") else ""
    return f"{DOMAIN_LABELS[domain][lang]} – {word}{unit}"


#: the attribute fields with a readable alias (``excel.gpkg.field.<field>`` in the catalogue)
ALIASED_FIELDS = (
    "code",
    "name",
    "year",
    "distance_km",
    "residence_share",
    "workers",
    "residents",
    "capacity_coverage",
    "status",
    "rank",
    "host_municipality",
    "host_name",
    "chosen",
    "red",
    "amber",
    "unknown",
    "max_pressure",
    "commute_vehicle_km_per_day",
    "label",
    "method",
    "cutoff_km",
    "policy_status",
    "stale_figures",
)


def _aliases(lang: Lang) -> dict[str, str]:
    out = {f: text(f"excel.gpkg.field.{f}", lang) for f in ALIASED_FIELDS}
    for d in domains():
        for measure in MEASURES:
            out[f"{d}_{measure}"] = _measure_label(measure, d, lang)
    return out


# -- layers --------------------------------------------------------------------------


def _own_site(result: Assessment, records: list[dict[str, Any]]) -> SiteRank:
    """The case's own site as a ranked site (when no candidates were compared)."""
    cells = [r[f"{d}_status"] for r in records for d in domains()]
    return SiteRank(
        name=result.site.name,
        host_municipality=result.site.host_municipality,
        host_name=result.site.host_name,
        x=float(result.site.x),
        y=float(result.site.y),
        chosen=True,
        rank=1,
        red=cells.count("red"),
        amber=cells.count("amber"),
        grey=cells.count("grey"),
        max_pressure=max(
            (r[f"{d}_pressure"] for r in records for d in domains() if r[f"{d}_pressure"] is not None),
            default=None,
        ),
        no_capacity=any(m.domains[d].no_capacity for m in result.municipalities for d in domains()),
        commute_vehicle_km_per_day=float(result.totals.value("commute_vehicle_km_per_day")),
        verdict={d: verdict_status(result, d) for d in domains()},
        unknown_share=_unknown_share(result),
        coverage={d: v.coverage for d, v in result.verdict.items() if v.coverage is not None},
    )


def _unknown_share(result: Assessment) -> float:
    """Share of demand on unknown capacity, averaged over the domains with demand (as RankKey)."""
    shares = [
        v.unknown_demand / total
        for d, v in result.verdict.items()
        if (total := sum(m.domains[d].demand for m in result.municipalities if d in m.domains)) > 0
    ]
    return sum(shares) / len(shares) if shares else 0.0


def site_records(sites: Sequence[SiteRank]) -> list[dict[str, Any]]:
    records = []
    for s in sites:
        rec: dict[str, Any] = {
            "rank": int(s.rank),
            "name": s.name,
            "host_municipality": s.host_municipality,
            "host_name": s.host_name,
            "chosen": bool(s.chosen),
            "red": int(s.red),
            "amber": int(s.amber),
            "unknown": int(s.grey),
            "max_pressure": s.max_pressure,
            "commute_vehicle_km_per_day": float(s.commute_vehicle_km_per_day),
            "status": worst([s.verdict[d] for d in domains() if d in s.verdict]),
            "x": float(s.x),
            "y": float(s.y),
        }
        for d in domains():
            rec[f"{d}_status"] = s.verdict.get(d, "grey")
        records.append(rec)
    return records


def _frame(records: list[dict[str, Any]], geometries: list[Any]) -> Any:
    import geopandas as gpd
    import pandas as pd

    frame = pd.DataFrame.from_records(records)
    # numbers stay numbers where every value is unknown (a site domain without capacity): REAL, NULL
    for column in frame.columns:
        if str(column).endswith(("_demand", "_capacity", "_pressure", "_coverage")):
            frame[column] = frame[column].astype("float64")
    return gpd.GeoDataFrame(frame, geometry=gpd.GeoSeries(geometries, crs=CRS), crs=CRS)


def _points(records: list[dict[str, Any]]) -> Any:
    import shapely

    geoms = [shapely.Point(r.pop("x"), r.pop("y")) for r in records]
    return _frame(records, geoms)


# -- writing -------------------------------------------------------------------------


def _geometry_column(path: Path, layer: str) -> str:
    with sqlite3.connect(path) as conn:
        row = conn.execute(
            "SELECT column_name FROM gpkg_geometry_columns WHERE table_name = ?", (layer,)
        ).fetchone()
    return str(row[0]) if row else "geom"


def _write_styles(path: Path, styles: list[tuple[str, str, str, bool]]) -> None:
    """The ``layer_styles`` table QGIS reads: (layer, style name, QML, default)."""
    import datetime as dt

    import pandas as pd
    import pyogrio

    now = dt.datetime.now(dt.UTC).replace(microsecond=0, tzinfo=None)
    rows = [
        {
            "f_table_catalog": "",
            "f_table_schema": "",
            "f_table_name": layer,
            "f_geometry_column": _geometry_column(path, layer),
            "styleName": name,
            "styleQML": qml,
            "styleSLD": "",
            "useAsDefault": default,
            "description": "BER-desk",
            "owner": "",
            "ui": "",
            "update_time": pd.Timestamp(now),
        }
        for layer, name, qml, default in styles
    ]
    pyogrio.write_dataframe(pd.DataFrame(rows), path, layer="layer_styles", driver="GPKG", append=True)


def _save(path: Path, layers: list[tuple[str, Any]], styles: list[tuple[str, str, str, bool]]) -> None:
    """Build the GeoPackage in a private folder, then put it in place atomically."""
    folder = Path(tempfile.mkdtemp(prefix="ber-gpkg-"))
    try:
        tmp = folder / "out.gpkg"
        for name, frame in layers:
            frame.to_file(tmp, layer=name, driver="GPKG", engine="pyogrio", append=tmp.exists())
        _write_styles(tmp, styles)
        atomic_write_bytes(path, tmp.read_bytes())
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _field_names(frame: Any) -> list[str]:
    return [c for c in frame.columns if c != frame.geometry.name]


def _add_checks(result: Assessment, records: list[dict[str, Any]]) -> None:
    """Per municipality: the worst policy check (ok/exceeded/unknown; NULL without a rule)
    and how many of its capacity figures are stale or undated."""
    from ber.engine.checks import policy_status_by_municipality

    worst_check = policy_status_by_municipality(result.policy_checks)
    for rec in records:
        rec["policy_status"] = worst_check.get(rec["code"])
        rec["stale_figures"] = sum(
            1 for f in result.capacity_figures if f.municipality == rec["code"] and f.note
        )


def write_result_gpkg(
    path: Path | str,
    result: Assessment,
    polygons: Mapping[str, Any] | None = None,
    centroids: Mapping[str, tuple[float, float]] | None = None,
    lang: Lang = "nl",
) -> list[str]:
    """Write the assessment's GeoPackage; returns the layer names written.

    ``polygons``: municipality code -> shapely (multi)polygon in RD metres (from the
    imported boundaries); ``centroids``: code -> (x, y), used when there are no
    polygons (the built-in region): the municipalities are then points and there is
    no region outline.
    """
    import shapely

    records = municipality_records(result)
    _add_checks(result, records)
    codes = [r["code"] for r in records]
    with_polygons = bool(polygons) and all(c in (polygons or {}) for c in codes)
    if with_polygons:
        assert polygons is not None
        geoms = [polygons[c] for c in codes]
    else:
        points = centroids or {}
        geoms = [shapely.Point(*points[c]) if c in points else None for c in codes]
    munis = _frame(records, geoms)
    sites = _points(site_records(result.sites or [_own_site(result, records)]))
    aliases = _aliases(lang)
    kind = "fill" if with_polygons else "marker"
    layers: list[tuple[str, Any]] = [("municipalities", munis), ("sites", sites)]
    styles = [
        (
            "municipalities",
            "BER-desk: status",
            categorized_qml("status", kind, lang, _field_names(munis), aliases, label_field="name"),
            True,
        ),
        *[
            (
                "municipalities",
                f"BER-desk: {DOMAIN_LABELS[d][lang]}",
                categorized_qml(f"{d}_status", kind, lang, _field_names(munis), aliases, label_field="name"),
                False,
            )
            for d in domains()
        ],
        (
            "sites",
            "BER-desk: status",
            categorized_qml("status", "marker", lang, _field_names(sites), aliases, label_field="rank"),
            True,
        ),
    ]
    if with_polygons:
        region_rec: dict[str, Any] = {
            "label": str(result.region.get("label") or ""),
            "method": str(result.region.get("method") or ""),
            "cutoff_km": result.region.get("cutoff_km"),
            "year": int(result.full_operation_year),
            "status": worst([verdict_status(result, d) for d in domains()]),
        }
        for d in domains():
            region_rec[f"{d}_status"] = verdict_status(result, d)
        outline = shapely.union_all([shapely.make_valid(g) for g in geoms])
        region = _frame([region_rec], [outline])
        layers.append(("region", region))
        styles.append(("region", "BER-desk: outline", outline_qml(_field_names(region), aliases), True))
    _save(Path(path), layers, styles)
    return [name for name, _ in layers]


def write_ranking_gpkg(path: Path | str, sites: Sequence[SiteRank], lang: Lang = "nl") -> list[str]:
    """Write a site comparison's ranking as a ``sites`` point layer with its QGIS style."""
    frame = _points(site_records(sites))
    qml = categorized_qml("status", "marker", lang, _field_names(frame), _aliases(lang), label_field="rank")
    _save(Path(path), [("sites", frame)], [("sites", "BER-desk: status", qml, True)])
    return ["sites"]


def context_geometry(ctx: Any) -> tuple[dict[str, Any] | None, dict[str, tuple[float, float]]]:
    """(polygons or None, centroids) of a calculation context, for :func:`write_result_gpkg`."""
    geo = getattr(ctx, "geo", None)
    polygons = geo.boundaries_rd() if geo is not None and geo.has_polygons else None
    table = ctx.table
    centroids = {c: (float(table.x[i]), float(table.y[i])) for i, c in enumerate(table.codes)}
    return polygons, centroids


__all__ = [
    "CRS",
    "context_geometry",
    "municipality_records",
    "site_records",
    "write_ranking_gpkg",
    "write_result_gpkg",
]
