"""The map layer: imported shapes when they cover the areas, else schematic tiles; missing shapes named."""
from __future__ import annotations

import json

import pandas as pd

from campaign.config import load_config
from campaign.maps.geometry import prepare
from campaign.maps.layer import MapLayer, choose_layer, map_layer, missing_warning

CONFIG = load_config()
BYDELER = pd.DataFrame({"area_id": ["030101", "030112", "030115"],
                        "area_name": ["Gamle Oslo", "Alna", "Søndre Nordstrand"]})


def imported(*codes: str) -> tuple[dict, dict, str | None]:
    ring = [[10.7, 59.9], [10.8, 59.9], [10.8, 60.0], [10.7, 59.9]]
    geometry = json.dumps({"type": "Polygon", "coordinates": [ring]})
    return prepare(pd.DataFrame({"area_id": list(codes), "area_name": list(codes), "geometry": geometry,
                                 "attribution": "Kartverket"}))


def test_imported_shapes_are_used_and_the_missing_listed():
    layer = choose_layer("bydel", BYDELER, imported("030101", "030112", "030199"), CONFIG)
    assert not layer.schematic and layer.attribution == "Kartverket"
    assert layer.missing == ["030115"]
    assert layer.shapes["030101"][0][:4] == [10.7, 10.8, 10.8, 10.7]


def test_schematic_bydeler_when_no_imported_shape_matches():
    layer = choose_layer("bydel", BYDELER, imported("030199"), CONFIG)
    assert layer.schematic and layer.attribution is None and layer.missing == []
    assert set(layer.shapes) == set(layer.points) == {"030101", "030112", "030115"}
    assert len(layer.shapes["030112"][0]) == 8  # a hexagon: 6 corners, closed, then the None break


def test_schematic_kretser_one_tile_per_krets():
    kretser = pd.DataFrame({"area_id": ["0301-1201", "0301-1202"], "area_name": ["Furuset", "Haugerud"]})
    layer = choose_layer("krets", kretser, ({}, {}, None), CONFIG)
    assert layer.schematic and sorted(layer.shapes) == ["0301-1201", "0301-1202"]


def test_missing_warning_names_fifteen_and_counts_the_rest():
    codes = [f"0301{i:02d}" for i in range(1, 18)]
    areas = pd.DataFrame({"area_id": codes, "area_name": [f"B{i}" for i in range(1, 18)]})
    warning = missing_warning(MapLayer({}, {}, None, False, codes), areas)
    assert warning.startswith("Mangler kartflate for 17 områder: B1, B2, ")
    assert "B15 og 2 til." in warning and "B16" not in warning
    assert missing_warning(MapLayer({}, {}, None, True, []), areas) is None


def test_map_layer_on_the_demo_store_is_schematic(demo_env):
    areas = pd.DataFrame({"area_id": list(CONFIG.bydeler), "area_name": list(CONFIG.bydeler.values())})
    layer = map_layer("bydel", CONFIG.kommune_id, areas)
    assert layer.schematic and len(layer.shapes) == 15


def test_schematic_kommuner_and_kretser_say_how_the_tiles_are_ordered(monkeypatch):
    from tests.branches import use_branch
    trondelag = use_branch(monkeypatch, "trondelag")
    kommuner = pd.DataFrame({"area_id": ["5001", "5025"], "area_name": ["Trondheim", "Røros"]})
    layer = choose_layer("kommune", kommuner, ({}, {}, None), trondelag)
    assert layer.schematic and sorted(layer.shapes) == ["5001", "5025"]
    assert layer.note.startswith("Skjematisk kart: én like stor flis per kommune, ordnet etter region og navn")
    kretser = pd.DataFrame({"area_id": ["5001-0003"], "area_name": ["Midtbyen"]})
    assert "ordnet etter kretsnummer" in choose_layer("krets", kretser, ({}, {}, None), trondelag).note
    assert choose_layer("krets", kretser, ({}, {}, None), CONFIG).note is None  # Oslo keeps its note
