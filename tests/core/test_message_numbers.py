"""Numbers in messages: decimal comma in Dutch, decimal point in English (``ber.texts.catalogue.num``)."""

from __future__ import annotations

import pytest

from ber.texts.catalogue import num, text
from tests.core.test_capacity_provenance import demo_doc, only, problems_of


@pytest.mark.parametrize(
    ("value", "nl", "en", "plain"),
    [
        (1.5, "1,5", "1.5", 1.5),
        (1_000_000.0, "1.000.000", "1,000,000", 1_000_000.0),  # whole numbers in full, never 1e+06
        (2200.0, "2200", "2200", 2200.0),  # below 10,000 not grouped: a year stays a year
        (-12345.5, "-12.345,5", "-12,345.5", -12345.5),
        (-0.125, "-0,125", "-0.125", -0.125),
        (0.1 + 0.2, "0,3", "0.3", 0.3),  # at most 6 significant digits
    ],
)
def test_num(value: float, nl: str, en: str, plain: float) -> None:
    n = num(value)
    assert n.localized("nl") == nl and n.localized("en") == en
    assert float(n) == plain  # the plain form reads back (the GUI reformats ranges in the field's unit)


def test_text_localizes_num_parameters() -> None:
    # a message with a number: filled in per language by text()
    assert "1,5" in text("msg.field.non_negative", "nl", field="x", value=num(1.5))
    assert "1.5" in text("msg.field.non_negative", "en", field="x", value=num(1.5))


def test_share_cap_range_in_dutch_has_decimal_comma() -> None:
    doc = demo_doc()
    doc["policy"] = {"GM0983": {"max_migrant_share": {"value": 1.5, "source": "Beleidsregel 2024"}}}
    p = only(problems_of(doc), "policy.GM0983.max_migrant_share.value")
    assert "waarde 1,5 (150%)" in p.text("nl"), p.text("nl")
    assert "value 1.5 (150%)" in p.text("en"), p.text("en")
    assert "1.5" not in p.text("nl")


def test_share_sum_and_site_range_in_dutch() -> None:
    doc = demo_doc()
    doc["workforce"]["category_shares"]["eu_short"] = 0.3  # 0.3+0.35+0.25+0.12+0.03 = 1.05
    doc["sites"][0].update({"crs": "EPSG:4326", "x": 8.5, "y": 51.4})  # east of the Dutch border
    problems = problems_of(doc)
    share = only(problems, "workforce.category_shares")
    assert "tot 1,05" in share.text("nl") and "marge 0,001" in share.text("nl"), share.text("nl")
    assert "to 1.05" in share.text("en"), share.text("en")
    site = only(problems, "sites[0]")
    # the point's two numbers are separated by a semicolon in Dutch (the comma is the decimal sign)
    assert "(8,5; 51,4)" in site.text("nl") and "(8.5, 51.4)" in site.text("en"), site.text("nl")
    assert "lon 3-7,6, lat 50,6-53,8" in site.text("nl") and "lon 3-7.6, lat 50.6-53.8" in site.text("en")


def test_afweging_weight_sum_in_dutch() -> None:
    # fractions 0.5 + 0.45 = 0.95: off from 1 by more than the tolerance
    doc = demo_doc()
    doc["afweging"] = {"weights": {"domains": {"housing_flex": 0.5, "care_gp": 0.45}}}
    p = only(problems_of(doc), "afweging.weights")
    assert "0,95" in p.text("nl") and "0.95" in p.text("en"), p.text("nl")
