"""``ber register conditions`` and ``ber register condition add|set|show`` on both backends."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import save_case
from ber.cli import main

REF = "DEMO-2026-001"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def _add_beds(
    capsys: pytest.CaptureFixture[str], url: tuple[str, ...], beds: int, *extra: str
) -> tuple[int, str, str]:
    """``ber register condition add`` of employer beds in Venlo, due 1 January 2027, to the demo case."""
    return run(
        capsys,
        *url,
        "condition",
        "add",
        REF,
        "employer_beds",
        "--due",
        "2027-01-01",
        "--municipality",
        "GM0983",
        "--beds",
        str(beds),
        *extra,
    )


@pytest.fixture
def granted(register_url: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> tuple[str, ...]:
    path = tmp_path / "demo.ber"
    save_case(demo_case(), path)
    url = ("register", "--url", register_url)
    code, _, _ = run(capsys, *url, "add", str(path), "--status", "granted", "--decided", "2026-03-01")
    assert code == 0
    return url


def test_record_follow_up_and_list_overdue(
    granted: tuple[str, ...], capsys: pytest.CaptureFixture[str]
) -> None:
    url = granted
    code, out, err = _add_beds(capsys, url, 120, "--note", "Blok A", "--who", "M. de Vries")
    assert (code, err) == (0, "") and "Voorschrift 1 toegevoegd aan zaak DEMO-2026-001" in out
    code, out, _ = run(capsys, *url, "condition", "add", REF, "certified-agency", "--due", "2027-06-30")
    assert code == 0 and "gecertificeerd uitzendbureau (Wtta)" in out
    code, out, _ = run(capsys, *url, "conditions", "--overdue", "--today", "2027-03-01")
    assert code == 0 and "werkgeversbedden: 120 bedden in GM0983" in out and "TE LAAT" in out
    assert "Wtta" not in out and "1 voorschrift, waarvan 1 te laat" in out
    code, out, _ = run(capsys, "--lang", "en", *url, "conditions", "--case", REF, "--today", "2027-03-01")
    assert code == 0 and "2 conditions, 1 overdue" in out and "OVERDUE" in out
    code, out, _ = run(capsys, *url, "conditions", "--json", "--today", "2027-03-01")
    docs = json.loads(out)
    assert [(d["id"], d["kind"], d["overdue"]) for d in docs] == [
        (1, "employer_beds", True),
        (2, "certified_agency", False),
    ]
    code, out, _ = run(
        capsys,
        *url,
        "condition",
        "set",
        "1",
        "--status",
        "delivered",
        "--delivered-on",
        "2027-02-15",
        "--why",
        "gezien",
    )
    assert code == 0 and "Voorschrift 1: nagekomen (versie 2)" in out
    code, out, _ = run(capsys, *url, "conditions", "--overdue", "--today", "2027-03-01")
    assert code == 0 and "Geen vergunningvoorschriften gevonden." in out
    code, out, _ = run(capsys, *url, "condition", "show", "1", "--json")
    doc = json.loads(out)
    assert doc["delivered_on"] == "2027-02-15" and [h["event"] for h in doc["history"]] == [
        "added",
        "changed",
    ]
    assert doc["history"][1]["what"].endswith(": gezien")
    code, out, _ = run(capsys, "--lang", "en", *url, "condition", "show", "2")
    assert code == 0 and "certified agency (Wtta)" in out and "History:" in out
    # the case itself lists its conditions
    code, out, _ = run(capsys, *url, "show", REF)
    assert code == 0 and "Vergunningvoorschriften" in out and "nagekomen  werkgeversbedden: 120 bedden" in out
    code, out, _ = run(capsys, *url, "show", REF, "--json")
    assert [c["kind"] for c in json.loads(out)["conditions"]] == ["employer_beds", "certified_agency"]


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (("add", REF, "employer_beds", "--due", "2027-01-01"), "--municipality:"),
        (("add", REF, "snf_housing", "--due", "2026-02-28"), "--due: de uiterste datum 2026-02-28 ligt vóór"),
        (("add", REF, "snf_housing", "--due", "31-12-2027"), "--due: '31-12-2027' is geen geldige datum"),
        (("add", REF, "bike_shed", "--due", "2027-01-01"), "kind: waarde 'bike_shed' is niet toegestaan"),
        (
            ("add", REF, "employer_beds", "--due", "2027-01-01", "--municipality", "GM0983", "--beds", "-5"),
            "--beds: waarde -5 ligt buiten het toegestane bereik 1 tot en met 100.000",
        ),
        (
            ("add", REF, "snf_housing", "--due", "2027-01-01", "--status", "overdue"),
            "--status: waarde 'overdue' is niet toegestaan (kies uit: open, delivered, waived)",
        ),
        (("add", "NOPE", "snf_housing", "--due", "2027-01-01"), "NOPE"),
        (("set", "7", "--status", "waived"), "id: voorschrift 7 staat niet in het register"),
        (("set", "x", "--status", "waived"), "id: waarde 'x' heeft niet het juiste type"),
    ],
)
def test_bad_input_exit_2_naming_the_option(
    granted: tuple[str, ...], capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], expected: str
) -> None:
    code, out, err = run(capsys, *granted, "condition", *argv)
    assert code == 2 and expected in err and "Traceback" not in err, err
    code, out, _ = run(capsys, *granted, "conditions", "--json")
    assert json.loads(out) == []  # nothing saved


def test_cumulative_shows_promised_beside_delivered(
    granted: tuple[str, ...], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    other = demo_case()
    other = other.model_copy(update={"meta": other.meta.model_copy(update={"reference": "NEW-1"})})
    path = tmp_path / "new.ber"
    save_case(other, path)
    _add_beds(capsys, granted, 100)
    _add_beds(capsys, granted, 30)
    run(capsys, *granted, "condition", "set", "2", "--status", "delivered")
    out_json = tmp_path / "cum.json"
    code, out, _ = run(capsys, "--lang", "en", *granted, "cumulative", str(path), "--out", str(out_json))
    # delivered 30; promised 100; added min(100, max(150 declared - 30, 0)) = 100
    assert (
        code == 0 and "30 beds delivered" in out and "promised (not yet delivered) employer beds: 100" in out
    )
    assert json.loads(out_json.read_text())["employer_beds"]["added"] == 100
