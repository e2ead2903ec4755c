"""A scan's outputs (``ber scan --csv/--gpkg``): a CSV table and a GeoPackage layer.

The GeoPackage holds one layer ``scan``: the municipalities of the area as polygons
(hosts by municipality), or the file's points (hosts from ``--sites``), with the rank,
the ranking columns and each domain's verdict; its QGIS style colours the worst
verdict. Both go through the atomic writer (``ber.io.atomic``).
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from ber.engine.domains import domain_keys
from ber.engine.result import SiteRank
from ber.engine.scan_result import ScanResult, ScanRow
from ber.io.atomic import write_output
from ber.io.gpkg import _aliases, _field_names, _frame, _save, site_records, write_ranking_gpkg
from ber.io.qgis_style import categorized_qml
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS
from ber.texts.messages import Lang

#: CSV columns before the domains' verdicts (headers ``excel.compare.column.*`` / ``excel.scan.column.*``)
CSV_COLUMNS = (
    ("compare", "rank"),
    ("compare", "name"),
    ("compare", "host_municipality"),
    ("compare", "host_name"),
    ("compare", "x_rd_epsg28992"),
    ("compare", "y_rd_epsg28992"),
    ("compare", "red"),
    ("compare", "amber"),
    ("compare", "unknown"),
    ("scan", "unknown_share"),
    ("compare", "max_pressure"),
    ("compare", "commute_vehicle_km_per_day"),
    ("scan", "region_size"),
)


def site_ranks(rows: Sequence[ScanRow]) -> list[SiteRank]:
    """The rows as ranked sites (the type of ``sites[]`` and ``ber compare``)."""
    return [
        SiteRank(
            name=r.name,
            host_municipality=r.host_municipality,
            host_name=r.host_name,
            x=r.x,
            y=r.y,
            chosen=False,
            rank=r.rank,
            red=r.red,
            amber=r.amber,
            grey=r.grey,
            max_pressure=r.max_pressure,
            no_capacity=r.no_capacity,
            commute_vehicle_km_per_day=r.commute_vehicle_km_per_day,
            verdict=dict(r.verdict),
            unknown_share=r.unknown_share,
            coverage=dict(r.coverage),
        )
        for r in rows
    ]


def _num(value: float | None, lang: Lang, decimals: int) -> str:
    """A number without thousands separators; decimal comma in Dutch; empty when unknown."""
    if value is None or not math.isfinite(value):
        return ""
    out = f"{value:.{decimals}f}"
    return out.replace(".", ",") if lang == "nl" else out


def scan_csv_bytes(result: ScanResult, lang: Lang = "nl") -> bytes:
    """CSV for Excel: ``;``-separated with decimal comma in Dutch, UTF-8 with BOM."""
    header = [text(f"excel.{group}.column.{c}", lang) for group, c in CSV_COLUMNS]
    header += [DOMAIN_LABELS[d][lang] for d in domain_keys()]
    buf = io.StringIO()
    writer = csv.writer(buf, delimiter=";" if lang == "nl" else ",", lineterminator="\r\n")
    writer.writerow(header)
    for r in result.rows:
        writer.writerow(
            [
                r.rank,
                r.name,
                r.host_municipality,
                r.host_name,
                _num(r.x, lang, 0),
                _num(r.y, lang, 0),
                r.red,
                r.amber,
                r.grey,
                _num(r.unknown_share, lang, 3),
                _num(r.max_pressure, lang, 2),
                _num(r.commute_vehicle_km_per_day, lang, 0),
                r.region_size,
                *[STATUS_LABELS[r.verdict.get(d, "grey")][lang] for d in domain_keys()],
            ]
        )
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def write_scan_csv(path: str, result: ScanResult, lang: Lang = "nl") -> None:
    write_output(path, scan_csv_bytes(result, lang))


def write_scan_gpkg(
    path: Path | str, result: ScanResult, polygons: Mapping[str, Any] | None, lang: Lang = "nl"
) -> list[str]:
    """The ``scan`` layer: host municipalities as polygons when ``polygons`` (code -> RD
    geometry) cover them and the hosts are municipalities, else the host points."""
    ranks = site_ranks(result.rows)
    if (
        result.hosts_from != "municipalities"
        or polygons is None
        or any(r.host_municipality not in polygons for r in ranks)
    ):
        write_ranking_gpkg(path, ranks, lang)
        return ["sites"]
    records = site_records(ranks)
    geoms = [polygons[r.host_municipality] for r in ranks]
    for rec, row in zip(records, result.rows, strict=True):
        rec.pop("x")
        rec.pop("y")
        rec.pop("chosen")
        rec["unknown_share"] = row.unknown_share
    frame = _frame(records, geoms)
    qml = categorized_qml("status", "fill", lang, _field_names(frame), _aliases(lang), label_field="rank")
    _save(Path(path), [("scan", frame)], [("scan", "BER-desk: status", qml, True)])
    return ["scan"]
