"""A cumulative report embeds the counted register cases (``register-cases.json``) and
``ber assess REPORT.pdf`` recomputes the cumulative view from them, without a register.

The register (SQLite in a temp folder) holds three variants of the demo business
(``test_cli_cumulative.fill``): Z-1 granted, Z-2 in procedure, Z-3 refused (not counted).
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.engine.assess import Context, assess
from ber.engine.cumulative_replay import CountedCases, parse_counted, replay
from ber.io.pdf_attachment import embed_bytes, embed_case
from ber.io.report_attachments import COUNTED_NAME, PROVENANCE_NAME
from ber.register import Register, cumulative
from ber.register.conditions import add_condition
from ber.texts.messages import InputError
from tests.core.test_cli_cumulative import assess_cumulative, fill, run

#: an address no register answers at: opening it would fail the run
NO_REGISTER = "postgresql+psycopg://nobody@127.0.0.1:1/none"


def test_cumulative_report_recomputed_without_register(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    db = tmp_path / "register.sqlite"
    url = f"sqlite:///{db}"
    fill(url)
    with Register.open(url) as reg:  # Z-1 promised 100 of its 150 employer beds, none delivered yet
        add_condition(
            reg, "Z-1", "employer_beds", dt.date(2027, 1, 1), municipality="GM0983", beds=100, who="T"
        )
    case_file, first, pdf = tmp_path / "demo.ber", tmp_path / "first.json", tmp_path / "report.pdf"
    save_case(demo_case(), case_file)
    code, _, err = assess_cumulative(capsys, case_file, url, first, "--pdf", str(pdf))
    assert code == 0, err
    # the register's own cumulative view (one SQL aggregate), for comparison below
    case = demo_case()
    result = assess(case, Context.default())
    with Register.open(url) as reg:
        from_register = cumulative(result, case, reg)
        stored = {ref: reg.get(ref) for ref in ("Z-1", "Z-2")}

    # the attachment: per counted case reference, status, date and case hash, as registered
    with pikepdf.open(pdf) as doc:
        assert {"case.ber", PROVENANCE_NAME, COUNTED_NAME} <= set(doc.attachments.keys())
        counted = parse_counted(doc.attachments[COUNTED_NAME].get_file().read_bytes(), "test")
        assert len(doc.Root.AF) == 3  # every attachment is an associated file (PDF/A-3)
    assert counted.case_sha256 == case.sha256()
    assert sorted(c.reference for c in counted.cases) == ["Z-1", "Z-2"]  # refused Z-3 left out
    for c in counted.cases:
        rc = stored[c.reference]
        assert (c.status, c.case_sha256) == (rc.status, rc.case_sha256)
        assert c.received == (rc.summary.received.isoformat() if rc.summary.received else "")
        assert c.demand and all(r.municipality in from_register.municipalities for r in c.demand)
        # the series hold exactly the register's stored rows in the region and years
        region = set(from_register.municipalities)
        stored_rows = {
            (r.domain, r.municipality, r.year, r.demand, r.is_last)
            for r in rc.demand
            if r.municipality in region
        }
        embedded = {(r.domain, r.municipality, r.year, r.demand, r.is_last) for r in c.rows()}
        assert embedded == stored_rows

    # the register is gone; an unreachable register address proves none is opened
    db.unlink()
    monkeypatch.setenv("BER_REGISTER_URL", NO_REGISTER)
    again = tmp_path / "again.json"
    code, out, err = run(capsys, "assess", str(pdf), "--out", str(again))
    assert code == 0, err
    assert "2 in het rapport ingesloten registerzaken" in out
    before = json.loads(first.read_text(encoding="utf-8"))["cumulative"]
    after = json.loads(again.read_text(encoding="utf-8"))["cumulative"]
    assert after == before  # same statuses, pressures, demand, verdicts and counted cases
    # including the permit conditions: min(100 promised, 150 declared - 0 delivered) = 100 beds added
    assert before["employer_beds"]["added"] == 100.0 and before["employer_beds"]["promised"] == 100.0

    # and both equal the register's computation (summed in another order: to rounding)
    assert before["verdict_with"] == {k: _asdict(v) for k, v in from_register.verdict_with.items()}
    for s, r in zip(after["series"], from_register.series, strict=True):
        assert (s["domain"], s["municipality"]) == (r.domain, r.municipality)
        assert s["status_with"] == r.status_with and s["status_without"] == r.status_without
        assert s["other"] == pytest.approx(r.other, rel=1e-12)
        assert [p is None for p in s["pressure_with"]] == [p is None for p in r.pressure_with]
        known = [(a, b) for a, b in zip(s["pressure_with"], r.pressure_with, strict=True) if b is not None]
        assert [a for a, _ in known] == pytest.approx([b for _, b in known], rel=1e-12)

    # the report says what is embedded and lists the counted cases
    text = " ".join(" ".join(p.extract_text().split()) for p in PdfReader(str(pdf)).pages)
    assert "register-cases.json" in text and "Z-1" in text and "Z-2" in text and "Z-3" not in text


def _asdict(v: object) -> dict[str, object]:
    from dataclasses import asdict

    return asdict(v)  # type: ignore[call-overload, no-any-return]


def test_html_report_lists_counted_cases(tmp_path: Path) -> None:
    from ber.report import build_html_report

    url = f"sqlite:///{tmp_path / 'register.sqlite'}"
    fill(url)
    case = demo_case()
    result = assess(case, Context.default())
    with Register.open(url) as reg:
        from ber.register import cumulative_with_cases

        cum = cumulative_with_cases(result, case, reg)
    html = build_html_report(result, case, tmp_path / "r.html", cumulative=cum).read_text(encoding="utf-8")
    assert "Z-1" in html and "Z-2" in html and "Z-3" not in html and "register-cases.json" in html


def _report_with(tmp_path: Path, counted: bytes) -> Path:
    """A small PDF with the demo case and ``counted`` as its register-cases.json."""
    blank = pikepdf.new()
    blank.add_blank_page()
    buf = io.BytesIO()
    blank.save(buf)
    pdf = embed_bytes(embed_case(buf.getvalue(), demo_case()), counted, COUNTED_NAME)
    path = tmp_path / "tampered.pdf"
    path.write_bytes(pdf)
    return path


def _valid(**changes: object) -> dict[str, object]:
    row = {"domain": "housing_flex", "municipality": "GM0983", "first_year": 2028, "demand": [12.5]}
    one = {"reference": "Z-9", "status": "granted", "start_year": 2027, "last_year": 2036, "demand": [row]}
    doc: dict[str, object] = {
        "schema": "ber-register-cases/1",
        "case_sha256": demo_case().sha256(),
        "cases": [one],
    }
    doc.update(changes)
    return doc


def test_valid_embedded_case_is_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _report_with(tmp_path, json.dumps(_valid()).encode())
    out_json = tmp_path / "r.json"
    code, out, err = run(capsys, "--lang", "en", "assess", str(path), "--out", str(out_json))
    assert code == 0, err
    cum = json.loads(out_json.read_text(encoding="utf-8"))["cumulative"]
    series = next(s for s in cum["series"] if s["domain"] == "housing_flex" and s["municipality"] == "GM0983")
    # one row of 12.5 flex beds in 2028, not the last year: counted in 2028 only
    assert series["other"][cum["years"].index(2028)] == 12.5
    assert sum(series["other"]) == 12.5
    assert [c["reference"] for c in cum["contributors"]] == ["Z-9"]
    assert "from the 1 register case embedded in the report" in out


def _one_row(domain: str, demand: list[float]) -> bytes:
    """The attachment of one granted case Z with one demand row from 2028 in Venlo."""
    row = {"domain": domain, "municipality": "GM0983", "first_year": 2028, "demand": demand}
    case = {"reference": "Z", "status": "granted", "start_year": 2027, "last_year": 2030, "demand": [row]}
    return json.dumps(_valid(cases=[case])).encode()


BROKEN = {
    "not json": b"{not json",
    "negative demand": _one_row("housing_flex", [1, -5]),
    "refused case": json.dumps(
        _valid(cases=[{"reference": "Z", "status": "refused", "start_year": 2027, "last_year": 2030}])
    ).encode(),
    "unknown domain": _one_row("casino", [1]),
    "extra field": json.dumps(_valid(total=99)).encode(),
    "other case": json.dumps(_valid(case_sha256="0" * 64)).encode(),
    "not a list": json.dumps(_valid(cases="Z-1")).encode(),
}


@pytest.mark.parametrize("kind", list(BROKEN))
@pytest.mark.parametrize("lang", ["nl", "en"])
def test_tampered_attachment_exits_2(
    kind: str, lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _report_with(tmp_path, BROKEN[kind])
    out_json = tmp_path / "r.json"
    code, _, err = run(capsys, "--lang", lang, "assess", str(path), "--out", str(out_json))
    assert code == 2
    assert "Traceback" not in err and COUNTED_NAME in err
    if kind != "not json":  # (that one is the JSON parser's message, naming line and column)
        assert ("registerzaken" in err) if lang == "nl" else ("register cases" in err)
    assert not out_json.exists()


def test_parse_names_the_field() -> None:
    with pytest.raises(InputError) as err:
        parse_counted(BROKEN["negative demand"], "r.pdf:register-cases.json")
    problem = err.value.problems[0]
    assert "cases.0.demand.0.demand.1" in problem.text("en")
    assert "value outside the allowed range" in problem.text("en")
    assert "waarde buiten het toegestane bereik" in problem.text("nl")  # not pydantic's English
    with pytest.raises(InputError) as err:
        parse_counted(BROKEN["unknown domain"], "r.pdf:register-cases.json")
    assert "onbekend domein 'casino'" in err.value.problems[0].text("nl")
    with pytest.raises(InputError) as err:
        parse_counted(BROKEN["not a list"], "r.pdf:register-cases.json")
    assert "verwacht: een lijst" in err.value.problems[0].text("nl")


def test_carry_forward_of_the_last_year(tmp_path: Path) -> None:
    """A case whose last assessed year lies before the new case's years keeps that demand.

    Demo years 2027–2036; one row of 4 GP-fte in 2020 marked as last year: every year
    of the demo gets 4 (the register's rule); without carry-forward none.
    """
    case = demo_case()
    result = assess(case, Context.default())
    row = {
        "domain": "care_gp",
        "municipality": "GM0983",
        "first_year": 2020,
        "demand": [4.0],
        "last_row_year": 2020,
    }
    one = {"reference": "Old", "status": "granted", "start_year": 2011, "last_year": 2020, "demand": [row]}
    for carry, expected in ((True, 4.0), (False, 0.0)):
        counted = CountedCases.model_validate(
            {"case_sha256": case.sha256(), "carry_forward": carry, "cases": [one]}
        )
        s = replay(result, case, counted).get("care_gp", "GM0983")
        assert s.other == [expected] * len(result.years)
