"""The year beside the value added per job is the price year of the euros: "prijspeil 2022"
with the CBS source for a sourced sector; for a sector whose figure is an assumption the
text says so and names no source year ("aanname, in euro's van 2023"), in the report and
(tests/gui/test_afweging_page.py) on the afweging page."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from ber.case.demo import demo_case
from ber.case.model import parse_case
from ber.engine.assess import Context, assess
from ber.reference.data import load_reference
from ber.texts.labels import value_added_key


def _benefits_html(tmp_path: Path, sector: str, lang: Any) -> str:
    from ber.report.build import prepare
    from ber.report.html import story_html
    from ber.report.sections_afweging import afweging_section

    doc = demo_case(lang).to_dict()
    doc["business"]["sector"] = sector
    case = parse_case(doc)
    result = assess(case, Context.default())
    data = prepare(result, case, tmp_path / "r.pdf", lang, None, None, None, None)
    return story_html(data, afweging_section(data))


def test_reference_years() -> None:
    """Where the years come from: CBS national accounts 2022* (current prices) for the two
    sourced sectors, the assumptions' own year 2023 for the others."""
    sectors = load_reference().sectors
    assert (sectors["other"].value_added_per_job_source, sectors["other"].value_added_per_job_year) == (
        "cbs_nr_2022_value_added_labour",
        2022,
    )
    assert (
        sectors["distribution"].value_added_per_job_source,
        sectors["distribution"].value_added_per_job_year,
    ) == (
        "assumption",
        2023,
    )
    assert value_added_key("assumption") == "afw.unit.euro_per_job_assumption"
    assert value_added_key("cbs_nr_2022_value_added_labour") == "afw.unit.euro_per_job"


@pytest.mark.parametrize(
    ("sector", "lang", "expected", "absent"),
    [
        # other: 84,700 euro (75,600 - 105,600), CBS 2022* in current prices
        (
            "other",
            "nl",
            "€ 84.700 per baan per jaar (75.600 tot 105.600; prijspeil 2022; bron: CBS StatLine",
            "aanname",
        ),
        (
            "other",
            "en",
            "€ 84,700 per job per year (75,600 to 105,600; 2022 prices; source: CBS StatLine",
            "assumption",
        ),
        # distribution: an assumption of 80,000 euro (60,000 - 110,000) in 2023 euros, no source
        (
            "distribution",
            "nl",
            "€ 80.000 per baan per jaar (60.000 tot 110.000; aanname, in euro’s van 2023)",
            "bron: aanname",
        ),
        (
            "distribution",
            "en",
            "€ 80,000 per job per year (60,000 to 110,000; assumption, in 2023 euros)",
            "source: assumption",
        ),
    ],
)
def test_report_names_the_price_year(
    tmp_path: Path, sector: str, lang: str, expected: str, absent: str
) -> None:
    html = _benefits_html(tmp_path, sector, lang).replace("&#x27;", "'").replace("&#8217;", "’")
    line = next(part for part in html.split("<tr>") if "per baan" in part or "per job per year" in part)
    assert expected in line, line
    assert absent not in line, line
    assert "; 2022;" not in line and "; 2023;" not in line  # never a bare year that reads as a data year
