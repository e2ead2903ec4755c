"""Benchmark of the case register: 10,000 cases over all 342 municipalities.

Targets (issue 6): the cumulative assessment of one new case < 500 ms and listing
with filters < 100 ms, on SQLite and on PostgreSQL.

The register is filled with bulk operations (SQLite executemany, PostgreSQL COPY)
with synthetic but realistic result summaries: each case has a host municipality
somewhere in the Netherlands (CBS 2024 centroids from ../shared/reference), a
region of its 12 nearest municipalities, demand in five domains per municipality
and transport at the host, 10 calendar years from a start year in 2020-2032, and a
status (40 % granted, 30 % in procedure, 20 % refused, 10 % withdrawn). The new
case is the real demo case (Venlo, 7 Noord-Limburg municipalities), assessed by
the engine. PostgreSQL is a throwaway cluster on 127.0.0.1 (tests/pgserver.py).

Run: .venv/bin/python bench/bench_register.py [--cases 10000] [--backend sqlite|postgresql|both]
Prints medians of 5 runs (and the first, cold, run) per operation.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from ber.case.demo import demo_case  # noqa: E402
from ber.engine.assess import Context, assess  # noqa: E402
from ber.engine.domains import domain_keys  # noqa: E402
from ber.register import Register, cumulative  # noqa: E402
from ber.register.schema import case_demand, case_files, cases, status_history  # noqa: E402

SHARED = REPO.parent / "shared" / "reference" / "gemeenten_2024.geojson"
RUNS = 5
STATUSES = ["granted", "in_procedure", "refused", "withdrawn"]
STATUS_P = [0.4, 0.3, 0.2, 0.1]
SECTORS = ["distribution", "food_processing", "agriculture", "manufacturing", "other"]
#: demand per 100 jobs living in a municipality (flex beds, dwellings, GP, primary, secondary)
PER_WORKER = np.array([0.45, 0.4, 1.1, 0.06, 0.045])


def municipalities() -> tuple[list[str], np.ndarray]:
    """Codes and RD centroids of the 342 municipalities of 2024 (synthetic grid if absent)."""
    if SHARED.exists():
        import geopandas as gpd

        gdf = gpd.read_file(SHARED).to_crs(28992)
        cent = gdf.geometry.representative_point()
        return list(gdf["gemeentecode"]), np.column_stack([cent.x, cent.y])
    rng = np.random.default_rng(7)
    return [f"GM{i:04d}" for i in range(342)], rng.uniform([10_000, 310_000], [280_000, 620_000], (342, 2))


def synthetic(
    n: int, codes: list[str], xy: np.ndarray, template: str
) -> tuple[list[dict[str, Any]], list[tuple[Any, ...]]]:
    rng = np.random.default_rng(2026)
    now = dt.datetime.now(dt.UTC)
    case_rows: list[dict[str, Any]] = []
    demand: list[tuple[Any, ...]] = []
    d2 = ((xy[:, None, :] - xy[None, :, :]) ** 2).sum(axis=2)
    nearest = np.argsort(d2, axis=1)[:, :12]
    for i in range(n):
        host = int(rng.integers(len(codes)))
        start = int(rng.integers(2020, 2033))
        jobs = float(rng.integers(100, 1500))
        status = str(rng.choice(STATUSES, p=STATUS_P))
        ref = f"Z-{2020 + i % 7}-{i:05d}"
        case_rows.append(
            {
                "id": i + 1,
                "reference": ref,
                "title": f"Synthetisch bedrijf {i}",
                "business_name": f"Bedrijf {i} B.V.",
                "sector": SECTORS[i % len(SECTORS)],
                "host_municipality": codes[host],
                "host_name": codes[host],
                "status": status,
                "received": dt.date(2019 + i % 7, 1 + i % 12, 1 + i % 28),
                "decided": None,
                "officer": f"Ambtenaar {i % 40}",
                "start_year": start,
                "last_year": start + 9,
                "full_operation_year": start + 2,
                "jobs": jobs,
                "residents": jobs * 0.6,
                "verdict_json": json.dumps({d: "green" for d in domain_keys()}),
                "reference_version": "2026.11-1",
                "app_version": "0.1.0",
                "case_sha256": f"{i:064x}",
                "version": 1,
                "created_at": now,
                "updated_at": now,
                "updated_by": "bench",
            }
        )
        ramp = np.minimum(1.0, (np.arange(10) + 1) / 3.0)
        region = nearest[host]
        dist = np.sqrt(d2[host, region]) / 1000.0
        weight = np.exp(-dist / 15.0)
        weight /= weight.sum()
        migrants = jobs * 0.6
        for k, m in zip(region, weight, strict=True):
            for d in range(5):
                level = migrants * m * PER_WORKER[d]
                for y in range(10):
                    demand.append(
                        (
                            i + 1,
                            domain_keys()[d],
                            codes[k],
                            start + y,
                            float(level * ramp[y]),
                            None,
                            None,
                            "grey",
                            y == 9,
                            status,
                        )
                    )
        for y in range(10):
            demand.append(
                (
                    i + 1,
                    "transport_peak",
                    codes[host],
                    start + y,
                    float(jobs * 0.6 * ramp[y] * 0.2),
                    None,
                    None,
                    "grey",
                    y == 9,
                    status,
                )
            )
    return case_rows, demand


def fill(
    reg: Register, case_rows: list[dict[str, Any]], demand: list[tuple[Any, ...]], template: str
) -> float:
    t0 = time.perf_counter()
    hist = [
        {
            "case_id": r["id"],
            "event": "registered",
            "old_status": None,
            "new_status": r["status"],
            "who": "bench",
            "at": r["created_at"],
            "why": "",
            "version": 1,
        }
        for r in case_rows
    ]
    with reg.engine.begin() as conn:
        conn.execute(cases.insert(), case_rows)
        conn.execute(status_history.insert(), hist)
        conn.execute(
            case_files.insert(),
            [
                {"case_id": r["id"], "case_json": template.replace("DEMO-2026-001", r["reference"])}
                for r in case_rows
            ],
        )
        cols = [c.name for c in case_demand.columns]
        if reg.backend == "postgresql":
            raw = conn.connection.driver_connection
            with raw.cursor() as cur, cur.copy(f"COPY case_demand ({', '.join(cols)}) FROM STDIN") as copy:
                for row in demand:
                    copy.write_row(row)
            conn.exec_driver_sql(
                "SELECT setval(pg_get_serial_sequence('cases', 'id'), (SELECT max(id) FROM cases))"
            )
        else:
            conn.exec_driver_sql(
                f"INSERT INTO case_demand ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})", demand
            )
    with reg.engine.connect() as conn:
        conn.exec_driver_sql("ANALYZE")
        conn.commit()
    return time.perf_counter() - t0


def timed(fn: Callable[[], Any]) -> tuple[float, float, Any]:
    """(first run, median of RUNS runs) in milliseconds, and the last result."""
    times = []
    out = None
    for _ in range(RUNS + 1):
        t0 = time.perf_counter()
        out = fn()
        times.append((time.perf_counter() - t0) * 1000)
    return times[0], statistics.median(times[1:]), out


def bench_backend(
    name: str, url: str, n: int, codes: list[str], xy: np.ndarray
) -> list[tuple[str, float, float, str]]:
    case = demo_case()
    new_case = case.model_copy(update={"meta": case.meta.model_copy(update={"reference": "NIEUW-1"})})
    result = assess(new_case, Context.default())
    t0 = time.perf_counter()
    reg = Register.open(url)
    t_open = time.perf_counter() - t0
    template = case.canonical_json().decode()
    case_rows, demand = synthetic(n, codes, xy, template)
    t_fill = fill(reg, case_rows, demand, template)
    print(
        f"[{name}] opened (migrations) in {t_open * 1000:.0f} ms; filled {len(case_rows)} cases, "
        f"{len(demand)} demand rows in {t_fill:.1f} s"
    )
    rows: list[tuple[str, float, float, str]] = []
    first, med, cum = timed(lambda: cumulative(result, new_case, reg))
    rows.append(
        (
            "cumulative of one new case (demo, 7 municipalities)",
            first,
            med,
            f"{len(cum.contributors)} cases counted",
        )
    )
    filters: list[tuple[str, dict[str, Any]]] = [
        ("list municipality=GM0983 status=granted", {"municipality": "GM0983", "status": "granted"}),
        (
            "list status=in_procedure sector=distribution year=2024",
            {"status": "in_procedure", "sector": "distribution", "year": 2024},
        ),
        ("list municipality=GM0363 (Amsterdam)", {"municipality": "GM0363"}),
        ("list text='bedrijf 12'", {"text": "bedrijf 12"}),
        ("list operating_year=2030 status=granted", {"operating_year": 2030, "status": "granted"}),
        ("list status=granted (about 4,000 rows)", {"status": "granted"}),
    ]
    for label, kw in filters:
        first, med, out = timed(lambda kw=kw: reg.list(**kw))
        rows.append((label, first, med, f"{len(out)} cases"))
    first, med, out = timed(lambda: reg.list())
    rows.append(("list everything (no filter; not a target)", first, med, f"{len(out)} cases"))
    first, med, _ = timed(lambda: reg.get(case_rows[n // 2]["reference"]))
    rows.append(("get one case with its demand rows", first, med, ""))
    reg.close()
    for label, first, med, note in rows:
        print(f"[{name}] {label:<58} median {med:8.1f} ms   first {first:8.1f} ms   {note}")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=10_000)
    ap.add_argument("--backend", choices=["sqlite", "postgresql", "both"], default="both")
    args = ap.parse_args()
    codes, xy = municipalities()
    print(f"{len(codes)} municipalities; {args.cases} cases; medians of {RUNS} runs")
    results = {}
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            results["sqlite"] = bench_backend(
                "sqlite", f"sqlite:///{tmp}/register.sqlite", args.cases, codes, xy
            )
    if args.backend in ("postgresql", "both"):
        from tests.pgserver import TempPostgres

        with TempPostgres("ber_bench") as pg:
            results["postgresql"] = bench_backend("postgresql", pg.url, args.cases, codes, xy)
    ok = True
    for name, rows in results.items():
        cum = rows[0][2]
        lists = [r[2] for r in rows[1:7]]
        ok &= cum < 500 and max(lists) < 100
        print(
            f"[{name}] cumulative {cum:.1f} ms (target < 500 ms, ratio {cum / 500:.2f}); "
            f"slowest filtered listing {max(lists):.1f} ms (target < 100 ms, ratio {max(lists) / 100:.2f})"
        )
    print("targets met" if ok else "TARGETS MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
