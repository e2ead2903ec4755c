"""The result as one row per municipality (full-operation year): shared by the GeoPackage
and the Excel exports, and the one place that reads the result model's fields for them.

Every record holds ``code``, ``name``, ``year``, ``distance_km``, ``residence_share``
(0..1), ``workers``, ``residents``, per domain ``<domain>_demand``, ``_capacity``,
``_pressure`` (None when unknown, never a word) and ``_status`` (``green``, ``amber``,
``red``, ``grey``), then ``capacity_coverage`` (share of domains whose capacity is
known, 0..1) and ``status`` (the worst status over the domains).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ber.engine.domains import counts_in, domain_keys
from ber.engine.result import Assessment, MunicipalityResult
from ber.engine.status import severity

MEASURES: tuple[str, ...] = ("demand", "capacity", "pressure", "status")


def domains() -> tuple[str, ...]:
    """The domains, in report order."""
    return domain_keys()


def full_year_index(result: Assessment) -> int:
    return result.years.index(result.full_operation_year)


def domain_values(
    m: MunicipalityResult, domain: str, i: int
) -> tuple[float, float | None, float | None, str]:
    """(demand, capacity, pressure, status) of one municipality and domain in year index ``i``."""
    d = m.domains[domain]
    demand = d.demand_per_year[i] if d.demand_per_year else d.demand
    pressure = d.pressure_per_year[i] if d.pressure_per_year else d.pressure
    status = d.status_per_year[i] if d.status_per_year else d.status
    return float(demand), d.capacity, pressure, status


def verdict_status(result: Assessment, domain: str) -> str:
    return result.verdict[domain].status


def worst(statuses: Sequence[str]) -> str:
    return max(statuses, key=severity) if statuses else "grey"


def municipality_records(result: Assessment) -> list[dict[str, Any]]:
    """One record per municipality: the attribute table of the ``municipalities`` layer."""
    i = full_year_index(result)
    records = []
    for m in result.municipalities:
        rec: dict[str, Any] = {
            "code": m.code,
            "name": m.name,
            "year": int(result.full_operation_year),
            "distance_km": float(m.distance_km),
            "residence_share": float(m.residence_share),
            "workers": float(m.workers),
            "residents": float(m.residents),
        }
        statuses, known = [], 0
        host = result.site.host_municipality
        for d in domains():
            demand, capacity, pressure, status = domain_values(m, d, i)
            rec[f"{d}_demand"] = demand
            rec[f"{d}_capacity"] = None if capacity is None else float(capacity)
            rec[f"{d}_pressure"] = None if pressure is None else float(pressure)
            rec[f"{d}_status"] = status
            if counts_in(d, m.code, host):  # a site domain counts at the site's municipality only
                statuses.append(status)
                known += capacity is not None
        counted = sum(counts_in(d, m.code, host) for d in domains())
        rec["capacity_coverage"] = known / counted
        rec["status"] = worst(statuses)
        records.append(rec)
    return records
