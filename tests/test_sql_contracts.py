"""Contract tests (dbt-style) for every .sql file under queries/: columns, grain, keys, invariants."""
from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import pytest

from campaign.db import QUERY_DIR, STAGING_DIR, Database
from campaign.sandbox import readonly_sql
from campaign.store import DATA_TABLES, NATURAL_KEYS, SCHEMAS, ImportRecord, Store
from tests.tiny_store import DIGITAL_FIRST, DIGITAL_LAST, write_digital_store, write_fixture_store

SQUARE = json.dumps({"type": "Polygon", "coordinates": [[[10.7, 59.9], [10.8, 59.9], [10.8, 60.0], [10.7, 59.9]]]})
# (level, area_id, name, kommune, bydel): two bydeler in 0301, one bydel and two kommuner elsewhere
BOUNDARY_ROWS = [
    ("bydel", "030101", "Øst", "0301", "030101"), ("bydel", "030102", "Vest", "0301", "030102"),
    ("bydel", "460101", "Arna", "4601", "460101"), ("kommune", "0301", "By", "0301", None),
    ("kommune", "4601", "Bergen", "4601", None), ("krets", "0301-0101", "Skole A", "0301", "030101"),
]


def _add_boundaries(store: Store) -> None:
    rows = pd.DataFrame(BOUNDARY_ROWS, columns=["level", "area_id", "area_name", "kommune_id", "bydel_id"])
    rows = rows.assign(geometry=SQUARE, attribution="Test", import_id=store.next_import_id())
    store.commit({"boundaries": rows},
                 ImportRecord(kind="boundaries", source_name="grenser.geojson", sha256="y", rows=len(rows)))


@pytest.fixture(scope="module")
def store(tmp_path_factory) -> Store:
    """The tiny store, plus a boundaries import and an import none of whose rows are left."""
    store = write_fixture_store(tmp_path_factory.mktemp("contracts"))
    _add_boundaries(store)
    store.commit({}, ImportRecord(kind="fixture", source_name="gammel.csv", sha256="z", rows=3, replaced_rows=0))
    return store


@pytest.fixture(scope="module")
def db(store) -> Database:
    return Database(store)


@pytest.fixture(scope="module")
def county_db(tmp_path_factory) -> Database:
    """Three kommuner of fylke 50 in two valgdistrikter, with fylke rows and mandates (tests/test_results.py)."""
    from tests.test_results import write_county_store
    return Database(write_county_store(tmp_path_factory.mktemp("county")))


@pytest.fixture(scope="module")
def digital_db(tmp_path_factory) -> Database:
    """The tiny digital store (social, ads, web): tests/tiny_store.py's digital_frames."""
    return Database(write_digital_store(tmp_path_factory.mktemp("digital")))


@pytest.fixture(scope="module")
def field_db(tmp_path_factory) -> Database:
    """A store holding only the field-work demo tables (campaign/demo_field.py)."""
    from campaign.config import load_config
    from campaign.demo_field import build_field

    store = Store(tmp_path_factory.mktemp("field"))
    frames = {name: frame.assign(import_id=1) for name, frame in build_field(load_config()).items()}
    store.commit(frames, ImportRecord(kind="fixture", source_name="felt.csv", sha256="f",
                                      rows=sum(len(f) for f in frames.values())))
    return Database(store)


@dataclass(frozen=True)
class Contract:
    """What one .sql file promises: how to run it on the tiny store, its columns, its grain."""
    run: Callable[[Database], pd.DataFrame]
    columns: tuple[str, ...]
    grain: tuple[str, ...]  # () means exactly one row
    not_null: tuple[str, ...] | None = None  # keys that may not be NULL; the grain when None
    digital: bool = False  # run on the tiny digital store instead of the election one
    field: bool = False  # run on the field-work demo tables instead
    county: bool = False  # run on the tiny county store (tests/test_results.py) instead
    demo: bool = False  # run on the demo store (conftest demo_db): district councils and school elections


def named(name: str, **params) -> Callable[[Database], pd.DataFrame]:
    """Run a named query with bound parameters."""
    return lambda db: db.query(name, **params)


def select(sql: str) -> Callable[[Database], pd.DataFrame]:
    """Run fixed test SQL the way the `sql` command does (staging objects are visible there)."""
    return lambda db: readonly_sql(db.store, sql)


WINDOW = {"first_date": DIGITAL_FIRST, "last_date": DIGITAL_LAST}
PREVIOUS = {"previous_first": dt.date(2023, 7, 28), "previous_last": dt.date(2023, 7, 31)}
SOCIAL = ("views", "reach", "impressions")
SOCIAL_PARTS = ("likes", "comments", "shares", "profile_visits", "posts")
ADS = ("spend_nok", "impressions", "link_clicks", "landing_page_views")
REACH = ("reach", "reach_impressions", "published_frequency", "reach_first_date", "reach_last_date", "reach_spend_nok")
WEB = ("sessions", "engaged_sessions", "users", "views")
OUTCOMES = ("positive", "undecided", "negative", "wrong_number")
SHARES = ("share_pct", "compare_votes", "compare_share_pct", "change_pp")
CONTRACTS: dict[str, Contract] = {
    "boundaries": Contract(
        named("boundaries", level="bydel", kommune_id="0301"),
        ("area_id", "area_name", "bydel_id", "geometry", "attribution"), ("area_id",)),
    "data_status": Contract(
        named("data_status"),
        ("results_rows", "turnout_rows", "social_rows", "ads_rows", "social_first_date", "social_last_date",
         "ads_first_date", "ads_last_date", "demo_imports", "real_imports", "live_sources", "live_kinds",
         "live_imports", "last_imported_at", "last_import_kind", "last_import_source"), ()),
    "elections_available": Contract(
        named("elections_available", kommune_id="0301", fylke_id="03"),
        ("election_id", "kind", "year", "election_date", "name", "result_levels", "kretser", "turnout_levels", "demo"),
        ("election_id",)),
    "import_log": Contract(
        named("import_log"),
        ("import_id", "imported_at", "kind", "source_name", "rows", "election_id", "first_date", "last_date",
         "replaced_rows", "live_rows"), ("import_id",)),
    "party_shares": Contract(
        named("party_shares", election_id="e1", compare_id="e0", area_id="0301"),
        ("party_code", "party_name", "votes", "advance_votes", "election_day_votes", *SHARES), ("party_code",)),
    "party_shares_by_subarea": Contract(
        named("party_shares_by_subarea", election_id="e1", compare_id="e0", area_id="0301", level="krets",
              kommune_id=None),
        ("area_id", "area_name", "kommune_id", "bydel_id", "krets_id", "party_code", "party_name", "votes",
         "total_votes", "share_pct", "compare_votes", "compare_total_votes", "compare_share_pct", "change_pp"),
        ("area_id", "party_code")),
    "constituencies": Contract(
        named("constituencies", election_id="st2021", area_id="50"),
        ("constituency_id", "district_name", "kommuner", "other_kommuner", "area_votes", "district_votes", "seats",
         "district_seats"), ("constituency_id",), county=True),
    "mandates": Contract(
        named("mandates", election_id="st2021", area_level="fylke", area_id="16"),
        ("area_level", "area_id", "area_name", "party_code", "seats", "leveling_seats", "district_seats"),
        ("area_id", "party_code"), county=True),
    "party_shares_by_krets": Contract(
        named("party_shares_by_krets", election_id="e1", compare_id="e0", kommune_id="0301", bydel_id=None,
              party_code="A"),
        ("krets_id", "krets_name", "bydel_id", "votes", "total_votes", "share_pct", "compare_share_pct",
         "change_pp"), ("krets_id",)),
    "turnout_by_area": Contract(
        named("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="0301", level="krets"),
        ("area_id", "area_name", "kommune_id", "bydel_id", "eligible_voters", "votes_cast", "non_voters", "turnout_pct",
         "compare_eligible_voters", "compare_turnout_pct", "change_pp"), ("area_id",)),
    "digital_sources": Contract(
        named("digital_sources", tables=["social", "ads", "ad_buys", "web", "web_pages"]),
        ("source_table", "platform", "name", "first_date", "last_date", "rows"),
        ("source_table", "platform", "name"), digital=True),
    "social_daily": Contract(
        named("social_daily", **WINDOW, platform=None, account=None, per_platform=False),
        ("date", "platform", "account", *SOCIAL, "followers", "new_followers", *SOCIAL_PARTS, "engagement"),
        ("date", "platform", "account"), digital=True),
    "social_period_totals": Contract(
        named("social_period_totals", **WINDOW, **PREVIOUS, platform=None, account=None),
        ("period", "platform", "account", "days_with_data", *SOCIAL, "new_followers", *SOCIAL_PARTS, "engagement",
         "followers_first", "followers_last"), ("period", "platform", "account"), digital=True),
    "audience_shares": Contract(
        named("audience_shares", **WINDOW, platform=None, account=None),
        ("platform", "account", "dimension", "bucket", "share", "first_date", "last_date"),
        ("platform", "account", "dimension", "bucket"), digital=True),
    "ads_daily": Contract(
        named("ads_daily", **WINDOW, platform=None, campaign=None), ("date", "platform", *ADS),
        ("date", "platform"), digital=True),
    "ads_campaign_totals": Contract(
        named("ads_campaign_totals", **WINDOW, platform=None),
        ("platform", "campaign", "first_date", "last_date", "days", *ADS, "video_p25", "video_p50", "video_p75",
         "video_p100", *REACH), ("platform", "campaign"), digital=True),
    "paid_channels": Contract(
        named("paid_channels", **WINDOW),
        ("kind", "channel", "supplier", "first_date", "last_date", "spend_nok", "impressions", *REACH,
         "link_clicks", "landing_page_views"), ("channel", "supplier"), not_null=("kind", "channel"), digital=True),
    "web_daily": Contract(
        named("web_daily", **WINDOW, site=None), ("date", "channel", *WEB), ("date", "channel"), digital=True),
    "web_same_window_by_year": Contract(
        named("web_same_window_by_year", **WINDOW, site=None),
        ("years_back", "year", "first_date", "last_date", "days_with_data", *WEB, "unique_pageviews"),
        ("years_back",), digital=True),
    "web_channels": Contract(
        named("web_channels", **WINDOW), ("site", "channel", "sessions", "views", "users"), ("site", "channel"),
        digital=True),
    "web_pages_top": Contract(
        named("web_pages_top", **WINDOW, site=None), ("page", "views", "users", "days_with_data"), ("page",),
        digital=True),
    "web_page_daily": Contract(
        named("web_page_daily", **WINDOW, site=None, page="/stem"), ("date", "views", "users"), ("date",),
        digital=True),
    "field_calls_by_year": Contract(
        named("field_calls_by_year"), ("year", "assignment", "days", "calls_made", "calls_reached", *OUTCOMES),
        ("year", "assignment"), field=True),
    "field_calls_daily": Contract(
        named("field_calls_daily", year=2023), ("date", "assignment", "calls_made", "calls_reached"),
        ("date", "assignment"), field=True),
    "field_doors": Contract(
        named("field_doors"), ("date", "place", "bydel_id", "doors", "conversations", "participants"),
        ("date", "place"), field=True),
    "field_doors_by_area": Contract(
        named("field_doors_by_area", level="bydel"),
        ("area_id", "rounds", "doors", "conversations", "participants", "first_date", "last_date"), ("area_id",),
        field=True),
    "kommune_names": Contract(named("kommune_names", fylke_id="50"), ("kommune_id", "kommune_name"), ("kommune_id",),
                              county=True),
    "field_stands_by_place": Contract(
        named("field_stands_by_place"), ("place", "first_date", "last_date", "days", "hours", "people", "leaflets"),
        ("place",), field=True),
    "members_latest": Contract(
        named("members_latest"), ("date", "branch", "members", "active", "activists"), ("branch",), field=True),
    "media_by_outlet": Contract(
        named("media_by_outlet"), ("outlet", "first_date", "last_date", "stories"), ("outlet",), field=True),
    "media_weekly": Contract(named("media_weekly"), ("week_start", "stories", "social_reach"), ("week_start",),
                             field=True),
    "money_by_kind": Contract(
        named("money_by_kind"), ("kind", "first_date", "last_date", "amount_nok", "donors"), ("kind",), field=True),
    "goal_door_rounds": Contract(
        named("goal_door_rounds", first_date=None, last_date=None), ("value", "places", "first_date", "last_date"), ()),
    "goal_active_share": Contract(
        named("goal_active_share", branch=None), ("value", "active", "members", "date"), (), not_null=()),
    "goal_members": Contract(named("goal_members", branch=None), ("value", "date"), (), not_null=()),
    "goal_money_raised": Contract(
        named("goal_money_raised", first_date=None, last_date=None, kinds=["lotteri"]),
        ("value", "entries", "first_date", "last_date"), ()),
    "goal_ad_spend": Contract(
        named("goal_ad_spend", **WINDOW), ("value", "first_date", "last_date"), (), digital=True),
    "district_council_seats": Contract(
        named("district_council_seats", election_id="bu2023", compare_id="bu2019"),
        ("bydel_id", "party_code", "party_name", "votes", "share_pct", "seats", "compare_votes", "compare_seats"),
        ("bydel_id", "party_code"), demo=True),
    "school_election_shares": Contract(
        named("school_election_shares", election_id="skolevalg2023", compare_id="skolevalg2019"),
        ("school", "party_code", "party_name", "votes", "share_pct", "place", "compare_share_pct", "change_pp"),
        ("school", "party_code"), demo=True),
    "staging/results_at_chosen_level": Contract(
        select("select * from results_at_chosen_level('0301', 'area')"),
        tuple(SCHEMAS["results"].names), tuple(NATURAL_KEYS["results"]),
        not_null=("election_id", "area_level", "kommune_id", "party_code")),
}


def _sql_files() -> set[str]:
    return {path.relative_to(QUERY_DIR).with_suffix("").as_posix() for path in QUERY_DIR.rglob("*.sql")}


def test_every_sql_file_has_a_contract():
    assert _sql_files() - set(CONTRACTS) == set(), "add a contract for each new .sql file"
    assert set(CONTRACTS) - _sql_files() == set(), "a contract names a .sql file that is gone"


def _db_for(contract: Contract, request) -> Database:
    return request.getfixturevalue("field_db" if contract.field else "digital_db" if contract.digital
                                   else "county_db" if contract.county else "demo_db" if contract.demo else "db")


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_columns(request, name):
    contract = CONTRACTS[name]
    assert tuple(contract.run(_db_for(contract, request)).columns) == contract.columns


@pytest.mark.parametrize("name", sorted(CONTRACTS))
def test_unique_at_the_grain_with_no_null_keys(request, name):
    contract = CONTRACTS[name]
    frame = contract.run(_db_for(contract, request))
    assert len(frame) > 0, "the tiny store must give rows, or the contract checks nothing"
    if not contract.grain:
        assert len(frame) == 1
        return
    assert not frame.duplicated(list(contract.grain)).any(), f"not unique at {contract.grain}"
    keys = list(contract.not_null if contract.not_null is not None else contract.grain)
    assert frame[keys].notna().all().all(), f"null keys in {keys}"


def test_staging_files_follow_the_style():
    for path in STAGING_DIR.glob("*.sql"):
        text = path.read_text(encoding="utf-8")
        assert text.startswith("--") and "Grain:" in text, f"{path.name} needs a header with its grain"
        assert f"create or replace macro {path.stem}(" in text or f"create or replace view {path.stem} " in text, \
            f"{path.name} must define an object named after the file"
        assert "$" not in text and "{" not in text, f"{path.name}: no parameters or templates in staging DDL"


# Invariants and known numbers, one or more per file.

def test_boundaries_only_the_kommune_at_one_level_and_every_kommune_at_kommune_level(db):
    assert list(db.query("boundaries", level="bydel", kommune_id="0301")["area_id"]) == ["030101", "030102"]
    kommuner = db.query("boundaries", level="kommune", kommune_id="9999")
    assert list(kommuner["area_id"]) == ["0301", "4601"]


def test_data_status_counts_equal_the_tables(db, store):
    row = db.query("data_status").iloc[0]
    assert (row["results_rows"], row["turnout_rows"], row["social_rows"]) == (16, 11, 0)
    assert (row["live_imports"], row["demo_imports"], row["real_imports"]) == (2, 0, 2)  # gammel.csv has no rows
    assert row["live_kinds"] == "boundaries,fixture"
    assert row["live_sources"] == "fixture.csv, grenser.geojson"
    assert row["last_import_source"] == "gammel.csv"


def test_elections_available_counts_kretser(db, store):
    frame = db.query("elections_available", kommune_id="0301", fylke_id="03").set_index("election_id")
    results = store.read("results")
    for election_id, kretser in results.groupby("election_id")["krets_id"].nunique().items():
        assert frame.loc[election_id, "kretser"] == kretser
    assert frame.loc["e1", "result_levels"] == "krets"
    assert frame.loc["e1", "turnout_levels"] == "bydel, kommune, krets"


def test_import_log_live_rows_add_up_to_the_data_tables(db, store):
    log = db.query("import_log")
    assert list(log["import_id"]) == [3, 2, 1]  # newest first
    assert list(log["live_rows"]) == [0, len(BOUNDARY_ROWS), 16 + 11]
    assert log["live_rows"].sum() == sum(len(store.read(table)) for table in DATA_TABLES)


def test_live_rows_counts_equal_table_row_counts(db, store):
    counts = readonly_sql(store, "select table_name, count(*) as n from live_rows group by table_name")
    counted = dict(zip(counts["table_name"], counts["n"]))
    assert set(counted) <= set(DATA_TABLES)
    assert all(counted.get(table, 0) == len(store.read(table)) for table in DATA_TABLES)
    columns = readonly_sql(store, "select * from live_rows limit 0").columns
    assert list(columns) == ["import_id", "table_name"]


def test_party_shares_add_up(db):
    frame = CONTRACTS["party_shares"].run(db)
    assert frame["share_pct"].sum() == pytest.approx(100.0)
    assert frame["compare_share_pct"].sum() == pytest.approx(100.0)
    assert (frame["votes"] == frame["advance_votes"] + frame["election_day_votes"]).all()
    assert frame["votes"].sum() == 800  # BLANKE left out
    assert frame["change_pp"].to_list() == pytest.approx((frame["share_pct"] - frame["compare_share_pct"]).to_list())


def test_party_shares_by_subarea_per_bydel_total_is_the_sum_of_its_parties(db):
    frame = db.query("party_shares_by_subarea", election_id="e1", compare_id="e0", area_id="0301", level="bydel",
                     kommune_id=None)
    assert not frame.duplicated(["area_id", "party_code"]).any() and frame["bydel_id"].notna().all()
    assert list(frame["area_id"]) == list(frame["bydel_id"]) and frame["krets_id"].isna().all()
    per_bydel = frame.groupby("bydel_id").agg(votes=("votes", "sum"), total=("total_votes", "first"),
                                              shares=("share_pct", "sum"))
    assert (per_bydel["votes"] == per_bydel["total"]).all()
    assert per_bydel["shares"].to_list() == pytest.approx([100.0, 100.0])
    assert per_bydel["total"].to_dict() == {"030101": 200, "030102": 200}


def test_party_shares_by_krets_party_votes_add_up_to_the_total(db):
    args = {"election_id": "e1", "compare_id": "e0", "kommune_id": "0301", "bydel_id": None}
    a = db.query("party_shares_by_krets", **args, party_code="A").set_index("krets_id")
    b = db.query("party_shares_by_krets", **args, party_code="B").set_index("krets_id")
    assert ((a["votes"] + b["votes"]) == a["total_votes"]).all()  # the tiny store has parties A and B
    assert (a["share_pct"] + b["share_pct"]).to_list() == pytest.approx([100.0] * len(a))
    assert a["total_votes"].to_dict() == {"0101": 100, "0102": 100, "0201": 200}


def test_party_shares_by_subarea_kretser_leave_the_central_count_out(db):
    frame = CONTRACTS["party_shares_by_subarea"].run(db)
    assert sorted(set(frame["area_id"])) == ["0301-0101", "0301-0102", "0301-0201"]  # krets 0000 left out
    a = frame[frame["party_code"] == "A"].set_index("krets_id")
    assert a["votes"].to_dict() == {"0101": 60, "0102": 20, "0201": 50}
    assert a["total_votes"].to_dict() == {"0101": 100, "0102": 100, "0201": 200}  # BLANKE left out
    assert a.loc["0101", "area_name"] == "Skole A" and a.loc["0101", "change_pp"] == pytest.approx(60.0 - 50.0)
    assert a.loc["0201", "change_pp"] == pytest.approx(25.0 - 50.0)
    assert pd.isna(a.loc["0102", "change_pp"])  # 0102 did not exist in e0


def test_party_shares_by_subarea_per_kommune_and_drill_down_in_a_county(county_db):
    kommuner = county_db.query("party_shares_by_subarea", election_id="ko2019", compare_id=None, area_id="50",
                               level="kommune", kommune_id=None)
    totals = kommuner.drop_duplicates("area_id").set_index("area_id")
    assert totals["total_votes"].to_dict() == {"5001": 250, "5006": 50, "5014": 50}  # all votes, blanks out
    assert totals["area_name"].to_dict() == {"5001": "Trondheim", "5006": "Steinkjer", "5014": "Frøya"}
    sv = kommuner[kommuner["party_code"] == "SV"].set_index("area_id")["share_pct"]
    assert sv.to_dict() == pytest.approx({"5001": 44.0, "5006": 20.0})  # no SV list in Frøya: no row
    kretser = county_db.query("party_shares_by_subarea", election_id="ko2019", compare_id=None, area_id="50",
                              level="krets", kommune_id="5001")
    assert sorted(set(kretser["area_id"])) == ["5001-0001", "5001-0002"]
    # st2021 rows carry the valgdistrikt (16, 17) as fylke_id: the county still means its kommuner
    county = county_db.query("party_shares", election_id="st2021", compare_id=None, area_id="50")
    assert county["votes"].sum() == 400 + 50 + 100 + 100  # kretser of all three kommuner, not the fylke rows
    district = county_db.query("party_shares", election_id="st2021", compare_id=None, area_id="16")
    assert dict(zip(district["party_code"], district["votes"])) == {"A": 500, "SV": 300, "H": 200}


def test_constituencies_and_mandates_known_numbers(county_db):
    trondheim = county_db.query("constituencies", election_id="st2021", area_id="5001").iloc[0]
    assert (trondheim["constituency_id"], trondheim["district_name"], trondheim["kommuner"],
            trondheim["other_kommuner"]) == ("16", "Sør-Trøndelag", 1, 1)  # Frøya votes in 16 too
    assert (trondheim["area_votes"], trondheim["district_votes"], trondheim["seats"],
            trondheim["district_seats"]) == (500, 1000, 4, 3)
    county = county_db.query("constituencies", election_id="st2021", area_id="50").set_index("constituency_id")
    assert county["kommuner"].to_dict() == {"16": 2, "17": 1} and (county["other_kommuner"] == 0).all()
    assert county["district_seats"].to_dict() == {"16": 3, "17": 2}
    seats = county_db.query("mandates", election_id="st2021", area_level="fylke", area_id="16").set_index("party_code")
    assert seats["district_seats"].to_dict() == {"A": 2, "SV": 1, "H": 0}
    councils = county_db.query("mandates", election_id="ko2019", area_level="kommune", area_id="50")
    assert councils.groupby("area_id")["seats"].sum().to_dict() == {"5001": 5}
    assert county_db.query("constituencies", election_id="ko2027", area_id="50").empty


def test_turnout_by_area_and_elections_for_a_fylke_are_all_its_kommuner(db):
    """A 2-digit area (a county branch) means every kommune of the fylke: here only 0301 of fylke 03."""
    for level in ("kommune", "krets"):
        kommune = db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="0301", level=level)
        fylke = db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="03", level=level)
        assert fylke.equals(kommune) and len(fylke) == {"kommune": 1, "krets": 3}[level]
    assert db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="46", level="krets").empty
    county = db.query("elections_available", kommune_id=None, fylke_id="03")
    assert county.equals(db.query("elections_available", kommune_id="0301", fylke_id="03"))
    assert db.query("elections_available", kommune_id=None, fylke_id="46").empty


def test_turnout_by_area_parts_add_up_to_the_kommune(db):
    args = {"election_id": "e1", "compare_id": "e0", "kommune_id": "0301"}
    city = db.query("turnout_by_area", **args, level="kommune").iloc[0]
    for level in ("bydel", "krets"):
        parts = db.query("turnout_by_area", **args, level=level)
        assert parts["eligible_voters"].sum() == city["eligible_voters"] == 2000
        assert parts["votes_cast"].sum() == city["votes_cast"] == 1265
        assert (parts["non_voters"] == parts["eligible_voters"] - parts["votes_cast"]).all()


def test_field_calls_by_year_published_numbers(field_db):
    calls = field_db.query("field_calls_by_year").set_index(["year", "assignment"])
    assert calls.loc[(2019, "velgere"), ["calls_made", "calls_reached"]].tolist() == [32_000, 4_268]
    assert calls.loc[(2021, "velgere"), ["calls_made", "calls_reached"]].tolist() == [31_060, 7_517]
    assert calls.loc[(2023, "velgere"), ["calls_made", "calls_reached"]].tolist() == [18_357, 3_558]
    assert calls.loc[(2023, "medlemmer"), ["calls_made", "calls_reached"]].tolist() == [1_244, 711]
    daily = field_db.query("field_calls_daily", year=2023)
    assert daily["calls_made"].sum() == 18_357 + 1_244


def test_field_doors_stands_members_media_money_known_numbers(field_db):
    assert len(field_db.query("field_doors")) == 8
    doors = field_db.query("field_doors_by_area", level="bydel").set_index("area_id")
    assert doors.loc["030111", ["rounds", "doors", "conversations"]].tolist() == [2, 630, 119]  # Stovner
    assert doors["doors"].sum() == 2_893 and field_db.query("field_doors_by_area", level="krets").empty
    assert field_db.query("field_doors_by_area", level="kommune")["doors"].tolist() == [2_893]
    assert field_db.query("field_stands_by_place")["days"].sum() == 47
    members = field_db.query("members_latest")
    assert len(members) == 15 and set(members["date"].astype(str)) == {"2023-09-11"}
    assert members[["members", "active", "activists"]].sum().tolist() == [3_620, 419, 412]
    media = field_db.query("media_by_outlet").set_index("outlet")["stories"]
    assert (media.sum(), media["VG"], media["Aftenposten"], media["NRK"]) == (77, 9, 10, 5)
    weeks = field_db.query("media_weekly")
    assert weeks["stories"].sum() == 77 and (weeks["week_start"].diff().dropna() == pd.Timedelta(days=7)).all()
    assert pd.Timestamp(weeks["week_start"].iloc[0]).day_name() == "Monday"
    money = field_db.query("money_by_kind").set_index("kind")["amount_nok"]
    assert money[["medlemmer", "faste givere", "lotteri"]].sum() == 297_000


@pytest.fixture(scope="module")
def two_levels(tmp_path_factory) -> Store:
    """The tiny store with e1 also stored at kommune level (same totals)."""
    return write_fixture_store(tmp_path_factory.mktemp("two-levels"), with_kommune_level=True)


CHOSEN = "select * from results_at_chosen_level"


@pytest.mark.parametrize(("call", "levels"), [
    ("('0301', 'area')", {"e1": "kommune", "e0": "krets"}),
    ("('03', 'area')", {"e1": "krets", "e0": "krets"}),  # kretser before the fylke's kommuner
    ("('030101', 'area')", {"e1": "krets", "e0": "krets"}),
    ("('0301', 'bydel')", {"e1": "krets", "e0": "krets"}),
    ("('03', 'kommune')", {"e1": "kommune", "e0": "krets"}),  # per kommune: the kommune rows where stored
    ("('03', 'krets')", {"e1": "krets", "e0": "krets"}),
])
def test_results_at_chosen_level_is_one_level_per_election(two_levels, call, levels):
    frame = readonly_sql(two_levels, CHOSEN + call)
    assert frame.groupby("election_id")["area_level"].agg(set).to_dict() == {e: {lvl} for e, lvl in levels.items()}
    assert not frame.duplicated(NATURAL_KEYS["results"]).any()


def test_results_at_chosen_level_known_numbers(two_levels):
    whole = readonly_sql(two_levels, CHOSEN + "('0301', 'area')").groupby("election_id")["votes"].sum()
    assert whole.to_dict() == {"e1": 815, "e0": 700}  # every vote once, blanks included
    per_bydel = readonly_sql(two_levels, CHOSEN + "('0301', 'bydel')")
    assert per_bydel["bydel_id"].notna().all()  # krets 0000 belongs to no bydel
    assert per_bydel.groupby("election_id")["election_day_votes"].sum().to_dict() == {"e1": 405, "e0": 300}
    assert readonly_sql(two_levels, CHOSEN + "('03', 'bydel')").empty  # per bydel takes a kommune code


# Goal measures on the demo store: its published 2023 figures (campaign/demo_field_params.py).

YEAR_2023 = {"first_date": dt.date(2023, 1, 1), "last_date": dt.date(2023, 12, 31)}


def test_goal_door_rounds_counts_distinct_dates(demo_db):
    row = demo_db.query("goal_door_rounds", **YEAR_2023).iloc[0]
    assert (row["value"], row["places"]) == (5, 8)  # eight round-places on five evenings
    assert demo_db.query("goal_door_rounds", first_date=dt.date(2024, 1, 1), last_date=None).iloc[0]["value"] == 0


def test_goal_active_share_and_members_on_the_latest_snapshot(demo_db):
    share = demo_db.query("goal_active_share", branch=None).iloc[0]
    assert (share["active"], share["members"]) == (419, 3620)
    assert share["value"] == pytest.approx(100 * 419 / 3620)
    assert demo_db.query("goal_active_share", branch="Grorud").iloc[0]["value"] == pytest.approx(300 / 110)
    assert demo_db.query("goal_members", branch=None).iloc[0]["value"] == 3620


def test_goal_money_raised_by_kind(demo_db):
    def raised(*kinds):
        return demo_db.query("goal_money_raised", first_date=None, last_date=None, kinds=list(kinds)).iloc[0]["value"]
    assert raised("medlemmer", "faste givere", "lotteri") == 297_000  # the published fundraising total
    assert raised("lotteri") == 10_000 and raised("partiledd") == 42_250 and raised("ingen") == 0


def test_goal_ad_spend_is_the_campaign_budget(demo_db):
    row = demo_db.query("goal_ad_spend", first_date=dt.date(2023, 7, 27), last_date=dt.date(2023, 9, 11)).iloc[0]
    assert row["value"] == pytest.approx(91_040)


def test_district_council_seats_add_up_per_bydel_and_compare(demo_db):
    frame = demo_db.query("district_council_seats", election_id="bu2023", compare_id="bu2019")
    assert set(frame.groupby("bydel_id")["seats"].sum()) == {15}
    sv = frame[frame["party_code"] == "SV"]
    assert (int(sv["seats"].sum()), int(sv["compare_seats"].sum())) == (29, 24)
    assert frame.groupby("bydel_id")["share_pct"].sum().round(6).eq(100).all()
    alone = demo_db.query("district_council_seats", election_id="bu2023", compare_id=None)
    assert alone["compare_seats"].isna().all() and len(alone) == len(frame)


def test_school_election_shares_places_and_change(demo_db):
    frame = demo_db.query("school_election_shares", election_id="skolevalg2023", compare_id="skolevalg2019")
    sv = frame[frame["party_code"] == "SV"]
    assert (int(sv["votes"].sum()), len(sv), int((sv["place"] == 1).sum()), int((sv["change_pp"] > 0).sum())) == \
        (2342, 37, 10, 19)
    assert frame.groupby("school")["share_pct"].sum().round(6).eq(100).all()


def test_kommune_names_of_one_fylke(county_db):
    names = county_db.query("kommune_names", fylke_id="50")
    assert names.values.tolist() == [["5001", "Trondheim"], ["5006", "Steinkjer"], ["5014", "Frøya"]]
    assert county_db.query("kommune_names", fylke_id="03").empty
