"""The report as evidence (issue 12): checked on the extracted text of generated reports.

Each test builds a real report and looks for numbers, statuses and phrases in its
text (pypdf's extraction, with whitespace collapsed), never for one library's layout.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import Case, Override
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.report import build_report
from ber.report.texts import Texts
from ber.texts.labels import DOMAIN_LABELS


def _text(path: Path) -> str:
    return " ".join(" ".join((p.extract_text() or "").split()) for p in PdfReader(str(path)).pages)


def _report(tmp_path: Path, case: Case, lang: str = "nl", samples: int = 0) -> tuple[str, Assessment]:
    result = assess(case, Context.default(), samples=samples, seed=1)
    out = build_report(result, case, tmp_path / f"r-{lang}-{samples}.pdf", lang=lang)  # type: ignore[arg-type]
    return _text(out.path), result


@pytest.fixture(scope="module")
def demo_nl(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, Assessment]:
    return _report(tmp_path_factory.mktemp("nl"), demo_case("nl"))


def test_headline_adds_up(demo_nl: tuple[str, Assessment]) -> None:
    text, result = demo_nl
    # demo: 900 jobs × 60% migrants = 540 workers; family 96 (whole persons); 5% of the
    # workers (27) cross the border each day and live abroad with their families:
    # 540 + 96 = 636 = 604 in the region + 32 abroad
    t = result.totals
    workers, family = round(t.value("migrant_workers")), round(t.value("family_members"))
    residents = round(t.value("residents"))
    assert (workers, family, residents) == (540, 96, 604)
    assert f"{workers} + {family} = {residents} + {workers + family - residents}" in text
    assert "27 grenspendelaars" in text
    assert "in de regio Arbeidsmarktregio" not in text  # "in de Arbeidsmarktregio Noord-Limburg"


def test_site_in_entered_crs_plus_rd_and_municipality(tmp_path: Path) -> None:
    case = demo_case("nl")
    data = case.model_dump(by_alias=True)
    # the chosen site in degrees (WGS 84): printed with 5 decimals, and in RD metres
    data["sites"][0].update({"x": 6.13000, "y": 51.38000, "crs": "EPSG:4326"})
    case = Case.model_validate(data)
    text, result = _report(tmp_path, case)
    assert "51,38000° NB, 6,13000° OL" in text
    from ber.engine.geometry import to_rd

    x, y = to_rd(6.13, 51.38, "EPSG:4326")
    rx, ry = (f"{round(v):,}".replace(",", ".") for v in (x, y))
    rd = f"x {rx} m, y {ry} m"
    assert rd in text
    assert result.site.host_name in text


def test_legend_and_method_follow_overridden_thresholds(tmp_path: Path) -> None:
    case = demo_case("nl")
    data = case.model_dump(by_alias=True)
    data["overrides"] = {
        "status.amber_threshold": Override(value=0.25, justification="beleid").model_dump(),
        "status.red_threshold": Override(value=0.75, justification="beleid").model_dump(),
    }
    text, _ = _report(tmp_path, Case.model_validate(data))
    assert "groen = druk onder 0,25" in text
    assert "oranje = druk van 0,25 tot 0,75" in text
    assert "Groen onder 0,25, oranje van 0,25 tot 0,75" in text
    assert "druk onder 0,5 " not in text


def test_family_discrepancy_disclosed_under_either_preset(tmp_path: Path) -> None:
    for preset in ("rijksoverheid_2023", "cbs_2023"):
        case = demo_case("nl")
        data = case.model_dump(by_alias=True)
        data["workforce"]["family_preset"] = preset
        text, _ = _report(tmp_path, Case.model_validate(data))
        assert "factor drie" in text, preset
        # both sources are in the numbered source list
        assert "BWO" in text and "ESB" in text, preset


def test_sampled_summary_gives_the_share_of_draws(tmp_path: Path) -> None:
    text, result = _report(tmp_path, demo_case("nl"), samples=200)
    u = result.uncertainty
    assert u is not None
    v = result.verdict["housing_dwellings"]
    band = u.pressure["housing_dwellings"][v.municipality or ""]
    red = f"{round(band.share_red * 100)}%"
    summary = text.split("Samenvatting", 2)[2].split("Invoer", 1)[0]
    assert f"rood in {red}" in summary
    assert "--samples 200 --seed 1" in text


def test_person_counts_are_whole_in_running_text(demo_nl: tuple[str, Assessment]) -> None:
    text, _ = demo_nl
    summary = text.split("Samenvatting", 2)[2].split("Invoer", 1)[0]
    assert not re.search(r"\d+,\d+ (leerlingen|patiënten|personen)\b", summary)


def test_residence_table_recomputes_by_hand(demo_nl: tuple[str, Assessment]) -> None:
    text, result = demo_nl
    assert "Waar de werknemers wonen" in text
    # Venlo: flex workers outside the 150 employer beds (324 × 0.95 − 150 = 157.8) ×
    # flex share + 150 + settling workers (216 × 0.95 = 205.2) × settling share = 416.1
    venlo = result.municipality("GM0983")
    assert "157,8" in text and "205,2" in text and "150,0" in text
    assert f"{venlo.workers:.1f}".replace(".", ",") in text
    assert "48.553" in text  # Venlo's housing stock, the model's attraction


def test_conclusion_chapter(demo_nl: tuple[str, Assessment]) -> None:
    text, result = demo_nl
    concl = text.split("Algemene conclusie", 1)[1].split("Verantwoording", 1)[0]
    assert "Ontwerpvoorschriften" in concl and "Leemten in kennis" in concl
    assert "Voorstel voor monitoring" in concl
    red = [d for d, v in result.verdict.items() if v.status == "red"]
    assert len(red) == 2 and "in 2 domeinen" in concl
    # flex beds: Venlo demand 127 beds − 0.5 × 120 free = 67 (rounded up) to be green again
    flex = result.municipality("GM0983").domains["housing_flex"]
    need = flex.demand - 0.5 * (flex.capacity or 0.0)
    import math

    assert f"ten minste {math.ceil(need)} bedden" in concl
    # the unknown capacities are named as a knowledge gap
    assert "Onderwijs: voortgezet onderwijs — 2 gemeenten" in concl


def test_english_report_has_the_same_points(tmp_path: Path) -> None:
    text, _ = _report(tmp_path, demo_case("en"), lang="en")
    assert "540 + 96 = 604 + 32" in text
    assert "Draft permit conditions" in text and "Knowledge gaps" in text
    assert "Where the workers live" in text
    assert "green = pressure below 0.5" in text


def test_accessible_html_version(tmp_path: Path) -> None:
    """``ber assess --html``: the same report as semantic HTML (ReportLab writes no PDF/UA tags)."""
    import subprocess
    import sys
    from html.parser import HTMLParser

    from ber.case.model import save_case

    case_file = tmp_path / "zaak.ber"
    save_case(demo_case("en"), case_file)
    out = tmp_path / "report.html"
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "ber",
            "--lang",
            "en",
            "assess",
            str(case_file),
            "--html",
            str(out),
            "--quiet",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stderr
    html = out.read_text(encoding="utf-8")

    class Scan(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.tags: list[tuple[str, dict[str, str | None]]] = []
            self.text: list[str] = []

        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            self.tags.append((tag, dict(attrs)))

        def handle_data(self, data: str) -> None:
            self.text.append(data)

    scan = Scan()
    scan.feed(html)
    assert ("html", {"lang": "en-GB"}) in scan.tags
    names = [t for t, _ in scan.tags]
    assert names.count("h1") == 1 and names.count("h2") >= 8 and "h3" in names
    assert any(t == "th" and a.get("scope") == "col" for t, a in scan.tags)
    assert any(t == "th" and a.get("scope") == "row" for t, a in scan.tags)
    figures = [a for t, a in scan.tags if t == "svg"]
    assert figures and all(a.get("role") == "img" and a.get("aria-label") for a in figures)
    text = " ".join(" ".join(scan.text).split())
    assert "540 + 96 = 604 + 32" in text
    assert "Bar chart Housing: flex beds in Venlo" in text  # every chart names domain and municipality
    assert "Map of the region" in text
    assert "Draft permit conditions" in text


def test_long_region_summarised_with_the_full_list_in_an_appendix(tmp_path: Path) -> None:
    case = demo_case("nl")
    data = case.model_dump(by_alias=True)
    data["region"] = {"municipalities": None, "label": ""}  # the cut-off around the site
    case = Case.model_validate(data)
    text, result = _report(tmp_path, case)
    n = len(result.municipalities)
    assert n > 8
    head = text.split("Samenvatting", 2)[2].split("Invoer", 1)[0]
    assert f"{n} gemeenten rond Venlo" in head
    far = max(result.municipalities, key=lambda m: m.distance_km)
    assert far.name not in head  # not a list of every name
    appendix = text.split("Bijlage: gemeenten van de regio", 2)[-1]
    assert all(m.name in appendix for m in result.municipalities)


#: words that only the other language uses (short function words and the report's terms)
DUTCH_ONLY = {
    "de",
    "het",
    "een",
    "en",
    "niet",
    "wordt",
    "zijn",
    "voor",
    "met",
    "bij",
    "gemeente",
    "gemeenten",
    "bron",
    "onbekend",
    "oordeel",
    "druk",
    "vraag",
    "regio",
    "jaar",
    "bedden",
}
ENGLISH_ONLY = {
    "the",
    "and",
    "with",
    "which",
    "are",
    "beds",
    "dwellings",
    "pupils",
    "verdict",
    "pressure",
    "demand",
    "municipality",
    "source",
    "unknown",
    "draws",
    "year",
}


def _foreign_words(text: str, lang: str) -> list[str]:
    """Words of the other language, once the quoted material is taken out.

    Quoted material keeps its own language: the titles in the source list, names of
    municipalities, sites and the data set, and what the user typed into the case.
    """
    from ber.reference.data import load_reference

    ref = load_reference()
    case, ctx = demo_case(lang), Context.default()
    # (publisher names are proper names: "Zorg en Z, reporting the NZa" is data, see issue 12 notes)
    quoted = [s.citation() for s in ref.sources.values()] + [s.publisher for s in ref.sources.values()]
    quoted += [s.title for s in ref.sources.values()]
    quoted += list(ctx.table.names) + [s.name for s in case.sites]
    quoted += [case.business.name, case.meta.officer, case.meta.title, case.meta.notes]
    quoted += [ctx.dataset.name] if ctx.dataset else []
    flat = " ".join(text.split())
    for q in sorted((" ".join(q.split()) for q in quoted if q), key=len, reverse=True):
        flat = flat.replace(q, " ")
    words = re.findall(r"(?<![\w./-])[A-Za-zÀ-ÿ]+(?![\w./-])", flat)
    other = DUTCH_ONLY if lang == "en" else ENGLISH_ONLY
    return sorted({w for w in words if w.lower() in other})


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_words_of_the_other_language(tmp_path: Path, lang: str) -> None:
    text, _ = _report(tmp_path, demo_case(lang), lang=lang, samples=50)
    assert _foreign_words(text, lang) == []


def test_language_scan_can_fail() -> None:
    assert _foreign_words("The verdict de gemeente is red.", "en") == ["de", "gemeente"]
    assert _foreign_words("Het oordeel: the pressure is hoog.", "nl") == ["pressure", "the"]


def test_column_widths_hold_the_longest_word() -> None:
    """No word is broken inside a cell: each column is at least as wide as its longest word."""
    from reportlab.pdfbase.pdfmetrics import stringWidth

    from ber.report.data import CELL_PADDING, fit_widths
    from ber.report.styles import FONT, FONT_BOLD, register_fonts

    register_fonts()
    header = [["Gemeente", "Onderwijs: basisonderwijs", "Woon-werkverkeer"]]
    rows = [["Sint-Michielsgestel", "onbekend", "12"], ["Venlo", "3", "onbekend"]]
    widths = fit_widths(header, rows, [20.0, 20.0, 20.0], (FONT, FONT_BOLD), 8.0)
    for col, word, font in (
        (0, "Sint-Michielsgestel", FONT),
        (1, "basisonderwijs", FONT_BOLD),
        (2, "onbekend", FONT),
    ):
        assert widths[col] >= stringWidth(word, font, 8.0) + CELL_PADDING, (col, widths)
    # with room to spare the total is kept
    roomy = fit_widths(header, rows, [150.0, 150.0, 150.0], (FONT, FONT_BOLD), 8.0)
    assert sum(roomy) == pytest.approx(450.0)


def test_every_chart_names_its_domain_and_municipality(demo_nl: tuple[str, Assessment]) -> None:
    text, result = demo_nl
    tx = Texts("nl")
    charted = 0
    for domain, verdict in result.verdict.items():
        code = verdict.municipality or verdict.unknown_municipality
        if not code:
            continue
        charted += 1
        title = tx(
            "results.chart_title",
            domain=DOMAIN_LABELS[domain]["nl"],
            municipality=result.municipality(code).name,
        )
        assert title in text, title
    assert charted > 0


def test_rows_without_demand_collapse_into_one_line(demo_nl: tuple[str, Assessment]) -> None:
    text, result = demo_nl
    tx = Texts("nl")
    collapsed = 0
    for domain in result.verdict:
        idle = [m.name for m in result.municipalities if m.domains[domain].demand == 0]
        if idle:
            collapsed += 1
            assert tx("results.no_demand", count=len(idle), names=", ".join(idle)) in text
    # the demo's traffic domain: only the host municipality has peak-hour vehicles
    assert collapsed > 0
    assert not re.search(r"(?<![\d.,])0 voertuigen per spitsuur", text)


def test_workforce_table_has_a_total_and_says_when_rows_do_not_add_up(
    demo_nl: tuple[str, Assessment],
) -> None:
    text, result = demo_nl
    tx = Texts("nl")
    family = result.totals.family
    shown_rows = sum(round(v) for v in family.values())
    total = round(sum(family.values()))
    # the demo: 0 + 0 + 40 + 39 + 16 = 95 shown against the total 96 (95.58)
    assert (shown_rows, total) == (95, 96)
    table = text[
        text.index(tx("inputs.col_family", year=result.full_operation_year)) : text.index(tx("inputs.sites"))
    ]
    assert re.search(rf"{tx('inputs.total')} 100 ?% 540 personen {total} personen", table), table
    assert tx("results.rounding_note") in table
