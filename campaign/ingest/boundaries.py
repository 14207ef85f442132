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

import pandas as pd
import shapely

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch, rejected
from campaign.ingest.boundary_geometry import repaired, serialised, simplify
from campaign.ingest.boundary_keys import area_keys, area_names, attribution_of
from campaign.ingest.boundary_read import polygon_features, read_features, with_crs
from campaign.ingest.boundary_sanity import require_plausible
from campaign.ingest.source import Option, Sniff, Source

KIND = "boundaries"
LEVEL_NOUNS = {"krets": "kretsflater", "bydel": "bydelsflater", "kommune": "kommuner"}
COLUMNS = ["level", "area_id", "area_name", "kommune_id", "bydel_id", "geometry", "attribution"]


def parse_boundaries(data: bytes, source_name: str, config: Config, attribution: str | None = None) -> ParsedBatch:
    """Read, key, filter, repair, simplify and serialise one boundary file."""
    frame, document = read_features(data, source_name)
    frame = with_crs(frame, source_name)
    placed = require_plausible(frame, document, source_name)
    warnings: list[str] = []
    frame = polygon_features(frame, source_name, warnings)

    level, keyed = area_keys(frame, source_name, config, warnings)
    keyed["area_name"] = area_names(frame, level, keyed, config)
    keyed["geometry"] = frame.geometry.values
    keyed, outside = _in_kommune(keyed, level, source_name, config)

    shapes, invalid = repaired(keyed, frame.crs, source_name, warnings)
    simplified, simplify_check = simplify(shapes, level, warnings)
    rows, geometries = serialised(shapes, simplified, source_name, warnings)
    rows["level"] = level
    rows["attribution"] = attribution or attribution_of(document, frame) or f"Kartgrunnlag: {source_name}"
    rows = rows[COLUMNS]

    checks = [placed, *_checks(level, rows, geometries, outside, invalid, simplify_check, config)]
    return ParsedBatch(kind=KIND, source_name=source_name, election_id=None,
                       tables={"boundaries": rows}, areas=_areas_summary(level, len(rows), config),
                       checks=checks, warnings=warnings)


def _in_kommune(keyed: pd.DataFrame, level: str, source_name: str, config: Config) -> tuple[pd.DataFrame, int]:
    """Bydel and krets areas of the configured kommune only, and how many were left out."""
    if level == "kommune":
        return keyed, 0
    inside = keyed["kommune_id"] == config.kommune_id
    if not inside.any():
        found = ", ".join(sorted(set(keyed["kommune_id"].dropna())))
        raise rejected(source_name, f"ingen av flatene hører til {config.kommune_name} ({config.kommune_id}); "
                                    f"fila gjelder kommune {found or 'ukjent'}.")
    return keyed[inside], int((~inside).sum())


# --- report ----------------------------------------------------------------------------------

def _checks(level: str, rows: pd.DataFrame, geometries, outside: int, invalid: int, simplify_check: Check,
            config: Config) -> list[Check]:
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
    return checks


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


# ✱ Source declaration ----------------------------------------------------------------------------
MAP_SUFFIXES = (".shp", ".gpkg", ".geojson")  # a zip holding one of these is a boundary file


def _recognise(sniff: Sniff) -> bool:
    if sniff.is_sqlite:
        return True  # a GeoPackage
    if sniff.is_zip:
        return any(name.lower().endswith(MAP_SUFFIXES) for name in sniff.zip_names)
    document = sniff.document
    return isinstance(document, dict) and (document.get("type") == "FeatureCollection"
                                           or isinstance(document.get("features"), list))


SOURCE = Source(
    kind="boundaries",
    label="Kartgrenser",
    description="kartgrenser (GeoJSON, GeoPackage eller zippet Shapefile)",
    credit="Kartgrenser",
    extensions=("geojson", "json", "gpkg", "zip"),
    recognise=_recognise,
    parse=parse_boundaries,
    tables=("boundaries",),
    options=(Option("attribution", "Kilde for kartgrenser",
                    "kildehenvisning for kartgrenser, f.eks. «Kartverket (CC BY 4.0)»",
                    placeholder="f.eks. Kartverket (CC BY 4.0)"),),
    zip_hint="kartfil (.shp, .gpkg eller .geojson)",
    rules=("alle objekter med geometri kan leses", "koordinatsystemet passer med koordinatene",
           "alle flater ligger i Norge", "nøkkelkolonnen har gyldige koder (bare sifrene 0–9)",
           "minst én flate igjen etter forenkling", "JSON nøstet høyst 64 nivåer",
           "zip-fila har høyst 200 filer og 1 GB innhold"),
)
