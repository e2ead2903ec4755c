"""The scan's vectorised verdicts and ranking keys equal ``ber.engine.verdict`` host by host,
also on ties, unknown capacity, zero capacity and municipalities outside a host's region."""

from __future__ import annotations

import math

import numpy as np
import pytest

from ber.engine.domains import domain_keys
from ber.engine.scan import _verdicts
from ber.engine.status import Status
from ber.engine.verdict import domain_verdicts, rank_key


def _arrays(seed: int) -> tuple[np.ndarray, ...]:
    """H hosts × D domains × K municipalities with ties, NaN/zero capacity and regions."""
    rng = np.random.default_rng(seed)
    hosts, doms, k = 12, len(domain_keys()), 9
    capacity = rng.choice([np.nan, 0.0, 5.0, 10.0, 20.0], size=(doms, k))
    demand = rng.choice([0.0, 2.0, 5.0, 10.0], size=(hosts, doms, k))  # few values: many ties
    in_region = rng.random((hosts, k)) < 0.7
    in_region[:, 0] = True
    demand = np.where(in_region[:, None, :], demand, 0.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        pressure = np.where(demand > 1e-9, demand / capacity[None], 0.0)
    pressure = np.where(np.isnan(capacity)[None], np.nan, pressure)
    status = np.full(pressure.shape, Status.GREEN, dtype=np.int8)
    status[pressure >= 0.5] = Status.AMBER
    status[pressure >= 1.0] = Status.RED
    status[np.isnan(pressure)] = Status.GREY
    vkm = rng.random(hosts) * 1000
    return demand, pressure, status, capacity, in_region, vkm


@pytest.mark.parametrize("seed", range(6))
def test_vectorised_equals_the_one_host_rule(seed: int) -> None:
    demand, pressure, status, capacity, in_region, vkm = _arrays(seed)
    k = capacity.shape[1]
    codes = [f"GM{i:04d}" for i in range(k)]
    part = _verdicts(demand, pressure, status, capacity, in_region, vkm, 0.5, codes, 2030)
    keys = domain_keys()
    for h in range(demand.shape[0]):
        own = np.flatnonzero(in_region[h])  # the host's own region, as assess builds it
        sub = [codes[i] for i in own]
        one = domain_verdicts(
            sub, sub, demand[h][:, own], pressure[h][:, own], status[h][:, own], capacity[:, own], 0.5
        )
        for d, key in enumerate(keys):
            v = one[key]
            assert Status(int(part.verdict[h, d])).name.lower() == v.status, (h, key)
            assert part.municipality[h, d] == v.municipality, (h, key)
            assert part.coverage[h, d] == pytest.approx(v.coverage, abs=1e-15)
            p = float(part.pressure[h, d])
            assert (v.pressure is None and (math.isnan(p) or math.isinf(p))) or p == pytest.approx(v.pressure)
        rk = rank_key(
            demand[h][:, own], pressure[h][:, own], status[h][:, own], capacity[:, own], float(vkm[h])
        )
        assert (int(part.red[h]), int(part.amber[h])) == (rk.red, rk.amber)
        assert int(part.grey[h]) == int((status[h][:, own] == Status.GREY).sum())
        assert part.unknown_share[h] == pytest.approx(rk.unknown_share, abs=1e-15)
        mp = float(part.max_pressure[h])
        assert (math.isnan(mp) and math.isnan(rk.max_pressure)) or mp == rk.max_pressure
