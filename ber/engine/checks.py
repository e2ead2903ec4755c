"""Checks beside the pressure (issue 11 items 3 and 5).

* :func:`capacity_figures`: every capacity figure of the region with its source,
  reference date, supplier and age; a figure older than the reference row
  ``capacity.max_age_months`` (12, an assumption) at the case date is ``stale``, a
  figure without reference date ``undated``.
* :func:`policy_checks`: each municipal rule of ``case.policy`` against the computed
  demand of the full-operation year, with status ``ok`` / ``exceeded`` / ``unknown``:

  - ``max_migrant_share`` (region municipalities): (labour migrants already living
    there + the new migrant workers living there) / (inhabitants + new residents).
    Without the existing number the check is ``exceeded`` when the new workers alone
    break the cap, else ``unknown`` (never "ok" on a count taken as zero).
  - ``max_beds_per_location``: each employer housing location (``workforce.employer_beds``)
    in the municipality against the cap; and, as information, how many locations of at
    most the cap the flex demand there needs (``locations_needed``).
  - ``min_host_share`` (the host municipality's rule only): migrant workers living in the
    host / all migrant workers (cross-border commuters count as living elsewhere).
  - ``min_floor_area_per_person_m2``: each employer location's floor area / beds
    (``unknown`` without a floor area); and the floor area the flex demand there needs.

``docs/method.md`` (section "Checks") gives the same rules with a worked example.
"""

from __future__ import annotations

import datetime as _dt
import math
from typing import Any

from ber.case.figures import MunicipalPolicy, PolicyRule, months_between, parse_date
from ber.case.model import Case
from ber.engine.domains import domains
from ber.engine.result import MunicipalityResult
from ber.engine.result_checks import CapacityFigureUsed, CheckStatus, FigureNote, PolicyCheck
from ber.reference.data import MunicipalityTable, ReferenceSet

MAX_AGE_KEY = "capacity.max_age_months"


def case_date(case: Case, computed_at: str) -> _dt.date:
    """The date figures are aged against: ``meta.date``, else the day of the computation."""
    return parse_date(case.meta.date) or _dt.date.fromisoformat(computed_at[:10])


def _add_months(day: _dt.date, months: int) -> _dt.date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    for d in (day.day, 30, 29, 28):  # 31 January + 1 month -> 28/29 February
        try:
            return _dt.date(year, month, d)
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover


def max_age_months(case: Case, ref: ReferenceSet) -> int:
    ov = case.overrides.get(MAX_AGE_KEY)
    return round(ov.value if ov is not None else ref.value(MAX_AGE_KEY))


def figure_note(
    reference_date: _dt.date | None, value: float | None, on: _dt.date, max_age: int
) -> FigureNote:
    """``stale`` when the reference date lies more than ``max_age`` months before ``on``."""
    if reference_date is None:
        return "undated" if value is not None else ""
    return "stale" if _add_months(reference_date, max_age) < on else ""


def capacity_figures(
    case: Case, ref: ReferenceSet, names: dict[str, str], codes: list[str], on: _dt.date
) -> list[CapacityFigureUsed]:
    """Every recorded capacity figure of the region's municipalities, in table order."""
    max_age = max_age_months(case, ref)
    out = []
    for code in codes:
        cap = case.capacity.get(code)
        if cap is None:
            continue
        for dom in domains():
            fig = cap.figure(dom.key)
            if fig is None:
                continue
            date = parse_date(fig.reference_date)
            out.append(
                CapacityFigureUsed(
                    municipality=code,
                    municipality_name=names.get(code, code),
                    domain=dom.key,
                    value=fig.value,
                    unit=dom.unit,
                    source=fig.source,
                    reference_date=fig.reference_date,
                    supplied_by=fig.supplied_by,
                    age_months=None if date is None else max(0, months_between(date, on)),
                    note=figure_note(date, fig.value, on, max_age),
                )
            )
    return out


def policy_checks(
    case: Case,
    table: MunicipalityTable,
    municipalities: list[MunicipalityResult],
    total_workers: float,
    host: str,
) -> list[PolicyCheck]:
    """Every municipal rule of the case checked against the full-operation year, in region order."""
    out: list[PolicyCheck] = []
    for m in municipalities:
        policy = case.policy.get(m.code)
        if policy is not None:  # a rule outside the region: the case adds nobody there
            out += _municipality_checks(case, table, m, policy, total_workers, host)
    return out


def _municipality_checks(
    case: Case,
    table: MunicipalityTable,
    m: MunicipalityResult,
    policy: MunicipalPolicy,
    total_workers: float,
    host: str,
) -> list[PolicyCheck]:
    code = m.code
    flex = m.domains["housing_flex"].demand if "housing_flex" in m.domains else 0.0
    blocks = [(i, b) for i, b in enumerate(case.workforce.employer_beds) if b.municipality == code]
    out: list[PolicyCheck] = []

    def add(rule: PolicyRule, key: str, value: float | None, status: CheckStatus, **extra: Any) -> None:
        out.append(
            PolicyCheck(
                rule=key,
                municipality=code,
                municipality_name=m.name,
                limit=rule.value,
                value=value,
                status=status,
                source=rule.source,
                **extra,
            )
        )

    if (r := policy.max_migrant_share) is not None:
        inhabitants = float(table.inhabitants[table.index(code)]) + m.residents
        existing = case.existing_migrants.get(code)
        known = None if existing is None else existing.value
        share = (m.workers + (known or 0.0)) / inhabitants if inhabitants > 0 else 0.0
        status = share_cap_status(share, r.value, known is not None)
        add(
            r,
            "max_migrant_share",
            share,
            status,
            **({} if known is not None else {"detail": "existing_unknown"}),
        )
    if (r := policy.max_beds_per_location) is not None:
        for i, b in blocks:
            add(r, "max_beds_per_location", b.beds, "exceeded" if b.beds > r.value else "ok", location=i)
        if flex > 0:
            needed = float(math.ceil(flex / r.value - 1e-9))
            add(r, "max_beds_per_location", flex, "ok", detail="locations_needed", needed=needed)
    if (r := policy.min_host_share) is not None and code == host:
        if total_workers > 0:
            share = m.workers / total_workers
            add(r, "min_host_share", share, "exceeded" if share < r.value else "ok")
        else:
            add(r, "min_host_share", None, "ok")
    if (r := policy.min_floor_area_per_person_m2) is not None:
        key = "min_floor_area_per_person_m2"
        for i, b in blocks:
            if b.floor_area_m2 is None or b.beds <= 0:
                add(r, key, None, "unknown", location=i, detail="floor_area_unknown")
            else:
                per = b.floor_area_m2 / b.beds
                add(r, key, per, "exceeded" if per < r.value else "ok", location=i)
        if flex > 0:
            add(r, key, flex, "ok", detail="floor_area_needed", needed=flex * r.value)
    return out


def share_cap_status(share: float, cap: float, existing_known: bool) -> CheckStatus:
    """A share against a maximum share. Without the number already living there only the
    new people are counted, and only "exceeded" can be said (never "ok" on a count taken as zero)."""
    if share > cap:
        return "exceeded"
    return "ok" if existing_known else "unknown"


#: how bad a check status is for a municipality's summary (exceeded worst)
_CHECK_SEVERITY: dict[str, int] = {"ok": 0, "unknown": 1, "exceeded": 2}


def policy_status_by_municipality(checks: list[PolicyCheck]) -> dict[str, CheckStatus]:
    """The worst status of each municipality's policy checks (for the map and GeoPackage)."""
    out: dict[str, CheckStatus] = {}
    for c in checks:
        if c.municipality not in out or _CHECK_SEVERITY[c.status] > _CHECK_SEVERITY[out[c.municipality]]:
            out[c.municipality] = c.status
    return out
