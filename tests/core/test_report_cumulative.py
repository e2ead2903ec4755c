"""The report section "Cumulatieve effecten" (ber/report/sections_cumulative.py).

The new case is the demo (assessed by the engine); the register (SQLite in
tmp_path) holds two other cases with hand-made demand in every year of the demo's
horizon, so the sums can be checked by hand:

  Z-2026-001 granted       flex beds Venlo 100, GP patients Venlo 300
  Z-2026-002 in procedure  flex beds Venlo 50, flex beds Horst aan de Maas 80
  Z-2026-003 refused       flex beds Venlo 1000 (not counted)

So in the full-operation year "other cases" for flex beds is 150 in Venlo and 80
in Horst aan de Maas (region total 230), and 300 GP patients in Venlo.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.domains import domain_keys, domain_unit
from ber.engine.result import (
    Assessment,
    ChosenSite,
    DomainResult,
    MunicipalityResult,
    RegionUsed,
    Totals,
    Verdict,
)
from ber.register import Cumulative, Register, cumulative
from ber.report import build_report
from ber.report.build import SECTIONS
from ber.report.texts import Texts
from ber.texts.labels import format_number, format_pressure

VENLO, HORST = "GM0983", "GM1507"
FLEX, GP = "housing_flex", "care_gp"


def hand_result(case: Case, years: list[int], full: int, demand: dict[tuple[str, str], float]) -> Assessment:
    """An assessment with a constant hand-made demand per (domain, municipality)."""
    codes = sorted({code for _, code in demand})
    n, t = len(years), years.index(full)
    munis = []
    for code in codes:
        domains = {}
        for dom in domain_keys():
            per_year = [float(demand.get((dom, code), 0.0))] * n
            domains[dom] = DomainResult(
                demand=per_year[t],
                capacity=None,
                pressure=None,
                status="grey",
                unit=domain_unit(dom),
                demand_per_year=per_year,
                pressure_per_year=[None] * n,
                status_per_year=["grey"] * n,
            )
        munis.append(MunicipalityResult(code, code, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, domains))
    return Assessment(
        app_version="test",
        reference_version="test",
        reference_checksum="",
        case_sha256=case.sha256(),
        computed_at="",
        language="nl",
        years=years,
        full_operation_year=full,
        site=ChosenSite("site", 0.0, 0.0, "EPSG:28992", codes[0], codes[0]),
        region=RegionUsed("list", "", 0.0, list(codes), ""),
        family_preset="",
        totals=Totals({"jobs": 100.0, "residents": 50.0}, {}, {}),
        per_year={},
        municipalities=munis,
        verdict={d: Verdict("grey", codes[0], codes[0], None) for d in domain_keys()},
        sites=[],
        mitigations=None,
        parameters=[],
    )


OTHERS = [
    ("Z-2026-001", "Koelhuis Noord BV", "granted", {(FLEX, VENLO): 100.0, (GP, VENLO): 300.0}),
    ("Z-2026-002", "Kwekerij Zuid BV", "in_procedure", {(FLEX, VENLO): 50.0, (FLEX, HORST): 80.0}),
    ("Z-2026-003", "Geweigerd Depot BV", "refused", {(FLEX, VENLO): 1000.0}),
]


def setup(folder: Path, lang: str) -> tuple[Case, Assessment, Cumulative]:
    case = demo_case(lang)
    result = assess(case, Context.default())
    with Register.open(f"sqlite:///{folder / 'register.sqlite'}") as reg:
        for ref, name, status, demand in OTHERS:
            other = demo_case(lang)
            other = other.model_copy(
                update={
                    "meta": other.meta.model_copy(update={"reference": ref, "title": name}),
                    "business": other.business.model_copy(update={"name": name}),
                }
            )
            reg.add(
                other, hand_result(other, result.years, result.full_operation_year, demand), status=status
            )
        cum = cumulative(result, case, reg)
    return case, result, cum


@dataclass
class Built:
    lang: Any
    result: Assessment
    cum: Cumulative
    path: Path
    pages: list[str]


@pytest.fixture(scope="module", params=["nl", "en"], name="b")
def built(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Built:
    lang = request.param
    folder = tmp_path_factory.mktemp(f"cum_{lang}")
    case, result, cum = setup(folder, lang)
    path = folder / "report.pdf"
    build_report(result, case, path, lang=lang, cumulative=cum)
    # layout text keeps a table row on one line
    layout = subprocess.run(
        ["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True, text=True
    )
    pages = layout.stdout.split("\f")
    assert len(PdfReader(str(path)).pages) == len([p for p in pages if p.strip()])
    return Built(lang, result, cum, path, pages)


def test_section_is_in_the_list_after_the_results() -> None:
    names = [s.__name__ for s in SECTIONS]
    assert names.index("cumulative_section") == names.index("results") + 1


def test_section_names_the_counted_cases_and_hand_sums(b: Built) -> None:
    tx = Texts(b.lang)
    text = "\n".join(" ".join(ln.split()) for page in b.pages for ln in page.splitlines())
    assert tx("cum.title") in text
    # the other cases by reference (refused Z-2026-003 is not counted), with business and status
    assert "Z-2026-001" in text and "Z-2026-002" in text and "Z-2026-003" not in text
    assert "Koelhuis Noord BV" in text and "Kwekerij Zuid BV" in text
    granted = {"nl": "verleend", "en": "granted"}[b.lang]
    assert granted in text and "in procedure" in text
    t = b.result.years.index(b.result.full_operation_year)
    flex_venlo = b.cum.get(FLEX, VENLO)
    # hand sums: 100 + 50 in Venlo, 80 in Horst, 230 in the region (the refused 1000 is left out)
    assert flex_venlo.other[t] == pytest.approx(150.0)
    assert b.cum.get(FLEX, HORST).other[t] == pytest.approx(80.0)
    assert b.cum.get(GP, VENLO).other[t] == pytest.approx(300.0)
    this = b.result.municipality(VENLO).domains[FLEX].demand
    assert flex_venlo.total[t] == pytest.approx(150.0 + this)
    lines = [ln for ln in text.splitlines() if ln.startswith("Venlo ")]
    venlo_total = format_number(150.0 + this, b.lang, 0)  # type: ignore[arg-type]
    assert any(ln.split()[1:2] == ["150"] and venlo_total in ln for ln in lines), lines
    region_total = tx("results.total")
    assert any(ln.startswith(region_total) and " 230 " in f" {ln} " for ln in text.splitlines())
    # per domain the sentence with and without, and the chart title of the deciding domain
    assert text.count(tx("cum.verdict_line", without="@", with_case="@").split("@")[0]) == len(domain_keys())
    assert tx("cum.chart_title", domain="@", municipality="@").split("@")[0] in text


def test_verdict_words_match_the_cumulative_result(b: Built) -> None:
    from ber.texts.labels import STATUS_LABELS, format_pressure

    text = "\n".join(" ".join(ln.split()) for page in b.pages for ln in page.splitlines())
    for dom in domain_keys():
        without, with_ = b.cum.verdict_without[dom], b.cum.verdict_with[dom]
        assert STATUS_LABELS[with_.status][b.lang].upper() in text
        assert STATUS_LABELS[without.status][b.lang].upper() in text
    # the demo's spare capacity in Venlo is 120 flex beds: the other cases' 150 beds give
    # pressure 150 / 120 = 1.25 >= 1.0 (red threshold) -> red without this case
    t = b.result.years.index(b.result.full_operation_year)
    flex = b.cum.get(FLEX, VENLO)
    assert flex.capacity == 120.0
    assert flex.pressure_without[t] == pytest.approx(1.25) and flex.status_without[t] == "red"
    pressure = format_pressure(1.25, b.lang)  # type: ignore[arg-type]  # one unit everywhere: "125 %"
    red = STATUS_LABELS["red"][b.lang].upper()
    # the Venlo row of the flex-bed table: other 150, ..., capacity 120, pressure without 125 % ROOD
    venlo = [ln for ln in text.splitlines() if ln.startswith("Venlo 150 ")]
    assert len(venlo) == 1 and f" 120 {pressure} {red} " in venlo[0]


def test_no_nan_or_none(b: Built) -> None:
    text = "\n".join(" ".join(ln.split()) for page in b.pages for ln in page.splitlines())
    assert re.findall(r"\b(nan|NaN|None|inf)\b", text) == []


def test_pages_render_not_blank(b: Built, tmp_path: Path) -> None:
    if shutil.which("pdftoppm") is None:
        pytest.skip("pdftoppm not installed")
    tx = Texts(b.lang)
    first = next(i for i, p in enumerate(b.pages) if tx("cum.counted_title") in p) + 1
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "50",
            "-gray",
            "-f",
            str(first),
            "-l",
            str(first + 1),
            str(b.path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    images = sorted(tmp_path.glob("p*.pgm"))
    assert len(images) == 2
    for img in images:
        data = img.read_bytes()
        pixels = data[data.index(b"255\n") + 4 :]
        inked = sum(1 for px in pixels if px < 200)
        assert inked > 0.02 * len(pixels), f"{img.name} looks blank"


def test_without_cumulative_the_section_is_absent(tmp_path: Path) -> None:
    case = demo_case("nl")
    result = assess(case, Context.default())
    path = tmp_path / "plain.pdf"
    build_report(result, case, path, lang="nl")
    text = "\n".join(p.extract_text() for p in PdfReader(str(path)).pages)
    tx = Texts("nl")
    assert tx("cum.title") not in text and tx("cum.counted_title") not in text


def test_no_other_cases_says_so(tmp_path: Path) -> None:
    case = demo_case("en")
    result = assess(case, Context.default())
    with Register.open(f"sqlite:///{tmp_path / 'empty.sqlite'}") as reg:
        cum = cumulative(result, case, reg)
    assert cum.contributors == []
    path = tmp_path / "empty.pdf"
    build_report(result, case, path, lang="en", cumulative=cum)
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    tx = Texts("en")
    assert tx("cum.title") in text
    assert " ".join(tx("cum.none_counted").split()) in text
    # no other demand anywhere: every domain's sentence says so instead of naming a municipality
    assert text.count("(no demand from other cases)") == len(domain_keys())


def test_summary_shows_the_cumulative_verdicts(b: Built) -> None:
    """One truth per report: the summary gives the verdicts with the other cases too (issue 12)."""
    from ber.texts.labels import STATUS_LABELS

    tx = Texts(b.lang)
    text = "\n".join(" ".join(ln.split()) for page in b.pages for ln in page.splitlines())
    summary = text.split(tx("summary.title"))[2].split(tx("inputs.title"))[0]  # [1] is the contents
    assert tx("summary.cumulative_heading") in summary
    # GP in Venlo: this case alone 362 patients / 400 free = 0.91 (amber); with the other
    # cases' 300 patients (300 + 362) / 400 = 1.65 (red): both in the summary's table, as 91 % and 165 %
    alone, together = b.result.verdict[GP], b.cum.verdict_with[GP]
    assert (alone.status, together.status) == ("amber", "red")
    amber, red = (STATUS_LABELS[s][b.lang].upper() for s in ("amber", "red"))
    # pressure in the report's one unit (percent)
    row = f"{amber} {format_pressure(alone.pressure, b.lang)} {red} {format_pressure(together.pressure, b.lang)}"
    assert row in summary, summary
