"""MapView: drawing, recolouring, interaction and export (pytest-qt, offscreen)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication, QGraphicsItem, QToolTip
from pytestqt.qtbot import QtBot
from shapely.geometry import Polygon

from ber.maplayer import STATUS_COLOURS, MapLayer
from gui.map_view import MapView


def _square(x0: float, y0: float, size: float) -> Polygon:
    return Polygon([(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size)])


#: three 10 km municipalities side by side (west to east), a fourth one north of the first
SQUARES = {
    "GM0001": _square(100_000, 400_000, 10_000),
    "GM0002": _square(110_000, 400_000, 10_000),
    "GM0003": _square(120_000, 400_000, 10_000),
    "GM0004": _square(100_000, 410_000, 10_000),
}


@pytest.fixture
def view(qtbot: QtBot) -> MapView:
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(600, 400)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_layer(MapLayer.from_polygons(SQUARES, {c: f"Gemeente {c[-1]}" for c in SQUARES}))
    return widget


def _rgb(colour: QColor) -> tuple[int, int, int]:
    return (colour.red(), colour.green(), colour.blue())


def test_object_and_accessible_names(view: MapView) -> None:
    assert view.objectName() == "map_view"
    assert view.accessibleName() == "Kaart van de gemeenten"
    view.set_language("en")
    assert view.accessibleName() == "Map of the municipalities"


def test_recolour_changes_brushes_only(view: MapView) -> None:
    count = len(view.scene().items())
    view.set_statuses({"GM0001": "green", "GM0002": "amber", "GM0003": "red"}, "Zorg: huisarts")
    assert view.colour_of("GM0001") == STATUS_COLOURS["green"]
    assert view.colour_of("GM0002") == STATUS_COLOURS["amber"]
    assert view.colour_of("GM0003") == STATUS_COLOURS["red"]
    assert view.colour_of("GM0004") == STATUS_COLOURS["outside"]  # no status: not assessed
    assert len(view.scene().items()) == count  # no polygon rebuilt
    view.set_statuses({"GM0001": "red", "GM0002": "grey"}, "Onderwijs")
    assert view.colour_of("GM0001") == STATUS_COLOURS["red"]
    assert view.colour_of("GM0002") == STATUS_COLOURS["grey"]
    # the unknown status is also hatched: exactly one extra (hatch) item
    assert len(view.scene().items()) == count + 1


def test_region_fades_other_municipalities(view: MapView) -> None:
    view.set_statuses({"GM0001": "red", "GM0002": "green", "GM0003": "amber"})
    view.set_region(["GM0001", "GM0002"])
    assert view.colour_of("GM0001") == STATUS_COLOURS["red"]
    assert view.colour_of("GM0003") == STATUS_COLOURS["outside"]
    view.set_region(None)
    assert view.colour_of("GM0003") == STATUS_COLOURS["amber"]


def test_pressure_ramp_colours(view: MapView) -> None:
    view.set_pressures({"GM0001": 0.0, "GM0002": 1.0, "GM0003": None}, "Huisvesting")
    assert view.colour_of("GM0001") == STATUS_COLOURS["green"]
    assert view.colour_of("GM0002") == STATUS_COLOURS["red"]
    assert view.colour_of("GM0003") == STATUS_COLOURS["grey"]
    assert view.colour_of("GM0004") == STATUS_COLOURS["outside"]


def test_click_emits_municipality_code(view: MapView, qtbot: QtBot) -> None:
    pos = view.viewport_pos_of(115_000, 405_000)  # centre of GM0002
    with qtbot.waitSignal(view.municipalityClicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["GM0002"]
    assert view.selected() == "GM0002"
    # north of the middle square lies nothing: no signal, selection kept
    empty = view.viewport_pos_of(115_000, 415_000)
    with qtbot.assertNotEmitted(view.municipalityClicked):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=empty)


def test_add_site_mode_emits_rd_coordinates(view: MapView, qtbot: QtBot) -> None:
    view.set_add_site_mode(True)
    pos = view.viewport_pos_of(104_321, 412_345)
    with (
        qtbot.waitSignal(view.siteRequested, timeout=1000) as blocker,
        qtbot.assertNotEmitted(view.municipalityClicked),
    ):
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    x, y = blocker.args
    # a click lands on a whole pixel: within two pixels of the asked point
    tolerance = 2 * view.metres_per_pixel()
    assert x == pytest.approx(104_321, abs=tolerance)
    assert y == pytest.approx(412_345, abs=tolerance)  # north is up: y was not mirrored
    view.set_add_site_mode(False)
    with qtbot.waitSignal(view.municipalityClicked, timeout=1000) as blocker:
        qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["GM0004"]


def test_hover_emits_code(view: MapView, qtbot: QtBot) -> None:
    view.set_tooltips({"GM0003": "Gemeente 3 (GM0003)\nrood"})
    with qtbot.waitSignal(view.hovered, timeout=1000) as blocker:
        qtbot.mouseMove(view.viewport(), view.viewport_pos_of(125_000, 405_000))
    assert blocker.args == ["GM0003"]
    assert view.tooltip_for("GM0003").endswith("rood")
    qtbot.waitUntil(lambda: QToolTip.text() == "Gemeente 3 (GM0003)\nrood", timeout=1000)
    # leaving the municipality for the sea clears the hover
    with qtbot.waitSignal(view.hovered, timeout=1000) as blocker:
        qtbot.mouseMove(view.viewport(), view.viewport_pos_of(125_000, 425_000))
    assert blocker.args == [""]
    assert view.tooltip_for("GM0001") == "Gemeente 1 (GM0001)"


def _wheel(view: MapView, pos: QPoint, delta: int) -> None:
    event = QWheelEvent(
        QPointF(pos),
        QPointF(view.viewport().mapToGlobal(pos)),
        QPoint(0, 0),
        QPoint(0, delta),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(view.viewport(), event)


def test_wheel_zoom_around_cursor(view: MapView) -> None:
    before = view.transform().m11()
    pos = view.viewport_pos_of(105_000, 405_000)
    _wheel(view, pos, 120)  # one notch in: 1.25 times
    assert view.transform().m11() == pytest.approx(before * 1.25)
    # the point under the cursor stays under the cursor (within a pixel)
    after = view.viewport_pos_of(105_000, 405_000)
    assert abs(after.x() - pos.x()) <= 1 and abs(after.y() - pos.y()) <= 1
    _wheel(view, pos, -240)  # two notches out
    assert view.transform().m11() == pytest.approx(before / 1.25)


def test_keyboard_zoom_pan_and_fit(view: MapView, qtbot: QtBot) -> None:
    view.setFocus()
    scale = view.transform().m11()
    qtbot.keyClick(view, Qt.Key.Key_Plus)
    assert view.transform().m11() == pytest.approx(scale * 1.25)
    centre = view.viewport().rect().center()
    x0, y0 = view.rd_at(centre)
    qtbot.keyClick(view, Qt.Key.Key_Right)
    x1, y1 = view.rd_at(centre)
    # one arrow press moves a tenth of the viewport width (60 px) east
    assert x1 - x0 == pytest.approx(60 * view.metres_per_pixel(), rel=0.05)
    assert y1 == pytest.approx(y0, abs=view.metres_per_pixel())
    qtbot.keyClick(view, Qt.Key.Key_Up)
    assert view.rd_at(centre)[1] > y1  # up = north
    qtbot.keyClick(view, Qt.Key.Key_Minus)
    assert view.transform().m11() == pytest.approx(scale)
    view.set_region(["GM0003"])
    qtbot.keyClick(view, Qt.Key.Key_0)
    assert view.code_at(centre) == "GM0003"


def _drag_east(view: MapView, qtbot: QtBot, start: QPoint) -> None:
    """Press at start, move 50 pixels east in five steps and release."""
    qtbot.mousePress(view.viewport(), Qt.MouseButton.LeftButton, pos=start)
    for step in range(1, 6):
        qtbot.mouseMove(view.viewport(), start + QPoint(10 * step, 0))
    qtbot.mouseRelease(view.viewport(), Qt.MouseButton.LeftButton, pos=start + QPoint(50, 0))


def test_drag_pans_without_click(view: MapView, qtbot: QtBot) -> None:
    start = view.viewport_pos_of(105_000, 405_000)
    x0, _ = view.rd_at(start)
    with qtbot.assertNotEmitted(view.municipalityClicked):
        _drag_east(view, qtbot, start)
    # the map moved with the mouse: the point under the start position is now further west
    assert view.rd_at(start)[0] < x0 - 40 * view.metres_per_pixel()


def test_detail_geometry_when_zoomed_in(view: MapView) -> None:
    assert not view.is_detailed()
    for _ in range(30):
        view.zoom_by(1.25)
    assert view.metres_per_pixel() == pytest.approx(2.0)  # zoom limit: 2 m per pixel
    assert view.is_detailed()
    view.fit_all()
    assert not view.is_detailed()


def test_site_markers(view: MapView) -> None:
    view.set_sites([("Bedrijf A", 105_000, 405_000, True), ("Bedrijf B", 125_000, 405_000, False)])
    markers = view.site_markers()
    assert [(m.name, m.chosen) for m in markers] == [("Bedrijf A", True), ("Bedrijf B", False)]
    assert all(m.flags() & QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations for m in markers)
    assert all(m.label_visible() for m in markers)  # far apart: both labels shown
    view.set_sites([("Bedrijf A", 105_000, 405_000, True), ("Bedrijf C", 105_050, 405_000, False)])
    chosen, alternative = view.site_markers()
    assert chosen.label_visible() and not alternative.label_visible()  # overlapping label hidden


def _distinct_colours(image: QImage, step: int = 7) -> set[int]:
    return {image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)}


def test_export_png_and_svg(view: MapView, tmp_path: Path) -> None:
    view.set_statuses({"GM0001": "green", "GM0002": "amber", "GM0003": "red", "GM0004": "grey"}, "Zorg")
    png = view.export_png(tmp_path / "kaart.png")
    image = QImage(str(png))
    assert image.size() == view.viewport().size()
    assert len(_distinct_colours(image)) > 5
    assert view.export_png(tmp_path / "kaart2x.png", scale=2).stat().st_size > png.stat().st_size
    svg = view.export_svg(tmp_path / "kaart.svg")
    content = svg.read_text(encoding="utf-8")
    assert "<svg" in content and "<path" in content
    assert "Bron: CBS, PDOK" in content  # the attribution overlay is in the export
    # the red municipality's colour is in the vector file
    assert "#b2182b" in content.lower()


def test_screenshot_not_blank(view: MapView) -> None:
    view.set_statuses({"GM0002": "red"})
    image = view.grab().toImage()
    assert not image.isNull()
    assert len(_distinct_colours(image)) > 5
    pos = view.viewport_pos_of(115_000, 402_000)  # inside GM0002, below the centre
    pixel = view.viewport().grab().toImage().pixelColor(pos)
    assert _rgb(pixel) == STATUS_COLOURS["red"]


# ----------------------------------------------------------------- national map


def test_national_map_demo_statuses(qtbot: QtBot, national_layer: MapLayer, tmp_path: Path) -> None:
    from ber.case.demo import demo_case
    from ber.engine.assess import assess
    from ber.maplayer import statuses_for, tooltips_for

    result = assess(demo_case())
    widget = MapView()
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    widget.show()
    qtbot.waitExposed(widget)
    widget.set_layer(national_layer)
    statuses = statuses_for(result, "housing_dwellings")
    widget.set_statuses(statuses, "Huisvesting: woningen")
    widget.set_region(result.region["municipalities"])
    widget.set_tooltips(tooltips_for(result, dict(national_layer.names)))
    widget.names.enabled = False  # the fill colours are sampled where a name may stand
    widget.fit_region()
    image = widget.viewport().grab().toImage()
    widget.viewport().grab().save(str(tmp_path / "noord_limburg.png"))
    # sample each region municipality at a point well inside it
    for code in result.region["municipalities"]:
        geom = national_layer.index.geometries[national_layer.index.codes.index(code)]
        point = geom.representative_point()
        pixel = _rgb(image.pixelColor(widget.viewport_pos_of(point.x, point.y)))
        if statuses[code] == "grey":  # hatched: either the grey or the hatch colour
            assert pixel in (STATUS_COLOURS["grey"], (95, 95, 95)), code
        else:
            assert pixel == STATUS_COLOURS[statuses[code]], code
    # a click on Venlo selects Venlo
    pos = widget.viewport_pos_of(205_021, 379_119)
    with qtbot.waitSignal(widget.municipalityClicked, timeout=1000) as blocker:
        qtbot.mouseClick(widget.viewport(), Qt.MouseButton.LeftButton, pos=pos)
    assert blocker.args == ["GM0983"]
    assert widget.tooltip_for("GM0983").startswith("Venlo (GM0983)")


def test_many_qt_calls_keep_none_alive(view: MapView) -> None:
    # PySide6 6.12.0 on CPython < 3.12 drops a reference to None on every void
    # Qt call (excluded in pyproject.toml); with it this loop of 3,000 void calls
    # lowers None's reference count by 3,000 (and 30,000 abort the interpreter).
    import sys

    view.set_statuses({"GM0001": "red"})
    item = view.scene().items()[0]
    before = sys.getrefcount(None)
    for i in range(3_000):
        item.setZValue(i % 3)
    assert sys.getrefcount(None) > before - 500


def test_replacing_the_layer(view: MapView) -> None:
    view.set_statuses({"GM0001": "grey"})
    view.set_selected("GM0001")
    view.set_layer(MapLayer.from_polygons({"GM0009": _square(0, 0, 5000)}, {"GM0009": "Nieuw"}))
    assert view.selected() is None
    # the grey hatch of the old layer is gone; the new polygon has no status yet
    assert view.colour_of("GM0009") == STATUS_COLOURS["outside"]
    # one polygon, its name + the selection (line, halo) and hover outlines
    assert len(view.scene().items()) == 5
    assert view.names is not None and [i.text() for i in view.names.items] == ["Nieuw"]
    assert view.code_at(view.viewport_pos_of(2500, 2500)) == "GM0009"


def test_drag_in_add_site_mode_pans_without_adding(view: MapView, qtbot: QtBot) -> None:
    view.set_add_site_mode(True)
    start = view.viewport_pos_of(105_000, 405_000)
    x0, _ = view.rd_at(start)
    with qtbot.assertNotEmitted(view.siteRequested):
        _drag_east(view, qtbot, start)
    assert view.rd_at(start)[0] < x0 - 40 * view.metres_per_pixel()


def test_widget_texts_complete_in_both_languages() -> None:
    from gui.map_demo import TEXTS as DEMO_TEXTS
    from gui.map_view import TEXTS

    for table in (TEXTS, DEMO_TEXTS):
        for key, texts in table.items():
            assert set(texts) == {"nl", "en"}, key
            assert all(t.strip() for t in texts.values()), key


def test_tooltip_stays_while_the_pointer_rests(
    view: MapView, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Issue 13: the municipality tooltip vanished while the pointer rested (the scene's
    own tooltip event found no item tooltip and hid it after ~0.7 s). The view asks Qt for
    a display time far beyond Qt's default (10 s plus 40 ms per character over 100), and
    the tooltip is still shown after the delay at which it used to vanish."""
    import gui.map_view.view as view_module

    view.set_tooltips({"GM0003": "Gemeente 3 (GM0003)\nrood"})
    shown: list[tuple[str, int]] = []
    real_show = QToolTip.showText

    def spy(pos: QPoint, text: str, w: object = None, rect: object = None, msec: int = -1) -> None:
        shown.append((text, msec))
        real_show(pos, text, w, rect, msec)  # type: ignore[arg-type]

    monkeypatch.setattr(QToolTip, "showText", spy)
    qtbot.mouseMove(view.viewport(), view.viewport_pos_of(125_000, 405_000))
    qtbot.waitUntil(lambda: bool(shown), timeout=1000)
    text, msec = shown[-1]
    assert text == "Gemeente 3 (GM0003)\nrood"
    assert msec == view_module.TOOLTIP_MS >= 60_000  # not Qt's default timeout (-1)
    qtbot.waitUntil(QToolTip.isVisible, timeout=1000)
    assert QToolTip.text() == text
    qtbot.wait(3500)  # it used to vanish after about 3 s
    assert QToolTip.isVisible() and QToolTip.text() == text
    # leaving for the sea hides it at once
    qtbot.mouseMove(view.viewport(), view.viewport_pos_of(125_000, 425_000))
    qtbot.waitUntil(lambda: not QToolTip.isVisible(), timeout=1000)


def test_site_label_near_the_right_edge_is_not_cut(view: MapView) -> None:
    """Issue 13: a long site name near the map's right edge ran off the map; it now goes
    left of its marker and lies wholly inside the viewport."""
    name = "Horst aan de Maas – Sevenum (illustratief)"
    view.set_sites([("Bedrijf A", 105_000, 405_000, True), (name, 125_000, 405_000, False)])
    view.fit_region()
    markers = {m.name: m for m in view.site_markers()}
    inside = QRectF(view.viewport().rect())
    # pan the far site to the right edge: its label flips to the left, whole
    far = markers[name]
    view.pan_by(view.mapFromScene(far.pos()).x() - view.viewport().width() + 20, 0)
    at = QPointF(view.mapFromScene(far.pos()))
    assert far.label_left() and far.label_visible()
    assert inside.contains(far.label_rect().translated(at))
    assert far.label_rect().width() >= far.label_rect(left=False).width()  # the full name
    # the other one, away from the edge, keeps its label on the right
    assert not markers["Bedrijf A"].label_left()
