"""Hand-computed tests of the liveability indicators, the benefit side and the afweging
(issue 18 items 1, 3 and 4).

Base case ``thresholds.ber``: 100 jobs, every job a labour migrant of category ``eu_mid``
(no family: ``family.eu_mid`` = 0), all living in Venlo (manual share 1.0): Venlo gets
100 new residents. Inhabitants of Venlo in the demo table (CBS): 103,789. Sector
``distribution``: value added per job 80,000 euro (reference row, still an assumption:
no CBS value-added row for branch H/52 was found). Flex capacity 200
beds: pressure 100 / 200 = 0.5 = the amber threshold -> amber.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from ber.case.model import Case, parse_case
from ber.engine.assess import Context, assess
from ber.engine.result import Assessment
from ber.engine.result_afweging import AfwegingResult
from ber.texts.messages import InputError

CASES = Path(__file__).parent / "cases"
VENLO = "GM0983"
SRC = "Beleidsregel huisvesting arbeidsmigranten (test)"


def rel(x: float) -> Any:
    return pytest.approx(x, rel=1e-9, abs=1e-12)


def load(**changes: Any) -> Case:
    doc = json.loads((CASES / "thresholds.ber").read_text(encoding="utf-8"))
    for key, value in changes.items():
        if key in ("business", "workforce"):
            doc[key] = {**doc[key], **value}
        else:
            doc[key] = value
    return parse_case(doc, "thresholds.ber")


def run(case: Case, samples: int = 0) -> AfwegingResult:
    result: Assessment = assess(case, Context.demo_region(), samples=samples, seed=3)
    assert result.afweging is not None
    return result.afweging


def cap(share: float) -> dict[str, Any]:
    return {VENLO: {"max_migrant_share": {"value": share, "source": SRC}}}


# --- new residents per 100 inhabitants ----------------------------------------------


def test_per_100_before_and_after_with_the_existing_migrants() -> None:
    """Before: 50 / 103,789 x 100 = 0.048175; new: 100 / 103,789 x 100 = 0.096349;
    after: (50 + 100) / (103,789 + 100) x 100 = 0.144385: above a cap of 0.1 per 100
    (max share 0.001, exceeded), below 0.2 per 100 (0.002, ok)."""
    for share, status in ((0.001, "exceeded"), (0.002, "ok")):
        case = load(policy=cap(share), existing_migrants={VENLO: {"value": 50, "source": "BRP (test)"}})
        row = run(case).liveability.municipalities[0]
        assert row.per_100_before == rel(50 / 103_789 * 100)
        assert row.per_100_new == rel(100 / 103_789 * 100)
        assert row.per_100_after == rel(150 / 103_889 * 100)
        assert row.cap_per_100 == rel(share * 100)
        assert row.status == status


def test_per_100_without_existing_migrants_is_never_ok() -> None:
    """Existing unknown: the new residents alone, 100 / 103,889 x 100 = 0.09626 per 100;
    above a cap of 0.05 per 100 -> exceeded; below 0.2 -> unknown (not ok); no cap -> no status."""
    assert run(load(policy=cap(0.0005))).liveability.municipalities[0].status == "exceeded"
    row = run(load(policy=cap(0.002))).liveability.municipalities[0]
    assert (row.status, row.per_100_before, row.per_100_after) == ("unknown", None, None)
    assert run(load()).liveability.municipalities[0].status == ""


# --- the share not registered in the BRP --------------------------------------------


def test_unregistered_residents_from_the_reference_ratio() -> None:
    """100 new residents x 0.26 (low 0.10, high 0.64) = 26 (10 - 64); an override of
    0.5 gives 50. With draws (the metric ``unregistered_residents``) the P10 and P90 lie
    within low - high."""
    live = run(load()).liveability
    u = live.municipalities[0].unregistered
    assert (u.central, u.low, u.high) == (rel(26.0), rel(10.0), rel(64.0))
    assert live.unregistered_total.central == rel(26.0)
    over = {"liveability.unregistered_share": {"value": 0.5, "justification": "local count (test)"}}
    assert run(load(overrides=over)).liveability.unregistered_total.central == rel(50.0)
    drawn = run(load(), samples=500).liveability.unregistered_total
    assert drawn.p10 is not None and drawn.p90 is not None
    assert 10.0 <= drawn.p10 < 26.0 < drawn.p90 <= 64.0


# --- the largest housing location against its place ---------------------------------


def test_housing_locations_against_their_place() -> None:
    """Blerick 60 beds / 20,000 inhabitants x 100 = 0.3 beds per 100 inhabitants (largest,
    over a cap of 50 beds: exceeded); 30 beds without a place: against Venlo,
    30 / 103,789 x 100 = 0.028905 (ok)."""
    blocks = [
        {
            "municipality": VENLO,
            "beds": 60,
            "place": "Blerick",
            "place_inhabitants": {"value": 20000, "source": "CBS kerncijfers wijken en buurten (test)"},
        },
        {"municipality": VENLO, "beds": 30},
    ]
    case = load(
        workforce={"employer_beds": blocks},
        policy={VENLO: {"max_beds_per_location": {"value": 50, "source": SRC}}},
    )
    first, second = run(case).liveability.locations
    assert (first.place, first.largest, first.status) == ("Blerick", True, "exceeded")
    assert first.beds_per_100_inhabitants == rel(0.3)
    assert first.place_source.startswith("CBS kerncijfers")
    assert (second.place, second.largest, second.status) == ("Venlo", False, "ok")
    assert second.beds_per_100_inhabitants == rel(30 / 103_789 * 100)


def test_place_inhabitants_must_be_positive() -> None:
    blocks = [{"municipality": VENLO, "beds": 10, "place": "X", "place_inhabitants": {"value": 0}}]
    with pytest.raises(InputError) as err:
        assess(load(workforce={"employer_beds": blocks}), Context.demo_region())
    assert err.value.problems[0].field == "workforce.employer_beds[0].place_inhabitants"


# --- the benefit side ---------------------------------------------------------------


def test_benefits() -> None:
    """100 jobs, migrant share 0.6: 60 by labour migrants, 40 locally; plot 4 ha: 25 jobs
    per ha; value added 100 x 80,000 = 8,000,000 euro per year (60,000 - 110,000 per job:
    6,000,000 - 11,000,000; sector ``distribution``, an assumption); labour reserve 800:
    40 / 800 = 0.05."""
    case = load(
        business={"plot_area_ha": 4.0},
        workforce={"migrant_share": 0.6},
        afweging={"labour_reserve": {"value": 800, "source": "UWV regio in beeld (test)"}},
    )
    result = assess(case, Context.demo_region())
    assert result.afweging is not None
    b = result.afweging.benefits
    assert (b.jobs.central, b.migrant_jobs.central, b.local_jobs.central) == (rel(100), rel(60), rel(40))
    # the registered metrics: 100 - 60 = 40 local jobs; 100 x 0.6 x 0.26 = 15.6 not in the BRP
    assert result.totals.value("local_jobs") == rel(40)
    assert result.totals.value("unregistered_residents") == rel(15.6)
    assert b.jobs_per_ha == rel(25.0)
    assert b.value_added_per_job.central == rel(80_000)
    assert (b.value_added_total.central, b.value_added_total.low, b.value_added_total.high) == (
        rel(8_000_000),
        rel(6_000_000),
        rel(11_000_000),
    )
    assert b.local_jobs_per_reserve == rel(0.05)
    assert b.labour_reserve_source.startswith("UWV")


@pytest.mark.parametrize(
    ("sector", "per_job", "total"),
    [
        # CBS 84088NED / 84164NED, 2022*, A-U: 859,803 mln euro / 10,157 thousand persons
        # employed = 84,652 -> 84,700; / 11,377 thousand jobs = 75,574 -> 75,600;
        # / 8,145 thousand labour years = 105,562 -> 105,600. 100 jobs x each.
        ("other", (84_700, 75_600, 105_600), (8_470_000, 7_560_000, 10_560_000)),
        # 01 Landbouw: 13,926 mln euro / 198 = 70,333 -> 70,300; / 249 = 55,928 -> 55,900;
        # / 174 = 80,034 -> 80,000. 100 jobs x each.
        ("greenhouse_horticulture", (70_300, 55_900, 80_000), (7_030_000, 5_590_000, 8_000_000)),
    ],
)
def test_benefits_with_a_cbs_sourced_sector(
    sector: str, per_job: tuple[float, float, float], total: tuple[float, float, float]
) -> None:
    """Sectors whose value added per job comes from CBS carry that source and year 2022."""
    b = run(load(business={"sector": sector})).benefits
    assert (b.value_added_per_job.central, b.value_added_per_job.low, b.value_added_per_job.high) == (
        rel(per_job[0]),
        rel(per_job[1]),
        rel(per_job[2]),
    )
    assert (b.value_added_total.central, b.value_added_total.low, b.value_added_total.high) == (
        rel(total[0]),
        rel(total[1]),
        rel(total[2]),
    )
    assert (b.value_added_source, b.value_added_year) == ("cbs_nr_2022_value_added_labour", 2022)


def test_no_plot_area_no_jobs_per_hectare() -> None:
    b = run(load()).benefits
    assert (b.jobs_per_ha, b.labour_reserve, b.local_jobs_per_reserve) == (None, None, None)


# --- the afweging: burdens beside benefits, a score only with weights -----------------


def test_burdens_list_every_domain_and_no_score_without_weights() -> None:
    afw = run(load())
    flex = next(b for b in afw.burdens if b.domain == "housing_flex")
    assert (flex.status, flex.score) == ("amber", 0.5)  # 100 / 200 = 0.5: amber
    assert afw.weighting is None


@pytest.mark.parametrize("scale", [1.0, 100.0])
def test_weighted_score(scale: float) -> None:
    """housing_flex amber (0.5) weight 0.5; jobs 100 against a target of 400 = 0.25,
    weight 0.5: 0.5 x 0.5 + 0.5 x 0.25 = 0.375; the same with weights in percent."""
    weights = {
        "domains": {"housing_flex": 0.5 * scale},
        "benefits": {"jobs": 0.5 * scale},
        "benefit_targets": {"jobs": 400},
    }
    w = run(load(afweging={"weights": weights})).weighting
    assert w is not None
    assert w.score == rel(0.375)
    assert w.known_weight == rel(1.0)


def test_unknown_domain_leaves_the_score_not_zero() -> None:
    """care_gp has unknown capacity (grey): its weight 0.2 is left out. (0.4 x 0.5 +
    0.4 x 100 / 200) / 0.8 = 0.5, with known weight 0.8."""
    weights = {
        "domains": {"housing_flex": 0.4, "care_gp": 0.2},
        "benefits": {"jobs": 0.4},
        "benefit_targets": {"jobs": 200},
    }
    w = run(load(afweging={"weights": weights})).weighting
    assert w is not None
    assert (w.score, w.known_weight) == (rel(0.5), rel(0.8))


@pytest.mark.parametrize(
    ("weights", "code", "field"),
    [
        (
            {"domains": {"housing_flex": 0.5}, "benefits": {"jobs": 0.4}, "benefit_targets": {"jobs": 1}},
            "afweging.weight_sum",
            "afweging.weights",
        ),
        (
            {"domains": {"housing_flex": -0.5, "care_gp": 1.5}},
            "afweging.weight_range",
            "afweging.weights.domains.housing_flex",
        ),
        ({"domains": {"parking": 1.0}}, "afweging.weight_key", "afweging.weights.domains.parking"),
        ({"benefits": {"jobs": 1.0}}, "afweging.benefit_target", "afweging.weights.benefit_targets.jobs"),
    ],
)
def test_bad_weights_name_the_field(weights: dict[str, Any], code: str, field: str) -> None:
    with pytest.raises(InputError) as err:
        assess(load(afweging={"weights": weights}), Context.demo_region())
    assert (err.value.problems[0].code, err.value.problems[0].field) == (code, field)


def test_one_plot_for_space_and_jobs_per_hectare() -> None:
    """The business's plot (4 ha) is every site's plot unless a site gives its own: the
    space domain's demand is 4 ha and jobs per ha 100 / 4 = 25; a site plot of 5 ha wins
    for both: 5 ha and 100 / 5 = 20 jobs per ha."""
    case = load(business={"plot_area_ha": 4.0})
    result = assess(case, Context.demo_region())
    assert result.afweging is not None
    assert result.totals.value("plot_area_ha") == rel(4.0)
    assert result.afweging.benefits.jobs_per_ha == rel(25.0)
    site = case.sites[0].model_copy(update={"plot_area_ha": 5.0})
    result = assess(case.model_copy(update={"sites": [site, *case.sites[1:]]}), Context.demo_region())
    assert result.afweging is not None
    assert result.totals.value("plot_area_ha") == rel(5.0)
    assert result.afweging.benefits.jobs_per_ha == rel(20.0)
