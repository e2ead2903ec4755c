"""The afweging (issue 18, item 4): burdens beside benefits, neutrally.

Every domain of the registry (:func:`ber.engine.domains.domains`) gives a burden: its
regional verdict and coverage. There is no single score unless the case sets explicit
weights (``case.afweging.weights``); then each criterion gets a score from 0 to 1 and
the score is the weighted mean over the criteria whose score is known
(``docs/method.md``, section "Afweging"):

* a domain: green 1, amber 0.5, red 0; grey (unknown capacity) has no score;
* a benefit: its value / the municipality's target for it, at most 1
  (``benefit_targets``); a benefit without a value (jobs per hectare without a plot
  area) has no score.

Weights in percent (summing to 100) are used as fractions. The weight of criteria
without a known score is reported (``known_weight``), never scored as zero.
"""

from __future__ import annotations

from ber.case.afweging import BENEFITS, Weights
from ber.case.model import Case
from ber.engine.domains import domains
from ber.engine.liveability import benefits, liveability
from ber.engine.result import MunicipalityResult, Totals, Uncertainty, Verdict
from ber.engine.result_afweging import AfwegingResult, Benefits, Burden, WeightedCriterion, Weighting
from ber.reference.data import MunicipalityTable, ReferenceSet

#: the score of a domain's verdict when weights are set (grey: unknown, no score)
STATUS_SCORES: dict[str, float] = {"green": 1.0, "amber": 0.5, "red": 0.0}


def benefit_value(b: Benefits, key: str) -> float | None:
    """The value of a weighted benefit (``ber.case.afweging.BENEFITS``)."""
    values = {
        "jobs": b.jobs.central,
        "local_jobs": b.local_jobs.central,
        "jobs_per_ha": b.jobs_per_ha,
        "value_added": b.value_added_total.central,
    }
    return values[key]


def weighting(weights: Weights, burdens: list[Burden], b: Benefits) -> Weighting:
    """The weighted mean of the known scores (weights as fractions)."""
    scale = weights.scale()
    criteria = []
    for burden in burdens:
        w = weights.domains.get(burden.domain, 0.0) / scale
        criteria.append(WeightedCriterion("domain", burden.domain, w, burden.score))
    for key in BENEFITS:
        w = weights.benefits.get(key, 0.0) / scale
        target = weights.benefit_targets.get(key)
        value = benefit_value(b, key)
        score = None if value is None or not target else min(1.0, value / target)
        criteria.append(WeightedCriterion("benefit", key, w, score, target))
    known = [c for c in criteria if c.score is not None and c.weight > 0]
    known_weight = sum(c.weight for c in known)
    score = sum(c.weight * (c.score or 0.0) for c in known) / known_weight if known_weight > 0 else None
    return Weighting(criteria=criteria, score=score, known_weight=known_weight)


def afweging_result(
    case: Case,
    ref: ReferenceSet,
    table: MunicipalityTable,
    municipalities: list[MunicipalityResult],
    totals: Totals,
    verdict: dict[str, Verdict],
    uncertainty: Uncertainty | None = None,
) -> AfwegingResult:
    """Liveability, benefits, the burdens of every domain and the weighting when asked."""
    burdens = [
        Burden(
            domain=d.key,
            status=(v := verdict[d.key]).status,
            coverage=v.coverage,
            pressure=v.pressure,
            score=STATUS_SCORES.get(v.status),
        )
        for d in domains()
        if d.key in verdict
    ]
    b = benefits(case, ref, totals, uncertainty)
    weights = case.afweging.weights
    return AfwegingResult(
        liveability=liveability(case, ref, table, municipalities, uncertainty),
        benefits=b,
        burdens=burdens,
        weighting=None
        if weights is None or not (weights.domains or weights.benefits)
        else weighting(weights, burdens, b),
    )
