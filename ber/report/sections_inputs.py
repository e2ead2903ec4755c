"""Invoer (inputs) and Methode en aannames (method, every parameter with unit and source)."""

from __future__ import annotations

from typing import Any

from ber.engine.region_notes import employer_beds_added
from ber.engine.rounding import rows_add_up
from ber.report.data import ReportData
from ber.report.sections_checks import capacity_provenance
from ber.report.sections_front import heading
from ber.report.sections_qualitative import declared_note
from ber.texts.catalogue import localized


def inputs(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import KeepTogether, PageBreak, Spacer

    r, case, tx, st, ref = data.result, data.case, data.tx, data.st, data.ref
    b, wf = case.business, case.workforce
    out: list[Any] = [heading(data, tx("inputs.title")), data.p(tx("inputs.business"), st.h2)]
    sector = ref.sectors[b.sector].label(data.lang) if b.sector in ref.sectors else b.sector
    jobs = data.figure("jobs", r.totals.value("jobs"))
    if b.jobs is None:
        jobs += f" ({tx('inputs.jobs_from_area')})"
    ramp = ", ".join(f"{y}: {data.pct(f)}" for y, f in zip(r.years, b.ramp_up, strict=False))
    rows = [
        [tx("inputs.name"), b.name],
        [tx("inputs.sector"), sector],
        [tx("inputs.start_year"), str(b.start_year)],
        [tx("inputs.jobs"), jobs],
    ]
    if b.floor_area_m2 is not None:
        rows.append([tx("inputs.floor_area"), data.qty(b.floor_area_m2, "m²", 0)])
    rows += [
        [tx("inputs.ramp_up"), ramp],
        [
            tx("inputs.horizon"),
            tx("inputs.horizon_value", years=b.horizon_years, first=r.years[0], last=r.years[-1]),
        ],
        [tx("inputs.shifts"), str(b.shifts_per_day)],
    ]
    out.append(data.table(["", ""], rows, [5.5 * cm, 11.5 * cm]))

    out.append(data.p(tx("inputs.workforce"), st.h2))
    migrant_share = wf.migrant_share
    if migrant_share is None and b.sector in ref.sectors:
        migrant_share = ref.sectors[b.sector].migrant_share
    beds = ", ".join(
        f"{data.municipality_name(x.municipality)}: {data.qty(x.beds, 'beds', 0)}" for x in wf.employer_beds
    )
    preset = ref.presets.get(wf.family_preset, {}).get(f"label_{data.lang}", wf.family_preset)
    modes = (
        ", ".join(f"{k}: {data.pct(v)}" for k, v in wf.mode_shares.items())
        if wf.mode_shares
        else tx("inputs.mode_shares_default")
    )
    rows = [
        [tx("inputs.migrant_share"), data.pct(migrant_share)],
        [tx("inputs.cross_border"), data.pct(wf.cross_border_share)],
        [tx("inputs.residence"), tx(f"inputs.residence.{wf.residence.method}")],
        [tx("inputs.family_preset"), str(preset)],
        [tx("inputs.employer_beds"), beds or tx("inputs.employer_beds_none")],
        [tx("inputs.mode_shares"), modes],
    ]
    out.append(data.table(["", ""], rows, [5.5 * cm, 11.5 * cm]))
    out += declared_note(data)  # the fields the employer declared in the intake
    out.append(Spacer(1, 8))
    year = r.full_operation_year
    rows = []
    for key, cat in ref.categories.items():
        rows.append(
            [
                cat.label(data.lang),
                data.pct(wf.category_shares.get(key, 0.0)),
                data.qty(r.totals.workers.get(key, 0.0), "persons", 0),
                data.qty(r.totals.family.get(key, 0.0), "persons", 0),
            ]
        )
    rows.append(
        [
            tx("inputs.total"),
            data.pct(sum(wf.category_shares.get(key, 0.0) for key in ref.categories)),
            data.qty(sum(r.totals.workers.values()), "persons", 0),
            data.qty(sum(r.totals.family.values()), "persons", 0),
        ]
    )
    out.append(
        data.table(
            [
                tx("inputs.col_category"),
                tx("inputs.col_share"),
                tx("inputs.col_workers", year=year),
                tx("inputs.col_family", year=year),
            ],
            rows,
            [6.5 * cm, 2.5 * cm, 4 * cm, 4 * cm],
            right=[1, 2, 3],
            bold_rows=[len(rows) - 1],
        )
    )
    # whole persons per row under a total of unrounded values (rounding policy): say so
    # when the shown rows do not add up to the shown total (e.g. 95 against 96)
    if not all(
        rows_add_up(col.values(), sum(col.values()), 0, 0) for col in (r.totals.workers, r.totals.family)
    ):
        out.append(data.p(tx("results.rounding_note"), st.note))

    rows = []
    for s in case.sites:
        host = next((x.host_name for x in r.sites if x.name == s.name), None)
        if host is None:
            host = r.site.host_name if s.name == r.site.name else data.municipality_name(s.municipality)
        role = tx("inputs.role_chosen") if s.name == r.site.name else tx("inputs.role_alternative")
        entered, rd = data.site_coordinates(s.x, s.y, s.crs)
        rows.append([s.name, entered, rd, host, role])
    out.append(
        KeepTogether(
            [
                data.p(tx("inputs.sites"), st.h2),
                data.table(
                    [
                        tx("inputs.col_site"),
                        tx("inputs.col_entered"),
                        tx("inputs.col_coordinates"),
                        tx("inputs.col_host"),
                        tx("inputs.col_role"),
                    ],
                    rows,
                    [4.4 * cm, 4.2 * cm, 3.4 * cm, 2.9 * cm, 2.1 * cm],
                ),
            ]
        )
    )
    reg = r.region
    method = (
        tx("inputs.region_method.list")
        if reg.get("method") == "list"
        else tx("inputs.region_method.cutoff", km=data.qty(reg.get("cutoff_km"), "km", 0))
    )
    out.append(data.p(tx("inputs.region"), st.h2))
    out.append(
        data.p(
            tx(
                "inputs.region_text",
                label=reg.get("label") or tx("inputs.region"),
                count=len(r.municipalities),
                method=method,
                source=reg.get("data_source", ""),
            )
        )
    )
    for note in employer_beds_added(case, r):  # a municipality the beds add to the region: say why
        params = {k: localized(v, data.lang) for k, v in note.params.items()}
        out.append(data.p(tx("inputs.beds_added", **params)))
    out += _capacity(data)
    out += _overrides(data)
    if case.meta.notes:
        out += [data.p(tx("inputs.notes"), st.h2), *data.paragraphs(case.meta.notes)]
    out.append(PageBreak())
    return out


def _capacity(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm

    r, case, tx, st = data.result, data.case, data.tx, data.st
    from reportlab.platypus import KeepTogether

    out: list[Any] = [data.p(tx("inputs.capacity"), st.h2), data.p(tx("inputs.capacity_intro"))]
    if case.meta.capacity_source:
        out.append(data.p(tx("inputs.capacity_source", source=case.meta.capacity_source), st.note))
    else:
        out.append(data.p(tx("inputs.capacity_source_missing"), st.note))
    domains = data.domains
    header = [tx("inputs.col_municipality")] + [
        f"{data.domain(d)} ({data.unit(data.domain_unit(d))})" for d in domains
    ]
    rows = []
    for m in r.municipalities:
        cap = case.capacity.get(m.code)
        rows.append([m.name] + [data.num(cap.get(d) if cap else None, 0) for d in domains])
    width = (17 * cm - 3.2 * cm) / len(domains)
    out.append(
        data.table(header, rows, [3.2 * cm] + [width] * len(domains), right=list(range(1, len(domains) + 1)))
    )
    return [KeepTogether(out), *capacity_provenance(data)]


def _overrides(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm

    case, tx, st = data.case, data.tx, data.st
    out: list[Any] = [data.p(tx("inputs.overrides"), st.h2)]
    if not case.overrides:
        return [*out, data.p(tx("inputs.overrides_none"))]
    by_key = {p.key: p for p in data.result.parameters}
    rows = []
    for key, ov in case.overrides.items():
        norm = data.ref.norms.get(key)
        p = by_key.get(key)
        label = (p.label_nl if data.lang == "nl" else p.label_en) if p else key
        unit = data.param_unit(norm.unit if norm else (p.unit if p else ""))
        reference = f"{data.num(norm.value, None)} {unit}" if norm else "–"
        rows.append([label, reference, f"{data.num(ov.value, None)} {unit}", ov.justification or "–"])
    out.append(
        data.table(
            [
                tx("inputs.col_parameter"),
                tx("inputs.col_reference"),
                tx("inputs.col_override"),
                tx("inputs.col_justification"),
            ],
            rows,
            [4.5 * cm, 3 * cm, 3 * cm, 6.5 * cm],
        )
    )
    return out


def method(data: ReportData) -> list[Any]:
    from reportlab.lib.units import cm
    from reportlab.platypus import ListFlowable, ListItem, PageBreak

    r, tx, st, ref = data.result, data.tx, data.st, data.ref
    out: list[Any] = [
        heading(data, tx("method.title")),
        data.p(tx("method.intro", version=r.reference_version)),
    ]
    out.append(data.p(tx("method.steps_heading"), st.h2))
    steps = [
        ListItem(data.p(_step(data, i)), leftIndent=14, bulletFontName=st.body.fontName) for i in range(1, 10)
    ]
    out.append(
        ListFlowable(steps, bulletType="1", bulletFontName=st.body.fontName, bulletFontSize=9, leftIndent=14)
    )
    out.append(data.p(tx("method.preset_heading"), st.h2))
    preset = ref.presets.get(r.family_preset, {}).get(f"label_{data.lang}", r.family_preset)
    out.append(data.p(tx("method.preset_text", preset=preset)))
    # the two sources disagree by a factor three: disclosed under either preset
    note = "method.preset_note" if r.family_preset == "rijksoverheid_2023" else "method.preset_note_cbs"
    out.append(data.p(tx(note), st.note))

    # the long table may start below the heading on this page (no keep-with-next)
    out.append(data.p(tx("method.params_heading"), st.h2_flow))
    rows = []
    for p in sorted(r.parameters, key=lambda p: p.key):
        label = p.label_nl if data.lang == "nl" else p.label_en
        if p.overridden:
            label += " — " + tx("method.overridden", justification=p.justification or "–")
        unit = data.param_unit(p.unit)
        span = (
            "–" if p.low == p.high else f"{data.num(p.low, _dec(p.low))} – {data.num(p.high, _dec(p.high))}"
        )
        source = tx("method.assumption_mark") if p.assumption else _short_source(data, p.source, p.citation)
        rows.append([label, data.num(p.value, _dec(p.value)), span, unit, source])
    out.append(
        data.table(
            [
                tx("method.col_parameter"),
                tx("method.col_value"),
                tx("method.col_range"),
                tx("method.col_unit"),
                tx("method.col_source"),
            ],
            rows,
            [5.0 * cm, 1.8 * cm, 2.5 * cm, 3.5 * cm, 4.2 * cm],
            right=[1, 2],
        )
    )
    out.append(data.p(tx("method.assumptions_heading"), st.h2))
    assumptions = [p for p in sorted(r.parameters, key=lambda p: p.key) if p.assumption]
    if not assumptions:
        out.append(data.p(tx("method.assumptions_none")))
    else:
        out.append(data.p(tx("method.assumptions_intro")))
        items = []
        for p in assumptions:
            label = p.label_nl if data.lang == "nl" else p.label_en
            unit = data.param_unit(p.unit)
            span = (
                ""
                if p.low == p.high
                else f" ({data.num(p.low, _dec(p.low))} – {data.num(p.high, _dec(p.high))})"
            )
            items.append(
                ListItem(
                    data.p(f"{label}: {data.num(p.value, _dec(p.value))}{span} {unit}", st.small),
                    leftIndent=10,
                )
            )
        out.append(
            ListFlowable(
                items,
                bulletType="bullet",
                start="•",
                leftIndent=10,
                bulletFontSize=7,
                bulletFontName=st.body.fontName,
            )
        )
    numbers = source_numbers(data)
    if numbers:
        out.append(data.p(tx("acc.sources_heading"), st.h2))
        for key, n in numbers.items():
            out.append(data.p(f"[{n}] {data.ref.sources[key].citation()}", st.small))
    out.append(PageBreak())
    return out


def _dec(value: float) -> int:
    """Decimals that show a reference value without rounding it away (up to 4)."""
    for d in range(5):
        if abs(value - round(value, d)) < 1e-9:
            return d
    return 4


def _step(data: ReportData, i: int) -> str:
    """A step of the method; step 9 names the thresholds actually used."""
    if i != 9:
        return data.tx(f"method.step{i}")
    amber, red = data.thresholds()
    return data.tx("method.step9", amber=amber, red=red)


def source_numbers(data: ReportData) -> dict[str, int]:
    """Sources used by the result, numbered [1], [2], ... in the order of the source list.

    Both family-ratio presets' sources are listed: the method chapter cites both.
    """
    used = {p.source for p in data.result.parameters}
    for preset in data.ref.presets.values():
        if preset.get("source"):
            used.add(preset["source"])
    keys = [k for k in sorted(data.ref.sources) if k in used]
    return {k: n for n, k in enumerate(keys, start=1)}


def _short_source(data: ReportData, key: str, citation: str) -> str:
    src = data.ref.sources.get(key)
    if src is None:
        return citation
    return f"[{source_numbers(data)[key]}] {src.publisher}, {src.year}"
