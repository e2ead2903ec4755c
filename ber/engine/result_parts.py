"""Parts of the result (``ber-result/1``) shared by its modules: reading a part by its JSON
field name, the Monte Carlo bands and the sensitivity rows (:mod:`ber.engine.result`
re-exports them; ``docs/result-format.md`` documents every field).
"""

from __future__ import annotations

from dataclasses import fields
from typing import Any

from pydantic.dataclasses import dataclass


class _ByName:
    """Read a field by its JSON name (``part["name"]``, ``part.get("name")``)."""

    def __getitem__(self, key: str) -> Any:
        if key not in {f.name for f in fields(self)}:  # type: ignore[arg-type]
            raise KeyError(key)
        return getattr(self, key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default


@dataclass
class Band(_ByName):
    """P10 / P50 / P90 of the Monte Carlo draws; None when unknown or infinite."""

    p10: float | None
    p50: float | None
    p90: float | None


@dataclass
class PressureBand(_ByName):
    p10: float | None
    p50: float | None
    p90: float | None
    share_red: float
    share_amber_or_red: float


@dataclass
class BandPerYear(_ByName):
    p10: list[float]
    p50: list[float]
    p90: list[float]


@dataclass
class Swing(_ByName):
    low: float
    high: float
    central: float


@dataclass
class SensitivityRow(_ByName):
    """One uncertain value moved to its low and high end, the others central."""

    name: str
    key: str
    low: float
    central: float
    high: float
    label_nl: str
    label_en: str
    max_relative_swing: float
    outputs: dict[str, Swing]

    def label(self, lang: str) -> str:
        return self.label_nl if lang == "nl" else self.label_en
