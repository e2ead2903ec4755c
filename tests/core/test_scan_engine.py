"""The scan (issue 18, item 6): every host at once gives what one assessment per host gives."""

from __future__ import annotations

import math
from typing import Any

import pytest

from ber.case.demo import demo_case, demo_case_dict
from ber.case.model import Case, Region, Site
from ber.engine.assess import Context, assess, rank_sites
from ber.engine.domains import counts_in, domain_keys
from ber.engine.progress import Cancelled
from ber.engine.scan import municipality_hosts, scan
from ber.engine.verdict import RankKey
from tests.core.progress_stub import CancelAfter

#: hosts compared one by one with assess(): Venlo, Venray (demo region), Utrecht,
#: Groningen, Maastricht, Texel (an island: few neighbours within 40 km)
HOSTS = ["GM0983", "GM0984", "GM0344", "GM0014", "GM0935", "GM0448"]


@pytest.fixture(scope="module")
def ctx() -> Context:
    return Context.default()


def _varied_case(ctx: Context) -> Case:
    """The demo with spare capacity known in every second municipality of the country,
    small enough that red, amber and green all occur; no region list (cut-off region)."""
    doc: dict[str, Any] = demo_case_dict("en")
    figure = doc["capacity"]["GM0983"]["housing_flex"]
    doc["region"] = {"label": "scan"}
    capacity: dict[str, dict[str, Any]] = {}
    for i, code in enumerate(ctx.table.codes):
        if i % 2 == 0:
            continue
        capacity[code] = {
            key: None if (i + d) % 5 == 0 else {**figure, "value": float((i * 7 + d * 13) % 60)}
            for d, key in enumerate(domain_keys())
        }
    doc["capacity"] = capacity
    return Case.model_validate(doc)


def _at(case: Case, code: str) -> Case:
    return case.copy_with(sites=[Site(name=code, municipality=code)])


@pytest.mark.parametrize("varied", [False, True])
def test_each_host_equals_its_own_assessment(ctx: Context, varied: bool) -> None:
    case = _varied_case(ctx) if varied else demo_case("en")  # cut-off regions / the case's list
    result = scan(case, municipality_hosts(ctx, ctx.table.codes), ctx, region="case")
    assert len(result.rows) == 342
    assert [r.rank for r in result.rows] == list(range(1, 343))
    by_host = {r.host_municipality: r for r in result.rows}
    statuses = set()
    for code in HOSTS:
        one = assess(_at(case, code), ctx)
        row = by_host[code]
        assert row.region_size == len(one.region.municipalities)
        assert row.commute_vehicle_km_per_day == pytest.approx(
            one.totals.value("commute_vehicle_km_per_day"), rel=1e-12
        )
        for key, v in one.verdict.items():
            statuses.add(v.status)
            assert row.verdict[key] == v.status, (code, key)
            assert row.municipality[key] == v.municipality, (code, key)
            assert row.coverage[key] == pytest.approx(v.coverage, rel=1e-12, abs=1e-15)
            if v.pressure is None:
                assert row.pressure[key] is None
            else:
                assert row.pressure[key] == pytest.approx(v.pressure, rel=1e-12)
        # every cell, but a site domain (space, energy) only in the host: elsewhere it is empty
        cells = [
            d.status
            for m in one.municipalities
            for k, d in m.domains.items()
            if counts_in(k, m.code, one.site.host_municipality)
        ]
        assert (row.red, row.amber, row.grey) == (
            cells.count("red"),
            cells.count("amber"),
            cells.count("grey"),
        )
    if varied:
        assert {"red", "green"} <= statuses  # the comparison is not all-grey


def test_same_ranking_as_the_per_site_loop(ctx: Context) -> None:
    """The scan's order equals ``rank_sites`` (the loop behind assess's sites and ber compare)."""
    case = _varied_case(ctx)
    codes = list(ctx.table.codes[::9])  # 38 hosts across the country
    result = scan(case, municipality_hosts(ctx, codes), ctx)
    loop = rank_sites(case.copy_with(sites=[Site(name=c, municipality=c) for c in codes]), ctx)
    assert [r.host_municipality for r in result.rows] == [s.host_municipality for s in loop]
    for row, site in zip(result.rows, loop, strict=True):
        assert (row.red, row.amber, row.grey) == (site.red, site.amber, site.grey)
        assert row.unknown_share == pytest.approx(site.unknown_share, rel=1e-12, abs=1e-15)
        assert row.no_capacity == site.no_capacity
        if site.max_pressure is None:
            assert row.max_pressure is None
        else:
            assert row.max_pressure == pytest.approx(site.max_pressure, rel=1e-12)
        assert row.verdict == site.verdict
    keys = [r.key().order() for r in result.rows]
    assert keys == sorted(keys)  # best first by the one ranking rule
    assert isinstance(result.rows[0].key(), RankKey)


def test_region_cutoff_ignores_the_case_list(ctx: Context) -> None:
    """Default: each host its own cut-off region, not the demo's Noord-Limburg list."""
    case = demo_case("en")
    row = scan(case, municipality_hosts(ctx, ["GM0014"]), ctx).rows[0]  # Groningen
    cut = case.copy_with(region=Region(label="x"))
    one = assess(_at(cut, "GM0014"), ctx)
    assert row.region_size == len(one.region.municipalities) > 8
    assert row.region_size != 8  # the list plus the host would be 8


def test_new_domain_flows_in(ctx: Context) -> None:
    """A domain added to the registry appears in every row (nothing names the domains)."""
    from ber.engine import domains as registry
    from ber.engine.params import parameter_specs

    assert "gravity.cutoff_km" in parameter_specs(demo_case(), ctx.ref)
    registry.register(registry.Domain("test_residents", demand="residents", unit="persons", label="care_gp"))
    try:
        result = scan(demo_case("en"), municipality_hosts(ctx, ["GM0983", "GM0344"]), ctx)
        assert all(r.verdict["test_residents"] == "grey" for r in result.rows)  # no capacity known
        assert result.domains[-1] == "test_residents"
    finally:
        registry.unregister("test_residents")


def test_progress_and_cancel(ctx: Context) -> None:
    hosts = municipality_hosts(ctx, ctx.table.codes)
    progress = CancelAfter(10_000)
    scan(demo_case(), hosts, ctx, progress=progress)
    assert progress.fractions[-1] == 1.0
    assert progress.fractions == sorted(progress.fractions)
    with pytest.raises(Cancelled):
        scan(demo_case(), hosts, ctx, progress=CancelAfter(2))


def test_document(ctx: Context) -> None:
    result = scan(demo_case(), municipality_hosts(ctx, ["GM0983"]), ctx, area={"kind": "nl", "code": "NL"})
    doc = result.to_dict()
    assert doc["schema"] == "ber-scan/1"
    assert doc["host_point"] == "centroid"
    assert doc["hosts"][0]["rank"] == 1
    assert doc["cutoff_km"] == 40.0
    assert not math.isnan(doc["hosts"][0]["unknown_share"])


def test_manual_residence_and_cutoff_override(ctx: Context) -> None:
    """Manual residence shares and a 25 km cut-off: each host still equals its assessment."""
    doc: dict[str, Any] = demo_case_dict("en")
    doc["region"] = {"label": "scan"}
    doc["workforce"]["residence"] = {
        "method": "manual",
        "shares": {"GM0983": 0.5, "GM1507": 0.3, "GM0984": 0.15},
    }
    doc["overrides"] = {"gravity.cutoff_km": {"value": 25, "justification": "test"}}
    case = Case.model_validate(doc)
    result = scan(case, municipality_hosts(ctx, ["GM0983", "GM0344", "GM0014"]), ctx)
    assert result.cutoff_km == 25
    for row in result.rows:
        one = assess(_at(case, row.host_municipality), ctx)
        assert row.region_size == len(one.region.municipalities)
        assert row.verdict == {k: v.status for k, v in one.verdict.items()}
        assert row.commute_vehicle_km_per_day == pytest.approx(
            one.totals.value("commute_vehicle_km_per_day"), rel=1e-12
        )
