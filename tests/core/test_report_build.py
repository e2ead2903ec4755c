"""The PDF report of the demo: both languages, central and sampled, content, units, fonts, rendering."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.engine.rounding import places, row_rule
from ber.report import ReportOutcome, build_report
from ber.report.texts import Texts
from ber.texts.labels import STATUS_LABELS, format_number, unit_label

SECTION_KEYS = (
    "summary.title",
    "inputs.title",
    "method.title",
    "results.title",
    "map.title",
    "sites.title",
    "unc.title",
    "afw.title",
    "concl.title",
    "acc.title",
)


def _build(folder: Path, lang: str, samples: int) -> tuple[Path, Assessment, ReportOutcome]:
    case = demo_case(lang)
    result = assess(case, Context.default(), samples=samples, seed=1)
    path = folder / f"demo_{lang}_{samples}.pdf"
    outcome = build_report(result, case, path, lang=lang)  # type: ignore[arg-type]
    return path, result, outcome


@pytest.fixture(
    scope="module", params=[("nl", 0), ("en", 0), ("nl", 200), ("en", 200)], ids=lambda p: f"{p[0]}-{p[1]}"
)
def built(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Path, Assessment, ReportOutcome, str, str]:
    lang, samples = request.param
    path, result, outcome = _build(tmp_path_factory.mktemp("report"), lang, samples)
    text = "\n".join(page.extract_text() for page in PdfReader(str(path)).pages)
    return path, result, outcome, text, lang


def test_builds_with_every_part(built: tuple[Path, Assessment, ReportOutcome, str, str]) -> None:
    path, result, outcome, text, lang = built
    tx = Texts(lang)  # type: ignore[arg-type]
    assert outcome.path == path and path.is_file()
    assert outcome.pdfa is False and outcome.notes == []
    assert outcome.pages == len(PdfReader(str(path)).pages)
    assert tx("cover.title") in text
    # every part is a level-1 entry of the PDF outline (and of the contents page);
    # the demo has three sites; the uncertainty part only exists when sampled
    outline = [item.title for item in PdfReader(str(path)).outline if not isinstance(item, list)]
    expected = [tx(k) for k in SECTION_KEYS if k != "unc.title" or result.uncertainty is not None]
    assert outline == expected
    for title in expected:
        assert text.count(title) >= 2, title  # once in the contents, once as heading
    assert f"{tx('toc.title')}" in text
    # summary: at most two pages, i.e. the inputs start by page 5 (cover, contents, 2 summary pages)
    reader = PdfReader(str(path))
    first_inputs = next(
        i
        for i, p in enumerate(reader.pages)
        if p.extract_text().find(tx("inputs.title") + "\n") >= 0 and i > 1
    )
    assert first_inputs <= 4


def test_no_nan_none_or_python_reprs(built: tuple[Path, Assessment, ReportOutcome, str, str]) -> None:
    text = built[3]
    for bad in ("nan", "None", "inf", "NaN", "[]", "{'"):
        assert re.search(rf"(?<![\w]){re.escape(bad)}(?![\w])", text) is None, bad


def test_numbers_carry_units(built: tuple[Path, Assessment, ReportOutcome, str, str]) -> None:
    """Each demand figure of the results tables appears as 'number unit' (the way the report writes it)."""
    _, result, _, text, lang = built
    flat = re.sub(r"\s+", " ", text)
    checked = 0
    site_cells = 0  # a site domain (space, energy) has demand only at the site: its rows only
    for m in result.municipalities:
        for key, dom in m.domains.items():
            if key in ("space", "energy"):
                if dom.demand == 0:
                    continue
                site_cells += 1
            # one decimal below 10 when not whole; a site domain's one row: the total's decimals
            dec = places(dom.demand, row_rule(key))
            expected = f"{format_number(dom.demand, lang, dec)} {unit_label(dom.unit, lang)}"  # type: ignore[arg-type]
            assert expected in flat, expected
            checked += 1
    assert checked == 7 * 7 + site_cells and site_cells == 1  # 7 municipal domains; energy in Venlo
    # and no digit is directly followed by a lone unit-less line end in the key-figure table:
    jobs = f"{format_number(900, lang)} {unit_label('jobs', lang)}"  # type: ignore[arg-type]
    assert jobs in flat


def test_status_words_next_to_colour(built: tuple[Path, Assessment, ReportOutcome, str, str]) -> None:
    _, result, _, text, lang = built
    for verdict in result.verdict.values():
        assert STATUS_LABELS[verdict.status][lang].upper() in text


def test_dutch_and_english_number_format(built: tuple[Path, Assessment, ReportOutcome, str, str]) -> None:
    _, result, _, text, lang = built
    vkm = result.totals["commute_vehicle_km_per_day"]  # 1389.9 in the demo (residence model 2026.11-3)
    assert 1000 < vkm < 10000
    expected = format_number(vkm, lang, 0)  # type: ignore[arg-type]
    assert expected == ("1.390" if lang == "nl" else "1,390")
    assert expected in text


def test_metadata_language_fonts(built: tuple[Path, Assessment, ReportOutcome, str, str]) -> None:
    path, _, _, text, lang = built
    with pikepdf.open(path) as pdf:
        assert str(pdf.Root.Lang) == ("nl-NL" if lang == "nl" else "en-GB")
        info = pdf.docinfo
        assert "Demo Logistics" in str(info["/Title"])
        assert str(info["/Author"]) == "M. de Vries (demo)"
        assert "Demo Logistics" in str(info["/Subject"])
        fonts = set()
        for page in pdf.pages:
            for _, font in page.Resources.get("/Font", {}).items():
                desc = font.get("/FontDescriptor")
                if desc is None and "/DescendantFonts" in font:
                    desc = font.DescendantFonts[0].get("/FontDescriptor")
                assert desc is not None and "/FontFile2" in desc, "every font is an embedded TrueType"
                fonts.add(str(font.BaseFont))
        assert not any("Helvetica" in f for f in fonts)
    if lang == "nl":
        assert "patiënten" in text  # ë renders


def test_font_has_euro_and_accents() -> None:
    from reportlab.pdfbase import pdfmetrics

    from ber.report.styles import FONT, register_fonts

    register_fonts()
    face = pdfmetrics.getFont(FONT).face
    for ch in "ëé€":
        assert ord(ch) in face.charToGlyph, ch


def _not_blank(png: Path) -> float:
    from PIL import Image

    im = Image.open(png).convert("L")
    hist = im.histogram()
    dark = sum(hist[:200])
    return dark / (im.width * im.height)


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="poppler-utils not installed")
def test_pages_one_and_two_render(
    built: tuple[Path, Assessment, ReportOutcome, str, str], tmp_path: Path
) -> None:
    path = built[0]
    subprocess.run(
        ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "2", str(path), str(tmp_path / "p")], check=True
    )
    pngs = sorted(tmp_path.glob("p-*.png"))
    assert len(pngs) == 2
    for png in pngs:
        assert _not_blank(png) > 0.005, png  # ink on at least 0.5% of the page


def test_same_input_same_text(tmp_path: Path) -> None:
    case = demo_case()
    result = assess(case, Context.default())
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    a, b = tmp_path / "a" / "r.pdf", tmp_path / "b" / "r.pdf"  # the file name is printed in the report
    build_report(result, case, a)
    build_report(result, case, b)
    text_a = [p.extract_text() for p in PdfReader(str(a)).pages]
    text_b = [p.extract_text() for p in PdfReader(str(b)).pages]
    assert text_a == text_b  # numbers reproduce; the bytes carry the real creation time


def test_pdf_dates_are_the_real_creation_time(tmp_path: Path) -> None:
    import datetime as dt

    from pypdf import PdfReader as _Reader

    case = demo_case()
    out = build_report(assess(case, Context.default()), case, tmp_path / "r.pdf")
    created = _Reader(str(out.path)).metadata.creation_date
    assert created is not None
    now = dt.datetime.now(dt.UTC)
    assert abs((now - created.astimezone(dt.UTC)).total_seconds()) < 600  # not 1 January 2000


def test_officer_and_logo_arguments(tmp_path: Path) -> None:
    case = demo_case()
    result = assess(case, Context.default())
    logo = tmp_path / "logo.png"
    from PIL import Image

    Image.new("RGB", (300, 100), (200, 30, 30)).save(logo)
    out = build_report(result, case, tmp_path / "r.pdf", officer="J. Jansen", logo=logo)
    text = PdfReader(str(out.path)).pages[0].extract_text()
    assert "J. Jansen" in text
    with pikepdf.open(out.path) as pdf:
        images = list(pdf.pages[0].get_images())
    assert len(images) == 1


def test_override_justification_and_unknown_capacity_shown(tmp_path: Path) -> None:
    case = demo_case()
    doc = case.to_dict()
    doc["overrides"] = {
        "housing.household_size": {
            "value": 2.5,
            "justification": "Lokale woningmarktmonitor 2025: grotere huishoudens",
        }
    }
    from ber.case.model import parse_case

    case = parse_case(doc)
    result = assess(case, Context.default())
    out = build_report(result, case, tmp_path / "r.pdf")
    text = re.sub(r"\s+", " ", "\n".join(p.extract_text() for p in PdfReader(str(out.path)).pages))
    assert "Lokale woningmarktmonitor 2025: grotere huishoudens" in text
    assert "onbekend" in text  # the demo has unknown capacities
    assert "Illustratief" in text  # meta.capacity_source is shown
    assert "CBS" in text and "0,2" in text  # the preset note (rijksoverheid_2023)


GOLDEN_CASES = sorted((Path(__file__).resolve().parents[1] / "golden" / "cases").glob("*.ber"))


@pytest.mark.parametrize("case_file", GOLDEN_CASES, ids=lambda p: p.stem)
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_other_cases_build_cleanly(case_file: Path, lang: str, tmp_path: Path) -> None:
    """Single-site cases without labels, capacity or mitigations still give a clean report."""
    from ber.case.model import load_case

    case = load_case(case_file)
    result = assess(case, Context.default())
    out = build_report(result, case, tmp_path / "r.pdf", lang=lang)  # type: ignore[arg-type]
    reader = PdfReader(str(out.path))
    text = "\n".join(p.extract_text() for p in reader.pages)
    for bad in ("nan", "None", "inf"):
        assert re.search(rf"(?<![\w]){bad}(?![\w])", text) is None, bad
    body = re.sub(
        r"\s+", " ", "\n".join(p.extract_text() for p in reader.pages[2:])
    )  # after the contents' dots
    assert " ." not in body  # no empty placeholder before a full stop
    tx = Texts(lang)  # type: ignore[arg-type]
    outline = [item.title for item in reader.outline if not isinstance(item, list)]
    assert tx("sites.title") not in outline  # one site: no comparison chapter
    assert outline[0] == tx("summary.title") and outline[-1] == tx("acc.title")


def test_note_when_employer_beds_raise_pressure_elsewhere(tmp_path: Path) -> None:
    # Demo: with the 150 employer beds in Venlo, 150 mid/short-stay workers live in Venlo
    # instead of spread by gravity, so Venlo's GP demand (and the regional care verdict's
    # pressure) is higher with the measures than without: the summary explains that.
    def summary_text(case_mod: object | None) -> str:
        case = demo_case("nl")
        if case_mod is not None:
            case = case.model_copy(update={"mitigations": case_mod}, deep=True)
            case = case.model_copy(
                update={"workforce": case.workforce.model_copy(update={"employer_beds": []})}
            )
        result = assess(case, Context.default())
        path = tmp_path / f"r{id(case_mod)}.pdf"
        build_report(result, case, path, lang="nl")
        return "\n".join(p.extract_text() for p in PdfReader(str(path)).pages[:4])

    with_beds = summary_text(None)
    assert "geen rekenfout" in with_beds and "(Venlo)" in with_beds and "Zorg: huisarts" in with_beds
    # without employer beds (only the shuttle share as measure) no domain gets worse
    only_shuttle = demo_case("nl").mitigations
    assert "geen rekenfout" not in summary_text(only_shuttle)
