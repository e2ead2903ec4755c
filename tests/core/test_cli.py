"""The ``ber`` command line: demo, assess, validate, reference, exit codes 0 / 2 / 1.

Most tests run the CLI in-process through ``ber.cli.main`` (fast); two run real
subprocesses (``python -m ber`` and the installed ``ber`` script).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from ber.cli import main
from ber.io.paths import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "golden" / "cases"


@pytest.fixture(autouse=True)
def _dutch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BER_LANG", raising=False)
    monkeypatch.delenv("BER_REFERENCE_DIR", raising=False)
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


def without_time(doc: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in doc.items() if k != "computed_at"}


def test_demo_writes_case_and_result_and_assess_reproduces_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, out, err = run(capsys, "demo", "--out", str(tmp_path), "--no-pdf")
    assert code == 0, err
    # a Dutch summary with units and the verdict
    assert "Bedrijfseffectrapportage" in out
    assert "Arbeidsmigranten" in out and "personen" in out
    assert "Oordeel per domein" in out
    assert "Locatievergelijking" in out
    case_path, result_path = tmp_path / "demo.ber", tmp_path / "demo-result.json"
    assert case_path.exists() and result_path.exists()
    demo_result = json.loads(result_path.read_text("utf-8"))
    assert demo_result["schema"] == "ber-result/1"
    assert json.loads(case_path.read_text("utf-8"))["schema"] == "ber-case/2"

    again = tmp_path / "again.json"
    code, out, err = run(capsys, "assess", str(case_path), "--out", str(again), "--seed", "1")
    assert code == 0, err
    assert without_time(json.loads(again.read_text("utf-8"))) == without_time(demo_result)


def test_demo_in_english_with_samples(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(
        capsys, "--lang", "en", "demo", "--out", str(tmp_path), "--no-pdf", "--samples", "200"
    )
    assert code == 0, err
    assert "Business impact report" in out and "Verdict per domain" in out
    doc = json.loads((tmp_path / "demo-result.json").read_text("utf-8"))
    assert doc["uncertainty"]["samples"] == 200
    assert doc["language"] == "en"


def test_assess_samples_reproducible(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = str(GOLDEN / "manual_cross_border.ber")
    a, b = tmp_path / "a.json", tmp_path / "b.json"
    for out in (a, b):
        code, _, err = run(
            capsys, "assess", case, "--out", str(out), "--samples", "300", "--seed", "7", "--quiet"
        )
        assert code == 0, err
    assert without_time(json.loads(a.read_text())) == without_time(json.loads(b.read_text()))


def test_validate(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "validate", str(GOLDEN / "employer_beds.ber"))
    assert (code, out.strip(), err) == (0, "Geldig.", "")
    code, out, _ = run(capsys, "--lang", "en", "validate", str(GOLDEN / "employer_beds.ber"))
    assert (code, out.strip()) == (0, "Valid.")


def test_reference_prints_and_checks(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "reference")
    assert code == 0
    assert "care.gp_patients_per_fte" in out and "patiënten per fte huisarts" in out  # unit in Dutch
    assert "aanname" in out  # assumption rows are marked
    code, out, err = run(capsys, "reference", "--check")
    assert code == 0, err
    assert "klopt" in out
    assert "nl_gemeenten_2024.gpkg" in out  # the national geodata file is checked too


def test_reference_check_fails_on_tampered_copy(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reference_data"
    shutil.copytree(REPO_ROOT / "reference_data", folder)
    norms = folder / "norms.json"
    norms.write_text(norms.read_text("utf-8").replace('"value": 2095', '"value": 1500'), "utf-8")
    assert "1500" in norms.read_text("utf-8")
    monkeypatch.setenv("BER_REFERENCE_DIR", str(folder))
    code, _out, err = run(capsys, "reference", "--check")
    assert code == 2
    assert "controlegetal klopt niet" in err
    assert "Traceback" not in err


def test_reference_check_fails_on_row_without_source(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "reference_data"
    shutil.copytree(REPO_ROOT / "reference_data", folder)
    rows = json.loads((folder / "norms.json").read_text("utf-8"))
    rows[0]["source"] = "nobody_2020"
    (folder / "norms.json").write_text(json.dumps(rows), "utf-8")
    from ber.reference.data import write_manifest

    write_manifest(folder, "test")  # a correct checksum: only the missing source is wrong
    monkeypatch.setenv("BER_REFERENCE_DIR", str(folder))
    code, _, err = run(capsys, "--lang", "en", "reference", "--check")
    assert code == 2
    assert rows[0]["key"] in err and "no source" in err


@pytest.mark.parametrize(
    ("name", "data", "nl_fragment"),
    [
        ("missing.ber", None, "niet gevonden"),
        ("broken.ber", b'{"schema": ', "geen geldig JSON"),
        ("geo.ber", b'{"type": "FeatureCollection", "features": []}', "geen BER-casus"),
        ("newer.ber", b'{"schema": "ber-case/3"}', "nieuwere versie"),
    ],
)
def test_file_errors_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, data: bytes | None, nl_fragment: str
) -> None:
    path = tmp_path / name
    if data is not None:
        path.write_bytes(data)
    for command in ("assess", "validate"):
        code, out, err = run(capsys, command, str(path))
        assert code == 2
        lines = err.strip().splitlines()
        assert len(lines) == 1 and nl_fragment in lines[0] and name in lines[0]
        assert "Traceback" not in err and out == ""


def test_invalid_case_one_line_per_problem(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = json.loads((GOLDEN / "thresholds.ber").read_text("utf-8"))
    doc["business"]["start_year"] = 1900
    doc["workforce"]["category_shares"] = {"eu_mid": 0.7}
    doc["mitigations"] = {"shuttle_share": 3}
    path = tmp_path / "bad.ber"
    path.write_text(json.dumps(doc), "utf-8")
    code, _out, err = run(capsys, "--lang", "en", "assess", str(path))
    assert code == 2
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert lines[0].startswith("business.start_year: value 1900")
    assert any(line.startswith("workforce.category_shares:") for line in lines)
    assert any(line.startswith("mitigations.shuttle_share: value 3") for line in lines)
    assert "Traceback" not in err


def test_negative_samples_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "assess", str(GOLDEN / "thresholds.ber"), "--samples", "-1")
    assert code == 2
    assert "--samples" in err and "-1" in err and "100.000" in err  # Dutch thousands


def test_bad_option_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exc:
        main(["assess"])
    assert exc.value.code == 2
    assert "Traceback" not in capsys.readouterr().err


def test_internal_error_exit_1(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import ber.cli.assess_cmd as assess_cmd

    def boom(*args: Any, **kwargs: Any) -> Any:
        raise RuntimeError("simulated failure")

    monkeypatch.setattr(assess_cmd, "assess", boom)
    code, _, err = run(capsys, "assess", str(GOLDEN / "thresholds.ber"))
    assert code == 1
    log = Path(os.environ["BER_DATA_DIR"]) / "logs" / "ber-desk.log"
    assert "simulated failure" in err and str(log) in err
    assert "Traceback" not in err
    assert "Traceback" in log.read_text("utf-8")
    assert not (Path(os.environ["BER_DATA_DIR"]) / "ber.log").exists()  # one log location


def _env() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("BER_LANG", "BER_REFERENCE_DIR")}
    return env


def test_python_m_ber_subprocess(tmp_path: Path) -> None:
    out = tmp_path / "r.json"
    proc = subprocess.run(
        [sys.executable, "-m", "ber", "assess", str(GOLDEN / "gravity_two.ber"), "--out", str(out)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert json.loads(out.read_text("utf-8"))["totals"]["migrant_workers"] == pytest.approx(100.0)


def test_installed_ber_script_invalid_input(tmp_path: Path) -> None:
    script = Path(sys.executable).parent / "ber"
    assert script.exists(), "the console script 'ber' is not installed (pip install -e .)"
    path = tmp_path / "bad.ber"
    path.write_text('{"schema": "ber-case/1", "business": {"name": "x"}}', "utf-8")
    proc = subprocess.run(
        [str(script), "validate", str(path)],
        capture_output=True,
        text=True,
        env=_env(),
        timeout=120,
        check=False,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert "business.sector: verplicht veld ontbreekt" in proc.stderr
    assert "workforce: verplicht veld ontbreekt" in proc.stderr
