"""Benchmark: converting a register to the newest schema revision (issue 16, revision 0006).

Set-up: a register filled as ``bench/bench_register.py`` fills it (the demo business moved
to a municipality drawn at random, its default 40 km region, registered through
``Register.add``; same seed) on SQLite (a file) and a throwaway PostgreSQL cluster
(``tests/pgserver.py``, default settings), both in the same loop. Each register is then
taken down to revision 0005 with Alembic (timed too: the way back exists and works) and
opened again with ``Register.open``, which converts it, with a progress callback as the
desktop and ``ber register upgrade`` pass one. Measured once per backend (a conversion
happens once per register): the upgrade's wall time including opening and, on SQLite, the
``VACUUM`` after it; per case; the load average before and after.

Run: .venv/bin/python bench/bench_register_upgrade.py [--cases 2500]
"""

from __future__ import annotations

import argparse
import os
import platform
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from bench.bench_register import drawn_cases, register_setup  # noqa: E402
from ber.engine.assess import Context, assess  # noqa: E402
from ber.register import Register  # noqa: E402
from ber.register import db as regdb  # noqa: E402


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--cases", type=int, default=2500)
    args = ap.parse_args()
    from alembic import command

    from tests.pgserver import TempPostgres

    load_before = os.getloadavg()
    codes, points, base = register_setup()
    ctx = Context.default()
    lines = []
    with ExitStack() as stack:
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        urls = {
            "sqlite": f"sqlite:///{tmp / 'register.sqlite'}",
            "postgresql": stack.enter_context(TempPostgres("ber_bench")).url,
        }
        regs = {name: Register.open(url) for name, url in urls.items()}
        for case, status in drawn_cases(np.random.default_rng(2026), args.cases, base, codes, points):
            result = assess(case, ctx)
            for reg in regs.values():
                reg.add(case, result, status=status, officer="Bench")
        for name, reg in regs.items():
            with reg.engine.connect() as conn:
                t0 = time.perf_counter()
                command.downgrade(regdb._alembic_config(conn, "0005"), "0005")
                conn.commit()
                down = time.perf_counter() - t0
            reg.close()
            seen: list[int] = []
            t0 = time.perf_counter()
            Register.open(urls[name], progress=lambda done, _total, s=seen: s.append(done)).close()
            up = time.perf_counter() - t0
            lines.append(
                f"[{name}] {args.cases} cases: down to 0005 {down:.1f} s; up to {regdb.head_revision()} "
                f"(open{' and VACUUM' if name == 'sqlite' else ''}) {up:.1f} s, "
                f"{up / args.cases * 1000:.1f} ms a case; {len(seen)} progress calls"
            )
    load_after = os.getloadavg()
    print(
        f"# register upgrade benchmark {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, "
        f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}; "
        f"load average {load_before[0]:.1f} before, {load_after[0]:.1f} after"
    )
    print("\n".join(lines))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
