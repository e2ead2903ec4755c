"""Issue 15, continued: ranges, reports of any accepted case, and outputs.

Minimal inputs 9-17 and 19 of the issue (numbered as there); the readers' inputs
1-8 are in ``test_hostile_input.py``, whose helpers this module uses.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest

from ber.case import limits
from ber.cli import main
from tests.core.test_hostile_input import demo_doc, run, write


@pytest.fixture(autouse=True)
def _english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("BER_LANG", "en")


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
    # English grouping of thousands (20,001)
    assert f"meta.notes: the text is {limits.MAX_LONG_TEXT_CHARS + 1:,} characters long" in err
    assert f"at most {limits.MAX_LONG_TEXT_CHARS:,}" in err


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


def test_14_cutoff_that_refuses_every_site_is_named_as_the_cause() -> None:
    """Without boundaries (the seven-row demo table) a site is placed by its nearest
    centroid within the cut-off; a cut-off override that refuses every site is named first.
    (With the built-in national boundaries a site is placed by polygon and no cut-off
    can refuse it.)"""
    from ber.case.model import parse_case
    from ber.engine.assess import Context, check_case
    from ber.texts.messages import InputError

    doc = demo_doc()
    doc["sites"] = [dict(doc["sites"][0], x=215000.0, y=365000.0, chosen=True)]  # 12 km from a centre
    doc["overrides"]["gravity.cutoff_km"] = {"value": 6, "justification": "test"}
    ctx = Context.demo_region()
    with pytest.raises(InputError) as err:
        check_case(parse_case(doc), ctx)
    first = err.value.problems[0]
    assert first.field == "overrides.gravity.cutoff_km.value"
    assert "every site is refused" in first.text("en")
    doc["overrides"].pop("gravity.cutoff_km")
    check_case(parse_case(doc), ctx)  # the reference cut-off places the site


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


def test_08_demo_output_folder_that_is_a_file_or_cannot_be_made(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    afile = tmp_path / "afile"
    afile.write_text("keep")
    code, _, err = run(capsys, "demo", "--out", afile, "--no-pdf")
    assert code == 2 and "a file" in err and afile.read_text() == "keep"
    code, _, err = run(capsys, "demo", "--out", afile / "sub", "--no-pdf")
    assert code == 2 and "cannot be written" in err


def test_16_real_process_stdout_and_refusals(tmp_path: Path) -> None:
    """As a real process: ``--out -`` streams JSON; /dev/stdout and a deep case exit 2 with a message."""
    import subprocess
    import sys

    from ber.io.paths import REPO_ROOT

    case = write(tmp_path, demo_doc())
    env = dict(os.environ, BER_LANG="en", PYTHONPATH=str(REPO_ROOT))

    def ber(*argv: Any) -> subprocess.CompletedProcess[bytes]:
        return subprocess.run(
            [sys.executable, "-m", "ber", *map(str, argv)],
            capture_output=True,
            env=env,
            timeout=300,
            check=False,
        )

    proc = ber("assess", case, "--out", "-")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["schema"] == "ber-result/1"
    proc = ber("assess", case, "--out", "/dev/stdout")
    assert proc.returncode == 2 and b"not a regular file" in proc.stderr and b"Traceback" not in proc.stderr
    deep = write(tmp_path, '{"schema":"ber-case/1","meta":' + "[" * 5000 + "]" * 5000 + "}", "deep.ber")
    proc = ber("validate", deep)
    assert proc.returncode == 2 and b"nested" in proc.stderr and b"Traceback" not in proc.stderr


def test_19_limits_hold_for_a_case_built_in_memory() -> None:
    """The application builds cases without a file: validation applies the limits too."""
    from ber.case.demo import demo_case
    from ber.engine.assess import Context, check_case
    from ber.texts.messages import InputError

    case = demo_case()
    case = case.copy_with(meta=case.meta.model_copy(update={"notes": "n" * (limits.MAX_LONG_TEXT_CHARS + 1)}))
    with pytest.raises(InputError) as err:
        check_case(case, Context.default())
    assert [p.field for p in err.value.problems] == ["meta.notes"]
