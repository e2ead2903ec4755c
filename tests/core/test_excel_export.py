"""Excel export of results: sheets, formatting, verdict words and the reusable table helper."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from ber.case.demo import demo_case
from ber.case.model import Case
from ber.engine.assess import assess
from ber.engine.domains import domain_keys
from ber.engine.result import Assessment
from ber.io.excel import STATUS_FILLS, export_result_xlsx, new_workbook, write_table_sheet
from ber.texts.labels import DOMAIN_LABELS
from ber.texts.verdicts import percent_floor


@pytest.fixture(scope="module")
def demo() -> tuple[Case, Assessment]:
    case = demo_case()
    return case, assess(case, samples=50, seed=3)


@pytest.fixture(scope="module")
def workbook(demo: tuple[Case, Assessment], tmp_path_factory: pytest.TempPathFactory) -> openpyxl.Workbook:
    case, result = demo
    path = tmp_path_factory.mktemp("xlsx") / "resultaten.xlsx"
    export_result_xlsx(result, case, path, lang="nl")
    return openpyxl.load_workbook(path)


def _rows(ws: openpyxl.worksheet.worksheet.Worksheet) -> list[tuple[object, ...]]:
    return list(ws.iter_rows(values_only=True))


def test_sheets_present(workbook: openpyxl.Workbook) -> None:
    assert workbook.sheetnames == [
        "Samenvatting",
        "Gemeenten",
        "Gemeenten (tabel)",
        "Per jaar",
        "Locaties",
        "Onzekerheid",
        "Gevoeligheid",
        "Parameters",
        "Herkomst capaciteit",  # the demo's figures have provenance; it has no policy rules
        "Locatie",  # space, freight and energy at the chosen site
        "Afweging",  # liveability, benefits and burdens (issue 18)
    ]


def test_every_sheet_has_bold_header_frozen_row_and_filter(workbook: openpyxl.Workbook) -> None:
    for ws in workbook.worksheets:
        assert ws.freeze_panes == "A2", ws.title
        assert ws["A1"].font.b, ws.title
        assert all(c.font.b for c in ws[1] if c.value is not None), ws.title
        assert ws.auto_filter.ref is not None and ws.auto_filter.ref.startswith("A1:"), ws.title
        # the filter covers every row and column of the table
        assert ws.auto_filter.ref == f"A1:{ws.cell(1, ws.max_column).column_letter}{ws.max_row}", ws.title
        assert ws.column_dimensions["A"].width >= 8


def test_summary_verdict_words_and_colours(
    workbook: openpyxl.Workbook, demo: tuple[Case, Assessment]
) -> None:
    _, result = demo
    ws = workbook["Samenvatting"]
    header = [c.value for c in ws[1]]
    assert header[:5] == ["Rubriek", "Omschrijving", "Waarde", "Eenheid", "Oordeel"]
    words = {"green": "groen", "amber": "oranje", "red": "rood", "grey": "onbekend"}
    seen = 0
    for row in ws.iter_rows(min_row=2):
        if row[0].value != "Oordeel":
            continue
        domain = next(d for d in domain_keys() if DOMAIN_LABELS[d]["nl"] == row[1].value)
        status = result.verdict[domain].status
        assert row[4].value == words[status]
        assert row[4].fill.fgColor.rgb.endswith(STATUS_FILLS[status])
        if status == "grey":  # capacity unknown: no pressure, no number
            assert row[2].value is None
        else:
            assert row[2].value == pytest.approx(result.verdict[domain].pressure)
            assert row[2].number_format == "0%"
        seen += 1
    assert seen == len(domain_keys())
    texts = {r[1]: r[5] for r in _rows(ws) if r[0] == "Oordeel"}
    # every verdict says its coverage (share of demand where capacity is known, rounded down)
    cover = {d: percent_floor(result.verdict[d].coverage, "nl") for d in domain_keys()}
    assert texts["Huisvesting: woningen"] == (
        f"hoogste druk in Venlo; overschrijdt de vrije capaciteit; dekking {cover['housing_dwellings']}"
    )
    # secondary schools: most demand is on known capacity (coverage >= 0.5), so the worst known
    # municipality is named, with the coverage; a grey verdict names the largest unknown demand
    v = result.verdict["education_secondary"]
    assert v.status == "green" and v.coverage is not None and 0.5 <= v.coverage < 1.0
    assert texts["Onderwijs: voortgezet onderwijs"] == (
        f"hoogste druk in Venlo; ruim binnen de vrije capaciteit; dekking {cover['education_secondary']}"
    )
    # the demo's dwellings verdict is red (pressure above 1): the word must be there
    assert "rood" in [r[4] for r in _rows(ws)]


def test_summary_key_figures_with_units(workbook: openpyxl.Workbook, demo: tuple[Case, Assessment]) -> None:
    _, result = demo
    ws = workbook["Samenvatting"]
    rows = {r[1]: r for r in _rows(ws)[1:] if r[0] and str(r[0]).startswith("Kengetallen")}
    jobs = rows["Banen"]
    assert jobs[2] == result.totals["jobs"] == 900
    assert jobs[3] == "banen"
    assert rows["Flexbedden (zonder werkgeversbedden)"][3] == "bedden"
    row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "Flexbedden (zonder werkgeversbedden)")
    assert row[2].value == pytest.approx(result.totals["flex_beds"])
    assert row[2].number_format == "#,##0"
    gp = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "Huisartsen")
    assert gp[2].number_format == "#,##0.00"  # 0,23 fte would show as 0 with '#,##0'
    assert gp[3].value == "fte"


def test_municipalities_sheet(workbook: openpyxl.Workbook, demo: tuple[Case, Assessment]) -> None:
    _, result = demo
    ws = workbook["Gemeenten"]
    rows = _rows(ws)
    assert "Afstand tot locatie (km)" in rows[0]
    assert len(rows) - 1 == len(result.municipalities) * len(domain_keys())
    venlo_flex = next(r for r in rows if r[0] == "GM0983" and r[4] == "Huisvesting: flexbedden")
    dom = result.municipality("GM0983").domains["housing_flex"]
    assert venlo_flex[5] == pytest.approx(dom.demand)
    assert venlo_flex[6] == 120  # demo capacity of Venlo for flex beds
    cap_cell = next(r[6] for r in ws.iter_rows(min_row=2) if r[0].value == "GM0983")
    assert cap_cell.number_format == "#,##0"  # whole capacity: no '120,0' and no '120,'
    assert venlo_flex[7] == "bedden"
    assert venlo_flex[9] == {"green": "groen", "amber": "oranje", "red": "rood"}[dom.status]
    # unknown capacity is an empty cell (never zero, never a word among numbers); the status says so
    beesel_sec = next(r for r in rows if r[0] == "GM0889" and r[4] == "Onderwijs: voortgezet onderwijs")
    assert beesel_sec[6] is None and beesel_sec[8] is None and beesel_sec[9] == "onbekend"
    assert all(isinstance(r[6], int | float) or r[6] is None for r in rows[1:])
    assert ws["I2"].number_format == "0%"
    assert ws["D2"].number_format == "0.0%"  # residence shares of a few percent keep a decimal
    assert ws["F2"].number_format == "#,##0.0"


def test_tidy_sheet_one_row_per_municipality(
    workbook: openpyxl.Workbook, demo: tuple[Case, Assessment]
) -> None:
    _, result = demo
    ws = workbook["Gemeenten (tabel)"]
    rows = _rows(ws)
    header = rows[0]
    assert header[:5] == (
        "Gemeentecode", "Gemeente", "Jaar (volledig in bedrijf)", "Afstand tot locatie (km)",
        "Aandeel woonplaats (%)")  # fmt: skip
    assert len(header) == 5 + 4 * len(domain_keys())
    assert header[5:9] == (
        "Huisvesting: flexbedden – vraag (bedden)",
        "Huisvesting: flexbedden – vrije capaciteit (bedden)",
        "Huisvesting: flexbedden – druk (% van de vrije capaciteit)",
        "Huisvesting: flexbedden – status",
    )
    assert sorted(r[0] for r in rows[1:]) == sorted(m.code for m in result.municipalities)
    i = result.years.index(result.full_operation_year)
    for r in rows[1:]:
        m = result.municipality(r[0])
        assert r[2] == result.full_operation_year and r[4] == pytest.approx(m.residence_share)
        for k, d in enumerate(domain_keys()):
            demand, capacity, pressure, status = r[5 + 4 * k : 9 + 4 * k]
            dom = m.domains[d]
            assert demand == pytest.approx(dom.demand_per_year[i])
            assert capacity == (None if dom.capacity is None else pytest.approx(dom.capacity))
            p = dom.pressure_per_year[i]
            assert pressure == (None if p is None else pytest.approx(p))
            assert (
                status
                == {"green": "groen", "amber": "oranje", "red": "rood", "grey": "onbekend"}[
                    dom.status_per_year[i]
                ]
            )
            # numeric columns hold numbers or nothing, never a word
            assert all(v is None or isinstance(v, int | float) for v in (demand, capacity, pressure))
    beesel = next(r for r in ws.iter_rows(min_row=2) if r[0].value == "GM0889")
    k = 5 + 4 * domain_keys().index("education_secondary")
    assert beesel[k + 1].value is None and beesel[k + 3].value == "onbekend"
    assert beesel[k + 3].fill.fgColor.rgb.endswith(STATUS_FILLS["grey"])
    assert ws.cell(2, 7).number_format in ("#,##0", "#,##0.#") and ws.cell(2, 8).number_format == "0%"


def test_per_year_sheet(workbook: openpyxl.Workbook, demo: tuple[Case, Assessment]) -> None:
    _, result = demo
    rows = _rows(workbook["Per jaar"])
    assert rows[0][:2] == ("Kengetal", "Eenheid")
    assert list(rows[0][2:]) == [str(y) for y in result.years]
    by_label = {r[0]: r for r in rows[1:]}
    assert by_label["Flexbedden (zonder werkgeversbedden)"][1] == "bedden"
    jobs = by_label["Banen"]
    assert jobs[1] == "banen"
    assert list(jobs[2:]) == pytest.approx(result.per_year["jobs"])
    # the demo ramps up 40% / 70% / 100% of 900 jobs (ramp_up in ber/case/demo.py)
    assert list(jobs[2:5]) == pytest.approx([360, 630, 900])


def test_sites_sheet_ranked(workbook: openpyxl.Workbook) -> None:
    rows = _rows(workbook["Locaties"])
    assert [r[0] for r in rows[1:]] == [1, 2, 3]
    assert sum(1 for r in rows[1:] if r[3] == "ja") == 1


def test_uncertainty_and_parameters(workbook: openpyxl.Workbook, demo: tuple[Case, Assessment]) -> None:
    _, result = demo
    rows = _rows(workbook["Onzekerheid"])
    assert rows[0][3:6] == ("P10", "P50", "P90")
    residents = next(r for r in rows if r[2] == "Extra inwoners in de regio")
    assert residents[3] <= residents[4] <= residents[5]
    assert residents[6] == "personen"
    params = _rows(workbook["Parameters"])
    assert params[0][:3] == ("Parameter", "Sleutel", "Waarde")
    assert len(params) - 1 == len(result.parameters)
    assert {r[8] for r in params[1:]} <= {"ja", "nee"}
    gp = next(r for r in params if r[1] == "care.gp_patients_per_fte")
    # units and source names in the workbook's language (not "patients per FTE GP", not "nza_2018")
    assert gp[2] == 2095 and gp[5] == "patiënten per fte huisarts" and "NZa" in gp[7]
    assert gp[6] == "Zorg en Z, reporting the NZa (Nederlandse Zorgautoriteit) (2017)"
    assert {r[6] for r in params[1:] if r[8] == "ja"} == {"aanname"}
    assert not any("_" in str(r[6]) for r in params[1:])  # no raw source keys
    from ber.texts.labels import unit_label

    units = {p.key: unit_label(p.unit, "nl") for p in result.parameters}
    assert all(r[5] == units[r[1]] for r in params[1:])
    ws = workbook["Parameters"]
    gp_row = next(r for r in ws.iter_rows(min_row=2) if r[1].value == "care.gp_patients_per_fte")
    # a whole number gets no optional decimals: '#,##0.####' would show '2.095,' in Excel
    assert gp_row[2].number_format == "#,##0"
    fraction = next(r for r in ws.iter_rows(min_row=2) if not float(r[2].value).is_integer())
    assert fraction[2].number_format == "#,##0.####"


def test_document_properties(workbook: openpyxl.Workbook) -> None:
    assert workbook.properties.creator == "BER-desk"
    assert workbook.properties.title and "Bedrijfseffectrapportage" in workbook.properties.title


def test_english_and_without_sampling(tmp_path: Path) -> None:
    case = demo_case("en")
    result = assess(case)  # no sampling: no uncertainty sheets
    path = tmp_path / "results.xlsx"
    export_result_xlsx(result, case, path, lang="en")
    wb = openpyxl.load_workbook(path)
    assert wb.sheetnames == [
        "Summary",
        "Municipalities",
        "Municipalities (table)",
        "Per year",
        "Sites",
        "Parameters",
        "Capacity provenance",
        "Site",
        "Afweging",
    ]
    gp = next(
        r
        for r in wb["Parameters"].iter_rows(min_row=2, values_only=True)
        if r[1] == "care.gp_patients_per_fte"
    )
    assert (
        gp[5] == "patients per FTE GP"
        and gp[6] == "Zorg en Z, reporting the NZa (Nederlandse Zorgautoriteit) (2017)"
    )
    words = {r[4] for r in wb["Summary"].iter_rows(min_row=2, values_only=True) if r[0] == "Verdict"}
    assert words <= {"green", "amber", "red", "unknown"} and "red" in words


def test_write_table_sheet_generic() -> None:
    wb = new_workbook("Register", "nl")
    ws = wb.active
    write_table_sheet(
        ws,
        ["Kenmerk", "Banen (banen)", "Druk (%)"],
        [["Z-1", 1234, 0.5], ["Z-2", None, 1.25]],
        {1: "#,##0", 2: "0%"},
    )
    assert ws["B2"].number_format == "#,##0" and ws["C3"].number_format == "0%"
    assert ws["B3"].value is None
    assert ws["A1"].font.b and ws.freeze_panes == "A2" and ws.auto_filter.ref == "A1:C3"
    assert ws["A2"].number_format == "General"  # text keeps the default format


def test_write_table_sheet_dates_and_styles() -> None:
    import datetime as dt

    from ber.io.excel import XCell, status_cell

    wb = new_workbook("Register", "nl")
    ws = wb.active
    write_table_sheet(
        ws,
        ["Ingediend (datum)", "Status", "Opmerking"],
        [[dt.date(2026, 3, 1), status_cell("red", "nl"), XCell("let op", italic=True, color="808080")]],
        {0: "dd-mm-yyyy"},
    )
    assert ws["A2"].number_format == "dd-mm-yyyy"
    assert ws["B2"].value == "rood" and ws["B2"].fill.fgColor.rgb.endswith(STATUS_FILLS["red"])
    assert ws["C2"].font.i


def test_cli_assess_xlsx_is_the_desktop_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """``ber assess CASE --xlsx`` writes what the desktop app's export writes (``export_result_xlsx``)."""
    from ber.case.model import save_case
    from ber.cli import main

    case = demo_case()
    save_case(case, tmp_path / "demo.ber")
    cli = tmp_path / "cli.xlsx"
    assert main(["assess", str(tmp_path / "demo.ber"), "--xlsx", str(cli), "--quiet"]) == 0
    direct = tmp_path / "direct.xlsx"
    export_result_xlsx(assess(case), case, direct, lang="nl")
    a, b = openpyxl.load_workbook(cli), openpyxl.load_workbook(direct)
    assert a.sheetnames == b.sheetnames and "Gemeenten (tabel)" in a.sheetnames
    for name in a.sheetnames:
        rows_a, rows_b = _rows(a[name]), _rows(b[name])
        if name == "Samenvatting":  # the computing time differs
            rows_a = [r for r in rows_a if r[1] != "Berekend op"]
            rows_b = [r for r in rows_b if r[1] != "Berekend op"]
        assert rows_a == rows_b, name
    assert main(["assess", str(tmp_path / "demo.ber"), "--xlsx", str(tmp_path / "en.xlsx"), "--quiet",
                 "--lang", "en"]) == 0  # fmt: skip
    assert "Municipalities (table)" in openpyxl.load_workbook(tmp_path / "en.xlsx").sheetnames
