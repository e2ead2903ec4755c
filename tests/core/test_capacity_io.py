"""Capacity table I/O: Excel paste, CSV (Dutch Excel) and XLSX, and bad input."""

from __future__ import annotations

import zipfile
from pathlib import Path

import openpyxl
import pytest

from ber.engine.domains import domain_keys
from ber.io import capacity as capacity_io
from ber.io.capacity import (
    column_label,
    normalise_code,
    parse_number,
    parse_paste,
    read_capacity,
    write_capacity_csv,
    write_capacity_xlsx,
)
from ber.texts.messages import MESSAGES

CODES = ["GM0983", "GM1507", "GM0984"]
NAMES = ["Venlo", "Horst aan de Maas", "Venray"]

# A table with integers, decimals, a large value and unknowns in several places.
TABLE: dict[str, dict[str, float | None]] = {
    "GM0983": {
        "housing_flex": 120.0,
        "housing_dwellings": 60.5,
        "care_gp": 1234.5,
        "education_primary": 30.0,
        "education_secondary": None,
        "transport_peak": 0.0,
        "childcare": 12.5,
        "space": 12.5,
        "energy": None,
    },
    "GM1507": {
        "housing_flex": None,
        "housing_dwellings": None,
        "care_gp": None,
        "education_primary": None,
        "education_secondary": None,
        "transport_peak": None,
        "childcare": None,
        "space": None,
        "energy": None,
    },
    "GM0984": {
        "housing_flex": 0.25,
        "housing_dwellings": 1000000.0,
        "care_gp": 300.0,
        "education_primary": 20.0,
        "education_secondary": 25.0,
        "transport_peak": 199.99,
        "childcare": 0.0,
        "space": 0.0,
        "energy": 3.75,
    },
}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1.234,5", 1234.5),  # Dutch thousands dot + decimal comma
        ("12,5", 12.5),
        ("1234", 1234.0),
        ("1.234", 1234.0),  # a dot in groups of three is a Dutch thousands separator
        ("1.234.567", 1234567.0),
        ("12.5", 12.5),  # not a thousands group: read as a decimal point
        ("1,234.5", 1234.5),  # English Excel
        (" 7 ", 7.0),
        ("1 234", 1234.0),
        ("1\u00a0234,5", 1234.5),  # non-breaking space as thousands separator
        ("0", 0.0),
        ("-0", 0.0),
        ("", None),
        ("  ", None),
        ("onbekend", None),
        ("Onbekend", None),
        ("unknown", None),
        ("-", None),
    ],
)
def test_parse_number_dutch(text: str, expected: float | None) -> None:
    assert parse_number(text) == expected


@pytest.mark.parametrize(
    "text", ["abc", "12,5,3", "1.23.4", "1e5", "nan", "inf", "12 %", "1.234,5.6", "1" * 400]
)
def test_parse_number_rejects_text(text: str) -> None:
    with pytest.raises(ValueError, match="not a number"):
        parse_number(text)


@pytest.mark.parametrize("text", ["-5", "−3", "-1.234,5"])
def test_parse_number_rejects_negative(text: str) -> None:
    with pytest.raises(ValueError, match="negative"):
        parse_number(text)


def test_parse_number_decimal_point_source() -> None:
    # comma-separated English files: '1.234' is one point two three four, '1,234' a thousand
    assert parse_number("1.234", ".") == pytest.approx(1.234)
    assert parse_number("1,234", ".") == 1234.0
    assert parse_number("1,234.5", ".") == 1234.5


def test_normalise_code() -> None:
    assert normalise_code("GM0983") == "GM0983"
    assert normalise_code("gm983") == "GM0983"
    assert normalise_code("983") == "GM0983"  # Excel dropped the prefix and the leading zero
    assert normalise_code("Venlo") is None
    assert normalise_code("GM12345") is None


def test_paste_block_at_anchor_with_excel_line_endings() -> None:
    # Excel puts CRLF after every row, including the last one.
    text = "1,5\t2\r\n3\tonbekend\r\n"
    edits, problems = parse_paste(text, CODES, first_domain_col=1, first_row=1)
    assert problems == []
    assert edits == [
        ("GM1507", "housing_dwellings", 1.5),
        ("GM1507", "care_gp", 2.0),
        ("GM0984", "housing_dwellings", 3.0),
        ("GM0984", "care_gp", None),  # unknown, never zero
    ]


def test_paste_unknown_markers_are_none_not_zero() -> None:
    edits, problems = parse_paste("\t-\tunknown\tonbekend\t0", CODES, 0, 0)
    assert problems == []
    assert [v for _, _, v in edits] == [None, None, None, None, 0.0]


def test_paste_thousands_separator() -> None:
    edits, _ = parse_paste("1.234\t1.234,5\t12.345.678", CODES, 0, 2)
    assert [v for _, _, v in edits] == [1234.0, 1234.5, 12345678.0]
    assert {code for code, _, _ in edits} == {"GM0984"}


def test_paste_with_header_and_code_column_maps_by_name() -> None:
    # A block copied from the exported sheet: header with labels and units, rows out of order.
    text = (
        "gemeentecode\tnaam\tZorg: huisarts (patiënten)\tHuisvesting: flexbedden (bedden)\r\n"
        "GM0984\tVenray\t1.200\t80\r\n"
        "GM0983\tVenlo\tonbekend\t12,5\r\n"
    )
    edits, problems = parse_paste(text, CODES, first_domain_col=4, first_row=2)  # anchor is ignored
    assert problems == []
    assert edits == [
        ("GM0984", "care_gp", 1200.0),
        ("GM0984", "housing_flex", 80.0),
        ("GM0983", "care_gp", None),
        ("GM0983", "housing_flex", 12.5),
    ]


def test_paste_code_column_without_header_fills_all_domains() -> None:
    text = "GM1507\tHorst aan de Maas\t" + "\t".join(str(i) for i in range(1, len(domain_keys()) + 1)) + "\n"
    edits, problems = parse_paste(text, CODES, first_domain_col=3)
    assert problems == []
    assert edits == [("GM1507", d, float(i)) for i, d in enumerate(domain_keys(), start=1)]


def test_paste_english_header_and_domain_keys() -> None:
    edits, problems = parse_paste("Care: GP\ttransport_peak\n10\t20\n", CODES, 0, 0)
    assert problems == []
    assert edits == [("GM0983", "care_gp", 10.0), ("GM0983", "transport_peak", 20.0)]


def test_paste_errors_name_row_column_and_value() -> None:
    text = "10\tabc\n-4\t5\n"
    edits, problems = parse_paste(text, CODES, first_domain_col=2, first_row=0)
    texts = [p.text("nl") for p in problems]
    assert len(problems) == 2
    # the good cells are still parsed (the caller applies nothing while there are problems)
    assert edits == [("GM0983", "care_gp", 10.0), ("GM1507", "education_primary", 5.0)]
    assert "Rij 1" in texts[0] and "Onderwijs: basisonderwijs" in texts[0] and "'abc'" in texts[0]
    assert (
        "Rij 2" in texts[1] and "Zorg: huisarts" in texts[1] and "-4" in texts[1] and "negatief" in texts[1]
    )
    english = problems[1].text("en")
    assert "Row 2" in english and "negative" in english
    assert problems[0].field == "capacity.GM0983.education_primary"


def test_paste_error_language_of_column() -> None:
    _, problems = parse_paste("x", CODES, 0, 0, lang="en")
    assert "Housing: flex beds" in problems[0].text("en")


def test_paste_too_large_is_refused_whole() -> None:
    # three values from the last domain but one: one column too many
    edits, problems = parse_paste("1\t2\t3", CODES, first_domain_col=len(domain_keys()) - 2)
    assert edits == []
    assert problems[0].code == "capacity.paste_too_large"
    edits, problems = parse_paste("1\n2\n3", CODES, first_row=1)
    assert edits == []
    assert "3 rijen" in problems[0].text("nl")


def test_paste_code_outside_region() -> None:
    edits, problems = parse_paste("GM0889\t5\nGM0983\t6", CODES)
    assert edits == [("GM0983", "housing_flex", 6.0)]
    assert problems[0].code == "capacity.code_not_in_region"
    assert "GM0889" in problems[0].text("nl") and "Rij 1" in problems[0].text("nl")


def test_paste_empty_text() -> None:
    assert parse_paste("", CODES) == ([], [])


# --- files ------------------------------------------------------------------


def test_csv_is_written_as_dutch_excel(tmp_path: Path) -> None:
    path = tmp_path / "capaciteit.csv"
    write_capacity_csv(path, CODES, NAMES, TABLE)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # UTF-8 BOM so Excel reads ë correctly
    text = data.decode("utf-8-sig")
    lines = text.split("\r\n")
    assert lines[0].split(";")[:3] == ["gemeentecode", "naam", "Huisvesting: flexbedden (bedden)"]
    assert "patiënten" in lines[0]
    # 60.5 -> '60,5', 1234.5 -> '1234,5' (no thousands separator), None -> 'onbekend'
    assert lines[1] == "GM0983;Venlo;120;60,5;1234,5;30;onbekend;0;12,5;12,5;onbekend"


def test_csv_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    write_capacity_csv(path, CODES, NAMES, TABLE)
    table, problems = read_capacity(path)
    assert problems == []
    assert table == TABLE


def test_csv_round_trip_english(tmp_path: Path) -> None:
    path = tmp_path / "c.csv"
    write_capacity_csv(path, CODES, NAMES, TABLE, lang="en", dutch_excel=False)
    assert (
        path.read_text("utf-8-sig").splitlines()[1]
        == "GM0983,Venlo,120,60.5,1234.5,30,unknown,0,12.5,12.5,unknown"
    )
    table, problems = read_capacity(path)
    assert problems == []
    assert table == TABLE


def test_xlsx_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.xlsx"
    write_capacity_xlsx(path, CODES, NAMES, TABLE, source="Gemeente Venlo, 2026")
    table, problems = read_capacity(path)
    assert problems == []
    assert table == TABLE
    ws = openpyxl.load_workbook(path).active
    assert ws["A1"].value == "gemeentecode" and ws["A1"].font.b
    assert ws.freeze_panes == "A2"
    assert ws["C2"].value == 120 and ws["C2"].number_format == "#,##0"
    assert ws["G2"].value == "onbekend"
    assert ws["G2"].font.i and ws["G2"].alignment.horizontal == "right"  # grey italic, like the table


def test_read_hand_made_cp1252_csv_with_sep_line(tmp_path: Path) -> None:
    # Old Dutch Excel: ANSI (Windows-1252), 'sep=;' first line, thousands dots, numeric codes.
    path = tmp_path / "oud.csv"
    text = "sep=;\r\nCode;Gemeente;Zorg: huisarts;Verkeer: spitsuur bij de locatie\r\n983;Venlo;1.250;\r\n"
    path.write_bytes(text.encode("cp1252"))
    table, problems = read_capacity(path)
    assert problems == []
    assert table == {"GM0983": {"care_gp": 1250.0, "transport_peak": None}}


def test_read_xlsx_with_numbers_text_and_unknowns(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["gemeentecode", "naam", "housing_flex", "Care: GP (patients)"])
    ws.append(["GM0983", "Venlo", 12.5, "1.234,5"])
    ws.append([984, "Venray", None, "onbekend"])
    ws.append([None, None, None, None])  # empty rows are skipped
    path = tmp_path / "hand.xlsx"
    wb.save(path)
    table, problems = read_capacity(path)
    assert problems == []
    assert table == {
        "GM0983": {"housing_flex": 12.5, "care_gp": 1234.5},
        "GM0984": {"housing_flex": None, "care_gp": None},
    }


def test_read_ods_as_libreoffice_saves_it(tmp_path: Path) -> None:
    """The same hand-made table saved as .ods (LibreOffice Calc): numbers, Dutch text, unknowns."""
    import pandas as pd

    frame = pd.DataFrame(
        [["GM0983", "Venlo", 12.5, "1.234,5"], [984, "Venray", None, "onbekend"], [None, None, None, None]],
        columns=["gemeentecode", "naam", "housing_flex", "Care: GP (patients)"],
    )
    path = tmp_path / "hand.ods"
    frame.to_excel(path, engine="odf", index=False)
    table, problems = read_capacity(path)
    assert problems == []
    assert table == {
        "GM0983": {"housing_flex": 12.5, "care_gp": 1234.5},
        "GM0984": {"housing_flex": None, "care_gp": None},
    }
    # a bad cell is named by row and column as in the other formats
    frame["housing_flex"] = frame["housing_flex"].astype(object)
    frame.loc[0, "housing_flex"] = "veel"
    frame.to_excel(path, engine="odf", index=False)
    _table, problems = read_capacity(path)
    assert [p.code for p in problems] == ["capacity.not_a_number"]
    assert "Rij 2" in problems[0].text("nl") and "'veel'" in problems[0].text("nl")


def test_ods_zip_bomb_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import pandas as pd

    import ber.io.ods

    path = tmp_path / "bom.ods"
    pd.DataFrame([["GM0983", 1]], columns=["code", "housing_flex"]).to_excel(path, engine="odf", index=False)
    monkeypatch.setattr(ber.io.ods, "MAX_ODS_UNPACKED_BYTES", 100)
    table, problems = read_capacity(path)
    assert table == {} and [p.code for p in problems] == ["file.unreadable"]
    assert "MB" in problems[0].text("en")


def test_read_bad_cells_name_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text(
        "gemeentecode;naam;Zorg: huisarts\nGM0983;Venlo;-12\nGM0984;Venray;veel\nXX;?;1\nGM0983;Venlo;2\n",
        "utf-8",
    )
    _table, problems = read_capacity(path)
    texts = [p.text("nl") for p in problems]
    assert [p.code for p in problems] == [
        "capacity.negative",
        "capacity.not_a_number",
        "capacity.bad_code",
        "capacity.duplicate_code",
    ]
    assert "Rij 2" in texts[0] and "Zorg: huisarts" in texts[0] and "-12" in texts[0]
    assert "Rij 3" in texts[1] and "'veel'" in texts[1]
    assert "Rij 4" in texts[2] and "'XX'" in texts[2]
    assert "Rij 5" in texts[3]


def test_read_xlsx_date_cell_is_refused(tmp_path: Path) -> None:
    import datetime

    wb = openpyxl.Workbook()
    wb.active.append(["code", "housing_flex"])
    wb.active.append(["GM0983", datetime.datetime(2026, 5, 1)])  # Excel made a date of '1.5'
    path = tmp_path / "date.xlsx"
    wb.save(path)
    _, problems = read_capacity(path)
    assert [p.code for p in problems] == ["capacity.not_a_number"]


def test_read_missing_code_column_and_unknown_column(tmp_path: Path) -> None:
    path = tmp_path / "nocode.csv"
    path.write_text("naam;flexbedden;Zorg: huisarts\nVenlo;1;2\n", "utf-8")
    table, problems = read_capacity(path)
    assert table == {}
    codes = [p.code for p in problems]
    assert codes == ["capacity.unknown_column", "capacity.no_code_column"]
    assert "'flexbedden'" in problems[0].text("nl")
    assert "gemeentecode" in problems[1].text("nl")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("leeg.csv", b"", "capacity.empty_file"),
        ("kapot.xlsx", b"this is not a zip file", "file.unreadable"),
        ("kapot.ods", b"x", "file.unreadable"),
        ("tabel.numbers", b"x", "capacity.file_type"),
        ("macro.xlsm", b"x", "capacity.file_type"),
    ],
)
def test_read_bad_files(tmp_path: Path, name: str, content: bytes, code: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    table, problems = read_capacity(path)
    assert table == {}
    assert [p.code for p in problems] == [code]
    assert str(path) in problems[0].text("nl")


def test_read_missing_file(tmp_path: Path) -> None:
    _, problems = read_capacity(tmp_path / "weg.csv")
    assert [p.code for p in problems] == ["file.missing"]


def test_read_too_large_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(capacity_io, "MAX_CSV_BYTES", 100)
    path = tmp_path / "groot.csv"
    path.write_text("gemeentecode;care_gp\n" + "GM0983;1\n" * 20, "utf-8")
    _, problems = read_capacity(path)
    assert [p.code for p in problems] == ["file.too_large"]


def test_read_xlsx_zip_bomb_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(capacity_io, "MAX_XLSX_UNPACKED_BYTES", 1000)
    path = tmp_path / "bom.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("xl/worksheets/sheet1.xml", "0" * 5000)  # compresses to a few bytes
    _, problems = read_capacity(path)
    assert [p.code for p in problems] == ["file.unreadable"]


def test_column_label_has_unit() -> None:
    assert column_label("care_gp", "nl") == "Zorg: huisarts (patiënten)"
    assert column_label("transport_peak", "en") == "Transport: peak hour at the site (vehicles per peak hour)"


def test_capacity_messages_complete() -> None:
    import string

    def fields(text: str) -> set[str]:
        return {name for _, name, _, _ in string.Formatter().parse(text) if name}

    codes = [code for code in MESSAGES if code.startswith("capacity.")]
    assert len(codes) >= 10
    for code in codes:
        texts = MESSAGES[code]
        assert texts["nl"] and texts["en"], code
        assert fields(texts["nl"]) == fields(texts["en"]), code
