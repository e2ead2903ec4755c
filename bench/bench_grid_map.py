"""Capacity-map benchmark: reading a national-size grid capacity map
(``im-capaciteitskaart`` v1.3 JSON) and finding a case's sites on it.

Run: .venv/bin/python bench/bench_grid_map.py [--runs 5] [--postcodes 470000] [--areas 1500]

Writes a synthetic map the size of the whole country (about 470,000 six-position
postcodes, the number PostNL's postcode table holds, spread over 1,500 energy areas)
to a temporary folder, then measures (a) ``read_capacity_map`` (JSON parse and full
validation), (b) finding the demo's three sites on it (one exact postcode, one by its
four digits, one not on the map: the worst case, every area searched) and (c) the
whole import as the desktop does it, each as the median of the runs with min and max.
Prints the file size and the machine load. The desktop reads the map on a worker
thread when (c) is over 100 ms. Details go in ``bench/RESULTS-grid-map.md`` by hand.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.timing import ms_runs  # noqa: E402
from ber.case.demo import demo_case  # noqa: E402
from ber.io.capacity_map import read_capacity_map  # noqa: E402
from ber.io.grid_match import match_sites  # noqa: E402

COLOURS = ("transparant", "yellow", "amber", "red")


def _postcode(i: int) -> str:
    digits = 1000 + i // 120  # about 120 six-position postcodes per four digits
    letters = i % 120
    return f"{digits}{chr(65 + letters // 26)}{chr(65 + letters % 26)}"


def write_map(path: Path, postcodes: int, areas: int) -> None:
    per_area = max(1, postcodes // areas)
    doc = {
        "conforms_to": "http://data.netbeheernederland.nl/capaciteitskaart/v1.3.0",
        "creator": "BER-desk benchmark (synthetic)",
        "identifier": "bench_national",
        "issued": "2025-10-01",
        "energy_areas": [
            {
                "short_code": f"OS {a:04d}",
                "demand_available_capacity": float(a % 50),
                "demand_capacity_in_queue": float(a % 17),
                "demand_requests_in_queue": a % 9,
                "demand_constraint": COLOURS[a % 4],
                "postcode_areas": [
                    {
                        "postcode": _postcode(a * per_area + j),
                        "demand_constraint": COLOURS[(a + j) % 4],
                        "generation_constraint": "red",
                    }
                    for j in range(per_area)
                ],
            }
            for a in range(areas)
        ],
    }
    path.write_text(json.dumps(doc), encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--postcodes", type=int, default=470_000)
    parser.add_argument("--areas", type=int, default=1500)
    args = parser.parse_args()
    runs = max(3, args.runs)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "capaciteitskaart_nl.json"
        write_map(path, args.postcodes, args.areas)
        size = path.stat().st_size / 2**20
        cmap = read_capacity_map(path)
        case = demo_case()
        last = _postcode(args.postcodes - 1)
        pcs = [last, last[:4] + "ZZ", "9999ZZ"]  # exact, by its four digits, not on the map
        sites = [s.model_copy(update={"postcode": pc}) for s, pc in zip(case.sites, pcs, strict=False)]
        case = case.copy_with(sites=sites)
        read = ms_runs(lambda: read_capacity_map(path), runs)
        match = ms_runs(lambda: match_sites(case, cmap), runs)
        whole = ms_runs(lambda: match_sites(case, read_capacity_map(path)), runs)
    load = os.getloadavg()[0]
    print(f"map: {size:.1f} MB, {args.areas} energy areas, {args.postcodes} postcodes")
    for name, times in (("read + validate", read), ("find 3 sites", match), ("whole import", whole)):
        print(
            f"{name}: median {statistics.median(times):.1f} ms (min {min(times):.1f}, max {max(times):.1f})"
        )
    print(
        f"goal: the GUI stays responsive (worker thread above 100 ms); load average (1 min): {load:.1f}; runs: {runs}"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
