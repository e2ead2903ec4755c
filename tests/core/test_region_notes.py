"""Employer beds outside the chosen region: the municipality is added (the workers live
there) and the user is told why, in the CLI (stderr, both languages) and in the report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.demo import demo_case, demo_case_dict
from ber.case.model import Case
from ber.engine.assess import Context, assess
from ber.engine.region_notes import employer_beds_added
from tests.core.test_cli_cumulative import run

TILBURG = {"name": "Tilburg Vossenberg", "x": 130000, "y": 399000, "crs": "EPSG:28992", "chosen": True}


def tilburg_case() -> Case:
    """The demo with its site moved to Tilburg (region: 40 km around it); the 150
    employer beds stay in Venlo (GM0983), about 81 km east."""
    doc = demo_case_dict()
    doc["sites"] = [TILBURG]
    doc["region"] = {"municipalities": None, "label": ""}
    return Case.model_validate(doc)


def test_venlo_added_and_explained() -> None:
    case = tilburg_case()
    result = assess(case, Context.default())
    venlo = result.municipality("GM0983")  # added: the beds' workers live there ...
    assert venlo.distance_km > result.region.cutoff_km  # ... although it is beyond the cut-off
    assert venlo.workers > 0
    [note] = employer_beds_added(case, result)
    assert note.field == "workforce.employer_beds[0].municipality"
    nl, en = note.text("nl"), note.text("en")
    assert "Venlo (GM0983) hoort niet bij de gekozen regio" in nl and "150 werkgeversbedden staan" in nl
    assert f"{round(venlo.distance_km)} km van de locatie in Tilburg" in nl
    assert "Venlo (GM0983) is not part of the chosen region" in en and "150 employer beds are there" in en


def test_no_note_when_beds_lie_in_the_region() -> None:
    case = demo_case()  # beds in Venlo, the host, inside the listed region
    assert employer_beds_added(case, assess(case, Context.default())) == []


def test_listed_region_without_the_beds_municipality_singular() -> None:
    doc = demo_case_dict()
    doc["workforce"]["employer_beds"] = [{"municipality": "GM0889", "beds": 1}]  # type: ignore[index]
    doc["region"] = {"municipalities": ["GM0983", "GM1507"], "label": "Venlo en Horst"}
    case = Case.model_validate(doc)
    [note] = employer_beds_added(case, assess(case, Context.default()))
    assert "omdat daar 1 werkgeversbed staat" in note.text("nl")
    assert "because 1 employer bed is there" in note.text("en")


@pytest.mark.parametrize(("lang", "words"), [("nl", "Let op: "), ("en", "Note: ")])
def test_cli_warns_and_report_says_why(
    lang: str, words: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path, html = tmp_path / "tilburg.ber", tmp_path / "t.html"
    path.write_text(json.dumps(tilburg_case().to_dict()), encoding="utf-8")
    code, _, err = run(capsys, "--lang", lang, "assess", str(path), "--quiet", "--html", str(html))
    assert code == 0  # a warning, not a refusal
    assert err.startswith(words) and "workforce.employer_beds[0].municipality" in err and "Venlo" in err
    page = html.read_text(encoding="utf-8")
    expected = (
        "Venlo hoort niet bij de gekozen regio" if lang == "nl" else "Venlo is not part of the chosen region"
    )
    assert expected in page
