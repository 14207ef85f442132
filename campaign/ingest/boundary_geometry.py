"""Geometry work for boundary files: repair, dissolve, simplify once in metres, serialise as GeoJSON.

Shapes are reprojected to EPSG:25833, repaired, simplified (as one coverage when they form one, so
shared edges stay shared), reprojected to EPSG:4326 and rounded to 5 decimals (about 1 m).
"""
from __future__ import annotations

import json

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely
from shapely.geometry import mapping

from campaign import fmt
from campaign.ingest.base import Check, rejected

METRIC_CRS = 25833  # UTM 33N, metres: Norway's national projection
DECIMALS = 5  # about 1 m
TOLERANCE_M = {"krets": 10.0, "bydel": 10.0, "kommune": 50.0}


def repaired(keyed: pd.DataFrame, crs, source_name: str, warnings: list[str]) -> tuple[gpd.GeoDataFrame, int]:
    """The shapes in metres, made valid, one per area_id; and how many were invalid before."""
    shapes = gpd.GeoDataFrame(keyed, geometry="geometry", crs=crs).to_crs(METRIC_CRS)
    invalid = int((~shapes.geometry.is_valid).sum())
    shapes["geometry"] = _polygonal(shapely.make_valid(shapes.geometry.values))
    shapes = shapes[~shapes.geometry.isna()]
    if shapes.empty:
        raise rejected(source_name, "ingen av flatene har en gyldig geometri, heller ikke etter reparasjon.")
    duplicates = len(shapes) - shapes["area_id"].nunique()
    if duplicates:
        warnings.append(f"{duplicates} objekter hadde samme kode som et annet og er slått sammen til én flate per kode.")
    return _dissolve(shapes), invalid


def _polygonal(geometries: np.ndarray) -> np.ndarray:
    """Only the polygonal part of each geometry (make_valid may add lines); None when there is none."""
    out = []
    for geometry in geometries:
        if geometry is None or geometry.is_empty:
            out.append(None)
        elif geometry.geom_type in ("Polygon", "MultiPolygon"):
            out.append(geometry)
        else:
            parts = [p for p in shapely.get_parts(geometry) if p.geom_type in ("Polygon", "MultiPolygon")]
            out.append(shapely.union_all(parts) if parts else None)
    return np.array(out, dtype=object)


def _dissolve(shapes: gpd.GeoDataFrame) -> gpd.GeoDataFrame:
    """One row per area_id; several features with one code become one (multi-part) shape."""
    if shapes["area_id"].is_unique:
        return shapes.sort_values("area_id").reset_index(drop=True)
    merged = shapes.dissolve(by="area_id", aggfunc="first", sort=True).reset_index()
    return merged[shapes.columns]


def simplify(shapes: gpd.GeoDataFrame, level: str, warnings: list[str]) -> tuple[np.ndarray, Check]:
    """Simplify once in metres: as a coverage when the shapes form one, else shape by shape."""
    tolerance = TOLERANCE_M[level]
    before = shapes.geometry.values
    coverage = len(before) > 1 and hasattr(shapes.geometry, "simplify_coverage") and bool(
        shapely.coverage_is_valid(np.asarray(before)))
    if coverage:
        after = shapes.geometry.simplify_coverage(tolerance).values
        method = "felles kanter bevart"
    else:
        after = shapes.geometry.simplify(tolerance, preserve_topology=True).values
        method = "flate for flate"
        if len(before) > 1 and level != "kommune":
            warnings.append("Flatene overlapper eller har ulike punkter langs felles grenser; "
                            "de er forenklet hver for seg, så små glipper langs grensene kan forekomme.")
    after = np.asarray(after, dtype=object)
    broken = ~shapely.is_valid(after)
    if broken.any():
        after[broken] = _polygonal(shapely.make_valid(after[broken]))
    n_before = int(shapely.get_num_coordinates(np.asarray(before)).sum())
    n_after = int(shapely.get_num_coordinates(after).sum())
    shift = float(np.nanmax(shapely.hausdorff_distance(np.asarray(before), after))) if len(after) else 0.0
    message = (f"{fmt.number(n_before)} → {fmt.number(n_after)} punkter, største forskyvning {shift:.0f} m "
               f"(toleranse {tolerance:.0f} m, {method})")
    return after, Check("Forenkling", shift <= 10 * tolerance, message)


def serialised(shapes: gpd.GeoDataFrame, simplified: np.ndarray, source_name: str,
               warnings: list[str]) -> tuple[pd.DataFrame, np.ndarray]:
    """The shapes' rows with a GeoJSON `geometry` in EPSG:4326 (shapes that vanish when rounded are dropped;
    a file whose shapes all vanish is rejected, never imported as 0 rows)."""
    geometries = _to_lonlat(simplified)
    rows = shapes.drop(columns="geometry").reset_index(drop=True)
    vanished = shapely.is_empty(geometries) | shapely.is_missing(geometries)
    if vanished.all():
        raise rejected(source_name, f"alle {len(rows)} flater forsvant ved avrunding til omtrent 1 m; de er for små "
                                    "til å være områder. Stemmer koordinatsystemet?")
    if vanished.any():
        warnings.append(f"{int(vanished.sum())} svært små flater forsvant ved avrunding: "
                        f"{', '.join(rows.loc[vanished, 'area_id'])}.")
        rows, geometries = rows[~vanished].reset_index(drop=True), geometries[~vanished]
    rows["geometry"] = [_geojson(g) for g in geometries]
    return rows, geometries


def _to_lonlat(geometries: np.ndarray) -> np.ndarray:
    """EPSG:4326 on a 1e-5° grid, polygons oriented as RFC 7946 wants (exterior counter-clockwise)."""
    lonlat = gpd.GeoSeries(geometries, crs=METRIC_CRS).to_crs(4326).values
    snapped = shapely.set_precision(np.asarray(lonlat), 10.0 ** -DECIMALS)
    return shapely.orient_polygons(snapped, exterior_cw=False)


def _geojson(geometry) -> str:
    """A compact GeoJSON geometry object with coordinates rounded to DECIMALS."""
    shape = mapping(geometry)
    return json.dumps({"type": shape["type"], "coordinates": _rounded(shape["coordinates"])},
                      separators=(",", ":"))


def _rounded(coordinates):
    if coordinates and isinstance(coordinates[0], float):
        return [round(c, DECIMALS) for c in coordinates]
    return [_rounded(c) for c in coordinates]
