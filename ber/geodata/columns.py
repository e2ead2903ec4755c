"""Column conventions of CBS/PDOK files and the user's column mapping.

A column is found by its role (``code``, ``name``, ``inhabitants`` …): first the
column the user mapped (``--map code=MYCOL``), else the first recognised CBS name.
Names compare case-insensitively; statistics columns may carry a year suffix
(``woningvoorraad_2023``), which then says which year the figure is from.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ber.texts.messages import InputError, Problem

#: Recognised column names per role, in order of preference.
ALIASES: dict[str, tuple[str, ...]] = {
    "code": ("gemeentecode", "statcode", "gm_code", "gmcode", "code", "jrstatcode"),
    "name": ("gemeentenaam", "statnaam", "gm_naam", "naam", "name"),
    "inhabitants": ("aantal_inwoners", "aantalinwoners", "aant_inw", "inwoners", "inhabitants"),
    "households": ("huishoudens", "aantal_huishoudens", "aantalhuishoudens", "aant_hh", "households"),
    "dwellings": ("woningvoorraad", "woningen", "aantal_woningen", "dwellings"),
    "x": ("x", "rd_x", "x_rd", "easting"),
    "y": ("y", "rd_y", "y_rd", "northing"),
    "lon": ("lon", "lng", "longitude", "lengtegraad"),
    "lat": ("lat", "latitude", "breedtegraad"),
}

#: Region membership columns (code and name per kind).
REGION_KINDS: tuple[str, ...] = ("arbeidsmarktregio", "provincie", "corop")
REGION_COLUMNS: dict[str, tuple[str, str]] = {kind: (f"{kind}code", f"{kind}naam") for kind in REGION_KINDS}

STAT_ROLES: tuple[str, ...] = ("inhabitants", "households", "dwellings")
ROLES: tuple[str, ...] = (*ALIASES, "crs")

_YEAR_SUFFIX = re.compile(r"^(?P<base>.+?)_(?P<year>(19|20)\d\d)$")
_CODE = re.compile(r"^(?:(?:19|20)\d\d)?GM(\d{4})$")
_NUMERIC_CODE = re.compile(r"^\d{1,4}$")


@dataclass(frozen=True)
class ColumnMapping:
    """The user's own column names per role (roles as in ``ALIASES`` plus ``crs``)."""

    columns: dict[str, str] = field(default_factory=dict)

    @classmethod
    def parse(cls, texts: Iterable[str] | None) -> ColumnMapping:
        """Parse ``["code=MYCOL,name=NAAM", "dwellings=WON"]`` (CLI ``--map``)."""
        columns: dict[str, str] = {}
        problems = []
        allowed = ", ".join(ROLES)
        for text in texts or ():
            for part in text.split(","):
                part = part.strip()
                if not part:
                    continue
                role, sep, column = part.partition("=")
                role, column = role.strip().lower(), column.strip()
                if not sep or role not in ROLES or not column:
                    problems.append(Problem("geodata.map_syntax", params={"value": part, "allowed": allowed}))
                    continue
                columns[role] = column
        if problems:
            raise InputError(problems)
        return cls(columns)

    def get(self, role: str) -> str | None:
        return self.columns.get(role)


def find_column(columns: Sequence[str], role: str, mapping: ColumnMapping | None = None) -> str | None:
    """The column for a role: the mapped one (exact or case-insensitive), else a CBS name."""
    lower = {c.lower(): c for c in columns}
    mapped = mapping.get(role) if mapping else None
    if mapped is not None:
        return mapped if mapped in columns else lower.get(mapped.lower())
    for alias in ALIASES[role]:
        if alias in lower:
            return lower[alias]
    return None


def stat_columns(
    columns: Sequence[str], role: str, mapping: ColumnMapping | None = None
) -> list[tuple[str, int]]:
    """Columns holding a statistic, with their year from a ``_YYYY`` suffix (0 = no suffix)."""
    mapped = mapping.get(role) if mapping else None
    if mapped is not None:
        col = find_column(columns, role, mapping)
        return [] if col is None else [(col, _suffix_year(col))]
    out = []
    for col in columns:
        low = col.lower()
        m = _YEAR_SUFFIX.match(low)
        base, year = (m.group("base"), int(m.group("year"))) if m else (low, 0)
        if base in ALIASES[role]:
            out.append((col, year))
    return out


def _suffix_year(col: str) -> int:
    m = _YEAR_SUFFIX.match(col.lower())
    return int(m.group("year")) if m else 0


def normalise_code(value: object) -> str | None:
    """``GM0983``, ``gm0983``, ``2024GM0983`` or ``983`` -> ``GM0983``; None when not a code."""
    if value is None:
        return None
    if isinstance(value, float):
        if value != value or not value.is_integer():  # NaN or fraction
            return None
        value = int(value)
    text = str(value).strip().upper()
    m = _CODE.match(text)
    if m:
        return "GM" + m.group(1)
    if _NUMERIC_CODE.match(text):
        return f"GM{int(text):04d}"
    return None


def accepted(role: str) -> str:
    return ", ".join(ALIASES[role])
