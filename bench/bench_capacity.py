"""Benchmark: capacity table I/O and the Excel export of results.

Run: ``.venv/bin/python bench/bench_capacity.py``. Prints the median of 7 runs per
step. The national case: all 342 municipalities × 6 domains (the largest table a
region can have), pasted as Excel clipboard text, written and read as CSV and XLSX;
and the Excel export of the demo assessment with 1,000 Monte Carlo draws.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ber.case.demo import demo_case
from ber.engine.assess import assess
from ber.engine.domains import domain_keys
from ber.io.capacity import parse_paste, read_capacity, write_capacity_csv, write_capacity_xlsx
from ber.io.excel import export_result_xlsx

RUNS = 7


def median_ms(fn: Callable[[], object]) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> None:
    codes = [f"GM{i:04d}" for i in range(1, 343)]
    names = [f"Gemeente {i}" for i in range(1, 343)]
    table: dict[str, dict[str, float | None]] = {
        c: {d: (None if (i + j) % 7 == 0 else 1000.5 + i * 3 + j) for j, d in enumerate(domain_keys())}
        for i, c in enumerate(codes)
    }
    clip = (
        "\r\n".join(
            "\t".join(
                ""
                if table[c][d] is None
                else f"{table[c][d]:,.1f}".replace(",", "X").replace(".", ",").replace("X", ".")
                for d in domain_keys()
            )
            for c in codes
        )
        + "\r\n"
    )
    case = demo_case()
    result = assess(case, samples=1000, seed=1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        csv_path, xlsx_path, out = folder / "c.csv", folder / "c.xlsx", folder / "r.xlsx"
        rows = [
            ("parse_paste 342×6 cells (Dutch decimals)", median_ms(lambda: parse_paste(clip, codes))),
            (
                "write_capacity_csv 342 rows",
                median_ms(lambda: write_capacity_csv(csv_path, codes, names, table)),
            ),
            ("read_capacity CSV 342 rows", median_ms(lambda: read_capacity(csv_path))),
            (
                "write_capacity_xlsx 342 rows",
                median_ms(lambda: write_capacity_xlsx(xlsx_path, codes, names, table)),
            ),
            ("read_capacity XLSX 342 rows", median_ms(lambda: read_capacity(xlsx_path))),
            (
                "export_result_xlsx demo, 1000 draws (7 sheets)",
                median_ms(lambda: export_result_xlsx(result, case, out)),
            ),
        ]
        assert read_capacity(csv_path) == (table, [])
        assert read_capacity(xlsx_path) == (table, [])
    print(f"median of {RUNS} runs")
    for label, ms in rows:
        print(f"{label:<50} {ms:8.1f} ms")


if __name__ == "__main__":
    main()
