"""A cumulative report embeds the counted register cases (``register-cases.json``) and
``ber assess REPORT.pdf`` recomputes the cumulative view from them, without a register.

The register (SQLite in a temp folder) holds three variants of the demo business
(``test_cli_cumulative.fill``): Z-1 granted, Z-2 in procedure, Z-3 refused (not counted).
"""

from __future__ import annotations

import base64
import datetime as dt
import io
import json
from pathlib import Path

import numpy as np
import pikepdf
import pytest
from pypdf import PdfReader

from ber.case.demo import demo_case
from ber.case.model import Case, save_case
from ber.engine.assess import Context, assess
from ber.engine.cumulative_replay import CountedArea, CountedCases, encode_values, parse_counted, replay
from ber.engine.domains import domain_keys
from ber.io.pdf_attachment import embed_bytes, embed_case
from ber.io.report_attachments import COUNTED_NAME, PROVENANCE_NAME
from ber.register import Register, cumulative
from ber.register.conditions import add_condition
from ber.texts.messages import InputError
from tests.core.test_cli_cumulative import assess_cumulative, fill, run, variant

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
    domains = counted.domains
    for c in counted.cases:
        rc = stored[c.reference]
        assert (c.status, c.case_sha256) == (rc.status, rc.case_sha256)
        assert c.received == (rc.summary.received.isoformat() if rc.summary.received else "")
        assert c.areas and all(set(a.municipalities) <= set(from_register.municipalities) for a in c.areas)
        # the areas hold exactly the register's stored (float32) rows in the region and years
        region, window = set(from_register.municipalities), set(from_register.years)
        stored_rows = {
            (r.domain, r.municipality, r.year, float(np.float32(r.demand)))
            for r in rc.demand
            if r.municipality in region and r.year in window
        }
        embedded = {
            (domains[i], a.municipalities[m], a.first_year + t, float(v))
            for a in c.areas
            for (m, i, t), v in np.ndenumerate(a.values(len(domains)))
            if v > 0
        }
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

    # and both equal the register's computation (the same float32 rows; summed in another order)
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


def _area(municipality: str = "GM0983", first_year: int = 2028, **values: list[float]) -> dict[str, object]:
    """One embedded area: ``values`` per domain over its years (other domains zero)."""
    years = max(len(v) for v in values.values())
    demand = np.zeros((len(domain_keys()), years), dtype=np.float32)
    for dom, v in values.items():
        demand[domain_keys().index(dom), : len(v)] = v
    return {
        "municipalities": [municipality],
        "first_year": first_year,
        "years": years,
        "demand": encode_values(demand[None]),
    }


def _one(areas: list[dict[str, object]] | None = None, **changes: object) -> dict[str, object]:
    one: dict[str, object] = {"reference": "Z-9", "status": "granted", "start_year": 2027, "last_year": 2036}
    one["areas"] = [_area(housing_flex=[12.5, 0.0])] if areas is None else areas
    one.update(changes)
    return one


def _valid(**changes: object) -> dict[str, object]:
    doc: dict[str, object] = {
        "schema": "ber-register-cases/2",
        "case_sha256": demo_case().sha256(),
        "domains": list(domain_keys()),
        "cases": [_one()],
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
    # 12.5 flex beds in 2028, none in its last year 2029: counted in 2028 only
    assert series["other"][cum["years"].index(2028)] == 12.5
    assert sum(series["other"]) == 12.5
    assert [c["reference"] for c in cum["contributors"]] == ["Z-9"]
    assert "from the 1 register case embedded in the report" in out



BROKEN = {
    "not json": b"{not json",
    "negative demand": json.dumps(_valid(cases=[_one([_area(housing_flex=[1, -5])])])).encode(),
    "not base64": json.dumps(_valid(cases=[_one([{**_area(care_gp=[1.0]), "demand": "@@@@"}])])).encode(),
    "wrong length": json.dumps(_valid(cases=[_one([{**_area(care_gp=[1.0, 2.0]), "years": 1}])])).encode(),
    "refused case": json.dumps(_valid(cases=[_one(status="refused")])).encode(),
    "unknown domain": json.dumps(_valid(domains=[*domain_keys()[:-1], "casino"])).encode(),
    "old schema": json.dumps(_valid(schema="ber-register-cases/1")).encode(),
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
    assert "cases.0.areas.0.demand" in problem.text("en")
    assert "value outside the allowed range" in problem.text("en")
    assert "waarde buiten het toegestane bereik" in problem.text("nl")  # not pydantic's English
    with pytest.raises(InputError) as err:
        parse_counted(BROKEN["unknown domain"], "r.pdf:register-cases.json")
    assert "onbekend domein 'casino'" in err.value.problems[0].text("nl")
    assert f"domains.{len(domain_keys()) - 1}" in err.value.problems[0].text("nl")
    with pytest.raises(InputError) as err:
        parse_counted(BROKEN["wrong length"], "r.pdf:register-cases.json")
    assert "cases.0.areas.0.demand" in err.value.problems[0].text("en")
    with pytest.raises(InputError) as err:
        parse_counted(BROKEN["not a list"], "r.pdf:register-cases.json")
    assert "verwacht: een lijst" in err.value.problems[0].text("nl")


def test_carry_forward_of_the_last_year(tmp_path: Path) -> None:
    """A case whose last assessed year lies before the new case's years keeps that demand.

    Demo years 2027–2036; one area of 2011–2020 with 4 GP-fte in its last year 2020: every year
    of the demo gets 4 (the register's rule); without carry-forward none.
    """
    case = demo_case()
    result = assess(case, Context.default())
    one = _one(
        [_area(first_year=2011, care_gp=[0.0] * 9 + [4.0])], reference="Old", start_year=2011, last_year=2020
    )
    for carry, expected in ((True, 4.0), (False, 0.0)):
        counted = CountedCases.model_validate(
            {"case_sha256": case.sha256(), "carry_forward": carry, "domains": domain_keys(), "cases": [one]}
        )
        s = replay(result, case, counted).get("care_gp", "GM0983")
        assert s.other == [expected] * len(result.years)


def test_steady_state_left_out_and_restored() -> None:
    """The years after a steady state begins are not stored, and come back exactly."""
    v = np.array([[[1.5, 2.25, 3.1, 3.1, 3.1], [0.0, 5.0, 5.0, 5.0, 5.0]]], dtype=np.float32)
    text = encode_values(v)
    assert len(base64.b64decode(text)) == 4 * 2 * 3  # 2 domains x 3 years stored
    area = CountedArea(municipalities=["GM0983"], first_year=2027, years=5, demand=text)
    assert area.values(2).tolist() == v.tolist()
    flat = np.ones((1, 2, 4), dtype=np.float32)
    assert len(base64.b64decode(encode_values(flat))) == 4 * 2  # constant: one year
    with pytest.raises(ValueError):  # more years stored than it has
        CountedArea(municipalities=["GM0983"], first_year=2027, years=2, demand=text).values(2)


def _starting(ref: str, jobs: float, start: int) -> Case:
    case = variant(ref, jobs)
    return case.model_copy(update={"business": case.business.model_copy(update={"start_year": start})})


def test_with_cases_equals_the_register_view_without_reading_case_by_case(
    register_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``cumulative_with_cases`` gives ``cumulative()``'s figures, counted cases and employer
    beds, on both backends, from the bulk read (``Register.get`` is never called), also for
    cases that ended before the window (carried forward) or run past it (trimmed)."""
    fill(register_url)
    with Register.open(register_url) as reg:
        for ref, jobs, start, status in (
            ("Z-OLD", 500, 2012, "granted"),  # ended 2021, before the demo's 2027-2036
            ("Z-LATE", 700, 2033, "in_procedure"),  # runs to 2042, past the window
        ):
            case = _starting(ref, jobs, start)
            reg.add(case, assess(case, Context.default()), status=status)
        add_condition(
            reg, "Z-1", "employer_beds", dt.date(2027, 1, 1), municipality="GM0983", beds=100, who="T"
        )
    case = demo_case()
    result = assess(case, Context.default())
    with Register.open(register_url) as reg:
        plain = cumulative(result, case, reg)

        def no_get(*_args: object, **_kwargs: object) -> None:
            raise AssertionError("Register.get called")

        monkeypatch.setattr(Register, "get", no_get)
        from ber.register import cumulative_with_cases

        full = cumulative_with_cases(result, case, reg)
    assert full.counted is not None
    assert sorted(c.reference for c in full.counted.cases) == ["Z-1", "Z-2", "Z-LATE", "Z-OLD"]
    old = next(c for c in full.counted.cases if c.reference == "Z-OLD")
    assert [(a.first_year, a.years) for a in old.areas] == [(2021, 1)]  # only its last year kept
    assert [c.reference for c in full.contributors] == [c.reference for c in plain.contributors]
    for a, b in zip(full.contributors, plain.contributors, strict=True):
        assert a.demand == pytest.approx(b.demand, rel=1e-12)
    assert full.employer_beds == plain.employer_beds
    for s, r in zip(full.series, plain.series, strict=True):
        assert (s.domain, s.municipality, s.status_with, s.status_without) == (
            r.domain,
            r.municipality,
            r.status_with,
            r.status_without,
        )
        assert s.other == pytest.approx(r.other, rel=1e-12)
        assert sum(s.other) > 0 or sum(r.other) == 0
    assert {k: v.status for k, v in full.verdict_with.items()} == {
        k: v.status for k, v in plain.verdict_with.items()
    }
    # the carried-forward case counts in every year of the window
    flex = full.get("housing_flex", "GM0983")
    assert all(x > 0 for x in flex.other)
