"""The capacity request (issue 11 item 4): write the workbook, fill it with openpyxl as a
neighbour would, import it back (several files at once), with a message per bad cell;
an unfilled form imports as unknown (no change), never as zero."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

import openpyxl
import pytest

from ber.case.demo import demo_case
from ber.case.model import load_case, save_case
from ber.cli import main
from ber.io.capacity_form import HEADER_ROW, apply_entries, form_changes, read_forms, write_request

TODAY = _dt.date(2026, 11, 30)
CODES = ["GM0983", "GM0984"]
NAMES = ["Venlo", "Venray"]
ROW = {"housing_flex": HEADER_ROW + 1, "housing_dwellings": HEADER_ROW + 2, "care_gp": HEADER_ROW + 3}


def request(tmp_path: Path, name: str = "uitvraag.xlsx", lang: Any = "nl") -> Path:
    path = tmp_path / name
    write_request(path, demo_case(), CODES, NAMES, lang=lang, today=TODAY)
    return path


def fill(
    path: Path, sheet: str, rows: dict[str, tuple[Any, Any, Any]], contact: str | None = "A. de Boer"
) -> None:
    wb = openpyxl.load_workbook(path)
    ws = wb[sheet]
    if contact is not None:
        ws["B8"] = contact
        ws["B9"] = "Gemeente, a.deboer@example.nl"
    for domain, (figure, source, date) in rows.items():
        r = ROW[domain]
        ws.cell(r, 4, figure)
        ws.cell(r, 5, source)
        ws.cell(r, 6, date)
    wb.save(path)


def test_the_workbook_has_an_explanation_and_a_sheet_per_municipality(tmp_path: Path) -> None:
    wb = openpyxl.load_workbook(request(tmp_path))
    assert wb.sheetnames == ["Toelichting", "Venlo", "Venray"]
    ws = wb["Venlo"]
    assert ws["B4"].value == "GM0983"
    header = [ws.cell(HEADER_ROW, j).value for j in range(1, 8)]
    assert header[:6] == [
        "Domein",
        "Eenheid",
        "Wat telt als vrije capaciteit",
        "Vrije capaciteit (getal)",
        "Bron",
        "Peildatum (JJJJ-MM-DD)",
    ]
    flex = [ws.cell(ROW["housing_flex"], j).value for j in range(1, 8)]
    assert flex[0] == "Huisvesting: flexbedden" and flex[1] == "bedden"
    assert "Bedden voor tijdelijke arbeidsmigranten" in flex[2]
    assert flex[3:6] == [None, None, None] and flex[6] == "housing_flex"
    assert ws.column_dimensions["G"].hidden
    assert ws.data_validations.dataValidation[0].formula1 == "0"
    en = openpyxl.load_workbook(request(tmp_path, "en.xlsx", "en"))
    assert en.sheetnames[0] == "Explanation"
    assert en["Venlo"].cell(HEADER_ROW, 3).value == "What counts as spare capacity"


def test_round_trip_two_files(tmp_path: Path) -> None:
    """Venlo fills flex beds (150, a typed date) and dwellings (0: no spare dwellings, an
    Excel date cell); Venray writes 'onbekend' for GP care. Unfilled rows change nothing."""
    venlo = request(tmp_path, "venlo.xlsx")
    venray = request(tmp_path, "venray.xlsx")
    fill(
        venlo,
        "Venlo",
        {
            "housing_flex": (150, "Woonmonitor Venlo", "2026-06-30"),
            "housing_dwellings": (0, "Woningbouwprogramma", _dt.datetime(2026, 7, 1)),
        },
    )
    fill(venray, "Venray", {"care_gp": ("onbekend", None, None)})
    entries, problems = read_forms([venlo, venray], today=TODAY)
    assert problems == []
    got = {(e.code, e.domain): e.figure for e in entries}
    assert set(got) == {("GM0983", "housing_flex"), ("GM0983", "housing_dwellings"), ("GM0984", "care_gp")}
    flex = got[("GM0983", "housing_flex")]
    assert (flex.value, flex.source, flex.reference_date) == (150.0, "Woonmonitor Venlo", "2026-06-30")
    assert flex.supplied_by == "A. de Boer, Gemeente, a.deboer@example.nl"
    assert got[("GM0983", "housing_dwellings")].value == 0.0  # a real zero stays zero
    assert got[("GM0983", "housing_dwellings")].reference_date == "2026-07-01"
    assert got[("GM0984", "care_gp")].value is None  # stated unknown
    case = demo_case()
    changes = form_changes(case, entries)
    assert [(c.code, c.domain, None if c.old is None else c.old.value, c.new.value) for c in changes] == [
        ("GM0983", "housing_flex", 120.0, 150.0),
        ("GM0983", "housing_dwellings", 60.0, 0.0),
        ("GM0984", "care_gp", 300.0, None),
    ]
    new = apply_entries(case, entries)
    assert new.capacity["GM0983"].get("housing_flex") == 150.0
    assert new.capacity["GM0983"].get("care_gp") == 400.0  # not filled in: unchanged
    assert new.capacity["GM0984"].get("care_gp") is None
    assert form_changes(new, entries) == []


def test_an_unfilled_form_imports_as_unknown_never_zero(tmp_path: Path) -> None:
    path = request(tmp_path)
    entries, problems = read_forms([path], today=TODAY)
    assert entries == [] and problems == []
    case = demo_case().model_copy(update={"capacity": {}})
    assert apply_entries(case, entries).capacity == {}


def test_a_message_per_bad_cell(tmp_path: Path) -> None:
    path = request(tmp_path)
    fill(
        path,
        "Venlo",
        {
            "housing_flex": ("veel", "x", "2026-01-01"),
            "housing_dwellings": (-4, "x", "2026-01-01"),
            "care_gp": (10, None, "2027-01-01"),
        },
        contact=None,
    )
    fill(path, "Venray", {"housing_flex": (5, "monitor", "30-06-2026")})
    _, problems = read_forms([path], today=TODAY)
    got = {(p.code, p.params["sheet"], p.params["cell"]) for p in problems}
    assert got == {
        ("form.not_a_number", "Venlo", "D12"),
        ("form.negative", "Venlo", "D13"),
        ("form.missing_source", "Venlo", "E14"),
        ("form.future_date", "Venlo", "F14"),
        ("form.missing_contact", "Venlo", "B8"),
        ("form.bad_date", "Venray", "F12"),
    }
    future = next(p for p in problems if p.code == "form.future_date")
    assert "2027-01-01" in future.text("nl") and "toekomst" in future.text("nl")
    assert "future" in future.text("en") and "uitvraag.xlsx" in future.text("en")


def test_conflicting_forms_and_not_a_form(tmp_path: Path) -> None:
    a, b = request(tmp_path, "a.xlsx"), request(tmp_path, "b.xlsx")
    fill(a, "Venlo", {"housing_flex": (150, "monitor", "2026-06-30")})
    fill(b, "Venlo", {"housing_flex": (160, "monitor", "2026-06-30")})
    other = tmp_path / "other.xlsx"
    wb = openpyxl.Workbook()
    wb.active["A1"] = "gemeentecode"
    wb.save(other)
    _, problems = read_forms([a, b, other], today=TODAY)
    assert sorted(p.code for p in problems) == ["form.conflict", "form.no_forms"]


def test_cli_request_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case_path = tmp_path / "demo.ber"
    save_case(demo_case(), case_path)
    form = tmp_path / "uitvraag.xlsx"
    assert main(["capacity", "request", str(case_path), "--out", str(form)]) == 0
    assert "7 gemeenten" in capsys.readouterr().out
    assert len(openpyxl.load_workbook(form).sheetnames) == 8  # explanation + 7 municipalities
    fill(form, "Venlo", {"housing_flex": (150, "Woonmonitor", "2026-06-30")})
    before = case_path.read_bytes()
    assert main(["capacity", "import", str(case_path), str(form)]) == 0
    out = capsys.readouterr().out
    assert "Venlo (GM0983), Huisvesting: flexbedden: 120 bedden → 150 bedden" in out
    assert "--apply" in out
    assert case_path.read_bytes() == before  # shown, not applied
    assert main(["capacity", "import", str(case_path), str(form), "--apply", "--lang", "en"]) == 0
    assert "Case saved" in capsys.readouterr().out
    fig = load_case(case_path).capacity["GM0983"].figure("housing_flex")
    assert fig is not None and (fig.value, fig.reference_date) == (150.0, "2026-06-30")
    # a bad cell: exit 2, a message naming file, sheet and cell, nothing saved
    fill(form, "Venray", {"housing_flex": (-1, "monitor", "2026-06-30")})
    saved = case_path.read_bytes()
    assert main(["capacity", "import", str(case_path), str(form), "--apply"]) == 2
    err = capsys.readouterr().err
    assert "blad 'Venray', cel D12" in err and "niet negatief" in err
    assert case_path.read_bytes() == saved
    assert json.loads(saved)["schema"] == "ber-case/2"
