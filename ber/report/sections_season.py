"""Seizoenspiek (seasonal peak): the monthly workforce profile, the peak month and the
flex beds judged then (method section "Seasonal peak")."""

from __future__ import annotations

from typing import Any

from ber.engine.season import case_profile
from ber.report.data import ReportData
from ber.report.sections_front import heading
from ber.texts.catalogue import text


def month_label(month: int, lang: str) -> str:
    """The name of month 1-12 in the report language."""
    return text(f"label.month.{month}", "en" if lang == "en" else "nl")


def season_section(data: ReportData) -> list[Any]:
    """A short section: where the profile comes from, the peak against the year average,
    and the twelve months as a table."""
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, Spacer

    r, tx, case, ref = data.result, data.tx, data.case, data.ref
    profile = case_profile(case, ref)
    t = r.totals
    if profile.from_case:
        source = tx("season.source_case")
    else:
        sector = ref.sectors[case.business.sector]
        source = tx(
            "season.source_sector",
            sector=sector.label(data.lang),
            citation=ref.citation(sector.monthly_profile_source, data.lang),
        )
    params = {
        "source": source,
        "jobs": data.figure("jobs", t.value("jobs")),
        "peak_jobs": data.figure("jobs_peak", t.value("jobs_peak")),
        "month": month_label(profile.peak_month, data.lang),
        "factor": data.pct(profile.peak_factor),
        "flex": data.figure("flex_beds", t.value("flex_beds")),
        "flex_peak": data.figure("flex_beds_peak", t.value("flex_beds_peak")),
        "year": r.full_operation_year,
    }
    block: list[Any] = [heading(data, tx("season.title"), level=2)]
    if max(profile.factors) - min(profile.factors) < 1e-9:
        block.append(data.p(tx("season.flat", **params)))
        return [KeepTogether(block), Spacer(1, 12)]
    block.append(data.p(tx("season.intro", **params)))
    jobs = t.value("jobs")
    rows = [
        [month_label(m, data.lang), data.pct(f), data.figure("jobs", jobs * f)]
        for m, f in enumerate(profile.factors, start=1)
    ]
    block.append(
        data.table(
            [
                tx("season.col_month"),
                tx("season.col_factor"),
                tx("season.col_jobs", year=r.full_operation_year),
            ],
            rows,
            [4.0 * cm, 4.5 * cm, 5.0 * cm],
            right=[1, 2],
            bold_rows=[profile.peak_month - 1],
        )
    )
    return [KeepTogether(block), Spacer(1, 12)]
