"""The report carries each capacity figure's provenance (with the stale note) and the
municipal policy rules with their status (issue 11 items 3 and 5)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import parse_case
from ber.engine.assess import Context, assess
from ber.report import build_report


def _case(lang: str) -> object:
    doc = demo_case(lang).to_dict()
    doc["capacity"]["GM0984"]["care_gp"]["reference_date"] = "2025-01-15"  # 22 months before 2026-11-24
    doc["policy"] = {
        "GM0983": {
            "max_migrant_share": {"value": 0.1, "source": "Beleidsregel arbeidsmigranten Venlo"},
            "max_beds_per_location": {"value": 100, "source": "Beleidsregel arbeidsmigranten Venlo"},
            "min_host_share": {"value": 0.9, "source": "Beleidsregel arbeidsmigranten Venlo"},
        }
    }
    return parse_case(doc)


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_report_shows_provenance_and_policy(tmp_path: Path, lang: str) -> None:
    case = _case(lang)
    result = assess(case, Context.default())  # type: ignore[arg-type]
    stale = [f for f in result.capacity_figures if f.note == "stale"]
    assert [(f.municipality, f.domain, f.age_months) for f in stale] == [("GM0984", "care_gp", 22)]
    path = tmp_path / f"r_{lang}.pdf"
    build_report(result, case, path, lang=lang)  # type: ignore[arg-type, arg-type]
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(str(path)).pages).split())
    words = {
        "nl": [
            "Herkomst van de capaciteitscijfers",
            "verouderd (22 mnd)",
            "2026-10-01",
            "Gemeentelijke beleidsregels",
            "Maximaal aantal bedden per locatie",
            "overschreden",
            "niet gehaald",
            "Beleidsregel arbeidsmigranten Venlo",
            "onbekend",
        ],
        "en": [
            "Provenance of the capacity figures",
            "stale (22 months)",
            "2026-10-01",
            "Municipal policy rules",
            "Maximum beds per housing location",
            "exceeded",
            "not met",
            "Beleidsregel arbeidsmigranten Venlo",
        ],
    }[lang]
    for w in words:
        assert w in text, w
    # employer location 1 (150 beds) is above the cap of 100
    beds = [c for c in result.policy_checks if c.rule == "max_beds_per_location" and c.location == 0]
    assert beds[0].status == "exceeded" and beds[0].value == 150.0
