"""Typed query functions: one per named query in queries/, cached by data version."""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from campaign import analysis, geo
from campaign.cache import geometry, run_query
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


@dataclass(frozen=True)
class MapLayer:
    """The shapes to draw (projected paths per area): imported boundaries, else schematic tiles."""
    shapes: dict
    points: dict
    attribution: str | None
    schematic: bool
    missing: list[str]


def map_layer(level: str, kommune_id: str, areas: pd.DataFrame) -> MapLayer:
    """Shapes for these areas (area_id, area_name): imported boundaries, or a schematic layout."""
    shapes, points, attribution = geometry(level, kommune_id)
    ids = list(areas["area_id"])
    if set(shapes) & set(ids):
        return MapLayer(shapes, points, attribution, False, sorted(set(ids) - set(shapes)))
    from campaign.schematic import schematic_bydeler, schematic_kretser
    if level == "bydel":
        tiles = geo.subset(schematic_bydeler(load_config()), ids)
    else:
        tiles = schematic_kretser(list(zip(areas["area_id"], areas["area_name"])))
    return MapLayer(geo.paths(tiles), geo.label_points(tiles), None, True, [])


def targeting(election_id: str, compare_id: str | None, kommune_id: str, level: str, party_code: str) -> pd.DataFrame:
    """Per bydel or krets: the party's share and change, turnout, non-voters and mobilisation potential."""
    config = load_config()
    turnout = turnout_by_area(election_id, compare_id, kommune_id, level)
    if level == "krets":
        shares = party_shares_by_krets(election_id, compare_id, kommune_id, None, party_code)
    else:
        shares = party_shares_by_bydel(election_id, compare_id, kommune_id)
        shares = shares[shares["party_code"] == party_code]
    return analysis.targeting(turnout, shares, level, kommune_id, config)
