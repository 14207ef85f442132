"""Where map labels go: inside their area when they fit and overlap nothing, else moved out with a leader line.

Pure geometry in projected map units; sizes in pixels are estimated from the figure's height and a
design width (the chart is about 900 px wide on a 1280 px screen with the sidebar open).
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass

import shapely.geometry
import shapely.ops
from shapely.geometry import box

CHAR_WIDTH = 0.58  # average glyph width ÷ font size (Arial-like, bold names)
LINE_HEIGHT = 1.3  # line height ÷ font size
DESIGN_WIDTH = 900  # px: the chart's width at 1280×720 with the sidebar open
COLORBAR_PX = 130
SAFETY = 0.9  # the map is often drawn smaller than the estimate (narrow window, leader lines): assume so
INSIDE_SHARE = 0.8  # share of a label's box that must lie inside its area
OFFSETS = (55, 85, 120, 160)  # px: how far a label that does not fit is moved, nearest first
DIRECTIONS = range(0, 360, 30)  # degrees; tried nearest to «away from the map's centre» first


@dataclass(frozen=True)
class Placement:
    """A label's centre in map units; moved labels have a leader line back to `anchor`."""
    x: float
    y: float
    moved: bool
    anchor: tuple[float, float]


def plain_lines(text: str) -> list[str]:
    """The lines of a Plotly label as the reader sees them (tags dropped)."""
    return [re.sub(r"<[^>]+>", "", line) for line in str(text).split("<br>")]


def text_size(text: str, font_size: float) -> tuple[float, float]:
    """Estimated (width, height) in px of a label."""
    lines = plain_lines(text)
    return max(len(line) for line in lines) * CHAR_WIDTH * font_size, len(lines) * LINE_HEIGHT * font_size


def px_per_unit(shapes: dict, height: int, vertical_margin: int, width: int = DESIGN_WIDTH) -> float:
    """Pixels per projected map unit when the shapes fill the plot at 1:1 (the tighter of width and height)."""
    xs = [x for xs, _ in shapes.values() for x in xs if x is not None]
    ys = [y for _, ys in shapes.values() for y in ys if y is not None]
    if not xs:
        return 1.0
    x_span, y_span = (max(xs) - min(xs)) or 1.0, (max(ys) - min(ys)) or 1.0
    return SAFETY * min((width - COLORBAR_PX) / x_span, (height - vertical_margin) / y_span)


def polygon(path: tuple[list, list]) -> shapely.geometry.base.BaseGeometry:
    """A shape's rings (x/y lists split by None) as one shapely geometry (rings unioned)."""
    rings, ring = [], []
    for x, y in zip(*path):
        if x is None:
            if len(ring) >= 3:
                rings.append(shapely.geometry.Polygon(ring).buffer(0))
            ring = []
        else:
            ring.append((x, y))
    if len(ring) >= 3:
        rings.append(shapely.geometry.Polygon(ring).buffer(0))
    return shapely.ops.unary_union(rings) if rings else shapely.geometry.Polygon()


def anchor(area) -> tuple[float, float] | None:
    """The point deepest inside an area's largest part (where a label has most room), None when empty."""
    if area.is_empty:
        return None
    largest = max(getattr(area, "geoms", [area]), key=lambda part: part.area)
    point = shapely.ops.polylabel(largest, tolerance=largest.length / 500)
    return point.x, point.y


def _outward(x: float, y: float, centre: tuple[float, float]) -> list[int]:
    away = math.degrees(math.atan2(y - centre[1], x - centre[0]))
    return sorted(DIRECTIONS, key=lambda a: abs((a - away + 180) % 360 - 180))


def _box(x: float, y: float, size: tuple[float, float], scale: float):
    half_w, half_h = size[0] / 2 / scale, size[1] / 2 / scale
    return box(x - half_w, y - half_h, x + half_w, y + half_h)


def _fits(label, area, taken: list) -> bool:
    inside = area.is_empty or label.intersection(area).area >= INSIDE_SHARE * label.area
    return inside and not any(label.intersects(other) for other in taken)


def place(labels: list[tuple[tuple[float, float], tuple[float, float], object]], scale: float) -> list[Placement]:
    """Placements for labels given as (anchor point, (width, height) px, area geometry), in input order.

    Larger areas are placed first, at their anchor; a label that does not fit inside its area or would
    overlap one already placed is moved to the nearest free spot around its anchor (overlapping no label
    and no other anchor), with a leader line.
    """
    order = sorted(range(len(labels)), key=lambda i: -labels[i][2].area)
    anchors = [shapely.geometry.Point(point).buffer(4 / scale) for point, _, _ in labels]
    centre = (sum(p[0][0] for p in labels) / max(len(labels), 1), sum(p[0][1] for p in labels) / max(len(labels), 1))
    taken, out = [], {}
    for i in order:
        (x, y), size, area = labels[i]
        label = _box(x, y, size, scale)
        if _fits(label, area, taken):
            taken.append(label)
            out[i] = Placement(x, y, False, (x, y))
            continue
        others = taken + [a for j, a in enumerate(anchors) if j != i]
        spots = [(x + d * math.cos(math.radians(a)) / scale, y + d * math.sin(math.radians(a)) / scale)
                 for d in OFFSETS for a in _outward(x, y, centre)]
        spot = next((s for s in spots if _fits(_box(*s, size, scale), shapely.geometry.Polygon(), others)),
                    spots[-1])
        taken.append(_box(*spot, size, scale))
        out[i] = Placement(spot[0], spot[1], True, (x, y))
    return [out[i] for i in range(len(labels))]
