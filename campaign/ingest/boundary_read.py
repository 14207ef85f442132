"""Reading a boundary file (GeoJSON, GeoPackage, zipped Shapefile) into a GeoDataFrame with a CRS."""
from __future__ import annotations

import io
import json
import tempfile
import warnings
import zipfile
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pyogrio

from campaign.ingest.base import rejected, safe_json_loads
from campaign.ingest.boundary_keys import KEY_COLUMNS, find_column

INNER_SUFFIXES = (".shp", ".gpkg", ".geojson")  # what a zip may hold, in order of preference
MAX_ZIP_MEMBERS = 200  # a Shapefile is 4–8 files; more is no map
MAX_UNZIPPED_BYTES = 1_000_000_000  # from the zip's own directory, checked before anything is unpacked


def read_features(data: bytes, source_name: str) -> tuple[gpd.GeoDataFrame, dict | None]:
    """The file as a GeoDataFrame, plus the GeoJSON document when it is one (for attribution)."""
    document = None
    with tempfile.TemporaryDirectory(prefix="boundaries-") as tmp:
        if data.startswith(b"PK\x03\x04"):
            path = Path(tmp) / "boundaries.zip"
            path.write_bytes(data)
            candidates = [f"/vsizip/{path}/{inner}" for inner in _inner_files(data, source_name)]
        elif data.startswith(b"SQLite format 3\x00"):
            path = Path(tmp) / "boundaries.gpkg"
            path.write_bytes(data)
            candidates = [str(path)]
        else:
            document = _feature_collection(data, source_name)
            path = Path(tmp) / "boundaries.geojson"
            path.write_bytes(data)
            candidates = [str(path)]
        frame = _read_best(candidates, source_name)
    return frame, document


def _feature_collection(data: bytes, source_name: str) -> dict:
    """The GeoJSON document; rejects what is not a FeatureCollection with features."""
    try:
        document = safe_json_loads(data, source_name)
    except UnicodeDecodeError as exc:
        raise rejected(source_name, "ikke en kartfil (GeoJSON, GeoPackage eller zippet Shapefile): filen er "
                                    f"ikke UTF-8-tekst (byte {exc.start}).") from None
    except json.JSONDecodeError as exc:
        raise rejected(source_name, "ikke en kartfil (GeoJSON, GeoPackage eller zippet Shapefile): ugyldig JSON "
                                    f"(linje {exc.lineno}, tegn {exc.colno}).") from None
    if not isinstance(document, dict) or not isinstance(document.get("features"), list):
        raise rejected(source_name, "ikke en GeoJSON FeatureCollection (mangler «features»).")
    if not document["features"]:
        raise rejected(source_name, "fila har ingen objekter («features» er tom).")
    return document


def _inner_files(data: bytes, source_name: str) -> list[str]:
    """Readable boundary files inside a zip (a Shapefile may sit in a folder), best first."""
    try:
        members = zipfile.ZipFile(io.BytesIO(data)).infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError):
        raise rejected(source_name, "zip-fila kan ikke åpnes (den er skadet eller ufullstendig).") from None
    if len(members) > MAX_ZIP_MEMBERS:
        raise rejected(source_name, f"zip-fila har {len(members)} filer; en kartfil har noen få (høyst "
                                    f"{MAX_ZIP_MEMBERS} godtas).")
    unpacked = sum(m.file_size for m in members)
    if unpacked > MAX_UNZIPPED_BYTES:
        raise rejected(source_name, f"zip-fila pakkes ut til {unpacked // 1_000_000} MB; høyst "
                                    f"{MAX_UNZIPPED_BYTES // 1_000_000} MB godtas.")
    names = [m.filename for m in members]
    usable = [n for n in names if not n.startswith("__MACOSX/") and not PurePosixPath(n).name.startswith("._")]
    found = [n for suffix in INNER_SUFFIXES for n in usable if n.lower().endswith(suffix)]
    if not found:
        raise rejected(source_name, "zip-fila inneholder ingen kartfil (.shp, .gpkg eller .geojson).")
    return found


def _read_best(candidates: list[str], source_name: str) -> gpd.GeoDataFrame:
    """The first layer (of any candidate file) that has a key column, else the first readable layer."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # GDAL's notes on odd files; errors still raise
        return _read_first_keyed(candidates, source_name)


def _read_first_keyed(candidates: list[str], source_name: str) -> gpd.GeoDataFrame:
    first = None
    for candidate in candidates:
        try:
            layers = [name for name, geometry_type in pyogrio.list_layers(candidate) if geometry_type]
        except Exception as exc:  # pyogrio raises several error types for unreadable data
            raise rejected(source_name, f"kan ikke leses som kartfil ({_short(exc)}).") from exc
        for layer in layers:
            try:
                frame = gpd.read_file(candidate, layer=layer, engine="pyogrio")
            except Exception as exc:
                raise rejected(source_name, f"kartlaget «{layer}» kan ikke leses ({_short(exc)}).") from exc
            if any(find_column(frame.columns, names) for names in KEY_COLUMNS.values()):
                return frame
            first = frame if first is None else first
    if first is None:
        raise rejected(source_name, "fila har ingen kartlag med geometri.")
    return first


# What GDAL says (in English, sometimes with the temporary path) → a Norwegian reason; anything else gets
# the general one. The file name is already in the rejection.
GDAL_REASONS = (
    ("not recognized as being in a supported file format", "formatet gjenkjennes ikke"),
    ("file is not a database", "filen er ingen SQLite-database"),
    ("required GeoPackage tables", "GeoPackage-tabellene gpkg_contents/gpkg_spatial_ref_sys mangler"),
    ("No such file", "en fil i zip-fila mangler"),
)


def _short(exc: Exception) -> str:
    """A Norwegian reason for a GDAL read error (its own text is English and may name temporary paths)."""
    text = str(exc)
    return next((reason for phrase, reason in GDAL_REASONS if phrase in text), "GDAL kan ikke lese den")


def with_crs(frame: gpd.GeoDataFrame, source_name: str) -> gpd.GeoDataFrame:
    """The frame with a CRS: the file's, or EPSG:4326 when it has none and looks like lon/lat."""
    if frame.empty:
        raise rejected(source_name, "fila har ingen objekter.")
    minx, miny, maxx, maxy = frame.total_bounds
    lonlat = not np.isfinite([minx, miny, maxx, maxy]).all() or (
        -180 <= minx <= maxx <= 180 and -90 <= miny <= maxy <= 90)
    if frame.crs is not None and (lonlat or not frame.crs.is_geographic):
        return frame
    if frame.crs is None and lonlat:
        return frame.set_crs(4326)
    # No CRS, or lon/lat claimed (GeoJSON without a "crs" member) for coordinates in metres
    raise rejected(source_name, "fila sier ikke hvilket koordinatsystem den bruker, og koordinatene er ikke "
                                "lengde-/breddegrader. Eksporter den som GeoJSON i EPSG:4326, eller med "
                                "koordinatsystem (f.eks. GeoPackage i EPSG:25833).")


def polygon_features(frame: gpd.GeoDataFrame, source_name: str, warnings_out: list[str]) -> gpd.GeoDataFrame:
    """Only the features with an area (polygons); rejects a file that has none."""
    keep = frame.geometry.notna() & ~frame.geometry.is_empty
    keep &= frame.geometry.geom_type.isin(["Polygon", "MultiPolygon", "GeometryCollection"])
    frame, dropped_shapes = frame[keep].reset_index(drop=True), int((~keep).sum())
    if frame.empty:
        raise rejected(source_name, "fila har ingen flater (polygoner) å vise på kart.")
    if dropped_shapes:
        warnings_out.append(f"{dropped_shapes} objekter uten flate (tom geometri, punkt eller linje) ble hoppet over.")
    return frame
