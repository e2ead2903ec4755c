"""Issue 15: hostile and broken input exits 2 with a message, every time.

Each test below keeps one minimal input of the issue (numbered as there). The CLI
runs in-process; a test fails on exit 1 (internal error), on a traceback, on
exit 0 where the input is invalid, and on a message that does not name the cause.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest

from ber.case import limits
from ber.case.demo import demo_case
from ber.case.model import case_to_json
from ber.cli import main


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BER_LANG", "en")


def run(capsys: pytest.CaptureFixture[str], *argv: Any) -> tuple[int, str, str]:
    code = main([str(a) for a in argv])
    out = capsys.readouterr()
    assert "Traceback" not in out.err
    assert "Internal error" not in out.err, out.err
    return code, out.out, out.err


def demo_doc() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(case_to_json(demo_case()))
    return doc


def write(tmp_path: Path, doc: Any, name: str = "case.ber") -> Path:
    path = tmp_path / name
    text = doc if isinstance(doc, str) else json.dumps(doc)  # a lone surrogate as the escape \\ud800
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    return path


def minimal_pdf() -> bytes:
    import pikepdf

    pdf = pikepdf.new()
    pdf.add_blank_page()
    out = io.BytesIO()
    pdf.save(out)
    return out.getvalue()


def pdf_with_attachment(tmp_path: Path, data: bytes, name: str = "report.pdf") -> Path:
    from ber.io.pdf_attachment import embed_bytes

    path = tmp_path / name
    path.write_bytes(embed_bytes(minimal_pdf(), data))
    return path


DEEP = '{"schema":"ber-case/1","meta":' + "[" * 1000 + "]" * 1000 + "}"


# --- 1. JSON nested 1,000 levels ----------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "assess", "compare", "register-add"])
def test_01_deep_json_in_a_case(tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str) -> None:
    case = write(tmp_path, DEEP)
    argv: list[Any] = {
        "validate": ["validate", case],
        "assess": ["assess", case],
        "compare": ["compare", case, "--sites", tmp_path / "none.csv"],
        "register-add": ["register", "--url", f"sqlite:///{tmp_path / 'r.sqlite'}", "add", case],
    }[command]
    code, _, err = run(capsys, *argv)
    assert code == 2
    assert f"at most {limits.MAX_JSON_DEPTH}" in err and "nested" in err


def test_01_deep_json_in_a_report_pdf_attachment(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = pdf_with_attachment(tmp_path, DEEP.encode())
    code, _, err = run(capsys, "assess", pdf)
    assert code == 2 and "nested" in err


def test_01_depth_is_counted_outside_strings_only() -> None:
    assert limits.json_depth(b'{"a": "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["}') == 1
    assert limits.json_depth(b'{"a": "\\"[[[[", "b": [[1]]}') == 3


# --- 2. integer literals ---------------------------------------------------------------


@pytest.mark.parametrize("digits", [400, 5000])
def test_02_long_integer_literal(tmp_path: Path, capsys: pytest.CaptureFixture[str], digits: int) -> None:
    doc = demo_doc()
    doc["business"]["start_year"] = "__BIG__"
    case = write(tmp_path, json.dumps(doc).replace('"__BIG__"', "9" * digits))
    for command in ("validate", "assess"):
        code, _, err = run(capsys, command, case)
        assert code == 2
        assert f"{digits} digits (at most {limits.MAX_INT_DIGITS})" in err


def test_02_float_literal_beyond_the_float_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = demo_doc()
    doc["business"]["jobs"] = "__BIG__"
    case = write(tmp_path, json.dumps(doc).replace('"__BIG__"', "1e400"))
    code, _, err = run(capsys, "validate", case)
    assert code == 2 and "1e400 is not a finite number" in err


# --- 3. lone surrogates ----------------------------------------------------------------


@pytest.mark.parametrize(
    "where",
    ["business.name", "meta.notes", "sites[0].name", "overrides key", "capacity key"],
)
def test_03_lone_surrogate_in_a_text_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], where: str
) -> None:
    doc = demo_doc()
    bad = "x\ud800y"
    if where == "business.name":
        doc["business"]["name"] = bad
    elif where == "meta.notes":
        doc["meta"]["notes"] = bad
    elif where == "sites[0].name":
        doc["sites"][0]["name"] = bad
    elif where == "overrides key":
        doc["overrides"][bad] = {"value": 1, "justification": "x"}
    else:
        doc["capacity"][bad] = {}
    case = write(tmp_path, doc)
    code, _, err = run(capsys, "validate", case)
    assert code == 2 and "not valid Unicode" in err
    if where != "overrides key" and where != "capacity key":
        assert where in err
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    assert run(capsys, "assess", case)[0] == 2
    assert run(capsys, "register", "--url", url, "add", case)[0] == 2


def test_03_surrogate_escape_in_a_command_line_option(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    code, _, err = run(capsys, "register", "--url", url, "list", "--search", "a\udcffb")
    assert code == 2 and "--search" in err


# --- 4. damaged, encrypted and bomb PDFs ---------------------------------------------------


def report_pdf(tmp_path: Path) -> Path:
    return pdf_with_attachment(tmp_path, demo_case().canonical_json(), "good.pdf")


def test_04_a_good_report_pdf_still_reads(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "validate", report_pdf(tmp_path))[0] == 0


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.9, 0.99])
def test_04_truncated_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str], cut: float) -> None:
    data = report_pdf(tmp_path).read_bytes()
    bad = tmp_path / "cut.pdf"
    bad.write_bytes(data[: int(len(data) * cut)])
    code, _, err = run(capsys, "assess", bad)
    assert code == 2, err
    assert "pypdf" not in err.lower() and "warning" not in err.lower()


def test_04_byte_flips_in_a_pdf(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import random

    data = report_pdf(tmp_path).read_bytes()
    rng = random.Random(15)
    for i in range(30):
        b = bytearray(data)
        for _ in range(rng.randint(1, 8)):
            b[rng.randrange(5, len(b))] = rng.randrange(256)
        path = tmp_path / f"flip{i}.pdf"
        path.write_bytes(bytes(b))
        code, _, err = run(capsys, "validate", path)
        assert code in (0, 2), err
        assert "pypdf" not in err.lower()


def test_04_encrypted_pdf_even_with_an_empty_password(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    import pikepdf

    good = report_pdf(tmp_path)
    enc = tmp_path / "encrypted.pdf"
    with pikepdf.open(good) as pdf:
        pdf.save(enc, encryption=pikepdf.Encryption(owner="", user=""))
    code, _, err = run(capsys, "assess", enc)
    assert code == 2 and "encrypted PDF" in err


def test_04_attachment_that_inflates_beyond_the_limit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bomb = b"{" + b" " * (limits.MAX_CASE_BYTES + 1024) + b"}"
    pdf = pdf_with_attachment(tmp_path, bomb, "bomb.pdf")
    assert pdf.stat().st_size < 1_000_000  # compressed: small file, large attachment
    code, _, err = run(capsys, "assess", pdf)
    assert code == 2
    assert f"more than {limits.MAX_CASE_BYTES // 2**20} MB" in err


# --- 5. sites with NaN or RD numbers labelled as degrees --------------------------------


@pytest.mark.parametrize(
    "csv_text",
    ["name,x,y\nA,nan,380000\nB,210000,380000\n", "name,lon,lat\nA,210000,380000\n"],
)
def test_05_sites_file_with_impossible_coordinates(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], csv_text: str
) -> None:
    case = write(tmp_path, demo_doc())
    sites = tmp_path / "sites.csv"
    sites.write_text(csv_text, "utf-8")
    code, _, err = run(capsys, "compare", case, "--sites", sites, "--quiet")
    assert code == 2
    assert "row 1" in err and "not a point" in err
    assert "validation error" not in err and "type=" not in err


# --- 6. GeoPackage with an empty municipality layer ----------------------------------------


def test_06_geopackage_with_an_empty_layer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import geopandas as gpd

    frame = gpd.GeoDataFrame({"statcode": [], "statnaam": []}, geometry=gpd.GeoSeries([], crs="EPSG:28992"))
    path = tmp_path / "empty.gpkg"
    frame.to_file(path, layer="gemeenten", driver="GPKG")
    code, _, err = run(capsys, "geodata", "import", path)
    assert code == 2 and str(path) in err


# --- 7. out-of-range options --------------------------------------------------------------


@pytest.mark.parametrize("year", ["0", "99999"])
def test_07_register_list_year(tmp_path: Path, capsys: pytest.CaptureFixture[str], year: str) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    code, _, err = run(capsys, "register", "--url", url, "list", "--year", year)
    assert code == 2 and "--year" in err and "1900 to 2200" in err


def test_07_negative_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path, demo_doc())
    code, _, err = run(capsys, "assess", case, "--samples", "5", "--seed", "-1")
    assert code == 2 and "--seed" in err


# --- 8. outputs that cannot be written -------------------------------------------------------


@pytest.mark.parametrize("option", ["--out", "--pdf"])
def test_08_output_is_a_folder_or_unwritable(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], option: str
) -> None:
    case = write(tmp_path, demo_doc())
    code, _, err = run(capsys, "assess", case, option, tmp_path, "--quiet")
    assert code == 2 and "a folder" in err
    blocker = tmp_path / "file"
    blocker.write_text("x")
    code, _, err = run(capsys, "assess", case, option, blocker / "sub" / "out", "--quiet")
    assert code == 2 and "cannot be written" in err


@pytest.mark.parametrize(
    "argv",
    [
        ["show", "REF\udcff"],
        ["set-status", "REF", "granted", "--why", "bad \udcff"],
        ["list", "--municipality", "GM\udcff"],
    ],
)
def test_03_register_text_options_must_be_valid_unicode(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    url = f"sqlite:///{tmp_path / 'r.sqlite'}"
    code, _, err = run(capsys, "register", "--url", url, *argv)
    assert code == 2 and "not valid Unicode" in err
