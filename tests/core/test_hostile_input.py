"""Issue 15: hostile and broken input exits 2 with a message, every time.

Each test below keeps one minimal input of the issue (numbered as there). The CLI
runs in-process; a test fails on exit 1 (internal error), on a traceback, on
exit 0 where the input is invalid, and on a message that does not name the cause.
"""

from __future__ import annotations

import io
import json
import os
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


# --- 9 and 19. reports of any accepted case lay out; notes in linear time -------------------


def largest_case() -> dict[str, Any]:
    """The demo with every text and list at its limit, no spaces to break at."""
    doc = demo_doc()
    for key in ("title", "reference", "officer", "date", "capacity_source"):
        doc["meta"][key] = "M" * limits.MAX_TEXT_CHARS
    doc["meta"]["notes"] = "N" * limits.MAX_LONG_TEXT_CHARS
    doc["business"]["name"] = "B" * limits.MAX_TEXT_CHARS
    doc["region"]["label"] = "R" * limits.MAX_TEXT_CHARS
    for i, site in enumerate(doc["sites"]):
        site["name"] = "S" * (limits.MAX_TEXT_CHARS - 1) + str(i)
    doc["workforce"]["employer_beds"] = [{"municipality": "GM0983", "beds": 1}] * limits.MAX_EMPLOYER_BEDS
    doc["overrides"]["housing.household_size"] = {
        "value": 2.2,
        "justification": "J" * limits.MAX_LONG_TEXT_CHARS,
    }
    return doc


def test_09_the_largest_accepted_case_lays_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path, largest_case())
    pdf = tmp_path / "report.pdf"
    code, _, err = run(capsys, "assess", case, "--pdf", pdf, "--quiet")
    assert code == 0, err
    assert pdf.read_bytes().startswith(b"%PDF-")


def test_19_notes_beyond_the_cap_are_refused(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = demo_doc()
    doc["meta"]["notes"] = "n" * (limits.MAX_LONG_TEXT_CHARS + 1)
    code, _, err = run(capsys, "validate", write(tmp_path, doc))
    assert code == 2
    assert f"meta.notes: the text is {limits.MAX_LONG_TEXT_CHARS + 1} characters long" in err
    assert f"at most {limits.MAX_LONG_TEXT_CHARS}" in err


def test_19_notes_are_laid_out_in_pieces() -> None:
    """Linear layout: no paragraph is longer than MAX_PARAGRAPH_CHARS, whatever the notes."""
    from ber.report.data import MAX_PARAGRAPH_CHARS, ReportData

    data = ReportData.__new__(ReportData)
    data.st = type("S", (), {"body": None})()  # type: ignore[assignment]
    pieces: list[str] = []
    data.p = lambda text, style=None: pieces.append(text) or text  # type: ignore[method-assign]
    notes = "x" * 10_000 + "\n" + "y" * 5 + "\n\n" + "z" * 3001
    data.paragraphs(notes)
    assert max(len(p) for p in pieces) <= MAX_PARAGRAPH_CHARS
    assert "".join(pieces) == notes.replace("\n", "")


@pytest.mark.parametrize("field", ["sites", "workforce.employer_beds"])
def test_list_limits(tmp_path: Path, capsys: pytest.CaptureFixture[str], field: str) -> None:
    doc = demo_doc()
    if field == "sites":
        doc["sites"] = [doc["sites"][1]] * (limits.MAX_SITES + 1)
        limit = limits.MAX_SITES
    else:
        doc["workforce"]["employer_beds"] = [{"municipality": "GM0983", "beds": 1}] * (
            limits.MAX_EMPLOYER_BEDS + 1
        )
        limit = limits.MAX_EMPLOYER_BEDS
    code, _, err = run(capsys, "validate", write(tmp_path, doc))
    assert code == 2 and f"{field}: {limit + 1} entries (at most {limit})" in err


def test_case_file_size_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "big.ber"
    with path.open("wb") as fh:
        fh.truncate(limits.MAX_CASE_BYTES + 1)
    code, _, err = run(capsys, "validate", path)
    assert code == 2 and f"at most {limits.MAX_CASE_BYTES // 2**20} MB" in err


# --- 10 and 11. implausible overrides -------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "value", "low", "high"),
    [
        ("housing.household_size", 1e-308, "1", "10"),
        ("housing.snf_m2_per_person", 1e308, "4", "100"),
        ("education.class_size_primary", 5e-324, "5", "40"),
        ("education.class_size_secondary", 41, "5", "40"),
        ("care.gp_patients_per_fte", 1e-9, "500", "5000"),
    ],
)
def test_10_11_implausible_override(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], key: str, value: float, low: str, high: str
) -> None:
    doc = demo_doc()
    doc["overrides"][key] = {"value": value, "justification": "test"}
    case = write(tmp_path, doc)
    code, _, err = run(capsys, "assess", case, "--out", tmp_path / "r.json", "--pdf", tmp_path / "r.pdf")
    assert code == 2
    assert f"overrides.{key}.value" in err and f"plausible range {low} to {high}" in err
    assert not (tmp_path / "r.json").exists() and not (tmp_path / "r.pdf").exists()


@pytest.mark.parametrize("value", [5e-324, 0.001, 1e308])
def test_11_implausible_capacity(tmp_path: Path, capsys: pytest.CaptureFixture[str], value: float) -> None:
    doc = demo_doc()
    doc["capacity"]["GM0983"] = {"housing_dwellings": value}
    code, _, err = run(capsys, "validate", write(tmp_path, doc))
    assert code == 2 and "capacity.GM0983.housing_dwellings" in err and "not a plausible capacity" in err


# --- 12. strict types and ASCII schema versions --------------------------------------------


@pytest.mark.parametrize(
    ("path", "value"),
    [
        (("business", "jobs"), True),
        (("business", "jobs"), "900"),
        (("business", "start_year"), "2026"),
        (("business", "horizon_years"), 10.0),
        (("sites", 0, "chosen"), 1),
        (("mitigations", "shuttle_share"), False),
    ],
)
def test_12_no_bool_or_string_where_a_number_is_meant(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], path: tuple[Any, ...], value: Any
) -> None:
    doc = demo_doc()
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    code, _, err = run(capsys, "validate", write(tmp_path, doc))
    assert code == 2 and "wrong type" in err
    assert ".".join(str(p) for p in path if not isinstance(p, int)).split(".")[-1] in err


@pytest.mark.parametrize(
    "schema", ["ber-case/\u0661", "ber-case/+1", "ber-case/ 1", "ber-case/1_0", "ber-case/１"]
)
def test_12_schema_version_in_ascii_digits_only(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], schema: str
) -> None:
    doc = demo_doc()
    doc["schema"] = schema
    code, _, err = run(capsys, "validate", write(tmp_path, doc))
    assert code == 2 and "is not a BER case" in err


# --- 13. implausible statistics -------------------------------------------------------------


def test_13_statistic_above_the_national_total(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from tests.core.test_geodata_errors import features, write_geojson

    feats = features()
    feats[0]["properties"]["woningvoorraad"] = 1e308
    path = write_geojson(tmp_path / "gemeenten.geojson", feats)
    code, _, err = run(capsys, "geodata", "import", path)
    assert code == 2
    assert "GM0001" in err and "more than the national total" in err


# --- 14. a cut-off that refuses every site ---------------------------------------------------


@pytest.mark.parametrize("cutoff", [0, 2])
def test_14_cutoff_out_of_range_is_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], cutoff: float
) -> None:
    doc = demo_doc()
    doc["overrides"]["gravity.cutoff_km"] = {"value": cutoff, "justification": "test"}
    code, _, err = run(capsys, "validate", write(tmp_path, doc))
    assert code == 2
    assert err.splitlines()[0].startswith("overrides.gravity.cutoff_km.value")
    assert "sites[" not in err


def test_14_cutoff_that_refuses_every_site_is_named_as_the_cause(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    doc = demo_doc()
    doc["sites"] = [dict(doc["sites"][0], x=215000.0, y=365000.0, chosen=True)]  # 12 km from a centre
    doc["overrides"]["gravity.cutoff_km"] = {"value": 6, "justification": "test"}
    code, _, err = run(capsys, "validate", write(tmp_path, doc))
    assert code == 2
    first = err.splitlines()[0]
    assert first.startswith("overrides.gravity.cutoff_km.value") and "every site is refused" in first
    doc["overrides"].pop("gravity.cutoff_km")
    assert run(capsys, "validate", write(tmp_path, doc))[0] == 0


# --- 15 and 16. never overwrite what was not asked for ----------------------------------------


def test_15_out_naming_the_input_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path, demo_doc())
    before = case.read_bytes()
    for option in ("--out", "--pdf"):
        code, _, err = run(capsys, "assess", case, option, case, "--quiet")
        assert code == 2 and "is the input file" in err
    link = tmp_path / "same.ber"
    os.link(case, link)  # the same file under another name
    assert run(capsys, "assess", case, "--out", link, "--quiet")[0] == 2
    assert case.read_bytes() == before


def test_15_two_outputs_to_one_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    case = write(tmp_path, demo_doc())
    out = tmp_path / "x"
    code, _, err = run(capsys, "assess", case, "--out", out, "--pdf", out, "--quiet")
    assert code == 2 and "already the output of --out" in err


@pytest.mark.parametrize("kind", ["symlink", "fifo", "device", "stdout-link"])
def test_16_output_that_is_not_a_regular_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    case = write(tmp_path, demo_doc())
    target = tmp_path / "target.json"
    target.write_text("keep")
    if kind == "symlink":
        out = tmp_path / "link.json"
        out.symlink_to(target)
    elif kind == "fifo":
        out = tmp_path / "fifo"
        os.mkfifo(out)
    elif kind == "device":
        out = Path("/dev/null")
    else:
        out = Path("/dev/stdout")
    code, _, err = run(capsys, "assess", case, "--out", out, "--quiet")
    assert code == 2 and "not a regular file" in err
    assert target.read_text() == "keep"
    if kind == "device":
        assert Path("/dev/null").is_char_device()


def test_16_dash_is_standard_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import sys

    case = write(tmp_path, demo_doc())
    buffer = io.BytesIO()

    class Out:
        def __init__(self) -> None:
            self.buffer = buffer

        def write(self, text: str) -> int:
            return buffer.write(text.encode())

        def flush(self) -> None:
            pass

    real = sys.stdout
    sys.stdout = Out()  # type: ignore[assignment]
    try:
        code = main(["assess", str(case), "--out", "-"])
    finally:
        sys.stdout = real
    assert code == 0
    doc = json.loads(buffer.getvalue())  # only the JSON: no summary mixed in
    assert doc["schema"] == "ber-result/1"
    assert not (tmp_path / "-").exists()


# --- 17. temporaries ----------------------------------------------------------------------------


def test_17_stale_temporaries_are_removed_on_the_next_write(tmp_path: Path) -> None:
    from ber.io.atomic import atomic_write_bytes

    stale = [tmp_path / ".result.json.abcd1234.tmp", tmp_path / ".other.pdf.x_y_z_12.tmp"]
    for p in stale:
        p.write_bytes(b"half a file")
    unrelated = tmp_path / ".notes.tmp"
    unrelated.write_bytes(b"not ours")
    atomic_write_bytes(tmp_path / "result.json", b"{}")
    assert not any(p.exists() for p in stale)
    assert unrelated.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == [".notes.tmp", "result.json"]


def test_17_a_temporary_being_written_is_left_alone(tmp_path: Path) -> None:
    import fcntl

    from ber.io.atomic import atomic_write_bytes

    live = tmp_path / ".result.json.live0001.tmp"
    with live.open("wb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        atomic_write_bytes(tmp_path / "other.json", b"{}")
        assert live.exists()


def test_17_temporary_removed_when_the_write_fails(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from ber.io import atomic

    def fail(src: Any, dst: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(atomic.os, "replace", fail)
    with pytest.raises(atomic.OutputError) as err:
        atomic.atomic_write_bytes(tmp_path / "r.json", b"{}")
    assert "No space left on device" in str(err.value)
    assert list(tmp_path.iterdir()) == []


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
