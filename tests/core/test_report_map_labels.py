"""Map labels: greedy placement by priority without overlap (issue 12 item 7)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from reportlab.graphics.shapes import String

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.report.build import prepare
from ber.report.mapdraw import label_priorities, region_map
from ber.report.maplabels import LabelRequest, label_box, overlaps, place_labels
from tests.core.test_report_map import _walk


def _req(text: str, x: float, y: float, prio: int, width: float = 60.0) -> LabelRequest:
    return LabelRequest(text, x, y, prio, 7.0, width)


def test_overlapping_labels_are_moved_or_dropped_by_priority() -> None:
    # two names on the same spot: the important one keeps the centre, the other moves
    placed = place_labels([_req("Vught", 100, 100, 3), _req("Sint-Michielsgestel", 100, 100, 0)])
    assert placed[0].text == "Sint-Michielsgestel"
    assert placed[0].x == 100
    assert len(placed) == 2 and not overlaps(placed[0].box, placed[1].box)


def test_low_priority_label_dropped_when_no_offset_is_free() -> None:
    crowd = [_req(f"L{i}", 100, 100, 3) for i in range(20)]
    placed = place_labels([*crowd, _req("Host", 100, 100, 0)])
    assert placed[0].text == "Host"
    assert len(placed) < 21  # some were dropped
    for i, a in enumerate(placed):
        for b in placed[i + 1 :]:
            assert not overlaps(a.box, b.box), (a.text, b.text)


def test_obstacles_and_bounds_are_respected() -> None:
    obstacle = label_box(100, 100 - 2.1, 60, 7)
    placed = place_labels([_req("A", 100, 100, 0)], [obstacle], (0, 0, 200, 200))
    assert placed and not overlaps(placed[0].box, obstacle)
    assert place_labels([_req("B", 5, 5, 0, width=300)], None, (0, 0, 200, 200)) == []


@pytest.fixture(scope="module")
def demo() -> tuple[Any, Any]:
    case = demo_case()
    return case, assess(case, Context.default())


def test_map_labels_host_sites_and_deciding_without_overlap(demo: tuple[Any, Any], tmp_path: Path) -> None:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    case, result = demo
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, None, None, None)
    prio = label_priorities(data)
    assert prio[result.site.host_municipality] == 0
    deciding = {c for v in result.verdict.values() for c in (v.municipality, v.unknown_municipality) if c}
    assert deciding and deciding <= set(prio)
    must = {data.municipality_name(c) for c in prio}
    shapes = _walk(region_map(data))
    names = {data.municipality_name(m.code) for m in result.municipalities}
    labels = [s for s in shapes if isinstance(s, String) and s.text in names]
    assert must <= {s.text for s in labels}
    boxes = [label_box(s.x, s.y, stringWidth(s.text, s.fontName, s.fontSize), s.fontSize) for s in labels]
    for i, a in enumerate(boxes):
        for j in range(i + 1, len(boxes)):
            assert not overlaps(a, boxes[j]), (labels[i].text, labels[j].text)


def test_map_page_text_names_host_sites_and_deciding(demo: tuple[Any, Any], tmp_path: Path) -> None:
    from pypdf import PdfReader

    from ber.report import build_report

    case, result = demo
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, None, None, None)
    must = {data.municipality_name(c) for c in label_priorities(data)}
    out = build_report(result, case, tmp_path / "r.pdf")
    pages = [" ".join((p.extract_text() or "").split()) for p in PdfReader(str(out.path)).pages]
    (page,) = [t for t in pages if "Kaartgegevens" in t]
    site_names = " ".join(s.name for s in result.sites)
    for name in must:
        # a name that is also in a site's legend entry must appear once more, as a label
        assert page.count(name) >= 1 + site_names.count(name), name
