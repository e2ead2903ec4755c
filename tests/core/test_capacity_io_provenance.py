"""Capacity files carry each figure's provenance: CSV and XLSX written with provenance
columns read back to the same figures; a bad or future reference date is a problem per
cell; files without provenance columns still read (issue 11 item 3)."""

from __future__ import annotations

import datetime as _dt
from pathlib import Path

import openpyxl
import pytest

from ber.case.figures import CapacityFigure
from ber.io.capacity import read_capacity, write_capacity_csv, write_capacity_xlsx
from ber.io.capacity_provenance import read_capacity_provenance

CODES, NAMES = ["GM0983", "GM0984"], ["Venlo", "Venray"]
TABLE = {"GM0983": {"housing_flex": 120.0, "care_gp": None}, "GM0984": {"housing_flex": 80.0}}
PROV = {
    "GM0983": {
        "housing_flex": CapacityFigure(
            value=120.0, source="Woonmonitor", reference_date="2026-06-30", supplied_by="J. Jansen"
        )
    },
    "GM0984": {
        "housing_flex": CapacityFigure(
            value=80.0, source="E-mail wethouder", reference_date="", supplied_by=""
        )
    },
}
TODAY = _dt.date(2026, 11, 30)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_with_provenance(tmp_path: Path, suffix: str) -> None:
    path = tmp_path / f"capaciteit{suffix}"
    writer = write_capacity_csv if suffix == ".csv" else write_capacity_xlsx
    writer(path, CODES, NAMES, TABLE, provenance=PROV)
    table, prov, problems = read_capacity_provenance(path, today=TODAY)
    assert problems == []
    assert table["GM0983"]["housing_flex"] == 120.0 and table["GM0983"]["care_gp"] is None
    assert prov["GM0983"]["housing_flex"] == PROV["GM0983"]["housing_flex"]
    assert prov["GM0984"]["housing_flex"].source == "E-mail wethouder"
    assert "care_gp" not in prov["GM0983"]  # no provenance given: none recorded
    # the plain reader ignores the provenance columns (no 'unknown column' problem)
    assert read_capacity(path)[1] == []


def test_bad_and_future_dates_and_excel_dates(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    write_capacity_xlsx(path, CODES, NAMES, TABLE, provenance=PROV)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    headers = [c.value for c in ws[1]]
    col = headers.index("Huisvesting: flexbedden – peildatum") + 1
    ws.cell(2, col, _dt.datetime(2026, 5, 1))  # an Excel date cell
    ws.cell(3, col, "2027-01-01")
    wb.save(path)
    _, prov, problems = read_capacity_provenance(path, today=TODAY)
    assert [p.code for p in problems] == ["capacity.future_date_cell"]
    assert "Rij 3" in problems[0].text("nl") and "toekomst" in problems[0].text("nl")
    ws.cell(3, col, "1-5-2026")
    wb.save(path)
    _, prov, problems = read_capacity_provenance(path, today=TODAY)
    assert [p.code for p in problems] == ["capacity.bad_date"]
    assert "YYYY-MM-DD" in problems[0].text("en")
    ws.cell(3, col).value = None
    wb.save(path)
    _, prov, problems = read_capacity_provenance(path, today=TODAY)
    assert problems == [] and prov["GM0983"]["housing_flex"].reference_date == "2026-05-01"
