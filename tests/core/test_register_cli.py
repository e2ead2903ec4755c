"""``ber register ...`` on both backends: exit codes and readable messages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.ber"
    save_case(demo_case(), path)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_register_cli_flow(
    register_url: str, case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ("register", "--url", register_url)
    code, out, _ = run(capsys, *url, "add", str(case_file), "--status", "granted", "--received", "2026-02-01")
    assert code == 0 and "DEMO-2026-001" in out and "verleend" in out
    assert "***" in out or "sqlite" in out  # the URL shown is masked
    # same reference again: exit 2, one readable line
    code, _, err = run(capsys, *url, "add", str(case_file))
    assert code == 2 and "DEMO-2026-001" in err and "Traceback" not in err
    code, out, _ = run(capsys, *url, "list", "--status", "granted", "--municipality", "GM0983")
    assert code == 0 and "DEMO-2026-001" in out and "1 zaak" in out
    assert "Distributiecentrum / logistiek" in out and "distribution" not in out  # sector names translated
    code, out, _ = run(capsys, *url, "list", "--status", "refused")
    assert code == 0 and "Geen zaken gevonden" in out
    code, out, _ = run(capsys, *url, "list", "--json", "--year", "2026")
    assert code == 0 and [d["reference"] for d in json.loads(out)] == ["DEMO-2026-001"]
    code, out, _ = run(capsys, "--lang", "en", *url, "show", "DEMO-2026-001")
    assert code == 0 and "History:" in out and "granted" in out and "beds" in out
    assert "(Distribution centre / logistics)" in out
    # bad status, unknown reference, stale version: exit 2 with the reason
    code, _, err = run(capsys, *url, "set-status", "DEMO-2026-001", "approved", "--why", "x")
    assert code == 2 and "approved" in err and "in_procedure, granted, refused, withdrawn" in err
    code, _, err = run(capsys, *url, "set-status", "NOPE", "refused", "--why", "x")
    assert code == 2 and "NOPE" in err
    code, out, _ = run(
        capsys,
        *url,
        "set-status",
        "DEMO-2026-001",
        "refused",
        "--why",
        "bezwaar",
        "--who",
        "Jan",
        "--expected-version",
        "1",
    )
    assert code == 0 and "geweigerd" in out and "2" in out
    code, _, err = run(
        capsys,
        *url,
        "set-status",
        "DEMO-2026-001",
        "granted",
        "--why",
        "x",
        "--who",
        "Piet",
        "--expected-version",
        "1",
    )
    assert code == 2 and "Jan" in err and "versie 2" in err
    code, out, _ = run(capsys, *url, "show", "DEMO-2026-001", "--json")
    doc = json.loads(out)
    assert doc["status"] == "refused" and [h["who_name"] for h in doc["history"]][-1] == "Jan"
    assert doc["case"]["meta"]["reference"] == "DEMO-2026-001"
    # export
    code, out, _ = run(capsys, *url, "export", str(tmp_path / "r.xlsx"))
    assert code == 0
    ws = load_workbook(tmp_path / "r.xlsx").active
    assert ws.freeze_panes == "A2" and ws.auto_filter.ref and ws["A2"].value == "DEMO-2026-001"
    code, _, _ = run(capsys, *url, "export", str(tmp_path / "r.csv"), "--status", "granted")
    assert code == 0 and len((tmp_path / "r.csv").read_text(encoding="utf-8-sig").splitlines()) == 1
    code, _, err = run(capsys, *url, "export", str(tmp_path / "r.txt"))
    assert code == 2 and ".xlsx" in err


def test_register_cli_cumulative(
    register_url: str, case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = ("register", "--url", register_url)
    assert run(capsys, *url, "add", str(case_file), "--reference", "EARLIER-1")[0] == 0
    code, out, _ = run(capsys, *url, "cumulative", str(case_file), "--out", str(tmp_path / "cum.json"))
    assert code == 0 and "EARLIER-1" in out and "Cumulatieve effecten" in out
    doc = json.loads((tmp_path / "cum.json").read_text())
    assert doc["schema"] == "ber-cumulative/1"
    assert [c["reference"] for c in doc["contributors"]] == ["EARLIER-1"]
    series = {(s["domain"], s["municipality"]): s for s in doc["series"]}
    flex = series[("housing_flex", "GM0983")]
    assert flex["other"] == pytest.approx(flex["this"])  # the same business registered before


def test_register_cli_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str], case_file: Path) -> None:
    code, _, err = run(capsys, "register", "--url", "postgresql://ber:Geheim123@127.0.0.1:1/x", "list")
    assert code == 2 and "Geheim123" not in err and "***" in err
    code, _, err = run(capsys, "register", "add", str(case_file), "--received", "1-2-2026")
    assert code == 2 and "--received" in err and "YYYY-MM-DD" in err
    code, _, err = run(capsys, "register", "add", str(case_file), "--status", "maybe")
    assert code == 2 and "--status" in err
    # default register: the SQLite file in the user data folder
    code, out, _ = run(capsys, "register", "add", str(case_file))
    assert code == 0 and "register.sqlite" in out
