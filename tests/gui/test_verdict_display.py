"""The results page says the same as the engine about zero capacity, unknowns and
coverage (issue 11 item 1): Goirle-like zero capacity reads "geen vrije capaciteit" in
every table, a Tilburg-like unknown is never headlined as "nothing exceeded".

Cases from tests/golden/cases/thresholds.ber (100 jobs, migrant share 1, site on
Venlo's centroid); numbers computed by hand in the comments.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import pytest

from ber.case.model import parse_case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.io.paths import REPO_ROOT
from gui.models import mitigation_table, sites_table, traffic_light_table, verdict_table
from gui.pages.results import ResultsPage, headline
from gui.texts import set_language

THRESHOLDS = REPO_ROOT / "tests" / "golden" / "cases" / "thresholds.ber"
VENLO, VENRAY = "GM0983", "GM0984"
NO_SPARE = "geen vrije capaciteit"


@pytest.fixture(autouse=True)
def _dutch() -> Iterator[None]:
    set_language("nl")
    yield
    set_language("nl")


def goirle_like() -> Assessment:
    """100 eu_mid workers in Venlo on 0 spare flex beds (pressure infinite: red), a shuttle
    (so the result holds the case without measures) and two candidate sites."""
    doc = json.loads(THRESHOLDS.read_text("utf-8"))
    doc["capacity"][VENLO]["housing_flex"] = 0
    doc["mitigations"] = {"shuttle_share": 0.5}
    doc["sites"].append({"name": "Venlo 2", "municipality": VENLO, "chosen": False})
    return assess(parse_case(doc, "goirle"), Context.default())


def tilburg_like() -> Assessment:
    """100 settlers (eu_long), 32% in Venlo (known, pressure ~0), 68% in Venray (unknown):
    dwelling coverage 32 / 100 = 32% < 50%: onbekend."""
    doc = json.loads(THRESHOLDS.read_text("utf-8"))
    doc["workforce"]["category_shares"] = {"eu_long": 1.0}
    doc["workforce"]["residence"] = {"method": "manual", "shares": {VENLO: 0.32, VENRAY: 0.68}}
    doc["region"] = {"municipalities": [VENLO, VENRAY]}
    doc["capacity"] = {VENLO: {"housing_dwellings": 100_000}}
    return assess(parse_case(doc, "tilburg"), Context.default())


def texts(rows: list[list[Any]]) -> list[list[str]]:
    return [[c.text for c in row] for row in rows]


def test_zero_capacity_reads_no_spare_capacity_in_every_table() -> None:
    r = goirle_like()
    _, rows, keys = traffic_light_table(r, "nl")
    flex_col = 1  # municipality, then the domains in registry order (housing_flex first)
    assert NO_SPARE in rows[keys.index(VENLO)][flex_col].text
    _, rows = verdict_table(r, "nl")
    assert NO_SPARE in texts(rows)[0][3]  # pressure column of housing_flex
    assert "onbekend" not in " ".join(texts(rows)[0]).lower()
    _, rows = mitigation_table(r, "nl")
    assert NO_SPARE in rows[0][1].text and NO_SPARE in rows[0][2].text  # without and with
    _, rows, keys = sites_table(r, "nl")
    row = texts(rows)[keys.index("max_pressure")]
    assert row[1:] == [NO_SPARE, NO_SPARE]


def test_unknown_domain_is_never_headlined_as_nothing_exceeded(qtbot: Any) -> None:
    r = tilburg_like()
    assert r.verdict["housing_dwellings"].status == "grey"
    text = headline(r, "nl")
    assert "nergens een overschrijding" not in text
    assert "te weinig bekend" in text and "huisvesting: woningen" in text
    headers, rows = verdict_table(r, "nl")
    assert headers[-1] == "Dekking"
    assert texts(rows)[1][-1] == "32%"  # housing_dwellings
    assert "Venray" in rows[1][-1].tooltip  # the largest unknown demand is named
    page = ResultsPage()
    qtbot.addWidget(page)
    page.show_result(r)
    assert page.label_summary.text() == text


def test_known_case_keeps_the_plain_headline() -> None:
    """thresholds.ber as is: flex 100 on 200 (0.5, amber), GP unknown with 100 patients
    (coverage 0: onbekend) -> the headline names care as not judgeable, not "nergens"."""
    r = assess(parse_case(json.loads(THRESHOLDS.read_text("utf-8")), "t"), Context.default())
    assert r.verdict["care_gp"].status == "grey"
    assert "zorg: huisarts" in headline(r, "nl")


def test_green_with_some_unknown_demand_says_so() -> None:
    """60 of 100 flex workers in Venlo (capacity 100,000: ~0), 40 in Venray (unknown):
    coverage 60 / 100 = 60% >= 50%: green, but the headline only claims no exceedance
    where the capacity is known."""
    doc = json.loads(THRESHOLDS.read_text("utf-8"))
    doc["workforce"]["residence"] = {"method": "manual", "shares": {VENLO: 0.6, VENRAY: 0.4}}
    doc["region"] = {"municipalities": [VENLO, VENRAY]}
    doc["capacity"] = {
        VENLO: {"housing_flex": 100_000, "care_gp": 100_000, "transport_peak": 100_000},
        VENRAY: {"care_gp": 100_000},
    }
    r = assess(parse_case(doc, "partial"), Context.default())
    assert r.verdict["housing_flex"].status == "green"
    assert r.verdict["housing_flex"].coverage == pytest.approx(0.6)
    text = headline(r, "nl")
    assert "nergens" not in text and "geen overschrijding waar de vrije capaciteit bekend is" in text


def test_a_domain_without_input_is_named_apart_from_unknown_capacity() -> None:
    """The demo gives no plot area: space has no demand at all (nothing to judge for lack of
    input), while energy has 4.3 MW of demand on an unknown grid capacity (too little known)."""
    from ber.case.demo import demo_case

    case = demo_case()
    r = assess(case, Context.default())
    assert r.verdict["space"].status == r.verdict["energy"].status == "grey"
    text = headline(r, "nl")
    capacity_part, _, input_part = text.partition("gebrek aan invoer")
    assert "energie: netcapaciteit" in capacity_part and "ruimte" not in capacity_part
    assert "ruimte: kavel op de locatie" in input_part
    # with a plot area the space demand exists: then its capacity is what is missing
    with_plot = case.model_copy(update={"business": case.business.model_copy(update={"plot_area_ha": 5.0})})
    text = headline(assess(with_plot, Context.default()), "nl")
    assert "gebrek aan invoer" not in text and "ruimte: kavel op de locatie" in text
