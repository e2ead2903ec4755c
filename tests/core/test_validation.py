"""Bad input: one test per validation rule of ``ber/case/model.py`` and ``ber/case/validate.py``.

Each test breaks one thing in an otherwise valid case and checks that the problem
names the field (and the value or the allowed range) in Dutch AND in English.
"""

from __future__ import annotations

import copy
import re
from typing import Any

import pytest

from ber.case.model import parse_case
from ber.case.validate import validate_case
from ber.engine.assess import Context, assess
from ber.reference.data import load_reference
from ber.texts.messages import InputError, Problem

REF = load_reference()

BASE: dict[str, Any] = {
    "schema": "ber-case/1",
    "meta": {"title": "Validation", "language": "nl"},
    "business": {
        "name": "Test B.V.",
        "sector": "distribution",
        "start_year": 2030,
        "jobs": 100,
        "ramp_up": [0.5, 1.0],
        "horizon_years": 5,
        "shifts_per_day": 2,
    },
    "sites": [
        {"name": "A", "x": 205021, "y": 379119, "crs": "EPSG:28992", "chosen": True},
        {"name": "B", "municipality": "GM0984", "chosen": False},
    ],
    "workforce": {
        "migrant_share": 0.6,
        "category_shares": {"eu_short": 0.5, "eu_mid": 0.5},
        "employer_beds": [{"municipality": "GM0983", "beds": 10}],
        "mode_shares": {"car": 0.5, "van": 0.5},
        "residence": {"method": "gravity"},
        "cross_border_share": 0.1,
        "family_preset": "rijksoverheid_2023",
    },
    "region": {"municipalities": ["GM0983", "GM0984"]},
    "capacity": {"GM0983": {"housing_flex": 10, "care_gp": None}},
    "overrides": {
        "housing.household_size": {
            "value": 2.3,
            "low": 2.2,
            "high": 2.4,
            "justification": "Lokale WoOn-cijfers",
        }
    },
    "mitigations": {"shuttle_share": 0.2, "employer_gp_share": 0.0, "local_recruitment_share": 0.1},
}


def doc_with(path: str, value: Any, *, delete: bool = False) -> dict[str, Any]:
    """A copy of BASE with one value changed (dotted path; list indices as numbers)."""
    doc = copy.deepcopy(BASE)
    node: Any = doc
    parts = path.split(".")
    for part in parts[:-1]:
        node = node[int(part)] if isinstance(node, list) else node[part]
    last = parts[-1]
    key: Any = int(last) if isinstance(node, list) else last
    if delete:
        del node[key]
    else:
        node[key] = value
    return doc


def problems_of(doc: dict[str, Any]) -> list[Problem]:
    try:
        case = parse_case(doc, "case.ber")
    except InputError as err:
        return err.problems
    return validate_case(case, REF, REF.municipalities)


def _dutch(fragment: str) -> str:
    """An English-style number in ``fragment`` the Dutch way: "1,000.5" -> "1.000,5"."""
    return re.sub(r"(?<=\d)[.,](?=\d)", lambda m: "," if m.group() == "." else ".", fragment)


def expect(doc: dict[str, Any], field: str, *fragments: str, code: str | None = None) -> Problem:
    """Exactly one problem names ``field``; its nl and en texts contain the field and fragments
    (a number in a fragment is written the English way, "1,000,000.5"; the Dutch text has the
    decimal comma and groups thousands with a point, "1.000.000,5")."""
    found = [p for p in problems_of(doc) if p.field == field and (code is None or p.code == code)]
    assert found, f"no problem for {field}: {[p.text('en') for p in problems_of(doc)]}"
    p = found[0]
    nl, en = p.text("nl"), p.text("en")
    assert nl != en
    for lang, text in (("nl", nl), ("en", en)):
        assert field in text, text
        for fragment in fragments:
            shown = _dutch(fragment) if lang == "nl" else fragment
            assert shown in text, (shown, text)
        assert "{" not in text and "Traceback" not in text
    return p


def test_base_case_is_valid() -> None:
    assert problems_of(copy.deepcopy(BASE)) == []
    assess(parse_case(copy.deepcopy(BASE)), Context.default())


# --- shares -----------------------------------------------------------------


@pytest.mark.parametrize("value", [-0.1, 1.5])
def test_migrant_share_outside_0_1(value: float) -> None:
    expect(doc_with("workforce.migrant_share", value), "workforce.migrant_share", f"{value:g}", "0", "1")


def test_cross_border_share_outside_0_1() -> None:
    expect(doc_with("workforce.cross_border_share", 1.2), "workforce.cross_border_share", "1.2")


def test_category_share_outside_0_1() -> None:
    doc = doc_with("workforce.category_shares", {"eu_short": 1.5, "eu_mid": -0.5})
    expect(doc, "workforce.category_shares.eu_short", "1.5", code="field.range")
    expect(doc, "workforce.category_shares.eu_mid", "-0.5", code="field.range")


def test_category_shares_must_sum_to_one() -> None:
    doc = doc_with("workforce.category_shares", {"eu_short": 0.5, "eu_mid": 0.4})
    expect(doc, "workforce.category_shares", "0.9", "1", "0.001", code="shares.sum")


def test_category_shares_within_tolerance_are_accepted() -> None:
    ok = doc_with("workforce.category_shares", {"eu_short": 0.5, "eu_mid": 0.5009})
    assert problems_of(ok) == []
    bad = doc_with("workforce.category_shares", {"eu_short": 0.5, "eu_mid": 0.5011})
    expect(bad, "workforce.category_shares", code="shares.sum")


def test_unknown_category() -> None:
    doc = doc_with("workforce.category_shares", {"eu_short": 0.5, "seasonal": 0.5})
    expect(
        doc, "workforce.category_shares.seasonal", "seasonal", "eu_short", "knowledge", code="field.choice"
    )


def test_mode_shares_unknown_and_sum() -> None:
    doc = doc_with("workforce.mode_shares", {"car": 0.5, "train": 0.2})
    expect(doc, "workforce.mode_shares.train", "train", "bike", code="field.choice")
    expect(doc, "workforce.mode_shares", "0.7", code="shares.sum")


def test_unknown_family_preset() -> None:
    doc = doc_with("workforce.family_preset", "cbs_2030")
    expect(doc, "workforce.family_preset", "cbs_2030", "rijksoverheid_2023", "cbs_2023")


# --- counts -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("business.jobs", "business.jobs"),
        ("business.floor_area_m2", "business.floor_area_m2"),
        ("workforce.employer_beds.0.beds", "workforce.employer_beds[0].beds"),
        ("capacity.GM0983.housing_flex", "capacity.GM0983.housing_flex"),
    ],
)
def test_negative_counts(path: str, field: str) -> None:
    p = expect(doc_with(path, -5), field, "-5", "0", code="field.non_negative")
    assert "negatief" in p.text("nl") and "negative" in p.text("en")


def test_jobs_or_floor_area_required() -> None:
    expect(doc_with("business.jobs", None), "business.jobs", "business.floor_area_m2", code="jobs.missing")


# --- business ---------------------------------------------------------------


def test_unknown_sector() -> None:
    expect(doc_with("business.sector", "mining"), "business.sector", "mining", "distribution")


@pytest.mark.parametrize("year", [1999, 2101])
def test_start_year_outside_2000_2100(year: int) -> None:
    expect(doc_with("business.start_year", year), "business.start_year", str(year), "2000", "2100")


@pytest.mark.parametrize("value", [-0.2, 1.01])
def test_ramp_up_outside_0_1(value: float) -> None:
    doc = doc_with("business.ramp_up", [0.5, value])
    expect(doc, "business.ramp_up[1]", f"{value:g}", "0", "1")


def test_ramp_up_empty() -> None:
    expect(doc_with("business.ramp_up", []), "business.ramp_up", code="field.required")


@pytest.mark.parametrize("value", [0, 51])
def test_horizon_outside_range(value: int) -> None:
    expect(doc_with("business.horizon_years", value), "business.horizon_years", str(value), "1", "50")


@pytest.mark.parametrize("value", [0, 5])
def test_shifts_outside_range(value: int) -> None:
    expect(doc_with("business.shifts_per_day", value), "business.shifts_per_day", str(value), "1", "4")


def test_empty_business_name() -> None:
    expect(doc_with("business.name", "  "), "business.name", code="field.empty_text")


# --- sites ------------------------------------------------------------------


def test_no_sites() -> None:
    expect(doc_with("sites", []), "sites", code="sites.none")


def test_two_chosen_sites() -> None:
    p = expect(doc_with("sites.1.chosen", True), "sites", "2", code="sites.chosen")
    assert "chosen" in p.text("nl")


def test_no_chosen_site_among_several() -> None:
    expect(doc_with("sites.0.chosen", False), "sites", "0", code="sites.chosen")


def test_site_without_location() -> None:
    doc = doc_with("sites.1", {"name": "B", "chosen": False})
    expect(doc, "sites[1]", "x", "y", code="site.location")


def test_site_with_x_only() -> None:
    doc = doc_with("sites.0", {"name": "A", "x": 205021, "crs": "EPSG:28992", "chosen": True})
    expect(doc, "sites[0]", code="site.location")


def test_site_outside_nl_rd() -> None:
    doc = doc_with("sites.0.y", 100000)
    expect(doc, "sites[0]", "100,000", "EPSG:28992", "289,000", code="site.outside")


def test_site_outside_nl_wgs84() -> None:
    site = {"name": "A", "x": 2.35, "y": 48.86, "crs": "EPSG:4326", "chosen": True}  # Paris
    expect(doc_with("sites.0", site), "sites[0]", "2.35", "48.86", "EPSG:4326", "50.6", code="site.outside")


def test_site_wgs84_inside_is_valid() -> None:
    site = {"name": "A", "x": 6.17, "y": 51.37, "crs": "EPSG:4326", "chosen": True}  # Venlo
    assert problems_of(doc_with("sites.0", site)) == []


def test_site_bad_crs() -> None:
    expect(doc_with("sites.0.crs", "EPSG:3857"), "sites[0].crs", "EPSG:3857", "EPSG:28992", "EPSG:4326")


def test_site_unknown_municipality() -> None:
    expect(doc_with("sites.1.municipality", "GM9999"), "sites[1].municipality", "GM9999", "GM0983")


def test_site_empty_name() -> None:
    expect(doc_with("sites.0.name", ""), "sites[0].name", code="field.empty_text")


# --- residence, region, capacity ---------------------------------------------


def test_unknown_municipality_codes() -> None:
    doc = doc_with("region.municipalities", ["GM0983", "GM0001"])
    doc["capacity"]["GM0002"] = {"housing_flex": 5}
    doc["workforce"]["employer_beds"][0]["municipality"] = "GM0003"
    expect(doc, "region.municipalities[1]", "GM0001", code="municipality.unknown")
    expect(doc, "capacity.GM0002", "GM0002", code="municipality.unknown")
    expect(doc, "workforce.employer_beds[0].municipality", "GM0003", code="municipality.unknown")


def test_region_empty_list() -> None:
    expect(doc_with("region.municipalities", []), "region.municipalities", code="field.required")


def test_manual_shares_must_sum_to_one_minus_cross_border() -> None:
    doc = doc_with("workforce.residence", {"method": "manual", "shares": {"GM0983": 0.6, "GM0984": 0.4}})
    # cross-border share 0.1: the shares must add up to 0.9, not 1
    expect(doc, "workforce.residence.shares", "1", "0.9", code="shares.sum")
    ok = doc_with("workforce.residence", {"method": "manual", "shares": {"GM0983": 0.5, "GM0984": 0.4}})
    assert problems_of(ok) == []


def test_manual_shares_missing_unknown_and_out_of_range() -> None:
    missing = doc_with("workforce.residence", {"method": "manual", "shares": {}})
    expect(missing, "workforce.residence.shares", "manual", code="residence.manual_missing")
    bad = doc_with("workforce.residence", {"method": "manual", "shares": {"GM0983": 1.3, "XX": -0.4}})
    expect(bad, "workforce.residence.shares.GM0983", "1.3", code="field.range")
    expect(bad, "workforce.residence.shares.XX", "XX", code="municipality.unknown")


def test_unknown_residence_method() -> None:
    doc = doc_with("workforce.residence.method", "random")
    expect(doc, "workforce.residence.method", "random", "gravity", "manual", code="field.choice")


# --- overrides --------------------------------------------------------------


def test_override_unknown_key() -> None:
    doc = copy.deepcopy(BASE)  # override keys contain dots: set by hand
    doc["overrides"]["housing.rent"] = {"value": 1, "justification": "x"}
    expect(doc, "overrides.housing.rent", "housing.rent", code="override.unknown")


def test_override_without_justification() -> None:
    doc = copy.deepcopy(BASE)
    doc["overrides"]["housing.household_size"]["justification"] = " "
    p = expect(doc, "overrides.housing.household_size.justification", code="override.justification")
    assert "onderbouwing" in p.text("nl") and "justification" in p.text("en")


def test_override_low_above_high() -> None:
    doc = copy.deepcopy(BASE)
    doc["overrides"]["housing.household_size"].update({"low": 2.5, "high": 2.4})
    expect(doc, "overrides.housing.household_size", "2.5", "2.3", "2.4", code="override.low_high")


@pytest.mark.parametrize("key", ["care.gp_patients_per_fte", "gravity.half_distance_km_flex"])
def test_override_that_must_be_positive(key: str) -> None:
    """GP patients per FTE and the flex half distance must be above 0."""
    doc = copy.deepcopy(BASE)
    doc["overrides"][key] = {"value": 0, "justification": "test"}
    expect(doc, f"overrides.{key}.value", "0", code="field.positive")


def test_override_of_a_share_within_0_1() -> None:
    doc = copy.deepcopy(BASE)
    doc["overrides"]["family.partner_share"] = {"value": 0.5, "high": 1.4, "justification": "test"}
    expect(doc, "overrides.family.partner_share.high", "1.4", "0", "1", code="field.range")


def test_override_negative_low() -> None:
    doc = copy.deepcopy(BASE)
    doc["overrides"]["family.eu_long"] = {"value": 0.3, "low": -0.1, "justification": "test"}
    expect(doc, "overrides.family.eu_long.low", "-0.1", code="field.non_negative")


# --- mitigations ------------------------------------------------------------


@pytest.mark.parametrize("name", ["shuttle_share", "employer_gp_share", "local_recruitment_share"])
def test_mitigations_outside_0_1(name: str) -> None:
    expect(doc_with(f"mitigations.{name}", 1.5), f"mitigations.{name}", "1.5", "0", "1")


# --- structure: types, unknown and missing fields ------------------------------


@pytest.mark.parametrize(
    ("path", "value", "field", "nl", "en"),
    [
        ("business.jobs", "veel", "business.jobs", "een getal", "a number"),
        ("business.start_year", 2030.5, "business.start_year", "een geheel getal", "a whole number"),
        ("sites.0.chosen", "ja", "sites[0].chosen", "true of false", "true or false"),
        ("business.ramp_up", 1.0, "business.ramp_up", "een lijst", "a list"),
        ("workforce.category_shares", [0.5], "workforce.category_shares", "een object", "an object"),
        ("business.jobs", float("nan"), "business.jobs", "eindig", "finite"),
        # a bare number in a ber-case/1 file becomes the figure's value: the path names it
        ("capacity.GM0983.care_gp", float("inf"), "capacity.GM0983.care_gp.value", "eindig", "finite"),
    ],
)
def test_type_errors(path: str, value: Any, field: str, nl: str, en: str) -> None:
    p = expect(doc_with(path, value), field, code="field.type")
    assert nl in p.text("nl") and en in p.text("en")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("business.colour", "business.colour"),
        ("workforce.residence.radius", "workforce.residence.radius"),
        ("sites.0.height", "sites[0].height"),
        ("extra", "extra"),
    ],
)
def test_unknown_fields(path: str, field: str) -> None:
    p = expect(doc_with(path, 1), field, code="field.unknown")
    assert "onbekend" in p.text("nl") and "unknown" in p.text("en")


@pytest.mark.parametrize(
    ("path", "field"),
    [
        ("business", "business"),
        ("workforce", "workforce"),
        ("sites", "sites"),
        ("business.sector", "business.sector"),
        ("workforce.category_shares", "workforce.category_shares"),
        ("sites.0.name", "sites[0].name"),
    ],
)
def test_missing_required_fields(path: str, field: str) -> None:
    expect(doc_with(path, None, delete=True), field, code="field.required")


# --- several problems at once ----------------------------------------------------


def test_several_domain_problems_reported_at_once() -> None:
    doc = copy.deepcopy(BASE)
    doc["business"]["start_year"] = 1990
    doc["business"]["jobs"] = -1
    doc["workforce"]["category_shares"] = {"eu_short": 0.2}
    doc["mitigations"]["shuttle_share"] = 2
    doc["sites"][1]["chosen"] = True
    fields = {p.field for p in problems_of(doc)}
    assert {
        "business.start_year",
        "business.jobs",
        "workforce.category_shares",
        "mitigations.shuttle_share",
        "sites",
    } <= fields
    with pytest.raises(InputError) as err:
        assess(parse_case(doc), Context.default())
    assert len(err.value.problems) >= 5
    assert len(err.value.texts("nl")) == len(err.value.texts("en")) == len(err.value.problems)


def test_several_structural_problems_across_sections_at_once() -> None:
    doc = copy.deepcopy(BASE)
    doc["business"]["jobs"] = "veel"
    doc["workforce"]["migrant_share"] = "half"
    doc["sites"][0]["x"] = "oost"
    doc["capacity"]["GM0983"]["care_gp"] = "vol"
    doc["unknown_section"] = {}
    fields = {p.field for p in problems_of(doc)}
    assert {
        "business.jobs",
        "workforce.migrant_share",
        "sites[0].x",
        "capacity.GM0983.care_gp",
        "unknown_section",
    } <= fields


# --- files ------------------------------------------------------------------------
