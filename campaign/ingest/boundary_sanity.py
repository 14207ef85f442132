"""Boundary files that look wrong are refused, not warned about.

Three rejecting checks run on every file once it has a CRS (boundary_read.with_crs):

- every feature the GeoJSON gives a geometry was read as one (GDAL silently turns a geometry it
  cannot parse, such as string coordinates, into an empty one);
- the declared CRS fits the coordinates: lon/lat values declared as metres (EPSG:3857,
  EPSG:25833) would land near 0° N 0° E and vanish when rounded;
- every shape's centroid lies in Norway: swapped latitude and longitude put Oslo in the
  Arabian Sea.
"""
from __future__ import annotations

import geopandas as gpd
import numpy as np
import shapely

from campaign.ingest.base import Check, rejected

# lon/lat box around mainland Norway, Svalbard and Jan Mayen (west, south, east, north)
NORWAY = (-9.5, 57.5, 34.0, 81.5)
NAME = "Plassering og koordinatsystem"


def require_plausible(frame: gpd.GeoDataFrame, document: dict | None, source_name: str) -> Check:
    """Reject unread features, a CRS that does not fit, and shapes outside Norway; the passed check."""
    _require_parsed(frame, document, source_name)
    _require_fitting_crs(frame, source_name)
    located = _require_in_norway(frame, source_name)
    crs = frame.crs.to_string() if frame.crs is not None else "ukjent"
    west, south, east, north = (_degrees(v) for v in NORWAY)
    return Check(NAME, True, f"alle {located} objekter med geometri ligger i Norge (tyngdepunkt innenfor "
                             f"{south}–{north}° N, {west}–{east}° Ø); koordinatsystemet {crs} passer med "
                             "koordinatene", rejects=True)


def _degrees(value: float) -> str:
    return f"{value:.2f}".rstrip("0").rstrip(".").replace(".", ",").replace("-", "−")


def _require_parsed(frame: gpd.GeoDataFrame, document: dict | None, source_name: str) -> None:
    """A GeoJSON feature with a geometry that came out of the reader without one could not be parsed."""
    if document is None:
        return
    features = document["features"]
    if len(features) != len(frame):
        raise rejected(source_name, f"fila har {len(features)} objekter, men bare {len(frame)} kunne leses. "
                                    "Er alle objektene «Feature» med «geometry» og «properties»?")
    given = np.array([_has_content(f.get("geometry")) if isinstance(f, dict) else False for f in features],
                     dtype=bool)
    lost = np.flatnonzero(given & ~_present(frame))
    if len(lost):
        raise rejected(source_name, "geometrien kan ikke leses (koordinatene må være tall, nøstet som "
                                    "GeoJSON krever for typen).", row=int(lost[0]) + 1, column="geometry")


def _has_content(geometry) -> bool:
    """A GeoJSON geometry with coordinates (or member geometries) given: it must come out non-empty."""
    return isinstance(geometry, dict) and bool(geometry.get("coordinates") or geometry.get("geometries"))


def _present(frame: gpd.GeoDataFrame) -> np.ndarray:
    """Features read with a non-empty geometry (shapely directly: GeoSeries.notna is changing meaning)."""
    values = frame.geometry.values
    return ~(shapely.is_missing(values) | shapely.is_empty(values))


def _require_fitting_crs(frame: gpd.GeoDataFrame, source_name: str) -> None:
    """Metres declared, but every coordinate within ±180/±90: the values are degrees."""
    if frame.crs is None or frame.crs.is_geographic:
        return
    minx, miny, maxx, maxy = frame.total_bounds
    if np.isfinite([minx, miny, maxx, maxy]).all() and -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90:
        raise rejected(source_name, f"fila sier at koordinatene er i {frame.crs.to_string()} (meter), men alle "
                                    "ligger mellom -180 og 180 og ser ut som lengde-/breddegrader. Eksporter den "
                                    "på nytt med riktig koordinatsystem (GeoJSON i EPSG:4326).")


def _require_in_norway(frame: gpd.GeoDataFrame, source_name: str) -> int:
    """Every shape's centroid in the NORWAY box; returns how many shapes were located."""
    rows = np.flatnonzero(_present(frame))
    if not len(rows):
        return 0
    with np.errstate(all="ignore"):
        lonlat = gpd.GeoSeries(frame.geometry.values[rows], crs=frame.crs).to_crs(4326).values
        points = shapely.centroid(lonlat)
    x, y = shapely.get_x(points), shapely.get_y(points)
    west, south, east, north = NORWAY
    inside = np.isfinite(x) & np.isfinite(y) & (x >= west) & (x <= east) & (y >= south) & (y <= north)
    if not inside.all():
        first = int(np.flatnonzero(~inside)[0])
        where = (f"{_degrees(y[first])}° N, {_degrees(x[first])}° Ø"
                 if np.isfinite([x[first], y[first]]).all() else "et sted uten gyldige koordinater")
        raise rejected(source_name, f"flaten ligger utenfor Norge (tyngdepunkt {where}). Er lengde- og breddegrad "
                                    "byttet om, eller er koordinatsystemet feil?", row=int(rows[first]) + 1)
    return len(rows)
