"""Onzekerheid (uncertainty) and Verantwoording (accountability)."""

from __future__ import annotations

from typing import Any

from ber.engine.result import KEY_FIGURES, TOTAL_UNITS
from ber.report.data import ReportData
from ber.report.sections_front import heading
from ber.texts.labels import TOTAL_LABELS

UNCERTAIN_TOTALS: tuple[tuple[str, int | None], ...] = (
    ("family_members", 0),
    ("residents", 0),
    ("flex_beds", 0),
    ("dwellings", 0),
    ("gp_patients", 0),
    ("gp_fte", 2),
    ("pupils_primary", 0),
    ("pupils_secondary", 0),
    ("pupils_newcomer", 0),
    ("peak_vehicles", 0),
    ("commute_vehicle_km_per_day", 0),
    ("commute_co2_kg_per_day", 0),
)

#: outputs of the sensitivity rows, shown as "mostly in"
SENSITIVITY_OUTPUTS = KEY_FIGURES


def uncertainty(data: ReportData) -> list[Any]:
    """Only when the case was sampled (``result.uncertainty`` is None otherwise)."""
    from reportlab.lib.units import cm
    from reportlab.platypus import PageBreak

    r, tx, st = data.result, data.tx, data.st
    u = r.uncertainty
    if not u:
        return []
    out: list[Any] = [
        heading(data, tx("unc.title")),
        data.p(tx("unc.intro", samples=u["samples"], seed=u["seed"])),
    ]
    out.append(data.p(tx("unc.totals_heading"), st.h2))
    rows = []
    for key, dec in UNCERTAIN_TOTALS:
        band = u["totals"].get(key)
        if band is None:
            continue
        unit = TOTAL_UNITS[key]
        rows.append(
            [
                TOTAL_LABELS[key][data.lang],
                data.qty(r.totals[key], unit, dec),
                data.qty(band["p10"], unit, dec),
                data.qty(band["p50"], unit, dec),
                data.qty(band["p90"], unit, dec),
            ]
        )
    out.append(
        data.table(
            [tx("unc.col_figure"), tx("unc.col_central"), "P10", "P50", "P90"],
            rows,
            [4.6 * cm, 3.1 * cm, 3.1 * cm, 3.1 * cm, 3.1 * cm],
            right=[1, 2, 3, 4],
        )
    )
    out.append(data.p(tx("unc.pressure_heading"), st.h2))
    rows = []
    for domain in data.domains:
        verdict = r.verdict[domain]
        code = verdict.municipality
        band = u.get("pressure", {}).get(domain, {}).get(code or "", {})
        if not band:
            continue
        rows.append(
            [
                data.domain(domain),
                verdict.municipality_name or "",
                data.pressure(verdict.pressure),
                data.pressure(band.get("p10")),
                data.pressure(band.get("p50")),
                data.pressure(band.get("p90")),
                data.pct(band.get("share_red")),
            ]
        )
    out.append(
        data.table(
            [
                tx("unc.col_domain"),
                tx("unc.col_municipality"),
                tx("unc.col_central"),
                "P10",
                "P50",
                "P90",
                tx("unc.col_share_red"),
            ],
            rows,
            [4.4 * cm, 2.6 * cm, 1.8 * cm, 1.8 * cm, 1.8 * cm, 1.8 * cm, 2.8 * cm],
            right=[2, 3, 4, 5, 6],
        )
    )
    if r.sensitivity:
        out.append(data.p(tx("unc.sensitivity_heading"), st.h2))
        out.append(data.p(tx("unc.sensitivity_intro")))
        rows = []
        for row in r.sensitivity[:12]:
            label = row.get(f"label_{data.lang}") or row["key"]
            unit = data.param_unit(_unit_of(data, row["key"]))
            span = f"{data.num(row['low'], _dec(row['low']))} – {data.num(row['high'], _dec(row['high']))} {unit}"
            most = _most_moved(data, row)
            rows.append([label, span, data.pct(row.get("max_relative_swing")), most])
        out.append(
            data.table(
                [tx("unc.col_parameter"), tx("unc.col_range"), tx("unc.col_swing"), tx("unc.col_most")],
                rows,
                [6.0 * cm, 4.6 * cm, 2.6 * cm, 3.8 * cm],
                right=[2],
            )
        )
    out.append(PageBreak())
    return out


def _unit_of(data: ReportData, key: str) -> str:
    for p in data.result.parameters:
        if p.key == key:
            return p.unit
    return ""


def _dec(value: float) -> int:
    for d in range(4):
        if abs(value - round(value, d)) < 1e-9:
            return d
    return 3


def _most_moved(data: ReportData, row: dict[str, Any]) -> str:
    best, swing = "", -1.0
    for key, vals in row.get("outputs", {}).items():
        central = vals.get("central") or 0.0
        if not central:
            continue
        s = abs(vals["high"] - vals["low"]) / abs(central)
        if s > swing:
            best, swing = key, s
    return TOTAL_LABELS[best][data.lang] if best in TOTAL_LABELS else "–"


def accountability(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm

    r, tx, st = data.result, data.tx, data.st
    u = r.uncertainty
    samples = tx("acc.samples_value", samples=u["samples"], seed=u["seed"]) if u else tx("acc.samples_none")
    rows = [
        [tx("acc.app_version"), r.app_version],
        [tx("acc.reference_version"), r.reference_version],
        [tx("acc.reference_checksum"), r.reference_checksum],
        *_geodata_rows(data),
        [tx("acc.case_sha"), r.case_sha256],
        [tx("acc.computed_at"), r.computed_at],
        [tx("acc.samples"), samples],
        [tx("acc.language"), tx("acc.language_value")],
    ]
    out: list[Any] = [heading(data, tx("acc.title")), data.p(tx("acc.intro"))]
    out.append(data.table(["", ""], rows, [5.2 * cm, 11.8 * cm]))
    out.append(data.p(tx("acc.attachment", file=data.file_name), st.note))
    return out


def _geodata_rows(data: ReportData) -> list[list[str]]:
    """The geodata set behind the region figures: name, year, version and checksum."""
    tx, info = data.tx, data.result.geodata
    if info is None:
        return [[tx("acc.geodata"), tx("acc.geodata_none")]]
    kind = tx("acc.geodata_builtin") if info.builtin else tx("acc.geodata_imported")
    value = tx(
        "acc.geodata_value",
        name=info.name,
        year=info.year or "–",
        version=info.version or "–",
        kind=kind,
        attribution=info.attribution or "–",
    )
    return [[tx("acc.geodata"), value], [tx("acc.geodata_checksum"), info.checksum]]
