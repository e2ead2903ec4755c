"""Qt-free map logic: layer building, hit-testing, colours, legend, scale bar, tooltips."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from shapely.geometry import MultiPolygon, Polygon

from ber.engine.result import DomainResult, MunicipalityResult
from ber.maplayer import (
    STATUS_COLOURS,
    MapLayer,
    PressureRamp,
    legend_entries,
    lightness,
    nice_scale_bar,
    pressure_colours,
    pressures_for,
    rd_to_scene,
    scene_to_rd,
    status_colour,
    status_colours,
    statuses_for,
    tooltip_text,
    tooltips_for,
)

# ---------------------------------------------------------------- synthetic layer


def _square(x0: float, y0: float, size: float) -> Polygon:
    return Polygon([(x0, y0), (x0 + size, y0), (x0 + size, y0 + size), (x0, y0 + size)])


@pytest.fixture
def small_layer() -> MapLayer:
    # A: 10 km square with a 2 km hole in the middle; B: two squares to the east
    a = Polygon(
        _square(100_000, 400_000, 10_000).exterior.coords,
        [list(_square(104_000, 404_000, 2_000).exterior.coords)],
    )
    b = MultiPolygon([_square(110_000, 400_000, 5_000), _square(120_000, 400_000, 5_000)])
    return MapLayer.from_polygons({"GM0001": a, "GM0002": b}, {"GM0001": "Aadorp"})


def test_layer_rings_bounds_and_names(small_layer: MapLayer) -> None:
    assert small_layer.codes == ("GM0001", "GM0002")
    # exterior + hole for A, two exteriors for B; each ring closed (5 points for a square)
    assert [len(r) for r in small_layer.rings["GM0001"]] == [5, 5]
    assert [len(r) for r in small_layer.rings["GM0002"]] == [5, 5]
    assert small_layer.rings["GM0001"][0].dtype == np.float64
    assert small_layer.bounds == (100_000.0, 400_000.0, 125_000.0, 410_000.0)
    assert small_layer.name("GM0001") == "Aadorp"
    assert small_layer.name("GM0002") == "GM0002"  # no name given: the code
    assert "GM0002" in small_layer and "GM9999" not in small_layer
    assert small_layer.bounds_of(["GM0002"]) == (110_000.0, 400_000.0, 125_000.0, 405_000.0)
    assert small_layer.bounds_of(["GM9999"]) is None


def test_hit_inside_hole_and_outside(small_layer: MapLayer) -> None:
    assert small_layer.hit(101_000, 401_000) == "GM0001"
    assert small_layer.hit(105_000, 405_000) is None  # in A's hole
    assert small_layer.hit(122_000, 402_000) == "GM0002"  # second part of B
    assert small_layer.hit(117_000, 402_000) is None  # between B's parts
    assert small_layer.hit(0, 0) is None


def test_simplification_reduces_vertices_but_keeps_detail_for_zoom() -> None:
    # a circle of 720 vertices, radius 5 km: a 50 m tolerance keeps far fewer
    angles = np.linspace(0, 2 * np.pi, 720, endpoint=False)
    circle = Polygon(np.c_[150_000 + 5000 * np.cos(angles), 450_000 + 5000 * np.sin(angles)])
    layer = MapLayer.from_polygons({"GM0003": circle}, tolerance_m=50)
    assert layer.vertex_count(detailed=True) == 721
    assert layer.vertex_count() < 200
    assert MapLayer.from_polygons({"GM0003": circle}, tolerance_m=0).vertex_count() == 721


def test_bad_layer_input() -> None:
    with pytest.raises(ValueError, match="tolerance_m"):
        MapLayer.from_polygons({"GM0001": _square(0, 0, 1)}, tolerance_m=-1)
    with pytest.raises(ValueError, match="at least one polygon"):
        MapLayer.from_polygons({})


def test_scene_flip_round_trip() -> None:
    assert rd_to_scene(155_000, 463_000) == (155_000.0, -463_000.0)
    assert scene_to_rd(*rd_to_scene(155_000, 463_000)) == (155_000.0, 463_000.0)


# ----------------------------------------------------------------- national data


def test_national_hit_testing(national_layer: MapLayer) -> None:
    assert len(national_layer) == 342
    # the demo's Venlo Trade Port site (RD 205021, 379119) lies in Venlo
    assert national_layer.hit(205_021, 379_119) == "GM0983"
    assert national_layer.name("GM0983") == "Venlo"
    # Amsterdam Dam square, RD about (121400, 487400)
    assert national_layer.hit(121_400, 487_400) == "GM0363"
    # North Sea, 40 km west of the coast of Noord-Holland
    assert national_layer.hit(60_000, 500_000) is None
    # the whole country lies within the RD New box
    xmin, ymin, xmax, ymax = national_layer.bounds
    assert 0 < xmin < xmax < 300_000 and 300_000 < ymin < ymax < 625_000


# ------------------------------------------------------------------------ colours


def test_status_colours_cover_every_status() -> None:
    statuses = {"A": "green", "B": "amber", "C": "red", "D": "grey", "E": "purple"}
    colours = status_colours(statuses, codes=["A", "B", "C", "D", "E", "F"])
    assert colours["A"] == STATUS_COLOURS["green"]
    assert colours["B"] == STATUS_COLOURS["amber"]
    assert colours["C"] == STATUS_COLOURS["red"]
    assert colours["D"] == STATUS_COLOURS["grey"]
    assert colours["E"] == STATUS_COLOURS["outside"]  # unknown status code: not coloured as a verdict
    assert colours["F"] == STATUS_COLOURS["outside"]  # on the map, not in the region
    assert status_colour(None) == STATUS_COLOURS["outside"]
    assert len(set(STATUS_COLOURS.values())) == 5


def test_status_colours_differ_in_lightness() -> None:
    # colour-blind safety: lightness falls outside > green > grey > amber > red by at least 7 L*
    order = ["outside", "green", "grey", "amber", "red"]
    values = [lightness(STATUS_COLOURS[k]) for k in order]
    assert all(a - b >= 7 for a, b in itertools.pairwise(values)), values
    # reference points of the L* formula: black 0, white 100, mid-grey #777777 about 50
    assert lightness((0, 0, 0)) == pytest.approx(0, abs=1e-6)
    assert lightness((255, 255, 255)) == pytest.approx(100, abs=1e-3)
    assert lightness((0x77, 0x77, 0x77)) == pytest.approx(50.0, abs=0.5)


def test_pressure_ramp() -> None:
    ramp = PressureRamp()
    assert ramp.colour(0.0) == STATUS_COLOURS["green"]
    assert ramp.colour(-1.0) == STATUS_COLOURS["green"]
    assert ramp.colour(0.5) == STATUS_COLOURS["amber"]
    assert ramp.colour(1.0) == STATUS_COLOURS["red"]
    assert ramp.colour(9.0) == (0x67, 0x00, 0x0D)
    assert ramp.colour(None) == STATUS_COLOURS["grey"]
    assert ramp.colour(float("nan")) == STATUS_COLOURS["grey"]
    # halfway between green (184, 225, 134) and amber (232, 145, 43):
    # (184+232)/2 = 208, (225+145)/2 = 185, (134+43)/2 = 88.5 -> 88 (round half to even)
    assert ramp.colour(0.25) == (208, 185, 88)
    colours = pressure_colours({"A": 0.5, "B": None}, codes=["A", "B", "C"])
    assert colours == {
        "A": STATUS_COLOURS["amber"],
        "B": STATUS_COLOURS["grey"],
        "C": STATUS_COLOURS["outside"],
    }
    assert [label for _, label in ramp.tick_labels("nl")] == ["0%", "50%", "100%", "150%+"]


def test_legend_entries_translated() -> None:
    nl = legend_entries("nl")
    assert [e.label for e in nl] == ["rood", "oranje", "groen", "onbekend", "buiten de regio"]
    assert [e.label for e in legend_entries("en")] == [
        "red",
        "amber",
        "green",
        "unknown",
        "outside the region",
    ]
    assert [e.hatched for e in nl] == [False, False, False, True, False]
    assert nl[0].colour == STATUS_COLOURS["red"]
    assert len(legend_entries("nl", include_outside=False)) == 4


# ---------------------------------------------------------------------- scale bar


@pytest.mark.parametrize(
    ("mpp", "max_px", "length", "label"),
    [
        (200.0, 120.0, 20_000.0, "20 km"),  # 24 km fits: 20 km is the largest 1/2/5 step
        (50.0, 100.0, 5_000.0, "5 km"),  # exactly 5 km fits
        (10.0, 100.0, 1_000.0, "1 km"),
        (10.0, 99.0, 500.0, "500 m"),  # 990 m: 500 m
        (3.0, 100.0, 200.0, "200 m"),  # 300 m: 200 m
        (2500.0, 160.0, 200_000.0, "200 km"),  # 400 km: 200 km
    ],
)
def test_nice_scale_bar(mpp: float, max_px: float, length: float, label: str) -> None:
    assert nice_scale_bar(mpp, max_px) == (pytest.approx(length), label)
    assert length / mpp <= max_px


def test_nice_scale_bar_degenerate() -> None:
    assert nice_scale_bar(0.0, 100) == (0.0, "")
    assert nice_scale_bar(10.0, 0) == (0.0, "")
    assert nice_scale_bar(float("inf"), 100) == (0.0, "")


# ----------------------------------------------------------------------- tooltips


def _municipality() -> MunicipalityResult:
    return MunicipalityResult(
        code="GM0983",
        name="Venlo",
        distance_km=0.0,
        residence_share=0.7,
        workers=500.0,
        residents=1234.4,
        gp_fte=0.1,
        pupils_newcomer=3.0,
        domains={
            "housing_dwellings": DomainResult(76.2, 60.0, 76.2 / 60.0, "red", "dwellings"),
            "care_gp": DomainResult(297.3, None, None, "grey", "patients"),
        },
    )


def test_tooltip_text_dutch() -> None:
    text = tooltip_text(_municipality(), "nl")
    lines = text.splitlines()
    assert lines[0] == "Venlo (GM0983)"
    assert lines[1] == "extra inwoners: 1.234 personen"
    # 76.2 / 60 = 1.27 -> 127%
    assert lines[2] == (
        "Huisvesting: woningen: rood – vraag 76 woningen, vrije capaciteit 60 woningen, druk 127%"
    )
    assert "Zorg: huisarts: onbekend" in lines[3]
    assert "vrije capaciteit onbekend patiënten" in lines[3]
    assert lines[3].endswith("druk onbekend")


def test_tooltip_text_english_and_domain_filter() -> None:
    text = tooltip_text(_municipality(), "en", domains=["care_gp", "education_primary"])
    assert text.splitlines()[0] == "Venlo (GM0983)"
    assert (
        "Care: GP: unknown – demand 297 patients, spare capacity unknown patients, pressure unknown" in text
    )
    assert "Housing" not in text
    assert "1,234 persons" in text


def test_tooltips_statuses_pressures_from_demo() -> None:
    from ber.case.demo import demo_case
    from ber.engine.assess import assess

    result = assess(demo_case())
    region = set(result.region["municipalities"])
    statuses = statuses_for(result, "housing_dwellings")
    assert set(statuses) == region
    assert set(statuses.values()) <= {"green", "amber", "red", "grey"}
    pressures = pressures_for(result, "housing_dwellings")
    for m in result.municipalities:
        dom = m.domains["housing_dwellings"]
        assert pressures[m.code] == dom.pressure
        if dom.capacity is not None:
            assert dom.pressure == pytest.approx(dom.demand / dom.capacity)
    tips = tooltips_for(result, {"GM0363": "Amsterdam", "GM0983": "Venlo"}, "nl")
    assert tips["GM0363"] == "Amsterdam (GM0363)\nbuiten de regio: niet beoordeeld"
    assert tips["GM0983"].startswith("Venlo (GM0983)")
    assert set(tips) == region | {"GM0363"}


def test_from_geodata_reuses_index() -> None:
    import pandas as pd

    from ber.geodata.spatial import PolygonIndex

    polygons = {"GM0001": _square(0, 0, 1000), "GM0002": _square(1000, 0, 1000)}

    class FakeGeoData:  # the part of ber.geodata.GeoData the map uses
        has_polygons = True
        boundaries = pd.DataFrame({"name": ["Een", "Twee"]}, index=["GM0001", "GM0002"])
        index = PolygonIndex.from_mapping(polygons)

        def boundaries_rd(self) -> dict[str, Polygon]:
            return polygons

    geo = FakeGeoData()
    layer = MapLayer.from_geodata(geo)
    assert layer.index is geo.index
    assert layer.name("GM0002") == "Twee"
    assert layer.hit(1500, 500) == "GM0002"
    geo.has_polygons = False
    with pytest.raises(ValueError, match="only centroids"):
        MapLayer.from_geodata(geo)


def test_fill_styles() -> None:
    from ber.maplayer import FillStyle, fill_styles

    codes = ["A", "B", "C", "D"]
    out = STATUS_COLOURS["outside"]
    # by status, no region: unknown status hatched, no status faded
    styles = fill_styles(codes, {"A": "red", "B": "grey", "C": "green"})
    assert styles["A"] == FillStyle(STATUS_COLOURS["red"], False, True)
    assert styles["B"] == FillStyle(STATUS_COLOURS["grey"], True, True)
    assert styles["D"] == FillStyle(out, False, False)
    # with a region: A outside it is faded despite its status; D in it keeps the region border
    styles = fill_styles(codes, {"A": "red", "C": "green"}, region={"C", "D"})
    assert styles["A"] == FillStyle(out, False, False)
    assert styles["C"] == FillStyle(STATUS_COLOURS["green"], False, True)
    assert styles["D"] == FillStyle(out, False, True)
    # by pressure: the ramp wins over statuses; unknown pressure hatched grey
    styles = fill_styles(codes, {"A": "green"}, pressures={"A": 1.0, "B": None})
    assert styles["A"] == FillStyle(STATUS_COLOURS["red"], False, True)
    assert styles["B"] == FillStyle(STATUS_COLOURS["grey"], True, True)
    assert styles["C"] == FillStyle(out, False, False)


def test_map_texts_complete_in_both_languages() -> None:
    from ber.maplayer.style import OUTSIDE_LABEL
    from ber.maplayer.tooltip import TEXTS

    for key, texts in [*TEXTS.items(), ("outside", OUTSIDE_LABEL)]:
        assert set(texts) == {"nl", "en"}, key
        assert all(t.strip() for t in texts.values()), key
