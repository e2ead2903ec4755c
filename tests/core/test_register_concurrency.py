"""Concurrent writers and crashes, with real processes, on SQLite and PostgreSQL.

- two processes change the same case from the same version: exactly one wins, the
  other gets the conflict (optimistic locking), never a silent overwrite;
- a process killed (SIGKILL) in the middle of registering a case leaves no trace
  of that case and loses nothing that was committed before.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from sqlalchemy import func, select

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.register import Register
from ber.register.records import demand_rows
from ber.register.schema import case_area, case_files, cases, status_history

REPO = Path(__file__).resolve().parents[2]

# a child process: open the register, wait for the "go" file, change the status from version 1
CHANGER = textwrap.dedent(
    """
    import json, sys, time
    from pathlib import Path
    from ber.register import ConflictError, Register
    url, who, status, folder = sys.argv[1:5]
    folder = Path(folder)
    reg = Register.open(url)
    reg.get("DEMO-2026-001")  # connection warm, case read at version 1
    (folder / f"ready-{who}").write_text("")
    while not (folder / "go").exists():
        time.sleep(0.005)
    try:
        s = reg.set_status("DEMO-2026-001", status, who=who, why="race", expected_version=1)
        print(json.dumps({"who": who, "ok": True, "version": s.version}))
    except ConflictError as e:
        print(json.dumps({"who": who, "ok": False, "text": e.texts("en")[0], "by": e.changed_by}))
    """
)

# a child process: register cases in a loop; with "hang", stop for ever inside the
# transaction of the last one, after its case row and demand rows are written
WRITER = textwrap.dedent(
    """
    import sys, time
    from pathlib import Path
    import ber.register.store as store
    from ber.engine.assess import Context, assess
    from ber.case.demo import demo_case
    from ber.register import Register
    url, folder, count, hang = sys.argv[1], Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] == "hang"
    base = demo_case()
    result_of = {}
    reg = Register.open(url)
    for i in range(count):
        case = base.model_copy(update={"meta": base.meta.model_copy(update={"reference": f"W-{i}"})})
        result = assess(case, Context.default())
        if hang and i == count - 1:
            class Hang:
                def insert(self):
                    (folder / "inside").write_text("")
                    time.sleep(3600)
            store.status_history = Hang()
        reg.add(case, result)
        print(f"committed W-{i}", flush=True)
    """
)


def _env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _wait_for(path: Path, proc: subprocess.Popen[str], timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        if proc.poll() is not None:
            raise AssertionError(f"child ended early: {proc.communicate()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"timeout waiting for {path.name}")
        time.sleep(0.01)


def test_two_processes_one_conflict(register_url: str, tmp_path: Path) -> None:
    case = demo_case()
    with Register.open(register_url) as reg:
        reg.add(case, assess(case, Context.default()), officer="A")
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", CHANGER, register_url, who, status, str(tmp_path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=_env(),
        )
        for who, status in (("one", "granted"), ("two", "refused"))
    ]
    for who, proc in zip(("one", "two"), procs, strict=True):
        _wait_for(tmp_path / f"ready-{who}", proc)
    (tmp_path / "go").write_text("")  # both start their change at the same moment
    outs = []
    for proc in procs:
        out, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err
        outs.append(json.loads(out.strip().splitlines()[-1]))
    winners = [o for o in outs if o["ok"]]
    losers = [o for o in outs if not o["ok"]]
    assert len(winners) == 1 and len(losers) == 1, outs
    winner, loser = winners[0], losers[0]
    assert winner["version"] == 2
    assert loser["by"] == winner["who"]
    assert "DEMO-2026-001" in loser["text"] and winner["who"] in loser["text"]
    with Register.open(register_url) as reg:
        got = reg.get("DEMO-2026-001")
        assert got.version == 2
        assert got.status == ("granted" if winner["who"] == "one" else "refused")
        history = reg.history("DEMO-2026-001")
        assert [h.who_name for h in history] == ["A", winner["who"]]  # the loser left no trace


def _counts(reg: Register) -> tuple[int, int, int, int]:
    with reg.engine.connect() as conn:
        return tuple(  # type: ignore[return-value]
            int(conn.execute(select(func.count()).select_from(t)).scalar_one())
            for t in (cases, case_files, case_area, status_history)
        )


def test_killed_in_the_middle_of_a_write_leaves_no_half_case(register_url: str, tmp_path: Path) -> None:
    with Register.open(register_url):
        pass  # schema created before the child starts
    proc = subprocess.Popen(
        [sys.executable, "-c", WRITER, register_url, str(tmp_path), "3", "hang"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    _wait_for(tmp_path / "inside", proc, timeout=120)
    # the child is now inside the transaction of W-2: case row and demand rows written,
    # not committed; kill it without any chance to clean up
    os.kill(proc.pid, signal.SIGKILL)
    out, _ = proc.communicate(timeout=30)
    assert proc.returncode == -signal.SIGKILL
    assert out.split() == ["committed", "W-0", "committed", "W-1"]
    rows = demand_rows(assess(demo_case(), Context.default()))
    rows_per_case, areas = len(rows), len({r.municipality for r in rows})  # one area row a municipality
    assert rows_per_case > 100 and areas > 3
    deadline = time.monotonic() + 30
    with Register.open(register_url) as reg:
        while True:  # PostgreSQL notices the dead connection at once; allow a moment
            try:
                counts = _counts(reg)
                break
            except Exception:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        # the two committed cases are complete; nothing of W-2 is there
        assert counts == (2, 2, 2 * areas, 2)
        assert {s.reference for s in reg.list()} == {"W-0", "W-1"}
        assert not reg.exists("W-2")
        for ref in ("W-0", "W-1"):
            got = reg.get(ref)
            assert len(got.demand) == rows_per_case
            assert got.case().sha256() == got.case_sha256
        # the register is fully usable after the crash: W-2 can now be registered
        base = demo_case()
        c = base.model_copy(update={"meta": base.meta.model_copy(update={"reference": "W-2"})})
        reg.add(c, assess(c, Context.default()))
        assert _counts(reg) == (3, 3, 3 * areas, 3)


def test_killed_at_a_random_moment_loses_nothing_committed(register_url: str, tmp_path: Path) -> None:
    """Kill a writer mid-loop: every case it reported committed is there, complete."""
    with Register.open(register_url):
        pass
    proc = subprocess.Popen(
        [sys.executable, "-u", "-c", WRITER, register_url, str(tmp_path), "200", "run"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=_env(),
    )
    assert proc.stdout is not None
    committed = []
    while len(committed) < 4:
        line = proc.stdout.readline()
        assert line, proc.stderr.read() if proc.stderr else ""
        committed.append(line.split()[1])
    time.sleep(0.037)  # somewhere inside the next case's assessment or transaction
    os.kill(proc.pid, signal.SIGKILL)
    rest, _ = proc.communicate(timeout=30)
    committed += [line.split()[1] for line in rest.splitlines()]
    areas = len({r.municipality for r in demand_rows(assess(demo_case(), Context.default()))})
    with Register.open(register_url) as reg:
        present = {s.reference for s in reg.list()}
        assert set(committed) <= present  # nothing committed is lost
        assert len(present - set(committed)) <= 1  # at most the one committed as it died
        n = len(present)
        assert _counts(reg) == (n, n, n * areas, n)
