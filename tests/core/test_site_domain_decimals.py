"""The site domains' tables (space, energy) show the municipality's row, the regional
total and the capacity with the same decimals (``ber.engine.rounding.row_rule`` and
``capacity_rule``): their one row is the whole figure, not a share of it. Before, the
energy row read "4,3 MW" under a total of "4,32 MW"."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from ber.case.demo import demo_case
from ber.case.model import parse_case
from ber.engine.assess import Context, assess
from ber.engine.rounding import SHARE, capacity_rule, row_rule


def _case() -> Any:
    doc = demo_case("nl").to_dict()
    doc["business"]["grid_capacity_kva"] = 4316  # 4.316 MW: 4,32 with two decimals, 4,3 as a share
    doc["sites"][0]["plot_area_ha"] = 20.04  # 20,0 ha with one decimal, "20" as a share (>= 10)
    doc["capacity"]["GM0983"]["space"] = {"value": 12.5, "source": "Test, uitgeefbaar terrein"}
    doc["sites"][0]["postcode"] = "5928RA"
    doc["sites"][0]["grid"] = {
        "area": "OS TEST",
        "match": "postcode",
        "available_mw": 12.46,  # 12,46 MW beside 4,32 MW (was "12 MW")
        "colour": "red",
        "source": "test",
        "reference_date": "2025-10-01",
    }
    return parse_case(doc)


def test_rules() -> None:
    assert row_rule("energy") == 2 and row_rule("space") == 1  # the totals' decimals
    assert capacity_rule("energy") == 2 and capacity_rule("space") == 1
    assert row_rule("housing_flex") is SHARE and capacity_rule("housing_flex") == 0  # unchanged


def _rows(html: str, unit: str) -> list[tuple[str, str, str]]:
    """(first cell, demand, capacity) of the rows of the table whose demand is in ``unit``."""
    out = []
    for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S):
        cells = [re.sub(r"<[^>]+>", "", c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S)]
        if len(cells) >= 3 and cells[1].endswith(f" {unit}"):
            out.append((cells[0], cells[1], cells[2]))
    return out


@pytest.mark.parametrize(
    ("unit", "row", "capacity"),
    [("MW", "4,32 MW", "12,46 MW"), ("ha", "20,0 ha", "12,5 ha")],
)
def test_report_row_total_and_capacity_alike(tmp_path: Path, unit: str, row: str, capacity: str) -> None:
    from ber.report.build import prepare
    from ber.report.html import story_html
    from ber.report.sections_results import results

    case = _case()
    result = assess(case, Context.default())
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, None, None, None)
    rows = _rows(story_html(data, results(data)), unit)
    venlo = [r for r in rows if r[0] == "Venlo"]
    total = [r for r in rows if r[0] == "Regio totaal"]
    assert venlo and total, rows
    assert venlo[0][1] == row and total[0][1] == row, rows  # the row as the total
    assert venlo[0][2] == capacity, rows


def test_summary_sentence_uses_the_same_decimals(tmp_path: Path) -> None:
    from ber.report.build import prepare
    from ber.report.sections_front import summary

    case = _case()
    result = assess(case, Context.default())
    data = prepare(result, case, tmp_path / "r.pdf", "nl", None, None, None, None)
    from ber.report.html import story_html

    html = story_html(data, summary(data))
    assert "4,32 MW netcapaciteit" in html and "12,46 MW beschikbare transportcapaciteit" in html, html
