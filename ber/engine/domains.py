"""The domain registry: every absorption-capacity domain once.

A domain is where the extra residents press on a municipality's spare capacity
(flex beds, dwellings, GP care, schools, peak-hour traffic), or where the business
itself presses on what its site offers (space, grid capacity: ``scope="site"``). Each entry names its
key (the field in the case's ``capacity`` and in the result), the per-municipality
quantity that is its demand (a key of :attr:`ber.engine.model.Raw.local`, which is
also the metric of its regional total), the unit of demand and capacity, the label
key (looked up in ``ber.texts.labels.DOMAIN_LABELS``) and the reference values whose
thresholds give its status. Everything that lists domains (the calculation, the
result, the CLI, the report, the GUI, the map, the Excel export, the register)
iterates :func:`domains`; ``docs/adding-a-domain.md`` says how to add one.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Domain:
    key: str
    #: the per-municipality quantity that is the demand (a key of ``Raw.local``; also a metric key)
    demand: str
    #: unit of demand and capacity (an engine unit name, translated by ``ber.texts.labels.unit_label``)
    unit: str
    #: key of its label in ``ber.texts.labels.DOMAIN_LABELS``
    label: str
    #: reference values of the amber and red thresholds of pressure
    amber_threshold: str = "status.amber_threshold"
    red_threshold: str = "status.red_threshold"
    #: ``municipality``: demand spreads over the region and each municipality has a capacity;
    #: ``site``: demand and capacity exist only at the site, placed in the host municipality's
    #: column (capacity from the site, else the host's ``capacity`` entry; other columns unknown)
    scope: str = "municipality"

    @property
    def at_site(self) -> bool:
        return self.scope == "site"


_REGISTRY: dict[str, Domain] = {}
_ORDER: list[tuple[Domain, ...]] = [()]  # the registry as a tuple, rebuilt when it changes


def register(domain: Domain) -> Domain:
    """Add a domain at the end (its key must be new)."""
    if domain.key in _REGISTRY:
        raise ValueError(f"domain {domain.key!r} is already registered")
    _REGISTRY[domain.key] = domain
    _ORDER[0] = tuple(_REGISTRY.values())
    return domain


def unregister(key: str) -> None:
    """Remove a domain (for tests that register one temporarily)."""
    del _REGISTRY[key]
    _ORDER[0] = tuple(_REGISTRY.values())


def domains() -> tuple[Domain, ...]:
    """Every domain, in the order of the calculation's arrays and of every table."""
    return _ORDER[0]


def domain_keys() -> tuple[str, ...]:
    return tuple(_REGISTRY)


def domain(key: str) -> Domain:
    return _REGISTRY[key]


def counts_in(key: str, code: str, host: str) -> bool:
    """Whether a domain's cell in municipality ``code`` is a real one: every municipality for
    a municipal domain, only the host municipality (the site) for a site domain. Aggregates
    over a municipality's domains (its worst status, its capacity coverage, the map) skip
    the rest, which are empty by construction (no demand, capacity unknown)."""
    return not _REGISTRY[key].at_site or code == host


def domain_unit(key: str) -> str:
    return _REGISTRY[key].unit


for _d in (
    # judged at the peak month of the seasonal profile (ber/engine/season.py)
    Domain("housing_flex", demand="flex_beds_peak", unit="beds", label="housing_flex"),
    Domain("housing_dwellings", demand="dwellings", unit="dwellings", label="housing_dwellings"),
    Domain("care_gp", demand="gp_patients", unit="patients", label="care_gp"),
    Domain("education_primary", demand="pupils_primary", unit="pupils", label="education_primary"),
    Domain("education_secondary", demand="pupils_secondary", unit="pupils", label="education_secondary"),
    Domain(
        "transport_peak", demand="site_peak_vehicles", unit="vehicles per peak hour", label="transport_peak"
    ),
    Domain("childcare", demand="childcare_places", unit="places", label="childcare"),
    Domain("space", demand="plot_area_ha", unit="ha", label="space", scope="site"),
    Domain("energy", demand="grid_demand_mw", unit="MW", label="energy", scope="site"),
):
    register(_d)
