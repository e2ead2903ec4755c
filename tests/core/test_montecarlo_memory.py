"""Monte Carlo in bounded memory (issue 16): percentiles from chunks equal the
all-in-memory computation (exact way) or lie within the documented tolerance of it
(binned way), and the shares red / amber are counted exactly."""

from __future__ import annotations

import numpy as np
import pytest

from ber.case.demo import demo_case
from ber.engine.assess import Context, assess, prepare
from ber.engine.geometry import site_point
from ber.engine.model import Raw, compute
from ber.engine.montecarlo import BINS, DrawAccumulator, Layout
from ber.engine.params import parameter_specs, triangular_params
from ber.engine.status import Status

SAMPLES = 3000
CHUNK = 500


def _setup() -> tuple[Layout, list[Raw], Raw]:
    """The demo case's draws once in chunks (as ``assess`` runs them) and once all at once."""
    case = demo_case()
    ctx = Context.default()
    specs = parameter_specs(case, ctx.ref)
    chosen = site_point(case.chosen_site(), ctx.table, ctx.locate)
    prep = prepare(case, ctx, chosen, specs)
    params = triangular_params(specs, SAMPLES, 7)
    chunks = [
        compute(prep, chosen, {k: v[s : s + CHUNK] for k, v in params.items()})
        for s in range(0, SAMPLES, CHUNK)
    ]
    return Layout.for_prepared(prep), chunks, compute(prep, chosen, params)


@pytest.fixture(scope="module")
def draws() -> tuple[Layout, list[Raw], Raw]:
    return _setup()


def _all_in_memory(layout: Layout, whole: Raw) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        out: np.ndarray = np.percentile(layout.rows(whole), [10, 50, 90], axis=0, method="linear")
    return out


def test_exact_way_equals_all_in_memory(draws: tuple[Layout, list[Raw], Raw]) -> None:
    layout, chunks, whole = draws
    acc = DrawAccumulator(layout, SAMPLES)
    assert acc.exact
    for raw in chunks:
        acc.add(raw)
    np.testing.assert_array_equal(acc.percentiles(), _all_in_memory(layout, whole))
    t = layout.t
    red = (whole.status[:, :, :, t] == Status.RED).mean(axis=0)
    np.testing.assert_array_equal(acc.shares()[0], red)


def test_binned_way_within_one_bin_of_all_in_memory(draws: tuple[Layout, list[Raw], Raw]) -> None:
    layout, chunks, whole = draws
    # a budget of 1,000 draws' worth of values forces the binned way after a 1,000-draw pilot
    acc = DrawAccumulator(layout, SAMPLES, exact_bytes=1000 * layout.width * 8)
    assert not acc.exact and acc.pilot == 1000
    for raw in chunks:
        acc.add(raw)
    got, want = acc.percentiles(), _all_in_memory(layout, whole)
    assert np.array_equal(np.isnan(got), np.isnan(want))
    finite = ~np.isnan(want)
    tol = np.broadcast_to(acc.tolerance(), want.shape)
    assert (np.abs(got - want)[finite] <= tol[finite] + 1e-9).all()
    # and the tolerance is small: 2/BINS of the pilot's span
    span = np.ptp(layout.rows(whole)[:1000], axis=0)
    assert np.allclose(acc.tolerance()[span > 0], 2 * span[span > 0] / BINS)
    t = layout.t
    amber_or_red = np.isin(whole.status[:, :, :, t], [Status.AMBER, Status.RED]).mean(axis=0)
    np.testing.assert_array_equal(acc.shares()[1], amber_or_red)


def test_binned_memory_does_not_grow_with_draws(draws: tuple[Layout, list[Raw], Raw]) -> None:
    layout, chunks, _whole = draws
    acc = DrawAccumulator(layout, 10 * SAMPLES, exact_bytes=1000 * layout.width * 8)
    for _ in range(10):
        for raw in chunks:
            acc.add(raw)
    held = sum(a.nbytes for a in vars(acc).values() if isinstance(a, np.ndarray))
    assert held <= layout.width * ((BINS + 4) * 8 + 6 * 8) + 1000
    assert acc.count == 10 * SAMPLES


def test_assess_percentiles_unchanged_by_chunking() -> None:
    """The result of ``assess`` equals the percentiles of all draws computed at once."""
    case = demo_case()
    ctx = Context.default()
    r = assess(case, ctx, samples=1200, seed=3)
    assert r.uncertainty is not None
    specs = parameter_specs(case, ctx.ref)
    chosen = site_point(case.chosen_site(), ctx.table, ctx.locate)
    prep = prepare(case, ctx, chosen, specs)
    whole = compute(prep, chosen, triangular_params(specs, 1200, 3))
    code = prep.region.codes[0]
    want = np.percentile(whole.demand[:, 0, 0, :], [10, 50, 90], axis=0)
    got = r.uncertainty.demand_per_year[next(iter(r.uncertainty.demand_per_year))][code]
    assert got.p50 == [float(x) for x in want[1]]


@pytest.mark.slow
def test_100000_draws_for_87_municipalities_stay_under_500_mb() -> None:
    """Issue 16's case: the demo at Woerden with its 40 km region (87 municipalities)."""
    import subprocess
    import sys

    from ber.io.paths import REPO_ROOT

    child = (
        "from ber.case.demo import demo_case\nfrom ber.case.model import Case\n"
        "from ber.engine.assess import Context, assess\n"
        "d = demo_case().to_dict()\n"
        "d['sites'] = [{'name': 'Woerden', 'x': 120000.0, 'y': 455000.0, 'crs': 'EPSG:28992', 'chosen': True}]\n"
        "d['region'] = {}\n"
        "r = assess(Case.model_validate(d), Context.default(), samples=100_000, seed=1)\n"
        # VmHWM is this program's own peak: ru_maxrss survives exec, so it would start
        # from the pytest process's size when that is larger (after the GUI tests)
        "peak = next(int(l.split()[1]) for l in open('/proc/self/status') if l.startswith('VmHWM:'))\n"
        "print(len(r.municipalities), r.uncertainty.samples, peak)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", child],
        capture_output=True,
        text=True,
        env={"PYTHONPATH": str(REPO_ROOT), "PATH": "/usr/bin:/bin"},
        timeout=900,
        check=True,
    )
    municipalities, samples, peak_kib = done.stdout.split()
    assert (municipalities, samples) == ("87", "100000")
    assert int(peak_kib) < 500 * 1024  # the child's own peak resident memory
