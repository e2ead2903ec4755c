"""A fast command line (issue 16): ``ber validate`` and ``ber --version`` import neither
the numeric stack nor reportlab, and the entry point limits BLAS threads by default."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from ber.io.paths import REPO_ROOT

GOLDEN = REPO_ROOT / "tests" / "golden" / "cases"
HEAVY = (
    "numpy",
    "pandas",
    "reportlab",
    "geopandas",
    "shapely",
    "pyproj",
    "matplotlib",
    "sqlalchemy",
    "openpyxl",
    "importlib.metadata",  # pydantic's plugin search (skipped: ber.cli.entry)
)
PROBE = (
    "import sys, os; from ber.cli.entry import main\n"
    "try:\n    code = main(sys.argv[1:])\nexcept SystemExit as exc:\n    code = exc.code\n"
    f"heavy = [m for m in {HEAVY!r} if m in sys.modules]\n"
    "print('RESULT', code, ','.join(heavy) or '-', os.environ.get('OPENBLAS_NUM_THREADS'),"
    " os.environ.get('OMP_NUM_THREADS'), os.environ.get('OPENBLAS_CORETYPE', 'unset'))"
)


def _probe(args: list[str], tmp_path: Path, **extra: str) -> list[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS")}
    env |= {"PYTHONPATH": str(REPO_ROOT), "BER_DATA_DIR": str(tmp_path)} | extra
    env.pop("OPENBLAS_CORETYPE", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, *args], capture_output=True, text=True, env=env, check=False, timeout=60
    )
    line = [x for x in done.stdout.splitlines() if x.startswith("RESULT ")]
    assert line, done.stderr
    return line[-1].split()[1:]


def test_validate_imports_no_numeric_stack(tmp_path: Path) -> None:
    code, heavy, blas, omp, coretype = _probe(["validate", str(GOLDEN / "employer_beds.ber")], tmp_path)
    assert code == "0"
    assert heavy == "-"  # e.g. "numpy" when the case model or the reference data import it again
    assert (blas, omp) == ("1", "1")  # BLAS threads limited by default
    assert coretype == "unset"  # never set by BER-desk


def test_validate_refuses_an_unknown_municipality_without_the_engine(tmp_path: Path) -> None:
    import json

    doc = json.loads((GOLDEN / "employer_beds.ber").read_text("utf-8"))
    doc["region"] = {"municipalities": ["GM0983", "GM9999"]}  # GM9999 is no municipality
    bad = tmp_path / "bad.ber"
    bad.write_text(json.dumps(doc), "utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), BER_DATA_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-m", "ber", "validate", str(bad)],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 2
    assert "GM9999" in done.stderr and "region.municipalities[1]" in done.stderr
    code, heavy, *_ = _probe(["validate", str(bad)], tmp_path)
    assert (code, heavy) == ("2", "-")


def test_user_blas_setting_is_kept(tmp_path: Path) -> None:
    _code, _heavy, blas, omp, _ = _probe(["--version"], tmp_path, OPENBLAS_NUM_THREADS="3")
    assert (blas, omp) == ("3", "1")


def test_version_imports_nothing_of_the_cli(tmp_path: Path) -> None:
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT))
    probe = (
        "import sys; from ber.cli.entry import main; main(['--version']);"
        "print(sorted(m for m in sys.modules if m.startswith(('ber.', 'pydantic', 'babel'))))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, env=env, timeout=60)
    assert done.stdout.splitlines()[-1] == "['ber.cli', 'ber.cli.entry']"


def test_validate_with_geodata_still_uses_the_engine_path(tmp_path: Path) -> None:
    """``--geodata`` needs the geodata libraries: the full check runs (and says the file is missing)."""
    code, *_ = _probe(
        ["validate", str(GOLDEN / "employer_beds.ber"), "--geodata", str(tmp_path / "none.gpkg")], tmp_path
    )
    assert code == "2"
