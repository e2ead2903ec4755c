"""``ber assess CASE --cumulative [--register-url URL]``: result JSON key, report section, errors.

The register holds three other variants of the demo business (same site, region
and years, other references and job counts): Z-1 granted (300 jobs), Z-2 in
procedure (450 jobs), Z-3 refused (2000 jobs, not counted). The demo itself
(DEMO-2026-001, 900 jobs) is the case at hand.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import Case, save_case
from ber.cli import main
from ber.engine.assess import Context, assess
from ber.register import Register

VENLO, FLEX = "GM0983", "housing_flex"


def variant(ref: str, jobs: float) -> Case:
    base = demo_case()
    return base.model_copy(
        update={
            "meta": base.meta.model_copy(update={"reference": ref, "title": f"Variant {ref}"}),
            "business": base.business.model_copy(update={"jobs": jobs, "name": f"Bedrijf {ref}"}),
        }
    )


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def assess_cumulative(
    capsys: pytest.CaptureFixture[str], case: Path, url: str, out: Path, *extra: str
) -> tuple[int, str, str]:
    """``ber assess CASE --cumulative --register-url URL --out OUT`` and ``extra``."""
    return run(capsys, "assess", str(case), "--cumulative", "--register-url", url, "--out", str(out), *extra)


@pytest.fixture
def case_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo.ber"
    save_case(demo_case(), path)
    return path


def fill(url: str) -> dict[str, Case]:
    others = {"Z-1": variant("Z-1", 300), "Z-2": variant("Z-2", 450), "Z-3": variant("Z-3", 2000)}
    with Register.open(url) as reg:
        for case, status in zip(others.values(), ("granted", "in_procedure", "refused"), strict=True):
            reg.add(case, assess(case, Context.default()), status=status)
    return others


def test_assess_cumulative_json_and_pdf(
    register_url: str, case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    others = fill(register_url)
    out_json, out_pdf = tmp_path / "r.json", tmp_path / "r.pdf"
    code, out, err = assess_cumulative(capsys, case_file, register_url, out_json, "--pdf", str(out_pdf))
    assert code == 0, err
    doc = json.loads(out_json.read_text(encoding="utf-8"))
    assert doc["schema"] == "ber-result/1"
    cum = doc["cumulative"]
    assert cum["schema"] == "ber-cumulative/1"
    assert sorted(c["reference"] for c in cum["contributors"]) == ["Z-1", "Z-2"]  # refused Z-3 left out
    # other cases in Venlo, flex beds = Z-1's own demand + Z-2's own demand, every year
    own = {ref: assess(c, Context.default()).municipality(VENLO).domains[FLEX] for ref, c in others.items()}
    series = next(s for s in cum["series"] if s["domain"] == FLEX and s["municipality"] == VENLO)
    expected = [a + b for a, b in zip(own["Z-1"].demand_per_year, own["Z-2"].demand_per_year, strict=True)]
    assert series["other"] == pytest.approx(expected)
    this = assess(demo_case(), Context.default()).municipality(VENLO).domains[FLEX].demand_per_year
    assert series["total"] == pytest.approx([o + t for o, t in zip(expected, this, strict=True)])
    # the printed summary names the counted cases
    # (largest demand first: Z-2 with 450 jobs before Z-1 with 300)
    assert "andere zaken: Z-2, Z-1" in out
    # the report has the section with the references
    text = "\n".join(p.extract_text() for p in PdfReader(str(out_pdf)).pages)
    assert "Cumulatieve effecten" in text and "Z-1" in text and "Z-2" in text and "Z-3" not in text


def test_own_registration_is_not_counted(
    tmp_path: Path, case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'reg.sqlite'}"
    fill(url)
    case = demo_case()
    with Register.open(url) as reg:
        reg.add(case, assess(case, Context.default()), status="in_procedure")
    out_json = tmp_path / "r.json"
    code, _, err = assess_cumulative(capsys, case_file, url, out_json, "--quiet")
    assert code == 0, err
    refs = [
        c["reference"] for c in json.loads(out_json.read_text(encoding="utf-8"))["cumulative"]["contributors"]
    ]
    assert sorted(refs) == ["Z-1", "Z-2"]


def test_register_url_from_environment(
    tmp_path: Path, case_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'env.sqlite'}"
    fill(url)
    monkeypatch.setenv("BER_REGISTER_URL", url)
    out_json = tmp_path / "r.json"
    code, _, err = run(capsys, "assess", str(case_file), "--cumulative", "--out", str(out_json), "--quiet")
    assert code == 0, err
    assert len(json.loads(out_json.read_text(encoding="utf-8"))["cumulative"]["contributors"]) == 2


def test_default_register_in_user_data_folder_empty(
    tmp_path: Path, case_file: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("BER_REGISTER_URL", raising=False)
    out_json = tmp_path / "r.json"
    code, out, err = run(
        capsys, "--lang", "en", "assess", str(case_file), "--cumulative", "--out", str(out_json)
    )
    assert code == 0, err
    cum = json.loads(out_json.read_text(encoding="utf-8"))["cumulative"]
    assert cum["contributors"] == []
    assert all(x == 0.0 for s in cum["series"] for x in s["other"])
    assert "other cases: none" in out


def test_without_flag_no_cumulative_key(
    tmp_path: Path, case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json = tmp_path / "r.json"
    code, _, _ = run(capsys, "assess", str(case_file), "--out", str(out_json), "--quiet")
    assert code == 0
    assert "cumulative" not in json.loads(out_json.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("url", "shown"),
    [
        (
            "postgresql+psycopg://ber:geheim@127.0.0.1:1/register",
            "postgresql+psycopg://ber:***@127.0.0.1:1/register",
        ),
        ("sqlite:////proc/no-such-folder/register.sqlite", "sqlite:////proc/no-such-folder/register.sqlite"),
        ("mysql://ber@host/db", "mysql://ber@host/db"),
    ],
)
def test_register_that_cannot_be_opened_exits_2(
    url: str, shown: str, tmp_path: Path, case_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out_json = tmp_path / "r.json"
    code, _, err = run(
        capsys, "assess", str(case_file), "--cumulative", "--register-url", url, "--out", str(out_json)
    )
    assert code == 2
    assert shown in err and "geheim" not in err and "Traceback" not in err
    assert "register" in err.lower()
    assert not out_json.exists()  # nothing written when the cumulative part fails
