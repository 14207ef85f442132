"""The field-work demo data reproduces every published 2023 figure it covers (domain.md), read back through DuckDB."""
from __future__ import annotations

import pandas as pd
import pytest

from campaign import demo_field
from campaign.config import load_config
from campaign.demo import write_demo
from campaign.demo_digital import DIGITAL_TABLES
from campaign.demo_field import FIELD_TABLES, build_field
from campaign.store import Store
from tests.conftest import one


@pytest.mark.parametrize(("year", "made", "reached", "answered"), [
    (2019, 32_000, 4_268, 13), (2021, 31_060, 7_517, 24), (2023, 18_357, 3_558, 19)])
def test_phone_bank_years(con, year, made, reached, answered):
    found = con.execute("select sum(calls_made), sum(calls_reached) from field_calls where assignment = 'velgere' "
                        f"and year(date) = {year}").fetchone()
    assert found == (made, reached)
    assert round(reached / made * 100) == answered


def test_phone_bank_2023_window_and_shift(con):
    first, last, shifts, days = con.execute(
        "select min(date)::varchar, max(date)::varchar, list(distinct shift), count(*) from field_calls "
        "where assignment = 'velgere' and year(date) = 2023").fetchone()
    assert (first, last, shifts, days) == ("2023-08-14", "2023-09-02", ["17–21"], 20)
    assert one(con, "select count(*) from field_calls where calls_reached > calls_made or calls_made <= 0") == 0


def test_outcomes_add_up_to_reached_in_2023(con):
    assert one(con, "select count(*) from field_calls where year(date) = 2023 and assignment = 'velgere' "
                    "and positive + undecided + negative <> calls_reached") == 0
    assert one(con, "select count(*) from field_calls where year(date) < 2023 and positive is not null") == 0


def test_member_calls(con):
    made, reached = con.execute("select sum(calls_made), sum(calls_reached) from field_calls "
                                "where assignment = 'medlemmer'").fetchone()
    assert (made, reached) == (1_244, 711)
    assert (round(made / 3_620 * 100, 2), round(reached / made * 100), round(reached / 3_620 * 100, 2)) == \
        (34.36, 57, 19.64)


def test_door_knocking_rounds(con):
    rows = con.execute("select date::varchar, place, bydel_id, kommune_id from field_doors order by date, place").fetchall()
    assert rows == [
        ("2023-08-07", "Ammerud", "030110", "0301"), ("2023-08-07", "Holmlia", "030115", "0301"),
        ("2023-08-27", "Furuset/Lindeberg", "030112", "0301"),
        ("2023-09-03", "Stovner (Tante Ulrikkes vei)", "030111", "0301"),
        ("2023-09-06", "Bjørndal", "030115", "0301"), ("2023-09-06", "Hovseter", "030107", "0301"),
        ("2023-09-09", "Rødtvet", "030110", "0301"),
        ("2023-09-09", "Stovner (Tante Ulrikkes vei, Smedstua)", "030111", "0301")]
    assert one(con, "select count(*) from field_doors where not (doors > conversations and conversations > 0 "
                    "and participants >= 5)") == 0


def test_booth_every_day(con):
    days, first, last, hours = con.execute("select count(distinct date), min(date)::varchar, max(date)::varchar, "
                                           "list(distinct hours) from field_stands").fetchone()
    assert (days, first, last, hours) == (47, "2023-07-27", "2023-09-11", [3.0])


def test_members_and_activists(con):
    members, active, activists, branches = con.execute(
        "select sum(members), sum(active), sum(activists), count(*) from members where date = '2023-09-11'").fetchone()
    assert (members, active, activists, branches) == (3_620, 419, 412, 15)
    assert f"{active / members * 100:.2f}" == "11.57"
    pinned = dict(con.execute("select branch, active from members where branch in "
                              "('Grorud', 'St. Hanshaugen', 'Nordre Aker')").fetchall())
    assert pinned == {"Grorud": 3, "St. Hanshaugen": 10, "Nordre Aker": 80}
    assert round(one(con, "select members from members where branch = 'Nordre Aker'") / 80) == 3
    assert set(load_config().bydeler.values()) == {b for (b,) in con.execute("select branch from members").fetchall()}


def test_media(con):
    assert one(con, "select sum(stories) from media") == 77
    assert con.execute("select min(date)::varchar, max(date)::varchar from media").fetchone() == \
        ("2023-08-07", "2023-09-09")
    outlets = dict(con.execute("select outlet, sum(stories) from media group by 1").fetchall())
    assert (outlets["VG"], outlets["Aftenposten"], outlets["NRK"]) == (9, 10, 5)
    dagsnytt = con.execute("select count(*), list(distinct kind), count(*) filter (where topic like '%bolig%') "
                           "from media where topic like 'Dagsnytt 18%'").fetchone()
    assert dagsnytt == (4, ["radio-TV"], 2)
    kinds = {k for (k,) in con.execute("select distinct kind from media").fetchall()}
    assert kinds <= {"nyhet", "kronikk", "debatt", "radio-TV"}


def test_events(con):
    assert one(con, "select count(*) from events where kind = 'debatt'") == 85
    fixed = con.execute("select date::varchar, attendance from events where kind <> 'debatt' order by date").fetchall()
    assert fixed == [("2023-05-06", 188), ("2023-06-03", 150)]


def test_money(con):
    kinds = dict(con.execute("select kind, sum(amount_nok) from money group by 1").fetchall())
    raised = kinds["medlemmer"] + kinds["faste givere"] + kinds["lotteri"]
    assert raised == 297_000 and 350_000 - raised == 53_000  # «nesten 300 000», «litt over 50 000» short
    assert (kinds["lotteri"], kinds["partiledd"], "eksterne" in kinds) == (10_000, 42_250, False)
    assert one(con, "select max(donors) from money where kind = 'faste givere'") == 46
    costs = con.execute("select date::varchar, amount_nok from money where kind = 'kostnad' order by date").fetchall()
    assert costs == [("2023-05-06", 8_500), ("2023-08-22", 8_500)]


def test_one_demo_import_holds_field_work_too(con):
    ids = {i for t in ("results", *FIELD_TABLES) for (i,) in con.execute(f"select distinct import_id from {t}").fetchall()}
    assert len(ids) == 1


def test_deterministic():
    config = load_config()
    first, second = build_field(config), build_field(config)
    for name in FIELD_TABLES:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_election_and_digital_demo_unchanged(demo_dir, tmp_path, monkeypatch):
    """The election and digital demo are stored exactly as by a demo without the field work."""
    monkeypatch.setattr(demo_field, "build_field", lambda config: {})
    write_demo(Store(tmp_path), load_config())
    with_field, without = Store(demo_dir), Store(tmp_path)
    for name in ("results", "turnout", "elections", *DIGITAL_TABLES):
        pd.testing.assert_frame_equal(with_field.read(name), without.read(name), obj=name)
    assert all(len(without.read(name)) == 0 for name in FIELD_TABLES)
