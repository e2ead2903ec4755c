"""The report map: national CBS/PDOK boundaries coloured by worst status, and the schematic fallback."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader
from reportlab.graphics.shapes import Circle, Group, Polygon, String
from reportlab.graphics.shapes import Path as RLPath
from reportlab.lib import colors

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.report import build_report
from ber.report.build import prepare
from ber.report.mapdraw import region_map
from ber.report.styles import STATUS_COLOURS

WORST = {"red": 3, "amber": 2, "grey": 1, "green": 0}


@pytest.fixture(scope="module")
def national_rd(shared_reference_dir: Path) -> dict[str, Any]:
    import geopandas as gpd

    shared = shared_reference_dir
    gdf = gpd.read_file(shared / "gemeenten_2024.geojson").to_crs(28992)
    return dict(zip(gdf["gemeentecode"], gdf.geometry, strict=True))


@pytest.fixture(scope="module")
def demo() -> tuple[Any, Any]:
    case = demo_case()
    return case, assess(case, Context.default())


def _walk(node: Any) -> list[Any]:
    out = []
    for child in getattr(node, "contents", []):
        out.append(child)
        if isinstance(child, Group):
            out += _walk(child)
    return out


def test_map_from_national_boundaries(
    shared_reference: Path, national_rd: dict[str, Any], demo: tuple[Any, Any], tmp_path: Path
) -> None:
    case, result = demo
    assert len(national_rd) == 342
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, national_rd, None, None)
    drawing = region_map(data)
    shapes = _walk(drawing)
    paths = [s for s in shapes if isinstance(s, RLPath)]
    # the 7 region municipalities are filled with the light colour of their worst status
    region_fills = [p.fillColor for p in paths if p.strokeColor == colors.HexColor("#444444")]
    assert len(region_fills) == 7
    for m in result.municipalities:
        worst = max((d.status for d in m.domains.values()), key=WORST.__getitem__)
        assert colors.HexColor(STATUS_COLOURS[worst][2]) in region_fills, m.name
    # Venlo: dwellings pressure 1.27 >= 1 in the demo, so red
    venlo = result.municipality("GM0983")
    assert venlo.domains["housing_dwellings"].pressure >= 1.0
    # neighbours outside the region are drawn as context (clipped to the view)
    assert len(paths) > 7
    labels = {s.text for s in shapes if isinstance(s, String)}
    assert {"Venlo", "Venray", "Horst aan de Maas", "N"} <= labels
    assert any(t.endswith(" km") for t in labels)  # scale bar
    # the chosen site is a star, the two alternatives circles
    assert sum(isinstance(s, Polygon) and len(s.points) == 20 for s in shapes) >= 1
    assert sum(isinstance(s, Circle) and s.fillColor == colors.white for s in shapes) >= 2


def test_report_with_boundaries_has_real_map(
    national_rd: dict[str, Any], demo: tuple[Any, Any], tmp_path: Path
) -> None:
    case, result = demo
    out = build_report(result, case, tmp_path / "r.pdf", boundaries=national_rd)
    text = "\n".join(p.extract_text() for p in PdfReader(str(out.path)).pages)
    assert "gekleurd naar het zwaarste oordeel over alle domeinen" in text
    assert "schematische kaart" not in text


def test_boundaries_from_context_geodata(
    national_rd: dict[str, Any], demo: tuple[Any, Any], tmp_path: Path
) -> None:
    class FakeGeo:  # the GeoSource protocol of ber.engine.assess
        source = "CBS/PDOK gemeentegrenzen 2024 (test)"
        info = None

        def boundaries_rd(self) -> dict[str, Any]:
            return national_rd

        def regions(self, kind: str) -> dict[str, tuple[str, list[str]]]:
            return {}

    case, result = demo
    base = Context.default()
    ctx = Context(ref=base.ref, table=base.table, geo=FakeGeo())
    out = build_report(result, case, tmp_path / "r.pdf", ctx=ctx)
    text = "\n".join(p.extract_text() for p in PdfReader(str(out.path)).pages)
    assert "Kaartgegevens: CBS/PDOK gemeentegrenzen 2024 (test)" in text


def test_default_context_draws_real_noord_limburg_polygons(
    national_rd: dict[str, Any], demo: tuple[Any, Any], tmp_path: Path
) -> None:
    """Without any import the built-in national set gives the report the real polygons."""
    case, result = demo
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, None, None, None)
    assert data.boundaries is not None and len(data.boundaries) == 342
    # the built-in polygons are the raw CBS polygons rounded to 1 m: same area within 0.1 %
    for code in result.region["municipalities"]:
        assert data.boundaries[code].area == pytest.approx(national_rd[code].area, rel=1e-3)
    shapes = _walk(region_map(data))
    paths = [s for s in shapes if isinstance(s, RLPath)]
    assert len([p for p in paths if p.strokeColor == colors.HexColor("#444444")]) == 7
    # the region's outer edge is drawn over them, unfilled
    (edge,) = [p for p in paths if p.strokeColor == colors.HexColor("#111111")]
    assert edge.fillColor is None and edge.strokeWidth == 1.4
    assert "Bron: CBS, PDOK (CC BY 4.0)" in data.boundary_source
    out = build_report(result, case, tmp_path / "r.pdf", lang="en")
    text = "\n".join(p.extract_text() for p in PdfReader(str(out.path)).pages)
    assert "schematic map" not in text
    assert "CBS gemeenten 2024" in text and result.geodata is not None
    assert result.geodata.checksum in text  # the reproducibility section names the data set


def test_schematic_fallback(demo: tuple[Any, Any], tmp_path: Path) -> None:
    """The seven-row demo table without boundaries still gives the schematic map."""
    case, result = demo
    data = prepare(result, case, tmp_path / "r.pdf", "en", Context.demo_region(), None, None, None)
    shapes = _walk(region_map(data))
    assert not any(isinstance(s, RLPath) for s in shapes)
    dots = [s for s in shapes if isinstance(s, Circle) and s.r == 9]
    assert len(dots) == 7  # one per municipality centroid
    labels = {s.text for s in shapes if isinstance(s, String)}
    # distance labels: Beesel's centroid is 14.7 km from the Venlo site in the demo result
    beesel = result.municipality("GM0889")
    assert f"{round(beesel.distance_km)} km" in labels
    out = build_report(result, case, tmp_path / "r.pdf", lang="en", ctx=Context.demo_region())
    text = "\n".join(p.extract_text() for p in PdfReader(str(out.path)).pages)
    assert "schematic map" in text


def test_point_geodata_falls_back_to_schematic(demo: tuple[Any, Any], tmp_path: Path) -> None:
    from shapely.geometry import Point

    case, result = demo
    points = {m.code: Point(0, 0) for m in result.municipalities}
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, points, None, None)
    assert data.boundaries is None
