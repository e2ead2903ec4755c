"""Issue 11 item 6: the default residence model reproduces published observations of where
labour migrants working in a municipality live (``docs/method.md``, "Where workers live").

The observations, their sources and ranges are in ``tools/residence_observations.py``,
which also prints the table of docs/method.md. Each test places the site on the centroid
of the municipality where the observed workers work and reads the national CBS/PDOK files.
"""

from __future__ import annotations

import importlib.util
import sys
from types import ModuleType

import numpy as np
import pytest

from ber.case.demo import demo_case
from ber.engine.params import RESIDENCE_PARAMETERS, parameter_specs
from ber.engine.residence import gravity_shares, residence_shares
from ber.io.paths import REPO_ROOT
from ber.reference.data import MunicipalityTable, load_reference
from tests.conftest import SHARED_REFERENCE


def _tool() -> ModuleType:
    path = REPO_ROOT / "tools" / "residence_observations.py"
    spec = importlib.util.spec_from_file_location("residence_observations", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


TOOL = _tool()


@pytest.fixture(scope="module")
def table() -> MunicipalityTable:
    if not SHARED_REFERENCE.is_dir():
        pytest.fail(f"{SHARED_REFERENCE} is missing: the tests read the national files from there")
    table: MunicipalityTable = TOOL.load_table(SHARED_REFERENCE)
    return table


def test_at_least_three_sources() -> None:
    sources = {obs.source.split(":")[0].split(" 20")[0] for obs in TOOL.OBSERVATIONS}
    assert len(sources) >= 3, sources


@pytest.mark.parametrize("obs", TOOL.OBSERVATIONS, ids=lambda o: f"{o.host}-{o.group}-{o.measure}")
def test_default_model_within_observed_range(table: MunicipalityTable, obs: object) -> None:
    value = TOOL.model_value(table, obs)
    assert obs.low <= value <= obs.high, (obs.label, value)  # type: ignore[attr-defined]


def test_plain_gravity_missed_the_host_observations(table: MunicipalityTable) -> None:
    """The first version put only a few per cent in the host: below every observed host range."""
    for obs in TOOL.OBSERVATIONS:
        if obs.measure == "host":
            assert TOOL.model_value(table, obs, plain=True) < min(0.1, obs.low), obs.label


@pytest.mark.parametrize("host", ["Westland", "Venray", "Aalsmeer", "Waalwijk", "Lansingerland", "Zeewolde"])
def test_pattern_host_first_then_distance(table: MunicipalityTable, host: str) -> None:
    """For greenhouse and logistics municipalities next to big cities: flex workers live in
    the host more than settling workers do; the host holds more flex workers than any other
    municipality, big cities included; outside the host, a municipality of the same housing
    stock gets less the farther it is (distance decay)."""
    h = table.names.index(host)
    d = np.hypot(table.x - table.x[h], table.y - table.y[h]) / 1000.0
    d[h] = 0.0
    params = TOOL._params(plain=False)
    res = residence_shares(d, table.dwellings, h, params)
    flex, settling = res.flex[0], res.settling[0]
    assert flex[h] > settling[h] > 0.3
    assert flex[h] > max(np.delete(flex, h))
    per_dwelling = flex / table.dwellings
    near, far = np.argsort(d)[1], np.argsort(d)[-1]
    assert per_dwelling[near] > per_dwelling[far]
    assert abs(flex.sum() - 1.0) < 1e-12 and abs(settling.sum() - 1.0) < 1e-12


def test_no_host_in_region_is_plain_gravity() -> None:
    """A site outside the listed region gets no host term: the shares are plain gravity."""
    d = np.array([10.0, 20.0])
    a = np.array([100.0, 100.0])
    shares = gravity_shares(d, a, None, np.array([10.0]), np.array([0.35]), np.array([40.0]))
    # weights 100 x 2^-1 = 50 and 100 x 2^-2 = 25: shares 2/3 and 1/3
    assert shares[0] == pytest.approx([2 / 3, 1 / 3])


def test_every_residence_parameter_is_an_uncertain_reference_row() -> None:
    """Monte Carlo and the one-at-a-time sensitivity vary each parameter of the model."""
    specs = parameter_specs(demo_case(), load_reference())
    for key in RESIDENCE_PARAMETERS:
        spec = specs[key]
        assert spec.source == "assumption" and spec.uncertain, key
        assert spec.low < spec.central < spec.high, key
