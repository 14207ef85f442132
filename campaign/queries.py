"""Typed query functions: one thin wrapper per named query in queries/, cached by data version.

Compositions of several queries live with what they compute (campaign/targeting.py, campaign/results.py).
"""
from __future__ import annotations

import pandas as pd

from campaign.cache import run_query
from campaign.config import load_config


def _bydel_names(frame: pd.DataFrame, column: str = "bydel_id") -> pd.DataFrame:
    names = load_config().bydeler
    return frame.assign(bydel=frame[column].map(names).fillna(frame[column]))


def party_shares(election_id: str, compare_id: str | None, area_id: str) -> pd.DataFrame:
    """One row per party: votes, share and change in one area."""
    return run_query("party_shares", election_id=election_id, compare_id=compare_id, area_id=area_id)


def party_shares_by_bydel(election_id: str, compare_id: str | None, kommune_id: str) -> pd.DataFrame:
    """One row per bydel × party: election-day votes, share and change."""
    frame = run_query("party_shares_by_bydel", election_id=election_id, compare_id=compare_id,
                      kommune_id=kommune_id)
    return _bydel_names(frame)


def party_shares_by_krets(election_id: str, compare_id: str | None, kommune_id: str, bydel_id: str | None,
                          party_code: str) -> pd.DataFrame:
    """One row per krets in a bydel (all bydeler when None): election-day votes, share, comparable change."""
    return run_query("party_shares_by_krets", election_id=election_id, compare_id=compare_id,
                     kommune_id=kommune_id, bydel_id=bydel_id, party_code=party_code)


def boundaries(level: str, kommune_id: str) -> pd.DataFrame:
    """Imported boundaries at a level: one row per area with its GeoJSON geometry and attribution."""
    return run_query("boundaries", level=level, kommune_id=kommune_id)


def turnout_by_area(election_id: str, compare_id: str | None, kommune_id: str, level: str) -> pd.DataFrame:
    """One row per area at a level: eligible voters, votes cast, turnout and change."""
    return run_query("turnout_by_area", election_id=election_id, compare_id=compare_id,
                     kommune_id=kommune_id, level=level)


def elections_available(kommune_id: str, fylke_id: str) -> pd.DataFrame:
    """Elections with data for the kommune, newest first."""
    return run_query("elections_available", kommune_id=kommune_id, fylke_id=fylke_id)


def data_status() -> pd.Series:
    """One row describing what the store holds."""
    return run_query("data_status").iloc[0]


def import_log() -> pd.DataFrame:
    """One row per import, newest first, with the rows it still has in the store."""
    return run_query("import_log")
