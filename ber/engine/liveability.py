"""Liveability indicators and the benefit side of the afweging (issue 18, items 1 and 3).

Per municipality of the region, in the full-operation year (``docs/method.md``, section
"Liveability and benefits"):

* new residents (workers + family living there) per 100 inhabitants; before = the labour
  migrants already living there (``case.existing_migrants``) per 100 inhabitants; after =
  (existing + new) / (inhabitants + new) x 100, against the municipality's
  ``max_migrant_share`` x 100 with the status rule of the policy check
  (:func:`ber.engine.checks.share_cap_status`);
* the new residents likely not registered as residents in the BRP: new residents x the
  reference ratio ``liveability.unregistered_share`` (low / high); the regional total is
  also the metric ``unregistered_residents`` (``ber.engine.model``), so its Monte Carlo
  P10 / P90 draw the ratio together with every other uncertain value;
* each employer housing location: beds per 100 inhabitants of the place (kern) it stands
  in, and its beds against ``max_beds_per_location``.

The benefits: jobs, of which filled by labour migrants and locally, jobs per hectare of
plot, value added (the sector's value added per job x jobs) and the local jobs against
the regional labour reserve the officer enters.
"""

from __future__ import annotations

import numpy as np

from ber.case.model import Case
from ber.engine.checks import share_cap_status
from ber.engine.result import MunicipalityResult, Totals, Uncertainty
from ber.engine.result_afweging import (
    Benefits,
    HousingLocation,
    IndicatorStatus,
    Liveability,
    LiveabilityRow,
    Range,
)
from ber.engine.siteinputs import site_inputs
from ber.reference.data import MunicipalityTable, ReferenceSet

UNREGISTERED_KEY = "liveability.unregistered_share"


def _share(ref: ReferenceSet, case: Case) -> tuple[float, float, float]:
    """The reference ratio (central, low, high), or the case's override of it."""
    ov = case.overrides.get(UNREGISTERED_KEY)
    if ov is None:
        norm = ref.norms[UNREGISTERED_KEY]
        return norm.value, norm.low, norm.high
    return ov.value, ov.value if ov.low is None else ov.low, ov.value if ov.high is None else ov.high


def liveability(
    case: Case,
    ref: ReferenceSet,
    table: MunicipalityTable,
    municipalities: list[MunicipalityResult],
    uncertainty: Uncertainty | None = None,
) -> Liveability:
    """The liveability indicators of every municipality of the region and every housing location."""
    codes = [m.code for m in municipalities]
    inhabitants = np.array([float(table.inhabitants[table.index(c)]) for c in codes])
    new = np.array([m.residents for m in municipalities])
    existing = np.array(
        [
            np.nan if (f := case.existing_migrants.get(c)) is None or f.value is None else f.value
            for c in codes
        ]
    )
    caps = np.array(
        [
            np.nan
            if (p := case.policy.get(c)) is None or p.max_migrant_share is None
            else p.max_migrant_share.value
            for c in codes
        ]
    )
    safe = np.where(inhabitants > 0, inhabitants, np.nan)
    before = existing / safe * 100.0
    per_new = np.nan_to_num(new / safe * 100.0)
    after = (existing + new) / (safe + new) * 100.0
    new_only = new / (safe + new) * 100.0  # existing unknown: the new residents alone
    share, lo, hi = _share(ref, case)
    rows = []
    for k, m in enumerate(municipalities):
        known = not np.isnan(existing[k])
        status: IndicatorStatus = ""
        if not np.isnan(caps[k]):
            status = share_cap_status(
                float(after[k] if known else new_only[k]), float(caps[k]) * 100.0, known
            )
        rows.append(
            LiveabilityRow(
                municipality=m.code,
                municipality_name=m.name,
                inhabitants=float(inhabitants[k]),
                new_residents=float(new[k]),
                existing_migrants=float(existing[k]) if known else None,
                per_100_before=float(before[k]) if known and inhabitants[k] > 0 else None,
                per_100_new=float(per_new[k]),
                per_100_after=float(after[k]) if known and inhabitants[k] > 0 else None,
                cap_per_100=None if np.isnan(caps[k]) else float(caps[k]) * 100.0,
                status=status,
                unregistered=Range(float(new[k] * share), float(new[k] * lo), float(new[k] * hi)),
            )
        )
    total = float(new.sum())
    p10, p90 = _band(uncertainty, "unregistered_residents")
    return Liveability(
        unregistered_share=Range(share, lo, hi),
        unregistered_source="case"
        if UNREGISTERED_KEY in case.overrides
        else ref.norms[UNREGISTERED_KEY].source,
        unregistered_total=Range(total * share, total * lo, total * hi, p10, p90),
        municipalities=rows,
        locations=housing_locations(case, table),
    )


def housing_locations(case: Case, table: MunicipalityTable) -> list[HousingLocation]:
    """Every employer housing location against its place; the largest (most beds) marked."""
    blocks = case.workforce.employer_beds
    if not blocks:
        return []
    largest = int(np.argmax([b.beds for b in blocks]))
    out = []
    for i, b in enumerate(blocks):
        name = table.name(b.municipality) if b.municipality in table else b.municipality
        fig = b.place_inhabitants
        if fig is not None and fig.value is not None:
            inhabitants, source = fig.value, fig.source
        else:  # no kern given: the municipality as a whole
            inhabitants = (
                float(table.inhabitants[table.index(b.municipality)]) if b.municipality in table else 0.0
            )
            source = table.source
        policy = case.policy.get(b.municipality)
        cap = (
            None
            if policy is None or policy.max_beds_per_location is None
            else policy.max_beds_per_location.value
        )
        out.append(
            HousingLocation(
                location=i,
                municipality=b.municipality,
                municipality_name=name,
                place=b.place or name,
                place_inhabitants=inhabitants,
                place_source=source,
                beds=b.beds,
                beds_per_100_inhabitants=b.beds / inhabitants * 100.0 if inhabitants > 0 else 0.0,
                cap_beds=cap,
                status="" if cap is None else ("exceeded" if b.beds > cap else "ok"),
                largest=i == largest,
            )
        )
    return out


def _band(unc: Uncertainty | None, key: str) -> tuple[float | None, float | None]:
    if unc is None or key not in unc.totals.values:
        return None, None
    band = unc.totals.values[key]
    return band.p10, band.p90


def benefits(case: Case, ref: ReferenceSet, totals: Totals, uncertainty: Uncertainty | None) -> Benefits:
    """The benefit side of the full-operation year (jobs bands from the Monte Carlo totals)."""
    jobs = totals.value("jobs")
    migrants = totals.value("migrant_workers")
    local = max(0.0, jobs - migrants)
    j10, j90 = _band(uncertainty, "jobs")
    m10, m90 = _band(uncertainty, "migrant_workers")
    l10, l90 = _band(uncertainty, "local_jobs")
    sector = ref.sectors[case.business.sector]
    va, va_lo, va_hi = (
        sector.value_added_per_job,
        sector.value_added_per_job_low,
        sector.value_added_per_job_high,
    )
    site = site_inputs(case, case.chosen_site(), ref)  # the chosen site's plot, else the business's
    plot = site.plot_area_ha if site.plot_given else None
    reserve = case.afweging.labour_reserve
    reserve_value = None if reserve is None else reserve.value
    return Benefits(
        jobs=Range(jobs, jobs if j10 is None else j10, jobs if j90 is None else j90, j10, j90),
        migrant_jobs=Range(
            migrants, migrants if m10 is None else m10, migrants if m90 is None else m90, m10, m90
        ),
        local_jobs=Range(local, local if l10 is None else l10, local if l90 is None else l90, l10, l90),
        plot_area_ha=plot,
        jobs_per_ha=None if plot is None or plot <= 0 else jobs / plot,
        value_added_per_job=Range(va, va_lo, va_hi),
        value_added_source=sector.value_added_per_job_source,
        value_added_year=sector.value_added_per_job_year,
        value_added_total=Range(jobs * va, jobs * va_lo, jobs * va_hi),
        labour_reserve=reserve_value,
        labour_reserve_source="" if reserve is None else reserve.source,
        local_jobs_per_reserve=None if not reserve_value else local / reserve_value,
    )
