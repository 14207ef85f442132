"""Malformed map files, zips and plain junk for the hostile-file corpus (see tests/hostile_corpus.py)."""
from __future__ import annotations

import copy
import io
import json
import random
import sqlite3
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path

from tests.hostile_corpus import FIXTURES, GEO, Case, _named

MAP_FIXTURES = ("bydeler_mini.geojson", "valgkretser_mini.geojson")
REAL_MAPS = ("oslo_bydeler.geojson",)
EPSG = "urn:ogc:def:crs:EPSG::{}"


def _coordinates(doc: dict, change: Callable[[list], list]) -> None:
    """Apply `change` to every position [x, y] of every geometry."""
    def walk(c):
        return change(c) if c and isinstance(c[0], int | float) else [walk(x) for x in c]
    for feature in doc["features"]:
        if feature.get("geometry"):
            feature["geometry"]["coordinates"] = walk(feature["geometry"]["coordinates"])


def _properties(doc: dict, key: str, value, first_only: bool = False) -> None:
    for feature in doc["features"][: 1 if first_only else None]:
        feature["properties"][key] = value


def _key(doc: dict) -> str:
    props = doc["features"][0]["properties"]
    return next(k for k in ("bydelsnummer", "valgkretsnummer") if k in props)


def _string_coordinates(doc: dict) -> None:
    ring = doc["features"][0]["geometry"]["coordinates"]
    doc["features"][0]["geometry"]["coordinates"] = json.loads(json.dumps(ring), parse_float=str, parse_int=str)


def _deep_geometry(doc: dict) -> None:
    nested: list = [10.7, 59.9]
    for _ in range(100):
        nested = [nested]
    doc["features"][0]["geometry"]["coordinates"] = nested


GEOJSON_MUTATIONS: dict[str, Callable[[dict], None]] = {
    "lat_lon_byttet": lambda d: _coordinates(d, lambda c: [c[1], c[0], *c[2:]]),
    "grader_som_epsg3857": lambda d: d.update(crs={"type": "name", "properties": {"name": EPSG.format(3857)}}),
    "grader_som_epsg25833": lambda d: d.update(crs={"type": "name", "properties": {"name": EPSG.format(25833)}}),
    "meter_uten_crs": lambda d: (d.pop("crs", None), _coordinates(d, lambda c: [c[0] * 1e4 + 2e5, c[1] * 1e5])),
    "koordinater_som_tekst": _string_coordinates,
    "koordinater_1e300": lambda d: _coordinates(d, lambda c: [c[0] * 1e300, c[1] * 1e300]),
    "bittesma_flater": lambda d: _coordinates(d, lambda c: [10.7 + c[0] * 1e-9, 59.9 + c[1] * 1e-9]),
    "nokkel_abc": lambda d: _properties(d, _key(d), "abc"),
    "nokkel_abc_i_en": lambda d: _properties(d, _key(d), "abc", first_only=True),
    "nokkel_arabiske_sifre": lambda d: _properties(d, _key(d), "٠٣٠١٠١"),
    "kommunenummer_tekst": lambda d: _properties(d, "kommunenummer", "Oslo"),
    "geometri_nostet_100": _deep_geometry,
    "ingen_objekter": lambda d: d.update(features=[]),
    "ingen_geometri": lambda d: [f.update(geometry=None) for f in d["features"]],
    "bare_punkter": lambda d: [f.update(geometry={"type": "Point", "coordinates": [10.7, 59.9]}) for f in d["features"]],
    "features_ikke_objekter": lambda d: d.update(features=[1, "to", None]),
}


def geojson_cases(name: str, data: bytes, origin: str, only: tuple[str, ...] | None = None) -> list[Case]:
    doc = json.loads(data)
    cases = []
    for mutation, mutate in GEOJSON_MUTATIONS.items():
        if only is None or mutation in only:
            changed = copy.deepcopy(doc)
            mutate(changed)
            cases.append(Case(_named(name, mutation), json.dumps(changed, ensure_ascii=False).encode(), origin, mutation))
    cases.append(Case(_named(name, "avkortet"), data[: len(data) // 2], origin, "avkortet"))
    return cases


def _zip(members: dict[str, bytes], compression: int = zipfile.ZIP_DEFLATED) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _swapped(data: bytes) -> bytes:
    doc = json.loads(data)
    GEOJSON_MUTATIONS["lat_lon_byttet"](doc)
    return json.dumps(doc).encode()


def _sqlite(make: Callable[[sqlite3.Connection], None]) -> bytes:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "x.gpkg"
        with sqlite3.connect(path) as db:
            make(db)
        db.close()
        return path.read_bytes()


def zip_cases(geojson: bytes) -> list[Case]:
    many = {f"del_{i:04d}.txt": b"x" for i in range(500)} | {"bydeler.geojson": geojson}
    zipped = _zip({"bydeler.geojson": geojson})
    return [
        Case("tom.zip", _zip({}), "fixture", "tom_zip"),
        Case("mange_filer.zip", _zip(many), "fixture", "zip_500_filer"),
        Case("nuller.zip", _zip({"kart.geojson": b"\0" * 20_000_000}), "fixture", "zip_20MB_nuller"),
        Case("uten_kart.zip", _zip({"les_meg.txt": b"ingen kart"}), "fixture", "zip_uten_kartfil"),
        Case("avkortet.zip", zipped[: len(zipped) // 2], "fixture", "zip_avkortet"),
        Case("byttet.zip", _zip({"bydeler.geojson": _swapped(geojson)}), "fixture", "zip_lat_lon_byttet"),
        Case("sqlite_uten_kart.gpkg", _sqlite(lambda db: db.execute("create table t (x)")), "fixture", "sqlite_uten_kart"),
        Case("gpkg_nuller.gpkg", b"SQLite format 3\x00" + b"\x00" * 4000, "fixture", "gpkg_nuller"),
    ]


def map_cases() -> list[Case]:
    """Map cases from tests/fixtures (always available)."""
    cases = []
    for i, name in enumerate(MAP_FIXTURES):
        only = None if i == 0 else ("lat_lon_byttet", "grader_som_epsg3857", "nokkel_abc", "koordinater_som_tekst",
                                    "kommunenummer_tekst")
        cases += geojson_cases(name, (FIXTURES / name).read_bytes(), "fixture", only)
    return cases + zip_cases((FIXTURES / MAP_FIXTURES[0]).read_bytes())


def real_map_cases() -> list[Case]:
    """Map cases from ../shared/geo ([] when absent)."""
    cases = []
    for name in REAL_MAPS:
        if (GEO / name).exists():
            cases += geojson_cases(name, (GEO / name).read_bytes(), "reference",
                                   ("lat_lon_byttet", "grader_som_epsg3857", "grader_som_epsg25833",
                                    "koordinater_som_tekst", "nokkel_abc", "nokkel_arabiske_sifre"))
    return cases


def other_cases() -> list[Case]:
    """Files that are nothing the dashboard knows."""
    junk = random.Random(8).randbytes(64_000)
    return [Case(name, data, "fixture", mutation) for name, data, mutation in [
        ("tom.csv", b"", "tom"),
        ("mellomrom.csv", b"   \n\t\n", "bare_mellomrom"),
        ("bom.csv", b"\xef\xbb\xbf", "bare_bom"),
        ("tilfeldig.csv", junk, "binaert_tull"),
        ("tilfeldig.json", b"{" + junk, "binaert_json"),
        ("side.json", b"<html><body>Ikke funnet</body></html>", "html"),
        ("rapport.csv", b"%PDF-1.7\n" + junk[:2000], "pdf"),
        ("stor.json", b"[" + b" " * 50_000_001 + b"]", "json_over_50MB"),
        ("nostet.json", b"[" * 100_000, "bare_klammer"),
    ]]
