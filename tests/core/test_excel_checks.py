"""The results workbook carries the capacity provenance and the policy checks."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import openpyxl

from ber.case.demo import demo_case
from ber.case.model import parse_case
from ber.engine.assess import Context, assess
from ber.io.excel import export_result_xlsx


def test_workbook_sheets_for_provenance_and_policy(tmp_path: Path) -> None:
    doc = demo_case().to_dict()
    doc["capacity"]["GM0984"]["care_gp"]["reference_date"] = "2025-01-15"
    doc["policy"] = {"GM0983": {"max_migrant_share": {"value": 0.1, "source": "Beleidsregel Venlo"}}}
    doc["existing_migrants"] = {"GM0983": {"value": 9000, "source": "BRP"}}
    case = parse_case(doc)
    result = assess(case, Context.demo_region())
    path = tmp_path / "r.xlsx"
    export_result_xlsx(result, case, path, "nl")
    wb = openpyxl.load_workbook(path)
    assert "Herkomst capaciteit" in wb.sheetnames and "Beleidsregels" in wb.sheetnames
    rows = list(wb["Herkomst capaciteit"].iter_rows(values_only=True))
    stale = [r for r in rows if r[0] == "GM0984" and r[2] == "Zorg: huisarts"]
    assert stale[0][3] == 300 and stale[0][6] == _dt.datetime(2025, 1, 15)
    assert stale[0][8] == 22 and stale[0][9] == "verouderd (22 mnd)"
    (head, rule) = list(wb["Beleidsregels"].iter_rows(values_only=True))
    assert head[:3] == ("Gemeentecode", "Gemeente", "Regel")
    (venlo,) = [m for m in result.municipalities if m.code == "GM0983"]
    # (9,000 already living there + the new workers) / (103,789 inhabitants + new residents)
    share = (9000 + venlo.workers) / (103_789 + venlo.residents)
    assert rule[4] == 0.1 and abs(rule[5] - share) < 1e-12
    assert rule[7] == "voldoet" and rule[10] == "Beleidsregel Venlo"
    assert wb["Beleidsregels"].cell(2, 5).number_format == "0.0%"


def test_geopackage_fields_for_the_checks(tmp_path: Path) -> None:
    """policy_status: the worst check of the municipality (NULL without a rule);
    stale_figures: its capacity figures that are stale or undated."""
    import pyogrio

    from ber.io.gpkg import context_geometry, write_result_gpkg

    doc = demo_case().to_dict()
    doc["capacity"]["GM0984"]["care_gp"]["reference_date"] = "2025-01-15"
    doc["policy"] = {"GM0983": {"max_beds_per_location": {"value": 100, "source": "Beleidsregel Venlo"}}}
    ctx = Context.demo_region()
    result = assess(parse_case(doc), ctx)
    out = tmp_path / "checks.gpkg"
    write_result_gpkg(out, result, *context_geometry(ctx))
    munis = pyogrio.read_dataframe(out, layer="municipalities").set_index("code")
    assert munis.loc["GM0983", "policy_status"] == "exceeded"  # 150 employer beds > 100
    assert munis["policy_status"].isna()["GM0984"]  # NULL: no rule
    assert munis.loc["GM0984", "stale_figures"] == 1 and munis.loc["GM0983", "stale_figures"] == 0
