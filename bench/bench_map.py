"""Benchmark the map widget against GeoDataFrame.plot() on the 342 municipalities of 2024.

Run: ``.venv/bin/python bench/bench_map.py [--frames 30] [--runs 7]``. Offscreen Qt.

Measures (medians): reading + reprojecting the national GeoJSON, building the
MapLayer (simplify, rings, spatial index), building the scene (``set_layer``), one
frame of the full view rendered into a 1200×900 QImage (after a first, warm-up
frame), recolouring for another domain (brushes only) and recolour + frame, the
same frame written to PNG, a hit-test (as on every mouse move), and in the same
run ``GeoDataFrame.plot()`` of the same polygons in the same colours to a
1200×900 PNG (matplotlib Agg). Prints the ratios.

Like is compared with like (issue 16): the headline speed-up is PNG against PNG
(``MapView.export_png`` against ``GeoDataFrame.plot`` + ``savefig``); the ratio against
an in-memory frame is printed beside it, labelled as such.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("MPLCONFIGDIR", tempfile.mkdtemp(prefix="ber-mpl-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

BOUNDARIES = Path(__file__).resolve().parent.parent.parent / "shared" / "reference" / "gemeenten_2024.geojson"
WIDTH, HEIGHT = 1200, 900
STATUSES = ("green", "amber", "red", "grey")


def median_ms(fn: Callable[[], object], runs: int) -> tuple[float, list[float]]:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times), times


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--boundaries", type=Path, default=BOUNDARIES)
    parser.add_argument("--frames", type=int, default=30, help="frames to time after the first (>= 20)")
    parser.add_argument("--runs", type=int, default=7, help="runs for the other timings (>= 5)")
    args = parser.parse_args()
    frames, runs = max(args.frames, 20), max(args.runs, 5)

    import geopandas as gpd
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from PySide6.QtWidgets import QApplication, QFrame

    from ber.maplayer import MapLayer, status_colours
    from gui.map_view import MapView

    app = QApplication.instance() or QApplication([])

    def read() -> gpd.GeoDataFrame:
        return gpd.read_file(args.boundaries).to_crs(28992)

    t_read, _ = median_ms(read, runs)
    gdf = read()
    codes = [str(c) for c in gdf["gemeentecode"]]
    polygons = dict(zip(codes, gdf.geometry.values, strict=True))
    names = dict(zip(codes, (str(n) for n in gdf["gemeentenaam"]), strict=True))

    t_layer, _ = median_ms(lambda: MapLayer.from_polygons(polygons, names), runs)
    layer = MapLayer.from_polygons(polygons, names)

    view = MapView()
    view.setFrameShape(QFrame.Shape.NoFrame)
    view.resize(WIDTH, HEIGHT)
    view.show()
    app.processEvents()  # benchmark only: let the offscreen window get its size
    assert view.viewport().size().width() == WIDTH, view.viewport().size()

    t_scene, _ = median_ms(lambda: view.set_layer(layer), runs)
    statuses_a = {c: STATUSES[i % 4] for i, c in enumerate(codes)}
    statuses_b = {c: STATUSES[(i + 1) % 4] for i, c in enumerate(codes)}
    view.set_statuses(statuses_a, "A")
    view.fit_all()

    view.render_image()  # first frame (warm-up)
    t_frame, frame_times = median_ms(view.render_image, frames)

    flip = [True]

    def recolour() -> None:
        view.set_statuses(statuses_b if flip[0] else statuses_a, "B")
        flip[0] = not flip[0]

    t_recolour, _ = median_ms(recolour, frames)

    def recolour_and_frame() -> None:
        recolour()
        view.render_image()

    t_recolour_frame, _ = median_ms(recolour_and_frame, frames)
    tmp = Path(tempfile.mkdtemp(prefix="ber-bench-map-"))
    t_png, _ = median_ms(lambda: view.export_png(tmp / "map.png"), runs)
    t_hit, _ = median_ms(lambda: layer.hit(205_021.0, 379_119.0), 200)

    # matplotlib: the same polygons, the same fill colours, the same pixel size
    colours = status_colours(statuses_a)
    facecolors = ["#{:02x}{:02x}{:02x}".format(*colours[c]) for c in codes]

    def mpl_plot() -> bytes:
        fig = plt.figure(figsize=(WIDTH / 100, HEIGHT / 100), dpi=100)
        ax = fig.add_axes((0, 0, 1, 1))
        gdf.plot(ax=ax, color=facecolors, edgecolor="#464646", linewidth=0.3)
        ax.set_axis_off()
        buf = io.BytesIO()
        fig.savefig(buf, format="png", dpi=100)
        plt.close(fig)
        return buf.getvalue()

    mpl_plot()  # warm-up (font cache, imports)
    t_mpl, _ = median_ms(mpl_plot, runs)

    print(
        f"municipalities: {len(layer)}; vertices drawn {layer.vertex_count()} "
        f"(original {layer.vertex_count(detailed=True)}); tolerance {layer.tolerance_m:g} m"
    )
    print(f"view: {WIDTH}x{HEIGHT} px; frames timed: {frames}; other runs: {runs}")
    rows = [
        ("read + reproject GeoJSON (geopandas)", t_read),
        ("MapLayer.from_polygons", t_layer),
        ("scene build (set_layer)", t_scene),
        ("layer + scene", t_layer + t_scene),
        ("frame, full view into QImage", t_frame),
        ("recolour for another domain", t_recolour),
        ("recolour + frame", t_recolour_frame),
        ("frame written to PNG (export_png)", t_png),
        ("GeoDataFrame.plot() to PNG", t_mpl),
    ]
    for label, ms in rows:
        print(f"{label:<40} {ms:9.2f} ms (median)")
    print(f"{'hit-test per mouse move':<40} {t_hit * 1000:9.1f} µs (median of 200)")
    print(f"frame min/max: {min(frame_times):.2f} / {max(frame_times):.2f} ms")
    print(f"speed-up, PNG against PNG (GeoDataFrame.plot / MapView.export_png): {t_mpl / t_png:6.1f}x")
    print(f"(not like for like: GeoDataFrame.plot PNG / in-memory QImage frame: {t_mpl / t_frame:6.1f}x)")
    print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    ok = t_frame < 50 and t_recolour < 50 and t_mpl / t_png >= 5
    print("targets (frame < 50 ms, recolour < 50 ms, PNG/PNG ratio >= 5x):", "met" if ok else "NOT met")
    return 0


if __name__ == "__main__":
    sys.exit(main())
