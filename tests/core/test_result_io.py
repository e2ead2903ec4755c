"""The typed result (``ber-result/1``): JSON written and read back unchanged."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment, ChosenSite, MitigationEffect, RegionUsed, Totals, load_result


@pytest.fixture(scope="module")
def result() -> Assessment:
    return assess(demo_case("nl"), Context.default(), samples=60, seed=2)


def test_round_trip_assess_json_load_is_equal(result: Assessment, tmp_path: Path) -> None:
    # the demo has every optional part: mitigations, ranked sites, percentiles, sensitivity
    assert result.mitigations is not None and result.sites and result.uncertainty and result.sensitivity
    path = tmp_path / "result.json"
    path.write_text(result.to_json(), "utf-8")
    loaded = load_result(path)
    assert loaded == result
    assert loaded.to_json() == result.to_json()


def test_round_trip_without_optional_parts(tmp_path: Path) -> None:
    case = demo_case("en")
    case = case.copy_with(sites=[case.chosen_site()])
    r = assess(case, Context.default())
    assert r.uncertainty is None and r.sensitivity is None and r.sites == []
    assert Assessment.from_dict(json.loads(r.to_json())) == r


def test_parts_are_typed(result: Assessment) -> None:
    assert isinstance(result.site, ChosenSite) and result.site.host_name == "Venlo"
    assert isinstance(result.region, RegionUsed) and result.region.method in ("list", "cutoff")
    assert isinstance(result.totals, Totals) and result.totals.value("jobs") == 900
    assert isinstance(result.mitigations, MitigationEffect)
    assert result.mitigations.active.employer_beds > 0
    # the JSON's names still read (scripts written against the JSON)
    assert result.site["host_name"] == result.site.host_name
    assert result.totals["workers"] == result.totals.workers


def test_the_json_keeps_its_flat_layout(result: Assessment) -> None:
    doc = json.loads(result.to_json())
    assert doc["schema"] == "ber-result/1"
    assert set(doc["totals"]) >= {"jobs", "workers", "family"}
    first = doc["municipalities"][0]
    assert "domains" not in first and "housing_flex" in first
    assert "housing_flex" in doc["mitigations"]["without"]["municipalities"][0]
    assert "values" not in doc["uncertainty"]["totals"] and "workers" in doc["uncertainty"]["totals"]


def test_not_a_result_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError):
        Assessment.from_dict({"schema": "ber-case/1"})
    path = tmp_path / "x.json"
    path.write_text('{"schema": "ber-result/2"}', "utf-8")
    with pytest.raises(ValueError):
        load_result(path)
