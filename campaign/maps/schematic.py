"""Schematic maps: one equal hexagon per area, for when no boundary files are imported.

Tiles are pointy-top hexagons in "odd-r" offset coordinates (col grows eastwards, row grows
southwards, odd rows are shifted half a tile east). Bydel tiles are placed where campaign.toml's
[schematic.bydeler] puts them; kretser have no geography without boundary files and are laid out
in a near-square block in krets-number order; kommuner likewise, ordered by [regions] and name.

The grid is drawn in a small fake lon/lat window so the same Plotly ``go.Choropleth``
(``geojson=..., featureidkey="id"``, ``fitbounds="locations"``) renders real and schematic maps.
The window is placed by the inverse Mercator projection, so the hexagons are regular on a map with
``projection_type="mercator"``. Every feature carries ``schematic: true`` so the page can say so.
Pure functions: no Streamlit, no I/O.
"""
from __future__ import annotations

import math
import re

from campaign.config import Config

SQRT3 = math.sqrt(3.0)

# The fake lon/lat window the layouts are fitted into (degrees).
WINDOW_LON = (10.5, 11.0)
WINDOW_LAT = (59.8, 60.0)


def hex_centre(col: int, row: int, size: float = 1.0) -> tuple[float, float]:
    """Centre of tile (col, row) in the plane: x east, y north, `size` = centre-to-corner distance."""
    return (size * SQRT3 * (col + 0.5 * (row & 1)), -size * 1.5 * row)


def hex_polygon(col: int, row: int, size: float = 1.0) -> list[tuple[float, float]]:
    """The 6 corners of tile (col, row) in the plane, counter-clockwise from the top (ring not closed)."""
    cx, cy = hex_centre(col, row, size)
    corners = []
    for i in range(6):
        angle = math.radians(90 + 60 * i)
        corners.append((cx + size * math.cos(angle), cy + size * math.sin(angle)))
    return corners


def tile_layout(positions: dict[str, tuple[int, int]]) -> dict[str, tuple[float, float]]:
    """Tile centres in the plane (size 1, x east, y north) for {key: (col, row)}; one tile per key."""
    seen: dict[tuple[int, int], str] = {}
    for key, tile in positions.items():
        tile = (int(tile[0]), int(tile[1]))
        if tile in seen:
            raise ValueError(f"{key} and {seen[tile]} share the tile {list(tile)}")
        seen[tile] = key
    return {key: hex_centre(int(c), int(r)) for key, (c, r) in positions.items()}


def block_positions(n: int, first_row: int = 0, first_col: int = 0, width: int | None = None) -> list[tuple[int, int]]:
    """n tiles in reading order (west to east, then north to south), near-square unless `width` is given."""
    if n <= 0:
        return []
    # Columns are √3 apart and rows 1.5 apart: cols·√3 ≈ rows·1.5 with cols·rows ≥ n.
    cols = width or max(1, math.ceil(math.sqrt(n * 1.5 / SQRT3)))
    return [(first_col + i % cols, first_row + i // cols) for i in range(n)]


def schematic_bydeler(config: Config) -> dict:
    """GeoJSON FeatureCollection: one hexagon per configured bydel, id = the 6-digit bydel code.

    Bydeler without a position in [schematic.bydeler] are put in a block below the placed ones
    (one empty row between), so every configured bydel appears exactly once.
    """
    placed = {code: config.schematic_bydeler[code] for code in config.bydeler if code in config.schematic_bydeler}
    missing = [code for code in sorted(config.bydeler) if code not in placed]
    positions = dict(placed)
    if placed:
        cols = [c for c, _ in placed.values()]
        first_row = max(r for _, r in placed.values()) + 2
        width = max(max(cols) - min(cols) + 1, math.ceil(math.sqrt(len(missing))))
        extra = block_positions(len(missing), first_row=first_row, first_col=min(cols), width=width)
    else:
        extra = block_positions(len(missing))
    positions.update(zip(missing, extra))
    names = {code: config.bydeler[code] for code in positions}
    return _feature_collection(positions, names)


def schematic_kretser(kretser: list[tuple[str, str]]) -> dict:
    """GeoJSON FeatureCollection: one hexagon per krets (area_id like "0301-1203", name).

    Tiles fill a near-square block in krets-number order, west to east and north to south.
    """
    names: dict[str, str] = {}
    for area_id, name in sorted(kretser, key=lambda k: _natural_key(k[0])):
        names.setdefault(area_id, name)
    positions = dict(zip(names, block_positions(len(names))))
    return _feature_collection(positions, names)


def schematic_kommuner(kommuner: list[tuple[str, str]], config: Config) -> dict:
    """GeoJSON FeatureCollection: one hexagon per kommune (code, name), for when no kommune boundaries
    are imported. Tiles fill a compact block ordered by [regions] (in the configured order, kommuner in
    no region last), then by name, so each region's kommuner lie together."""
    order = {name: i for i, name in enumerate(config.regions)}
    names: dict[str, str] = {}
    for code, name in sorted(kommuner, key=lambda k: (order.get(config.region_of(k[0]), len(order)), k[1], k[0])):
        names.setdefault(code, name)
    positions = dict(zip(names, block_positions(len(names))))
    return _feature_collection(positions, names)


def _natural_key(area_id: str) -> tuple:
    """Sort "0301-902" before "0301-1001": digit runs compare as numbers."""
    return tuple((0, int(part), "") if part.isdigit() else (1, 0, part) for part in re.findall(r"\d+|\D+", area_id))


def _feature_collection(positions: dict[str, tuple[int, int]], names: dict[str, str]) -> dict:
    """Hexagon features for {area_id: (col, row)}, fitted into the fake lon/lat window."""
    centres = tile_layout(positions)
    rings = {key: hex_polygon(c, r) for key, (c, r) in positions.items()}
    to_lonlat = _window_transform([p for ring in rings.values() for p in ring])
    features = []
    for key, ring in rings.items():
        coords = [to_lonlat(x, y) for x, y in ring]
        label_lon, label_lat = to_lonlat(*centres[key])
        features.append({
            "type": "Feature",
            "id": key,
            "properties": {
                "area_id": key,
                "area_name": names[key],
                "schematic": True,
                "label_lon": label_lon,
                "label_lat": label_lat,
            },
            "geometry": {"type": "Polygon", "coordinates": [[*coords, coords[0]]]},
        })
    return {"type": "FeatureCollection", "features": features}


def _mercator_y(lat: float) -> float:
    return math.log(math.tan(math.pi / 4 + math.radians(lat) / 2))


def _inverse_mercator_y(y: float) -> float:
    return math.degrees(2 * math.atan(math.exp(y)) - math.pi / 2)


def _window_transform(points: list[tuple[float, float]]):
    """A function plane (x, y) → (lon, lat) that fits `points` into the window, uniformly scaled in Mercator."""
    if not points:
        return lambda x, y: (x, y)
    xs = [x for x, _ in points]
    ys = [y for _, y in points]
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    win_x0, win_x1 = (math.radians(v) for v in WINDOW_LON)
    win_y0, win_y1 = (_mercator_y(v) for v in WINDOW_LAT)
    scale = min((win_x1 - win_x0) / (x1 - x0), (win_y1 - win_y0) / (y1 - y0))
    mid_x, mid_y = (x0 + x1) / 2, (y0 + y1) / 2
    win_mid_x, win_mid_y = (win_x0 + win_x1) / 2, (win_y0 + win_y1) / 2

    def to_lonlat(x: float, y: float) -> tuple[float, float]:
        lon = math.degrees(win_mid_x + (x - mid_x) * scale)
        lat = _inverse_mercator_y(win_mid_y + (y - mid_y) * scale)
        return (lon, lat)

    return to_lonlat
