"""Report files: attachment round-trip, PDF/A, missing ghostscript, cancellation, progress, CLI."""

from __future__ import annotations

import io
import json
import os
import re
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import load_case
from ber.cli import main as cli_main
from ber.engine.assess import Context, assess
from ber.engine.progress import Cancelled
from ber.io.pdf_attachment import CASE_ATTACHMENT_NAME, embed_case, extract_case_bytes
from ber.report import build_report
from ber.report import pdfa as pdfa_mod


@pytest.fixture(scope="module")
def demo() -> tuple[object, object]:
    case = demo_case()
    return case, assess(case, Context.default())


def test_embed_case_round_trip(tmp_path: Path) -> None:
    blank = pikepdf.new()
    blank.add_blank_page()
    buf = io.BytesIO()
    blank.save(buf)
    case = demo_case()
    path = tmp_path / "x.pdf"
    path.write_bytes(embed_case(buf.getvalue(), case))
    assert extract_case_bytes(path) == case.canonical_json()
    with pikepdf.open(path) as pdf:
        af = pdf.Root.AF
        assert len(af) == 1  # listed once as associated file
        assert af[0].AFRelationship == pikepdf.Name.Data
        assert str(af[0].UF) == CASE_ATTACHMENT_NAME
    assert load_case(path).sha256() == case.sha256()


def test_cli_assess_of_report_reproduces_result(tmp_path: Path) -> None:
    """`ber assess REPORT.pdf` gives the same numbers as `ber assess CASE.ber` and as the report."""
    case = demo_case()
    ctx = Context.default()
    result = assess(case, ctx, samples=0)
    report = tmp_path / "rapport.pdf"
    build_report(result, case, report, ctx=ctx)
    from ber.case.model import save_case

    save_case(case, tmp_path / "case.ber")
    assert cli_main(["assess", str(report), "--out", str(tmp_path / "from_pdf.json"), "--quiet"]) == 0
    assert (
        cli_main(["assess", str(tmp_path / "case.ber"), "--out", str(tmp_path / "from_ber.json"), "--quiet"])
        == 0
    )
    from_pdf = json.loads((tmp_path / "from_pdf.json").read_text())
    from_ber = json.loads((tmp_path / "from_ber.json").read_text())
    expected = json.loads(result.to_json())
    for doc in (from_pdf, from_ber):
        assert doc["case_sha256"] == result.case_sha256
        assert doc["verdict"] == expected["verdict"]
        for key, value in expected["totals"].items():
            assert doc["totals"][key] == pytest.approx(value, rel=1e-9), key
        assert [m["code"] for m in doc["municipalities"]] == [m.code for m in result.municipalities]


def test_pdfa_with_ghostscript(tmp_path: Path, demo: tuple[object, object]) -> None:
    if pdfa_mod.find_ghostscript() is None:
        text = "ghostscript not installed: the PDF/A path is not tested"
        if os.environ.get("CI"):
            pytest.fail(text + " (CI installs ghostscript, so this fails there)")
        pytest.skip(text)
    case, result = demo
    out = build_report(result, case, tmp_path / "a.pdf", pdfa=True)  # type: ignore[arg-type]
    assert out.pdfa is True
    assert out.notes == ["PDF/A-3b geschreven met de casus als bijlage."]
    with pikepdf.open(out.path) as pdf:
        meta = pdf.open_metadata()
        assert meta.get("pdfaid:part") == "3"
        assert meta.get("pdfaid:conformance") == "B"
        assert CASE_ATTACHMENT_NAME in pdf.attachments
        # the case and the provenance record (geodata, reference version) as associated files
        assert [str(f.UF) for f in pdf.Root.AF] == [CASE_ATTACHMENT_NAME, "provenance.json"]
        assert all(f.AFRelationship == pikepdf.Name.Data for f in pdf.Root.AF)
        assert "/OutputIntents" in pdf.Root
        assert str(pdf.Root.Lang) == "nl-NL"
        # ghostscript drops title/author/subject; they are restored in XMP and document info alike
        assert meta.get("dc:title") == "Bedrijfseffectrapportage: Demo Logistics B.V. (fictief)"
        assert str(pdf.docinfo["/Title"]) == meta.get("dc:title")
        assert str(pdf.docinfo["/Author"]) == "M. de Vries (demo)"
        assert "Demo Logistics" in str(pdf.docinfo["/Subject"])
    assert extract_case_bytes(out.path) == case.canonical_json()  # type: ignore[attr-defined]
    reader = PdfReader(str(out.path))
    assert out.pages == len(reader.pages)
    # the archived text stays searchable, accents included (fonts keep their ToUnicode maps)
    assert "patiënten" in "\n".join(p.extract_text() for p in reader.pages)
    # the links of the contents page survive (PDF/A drops non-printing annotations)
    assert sum(len(p.get("/Annots", [])) for p in reader.pages) >= 8


def test_pdfa_without_ghostscript_writes_plain_pdf(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: tuple[object, object]
) -> None:
    monkeypatch.setattr(pdfa_mod, "find_ghostscript", lambda: None)
    case, result = demo
    out = build_report(result, case, tmp_path / "a.pdf", pdfa=True, lang="en")  # type: ignore[arg-type]
    assert out.pdfa is False
    assert out.notes == ["Ghostscript not found: a plain PDF was written, not PDF/A."]
    with pikepdf.open(out.path) as pdf:
        assert pdf.open_metadata().get("pdfaid:part") is None
    assert extract_case_bytes(out.path) is not None


def test_pdfa_failure_is_reported(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, demo: tuple[object, object]
) -> None:
    monkeypatch.setattr(pdfa_mod, "find_srgb_profile", lambda: None)
    case, result = demo
    out = build_report(result, case, tmp_path / "a.pdf", pdfa=True)  # type: ignore[arg-type]
    assert out.pdfa is False
    assert out.notes and out.notes[0].startswith("PDF/A-omzetting mislukt (no sRGB ICC profile found)")
    assert out.path.is_file()


def test_cli_prints_pdfa_note(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(pdfa_mod, "find_ghostscript", lambda: None)
    from ber.case.model import save_case

    save_case(demo_case(), tmp_path / "c.ber")
    code = cli_main(
        ["assess", str(tmp_path / "c.ber"), "--pdf", str(tmp_path / "r.pdf"), "--pdfa", "--quiet"]
    )
    assert code == 0
    assert "Ghostscript niet gevonden" in capsys.readouterr().err
    assert (tmp_path / "r.pdf").is_file()


class _Recorder:
    def __init__(self, cancel_at: float | None = None, cancel_after_calls: int | None = None) -> None:
        self.fractions: list[float] = []
        self.messages: list[str] = []
        self.calls = 0
        self.cancel_at = cancel_at
        self.cancel_after_calls = cancel_after_calls

    def report(self, fraction: float, message: str = "") -> None:
        self.fractions.append(fraction)
        self.messages.append(message)

    def cancelled(self) -> bool:
        self.calls += 1
        if self.cancel_after_calls is not None and self.calls > self.cancel_after_calls:
            return True
        return self.cancel_at is not None and bool(self.fractions) and self.fractions[-1] >= self.cancel_at


def test_progress_reported_in_order(tmp_path: Path, demo: tuple[object, object]) -> None:
    case, result = demo
    rec = _Recorder()
    build_report(result, case, tmp_path / "r.pdf", progress=rec)  # type: ignore[arg-type]
    assert rec.fractions == sorted(rec.fractions)
    assert rec.fractions[0] == 0.0 and rec.fractions[-1] == 1.0
    assert len(rec.fractions) >= 10  # between sections
    assert rec.messages[0] == "Rapport voorbereiden"


@pytest.mark.parametrize("where", ["sections", "layout"])
def test_cancel_leaves_no_file(tmp_path: Path, demo: tuple[object, object], where: str) -> None:
    case, result = demo
    # "sections": cancel once the third section starts; "layout": while reportlab lays out pages
    rec = _Recorder(cancel_at=0.1) if where == "sections" else _Recorder(cancel_at=0.4)
    target = tmp_path / "out" / "r.pdf"
    target.parent.mkdir()
    with pytest.raises(Cancelled):
        build_report(result, case, target, progress=rec)  # type: ignore[arg-type]
    assert list(target.parent.iterdir()) == []


def test_existing_report_survives_cancel(tmp_path: Path, demo: tuple[object, object]) -> None:
    case, result = demo
    target = tmp_path / "r.pdf"
    target.write_bytes(b"%PDF-1.4 old")
    with pytest.raises(Cancelled):
        build_report(result, case, target, progress=_Recorder(cancel_at=0.4))  # type: ignore[arg-type]
    assert target.read_bytes() == b"%PDF-1.4 old"
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_attachment_note_names_the_file(tmp_path: Path, demo: tuple[object, object]) -> None:
    case, result = demo
    out = build_report(result, case, tmp_path / "BER zaak 12.pdf")  # type: ignore[arg-type]
    text = re.sub(r"\s+", " ", PdfReader(str(out.path)).pages[-1].extract_text())
    assert "ber assess BER zaak 12.pdf" in text


def test_ber_demo_writes_the_report(tmp_path: Path) -> None:
    assert cli_main(["--lang", "en", "demo", "--out", str(tmp_path)]) == 0
    pdf = tmp_path / "demo.pdf"
    assert pdf.is_file()
    assert load_case(pdf).sha256() == load_case(tmp_path / "demo.ber").sha256()
    assert "Business impact report" in PdfReader(str(pdf)).pages[0].extract_text()


def test_progress_messages_are_translated(tmp_path: Path, demo: tuple[object, object]) -> None:
    case, result = demo
    rec = _Recorder()
    build_report(result, case, tmp_path / "r.pdf", progress=rec, lang="en")  # type: ignore[arg-type]
    # one English message per chapter, counting 1 … N (N = the chapters this report has)
    steps = [m for m in rec.messages if m.startswith("Building the chapters (")]
    n = len(steps)
    assert n >= 10 and steps == [f"Building the chapters ({k} of {n})" for k in range(1, n + 1)]
    assert "Laying out the pages" in rec.messages
