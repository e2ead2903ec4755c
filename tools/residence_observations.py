"""Compare the default residence model with published observations (issue 11 item 6).

Usage: PYTHONPATH=. python tools/residence_observations.py [REFERENCE_FOLDER]

Reads the national municipal files (default ``../shared/reference``), places the site on
the centroid of the municipality where the observed workers work, and prints a Markdown
table: observation, observed range, plain gravity (first version), default model.
``tests/core/test_residence_observations.py`` asserts that every default result lies in
its observed range; ``docs/method.md`` shows the table.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ber.case.demo import demo_case
from ber.engine.params import central_params, parameter_specs
from ber.engine.residence import residence_shares
from ber.geodata import import_geodata
from ber.reference.data import MunicipalityTable, load_reference

SHARED = Path(__file__).resolve().parents[2] / "shared" / "reference"


@dataclass(frozen=True)
class Observation:
    label: str
    host: str  # municipality name where the workers work (the site)
    group: str  # "flex" or "settling"
    measure: str  # "host": share in the host; "named_of_rest": share of the non-host part in ``named``
    low: float
    high: float
    source: str
    named: tuple[str, ...] = ()


OBSERVATIONS: tuple[Observation, ...] = (
    Observation(
        "Westland (greenhouses next to Den Haag and Rotterdam): labour migrants working in "
        "Westland who live in Westland",
        "Westland",
        "flex",
        "host",
        0.28,
        0.45,
        "Gemeente Westland: about 4,500 of the estimated 12,000 (16,000 at peak) live in Westland",
    ),
    Observation(
        "Westland: of those living outside Westland, the share in Den Haag, Rotterdam, Delft, "
        "Vlaardingen and Schiedam",
        "Westland",
        "flex",
        "named_of_rest",
        0.5,
        1.0,
        "Hortihotel Westland: most live in these surrounding cities",
        ("'s-Gravenhage", "Rotterdam", "Delft", "Vlaardingen", "Schiedam"),
    ),
    Observation(
        "Venray (Noord-Limburg, agriculture and logistics): international workers working in "
        "Venray who stay in Venray",
        "Venray",
        "flex",
        "host",
        0.45,
        0.7,
        "Gemeente Venray 2023: 6,000-8,000 work in Venray; Hallo Venray 2019: about 4,000 stay there",
    ),
    Observation(
        "Wierden (Twente), settling workers compared with all employees working there",
        "Wierden",
        "settling",
        "host",
        0.3,
        0.55,
        "CBS woon-werk 2015 (via Tubantia): 40.7% of those working in Wierden live there; 38% nationally",
    ),
    Observation(
        "Rijssen-Holten (Twente), settling workers compared with all employees",
        "Rijssen-Holten",
        "settling",
        "host",
        0.3,
        0.55,
        "CBS woon-werk 2015 (via Tubantia): 45.2%",
    ),
    Observation(
        "Hellendoorn (Twente), settling workers compared with all employees",
        "Hellendoorn",
        "settling",
        "host",
        0.3,
        0.55,
        "CBS woon-werk 2015 (via Tubantia): 52.5%",
    ),
)


def load_table(folder: Path = SHARED) -> MunicipalityTable:
    return import_geodata([folder], store=False).table


def _params(plain: bool) -> dict[str, np.ndarray]:
    """Central reference values; ``plain``: the first version (no host share, one half-distance)."""
    params = central_params(parameter_specs(demo_case(), load_reference()))
    if plain:
        params["gravity.half_distance_km_flex"] = params["gravity.half_distance_km"].copy()
        params["gravity.host_share_min_flex"] = np.zeros(1)
        params["gravity.host_share_min_settling"] = np.zeros(1)
    return params


def model_value(table: MunicipalityTable, obs: Observation, plain: bool = False) -> float:
    """The model's value for one observation (site on the host centroid, all municipalities)."""
    code = table.codes[table.names.index(obs.host)]
    h = table.index(code)
    d = np.hypot(table.x - table.x[h], table.y - table.y[h]) / 1000.0
    d[h] = 0.0
    res = residence_shares(d, table.dwellings, h, _params(plain))
    shares = (res.flex if obs.group == "flex" else res.settling)[0]
    if obs.measure == "host":
        return float(shares[h])
    named = sum(float(shares[table.names.index(n)]) for n in obs.named)
    return named / (1.0 - float(shares[h]))


def markdown(table: MunicipalityTable) -> str:
    lines = [
        "| observation | source | observed | plain gravity (v1) | default model |",
        "|---|---|---|---:|---:|",
    ]
    for obs in OBSERVATIONS:
        lines.append(
            f"| {obs.label} | {obs.source} | {obs.low:.2f} – {obs.high:.2f} "
            f"| {model_value(table, obs, plain=True):.2f} | {model_value(table, obs):.2f} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    folder = Path(sys.argv[1]) if len(sys.argv) > 1 else SHARED
    print(markdown(load_table(folder)))
