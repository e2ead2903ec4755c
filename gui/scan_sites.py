"""A scan of the points of a business-park file (``ber scan --sites``) in the map's
"Waar past het het best?" mode: the file dialog, the rows' keys (several points may lie
in one municipality), and the points drawn on the map by worst verdict or rank."""

from __future__ import annotations

from PySide6.QtWidgets import QFileDialog, QWidget

from ber.engine.scan_result import ScanResult, ScanRow
from ber.maplayer.style import STATUS_COLOURS
from ber.texts.labels import STATUS_LABELS
from ber.texts.verdicts import percent_floor
from gui.map_view.scan_points import ScanPointSpec
from gui.texts import language, title, tr


def ask_sites_file(parent: QWidget | None, folder: str = "") -> str:
    """The file of business parks to scan ("" when cancelled; tests replace this function)."""
    path, _ = QFileDialog.getOpenFileName(parent, title("scan.file_title"), folder, tr("sites.import_filter"))
    return str(path)


def from_file(result: ScanResult | None) -> bool:
    """Whether the scan was of the points of a file (not of municipalities)."""
    return result is not None and result.hosts_from == "sites"


def row_keys(result: ScanResult) -> list[str]:
    """The table's row keys: the host's code (municipalities), or the point's position (a file)."""
    if from_file(result):
        return [f"#{i}" for i in range(len(result.rows))]
    return [r.host_municipality for r in result.rows]


def point_tooltip(row: ScanRow, count: int, worst: str) -> str:
    lang = language()
    return tr(
        "scan.point_tooltip",
        rank=row.rank,
        count=count,
        name=row.name,
        host=row.host_name,
        red=row.red,
        amber=row.amber,
        unknown=percent_floor(row.unknown_share, lang),
        verdict=STATUS_LABELS[worst][lang],
    )


def point_specs(result: ScanResult, colouring: str) -> list[ScanPointSpec]:
    """The map's points of a file scan, coloured by worst verdict or on the rank ramp."""
    from gui.scan_panel import RankRamp, rank_fraction, worst_verdict

    ramp = RankRamp(hosts=len(result.rows))
    out: list[ScanPointSpec] = []
    for r in result.rows:
        worst = worst_verdict(r)
        rgb = ramp.colour(rank_fraction(result, r)) if colouring == "rank" else STATUS_COLOURS[worst]
        out.append((r.x, r.y, rgb, r.rank, point_tooltip(r, len(result.rows), worst)))
    return out
