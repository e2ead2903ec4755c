"""Lean dependencies: one PDF library in the application, no test helpers in the package."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import pytest

from ber.case.model import load_case
from ber.texts.messages import InputError

REPO = Path(__file__).resolve().parents[2]


def _shipped_sources() -> list[Path]:
    return sorted([*(REPO / "ber").rglob("*.py"), *(REPO / "gui").rglob("*.py")])


def test_the_application_uses_pikepdf_only_and_pypdf_is_a_test_dependency() -> None:
    offenders = [
        p.relative_to(REPO).as_posix()
        for p in _shipped_sources()
        if re.search(r"^\s*(from|import) pypdf\b", p.read_text("utf-8"), flags=re.M)
    ]
    assert offenders == []
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    runtime = [d.split(">")[0].split("[")[0].strip() for d in project["dependencies"]]
    assert "pikepdf" in runtime and "pypdf" not in runtime
    assert any(d.startswith("pypdf") for d in project["optional-dependencies"]["dev"])


def test_no_test_helpers_ship_in_the_package() -> None:
    assert not (REPO / "ber" / "register" / "pgtemp.py").exists()
    for path in _shipped_sources():
        text = path.read_text("utf-8")
        assert "initdb" not in text and "pg_ctl" not in text, path


def test_embedded_case_reads_back_with_pikepdf(tmp_path: Path) -> None:
    from ber.case.demo import demo_case
    from ber.io.pdf_attachment import embed_case, extract_case_bytes

    pikepdf = pytest.importorskip("pikepdf")
    blank = tmp_path / "blank.pdf"
    with pikepdf.new() as pdf:
        pdf.add_blank_page()
        pdf.save(blank)
    assert extract_case_bytes(blank) is None
    case = demo_case()
    with_case = tmp_path / "report.pdf"
    with_case.write_bytes(embed_case(blank.read_bytes(), case))
    assert extract_case_bytes(with_case) == case.canonical_json()
    assert load_case(with_case) == case


def test_a_broken_pdf_is_a_clear_input_error(tmp_path: Path) -> None:
    broken = tmp_path / "kapot.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + b"\x00garbage" * 50)
    with pytest.raises(InputError) as err:
        load_case(broken)
    assert err.value.problems[0].code == "file.pdf_damaged"
    assert "kapot.pdf" in err.value.texts("nl")[0] and "PDF" in err.value.texts("en")[0]
