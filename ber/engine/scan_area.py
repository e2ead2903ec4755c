"""The area of a scan (``ber scan --within``): the whole country, a province, a
labour-market region (arbeidsmarktregio, AMxx) or a COROP region, by code or name.

The regions come from the geodata behind the context (the built-in national set
``reference_data/nl_gemeenten_2024.gpkg``: columns ``provinciecode``,
``arbeidsmarktregiocode``, ``coropcode`` and their names).
"""

from __future__ import annotations

from dataclasses import dataclass

from ber.engine.assess import Context
from ber.texts.messages import InputError, Problem

#: region kinds in the order they are searched, and the words the document uses for them
KINDS: tuple[str, ...] = ("provincie", "arbeidsmarktregio", "corop")
NATIONAL = "NL"
OPTION = "--within"


@dataclass(frozen=True)
class Area:
    kind: str  # "nl", "provincie", "arbeidsmarktregio" or "corop"
    code: str
    name: str
    members: tuple[str, ...]  # municipality codes, in the table's order

    def to_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "code": self.code, "name": self.name}


def _examples(ctx: Context) -> str:
    if ctx.geo is None:
        return "–"
    parts = []
    for kind in KINDS:
        codes = list(ctx.geo.regions(kind))
        if codes:
            parts.append(f"{codes[0]}–{codes[-1]}")
    return ", ".join(parts)


def resolve_area(ctx: Context, value: str) -> Area:
    """The area named by ``value`` (a code such as PV31, AM11, CR35 or NL, or a region's
    name, case-insensitive); InputError naming ``--within`` and the allowed codes."""
    wanted = value.strip()
    table = ctx.table
    if wanted.upper() == NATIONAL:
        return Area("nl", NATIONAL, NATIONAL, tuple(table.codes))
    matches: list[Area] = []
    if ctx.geo is not None and wanted:
        for kind in KINDS:
            for code, (name, members) in ctx.geo.regions(kind).items():
                if wanted.upper() == code.upper() or wanted.casefold() == name.casefold():
                    members_set = set(members)
                    ordered = tuple(c for c in table.codes if c in members_set)
                    matches.append(Area(kind, code, name, ordered))
    exact = [a for a in matches if a.code.upper() == wanted.upper()]
    if len(exact) == 1:
        return exact[0]
    if matches and all(a.members == matches[0].members for a in matches):
        return matches[0]  # one set of municipalities under several codes: any of them
    if matches:
        codes = ", ".join(f"{a.code} ({a.name})" for a in matches)
        raise InputError([Problem("scan.area_ambiguous", OPTION, {"value": wanted, "codes": codes})])
    raise InputError([Problem("scan.area_unknown", OPTION, {"value": wanted, "allowed": _examples(ctx)})])
