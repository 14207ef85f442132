"""Geometry for maps: imported boundaries as GeoJSON, label points, zoom filters. Pure functions."""
from __future__ import annotations

import json

import pandas as pd
import shapely.geometry


def feature_collection(boundaries: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection from a boundaries frame; each feature's id is its area_id."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "id": row.area_id, "geometry": json.loads(row.geometry),
         "properties": {"area_id": row.area_id, "area_name": row.area_name}}
        for row in boundaries.itertuples()
    ]}


def label_points(collection: dict) -> dict[str, tuple[float, float]]:
    """A point inside each feature (for labels): area_id → (lon, lat)."""
    points = {}
    for feature in collection["features"]:
        point = shapely.geometry.shape(feature["geometry"]).representative_point()
        points[feature["id"]] = (point.x, point.y)
    return points


def subset(collection: dict, area_ids) -> dict:
    """Only the features with these ids (a zoom to a target area)."""
    wanted = set(area_ids)
    return {"type": "FeatureCollection", "features": [f for f in collection["features"] if f["id"] in wanted]}


def missing_shapes(collection: dict, area_ids) -> list[str]:
    """The areas that have data but no shape."""
    have = {f["id"] for f in collection["features"]}
    return sorted(set(area_ids) - have)
