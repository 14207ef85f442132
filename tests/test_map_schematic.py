"""Schematic hexagon maps: one tile per area, no overlaps, regular on a Mercator map, roughly where the areas lie."""
from __future__ import annotations

import dataclasses
import itertools
import json
import math
from pathlib import Path

import pytest
import shapely
from shapely.geometry import Polygon, shape

from campaign.config import load_config
from campaign.maps.schematic import (
    WINDOW_LAT,
    WINDOW_LON,
    hex_centre,
    hex_polygon,
    schematic_bydeler,
    schematic_kommuner,
    schematic_kretser,
    tile_layout,
)

ROOT = Path(__file__).resolve().parent.parent
REAL_BYDELER = ROOT.parent / "shared" / "geo" / "oslo_bydeler.geojson"
GRORUDDALEN = ("Bjerke", "Grorud", "Stovner", "Alna")


@pytest.fixture(scope="module")
def config():
    return load_config()


def code_of(config, name: str) -> str:
    return next(code for code, n in config.bydeler.items() if n == name)


def mercator(lon: float, lat: float) -> tuple[float, float]:
    return (math.radians(lon), math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def projected(feature: dict) -> Polygon:
    """A feature's polygon in the Mercator plane (what a projection_type="mercator" map draws)."""
    return Polygon([mercator(lon, lat) for lon, lat in feature["geometry"]["coordinates"][0]])


def assert_tiles(fc: dict) -> dict[str, Polygon]:
    """Checks every schematic layout must pass; returns {id: projected polygon}."""
    assert fc["type"] == "FeatureCollection"
    polygons = {}
    for feature in fc["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Polygon"
        props = feature["properties"]
        assert props["area_id"] == feature["id"]
        assert props["schematic"] is True
        assert isinstance(props["area_name"], str) and props["area_name"]
        ring = feature["geometry"]["coordinates"][0]
        assert len(ring) == 7 and ring[0] == ring[-1]
        for lon, lat in ring:
            assert WINDOW_LON[0] - 1e-9 <= lon <= WINDOW_LON[1] + 1e-9
            assert WINDOW_LAT[0] - 1e-9 <= lat <= WINDOW_LAT[1] + 1e-9
        polygon = projected(feature)
        assert polygon.is_valid
        assert feature["id"] not in polygons, f"{feature['id']} appears twice"
        polygons[feature["id"]] = polygon
    # Regular hexagons on the Mercator map: six sides equal within 1 %.
    for area_id, polygon in polygons.items():
        coords = list(polygon.exterior.coords)
        sides = [math.dist(a, b) for a, b in itertools.pairwise(coords)]
        assert len(sides) == 6
        assert max(sides) / min(sides) < 1.01, (area_id, sides)
    # Tiles touch at most along edges.
    for (a, pa), (b, pb) in itertools.combinations(polygons.items(), 2):
        assert pa.intersection(pb).area < 1e-6 * pa.area, (a, b)
    return polygons


def centre_xy(fc: dict) -> dict[str, tuple[float, float]]:
    """Tile centres from the label points, in the Mercator plane."""
    return {f["id"]: mercator(f["properties"]["label_lon"], f["properties"]["label_lat"]) for f in fc["features"]}


# --- Geometry -------------------------------------------------------------------------------------


@pytest.mark.parametrize("col,row,size", [(0, 0, 1.0), (3, 1, 1.0), (-2, 5, 2.5), (4, -3, 0.1)])
def test_hex_polygon_is_a_regular_hexagon_around_its_centre(col, row, size):
    corners = hex_polygon(col, row, size)
    centre = hex_centre(col, row, size)
    assert len(corners) == 6
    for corner in corners:
        assert math.dist(corner, centre) == pytest.approx(size)
    sides = [math.dist(a, b) for a, b in zip(corners, corners[1:] + corners[:1])]
    assert sides == pytest.approx([size] * 6)
    assert Polygon(corners).area == pytest.approx(3 * math.sqrt(3) / 2 * size**2)


@pytest.mark.parametrize("col,row", [(2, 2), (2, 3)])
def test_odd_r_neighbours_share_an_edge(col, row):
    """The six neighbours named in campaign.toml's comment touch along a whole edge; others do not touch."""
    dc = (0, 1) if row % 2 else (-1, 0)
    neighbours = {(col - 1, row), (col + 1, row)} | {(col + d, row + dr) for d in dc for dr in (-1, 1)}
    corners = hex_polygon(col, row)
    for c, r in itertools.product(range(col - 3, col + 4), range(row - 3, row + 4)):
        if (c, r) == (col, row):
            continue
        other = hex_polygon(c, r)
        assert Polygon(corners).intersection(Polygon(other)).area == pytest.approx(0, abs=1e-9)
        shared = sum(any(math.dist(p, q) < 1e-9 for q in other) for p in corners)
        assert shared == (2 if (c, r) in neighbours else 0), (c, r)


def test_tile_layout_gives_centres_and_refuses_shared_tiles():
    centres = tile_layout({"a": (0, 0), "b": (1, 0), "c": (0, 1)})
    assert centres["a"] == pytest.approx((0.0, 0.0))
    assert centres["b"] == pytest.approx((math.sqrt(3), 0.0))
    assert centres["c"] == pytest.approx((math.sqrt(3) / 2, -1.5))  # odd row: half a tile east, south is down
    with pytest.raises(ValueError, match="share the tile"):
        tile_layout({"a": (1, 1), "b": (1, 1)})


# --- Bydeler --------------------------------------------------------------------------------------


def test_every_configured_bydel_appears_exactly_once(config):
    fc = schematic_bydeler(config)
    ids = [f["id"] for f in fc["features"]]
    assert sorted(ids) == sorted(config.bydeler)
    assert len(ids) == len(set(ids))
    for feature in fc["features"]:
        assert len(feature["id"]) == 6 and feature["id"].isdigit()
        assert feature["properties"]["area_name"] == config.bydeler[feature["id"]]
    assert_tiles(fc)


def test_campaign_toml_places_every_bydel(config):
    """The branch's own bydeler all have a tile, so none falls back to the block below the map."""
    assert set(config.bydeler) <= set(config.schematic_bydeler)


def test_groruddalen_lies_north_east_of_frogner(config):
    positions = config.schematic_bydeler
    frogner_col, frogner_row = positions[code_of(config, "Frogner")]
    for name in GRORUDDALEN:
        col, row = positions[code_of(config, name)]
        assert col > frogner_col and row < frogner_row, name


def test_sondre_nordstrand_is_the_southernmost_tile_and_in_the_east(config):
    centres = centre_xy(schematic_bydeler(config))
    sn = code_of(config, "Søndre Nordstrand")
    assert all(centres[sn][1] < y for code, (_, y) in centres.items() if code != sn)
    mean_x = sum(x for x, _ in centres.values()) / len(centres)
    assert centres[sn][0] > mean_x
    frogner = code_of(config, "Frogner")
    assert centres[sn][0] > centres[frogner][0]


def test_ullern_and_vestre_aker_are_the_westernmost(config):
    centres = centre_xy(schematic_bydeler(config))
    west = sorted(centres, key=lambda code: centres[code][0])[:2]
    assert {config.bydeler[code] for code in west} == {"Ullern", "Vestre Aker"}
    third = sorted(x for x, _ in centres.values())[2]
    assert all(centres[code][0] < third - 1e-9 for code in west)


def _real_bydeler(config) -> dict[str, dict]:
    if not REAL_BYDELER.exists():
        pytest.skip(f"../shared/geo mangler ({REAL_BYDELER}); comparison with the real bydeler skipped")
    features = json.loads(REAL_BYDELER.read_text(encoding="utf-8"))["features"]
    return {f["properties"]["bydelsnummer"]: f for f in features if f["properties"]["bydelsnummer"] in config.bydeler}


def direction_agreement(config) -> dict[str, float]:
    """Per bydel: the share of other bydeler whose direction on the tiles is within 90° of the real one."""
    real = _real_bydeler(config)
    real_xy = {code: mercator(f["properties"]["label_lon"], f["properties"]["label_lat"]) for code, f in real.items()}
    tiles = tile_layout({code: config.schematic_bydeler[code] for code in real})
    shares = {}
    for a in real:
        agree = 0
        for b in real:
            if a == b:
                continue
            real_angle = math.atan2(real_xy[b][1] - real_xy[a][1], real_xy[b][0] - real_xy[a][0])
            tile_angle = math.atan2(tiles[b][1] - tiles[a][1], tiles[b][0] - tiles[a][0])
            difference = abs((tile_angle - real_angle + math.pi) % (2 * math.pi) - math.pi)
            agree += difference < math.pi / 2
        shares[a] = agree / (len(real) - 1)
    return shares


def test_directions_between_tiles_match_the_real_bydeler(config):
    shares = direction_agreement(config)
    assert set(shares) == set(config.bydeler)
    low = {config.bydeler[code]: f"{share:.0%}" for code, share in shares.items() if share < 0.8}
    assert not low, f"direction to the other bydeler agrees with the map for under 80 %: {low}"
    assert sum(shares.values()) / len(shares) >= 0.8


def test_real_neighbours_are_mostly_tile_neighbours(config):
    """Bydeler sharing more than 200 m of boundary: at least 80 % of them are on touching tiles."""
    real = _real_bydeler(config)
    to_metres = [111_320 * math.cos(math.radians(59.9)), 110_574]  # lon/lat degrees → metres near Oslo
    shapes = {code: shapely.transform(shape(f["geometry"]), lambda xy: xy * to_metres) for code, f in real.items()}
    bordering = {
        (a, b) for a, b in itertools.combinations(sorted(shapes), 2)
        if shapes[a].buffer(1).intersection(shapes[b].buffer(1)).length / 2 > 200
    }
    tiles = tile_layout({code: config.schematic_bydeler[code] for code in real})
    touching = {(a, b) for a, b in bordering if math.dist(tiles[a], tiles[b]) == pytest.approx(math.sqrt(3))}
    assert len(bordering) >= 20
    assert len(touching) / len(bordering) >= 0.8, sorted(bordering - touching)


def test_bydeler_without_a_position_are_added_below(config):
    positions = dict(config.schematic_bydeler)
    for name in ("Sagene", "Alna", "Nordstrand"):
        positions.pop(code_of(config, name))
    bydeler = {**config.bydeler, "039901": "Ny bydel"}
    other = dataclasses.replace(config, bydeler=bydeler, schematic_bydeler={**positions, "039999": (9, 9)})
    fc = schematic_bydeler(other)
    assert sorted(f["id"] for f in fc["features"]) == sorted(bydeler)  # the unconfigured "039999" is left out
    assert_tiles(fc)
    centres = centre_xy(fc)
    appended = {code_of(config, n) for n in ("Sagene", "Alna", "Nordstrand")} | {"039901"}
    lowest_placed = min(y for code, (_, y) in centres.items() if code not in appended)
    assert all(centres[code][1] < lowest_placed for code in appended)


def test_bydeler_without_any_positions_form_a_block(config):
    fc = schematic_bydeler(dataclasses.replace(config, schematic_bydeler={}))
    assert sorted(f["id"] for f in fc["features"]) == sorted(config.bydeler)
    assert_tiles(fc)


# --- Kretser --------------------------------------------------------------------------------------


def _kretser(n: int) -> list[tuple[str, str]]:
    numbers = [f"{bydel:02d}{nr:02d}" for bydel in range(1, 16) for nr in range(1, 10)][:n]
    return [(f"0301-{number}", f"Krets {number}") for number in numbers]


@pytest.mark.parametrize("n", [1, 7, 30])
def test_krets_tiles_one_each_no_overlaps_in_order(n):
    kretser = _kretser(n)
    fc = schematic_kretser(kretser)
    assert [f["id"] for f in fc["features"]] == [k for k, _ in kretser]
    assert [f["properties"]["area_name"] for f in fc["features"]] == [name for _, name in kretser]
    polygons = assert_tiles(fc)
    assert len(polygons) == n
    # Reading order: north to south by row, west to east within a row.
    centres = centre_xy(fc)
    rows = sorted({round(y, 9) for _, y in centres.values()}, reverse=True)
    reading = sorted(centres, key=lambda k: (rows.index(round(centres[k][1], 9)), centres[k][0]))
    assert reading == [k for k, _ in kretser]
    if n > 1:
        # Near-square block: width and height within a factor 2 of each other.
        minx, miny, maxx, maxy = shapely.unary_union(list(polygons.values())).bounds
        assert 0.5 <= (maxx - minx) / (maxy - miny) <= 2


def test_krets_tiles_follow_krets_numbers_not_input_order():
    kretser = [("0301-1001", "B"), ("0301-902", "A"), ("0301-1203", "C")]
    fc = schematic_kretser(kretser)
    assert [f["id"] for f in fc["features"]] == ["0301-902", "0301-1001", "0301-1203"]
    assert fc == schematic_kretser(sorted(kretser, key=lambda k: k[1]))


def test_kommune_tiles_ordered_by_region_then_name(monkeypatch):
    from tests.branches import use_branch
    trondelag = use_branch(monkeypatch, "trondelag")
    kommuner = [("5001", "Trondheim"), ("5025", "Røros"), ("5021", "Oppdal"), ("5027", "Midtre Gauldal"),
                ("5061", "Rindal"), ("5006", "Steinkjer"), ("5020", "Osen")]
    fc = schematic_kommuner(kommuner, trondelag)
    # Fjellregionen (first region) by name, then Innherred, then Trondheim; kommuner in no region last
    assert [f["properties"]["area_name"] for f in fc["features"]] == [
        "Midtre Gauldal", "Oppdal", "Røros", "Steinkjer", "Trondheim", "Osen", "Rindal"]
    assert len(assert_tiles(fc)) == 7
    assert fc == schematic_kommuner(list(reversed(kommuner)), trondelag)


def test_no_kretser_gives_an_empty_collection():
    assert schematic_kretser([]) == {"type": "FeatureCollection", "features": []}


# --- Configuration --------------------------------------------------------------------------------

MINIMAL_TOML = """
[organisation]
name = "Test"
party_code = "SV"
fylke_id = "50"
kommune_id = "5001"
kommune_name = "Trondheim"
"""


def test_schematic_section_is_optional(tmp_path):
    path = tmp_path / "campaign.toml"
    path.write_text(MINIMAL_TOML, encoding="utf-8")
    assert load_config(str(path)).schematic_bydeler == {}


@pytest.mark.parametrize("value,message", [
    ('"500101" = [1, "2"]', "two integers"),
    ('"500101" = [1, 2, 3]', "two integers"),
    ('"500101" = [1, 2]\n"500102" = [1, 2]', "share the tile"),
])
def test_bad_schematic_positions_are_refused(tmp_path, value, message):
    path = tmp_path / "campaign.toml"
    path.write_text(MINIMAL_TOML + "\n[schematic.bydeler]\n" + value + "\n", encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_config(str(path))
