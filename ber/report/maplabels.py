"""Label placement for the report map: greedy, by priority, over label bounding boxes.

Pure geometry (no drawing): each label is a text with an anchor point in drawing
units, a priority (lower is more important) and a font size. Labels are taken in
priority order; each tries a few offsets around its anchor and takes the first whose
box (from the font metrics) overlaps no box already placed and no obstacle (site
markers). A label with no free offset is dropped, so the host municipality, the
sites' municipalities and the municipalities that decide a verdict keep their names
and lesser names give way.
"""

from __future__ import annotations

from dataclasses import dataclass

Box = tuple[float, float, float, float]  # x0, y0, x1, y1

#: offsets tried, as multiples of the font size: centred, above, below, right, left
OFFSETS: tuple[tuple[float, float], ...] = (
    (0.0, 0.0),
    (0.0, 1.1),
    (0.0, -1.1),
    (0.6, 0.0),
    (-0.6, 0.0),
    (0.0, 2.2),
    (0.0, -2.2),
)


@dataclass(frozen=True)
class LabelRequest:
    """A label to place: its text centred on (x, y), baseline near y."""

    text: str
    x: float
    y: float
    priority: int
    font_size: float
    width: float  # text width at font_size, from the font metrics


@dataclass(frozen=True)
class PlacedLabel:
    text: str
    x: float  # centre of the text
    y: float  # baseline
    font_size: float
    box: Box


def label_box(x: float, y: float, width: float, font_size: float) -> Box:
    """The box of a centred text with baseline y: descenders to cap height, with a small margin."""
    m = 0.15 * font_size
    return (x - width / 2 - m, y - 0.25 * font_size - m, x + width / 2 + m, y + 0.8 * font_size + m)


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(
    requests: list[LabelRequest], obstacles: list[Box] | None = None, bounds: Box | None = None
) -> list[PlacedLabel]:
    """Place labels greedily by (priority, input order); labels that cannot be placed are dropped.

    No two returned boxes overlap, none overlaps an obstacle, and all lie inside
    ``bounds`` when given.
    """
    placed: list[PlacedLabel] = []
    order = sorted(range(len(requests)), key=lambda i: (requests[i].priority, i))
    for i in order:
        r = requests[i]
        for fx, fy in OFFSETS:
            dx = fx * (r.width / 2 + r.font_size) if fx else 0.0
            x, y = r.x + dx, r.y - 0.3 * r.font_size + fy * r.font_size
            box = label_box(x, y, r.width, r.font_size)
            if bounds is not None and not (
                box[0] >= bounds[0] and box[1] >= bounds[1] and box[2] <= bounds[2] and box[3] <= bounds[3]
            ):
                continue
            if any(overlaps(box, o) for o in obstacles or []):
                continue
            if any(overlaps(box, p.box) for p in placed):
                continue
            placed.append(PlacedLabel(r.text, x, y, r.font_size, box))
            break
    return placed
