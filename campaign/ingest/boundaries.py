"""Boundary files (GeoJSON, GeoPackage, zipped Shapefile) → the boundaries table.

A boundary file is data like any other import: one row per area with its shape as a GeoJSON
geometry in EPSG:4326, simplified once here so the map pages never have to. The level follows
from the key columns found (case-insensitive; Shapefile's 10-character names are understood):

- krets:   ``valgkretsnummer`` / ``stemmekretsnummer`` / ``krets_id`` with ``kommunenummer``
           (Kartverket's «Valgkretser»); area_id "0301-1203", bydel_id via krets_to_bydel
- bydel:   ``bydelsnummer`` / ``bydelnr`` / ``bydel_id`` / ``bydel``: the 6-digit SSB code, or a
           1–2 digit number that ``kommunenummer`` (else the configured kommune) completes
- kommune: ``kommunenummer`` alone; every kommune in the file is kept

Every level is filtered to the kommuner of the configured fylke (what the store keeps, so a
county branch and its kommuner share one import); a kommune branch's bydel or krets file must
hold its own kommune. Geometry is reprojected to
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
    keyed, outside = _in_area(keyed, level, source_name, config)

    shapes, invalid = repaired(keyed, frame.crs, source_name, warnings)
    simplified, simplify_check = simplify(shapes, level, warnings)
    rows, geometries = serialised(shapes, simplified, source_name, warnings)
    rows["level"] = level
    rows["attribution"] = attribution or attribution_of(document, frame) or f"Kartgrunnlag: {source_name}"
    rows = rows[COLUMNS]

    checks = [placed, *_checks(level, rows, geometries, outside, invalid, simplify_check, config)]
    return ParsedBatch(kind=KIND, source_name=source_name, election_id=None,
                       tables={"boundaries": rows}, areas=_areas_summary(level, rows, config),
                       checks=checks, warnings=warnings, area=config.fylke_id)


def _in_area(keyed: pd.DataFrame, level: str, source_name: str, config: Config) -> tuple[pd.DataFrame, int]:
    """The areas in the kommuner of the configured fylke (what the store keeps, for a kommune branch
    too), and how many were left out. A kommune branch's bydel or krets file must hold its kommune."""
    if level != "kommune" and config.kommune_id and not keyed["kommune_id"].eq(config.kommune_id).any():
        raise rejected(source_name, f"ingen av flatene hører til {config.kommune_name} ({config.kommune_id}); "
                                    f"fila gjelder kommune {_found(keyed)}.")
    inside = keyed["kommune_id"].map(config.in_fylke).astype(bool)
    if not inside.any():
        raise rejected(source_name, f"ingen av flatene ligger i {_fylke_label(config)} (kommunenumre som begynner "
                                    f"på {config.fylke_id}); fila gjelder kommune {_found(keyed)}.")
    return keyed[inside], int((~inside).sum())


def _found(keyed: pd.DataFrame) -> str:
    found = sorted(set(keyed["kommune_id"].dropna()))
    return (", ".join(found[:8]) + (f" og {len(found) - 8} til" if len(found) > 8 else "")) or "ukjent"


def _fylke_label(config: Config) -> str:
    return f"{config.fylke_name} ({config.fylke_id})" if config.fylke_name else f"fylke {config.fylke_id}"


def _kept_label(rows: pd.DataFrame, config: Config) -> str:
    """«Oslo (0301)» when every kept area lies in the configured kommune, else the fylke."""
    if config.kommune_id and set(rows["kommune_id"]) <= {config.kommune_id}:
        return f"{config.kommune_name} ({config.kommune_id})"
    return _fylke_label(config)


# --- report ----------------------------------------------------------------------------------

def _checks(level: str, rows: pd.DataFrame, geometries, outside: int, invalid: int, simplify_check: Check,
            config: Config) -> list[Check]:
    size_kb = sum(len(g) for g in rows["geometry"]) / 1000
    checks = [_coverage_check(level, rows, config)]
    if level != "kommune":
        kept = _kept_label(rows, config)
        checks.append(Check("Flater utenfor kommunen", True,
                            f"{outside} flater utenfor {kept} utelatt"
                            if outside else f"alle flatene i fila hører til {kept.split(' (')[0]}"))
    elif outside:
        checks.append(Check("Kommuner utenfor fylket", True,
                            f"{outside} kommuner utenfor {_fylke_label(config)} utelatt"))
    all_valid = bool(shapely.is_valid(geometries).all())
    validity = f"alle {len(rows)} flater er gyldige" if all_valid else "noen flater er fortsatt ugyldige"
    checks.append(Check("Gyldige flater", all_valid,
                        f"{invalid} ugyldige geometrier reparert; {validity}" if invalid else validity))
    checks.append(Check(simplify_check.name, simplify_check.ok,
                        f"{simplify_check.message}; {fmt.number(round(size_kb))} KB GeoJSON"))
    return checks


def _coverage_check(level: str, rows: pd.DataFrame, config: Config) -> Check:
    have = set(rows["area_id"])
    if level in ("bydel", "krets") and not config.bydeler:
        noun = LEVEL_NOUNS[level]
        return Check(f"{noun.capitalize()} i området", True,
                     f"campaign.toml har ingen bydeler for {config.area_name}; {fmt.number(len(rows))} {noun} i "
                     f"{fmt.number(rows['kommune_id'].nunique())} {'kommune' if rows['kommune_id'].nunique() == 1 else 'kommuner'}")
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
    if config.is_county:
        return Check("Kommuner i fylket", True, f"{fmt.number(len(have))} kommuner i {_fylke_label(config)}")
    ok = config.kommune_id in have
    return Check("Kommunen i campaign.toml", ok,
                 f"{config.kommune_name} ({config.kommune_id}) er med" if ok
                 else f"{config.kommune_name} ({config.kommune_id}) mangler i fila")


def _areas_summary(level: str, rows: pd.DataFrame, config: Config) -> str:
    count = fmt.number(len(rows))
    if level == "kommune":
        if config.kommune_id and set(rows["kommune_id"]) == {config.kommune_id}:
            return f"{config.kommune_name} ({config.kommune_id})"
        return f"{count} {'kommune' if len(rows) == 1 else 'kommuner'} i {_fylke_label(config)}"
    kommuner = rows["kommune_id"].nunique()
    where = f" i {kommuner} kommuner" if kommuner > 1 else ""
    return f"{_kept_label(rows, config)}: {count} {LEVEL_NOUNS[level]}{where}"


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
