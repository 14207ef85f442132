"""Contract tests for every named query: columns, grain, invariants and known numbers."""
from __future__ import annotations

import pandas as pd
import pytest

from campaign.db import QUERY_DIR, Database, QueryError, query_params
from campaign.store import Store
from tests.tiny_store import write_fixture_store


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    return Database(write_fixture_store(tmp_path_factory.mktemp("fixture")))


@pytest.fixture(scope="module")
def db_two_levels(tmp_path_factory) -> Database:
    return Database(write_fixture_store(tmp_path_factory.mktemp("fixture2"), with_kommune_level=True))


def _unique(frame, keys):
    assert not frame.duplicated(keys).any(), f"grain {keys} not unique"
    assert frame[keys].notna().all().all(), f"null keys in {keys}"


def test_party_shares_known_numbers(db):
    frame = db.query("party_shares", election_id="e1", compare_id="e0", area_id="0301").set_index("party_code")
    _unique(frame.reset_index(), ["party_code"])
    assert "BLANKE" not in frame.index
    # A: 300 + 60 + 20 + 50 = 430 of 800 non-blank votes (blanks are left out of the base)
    assert frame.loc["A", "votes"] == 430
    assert frame.loc["A", "share_pct"] == pytest.approx(53.75)
    assert frame.loc["A", "advance_votes"] == 300 and frame.loc["A", "election_day_votes"] == 130
    assert frame.loc["A", "compare_share_pct"] == pytest.approx(50.0)
    assert frame.loc["A", "change_pp"] == pytest.approx(3.75)
    assert frame["share_pct"].sum() == pytest.approx(100.0)


def test_party_shares_never_sums_across_levels(db_two_levels):
    frame = db_two_levels.query("party_shares", election_id="e1", compare_id=None, area_id="0301")
    assert frame["votes"].sum() == 800
    assert frame["compare_share_pct"].isna().all()


def test_party_shares_for_a_bydel_uses_its_kretser(db):
    frame = db.query("party_shares", election_id="e1", compare_id=None, area_id="030101").set_index("party_code")
    assert frame.loc["A", "votes"] == 80 and frame.loc["A", "share_pct"] == pytest.approx(40.0)


def test_party_shares_by_subarea_per_bydel(db):
    frame = db.query("party_shares_by_subarea", election_id="e1", compare_id="e0", area_id="0301", level="bydel",
                     kommune_id=None)
    _unique(frame, ["bydel_id", "party_code"])
    assert list(frame["area_id"]) == list(frame["bydel_id"])
    row = frame[(frame["bydel_id"] == "030102") & (frame["party_code"] == "A")].iloc[0]
    assert row["votes"] == 50 and row["total_votes"] == 200  # the blank vote is not in the base
    assert row["share_pct"] == pytest.approx(25.0)
    assert row["compare_share_pct"] == pytest.approx(50.0)
    assert row["change_pp"] == pytest.approx(-25.0)
    sums = frame.groupby("bydel_id")["share_pct"].sum()
    assert sums.round(9).eq(100.0).all()
    assert frame["bydel_id"].notna().all()  # krets 0000 belongs to no bydel


def test_party_shares_by_krets(db):
    everywhere = db.query("party_shares_by_krets", election_id="e1", compare_id="e0", kommune_id="0301",
                          bydel_id=None, party_code="B")
    assert list(everywhere["krets_id"]) == ["0101", "0102", "0201"]  # 0000 has no bydel
    assert list(everywhere["bydel_id"]) == ["030101", "030101", "030102"]
    frame = db.query("party_shares_by_krets", election_id="e1", compare_id="e0", kommune_id="0301",
                     bydel_id="030101", party_code="B")
    _unique(frame, ["krets_id"])
    assert list(frame["krets_id"]) == ["0101", "0102"]
    assert list(frame["share_pct"]) == pytest.approx([40.0, 80.0])
    # 0101 "Skole A" exists in both elections (50 %), 0102 only in e1: no change shown
    assert frame["change_pp"].iloc[0] == pytest.approx(-10.0)
    assert pd.isna(frame["change_pp"].iloc[1])


def test_turnout_by_area_levels_and_matching(db):
    city = db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="0301", level="kommune")
    assert city["turnout_pct"].iloc[0] == pytest.approx(63.25)
    assert city["change_pp"].iloc[0] == pytest.approx(63.25 - 55.0)
    bydel = db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="0301", level="bydel")
    _unique(bydel, ["area_id"])
    assert bydel["eligible_voters"].sum() == city["eligible_voters"].iloc[0]
    assert bydel["votes_cast"].sum() == city["votes_cast"].iloc[0]
    assert (bydel["non_voters"] == bydel["eligible_voters"] - bydel["votes_cast"]).all()
    krets = db.query("turnout_by_area", election_id="e1", compare_id="e0", kommune_id="0301",
                     level="krets").set_index("area_id")
    # Skole C had another name last time: not compared. Skole A matches on number and name.
    assert pd.isna(krets.loc["0301-0201", "compare_turnout_pct"])
    assert krets.loc["0301-0101", "change_pp"] == pytest.approx(75.0 - 62.5)


def test_elections_available(db):
    frame = db.query("elections_available", kommune_id="0301", fylke_id="03")
    _unique(frame, ["election_id"])
    assert list(frame["election_id"]) == ["e1", "e0"]  # newest first
    assert frame.set_index("election_id").loc["e1", "kretser"] == 4
    empty = db.query("elections_available", kommune_id="9999", fylke_id="99")
    assert empty.empty


def test_data_status(db):
    status = db.query("data_status")
    assert len(status) == 1
    row = status.iloc[0]
    assert row["results_rows"] == 16 and row["turnout_rows"] == 11
    assert row["demo_imports"] == 0 and row["real_imports"] == 1
    assert row["last_import_source"] == "fixture.csv"
    assert row["live_sources"] == "fixture.csv"
    assert (row["live_kinds"], row["live_imports"]) == ("fixture", 1)


def test_every_query_file_runs_on_the_empty_store(tmp_path):
    db = Database(Store(tmp_path))
    for path in sorted(QUERY_DIR.glob("*.sql")):
        params = {name: None for name in query_params(path.stem)}
        db.query(path.stem, **params)


def test_wrong_parameters_are_refused(db):
    with pytest.raises(QueryError):
        db.query("party_shares", election_id="e1")
    with pytest.raises(QueryError):
        db.query("../etc/passwd")


def test_party_shares_by_subarea_wrapper_names_bydeler_from_the_configuration(demo_env):
    from campaign import queries
    frame = queries.party_shares_by_subarea("ko2023", "ko2019", "0301", "bydel")
    names = dict(zip(frame["area_id"], frame["area_name"]))
    assert names["030112"] == "Alna" and len(names) == 15
    alna = frame[(frame["area_id"] == "030112") & (frame["party_code"] == "SV")].iloc[0]
    assert round(alna["share_pct"], 1) == 11.1 and round(alna["change_pp"], 1) == 2.1  # domain.md


def test_a_fylke_area_means_its_kommuner_not_rows_with_that_fylke_id(db):
    """st2021 krets rows carry the valgdistrikt as fylke_id: area '03' is every kommune 03xx, at any fylke_id."""
    county = db.query("party_shares", election_id="e1", compare_id="e0", area_id="03")
    city = db.query("party_shares", election_id="e1", compare_id="e0", area_id="0301")
    assert county.equals(city)
    assert db.query("party_shares", election_id="e1", compare_id=None, area_id="46").empty
