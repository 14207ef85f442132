"""Boundary files (GeoJSON, GeoPackage, zipped Shapefile) → the boundaries table.

A boundary file is data like any other import: one row per area with its shape as a GeoJSON
geometry in EPSG:4326, simplified once here so the map pages never have to. The level follows
from the key columns found (case-insensitive; Shapefile's 10-character names are understood):

- krets:   ``valgkretsnummer`` / ``stemmekretsnummer`` / ``krets_id`` with ``kommunenummer``
           (Kartverket's «Valgkretser»); area_id "0301-1203", bydel_id via krets_to_bydel
- bydel:   ``bydelsnummer`` / ``bydelnr`` / ``bydel_id`` / ``bydel``: the 6-digit SSB code, or a
           1–2 digit number that ``kommunenummer`` (else the configured kommune) completes
- kommune: ``kommunenummer`` alone; every kommune in the file is kept

Bydel and krets files are filtered to the configured kommune. Geometry is reprojected to
EPSG:25833, repaired, simplified (10 m for bydel/krets, 50 m for kommuner; as one coverage when
the shapes form one, so shared edges stay shared), reprojected to EPSG:4326 and rounded to
5 decimals (about 1 m).
"""
from __future__ import annotations

import io
import json
import re
import tempfile
import warnings
import zipfile
from pathlib import Path, PurePosixPath

import geopandas as gpd
import numpy as np
import pandas as pd
import pyogrio
import shapely
from shapely.geometry import mapping

from campaign import fmt
from campaign.areas import krets_area_id, krets_to_bydel
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch, rejected

KIND = "boundaries"
METRIC_CRS = 25833  # UTM 33N, metres: Norway's national projection
DECIMALS = 5  # about 1 m
TOLERANCE_M = {"krets": 10.0, "bydel": 10.0, "kommune": 50.0}

KOMMUNE_COLUMNS = ("kommunenummer", "kommunenr", "kommune_id")
KEY_COLUMNS = {
    "krets": ("valgkretsnummer", "stemmekretsnummer", "krets_id"),
    "bydel": ("bydelsnummer", "bydelnr", "bydel_id", "bydel"),
    "kommune": KOMMUNE_COLUMNS,
}
NAME_COLUMNS = {
    "krets": ("valgkretsnavn", "stemmekretsnavn", "krets_name", "navn", "name"),
    "bydel": ("bydelsnavn", "bydelnavn", "navn", "name"),
    "kommune": ("kommunenavn", "navn", "name"),
}
ATTRIBUTION_KEYS = ("attribution", "license", "kilde")
LEVEL_NOUNS = {"krets": "kretsflater", "bydel": "bydelsflater", "kommune": "kommuner"}
INNER_SUFFIXES = (".shp", ".gpkg", ".geojson")  # what a zip may hold, in order of preference
SHAPEFILE_NAME_LENGTH = 10


def parse_boundaries(data: bytes, source_name: str, config: Config, attribution: str | None = None) -> ParsedBatch:
    """Read, key, filter, repair, simplify and serialise one boundary file."""
    frame, document = _read(data, source_name)
    frame = _with_crs(frame, source_name)
    warnings: list[str] = []
    frame, dropped_shapes = _polygons_only(frame)
    if frame.empty:
        raise rejected(source_name, "fila har ingen flater (polygoner) å vise på kart.")
    if dropped_shapes:
        warnings.append(f"{dropped_shapes} objekter uten flate (tom geometri, punkt eller linje) ble hoppet over.")

    level, keyed = _keys(frame, source_name, config, warnings)
    keyed["area_name"] = _names(frame, level, keyed, config)
    keyed["geometry"] = frame.geometry.values

    outside = 0
    if level != "kommune":
        inside = keyed["kommune_id"] == config.kommune_id
        outside = int((~inside).sum())
        if not inside.any():
            found = ", ".join(sorted(set(keyed["kommune_id"].dropna())))
            raise rejected(source_name, f"ingen av flatene hører til {config.kommune_name} ({config.kommune_id}); "
                                        f"fila gjelder kommune {found or 'ukjent'}.")
        keyed = keyed[inside]

    shapes = gpd.GeoDataFrame(keyed, geometry="geometry", crs=frame.crs).to_crs(METRIC_CRS)
    invalid = int((~shapes.geometry.is_valid).sum())
    shapes["geometry"] = _polygonal(shapely.make_valid(shapes.geometry.values))
    shapes = shapes[~shapes.geometry.isna()]
    if shapes.empty:
        raise rejected(source_name, "ingen av flatene har en gyldig geometri, heller ikke etter reparasjon.")
    duplicates = len(shapes) - shapes["area_id"].nunique()
    if duplicates:
        warnings.append(f"{duplicates} objekter hadde samme kode som et annet og er slått sammen til én flate per kode.")
    shapes = _dissolve(shapes)

    simplified, simplify_check = _simplify(shapes, level, warnings)
    geometries = _to_lonlat(simplified)
    rows = shapes.drop(columns="geometry").reset_index(drop=True)
    vanished = shapely.is_empty(geometries) | shapely.is_missing(geometries)
    if vanished.any():
        warnings.append(f"{int(vanished.sum())} svært små flater forsvant ved avrunding: "
                        f"{', '.join(rows.loc[vanished, 'area_id'])}.")
        rows, geometries = rows[~vanished].reset_index(drop=True), geometries[~vanished]
    rows["geometry"] = [_geojson(g) for g in geometries]
    rows["level"] = level
    rows["attribution"] = attribution or _attribution(document, frame) or f"Kartgrunnlag: {source_name}"
    rows = rows[["level", "area_id", "area_name", "kommune_id", "bydel_id", "geometry", "attribution"]]

    size_kb = sum(len(g) for g in rows["geometry"]) / 1000
    checks = [_coverage_check(level, rows, config)]
    if level != "kommune":
        checks.append(Check("Flater utenfor kommunen", True,
                            f"{outside} flater utenfor {config.kommune_name} ({config.kommune_id}) utelatt"
                            if outside else f"alle flatene i fila hører til {config.kommune_name}"))
    all_valid = bool(shapely.is_valid(geometries).all())
    validity = f"alle {len(rows)} flater er gyldige" if all_valid else "noen flater er fortsatt ugyldige"
    checks.append(Check("Gyldige flater", all_valid,
                        f"{invalid} ugyldige geometrier reparert; {validity}" if invalid else validity))
    checks.append(Check(simplify_check.name, simplify_check.ok,
                        f"{simplify_check.message}; {fmt.number(round(size_kb))} KB GeoJSON"))
    return ParsedBatch(kind=KIND, source_name=source_name, election_id=None,
                       tables={"boundaries": rows}, areas=_areas_summary(level, len(rows), config),
                       checks=checks, warnings=warnings)


# --- reading -------------------------------------------------------------------------------

def _read(data: bytes, source_name: str) -> tuple[gpd.GeoDataFrame, dict | None]:
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
            try:
                document = json.loads(data.decode("utf-8-sig"))
            except (UnicodeDecodeError, json.JSONDecodeError) as exc:
                raise rejected(source_name, f"ikke en kartfil (GeoJSON, GeoPackage eller zippet Shapefile): {exc}.") from exc
            if not isinstance(document, dict) or not isinstance(document.get("features"), list):
                raise rejected(source_name, "ikke en GeoJSON FeatureCollection (mangler «features»).")
            if not document["features"]:
                raise rejected(source_name, "fila har ingen objekter («features» er tom).")
            path = Path(tmp) / "boundaries.geojson"
            path.write_bytes(data)
            candidates = [str(path)]
        frame = _read_best(candidates, source_name)
    return frame, document


def _inner_files(data: bytes, source_name: str) -> list[str]:
    """Readable boundary files inside a zip (a Shapefile may sit in a folder), best first."""
    try:
        names = zipfile.ZipFile(io.BytesIO(data)).namelist()
    except zipfile.BadZipFile as exc:
        raise rejected(source_name, f"zip-fila kan ikke åpnes ({exc}).") from exc
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
            if any(_find_column(frame.columns, names) for names in KEY_COLUMNS.values()):
                return frame
            first = frame if first is None else first
    if first is None:
        raise rejected(source_name, "fila har ingen kartlag med geometri.")
    return first


def _short(exc: Exception) -> str:
    return str(exc).split(";")[0].strip()


def _with_crs(frame: gpd.GeoDataFrame, source_name: str) -> gpd.GeoDataFrame:
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


def _polygons_only(frame: gpd.GeoDataFrame) -> tuple[gpd.GeoDataFrame, int]:
    keep = frame.geometry.notna() & ~frame.geometry.is_empty
    keep &= frame.geometry.geom_type.isin(["Polygon", "MultiPolygon", "GeometryCollection"])
    return frame[keep].reset_index(drop=True), int((~keep).sum())


# --- keys and names --------------------------------------------------------------------------

def _find_column(columns, candidates: tuple[str, ...], exclude: set[str] | frozenset = frozenset()) -> str | None:
    """The column named like one of the candidates (case-insensitive; also a Shapefile-truncated name)."""
    lowered = {str(c).lower(): c for c in columns if c != "geometry" and c not in exclude}
    for candidate in candidates:
        if candidate in lowered:
            return lowered[candidate]
    for candidate in candidates:
        for low, column in lowered.items():
            if len(low) == SHAPEFILE_NAME_LENGTH and len(candidate) > SHAPEFILE_NAME_LENGTH and candidate.startswith(low):
                return column
    return None


def _digits(value) -> str | None:
    """A code as digits only: 301 → "301", 301.0 → "301", "0301 0101" → "03010101"; None for text."""
    if value is None or (isinstance(value, float) and np.isnan(value)) or value is pd.NA:
        return None
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        value = int(value)
    text = str(value).strip()
    if not text or not re.fullmatch(r"[\d\s\-]+", text):
        return None
    return re.sub(r"\D", "", text)


def _codes(frame: pd.DataFrame, column: str | None) -> pd.Series | None:
    """The column's values as digit strings, or None when the column is missing or holds text."""
    if column is None:
        return None
    values = frame[column].map(_digits)
    present = frame[column].notna()
    return values if present.any() and values[present].notna().all() else None


def _keys(frame: gpd.GeoDataFrame, source_name: str, config: Config,
          warnings: list[str]) -> tuple[str, pd.DataFrame]:
    """The level and a frame of area_id, kommune_id, bydel_id (one row per feature)."""
    kommune_column = _find_column(frame.columns, KOMMUNE_COLUMNS)
    kommuner = _codes(frame, kommune_column)
    if kommuner is not None:
        kommuner = kommuner.map(lambda c: c.zfill(4) if c else None)

    krets_column = _find_column(frame.columns, KEY_COLUMNS["krets"])
    kretser = _codes(frame, krets_column)
    if kretser is not None and kommuner is not None:
        _require(kretser, krets_column, source_name)
        _require(kommuner, kommune_column, source_name)
        kretser = pd.Series([k[-4:] if len(k) == 8 and k.startswith(m) else k.zfill(4)
                             for k, m in zip(kretser, kommuner)], index=frame.index)
        _require_width(kretser, 4, krets_column, source_name)
        return "krets", pd.DataFrame({
            "area_id": [krets_area_id(m, k) for m, k in zip(kommuner, kretser)],
            "kommune_id": kommuner,
            "bydel_id": [krets_to_bydel(k, m, config) for m, k in zip(kommuner, kretser)],
        })

    bydel_column = _find_column(frame.columns, KEY_COLUMNS["bydel"])
    bydeler = _codes(frame, bydel_column)
    if bydel_column and bydeler is None:
        warnings.append(f"Kolonnen «{bydel_column}» har ikke bydelsnumre (bare sifre godtas), og er ikke brukt som nøkkel.")
    if bydeler is not None:
        _require(bydeler, bydel_column, source_name)
        if (bydeler.str.len() <= 2).any() and kommuner is None:
            warnings.append(f"Bydelsnumrene i «{bydel_column}» er korte og fila har ingen kommunenummer; "
                            f"de er lest som bydeler i {config.kommune_name} ({config.kommune_id}).")
        prefixes = kommuner if kommuner is not None else pd.Series(config.kommune_id, index=frame.index)
        bydeler = pd.Series([f"{(m or '').zfill(4)}{b.zfill(2)}" if len(b) <= 2 else b.zfill(6)
                             for b, m in zip(bydeler, prefixes)], index=frame.index)
        _require_width(bydeler, 6, bydel_column, source_name)
        return "bydel", pd.DataFrame({"area_id": bydeler, "kommune_id": bydeler.str[:4], "bydel_id": bydeler})

    if kommuner is not None:
        _require(kommuner, kommune_column, source_name)
        _require_width(kommuner, 4, kommune_column, source_name)
        return "kommune", pd.DataFrame({"area_id": kommuner, "kommune_id": kommuner, "bydel_id": None})

    columns = ", ".join(f"«{c}»" for c in frame.columns if c != "geometry") or "ingen"
    hint = " (kretsnummer trenger også «kommunenummer»)" if krets_column else ""
    raise rejected(source_name, "fant ingen kolonne med områdekode" + hint + ". Forventet bydelsnummer/bydelnr, "
                                f"valgkretsnummer + kommunenummer, eller kommunenummer. Kolonner i fila: {columns}.")


def _require(codes: pd.Series, column: str, source_name: str) -> None:
    missing = codes.isna() | (codes == "")
    if missing.any():
        raise rejected(source_name, "mangler kode.", row=int(np.flatnonzero(missing.to_numpy())[0]) + 1, column=column)


def _require_width(codes: pd.Series, width: int, column: str, source_name: str) -> None:
    wrong = codes.str.len() != width
    if wrong.any():
        row = int(np.flatnonzero(wrong.to_numpy())[0])
        raise rejected(source_name, f"koden «{codes.iloc[row]}» har ikke {width} sifre.", row=row + 1, column=column)


def _names(frame: gpd.GeoDataFrame, level: str, keyed: pd.DataFrame, config: Config) -> list[str]:
    """The file's name for each area; else campaign.toml's name for a bydel; else the code."""
    key_columns = {c for names in KEY_COLUMNS.values() if (c := _find_column(frame.columns, names))}
    column = _find_column(frame.columns, NAME_COLUMNS[level], exclude=key_columns)
    names = frame[column] if column else pd.Series(None, index=frame.index, dtype=object)
    result = []
    for name, area_id in zip(names, keyed["area_id"]):
        text = str(name).strip() if isinstance(name, str) else ""
        result.append(text or (config.bydeler.get(area_id) if level == "bydel" else None) or area_id)
    return result


def _attribution(document: dict | None, frame: gpd.GeoDataFrame) -> str | None:
    """A top-level attribution/license/kilde of a GeoJSON, else the first value of such a column."""
    if document:
        for key, value in document.items():
            if key.lower() in ATTRIBUTION_KEYS and isinstance(value, str) and value.strip():
                return value.strip()
    column = _find_column(frame.columns, ATTRIBUTION_KEYS)
    if column:
        values = [v.strip() for v in frame[column] if isinstance(v, str) and v.strip()]
        if values:
            return values[0]
    return None


# --- geometry --------------------------------------------------------------------------------

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


def _simplify(shapes: gpd.GeoDataFrame, level: str, warnings: list[str]) -> tuple[np.ndarray, Check]:
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


# --- report ----------------------------------------------------------------------------------

def _coverage_check(level: str, rows: pd.DataFrame, config: Config) -> Check:
    have = set(rows["area_id"])
    if level == "bydel":
        missing = [f"{code} {name}" for code, name in config.bydeler.items() if code not in have]
        extra = [f"{r.area_id} {r.area_name}" for r in rows.itertuples() if r.area_id not in config.bydeler]
        message = (f"mangler flate: {', '.join(missing)}" if missing
                   else f"alle {len(config.bydeler)} bydeler i campaign.toml har en flate")
        if extra:
            message += f"; i tillegg {len(extra)} flater som ikke er bydeler i campaign.toml: {', '.join(extra)}"
        return Check("Bydeler med flate", not missing, message)
    if level == "krets":
        with_bydel = set(rows["bydel_id"].dropna())
        missing = [f"{code} {name}" for code, name in config.bydeler.items() if code not in with_bydel]
        orphans = int(rows["bydel_id"].isna().sum())
        message = (f"ingen kretsflater i {', '.join(missing)}" if missing
                   else f"alle {len(config.bydeler)} bydeler har kretsflater")
        if orphans:
            message += f"; {orphans} kretser hører ikke til noen bydel"
        return Check("Bydeler med kretsflater", not missing, message)
    ok = config.kommune_id in have
    return Check("Kommunen i campaign.toml", ok,
                 f"{config.kommune_name} ({config.kommune_id}) er med" if ok
                 else f"{config.kommune_name} ({config.kommune_id}) mangler i fila")


def _areas_summary(level: str, count: int, config: Config) -> str:
    if level == "kommune":
        return f"{fmt.number(count)} kommuner"
    return f"{config.kommune_name} ({config.kommune_id}): {fmt.number(count)} {LEVEL_NOUNS[level]}"

