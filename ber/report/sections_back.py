"""Onzekerheid (uncertainty) and Verantwoording (accountability)."""

from __future__ import annotations

from typing import Any

from ber.engine.metrics import Output, is_metric, metric, metrics
from ber.engine.result import SensitivityRow
from ber.report.data import ReportData, credit_text
from ber.report.sections_front import heading
from ber.texts.labels import TOTAL_LABELS


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
        data.p(tx("unc.intro", samples=u.samples, seed=u.seed)),
    ]
    out.append(data.p(tx("unc.totals_heading"), st.h2))
    rows = []
    for m in metrics(Output.UNCERTAINTY):
        band = u.totals.values.get(m.key)
        if band is None:
            continue
        rows.append(
            [
                TOTAL_LABELS[m.label][data.lang],
                data.figure(m.key, r.totals.value(m.key)),
                data.figure(m.key, band.p10),
                data.figure(m.key, band.p50),
                data.figure(m.key, band.p90),
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
        pband = u.pressure.get(domain, {}).get(code or "")
        if pband is None:
            continue
        rows.append(
            [
                data.domain(domain),
                verdict.municipality_name or "",
                data.pressure(verdict.pressure),
                data.pressure(pband.p10),
                data.pressure(pband.p50),
                data.pressure(pband.p90),
                data.pct(pband.share_red),
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
            label = row.label(data.lang) or row.key
            unit = data.param_unit(_unit_of(data, row.key))
            span = f"{data.num(row.low, _dec(row.low))} – {data.num(row.high, _dec(row.high))} {unit}"
            most = _most_moved(data, row)
            rows.append([label, span, data.pct(row.max_relative_swing), most])
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


def _most_moved(data: ReportData, row: SensitivityRow) -> str:
    best, swing = "", -1.0
    for key, vals in row.outputs.items():
        central = vals.central or 0.0
        if not central:
            continue
        s = abs(vals.high - vals.low) / abs(central)
        if s > swing:
            best, swing = key, s
    return TOTAL_LABELS[metric(best).label][data.lang] if is_metric(best) else "–"


def accountability(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm

    r, tx, st = data.result, data.tx, data.st
    u = r.uncertainty
    samples = tx("acc.samples_value", samples=u.samples, seed=u.seed) if u else tx("acc.samples_none")
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
    out.append(data.p(tx("acc.attachment", command=recompute_command(data)), st.note))
    info = r.geodata
    if info is not None and not info.builtin:
        # another machine needs this very set: name it, with its checksum
        out.append(data.p(tx("acc.geodata_needed", name=info.name, checksum=info.checksum[:16]), st.note))
    return out


def recompute_command(data: ReportData) -> str:
    """The command that repeats this calculation, with the sampling settings used."""
    u = data.result.uncertainty
    options = ["--samples", str(u.samples), "--seed", str(u.seed)] if u else []
    out = data.tx("acc.result_file")
    return " ".join(["ber", "assess", data.file_name, *options, "--out", out])


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
        attribution=credit_text(info.attribution, tx) if info.attribution else "–",
    )
    return [[tx("acc.geodata"), value], [tx("acc.geodata_checksum"), info.checksum]]
