"""Inputs of the afweging (issue 18): the benefit side and the municipality's weights.

``case.afweging`` holds the regional labour reserve the officer enters (a sourced figure)
and, optionally, the weights a municipality sets to combine burdens and benefits into one
score. Without weights the afweging shows burdens and benefits side by side, unscored.
``docs/case-format.md`` documents the fields; :func:`afweging_problems` checks them.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable

from pydantic import Field

from ber.case.figures import SourcedFigure, _Strict
from ber.texts.catalogue import num as _fmt
from ber.texts.messages import Problem

#: the benefits a weight may be given to, in the order of every table
BENEFITS: tuple[str, ...] = ("jobs", "local_jobs", "jobs_per_ha", "value_added")
#: allowed difference of the sum of the weights from 1 (or from 100 when given in percent)
WEIGHT_TOLERANCE = 0.001


class Weights(_Strict):
    """Weights per domain and per benefit (0 - 1 summing to 1, or percentages summing to 100)."""

    domains: dict[str, float] = Field(default_factory=dict)
    benefits: dict[str, float] = Field(default_factory=dict)
    #: the value of a benefit that scores 1 (full marks); needed for every weighted benefit
    benefit_targets: dict[str, float] = Field(default_factory=dict)

    def total(self) -> float:
        return sum(self.domains.values()) + sum(self.benefits.values())

    def scale(self) -> float:
        """1 for weights given as fractions, 100 for percentages (a total above 1)."""
        return 100.0 if self.total() > 1.0 + WEIGHT_TOLERANCE else 1.0


class Afweging(_Strict):
    #: the regional labour reserve (job seekers who could fill the jobs), with its source
    labour_reserve: SourcedFigure | None = None
    #: explicit weights; None = no single score
    weights: Weights | None = None


def afweging_problems(
    afw: Afweging, domain_keys: Iterable[str], today: _dt.date | None = None
) -> list[Problem]:
    """Every problem of the afweging inputs: each names the field and the allowed range."""
    from ber.case.validate_sourced import figure_problems

    problems: list[Problem] = []
    if afw.labour_reserve is not None:
        problems += figure_problems("afweging.labour_reserve", afw.labour_reserve, today or _dt.date.today())
    w = afw.weights
    if w is None:
        return problems
    known = set(domain_keys)
    scale = w.scale()
    for group, allowed in (("domains", known), ("benefits", set(BENEFITS))):
        for key, value in getattr(w, group).items():
            field = f"afweging.weights.{group}.{key}"
            if key not in allowed:
                problems.append(
                    Problem("afweging.weight_key", field, {"choices": ", ".join(sorted(allowed))})
                )
            if not 0.0 <= value <= scale:
                problems.append(Problem("afweging.weight_range", field, {"value": _fmt(value)}))
    total = w.total()
    if not problems and (w.domains or w.benefits) and abs(total - scale) > WEIGHT_TOLERANCE * scale:
        problems.append(Problem("afweging.weight_sum", "afweging.weights", {"total": _fmt(round(total, 6))}))
    for key, value in w.benefits.items():
        target = w.benefit_targets.get(key)
        if value > 0 and (target is None or not target > 0):
            problems.append(Problem("afweging.benefit_target", f"afweging.weights.benefit_targets.{key}"))
    for key in w.benefit_targets:
        if key not in BENEFITS:
            field = f"afweging.weights.benefit_targets.{key}"
            problems.append(Problem("afweging.weight_key", field, {"choices": ", ".join(BENEFITS)}))
    return problems


def place_problems(blocks: Iterable[tuple[int, str, SourcedFigure | None]]) -> list[Problem]:
    """A housing location's place (kern): its inhabitants must be more than 0 when given."""
    problems: list[Problem] = []
    for i, _place, fig in blocks:
        if fig is not None and fig.value is not None and not fig.value > 0:
            field = f"workforce.employer_beds[{i}].place_inhabitants"
            problems.append(
                Problem(
                    "field.range", field, {"value": _fmt(fig.value), "low": "> 0", "high": _fmt(10_000_000)}
                )
            )
    return problems
