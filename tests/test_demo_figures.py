"""The demo data reproduces every published 2023 figure it covers (domain.md), as displayed."""
from __future__ import annotations

import pytest

from campaign import fmt
from campaign.analysis import bloc_totals, group_share, seats_with_blocs
from campaign.config import load_config

CONFIG = load_config()


def plain(text: str) -> str:
    return text.replace(fmt.NBSP, " ")


@pytest.fixture(scope="module")
def city(demo_db):
    return demo_db.query("party_shares", election_id="ko2023", compare_id="ko2019",
                         area_id="0301").set_index("party_code")


@pytest.fixture(scope="module")
def by_bydel(demo_db):
    frame = demo_db.query("party_shares_by_subarea", election_id="ko2023", compare_id="ko2019", area_id="0301",
                          level="bydel", kommune_id=None)
    return frame.assign(area_name=frame["area_id"].map(CONFIG.bydeler))  # as the wrapper names them


def test_sv_and_mdg_city_wide(city):
    assert plain(fmt.percent(city.loc["SV", "share_pct"])) == "10,1 %"
    assert plain(fmt.percent(city.loc["MDG", "share_pct"])) == "10,2 %"
    assert city.loc["MDG", "votes"] - city.loc["SV", "votes"] == 363
    assert plain(fmt.pp(city.loc["SV", "change_pp"])) == "+1,0 pp"


@pytest.mark.parametrize(("bydel", "share", "change"), [
    ("Alna", "11,1 %", "+2,1 pp"), ("Bjerke", "10,5 %", "+1,2 pp"), ("Grorud", "10,6 %", "+3,2 pp"),
    ("Stovner", "8,8 %", "+2,8 pp"), ("Søndre Nordstrand", "12,1 %", "+1,4 pp"),
])
def test_target_bydeler(by_bydel, bydel, share, change):
    row = by_bydel[(by_bydel["area_name"] == bydel) & (by_bydel["party_code"] == "SV")].iloc[0]
    assert plain(fmt.percent(row["share_pct"])) == share
    assert plain(fmt.pp(row["change_pp"])) == change


def test_growth_in_target_areas_twice_the_city(by_bydel):
    combined = group_share(by_bydel, "SV", CONFIG.target_bydeler())
    assert plain(fmt.pp(combined["change_pp"])) == "+2,1 pp"


def test_sv_grew_everywhere_except_nordre_aker_and_ullern(by_bydel):
    sv = by_bydel[by_bydel["party_code"] == "SV"]
    assert len(sv) == 15
    assert set(sv.loc[sv["change_pp"] < 0, "area_name"]) == {"Nordre Aker", "Ullern"}


@pytest.mark.parametrize(("election", "expected"), [("ko2023", "64,2 %"), ("ko2019", "67,6 %")])
def test_turnout(demo_db, election, expected):
    frame = demo_db.query("turnout_by_area", election_id=election, compare_id=None, kommune_id="0301",
                          level="kommune")
    assert plain(fmt.percent(frame["turnout_pct"].iloc[0])) == expected


def test_seats_2023_blocs_and_parties(city):
    seats = seats_with_blocs(city.reset_index(), 59, CONFIG)
    won = {p: n for p, n in zip(seats["party_code"], seats["seats"]) if n}
    assert won == {"H": 20, "A": 11, "V": 6, "MDG": 6, "SV": 6, "FRP": 4, "RØDT": 4, "KRF": 1, "PS": 1}
    blocs = bloc_totals(seats, CONFIG).set_index("bloc")["seats"].to_dict()
    assert blocs == {"Rødgrønne": 27, "Borgerlige": 31, "Andre": 1}


def test_krets_structure(demo_db):
    kretser = demo_db.query("elections_available", kommune_id="0301", fylke_id="03").set_index("election_id")
    assert set(kretser.index) == {"ko2019", "st2021", "ko2023"}
    assert 95 <= kretser.loc["ko2023", "kretser"] <= 110
    advance = demo_db.query("party_shares", election_id="ko2023", compare_id=None, area_id="030112")
    assert advance["advance_votes"].sum() == 0  # advance votes sit in krets 0000, in no bydel
