"""Geometry helpers: boundaries frame → GeoJSON, label points inside shapes, zoom subsets."""
from __future__ import annotations

import json

import pandas as pd
import pytest
import shapely.geometry

from campaign.maps import geometry as geo


def square(x: float, y: float, size: float = 1.0) -> str:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return json.dumps({"type": "Polygon", "coordinates": [ring]})


FRAME = pd.DataFrame({"area_id": ["030101", "030112"], "area_name": ["Gamle Oslo", "Alna"],
                      "geometry": [square(10.7, 59.9, 0.05), square(10.85, 59.93, 0.05)]})


def test_feature_collection_ids_and_names():
    collection = geo.feature_collection(FRAME)
    assert [f["id"] for f in collection["features"]] == ["030101", "030112"]
    assert collection["features"][1]["properties"]["area_name"] == "Alna"


def test_label_points_lie_inside():
    collection = geo.feature_collection(FRAME)
    points = geo.label_points(collection)
    for feature in collection["features"]:
        shape = shapely.geometry.shape(feature["geometry"])
        assert shape.contains(shapely.geometry.Point(points[feature["id"]]))


def test_subset():
    collection = geo.feature_collection(FRAME)
    assert [f["id"] for f in geo.subset(collection, ["030112"])["features"]] == ["030112"]


def test_paths_are_projected_rings():
    paths = geo.paths(geo.feature_collection(FRAME))
    xs, ys = paths["030101"]
    assert xs[:5] == [10.7, 10.75, 10.75, 10.7, 10.7] and xs[-1] is None
    assert ys[0] == pytest.approx(geo.project(10.7, 59.9)[1])
    assert geo.project(10.7, 60.0)[1] - geo.project(10.7, 59.9)[1] > 0.1  # north is stretched (Mercator)


def test_prepare_paths_points_and_attribution():
    frame = FRAME.assign(attribution=["Kartverket (CC BY 4.0)", "Kartverket (CC BY 4.0)"])
    shapes, points, attribution = geo.prepare(frame)
    assert set(shapes) == set(points) == {"030101", "030112"}
    assert shapes["030112"][0][:2] == [10.85, 10.9]
    assert attribution == "Kartverket (CC BY 4.0)"
    mixed = FRAME.assign(attribution=["Oslo kommune", "Geonorge"])
    assert geo.prepare(mixed)[2] == "Geonorge; Oslo kommune"
    assert geo.prepare(FRAME.assign(attribution=[None, None]))[2] is None
