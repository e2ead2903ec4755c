"""The metric and domain registries and the rounding policy."""

from __future__ import annotations

import pytest

from ber.case.model import Capacity
from ber.engine.domains import domain_keys, domains
from ber.engine.metrics import Output, is_metric, metric, metric_keys, metrics
from ber.engine.rounding import SHARE, decimals, number_format, places, rows_add_up, shown
from ber.engine.status import SEVERITY, STATUS_CODES, Status, severity


def test_the_case_capacity_has_one_field_per_domain() -> None:
    from ber.case.plausible import CAPACITY_MAX
    from ber.engine.domains import domain_unit

    assert tuple(Capacity.model_fields) == domain_keys()
    # the plausible range of a capacity figure, per domain in the domain's unit
    assert tuple(CAPACITY_MAX) == domain_keys()
    assert all(CAPACITY_MAX[d][1] == domain_unit(d) for d in domain_keys())


def test_every_domain_demand_is_a_metric() -> None:
    for d in domains():
        assert is_metric(d.demand), d.key
        assert metric(d.demand).unit == d.unit, d.key


def test_metric_keys_are_unique_and_outputs_are_subsets() -> None:
    keys = metric_keys()
    # 21 before issues 17 and 18; + local_jobs, unregistered_residents (issue 18); + jobs,
    # migrant workers and flex beds in the peak month, children aged 0-3 and day-care
    # places (issue 17); + freight (3), plot and grid (issue 17)
    assert len(keys) == len(set(keys)) == 33
    # what the outputs listed before the registry (order of the result file)
    assert metric_keys(Output.SENSITIVITY) == (
        "residents",
        "flex_beds",
        "flex_beds_peak",
        "dwellings",
        "gp_fte",
        "pupils_primary",
        "pupils_secondary",
        "childcare_places",
        "peak_vehicles",
        "site_peak_vehicles",
        "commute_vehicle_km_per_day",
        "grid_demand_mw",
    )
    assert (
        metric_keys(Output.CLI)
        == (
            "migrant_workers",
            "family_members",
            *metric_keys(Output.SENSITIVITY)[:9],  # up to peak_vehicles
            "freight_trucks_per_day",
            *metric_keys(Output.SENSITIVITY)[9:],
        )
    )
    assert all(m.decimals == 0 for m in metrics() if m.unit in ("persons", "pupils", "beds", "places"))


def test_same_decimals_for_the_same_metric() -> None:
    assert decimals("gp_fte") == 2
    assert decimals("care_gp") == decimals("gp_patients") == 0  # a domain's regional demand is its metric
    assert number_format(2) == "#,##0.00" and number_format(0) == "#,##0"


def test_shares_keep_a_decimal_below_ten() -> None:
    assert places(0.4, SHARE) == 1
    assert places(12.4, SHARE) == 0
    assert places(3.0, SHARE) == 0
    assert places(3.04, 2) == 2
    assert shown(2.46, SHARE) == 2.5


def test_rows_add_up_compares_what_is_shown() -> None:
    # 10.4 + 10.4 = 20.8: shown 10 + 10 = 20, total shown 21
    assert not rows_add_up([10.4, 10.4], 20.8, 0)
    assert rows_add_up([10.2, 10.2], 20.4, 0)
    # shares below 10 show one decimal: 0.4 + 0.4 = 0.8 as shown, total 0.8 -> 1 with 0 decimals
    assert not rows_add_up([0.4, 0.4], 0.8, 0)
    assert rows_add_up([0.4, 0.4], 0.8, SHARE)
    assert rows_add_up([1.0, None], None, 0)  # unknown: nothing to say
    assert rows_add_up([float("inf")], float("inf"), 0)


def test_status_names_and_the_one_severity_order() -> None:
    assert STATUS_CODES == ("green", "amber", "red", "grey")
    assert STATUS_CODES[Status.RED] == "red" and Status.of("grey") is Status.GREY
    assert sorted(STATUS_CODES, key=severity) == ["green", "grey", "amber", "red"]
    assert [int(SEVERITY[s]) for s in Status] == [severity(s.word) for s in Status]


@pytest.mark.parametrize("key", ["flex_beds", "gp_fte", "commute_co2_kg_per_day"])
def test_metric_lookup(key: str) -> None:
    assert metric(key).key == key and is_metric(key)
