"""Valid input never produces a non-finite number in a result (issue 15, item 3).

Hypothesis draws cases the validation accepts, with overrides and capacities
anywhere in their plausible ranges (bounds included), jobs and floor areas up to
their limits; the assessment's result must hold finite numbers only. Writing a
non-finite number is refused (``allow_nan=False``), so one would be an internal error.
"""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ber.case.demo import demo_case
from ber.case.model import Capacity, Case, Override
from ber.case.plausible import CAPACITY_MAX, MIN_CAPACITY, override_range
from ber.case.validate import CASE_DEFAULT_KEYS, MAX_JOBS
from ber.cli.common import write_json
from ber.engine.assess import Context, assess, check_case
from ber.engine.domains import domain_keys
from ber.reference.data import load_reference

REF = load_reference()
CTX = Context.default()
DEMO = demo_case()
#: every overridable norm with a plausible range (shares are bounded 0..1 by validation)
#: every overridable norm with its plausible range (a case input such as the shift default
#: is set in the case itself, not overridden: ber.case.validate.CASE_DEFAULT_KEYS)
RANGED = {
    key: r
    for key in sorted(REF.norms)
    if key not in CASE_DEFAULT_KEYS and (r := override_range(key, REF)) is not None
}


def _all_finite(obj: Any) -> bool:
    if isinstance(obj, float):
        return math.isfinite(obj)
    if isinstance(obj, dict):
        return all(_all_finite(v) for v in obj.values())
    if isinstance(obj, list | tuple):
        return all(_all_finite(v) for v in obj)
    return True


@st.composite
def valid_cases(draw: st.DrawFn) -> Case:
    overrides: dict[str, Override] = {}
    for key in draw(st.lists(st.sampled_from(sorted(RANGED)), max_size=6, unique=True)):
        low, high, _ = RANGED[key]
        if key in ("status.amber_threshold", "status.red_threshold"):
            continue  # their order is checked separately; the reference pair stays
        bound = st.one_of(st.just(low), st.just(high), st.floats(low, high))
        lo, value, hi = sorted(draw(st.lists(bound, min_size=3, max_size=3)))
        overrides[key] = Override(value=value, low=lo, high=hi, justification="property test")
    capacity = {}
    for code in DEMO.capacity:
        values = {}
        for domain in domain_keys():
            values[domain] = draw(
                st.one_of(
                    st.none(),
                    st.just(0.0),
                    st.just(MIN_CAPACITY),
                    st.just(CAPACITY_MAX[domain][0]),
                    st.floats(MIN_CAPACITY, CAPACITY_MAX[domain][0]),
                )
            )
        capacity[code] = Capacity(**values)
    jobs = draw(st.one_of(st.just(1e-9), st.just(MAX_JOBS), st.floats(0.0, MAX_JOBS)))
    business = DEMO.business.model_copy(update={"jobs": jobs})
    return DEMO.copy_with(overrides=overrides, capacity=capacity, business=business)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case=valid_cases(), samples=st.sampled_from([0, 0, 0, 25]))
def test_valid_input_gives_finite_results(case: Case, samples: int) -> None:
    check_case(case, CTX)  # the drawn case is valid ...
    doc = assess(case, CTX, samples=samples, seed=1).to_dict()
    assert _all_finite(doc)  # ... and its result finite
    json.dumps(doc, allow_nan=False)


def test_a_non_finite_number_is_never_written(tmp_path: Any) -> None:
    out = tmp_path / "r.json"
    with pytest.raises(ValueError, match="not JSON compliant"):
        write_json(out, {"dwellings": float("inf")})
    assert not out.exists()


def test_a_positive_override_has_a_positive_plausible_range() -> None:
    """Where the calculation divides by a value (it must be > 0), its plausible range
    starts above 0, so the two checks never disagree about a valid value."""
    from ber.case.validate import POSITIVE_OVERRIDE_KEYS

    for key in POSITIVE_OVERRIDE_KEYS:
        found = override_range(key, REF)
        if found is not None:
            assert found[0] > 0, key
