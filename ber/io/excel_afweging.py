"""The *Afweging* sheet of the results workbook (issue 18): one tidy table of the
liveability indicators, the benefits, every domain's burden and, when the case sets
weights, each weighted criterion with its score. Columns: part, municipality or
criterion, quantity, value, low, high, unit, check, source. Unknown is an empty cell.
"""

from __future__ import annotations

from typing import Any

from ber.engine.result import Assessment
from ber.engine.result_afweging import Range
from ber.io.excel import OPT3, STATUS_FILLS, XCell
from ber.texts.catalogue import text
from ber.texts.labels import DOMAIN_LABELS, STATUS_LABELS
from ber.texts.messages import Lang

Table = tuple[list[str], list[list[Any]], dict[int, str]]
_FILLS = {"ok": STATUS_FILLS["green"], "exceeded": STATUS_FILLS["red"], "unknown": STATUS_FILLS["grey"]}


def afweging_sheet_name(lang: Lang) -> str:
    return text("excel.afw.sheet", lang)


def afweging_table(result: Assessment, lang: Lang) -> Table:
    afw = result.afweging
    headers = [
        text(f"excel.afw.col.{k}", lang)
        for k in ("part", "who", "quantity", "value", "low", "high", "unit", "check", "source")
    ]
    rows: list[list[Any]] = []
    if afw is None:
        return headers, rows, {}

    def r(key: str, **params: Any) -> str:
        return text(f"report.afw.{key}", lang, **params)

    def status(word: str) -> Any:
        return XCell(r(f"status.{word}"), fill=_FILLS[word]) if word else r("status.none")

    live, ben = r("live_heading"), r("benefit_heading")
    per100 = text("excel.afw.unit.per_100", lang)
    for m in afw.liveability.municipalities:
        who = m.municipality_name
        rows.append([live, who, r("col.before"), m.per_100_before, None, None, per100, "", ""])
        rows.append([live, who, r("col.added"), m.per_100_new, None, None, per100, "", ""])
        rows.append([live, who, r("col.after"), m.per_100_after, None, None, per100, status(m.status), ""])
        rows.append([live, who, r("col.cap"), m.cap_per_100, None, None, per100, "", ""])
        u = m.unregistered
        rows.append(
            [
                live,
                who,
                text("label.total.unregistered_residents", lang),
                u.central,
                u.low,
                u.high,
                text("excel.afw.unit.persons", lang),
                "",
                afw.liveability.unregistered_source,
            ]
        )
    for loc in afw.liveability.locations:
        rows.append(
            [
                live,
                f"{loc.place} ({loc.municipality_name})",
                r("col.beds_per_100"),
                loc.beds_per_100_inhabitants,
                None,
                None,
                per100,
                status(loc.status),
                loc.place_source,
            ]
        )
    b = afw.benefits

    def rng(label: str, x: Range, unit: str, source: str = "") -> list[Any]:
        return [ben, "", r(label), x.central, x.low, x.high, text(f"excel.afw.unit.{unit}", lang), "", source]

    rows.append(rng("ben.jobs", b.jobs, "jobs"))
    rows.append(rng("ben.migrant_jobs", b.migrant_jobs, "jobs"))
    rows.append(rng("ben.local_jobs", b.local_jobs, "jobs"))
    rows.append(
        [
            ben,
            "",
            r("ben.jobs_per_ha"),
            b.jobs_per_ha,
            None,
            None,
            text("excel.afw.unit.jobs_per_ha", lang),
            "",
            "",
        ]
    )
    rows.append(rng("ben.value_added_per_job", b.value_added_per_job, "euro_per_job", b.value_added_source))
    rows.append(rng("ben.value_added_total", b.value_added_total, "euro_per_year", b.value_added_source))
    rows.append(
        [
            ben,
            "",
            r("ben.labour_reserve"),
            b.labour_reserve,
            None,
            None,
            text("excel.afw.unit.persons", lang),
            "",
            b.labour_reserve_source,
        ]
    )
    burden = r("burden_heading")
    for d in afw.burdens:
        label = DOMAIN_LABELS[d.domain][lang]
        rows.append(
            [
                burden,
                label,
                r("col.coverage"),
                XCell(d.coverage, number_format="0.0%"),
                None,
                None,
                "",
                XCell(STATUS_LABELS[d.status][lang], fill=STATUS_FILLS.get(d.status)),
                "",
            ]
        )
    w = afw.weighting
    if w is not None:
        part = r("weight_heading")
        for c in w.criteria:
            name = DOMAIN_LABELS[c.key][lang] if c.kind == "domain" else r(f"ben.{c.key}")
            rows.append(
                [
                    part,
                    name,
                    r("col.score"),
                    c.score,
                    None,
                    None,
                    "",
                    "",
                    text("excel.afw.weight", lang, weight=f"{c.weight:.4g}"),
                ]
            )
        rows.append(
            [part, "", text("excel.afw.total_score", lang), w.score, None, None, "", "", r("weight_method")]
        )
    return headers, rows, {3: OPT3, 4: OPT3, 5: OPT3}
