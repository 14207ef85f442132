"""Geometry for maps: imported boundaries as GeoJSON, label points, zoom subsets, projected paths. Pure."""
from __future__ import annotations

import json
import math

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


def project(lon: float, lat: float) -> tuple[float, float]:
    """Web Mercator in degree units: x = lon, y stretched with latitude, so 1:1 axes look right."""
    return lon, math.degrees(math.log(math.tan(math.pi / 4 + math.radians(lat) / 2)))


def _rings(geometry: dict) -> list[list]:
    if geometry["type"] == "Polygon":
        return list(geometry["coordinates"])
    if geometry["type"] == "MultiPolygon":
        return [ring for polygon in geometry["coordinates"] for ring in polygon]
    return []


def paths(collection: dict) -> dict[str, tuple[list, list]]:
    """Projected outline paths per feature for filled Plotly scatter traces (rings split by None).

    Drawn as plain x/y shapes, maps need no basemap and no world file from the internet.
    """
    out = {}
    for feature in collection["features"]:
        xs, ys = [], []
        for ring in _rings(feature["geometry"]):
            for lon, lat in ring:
                x, y = project(lon, lat)
                xs.append(x)
                ys.append(y)
            xs.append(None)
            ys.append(None)
        out[feature["id"]] = (xs, ys)
    return out


def prepare(boundaries: pd.DataFrame) -> tuple[dict, dict, str | None]:
    """What a map draws from a boundaries frame: projected paths, label points and the attribution."""
    collection = feature_collection(boundaries)
    attribution = "; ".join(sorted(set(boundaries["attribution"].dropna()))) or None
    return paths(collection), label_points(collection), attribution
