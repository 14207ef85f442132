"""The targeting list per bydel or krets, composed from the turnout and party-share queries."""
from __future__ import annotations

import pandas as pd

from campaign import analysis, queries
from campaign.config import load_config


def targeting(election_id: str, compare_id: str | None, kommune_id: str, level: str, party_code: str) -> pd.DataFrame:
    """Per bydel or krets: the party's share and change, turnout, non-voters and mobilisation potential."""
    turnout = queries.turnout_by_area(election_id, compare_id, kommune_id, level)
    if level == "krets":
        shares = queries.party_shares_by_krets(election_id, compare_id, kommune_id, None, party_code)
    else:
        shares = analysis.party_rows(queries.party_shares_by_bydel(election_id, compare_id, kommune_id), party_code)
    return analysis.targeting(turnout, shares, level, kommune_id, load_config())
