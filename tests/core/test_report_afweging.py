"""The afweging chapter (issue 18 item 4) in the PDF and the accessible HTML report:
present, with the liveability figures, the benefits, every domain's verdict, and the
weights with the score and the method only when the case sets weights."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import Case, parse_case
from ber.engine.assess import Context, assess
from ber.report import build_html_report, build_report

VENLO = "GM0983"


def _case(lang: str, weights: bool) -> Case:
    doc: dict[str, Any] = demo_case(lang).to_dict()
    doc["business"]["plot_area_ha"] = 12.0
    doc["existing_migrants"] = {VENLO: {"value": 5000, "source": "BRP-telling Venlo (test)"}}
    doc["policy"] = {VENLO: {"max_migrant_share": {"value": 0.05, "source": "Beleidsregel Venlo (test)"}}}
    doc["workforce"]["employer_beds"][0]["place"] = "Blerick"
    doc["workforce"]["employer_beds"][0]["place_inhabitants"] = {
        "value": 29000,
        "source": "CBS wijken (test)",
    }
    if weights:
        doc["afweging"] = {
            "labour_reserve": {"value": 2500, "source": "UWV Regio in Beeld (test)"},
            "weights": {
                "domains": {
                    "housing_flex": 20,
                    "housing_dwellings": 20,
                    "care_gp": 10,
                    "education_primary": 10,
                },
                "benefits": {"jobs": 25, "value_added": 15},
                "benefit_targets": {"jobs": 1000, "value_added": 100_000_000},
            },
        }
    return parse_case(doc)


def _pdf_text(path: Path) -> str:
    return " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())


def test_chapter_with_weights(tmp_path: Path) -> None:
    """900 jobs, 540 by labour migrants (demo share 0.6), 360 locally; 900 / 12 ha = 75,0
    jobs per ha; 900 x 80,000 = 72,0 million euro; Blerick 150 beds / 29,000 x 100 =
    0,52 beds per 100 inhabitants. Score: flex red 0 x 0.2 + dwellings red 0 x 0.2 + GP
    amber 0.5 x 0.1 + primary green 1 x 0.1 + jobs 900 / 1,000 x 0.25 + value added
    72 / 100 x 0.15 = 0.05 + 0.1 + 0.225 + 0.108 = 0.483 -> 0,48."""
    case = _case("nl", weights=True)
    result = assess(case, Context.default())
    path = tmp_path / "r.pdf"
    build_report(result, case, path, lang="nl")
    text = _pdf_text(path)
    for words in (
        "Afweging: lasten en baten naast elkaar",
        "900 banen",
        "540 banen",
        "360 banen",
        "75,0 banen per ha",
        "€ 72,0 miljoen per jaar",
        "Blerick (Venlo)",
        "0,52",
        "boven het plafond",
        "niet als ingezetene ingeschreven in de BRP",
        "Kamerstuk 29861 nr. 166",
        "Weging door de gemeente",
        "Totaalscore: 0,48",
        "UWV Regio in Beeld (test)",
    ):
        assert words in text, words
    html = build_html_report(result, case, tmp_path / "r.html", lang="nl").read_text("utf-8")
    assert "<h2>Afweging: lasten en baten naast elkaar</h2>" in html
    assert "Totaalscore: 0,48" in html


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_no_score_without_weights(tmp_path: Path, lang: str) -> None:
    case = _case(lang, weights=False)
    result = assess(case, Context.default())
    path = tmp_path / "r.pdf"
    build_report(result, case, path, lang=lang)  # type: ignore[arg-type]
    text = _pdf_text(path)
    no_score = {"nl": "geen totaalscore", "en": "no total score"}[lang]
    assert no_score in text
    assert {"nl": "Totaalscore:", "en": "Total score:"}[lang] not in text
