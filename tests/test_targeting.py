"""The targeting list composed from the turnout and party-share queries, on the demo store."""
from __future__ import annotations

import pytest

from campaign.targeting import targeting


def test_targeting_per_bydel(demo_env):
    frame = targeting("ko2023", "ko2019", "0301", "bydel", "SV").set_index("area_name")
    assert len(frame) == 15
    assert frame.loc["Alna", "share_pct"] == pytest.approx(11.1, abs=0.05)
    assert frame.loc["Grorud", "share_change_pp"] == pytest.approx(3.2, abs=0.05)
    alna = frame.loc["Alna"]
    assert alna["potential"] == pytest.approx(alna["non_voters"] * alna["share_pct"] / 100)
    assert alna["target_area"] == "Groruddalen"


def test_targeting_per_krets_matches_the_queries(demo_env, demo_db):
    frame = targeting("ko2023", None, "0301", "krets", "SV")
    turnout = demo_db.query("turnout_by_area", election_id="ko2023", compare_id=None, kommune_id="0301",
                            level="krets").set_index("area_id")
    first = frame.iloc[0]
    measured = turnout.loc[first["area_id"]]
    expected = (measured["eligible_voters"] - measured["votes_cast"]) * first["share_pct"] / 100
    assert first["potential"] == pytest.approx(expected) == frame["potential"].max()
    assert first["area_id"].startswith("0301-") and frame["share_change_pp"].isna().all()  # no comparison


def test_levels_zooms_and_default_kommune_per_branch(monkeypatch):
    from campaign import targeting as areas
    from tests.branches import use_branch
    oslo = use_branch(monkeypatch, "oslo")
    assert areas.levels(oslo) == ["bydel", "krets"]
    assert list(areas.zoom_choices(oslo, "bydel"))[:2] == ["Hele Oslo", "Groruddalen"]
    trondheim = use_branch(monkeypatch, "trondheim")
    assert areas.levels(trondheim) == ["krets"]
    assert areas.zoom_choices(trondheim, "krets") == {"Hele Trondheim": None,
                                                      **trondheim.target_areas}
    trondelag = use_branch(monkeypatch, "trondelag")
    assert areas.levels(trondelag) == ["kommune", "krets"]
    zooms = areas.zoom_choices(trondelag, "kommune")
    assert zooms["Region Fjellregionen"] == ("5025", "5021", "5027") and zooms["Innherred"][0] == "5037"
    assert areas.zoom_choices(trondelag, "krets") == {"Hele Trøndelag": None}
    assert areas.default_kommune(trondelag, {"Frosta": "5036", "Trondheim": "5001"}) == "Trondheim"


def test_unlisted_areas_stay_and_ranking_falls_back_to_share(monkeypatch):
    import pandas as pd

    from campaign import analysis
    from campaign import targeting as areas
    from tests.branches import use_branch
    trondelag = use_branch(monkeypatch, "trondelag")
    shares = pd.DataFrame({"area_id": ["5001", "5001", "5025", "5036"], "area_name": ["Trondheim", "Trondheim",
                           "Røros", "Frosta"], "kommune_id": ["5001", "5001", "5025", "5036"], "bydel_id": None,
                           "krets_id": None, "party_code": ["SV", "A", "SV", "A"], "share_pct": [11.5, 30.0, 10.9, 40.0],
                           "change_pp": None})
    own = analysis.party_in_every_area(shares.assign(total_votes=1000, compare_total_votes=None), "SV")
    assert list(own["area_id"]) == ["5001", "5025", "5036"] and pd.isna(own["share_pct"].iloc[2])
    turnout = pd.DataFrame(columns=["area_id", "eligible_voters", "votes_cast", "non_voters", "turnout_pct",
                                    "change_pp"])
    frame = areas.ranked(analysis.targeting(turnout, own, "kommune", None, trondelag))
    assert list(frame["area_name"]) == ["Trondheim", "Røros", "Frosta"]
    assert list(frame["region"].fillna("–")) == ["Trondheim", "Fjellregionen", "–"]
    assert list(frame["target_area"].fillna("–")) == ["Trondheim", "–", "–"]
    table = areas.targeting_table(frame, trondelag, "kommune")
    assert list(table.columns) == ["Nr.", "Område", "Region", "Målområde", "Oppslutning"]  # no comparison: no change
    assert list(table["Region"]) == ["Trondheim", "Fjellregionen", "Andre kommuner"]
    assert areas.unlisted_note(frame, "SV", "kommune") == (
        "SV stilte ikke liste i 1 kommune (uten farge på kartet, «ingen liste» i tabellen): Frosta.")
    assert areas.turnout_total(pd.DataFrame({"eligible_voters": [100, 300, None], "votes_cast": [50, 250, 7]})) == {
        "turnout_pct": 75.0, "areas": 2}
