"""Golden tests of the default residence model (ber/engine/residence.py, issue 11 item 6),
computed by hand from the formula and the reference rows (norms.json 2026.11-3):

    σ_k = m × [k = host] + (1 − m) × A_k e^(−ln 2 d_k / h) / Σ_j A_j e^(−ln 2 d_j / h)

flex workers (eu_short, eu_mid): h = 6 km, m = 0.3; settling workers (eu_long,
third_country, knowledge): h = 15 km, m = 0.3. The case is gravity_two.ber without its
overrides (which pin the plain model): 100 jobs, migrant share 1, site on the Venlo
centroid, region Venlo (host, d = 0, 48,553 dwellings) and Venray (d = 19.4327 km,
19,757 dwellings). The literals are checked against norms.json by
``test_golden_engine.test_norm_literals_match_reference``.
"""

from __future__ import annotations

import math

from tests.golden.test_golden_engine import (
    D_VENRAY,
    NORM,
    TRIP_ROAD,
    VEH_PER_COMMUTER,
    VENLO,
    VENRAY,
    dom,
    load,
    rel,
    run,
)

W_VENLO, W_VENRAY = 48553.0, 19757.0


def test_literals() -> None:
    assert NORM["gravity.half_distance_km_flex"] == 6.0
    assert NORM["gravity.half_distance_km"] == 15.0
    assert NORM["gravity.host_share_min_flex"] == 0.3
    assert NORM["gravity.host_share_min_settling"] == 0.3


def test_flex_workers_default_model() -> None:
    """100 eu_mid workers, flex half-distance 6 km, minimum host share 0.3.

    Venray weight = 19,757 x exp(-0.693147 x 19.4327 / 6) = 19,757 x exp(-2.244958)
                  = 19,757 x 0.105932 = 2,092.9; Venlo weight 48,553.
    Gravity share Venray = 2,092.9 / 50,645.9 = 0.041324.
    Venray share = 0.7 x 0.041324 = 0.028927; Venlo = 0.3 + 0.7 x 0.958676 = 0.971073.
    Flex beds and GP patients = 100 x share; vehicle-km = 100 x 0.028927 x 19.4327 x 2.6
    x 116/300 = 56.51. (The plain gravity model gave Venray 0.14220.)
    """
    w_venray = W_VENRAY * math.exp(-math.log(2) * D_VENRAY / 6.0)
    g_venray = w_venray / (W_VENLO + w_venray)
    s_venray = (1 - 0.3) * g_venray
    assert abs(g_venray - 0.041324) < 1e-6
    assert abs(s_venray - 0.028927) < 1e-6
    r = run(load("gravity_two.ber", overrides={}))
    assert r.municipality(VENRAY).residence_share == rel(s_venray)
    assert r.municipality(VENLO).residence_share == rel(1 - s_venray)
    assert dom(r, VENRAY, "housing_flex").demand == rel(100 * s_venray)
    assert dom(r, VENLO, "housing_flex").demand == rel(100 * (1 - s_venray))
    assert dom(r, VENLO, "care_gp").demand == rel(100 * (1 - s_venray))
    vkm = 100 * s_venray * D_VENRAY * TRIP_ROAD * VEH_PER_COMMUTER
    assert r.totals["commute_vehicle_km_per_day"] == rel(vkm)
    assert abs(vkm - 56.51) < 0.01


def test_settling_workers_default_model() -> None:
    """100 third-country workers (family 0.6 each: 60), settling half-distance 15 km,
    minimum host share 0.3.

    Gravity share Venray = 0.142201 (as in the plain golden test: weight 8,048.8 of
    56,601.8). Venray share = 0.7 x 0.142201 = 0.099540; Venlo 0.900460.
    Residents 160: Venray 160 x 0.099540 = 15.926; dwellings 15.926 / 2.1 = 7.5840;
    Venlo 160 x 0.900460 / 2.1 = 68.606 dwellings.
    """
    w_venray = W_VENRAY * math.exp(-math.log(2) * D_VENRAY / 15.0)
    s_venray = 0.7 * w_venray / (W_VENLO + w_venray)
    assert abs(s_venray - 0.099540) < 1e-6
    r = run(load("gravity_two.ber", overrides={}, workforce__category_shares={"third_country": 1.0}))
    assert r.municipality(VENRAY).residence_share == rel(s_venray)
    assert r.municipality(VENRAY).residents == rel(160 * s_venray)
    assert dom(r, VENRAY, "housing_dwellings").demand == rel(160 * s_venray / 2.1)
    assert dom(r, VENLO, "housing_dwellings").demand == rel(160 * (1 - s_venray) / 2.1)
    assert abs(160 * (1 - s_venray) / 2.1 - 68.606) < 1e-3
    assert r.totals["dwellings"] == rel(160 / 2.1)


def test_flex_and_settling_mixed() -> None:
    """50 eu_mid + 50 eu_long workers: each group placed by its own parameters.

    Venray: flex 50 x 0.028927 = 1.4463 workers, settling 50 x 0.099540 = 4.9770 workers;
    workers in Venray 6.4234, residence share 6.4234 / 100 = 0.064234.
    Flex beds in Venray 1.4463; dwellings in Venray (50 + 15 family) x 0.099540 / 2.1 = 3.0810.
    """
    w6 = W_VENRAY * math.exp(-math.log(2) * D_VENRAY / 6.0)
    w15 = W_VENRAY * math.exp(-math.log(2) * D_VENRAY / 15.0)
    flex = 0.7 * w6 / (W_VENLO + w6)
    settle = 0.7 * w15 / (W_VENLO + w15)
    r = run(load("gravity_two.ber", overrides={}, workforce__category_shares={"eu_mid": 0.5, "eu_long": 0.5}))
    assert r.municipality(VENRAY).workers == rel(50 * flex + 50 * settle)
    assert abs(r.municipality(VENRAY).residence_share - 0.064234) < 1e-6
    assert dom(r, VENRAY, "housing_flex").demand == rel(50 * flex)
    assert dom(r, VENRAY, "housing_dwellings").demand == rel(65 * settle / 2.1)
    assert abs(65 * settle / 2.1 - 3.0810) < 1e-4
