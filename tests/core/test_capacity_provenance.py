"""Capacity figures with provenance and policy rules in the case: the ber-case/1 -> /2
migration, and bad input (a future reference date, a negative figure, a cap above
100 %, a minimum host share above 1) named with its field and allowed range in nl and en,
exit 2 on the command line."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

import pytest

from ber.case.demo import demo_case
from ber.case.figures import migrate_capacity_v1
from ber.case.model import SCHEMA, load_case, parse_case
from ber.case.validate import validate_case
from ber.cli import main
from ber.reference.data import load_reference
from ber.texts.messages import Problem

GOLDEN = Path(__file__).parents[1] / "golden" / "cases"
REF = load_reference()


def test_every_golden_ber_case_1_file_still_loads() -> None:
    """The golden cases are ber-case/1 files: each loads, migrated, with the same numbers."""
    files = sorted(GOLDEN.glob("*.ber"))
    assert files
    for path in files:
        raw = json.loads(path.read_text("utf-8"))
        assert raw["schema"] == "ber-case/1", path.name
        case = load_case(path)
        assert case.schema_ == SCHEMA == "ber-case/2"
        for code, row in raw.get("capacity", {}).items():
            for domain, value in row.items():
                assert case.capacity[code].get(domain) == value, (path.name, code, domain)


def test_migration_moves_the_case_wide_source_into_each_figure() -> None:
    doc = {
        "schema": "ber-case/1",
        "meta": {"capacity_source": "Regionale woonmonitor 2025"},
        "capacity": {"GM0983": {"housing_flex": 120, "care_gp": None}},
    }
    before = json.dumps(doc, sort_keys=True)
    out = migrate_capacity_v1(doc)
    assert json.dumps(doc, sort_keys=True) == before  # the caller's document is untouched
    assert out["capacity"] == {
        "GM0983": {"housing_flex": {"value": 120, "source": "Regionale woonmonitor 2025"}, "care_gp": None}
    }


def test_a_saved_case_keeps_provenance() -> None:
    case = demo_case()
    again = parse_case(json.loads(json.dumps(case.to_dict())))
    fig = again.capacity["GM0983"].figure("housing_flex")
    assert fig is not None
    assert (fig.value, fig.reference_date, fig.supplied_by) == (
        120.0,
        "2026-10-01",
        "BER-desk (demo, fictief)",
    )
    assert again.to_dict()["schema"] == "ber-case/2"


def problems_of(doc: dict[str, Any]) -> list[Problem]:
    from ber.engine.assess import Context

    ctx = Context.demo_region()
    return validate_case(parse_case(doc), REF, ctx.table)


def demo_doc() -> dict[str, Any]:
    return demo_case().to_dict()


def only(problems: list[Problem], field: str) -> Problem:
    found = [p for p in problems if p.field == field]
    assert len(found) == 1, [p.text("en") for p in problems]
    return found[0]


def test_future_reference_date_names_the_field_and_today() -> None:
    tomorrow = (_dt.date.today() + _dt.timedelta(days=1)).isoformat()
    doc = demo_doc()
    doc["capacity"]["GM0983"]["housing_flex"]["reference_date"] = tomorrow
    p = only(problems_of(doc), "capacity.GM0983.housing_flex.reference_date")
    assert p.code == "capacity.future_date"
    assert "toekomst" in p.text("nl") and "future" in p.text("en")
    for lang in ("nl", "en"):
        assert tomorrow in p.text(lang) and _dt.date.today().isoformat() in p.text(lang)
        assert "capacity.GM0983.housing_flex.reference_date" in p.text(lang)


def test_bad_reference_date_format() -> None:
    doc = demo_doc()
    doc["capacity"]["GM0983"]["care_gp"]["reference_date"] = "31-12-2025"
    p = only(problems_of(doc), "capacity.GM0983.care_gp.reference_date")
    assert p.code == "field.date"
    assert "JJJJ-MM-DD" in p.text("nl") and "YYYY-MM-DD" in p.text("en")


def test_negative_figure() -> None:
    doc = demo_doc()
    doc["capacity"]["GM0983"]["housing_flex"]["value"] = -3
    p = only(problems_of(doc), "capacity.GM0983.housing_flex")
    assert p.code == "field.non_negative"
    assert "0 of meer" in p.text("nl") and "0 or more" in p.text("en")


@pytest.mark.parametrize(
    ("rule", "value", "percent"),
    [("max_migrant_share", 1.5, "150"), ("min_host_share", 1.2, "120"), ("max_migrant_share", -0.1, "-10")],
)
def test_share_rules_outside_0_to_1(rule: str, value: float, percent: str) -> None:
    doc = demo_doc()
    doc["policy"] = {"GM0983": {rule: {"value": value, "source": "Beleidsregel 2024"}}}
    p = only(problems_of(doc), f"policy.GM0983.{rule}.value")
    assert p.code == "policy.share_range"
    assert f"{percent}%" in p.text("nl") and "0% tot en met 100%" in p.text("nl")
    assert "0% to 100%" in p.text("en")


def test_other_policy_problems() -> None:
    doc = demo_doc()
    doc["policy"] = {
        "GM0983": {"max_beds_per_location": {"value": 0, "source": ""}},
        "GM9999": {"min_floor_area_per_person_m2": {"value": 12, "source": "SNF"}},
    }
    doc["existing_migrants"] = {"GM0984": {"value": -1, "source": "BRP"}}
    doc["workforce"]["employer_beds"][0]["floor_area_m2"] = -5
    fields = {p.field: p.code for p in problems_of(doc)}
    assert fields["policy.GM0983.max_beds_per_location.value"] == "field.range"
    assert fields["policy.GM0983.max_beds_per_location.source"] == "policy.source"
    assert fields["policy.GM9999"] == "municipality.unknown"
    assert fields["existing_migrants.GM0984"] == "field.non_negative"
    assert fields["workforce.employer_beds[0].floor_area_m2"] == "field.non_negative"


def test_cli_exit_2_with_the_field_and_range(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = demo_doc()
    doc["policy"] = {"GM0983": {"max_migrant_share": {"value": 10, "source": "Beleidsregel"}}}
    path = tmp_path / "cap.ber"
    path.write_text(json.dumps(doc), "utf-8")
    for lang, words in (("nl", "0% tot en met 100%"), ("en", "0% to 100%")):
        code = main(["validate", str(path), "--lang", lang])
        err = capsys.readouterr().err
        assert code == 2
        assert "policy.GM0983.max_migrant_share.value" in err and words in err
