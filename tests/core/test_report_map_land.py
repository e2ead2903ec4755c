"""The report map draws Belgium and Germany as land (Natural Earth), with legend entry and credit."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader
from reportlab.graphics.shapes import Path as RLPath
from reportlab.graphics.shapes import String
from reportlab.lib import colors

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.io.paths import reference_dir
from ber.report import build_report
from ber.report.build import prepare
from ber.report.mapdraw import region_map
from ber.report.mapland import FILE, FILL, foreign_land
from tests.core.test_report_map import _walk


def test_shipped_outline_is_belgium_and_germany_in_rd() -> None:
    doc = json.loads((reference_dir() / FILE).read_text(encoding="utf-8"))
    assert [f["properties"]["name"] for f in doc["features"]] == ["Belgium", "Germany"]
    assert "Natural Earth" in doc["source"]
    be, de = foreign_land()
    # RD New metres: Germany lies east of Venlo (x 205 km), Belgium south of Breda (y 400 km)
    assert de.bounds[2] > 300_000 and be.bounds[1] < 350_000
    # Venlo's site is in the Netherlands; a point 15 km east of it in Germany
    import shapely

    assert de.contains(shapely.Point(222_000, 379_000))
    assert not be.contains(shapely.Point(155_000, 463_000))  # Utrecht


def test_demo_map_draws_foreign_land_and_credits_it(tmp_path: Path) -> None:
    case = demo_case()
    result = assess(case, Context.default())
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, None, None, None)
    shapes = _walk(region_map(data))
    land = [s for s in shapes if isinstance(s, RLPath) and s.fillColor == colors.HexColor(FILL)]
    assert land, "Germany next to Venlo is drawn as land"
    assert "buitenland" in {s.text for s in shapes if isinstance(s, String)}
    out = build_report(result, case, tmp_path / "r.pdf")
    text = " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(out.path)).pages)
    assert "Natural Earth" in text and "CBS, PDOK" in text
