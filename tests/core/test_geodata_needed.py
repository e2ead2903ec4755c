"""A report (or case) made after ``ber geodata import`` and recomputed on a machine
without that data set: the message names the set (name, checksum from the report's
``provenance.json``) and ``ber geodata import``, in both languages; exit 2.

"The other machine" is an empty data folder (``BER_DATA_DIR``); the data set is the
three 10 km squares of ``test_geodata_errors`` (GM0001–GM0003, fictitious codes).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.demo import demo_case_dict
from ber.io.report_attachments import read_provenance
from tests.core.test_cli_cumulative import run
from tests.core.test_geodata_errors import features, write_geojson


@pytest.fixture
def made_elsewhere(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, Path, dict[str, object]]:
    """A case and its report PDF computed with the imported squares; their provenance geodata."""
    source = write_geojson(tmp_path / "vierkanten.geojson", features())
    code, _, err = run(capsys, "geodata", "import", "--partial", str(source))
    assert code == 0, err
    doc = demo_case_dict()
    doc["meta"]["reference"] = "SQ-1"  # type: ignore[index]
    doc["sites"] = [{"name": "Vierkant", "x": 135000, "y": 455000, "crs": "EPSG:28992", "chosen": True}]
    doc["workforce"]["employer_beds"] = []  # type: ignore[index]
    doc["region"] = {"municipalities": ["GM0001", "GM0002", "GM0003"], "label": "Vierkanten"}
    doc["capacity"] = {}
    case_file, pdf = tmp_path / "sq.ber", tmp_path / "sq.pdf"
    case_file.write_text(json.dumps(doc), encoding="utf-8")
    code, _, err = run(capsys, "assess", str(case_file), "--pdf", str(pdf), "--quiet")
    assert code == 0, err
    record = read_provenance(pdf)
    assert record is not None and isinstance(record["geodata"], dict)
    return case_file, pdf, record["geodata"]


@pytest.fixture
def opened_elsewhere(
    made_elsewhere: tuple[Path, Path, dict[str, object]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> tuple[Path, Path, dict[str, object]]:
    """``made_elsewhere``, opened on a computer that has only the built-in geodata set."""
    monkeypatch.setenv("BER_DATA_DIR", str(tmp_path / "other-machine"))
    return made_elsewhere


def test_report_names_the_missing_data_set(
    opened_elsewhere: tuple[Path, Path, dict[str, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    _, pdf, geodata = opened_elsewhere
    assert geodata["name"] == "vierkanten.geojson" and not geodata["builtin"]
    checksum = str(geodata["checksum"])[:16]
    for lang, words in (
        ("nl", ("is berekend met de geodata", "ber geodata import BESTAND", "CBS gemeenten 2024")),
        ("en", ("was computed with the geodata", "ber geodata import FILE", "CBS gemeenten 2024")),
    ):
        for command in ("assess", "validate"):
            code, out, err = run(capsys, "--lang", lang, command, str(pdf))
            assert code == 2 and out == ""
            assert "vierkanten.geojson" in err and checksum in err and "GM0001, GM0002, GM0003" in err
            assert all(w in err for w in words), err
            assert "onbekende gemeentecode" not in err and "unknown municipality code" not in err
            assert "Traceback" not in err


def test_case_file_hints_at_import(
    opened_elsewhere: tuple[Path, Path, dict[str, object]], capsys: pytest.CaptureFixture[str]
) -> None:
    case_file, _, _ = opened_elsewhere
    for command in ("assess", "validate"):
        code, _, err = run(capsys, "--lang", "en", command, str(case_file))
        assert code == 2 and "Traceback" not in err
        # a case file records no data set: the codes stay named, with how to import one
        assert "unknown municipality code 'GM0001'" in err
        assert "GM0001, GM0002, GM0003 are not in the geodata on this computer" in err
        assert "ber geodata import FILE" in err


def test_same_data_set_keeps_the_plain_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A report of the built-in set with a mistyped code is not blamed on geodata."""
    import io

    import pikepdf

    from ber.case.demo import demo_case
    from ber.engine.assess import Context, assess
    from ber.io.pdf_attachment import embed_case
    from ber.io.report_attachments import embed_records

    good = demo_case()
    result = assess(good, Context.default())  # provenance: the built-in set, as in use here
    bad = good.model_copy(
        update={"region": good.region.model_copy(update={"municipalities": ["GM0983", "GM9999"]})}
    )
    blank, buf = pikepdf.new(), io.BytesIO()
    blank.add_blank_page()
    blank.save(buf)
    pdf = tmp_path / "r.pdf"
    pdf.write_bytes(embed_records(embed_case(buf.getvalue(), bad), result, None))
    code, _, err = run(capsys, "--lang", "en", "assess", str(pdf))
    assert code == 2
    assert "unknown municipality code 'GM9999'" in err and "was computed with the geodata" not in err
