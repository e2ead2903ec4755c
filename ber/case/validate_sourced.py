"""Validation of the sourced inputs (``ber.case.figures``): capacity figures with their
provenance, municipal policy rules and the labour migrants already living somewhere.

Each problem names the field, the value and the allowed range (nl/en). A reference date
must be a real date (``YYYY-MM-DD``) and not after today: a figure cannot describe a
day that has not come yet.
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

from ber.case.figures import POLICY_RULES, SHARE_RULES, SourcedFigure, parse_date
from ber.case.model import Capacity, Case
from ber.texts.catalogue import num as _fmt
from ber.texts.messages import Problem

#: largest count a policy rule or an existing population may hold (catches extra zeros)
MAX_COUNT = 10_000_000.0


def figure_problems(field: str, figure: SourcedFigure, today: _dt.date) -> list[Problem]:
    """Problems of one sourced figure at ``field`` (value: 0 or more; reference date)."""
    problems: list[Problem] = []
    if figure.value is not None and figure.value < 0:
        problems.append(Problem("field.non_negative", field, {"value": _fmt(figure.value)}))
    text = figure.reference_date.strip()
    if text:
        date = parse_date(text)
        if date is None:
            problems.append(Problem("field.date", f"{field}.reference_date", {"value": repr(text)}))
        elif date > today:
            problems.append(
                Problem(
                    "capacity.future_date",
                    f"{field}.reference_date",
                    {"value": text, "today": today.isoformat()},
                )
            )
    return problems


def sourced_problems(
    case: Case, known: Callable[[str], bool], today: _dt.date | None = None
) -> list[Problem]:
    """Every problem of the case's capacity figures, policy rules and existing migrants.

    ``known(code)`` says whether a municipality code exists (unknown codes of the
    capacity table are reported by the main validation).
    """
    today = today or _dt.date.today()
    problems: list[Problem] = []
    for code, cap in case.capacity.items():
        for domain in Capacity.model_fields:
            figure = cap.figure(domain)
            if figure is not None:
                problems += figure_problems(f"capacity.{code}.{domain}", figure, today)
    for i, block in enumerate(case.workforce.employer_beds):
        if block.floor_area_m2 is not None and block.floor_area_m2 < 0:
            field = f"workforce.employer_beds[{i}].floor_area_m2"
            problems.append(Problem("field.non_negative", field, {"value": _fmt(block.floor_area_m2)}))
    for code, figure in case.existing_migrants.items():
        field = f"existing_migrants.{code}"
        if not known(code):
            problems.append(Problem("municipality.unknown", field, {"value": repr(code)}))
        problems += figure_problems(field, figure, today)
    for code, policy in case.policy.items():
        if not known(code):
            problems.append(Problem("municipality.unknown", f"policy.{code}", {"value": repr(code)}))
        for key in POLICY_RULES:
            rule = policy.rule(key)
            if rule is None:
                continue
            field = f"policy.{code}.{key}"
            if key in SHARE_RULES:
                if not 0.0 <= rule.value <= 1.0:
                    problems.append(
                        Problem(
                            "policy.share_range",
                            f"{field}.value",
                            {"value": _fmt(rule.value), "percent": _fmt(rule.value * 100)},
                        )
                    )
            elif not 0.0 < rule.value <= MAX_COUNT:
                problems.append(
                    Problem(
                        "field.range",
                        f"{field}.value",
                        {"value": _fmt(rule.value), "low": "> 0", "high": _fmt(MAX_COUNT)},
                    )
                )
            if not rule.source.strip():
                problems.append(Problem("policy.source", f"{field}.source"))
    return problems
