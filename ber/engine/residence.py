"""Where the workers live: the default residence model (BER-MODEL residence step, issue 11).

Two groups of categories are placed separately, because they are housed differently:

- *flex* (``eu_short``, ``eu_mid``): housed by employers and agencies near the work, in
  flex housing, on the premises or in rooms in the host municipality and its neighbours;
- *settling* (``eu_long``, ``third_country``, ``knowledge``): look for a dwelling on the
  regular market, like other employees.

For each group ``g`` the share of municipality ``k`` is

    σ_g,k = m_g × [k = host] + (1 − m_g) × A_k e^(−ln 2 · d_k / h_g) / Σ_j A_j e^(−ln 2 · d_j / h_g)

for ``d_k ≤ d_max`` (else the gravity term is 0): ``m_g`` is the minimum share housed in
the host municipality (``gravity.host_share_min_flex`` / ``_settling``), ``h_g`` the
half-distance (``gravity.half_distance_km_flex`` for flex workers,
``gravity.half_distance_km`` for settling workers), ``A_k`` the housing stock and
``d_max`` the cut-off (``gravity.cutoff_km``). With ``m_g = 0`` and equal half-distances
this is the plain gravity model of the first version. Every parameter is a reference row
with a range, so Monte Carlo and the sensitivity vary it. ``docs/method.md`` compares the
result with published observations (``tests/core/test_residence_observations.py``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ber.engine.params import RESIDENCE_PARAMETERS, Params

LN2 = float(np.log(2.0))

#: parameter names (reference rows, listed in ``params.RESIDENCE_PARAMETERS``)
HALF_FLEX, HALF_SETTLING, HOST_MIN_FLEX, HOST_MIN_SETTLING, CUTOFF = RESIDENCE_PARAMETERS


@dataclass(frozen=True)
class Residence:
    """Residence shares of domestic workers, each ``(S, K)`` and summing to 1 per draw."""

    flex: np.ndarray
    settling: np.ndarray


def gravity_shares(
    distance_km: np.ndarray,
    attraction: np.ndarray,
    host: int | np.ndarray | None,
    half_km: np.ndarray,
    host_min: np.ndarray,
    cutoff_km: np.ndarray,
    in_region: np.ndarray | None = None,
) -> np.ndarray:
    """Shares ``(S, K)`` for one group: a minimum host share plus distance-decay gravity.

    ``distance_km`` and ``attraction`` are ``(K,)``; ``half_km``, ``host_min`` and
    ``cutoff_km`` are ``(S,)``. ``host`` is the index of the host municipality in the
    region, or None when the site lies outside it (then there is no host term).
    For a batch of hosts (``ber.engine.hosts``) ``distance_km`` and ``in_region`` are
    ``(S, K)`` and ``host`` holds one index per row; outside its region a row weighs 0.
    """
    d = distance_km if distance_km.ndim == 2 else distance_km[None, :]
    weight = attraction[None, :] * np.exp(-LN2 * d / half_km[:, None])
    inside = d <= cutoff_km[:, None] if in_region is None else (d <= cutoff_km[:, None]) & in_region
    weight = np.where(inside, weight, 0.0)
    total = weight.sum(axis=1, keepdims=True)
    gravity: np.ndarray = np.divide(weight, total, out=np.zeros_like(weight), where=total > 0)
    if host is None:
        return gravity
    at_host = np.zeros_like(gravity)
    if isinstance(host, np.ndarray):
        at_host[np.arange(len(host)), host] = 1.0
    else:
        at_host[:, host] = 1.0
    # nothing within the cut-off but the site itself: everyone lives in the host
    gravity = np.where(total > 0, gravity, at_host)
    m = host_min[:, None]
    shares: np.ndarray = m * at_host + (1.0 - m) * gravity
    return shares


def residence_shares(
    distance_km: np.ndarray,
    attraction: np.ndarray,
    host: int | np.ndarray | None,
    params: Params,
    in_region: np.ndarray | None = None,
) -> Residence:
    """The default residence model for flex and settling workers (see the module text)."""
    cutoff = params[CUTOFF]
    return Residence(
        flex=gravity_shares(
            distance_km, attraction, host, params[HALF_FLEX], params[HOST_MIN_FLEX], cutoff, in_region
        ),
        settling=gravity_shares(
            distance_km, attraction, host, params[HALF_SETTLING], params[HOST_MIN_SETTLING], cutoff, in_region
        ),
    )


def mixed_shares(res: Residence, flex_workers: np.ndarray, settling_workers: np.ndarray) -> np.ndarray:
    """One residence vector ``(S, K)``: the groups weighted by their domestic workers ``(S,)``."""
    total = flex_workers + settling_workers
    w = np.divide(flex_workers, total, out=np.zeros_like(total), where=total > 0)[:, None]
    mixed: np.ndarray = w * res.flex + (1.0 - w) * res.settling
    return mixed
