"""Local branches to regions by the kommune name in the branch's name (county branches)."""
from __future__ import annotations

import pandas as pd

from campaign.fieldwork import NO_REGION, branch_kommune, by_region

KOMMUNER = {"5001": "Trondheim", "5027": "Midtre Gauldal", "5059": "Orkland", "5006": "Steinkjer"}
REGIONS = {"Fjellregionen": ("5027",), "Melhus/Skaun/Orkland": ("5059",), "Trondheim": ("5001",)}


def test_branch_kommune_matches_whole_words_longest_first():
    assert branch_kommune("Trondheim SV", KOMMUNER) == "5001"
    assert branch_kommune("SV i Midtre Gauldal", KOMMUNER) == "5027"
    assert branch_kommune("orkland sv", KOMMUNER) == "5059"  # case-insensitive
    assert branch_kommune("Trondheimsfjorden SV", KOMMUNER) is None  # not a word of its own
    assert branch_kommune("Studentlaget", KOMMUNER) is None


def test_by_region_sums_people_and_hides_small_active_shares():
    members = pd.DataFrame({"branch": ["Trondheim SV", "Orkland SV", "Steinkjer SV", "NTNU"],
                            "members": [600, 40, 30, 20], "active": [120, 4, 6, None], "activists": [50, 2, 3, 1]})
    out = by_region(members, KOMMUNER, REGIONS).set_index("region")
    assert list(out.index) == ["Melhus/Skaun/Orkland", "Trondheim", NO_REGION]  # config order, the rest last
    assert out.loc[NO_REGION, ["branches", "members", "active"]].tolist() == [2, 50, 6]  # Steinkjer: in no region
    assert out.loc["Trondheim", "active_pct"] == 20.0
    assert pd.isna(out.loc["Melhus/Skaun/Orkland", "active_pct"])  # 4 active: the share would reveal it
