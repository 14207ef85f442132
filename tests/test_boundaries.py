"""Boundary files as data: GeoJSON, GeoPackage and zipped Shapefile → the boundaries table."""
from __future__ import annotations

import json
import re
import sqlite3
import warnings
import zipfile
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from campaign.cli import main
from campaign.config import load_config
from campaign.demo import write_demo
from campaign.ingest.base import ImportRejected
from campaign.ingest.boundaries import parse_boundaries
from campaign.ingest.importer import apply_import, detect_kind, plan_import, undo_import
from campaign.store import Store
from tests.conftest import SHARED

FIXTURES = Path(__file__).resolve().parent / "fixtures"
MINI = FIXTURES / "bydeler_mini.geojson"  # 4 Oslo bydeler (Alna in two parts, Sagene a bow-tie) + 1 Bergen
KRETSER = FIXTURES / "valgkretser_mini.geojson"  # Kartverket layout, EPSG:25833 with a "crs" member
GEO = SHARED / "geo"
CONFIG = load_config()
MINI_IDS = ["030101", "030102", "030103", "030112"]
KRETS_IDS = ["0301-0101", "0301-0102", "0301-1203", "0301-1601"]


def shared_geo(name: str) -> Path:
    """A file in ../shared/geo (read from there, never copied into the repository), or skip."""
    path = GEO / name
    if not path.exists():
        pytest.skip(f"../shared/geo mangler ({path}); test med ekte kartgrenser hoppes over")
    return path


def import_files(store: Store, *files: tuple[str, bytes]):
    plan = plan_import(list(files), store, CONFIG)
    return plan, apply_import(plan, store, CONFIG)


def as_gpkg(source: Path, tmp_path: Path) -> tuple[str, bytes]:
    target = tmp_path / f"{source.stem}.gpkg"
    gpd.read_file(source).to_file(target, driver="GPKG", layer=source.stem)
    return target.name, target.read_bytes()


def as_zipped_shapefile(source: Path, tmp_path: Path) -> tuple[str, bytes]:
    """The file as a Shapefile inside a folder in a zip, the way download services deliver them."""
    folder = tmp_path / "shp"
    folder.mkdir()
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gpd.read_file(source).to_file(folder / f"{source.stem}.shp", driver="ESRI Shapefile")
    assert any("truncated" in str(w.message) for w in caught)  # Shapefile cuts column names to 10 characters
    target = tmp_path / f"{source.stem}.zip"
    with zipfile.ZipFile(target, "w") as archive:
        for part in sorted(folder.iterdir()):
            archive.write(part, f"{source.stem}/{part.name}")
    return target.name, target.read_bytes()


def geometries(rows: pd.DataFrame) -> gpd.GeoSeries:
    return gpd.GeoSeries(shapely.from_geojson(rows["geometry"].tolist()), index=rows["area_id"].tolist(), crs=4326)


def coordinates(rows: pd.DataFrame) -> list[str]:
    return re.findall(r"-?\d+\.\d+", "".join(rows["geometry"]))


def feature_collection(*features: dict, **members) -> bytes:
    return json.dumps({"type": "FeatureCollection", **members, "features": list(features)}).encode()


def square(properties: dict, x: float = 10.76, y: float = 59.90, size: float = 0.02) -> dict:
    ring = [[x, y], [x + size, y], [x + size, y + size], [x, y + size], [x, y]]
    return {"type": "Feature", "properties": properties, "geometry": {"type": "Polygon", "coordinates": [ring]}}


# --- recognising and parsing ---------------------------------------------------------------------

def test_detect_kind_knows_boundary_files_from_their_content(tmp_path):
    assert detect_kind(MINI.read_bytes(), "x.geojson") == "boundaries"
    assert detect_kind(b'{"features": []}', "x.json") == "boundaries"
    assert detect_kind(as_gpkg(MINI, tmp_path)[1], "x.gpkg") == "boundaries"
    assert detect_kind(as_zipped_shapefile(MINI, tmp_path)[1], "x.zip") == "boundaries"
    assert detect_kind(b'{"id": {"nivaa": "kommune"}}', "x.json") == "valg_json"  # still a result
    empty_zip = tmp_path / "tom.zip"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("les_meg.txt", "ingen kart her")
    with pytest.raises(ImportRejected, match="ingen kartfil"):
        detect_kind(empty_zip.read_bytes(), "tom.zip")
    with pytest.raises(ImportRejected, match="ukjent filtype.*GeoJSON"):
        detect_kind(b"Dato;Visninger\n", "meta.csv")


def test_a_bydel_geojson_is_keyed_filtered_repaired_and_simplified():
    batch = parse_boundaries(MINI.read_bytes(), MINI.name, CONFIG)
    rows = batch.tables["boundaries"].set_index("area_id", drop=False)
    assert batch.kind == "boundaries" and batch.election_id is None
    assert batch.areas == "Oslo (0301): 4 bydelsflater"
    assert list(rows["area_id"]) == MINI_IDS  # the Bergen bydel 460101 is dropped
    assert set(rows["level"]) == {"bydel"} and set(rows["kommune_id"]) == {"0301"}
    assert list(rows["bydel_id"]) == MINI_IDS
    assert rows.loc["030102", "area_name"] == "Grünerløkka"  # no name in the file: campaign.toml's
    assert rows.loc["030101", "area_name"] == "Gamle Oslo"
    assert set(rows["attribution"]) == {"Testflater tegnet for hånd (ikke ekte grenser)"}  # top-level member
    shapes = geometries(rows)
    assert shapes.is_valid.all()
    assert shapes["030112"].geom_type == "MultiPolygon" and len(shapes["030112"].geoms) == 2  # two features, one area
    assert shapes["030103"].geom_type == "MultiPolygon"  # the bow-tie, repaired into two triangles
    assert json.loads(rows.loc["030101", "geometry"])["type"] == "Polygon"
    assert all(len(c.split(".")[1]) <= 5 for c in coordinates(rows))
    assert shapes["030101"].exterior.is_ccw  # RFC 7946 orientation
    assert shapes["030101"].hausdorff_distance(shapely.box(10.76, 59.90, 10.80, 59.92)) < 1e-5
    # shared edges stay shared: Gamle Oslo and Grünerløkka meet along a line, with no overlap
    assert shapes["030101"].intersection(shapes["030102"]).geom_type in ("LineString", "MultiLineString")
    checks = {c.name: c for c in batch.checks}
    assert not checks["Bydeler med flate"].ok and "030104 St. Hanshaugen" in checks["Bydeler med flate"].message
    assert "1 flater utenfor Oslo" in checks["Flater utenfor kommunen"].message
    assert checks["Gyldige flater"].ok and "1 ugyldige geometrier reparert" in checks["Gyldige flater"].message
    assert checks["Forenkling"].ok and "felles kanter bevart" in checks["Forenkling"].message
    assert any("samme kode" in w for w in batch.warnings)


def test_attribution_argument_and_column_and_default():
    given = parse_boundaries(MINI.read_bytes(), MINI.name, CONFIG, attribution="Kartdata: Oslo kommune")
    assert set(given.tables["boundaries"]["attribution"]) == {"Kartdata: Oslo kommune"}
    column = feature_collection(square({"bydelsnummer": "030101", "Kilde": "Geonorge (CC BY 4.0)"}))
    assert parse_boundaries(column, "a.geojson", CONFIG).tables["boundaries"]["attribution"].iloc[0] == "Geonorge (CC BY 4.0)"
    plain = feature_collection(square({"bydelsnummer": "030101"}))
    assert parse_boundaries(plain, "b.geojson", CONFIG).tables["boundaries"]["attribution"].iloc[0] == "Kartgrunnlag: b.geojson"


def test_a_kartverket_krets_file_in_utm_is_keyed_like_the_turnout_view():
    batch = parse_boundaries(KRETSER.read_bytes(), KRETSER.name, CONFIG)
    rows = batch.tables["boundaries"].set_index("area_id", drop=False)
    assert batch.areas == "Oslo (0301): 4 kretsflater"
    assert list(rows["area_id"]) == KRETS_IDS  # Fornebu (3201) dropped
    assert set(rows["level"]) == {"krets"}
    assert rows["bydel_id"].to_dict() == {"0301-0101": "030101", "0301-0102": "030101",
                                          "0301-1203": "030112", "0301-1601": "030104"}  # 1601: an exception
    assert rows.loc["0301-1601", "area_name"] == "Oslo rådhus"
    assert set(rows["attribution"]) == {f"Kartgrunnlag: {KRETSER.name}"}
    minx, miny, maxx, maxy = geometries(rows).total_bounds  # reprojected from EPSG:25833 to lon/lat
    assert 10.6 < minx < maxx < 10.9 and 59.9 < miny < maxy < 60.0
    areas = geometries(rows).to_crs(25833).area
    assert ((areas - 1e6).abs() < 0.01e6).all()  # 1 km² squares, after rounding to 5 decimals
    checks = {c.name: c for c in batch.checks}
    assert not checks["Bydeler med kretsflater"].ok and "030115 Søndre Nordstrand" in checks["Bydeler med kretsflater"].message


def test_codes_as_numbers_and_short_bydel_numbers_keep_their_leading_zeros():
    numbers = feature_collection(square({"BYDELNR": 12, "KOMMUNENUMMER": 301, "NAVN": "Alna"}),
                                 square({"BYDELNR": 1, "KOMMUNENUMMER": 301}, x=10.70))
    rows = parse_boundaries(numbers, "tall.geojson", CONFIG).tables["boundaries"]
    assert list(rows["area_id"]) == ["030101", "030112"] and list(rows["area_name"]) == ["Gamle Oslo", "Alna"]
    kretser = feature_collection(square({"stemmekretsnummer": 101, "kommunenummer": "301"}))
    assert parse_boundaries(kretser, "k.geojson", CONFIG).tables["boundaries"]["area_id"].tolist() == ["0301-0101"]
    kommuner = feature_collection(square({"kommunenummer": 301, "kommunenavn": "Oslo"}),
                                  square({"kommunenummer": 3201, "kommunenavn": "Bærum"}, x=10.50))
    batch = parse_boundaries(kommuner, "kommuner.geojson", CONFIG)
    rows = batch.tables["boundaries"]
    # issue 10: the kommuner of the configured fylke are kept (Oslo's fylke 03 has only 0301), not every kommune
    assert batch.areas == "Oslo (0301)" and list(rows["area_id"]) == ["0301"]
    assert "1 kommuner utenfor fylke 03 utelatt" in {c.message for c in batch.checks}
    assert set(rows["level"]) == {"kommune"} and rows["bydel_id"].isna().all()


@pytest.mark.parametrize(("contents", "problem"), [
    (feature_collection(square({"bydelsnummer": "460101", "kommunenummer": "4601"})),
     r"«bergen\.geojson»: ingen av flatene hører til Oslo \(0301\); fila gjelder kommune 4601"),
    (feature_collection(square({"foo": 1, "Bydelsnavn": "Alna"})),
     r"«bergen\.geojson»: fant ingen kolonne med områdekode.*«foo», «Bydelsnavn»"),
    (feature_collection(), r"ingen objekter"),
    (feature_collection({"type": "Feature", "properties": {"bydelsnummer": "030101"}, "geometry": None}),
     r"ingen flater"),
    (feature_collection({"type": "Feature", "properties": {"bydelsnummer": "030101"},
                         "geometry": {"type": "Point", "coordinates": [10.7, 59.9]}}), r"ingen flater"),
    (feature_collection(square({"bydelsnummer": "030101"}, x=262000, y=6649000, size=1000)),
     r"koordinatsystem"),  # metres in a GeoJSON without a "crs" member (which means lon/lat)
    (feature_collection(square({"bydelsnummer": "0301012"})), r"rad 1, kolonne «bydelsnummer»: koden «0301012»"),
])
def test_rejections_name_the_file_and_the_problem(contents, problem):
    with pytest.raises(ImportRejected, match=problem):
        parse_boundaries(contents, "bergen.geojson", CONFIG)


def test_a_sqlite_file_that_is_no_geopackage_is_rejected(tmp_path):
    path = tmp_path / "ikke_kart.gpkg"
    with sqlite3.connect(path) as db:
        db.execute("create table t (x integer)")
    with pytest.raises(ImportRejected, match="«ikke_kart.gpkg»"):
        parse_boundaries(path.read_bytes(), path.name, CONFIG)


# --- through the importer into a store ------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["geojson", "gpkg", "zip"])
def test_each_format_imports_into_the_store_and_a_reimport_changes_nothing(fmt, tmp_path):
    make = {"geojson": lambda s: (s.name, s.read_bytes()),
            "gpkg": lambda s: as_gpkg(s, tmp_path / s.stem),
            "zip": lambda s: as_zipped_shapefile(s, tmp_path / s.stem)}[fmt]
    for source in (MINI, KRETSER):
        (tmp_path / source.stem).mkdir()
    bydel_file, krets_file = make(MINI), make(KRETSER)
    store = Store(tmp_path / "store")
    plan, ids = import_files(store, bydel_file, krets_file)
    assert [r.accepted for r in plan.reports] == [True, True] and len(ids) == 2, [r.error for r in plan.reports]
    assert [r.kind for r in plan.reports] == ["boundaries", "boundaries"]
    assert plan.reports[0].rows == {"boundaries": 4} and plan.reports[0].replaces == 0
    stored = store.read("boundaries")
    assert sorted(stored["area_id"]) == sorted(MINI_IDS + KRETS_IDS)  # both levels side by side
    assert stored.groupby("level")["import_id"].first().to_dict() == {"bydel": ids[0], "krets": ids[1]}
    assert geometries(stored).is_valid.all()
    krets = stored[stored["level"] == "krets"].set_index("area_id")
    assert krets.loc["0301-1601", "bydel_id"] == "030104"
    if fmt != "zip":  # a Shapefile keeps only the first 10 characters of «valgkretsnavn», clashing with the number
        assert krets.loc["0301-0101", "area_name"] == "Vahl"
    log = store.read("imports")
    assert list(log["kind"]) == ["boundaries", "boundaries"] and log["election_id"].isna().all()
    assert log["first_date"].isna().all() and list(log["rows"]) == [4, 4]
    assert store.read("elections").empty  # boundaries belong to no election
    version = store.version()
    again, none = import_files(store, bydel_file, krets_file)
    assert [r.already_imported for r in again.reports] == [True, True] and none == []
    assert store.version() == version


def test_a_newer_file_replaces_areas_by_level_and_code(tmp_path):
    store = Store(tmp_path)
    _, (first,) = import_files(store, (MINI.name, MINI.read_bytes()))
    newer = json.loads(MINI.read_text(encoding="utf-8"))
    newer["features"] = [f for f in newer["features"] if f["properties"]["bydelsnummer"] == "030101"]
    newer["features"][0]["properties"]["bydelsnavn"] = "Gamle Oslo (ny)"
    newer["features"][0]["geometry"]["coordinates"][0][1] = [10.81, 59.90]  # a corner moves east
    plan, (second,) = import_files(store, ("bydeler_ny.geojson", json.dumps(newer).encode()))
    assert plan.reports[0].replaces == 1
    stored = store.read("boundaries").set_index("area_id")
    assert sorted(stored.index) == MINI_IDS  # still one row per area
    assert stored.loc["030101", "area_name"] == "Gamle Oslo (ny)" and stored.loc["030101", "import_id"] == second
    assert "10.81,59.9" in stored.loc["030101", "geometry"]
    assert (stored.drop(index="030101")["import_id"] == first).all()
    assert store.read("imports").set_index("import_id").loc[second, "replaced_rows"] == 1
    assert undo_import(store, second) == 1  # undo takes the new shape away (the old one does not come back)
    assert sorted(store.read("boundaries")["area_id"]) == ["030102", "030103", "030112"]


def test_boundaries_leave_the_demo_data_alone(tmp_path):
    store = Store(tmp_path)
    write_demo(store, CONFIG)
    before = {name: len(store.read(name)) for name in ("results", "turnout", "elections")}
    plan, ids = import_files(store, (MINI.name, MINI.read_bytes()))
    assert ids and plan.reports[0].replaces == 0
    assert not any("Eksempeldataene" in w for w in plan.reports[0].warnings)
    assert {name: len(store.read(name)) for name in before} == before
    assert len(store.read("boundaries")) == 4


def test_rejected_boundary_files_change_nothing(tmp_path):
    store = Store(tmp_path)
    import_files(store, (MINI.name, MINI.read_bytes()))
    version = store.version()
    bergen = feature_collection(square({"bydelsnummer": "460101", "kommunenummer": "4601"}))
    no_key = feature_collection(square({"id": 7}))
    plan, ids = import_files(store, ("bergen.geojson", bergen), ("uten_kode.geojson", no_key),
                             ("notat.txt", b"Dette er ingen kartfil.\n"))
    assert ids == [] and store.version() == version
    errors = [r.error for r in plan.reports]
    assert "«bergen.geojson»" in errors[0] and "0301" in errors[0]
    assert "«uten_kode.geojson»" in errors[1] and "«id»" in errors[1]
    assert "«notat.txt»" in errors[2] and "ukjent filtype" in errors[2]


def test_cli_imports_a_boundary_file(tmp_path, capsys):
    code = main(["import", "--data-dir", str(tmp_path), str(KRETSER)])
    out = capsys.readouterr().out
    assert code == 0 and out.startswith("OK") and "kartgrenser" in out and "4 kretsflater" in out
    assert len(Store(tmp_path).read("boundaries")) == 4


# --- real boundaries from ../shared/geo ---------------------------------------------------------------

def test_real_oslo_bydeler(tmp_path):
    path = shared_geo("oslo_bydeler.geojson")
    store = Store(tmp_path)
    plan, ids = import_files(store, (path.name, path.read_bytes()))
    report = plan.reports[0]
    assert ids and report.areas == "Oslo (0301): 17 bydelsflater"
    assert all(c.ok for c in report.checks), report.checks
    stored = store.read("boundaries").set_index("area_id", drop=False)
    assert len(stored) == 17 and set(CONFIG.bydeler) <= set(stored.index)  # 15 bydeler + Sentrum + Marka
    assert {"030116", "030117"} <= set(stored.index)
    source = {f["properties"]["bydelsnummer"]: f["properties"] for f in json.loads(path.read_text())["features"]}
    assert stored["area_name"].to_dict() == {code: p["bydelsnavn"] for code, p in source.items()}
    shapes = geometries(stored)
    assert shapes.is_valid.all()
    km2 = shapes.to_crs(25833).area / 1e6
    for code, props in source.items():
        assert km2[code] == pytest.approx(props["areal_km2"], rel=0.02), code
    assert sum(len(g) for g in stored["geometry"]) < 150_000


def test_real_norwegian_kommuner(tmp_path):
    path = shared_geo("norge_kommuner_2024.geojson")
    store = Store(tmp_path)
    plan, ids = import_files(store, (path.name, path.read_bytes()))
    # issue 10: the store keeps the configured fylke's kommuner; for Oslo that is 0301 alone (of 357)
    assert ids and plan.reports[0].areas == "Oslo (0301)"
    stored = store.read("boundaries").set_index("area_id")
    assert list(stored.index) == ["0301"] and set(stored["level"]) == {"kommune"}
    assert stored.loc["0301", "area_name"] == "Oslo" and stored.loc["0301", "kommune_id"] == "0301"
    assert geometries(stored.reset_index()).is_valid.all()


def test_an_unreadable_map_file_is_named_without_the_temporary_path():
    from campaign.ingest.registry import parse
    with pytest.raises(ImportRejected) as caught:
        parse(b"SQLite format 3\x00" + b"\x00" * 200, "grenser.gpkg", CONFIG)
    message = str(caught.value)
    assert message.startswith("«grenser.gpkg»") and "/tmp" not in message and "boundaries-" not in message


def test_krets_and_bydel_files_for_a_county_and_a_kommune_without_bydeler(monkeypatch):
    from tests.branches import use_branch
    county = use_branch(monkeypatch, "trondelag")
    kretser = feature_collection(square({"stemmekretsnummer": "0003", "kommunenummer": "5001"}, x=10.40, y=63.40),
                                 square({"stemmekretsnummer": "0101", "kommunenummer": "5031"}, x=10.70, y=63.40),
                                 square({"stemmekretsnummer": "0101", "kommunenummer": "0301"}))
    batch = parse_boundaries(kretser, "kretser.geojson", county)
    assert batch.tables["boundaries"]["area_id"].tolist() == ["5001-0003", "5031-0101"]
    assert batch.areas == "Trøndelag (50): 2 kretsflater i 2 kommuner"
    messages = {c.name: c.message for c in batch.checks}
    assert messages["Flater utenfor kommunen"] == "1 flater utenfor Trøndelag (50) utelatt"
    assert "campaign.toml har ingen bydeler for Trøndelag; 2 kretsflater i 2 kommuner" in messages.values()
    short = feature_collection(square({"bydelsnummer": "1"}, x=10.40, y=63.40))
    with pytest.raises(ImportRejected, match="Trøndelag er et fylke, så kommunen kan ikke gjettes"):
        parse_boundaries(short, "bydeler.geojson", county)
    city = use_branch(monkeypatch, "trondheim")
    batch = parse_boundaries(kretser, "kretser.geojson", city)
    assert batch.tables["boundaries"]["kommune_id"].tolist() == ["5001", "5031"]  # the fylke, for a switch
    assert batch.areas == "Trøndelag (50): 2 kretsflater i 2 kommuner"
    with pytest.raises(ImportRejected, match=r"ingen av flatene hører til Trondheim \(5001\); fila gjelder kommune 5031"):
        parse_boundaries(feature_collection(square({"stemmekretsnummer": "1", "kommunenummer": "5031"}, y=63.4)),
                         "malvik.geojson", city)
