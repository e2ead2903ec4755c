"""The Afweging sheet of the results workbook (issue 18): liveability, benefits, burdens,
and the weighted criteria when the case sets weights."""

from __future__ import annotations

from pathlib import Path

from openpyxl import load_workbook

from ber.case.demo import demo_case
from ber.case.model import parse_case
from ber.engine.assess import Context, assess
from ber.engine.domains import domains
from ber.io.excel import export_result_xlsx


def test_afweging_sheet(tmp_path: Path) -> None:
    """900 jobs x 80,000 euro = 72,000,000 euro per year; housing_flex red (score 0) x 1.0."""
    doc = demo_case("nl").to_dict()
    doc["afweging"] = {"weights": {"domains": {"housing_flex": 1.0}}}
    case = parse_case(doc)
    result = assess(case, Context.default())
    path = tmp_path / "r.xlsx"
    export_result_xlsx(result, case, path, "nl")
    ws = load_workbook(path)["Afweging"]
    rows = [[c.value for c in row] for row in ws.iter_rows(min_row=2)]
    value_added = next(r for r in rows if r[2] == "Toegevoegde waarde van de vestiging")
    assert value_added[3] == 72_000_000 and value_added[6] == "euro per jaar"
    burdens = [r for r in rows if r[0] == "Lasten per domein"]
    assert len(burdens) == len(domains())
    score = next(r for r in rows if r[2] == "Totaalscore (0 tot 1)")
    assert score[3] == 0.0
    per100 = [r for r in rows if r[2] == "Erbij (per 100 inw.)"]
    assert per100 and all(r[6] == "per 100 inwoners" for r in per100)
