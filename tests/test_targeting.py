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
