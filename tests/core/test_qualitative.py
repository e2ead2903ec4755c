"""Issue 18 items 2 and 5 (core): the qualitative assessment and the employer's provenance
marks in the case, their validation (both languages, exit 2), the themes file, the report
chapter (PDF and HTML), the input chapter's line and the Excel sheet."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.intake import INTAKE_FIELDS, is_declared
from ber.case.model import Case, load_case, parse_case, save_case
from ber.case.validate import validate_case
from ber.engine.assess import Context, assess
from ber.io.excel import export_result_xlsx
from ber.reference.data import load_reference
from ber.reference.themes import load_themes
from ber.report import build_html_report, build_report
from ber.report.texts import Texts
from ber.texts.catalogue import text
from ber.texts.messages import InputError

REPO_ROOT = Path(__file__).resolve().parents[2]
SEEDS = ("000_a2c301e156e073d6.txt", "001_142e2ff27191a404.txt", "002_dc3d1dec2b553ae8.txt")


def _doc(**qualitative: dict[str, Any]) -> dict[str, Any]:
    doc = demo_case("nl").to_dict()
    doc["qualitative"] = qualitative
    return doc


def _problems(doc: dict[str, Any]) -> list[Any]:
    ref = load_reference()
    return validate_case(parse_case(doc), ref, ref.municipalities.codes)


def test_themes_cover_the_issue_and_carry_their_sources() -> None:
    themes = load_themes()
    assert {
        "housing_quality",
        "registration",
        "language_integration",
        "nuisance",
        "exploitation_agency",
        "employer_facilities",
        "social_cohesion",
    } <= set(themes.themes)
    for theme in themes.themes.values():
        assert theme.sources and all(s in themes.sources for s in theme.sources), theme.key
        assert theme.label_nl and theme.label_en and theme.question_nl.endswith("?"), theme.key
    seeds = {s.seed for s in themes.sources.values() if s.seed}
    assert seeds == set(SEEDS)  # the policy documents the themes come from
    assert "vng.nl" in themes.sources["vng_effectrapportage"].url
    assert "1 januari 2027" in themes.sources["wtta_2027"].title  # the Wtta's date, with its source


def test_a_rated_theme_round_trips_through_the_file(tmp_path: Path) -> None:
    doc = _doc(nuisance={"rating": "limited", "evidence": "Parkeren op eigen terrein.", "source": "Bezoek"})
    doc["meta"]["declared_by_employer"] = ["business.jobs", "qualitative.nuisance.evidence"]
    case = parse_case(doc)
    assert _problems(doc) == []
    save_case(case, tmp_path / "q.ber")
    again = load_case(tmp_path / "q.ber")
    assert again == case and again.qualitative["nuisance"].rating == "limited"
    assert is_declared(again, "business.jobs") and not is_declared(again, "business.name")


def test_an_old_case_without_the_new_sections_still_reads() -> None:
    case = parse_case(demo_case("nl").to_dict() | {"qualitative": {}})
    assert case.qualitative == {} and case.meta.declared_by_employer == []


@pytest.mark.parametrize("evidence", ["", "   \n "])
def test_a_rating_without_evidence_names_the_theme_in_both_languages(evidence: str) -> None:
    problems = _problems(_doc(exploitation_agency={"rating": "considerable", "evidence": evidence}))
    assert [p.field for p in problems] == ["qualitative.exploitation_agency.evidence"]
    nl, en = problems[0].text("nl"), problems[0].text("en")
    assert nl.startswith("qualitative.exploitation_agency.evidence:") and "Wtta" in nl
    assert "onderbouwing" in nl and "niet beoordeeld" in nl
    assert "Exploitation risk" in en and "evidence" in en and "not assessed" in en


def test_evidence_without_a_rating_is_a_theme_not_yet_assessed() -> None:
    assert _problems(_doc(nuisance={"evidence": "Nog uit te zoeken."})) == []


def test_a_wrong_rating_and_a_bad_theme_key_are_refused() -> None:
    with pytest.raises(InputError) as err:
        parse_case(_doc(nuisance={"rating": "veel", "evidence": "x"}))
    assert err.value.problems[0].field == "qualitative.nuisance.rating"
    assert "none" in err.value.problems[0].text("en")
    problems = _problems(_doc(**{"Overlast!": {"rating": "none", "evidence": "x"}}))
    assert [p.code for p in problems] == ["qualitative.bad_key"]


def test_a_declared_path_must_be_a_field_the_intake_fills() -> None:
    doc = demo_case("nl").to_dict()
    doc["meta"]["declared_by_employer"] = ["business.jobs", "capacity.GM0983"]
    problems = _problems(doc)
    assert [p.field for p in problems] == ["meta.declared_by_employer[1]"]
    assert "business.jobs" in problems[0].text("en")


def test_validate_on_the_command_line_exits_2_naming_the_theme(tmp_path: Path) -> None:
    bad = tmp_path / "bad.ber"
    bad.write_text(json.dumps(_doc(nuisance={"rating": "limited", "evidence": ""})), "utf-8")
    env = dict(os.environ, PYTHONPATH=str(REPO_ROOT), BER_DATA_DIR=str(tmp_path))
    for lang, word in (("nl", "Overlast"), ("en", "Nuisance")):
        done = subprocess.run(
            [sys.executable, "-m", "ber", "validate", str(bad), "--lang", lang],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 2, done.stderr
        assert "qualitative.nuisance.evidence" in done.stderr and word in done.stderr
        assert "Traceback" not in done.stderr


def test_long_evidence_is_allowed_up_to_the_long_text_limit() -> None:
    assert _problems(_doc(nuisance={"rating": "none", "evidence": "a" * 5000})) == []
    with pytest.raises(InputError) as err:
        _problems(_doc(nuisance={"rating": "none", "evidence": "a" * 20_001}))
    assert [(p.code, p.field) for p in err.value.problems] == [
        ("limit.text", "qualitative.nuisance.evidence")
    ]


# --- outputs ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def assessed() -> tuple[Case, Any]:
    doc = _doc(
        nuisance={
            "rating": "limited",
            "evidence": "Twee locaties aan de dorpsrand.",
            "source": "Bezoek 12-11",
        },
        exploitation_agency={"rating": "considerable", "evidence": "Bureau X, toelating aangevraagd."},
    )
    doc["meta"]["declared_by_employer"] = ["business.jobs", "qualitative.exploitation_agency.evidence"]
    case = parse_case(doc)
    return case, assess(case, Context.default(), samples=0, seed=1)


def test_the_report_prints_the_judgement_in_its_own_chapter(assessed: Any, tmp_path: Path) -> None:
    case, result = assessed
    tx = Texts("nl")
    path = tmp_path / "r.pdf"
    build_report(result, case, path, lang="nl")
    pages = [page.extract_text() for page in PdfReader(str(path)).pages]
    flat = [" ".join(p.split()) for p in pages]
    title = " ".join(tx("qualitative.title").split())
    chapter = [i for i, p in enumerate(flat) if title in p and "beperkt" in p]
    assert len(chapter) == 1, "one chapter with the ratings"
    page = flat[chapter[0]]
    assert "niet berekend" in page  # the officer's judgement, not computed
    assert "Twee locaties aan de dorpsrand." in page and "aanzienlijk" in page
    assert "niet beoordeeld" in page  # the themes without rating are listed as such
    assert "opgegeven door de werkgever" in page  # the declared evidence
    # the input chapter names the declared fields
    assert any("Opgegeven door de werkgever (intake): banen, uitzendbureau" in p for p in flat)


def test_no_chapter_without_an_assessment(tmp_path: Path) -> None:
    case = demo_case("en")
    result = assess(case, Context.default(), samples=0, seed=1)
    path = tmp_path / "r.pdf"
    build_report(result, case, path, lang="en")
    text_all = " ".join(p.extract_text() for p in PdfReader(str(path)).pages)
    assert Texts("en")("qualitative.title").split(":")[0] not in text_all
    assert "Declared by the employer" not in text_all


def test_the_html_report_has_the_chapter(assessed: Any, tmp_path: Path) -> None:
    case, result = assessed
    path = tmp_path / "r.html"
    build_html_report(result, case, path, lang="en")
    html = path.read_text("utf-8")
    assert f"<h2>{Texts('en')('qualitative.title')}</h2>" in html
    assert "not computed" in html and "<td>limited</td>" in html.replace("<p>", "").replace("</p>", "")


def test_the_workbook_has_a_qualitative_sheet(assessed: Any, tmp_path: Path) -> None:
    case, result = assessed
    path = tmp_path / "r.xlsx"
    export_result_xlsx(result, case, path, lang="nl")
    ws = load_workbook(path)[text("excel.qualitative.sheet", "nl")]
    rows = list(ws.iter_rows(values_only=True))
    assert rows[0][2] == "Oordeel van de ambtenaar (niet berekend)"
    by_key = {r[0]: r for r in rows[1:]}
    assert by_key["nuisance"][2:5] == ("beperkt", "Twee locaties aan de dorpsrand.", "Bezoek 12-11")
    assert by_key["exploitation_agency"][5] == "ja"
    assert by_key["registration"][2] == "niet beoordeeld" and by_key["registration"][3] is None
    assert len(rows) == 1 + len(load_themes().themes)


def test_every_intake_field_is_a_path_of_the_case() -> None:
    from gui.state import get_path  # pure path helpers, no widgets

    doc = demo_case("nl").to_dict()
    doc["qualitative"] = {k: {} for k in load_themes().themes}
    doc = parse_case(doc).to_dict()
    for path in INTAKE_FIELDS:
        get_path(doc, path)  # raises when the path does not exist


def test_a_case_without_the_new_sections_keeps_its_hash() -> None:
    """Empty ``qualitative`` and ``meta.declared_by_employer`` are left out of the canonical
    JSON, so a case made before them keeps its case_sha256 (the register compares it)."""
    case = demo_case("nl")
    doc = case.to_dict()
    assert "qualitative" not in doc and "declared_by_employer" not in doc["meta"]
    rated = case.copy_with(qualitative=parse_case(_doc(nuisance={"evidence": "x"})).qualitative)
    assert rated.sha256() != case.sha256() and "qualitative" in rated.to_dict()


def test_a_municipality_adds_a_theme_in_its_reference_folder(tmp_path: Path, monkeypatch: Any) -> None:
    import shutil

    from ber.case.qualitative import theme_keys
    from ber.io.paths import reference_dir
    from ber.reference.themes import THEMES_FILE

    folder = tmp_path / "ref"
    shutil.copytree(reference_dir(), folder)
    doc = json.loads((folder / THEMES_FILE).read_text("utf-8"))
    doc["sources"]["eigen_beleid_2026"] = {"publisher": "Gemeente Peel", "title": "Beleid", "year": 2026}
    doc["themes"].append(
        {
            "key": "seasonal_peak",
            "label_nl": "Seizoenspiek in kleine kernen",
            "label_en": "Seasonal peak in small villages",
            "question_nl": "Hoeveel tijdelijke bewoners komen er in het hoogseizoen bij?",
            "question_en": "How many temporary residents are added in the high season?",
            "sources": ["eigen_beleid_2026"],
        }
    )
    (folder / THEMES_FILE).write_text(json.dumps(doc), "utf-8")
    monkeypatch.setenv("BER_REFERENCE_DIR", str(folder))
    themes = load_themes()
    assert themes.label("seasonal_peak", "nl") == "Seizoenspiek in kleine kernen"
    assert themes.citations("seasonal_peak") == ["Gemeente Peel, Beleid (2026)"]
    assert theme_keys({})[-1] == "seasonal_peak"
    # a rating without evidence names the municipality's own theme
    problems = _problems(_doc(seasonal_peak={"rating": "limited", "evidence": ""}))
    assert "Seizoenspiek" in problems[0].text("nl")
    # a reference folder without the file falls back to the shipped themes
    (folder / THEMES_FILE).unlink()
    monkeypatch.setenv("BER_REFERENCE_DIR", str(tmp_path / "ref"))
    from ber.reference import themes as themes_module

    themes_module._load.cache_clear()
    assert "seasonal_peak" not in load_themes().themes and "nuisance" in load_themes().themes
    themes_module._load.cache_clear()
