"""Gather the counted register cases for a report (``register-cases.json``).

The cumulative view of ``ber.register.cumulative`` names the counted cases; their
stored demand rows (``Register.get``) in the new case's region and years are kept
with reference, status, dates and case hash. The report's cumulative figures are
then computed from exactly those rows by ``ber.engine.cumulative_replay.replay``,
the function ``ber assess REPORT.pdf`` uses to recompute them without a register.
"""

from __future__ import annotations

from ber.case.model import Case
from ber.engine.cumulative import Cumulative
from ber.engine.cumulative_replay import (
    CountedBeds,
    CountedCase,
    CountedCases,
    CountedDemand,
    in_window,
    replay,
    series_of,
)
from ber.engine.result import Assessment
from ber.register.cumulative import cumulative
from ber.register.store import Register


def counted_cases(register: Register, cum: Cumulative, case: Case) -> CountedCases:
    """The cases ``cum`` counted, with their stored demand rows in its region and years."""
    area = set(cum.municipalities)
    first, last = cum.years[0], cum.years[-1]
    out = []
    for contributor in cum.contributors:
        rc = register.get(contributor.reference, with_demand=True)
        s = rc.summary
        rows = [
            CountedDemand(
                domain=r.domain, municipality=r.municipality, year=r.year, demand=r.demand, is_last=r.is_last
            )
            for r in rc.demand
            if r.municipality in area
        ]
        out.append(
            CountedCase(
                reference=s.reference,
                title=s.title,
                business_name=s.business_name,
                status=contributor.status,  # the status the cumulative view counted
                received=s.received.isoformat() if s.received else "",
                decided=s.decided.isoformat() if s.decided else "",
                host_municipality=s.host_municipality,
                start_year=s.start_year,
                last_year=s.last_year,
                case_sha256=rc.case_sha256,
                reference_version=rc.reference_version,
                app_version=rc.app_version,
                demand=series_of(r for r in rows if in_window(r, first, last, cum.carry_forward)),
            )
        )
    return CountedCases(
        case_sha256=case.sha256(),
        carry_forward=cum.carry_forward,
        counted_statuses=list(cum.counted_statuses),
        cases=out,
        employer_beds=_beds(register, cum),
    )


def _beds(register: Register, cum: Cumulative) -> list[CountedBeds] | None:
    """The employer-beds lines of the counted cases' permit conditions, with each case's
    first and last assessed year (from which the added flex-bed demand counts)."""
    if cum.employer_beds is None:
        return None
    years: dict[str, tuple[int, int]] = {}
    out = []
    for line in cum.employer_beds.lines:
        if line.reference not in years:
            s = register.get(line.reference, with_demand=False).summary
            years[line.reference] = (s.start_year, s.last_year)
        first, last = years[line.reference]
        out.append(
            CountedBeds(
                reference=line.reference,
                municipality=line.municipality,
                start_year=first,
                last_year=last,
                delivered=line.delivered,
                promised=line.promised,
                added=line.added,
            )
        )
    return out


def cumulative_with_cases(
    result: Assessment, case: Case, register: Register, exclude_ref: str | None = None
) -> Cumulative:
    """The cumulative view with its counted cases (``Cumulative.counted``) for the report.

    The figures are recomputed from the gathered rows, so a report made from this
    view and ``ber assess REPORT.pdf`` use the same numbers and the same code.
    """
    cum = cumulative(result, case, register, exclude_ref)
    return replay(result, case, counted_cases(register, cum, case))
