"""The residence table: per municipality what decides where the workers live, to recompute by hand.

For the default residence model (``ber.engine.residence``) the table gives, per
municipality, the attraction (housing stock), the distance to the site, the share of
flex and of settling workers (minimum host share plus distance-decay gravity, with
the central reference values), their mix (the residence share the result uses),
the workers and the residents. Municipalities beyond the cut-off, where every figure
is zero, are collapsed into one line.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ber.engine.params import RESIDENCE_PARAMETERS
from ber.engine.residence import gravity_shares
from ber.report.data import ReportData

FLEX_CATEGORIES = ("eu_short", "eu_mid")


def _central(data: ReportData, key: str) -> float:
    for p in data.result.parameters:
        if p.key == key:
            return float(p.value)
    return float(data.ref.value(key))


def group_shares(data: ReportData) -> tuple[np.ndarray, np.ndarray] | None:
    """Flex and settling shares per municipality (result order) with the central values; None if manual."""
    r = data.result
    if data.case.workforce.residence.method != "gravity":
        return None
    half_flex, half_settling, min_flex, min_settling, cutoff = (
        _central(data, k) for k in RESIDENCE_PARAMETERS
    )
    codes = [m.code for m in r.municipalities]
    d = np.array([m.distance_km for m in r.municipalities])
    a = np.array([data.dwellings.get(c, 0.0) for c in codes])
    host = codes.index(r.site.host_municipality) if r.site.host_municipality in codes else None

    def one(half: float, host_min: float) -> np.ndarray:
        shares: np.ndarray = gravity_shares(
            d, a, host, np.array([half]), np.array([host_min]), np.array([cutoff])
        )[0]
        return shares

    return one(half_flex, min_flex), one(half_settling, min_settling)


def residence_table(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm

    r, tx, st = data.result, data.tx, data.st
    shares = group_shares(data)
    out: list[Any] = [data.p(tx("res.heading"), st.h2)]
    workers = r.totals.workers
    xb = data.case.workforce.cross_border_share
    flex = sum(workers.get(c, 0.0) for c in FLEX_CATEGORIES) * (1 - xb)
    settling = sum(v for c, v in workers.items() if c not in FLEX_CATEGORIES) * (1 - xb)
    in_beds = min(r.totals.value("employer_beds_used") or 0.0, flex)
    blocks = data.case.workforce.employer_beds
    beds_total = sum(b.beds for b in blocks)
    beds_at: dict[str, float] = {}
    for b in blocks:  # the filled beds, spread over the blocks like the model does
        beds_at[b.municipality] = beds_at.get(b.municipality, 0.0) + in_beds * b.beds / beds_total
    if shares is None:
        out.append(data.p(tx("res.intro_manual")))
    else:
        out.append(
            data.p(
                tx(
                    "res.intro",
                    half_flex=data.plain(_central(data, RESIDENCE_PARAMETERS[0])),
                    half=data.plain(_central(data, RESIDENCE_PARAMETERS[1])),
                    min_flex=data.pct(_central(data, RESIDENCE_PARAMETERS[2])),
                    min_settling=data.pct(_central(data, RESIDENCE_PARAMETERS[3])),
                    cutoff=data.plain(_central(data, RESIDENCE_PARAMETERS[4])),
                    host=r.site.host_name,
                    flex=data.num(flex, 1),
                    settling=data.num(settling, 1),
                    in_beds=data.num(in_beds, 1),
                    flex_out=data.num(flex - in_beds, 1),
                )
            )
        )
    rows: list[list[str]] = []
    zero: list[str] = []
    for i, m in enumerate(r.municipalities):
        if m.residence_share == 0 and m.workers == 0 and m.residents == 0:
            zero.append(m.name)
            continue
        rows.append(
            [
                m.name,
                data.num(data.dwellings.get(m.code), 0),
                data.num(m.distance_km, 1),
                data.pct(round(float(shares[0][i]), 3)) if shares is not None else "–",
                data.pct(round(float(shares[1][i]), 3)) if shares is not None else "–",
                data.num(beds_at.get(m.code, 0.0), 1),
                data.num(m.workers, 1),
                data.num(m.residents, 1),
            ]
        )
    rows.append(
        [
            tx("results.total"),
            data.num(sum(data.dwellings.get(m.code, 0.0) for m in r.municipalities), 0),
            "",
            "",
            "",
            data.num(sum(beds_at.values()), 1),
            data.num(sum(m.workers for m in r.municipalities), 1),
            data.num(sum(m.residents for m in r.municipalities), 1),
        ]
    )
    out.append(
        data.table(
            [
                tx("res.col_municipality"),
                tx("res.col_dwellings"),
                tx("res.col_distance"),
                tx("res.col_flex"),
                tx("res.col_settling"),
                tx("res.col_beds"),
                tx("res.col_workers"),
                tx("res.col_residents"),
            ],
            rows,
            [3.3 * cm, 2.0 * cm, 1.7 * cm, 1.9 * cm, 2.1 * cm, 1.9 * cm, 2.0 * cm, 2.1 * cm],
            right=[1, 2, 3, 4, 5, 6, 7],
            bold_rows=[len(rows) - 1],
        )
    )
    if zero:
        out.append(data.p(tx("res.collapsed", count=len(zero), names=", ".join(zero)), st.small))
    out.append(data.p(tx("res.beds_note"), st.note))
    return out
