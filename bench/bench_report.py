"""Benchmark of the PDF report: the demo (with a map from national boundaries) and a 40-municipality region.

Run: .venv/bin/python bench/bench_report.py   (reads ../shared/reference, never copies it)

Prints the median of 5 builds of each report (after one warm-up that pays the
one-off imports and font loading, printed separately), and the ratio to the
targets from issue 3 (demo < 2 s, 40 municipalities < 4 s).
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared" / "reference"
sys.path.insert(0, str(REPO))

RUNS = 5
TARGET_DEMO_S = 2.0
TARGET_40_S = 4.0


def national() -> tuple[dict[str, Any], Any]:
    """Boundaries (RD New) by code, and a municipality table of all 342 with CBS figures."""
    import geopandas as gpd
    import numpy as np
    import pandas as pd

    from ber.reference.data import MunicipalityTable

    gdf = gpd.read_file(SHARED / "gemeenten_2024.geojson").to_crs(28992)
    k24 = pd.read_csv(SHARED / "kerncijfers_gemeenten_2024.csv", dtype={"gemeentecode": str}).set_index(
        "gemeentecode"
    )
    k23 = pd.read_csv(SHARED / "kerncijfers_gemeenten_2023.csv", dtype={"gemeentecode": str}).set_index(
        "gemeentecode"
    )
    codes = list(gdf["gemeentecode"])
    cent = gdf.geometry.centroid
    households = k24.loc[codes, "huishoudens"].to_numpy(float)
    dwellings = k23["woningvoorraad"].reindex(codes).to_numpy(float)
    dwellings = np.where(np.isnan(dwellings), households, dwellings)
    table = MunicipalityTable(
        codes=tuple(codes),
        names=tuple(gdf["gemeentenaam"]),
        inhabitants=k24.loc[codes, "aantal_inwoners"].to_numpy(float),
        households=households,
        dwellings=dwellings,
        x=cent.x.to_numpy(float),
        y=cent.y.to_numpy(float),
        source="CBS/PDOK gemeentegrenzen 2024, kerncijfers 2023/2024",
    )
    return dict(zip(codes, gdf.geometry, strict=True)), table


def case_40(table: Any) -> Any:
    """A 1,200-job site near Tilburg (Noord-Brabant) with the 40 nearest municipalities as region."""
    import numpy as np

    from ber.case.demo import demo_case_dict
    from ber.case.model import Case

    x, y = 133_500.0, 397_000.0
    order = np.argsort(np.hypot(table.x - x, table.y - y))[:40]
    codes = [table.codes[i] for i in order]
    doc = demo_case_dict("nl")
    doc["sites"] = [
        {"name": "Tilburg – Vossenberg (benchmark)", "x": x, "y": y, "crs": "EPSG:28992", "chosen": True},
        {"name": "Waalwijk – Haven (benchmark)", "x": 133_900.0, "y": 410_500.0, "crs": "EPSG:28992"},
    ]
    doc["business"]["jobs"] = 1200  # type: ignore[index]
    doc["workforce"]["employer_beds"] = []  # type: ignore[index]
    doc["region"] = {"municipalities": codes, "label": "40 gemeenten rond Tilburg (benchmark)"}
    cap = {}
    for i in order:
        scale = float(table.inhabitants[i]) / 50_000
        cap[table.codes[i]] = {
            "housing_flex": round(40 * scale),
            "housing_dwellings": round(25 * scale),
            "care_gp": round(200 * scale),
            "education_primary": round(15 * scale),
            "education_secondary": None,
            "transport_peak": round(150 * scale),
        }
    doc["capacity"] = cap
    return Case.model_validate(doc)


def timed(fn: Any) -> float:
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0


def main() -> None:
    from ber.case.demo import demo_case
    from ber.engine.assess import Context, assess

    boundaries, table = national()
    out = Path(tempfile.mkdtemp(prefix="ber-bench-report-"))

    from ber.report import build_report

    demo = demo_case()
    ctx_demo = Context.default()
    r_demo = assess(demo, ctx_demo, samples=200, seed=1)
    first = timed(lambda: build_report(r_demo, demo, out / "demo.pdf", ctx=ctx_demo, boundaries=boundaries))
    demo_times = [
        timed(lambda: build_report(r_demo, demo, out / "demo.pdf", ctx=ctx_demo, boundaries=boundaries))
        for _ in range(RUNS)
    ]

    base = Context.default()
    ctx40 = Context(ref=base.ref, table=table)
    c40 = case_40(table)
    r40 = assess(c40, ctx40, samples=200, seed=1)
    assert len(r40.municipalities) >= 40, len(r40.municipalities)
    times40 = [
        timed(lambda: build_report(r40, c40, out / "region40.pdf", ctx=ctx40, boundaries=boundaries))
        for _ in range(RUNS)
    ]
    pdfa_times = [
        timed(
            lambda: build_report(
                r_demo, demo, out / "demo-a.pdf", ctx=ctx_demo, boundaries=boundaries, pdfa=True
            )
        )
        for _ in range(RUNS)
    ]
    from pypdf import PdfReader

    m_demo, m40, m_pdfa = (statistics.median(t) for t in (demo_times, times40, pdfa_times))
    print(f"first build in this process (imports, fonts): {first:.2f} s")
    print(
        f"demo report with map ({len(PdfReader(str(out / 'demo.pdf')).pages)} pages), median of {RUNS}: "
        f"{m_demo:.2f} s  (target {TARGET_DEMO_S} s, ratio {m_demo / TARGET_DEMO_S:.2f})"
    )
    print(
        f"40-municipality report with polygons ({len(r40.municipalities)} municipalities, "
        f"{len(PdfReader(str(out / 'region40.pdf')).pages)} pages), median of {RUNS}: "
        f"{m40:.2f} s  (target {TARGET_40_S} s, ratio {m40 / TARGET_40_S:.2f})"
    )
    print(f"demo report with map as PDF/A-3b (ghostscript), median of {RUNS}: {m_pdfa:.2f} s")
    print(f"outputs in {out}")


if __name__ == "__main__":
    main()
