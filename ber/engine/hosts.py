"""Many candidate hosts at once on the draw axis: the geometry of ``ber scan``.

``compute`` works on S parameter draws; the scan puts one *host* per row of that
axis instead (every row the central parameter values), on the union of the hosts'
regions. :class:`HostBatch` carries what then differs per row: the distance of each
municipality of the union to that host's site, the host's position, and which
municipalities belong to that host's own region (as ``assess`` would build it for a
site there). Outside its own region a host's gravity weight is 0, so every row
equals the single-site calculation on that host's region.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class HostBatch:
    """One site per row of the draw axis (S hosts, K municipalities of the union)."""

    distance_km: np.ndarray  # (S, K) straight-line km from the site; the host's own is 0
    host: np.ndarray  # (S,) index of each host in the union region
    in_region: np.ndarray  # (S, K) bool: municipality k belongs to host s's own region

    def __post_init__(self) -> None:
        s, k = self.distance_km.shape
        if self.host.shape != (s,) or self.in_region.shape != (s, k):
            raise ValueError("HostBatch arrays disagree in shape")
