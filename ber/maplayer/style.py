"""Map colours, legend and scale bar (no Qt).

The status colours are chosen for colour-blind readers: their CIELAB lightness
falls from "outside the region" (almost white) through green, unknown (neutral
grey, which the map also hatches) and amber to red (dark), so they stay apart in
greyscale and for red-green colour blindness. The status is always also given as
a word (legend, tooltip): colour is never the only carrier.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from itertools import pairwise
from typing import NamedTuple

from ber.texts.catalogue import LANGS, template
from ber.texts.labels import STATUS_LABELS, format_number
from ber.texts.messages import Lang

RGB = tuple[int, int, int]

#: status -> colour; "outside" is for municipalities outside the region
STATUS_COLOURS: dict[str, RGB] = {
    "green": (0xB8, 0xE1, 0x86),  # L* 85
    "amber": (0xE8, 0x91, 0x2B),  # L* 68
    "red": (0xB2, 0x18, 0x2B),  # L* 38
    "grey": (0xBD, 0xBD, 0xBD),  # L* 77, hatched on the map
    "outside": (0xF2, 0xF2, 0xEE),  # L* 95
}

#: order of legend entries
LEGEND_ORDER: tuple[str, ...] = ("red", "amber", "green", "grey", "outside")

OUTSIDE_LABEL: dict[str, str] = {lang: template("map.outside", lang) for lang in LANGS}

#: anchors of the continuous pressure ramp: (pressure, colour)
RAMP_TOP: RGB = (0x67, 0x00, 0x0D)  # L* 18, pressure >= ramp maximum


def lightness(rgb: RGB) -> float:
    """CIELAB L* (0 black .. 100 white) of an sRGB colour."""

    def linear(c: float) -> float:
        c /= 255.0
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (linear(v) for v in rgb)
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    f = y ** (1 / 3) if y > 216 / 24389 else (24389 / 27 * y + 16) / 116
    return 116 * f - 16


def status_colour(status: str | None) -> RGB:
    """Colour of a status code; None or an unknown code counts as outside the region."""
    return STATUS_COLOURS.get(status or "outside", STATUS_COLOURS["outside"])


def status_colours(statuses: Mapping[str, str], codes: Iterable[str] | None = None) -> dict[str, RGB]:
    """Colour per municipality code from its status (green, amber, red, grey).

    With ``codes`` (every code on the map), codes without a status get the
    "outside the region" colour.
    """
    out = {code: status_colour(status) for code, status in statuses.items()}
    for code in codes or ():
        out.setdefault(code, STATUS_COLOURS["outside"])
    return out


def _mix(a: RGB, b: RGB, t: float) -> RGB:
    r0, g0, b0 = a
    r1, g1, b1 = b
    return (
        round(r0 + (r1 - r0) * t),
        round(g0 + (g1 - g0) * t),
        round(b0 + (b1 - b0) * t),
    )


@dataclass(frozen=True)
class PressureRamp:
    """Continuous colour ramp for pressure (demand / spare capacity).

    Green at 0, amber at the amber threshold, red at 1 (capacity fully used), dark
    red at ``maximum`` and above. None (capacity unknown) is the grey status colour.
    """

    amber: float = 0.5
    red: float = 1.0
    maximum: float = 1.5

    def stops(self) -> list[tuple[float, RGB]]:
        return [
            (0.0, STATUS_COLOURS["green"]),
            (self.amber, STATUS_COLOURS["amber"]),
            (self.red, STATUS_COLOURS["red"]),
            (self.maximum, RAMP_TOP),
        ]

    def colour(self, pressure: float | None) -> RGB:
        if pressure is None or math.isnan(pressure):
            return STATUS_COLOURS["grey"]
        stops = self.stops()
        if pressure <= stops[0][0]:
            return stops[0][1]
        for (p0, c0), (p1, c1) in pairwise(stops):
            if pressure <= p1:
                return _mix(c0, c1, (pressure - p0) / (p1 - p0))
        return stops[-1][1]

    def tick_labels(self, lang: Lang) -> list[tuple[float, str]]:
        """(fraction along the ramp 0..1, label) for a legend bar."""
        return [
            (p / self.maximum, f"{format_number(p * 100, lang)}%" + ("+" if p == self.maximum else ""))
            for p, _ in self.stops()
        ]


def pressure_colours(
    pressures: Mapping[str, float | None],
    codes: Iterable[str] | None = None,
    ramp: PressureRamp | None = None,
) -> dict[str, RGB]:
    """Colour per code on the continuous pressure ramp; codes without a value are outside."""
    ramp = ramp or PressureRamp()
    out = {code: ramp.colour(p) for code, p in pressures.items()}
    for code in codes or ():
        out.setdefault(code, STATUS_COLOURS["outside"])
    return out


class FillStyle(NamedTuple):
    """How one municipality is filled on the map."""

    colour: RGB
    hatched: bool  # status unknown: hatched, so it is not mistaken for a colour
    emphasised: bool  # part of the region: darker border, drawn above faded neighbours


def fill_styles(
    codes: Iterable[str],
    statuses: Mapping[str, str] | None = None,
    region: Collection[str] | None = None,
    pressures: Mapping[str, float | None] | None = None,
    ramp: PressureRamp | None = None,
) -> dict[str, FillStyle]:
    """Fill style per code: by status, or by pressure on the ramp when ``pressures`` is given.

    Codes outside ``region`` (when a region is given) are faded whatever their
    status; region codes without a status or pressure are faded but keep the
    region's border; unknown statuses and unknown pressures are hatched.
    """
    outside = STATUS_COLOURS["outside"]
    ramp = ramp or PressureRamp()
    out: dict[str, FillStyle] = {}
    for code in codes:
        if region is not None and code not in region:
            out[code] = FillStyle(outside, False, False)
        elif pressures is not None:
            if code in pressures:
                p = pressures[code]
                out[code] = FillStyle(ramp.colour(p), p is None, True)
            else:
                out[code] = FillStyle(outside, False, region is not None)
        else:
            status = (statuses or {}).get(code)
            if status is None:
                out[code] = FillStyle(outside, False, region is not None)
            else:
                out[code] = FillStyle(status_colour(status), status == "grey", True)
    return out


@dataclass(frozen=True)
class LegendEntry:
    key: str  # status code or "outside"
    label: str
    colour: RGB
    hatched: bool


def legend_entries(lang: Lang = "nl", include_outside: bool = True) -> list[LegendEntry]:
    """Legend rows in display order, with translated status words."""
    out: list[LegendEntry] = []
    for key in LEGEND_ORDER:
        if key == "outside":
            if include_outside:
                out.append(LegendEntry(key, OUTSIDE_LABEL[lang], STATUS_COLOURS[key], False))
            continue
        out.append(LegendEntry(key, STATUS_LABELS[key][lang], STATUS_COLOURS[key], key == "grey"))
    return out


def nice_scale_bar(metres_per_pixel: float, max_pixels: float) -> tuple[float, str]:
    """The longest 1, 2 or 5 × 10^n metres that fits in ``max_pixels``, and its label.

    Labels are "500 m" below a kilometre and "5 km" from a kilometre on (same in
    Dutch and English). Returns (0.0, "") when nothing sensible fits.
    """
    if not (metres_per_pixel > 0 and max_pixels > 0) or not math.isfinite(metres_per_pixel):
        return 0.0, ""
    limit = metres_per_pixel * max_pixels
    exponent = math.floor(math.log10(limit))
    best = 0.0
    for e in (exponent - 1, exponent):
        for m in (1, 2, 5):
            length = m * 10.0**e
            if length <= limit * (1 + 1e-9):
                best = max(best, length)
    if best <= 0:
        return 0.0, ""
    if best >= 1000:
        km = best / 1000
        return best, f"{km:g} km"
    return best, f"{best:g} m"
