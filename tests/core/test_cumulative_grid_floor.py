"""The capacity map's congestion colour at the site sets the lowest status of the energy
cell in the cumulative view too (register and report), as in the single assessment."""

from __future__ import annotations

from pathlib import Path

import pytest

from ber.case.demo import demo_case
from ber.case.model import Case, GridFigure
from ber.engine.assess import Context, assess
from ber.register import Register, cumulative, cumulative_with_cases


def _with_grid(colour: str) -> Case:
    """The demo with a capacity map at its chosen site: 500 MW available (the demo's few MW
    of demand are about 1 % of it, green by pressure) and the given colour."""
    case = demo_case()
    grid = GridFigure(area="OS TEST", match="postcode", available_mw=500.0, colour=colour)
    sites = [s.model_copy(update={"grid": grid}) if s.chosen else s for s in case.sites]
    return case.model_copy(update={"sites": sites})


@pytest.mark.parametrize(("colour", "expected"), [("red", "red"), ("amber", "amber"), ("yellow", "green")])
def test_map_colour_is_the_lowest_energy_status_with_and_without_the_case(
    tmp_path: Path, colour: str, expected: str
) -> None:
    case = _with_grid(colour)
    result = assess(case, Context.default())
    host = result.site.host_municipality
    energy = result.municipality(host).domains["energy"]
    assert energy.pressure is not None and energy.pressure < 0.05  # green by its pressure alone
    assert energy.status == expected  # the single assessment applies the colour
    other = demo_case().model_copy(update={"meta": case.meta.model_copy(update={"reference": "OTHER"})})
    with Register.open(f"sqlite:///{tmp_path / 'r.sqlite'}") as reg:
        reg.add(other, assess(other, Context.default()), status="granted")
        for cum in (cumulative(result, case, reg), cumulative_with_cases(result, case, reg)):
            s = cum.get("energy", host)
            assert s.pressure_with[-1] is not None and s.pressure_with[-1] < 0.1
            assert set(s.status_with) == {expected} and set(s.status_without) == {expected}
            # other municipalities have no energy capacity: unknown, never floored
            assert all(
                set(cum.get("energy", c).status_with) == {"grey"} for c in cum.municipalities if c != host
            )
