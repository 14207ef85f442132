"""Pure computations for the Feltarbeid page: answer rates, activists per branch, money raised."""
from __future__ import annotations

import re

import pandas as pd

from campaign.fmt import SMALL_NUMBER

ACTIVE_BAND = (15.0, 30.0)  # healthy share of members who are active, per branch (per cent)
FUNDRAISING_KINDS = ("medlemmer", "faste givere", "lotteri")  # raised by the branch itself
OUTCOMES = {"positive": "Positive", "undecided": "Usikre", "negative": "Negative", "wrong_number": "Feil nummer"}


def _rate(part: pd.Series, whole: pd.Series) -> pd.Series:
    return (part / whole.where(whole > 0) * 100).astype("Float64")


def answer_rates(calls: pd.DataFrame) -> pd.DataFrame:
    """Adds answer_pct = calls_reached ÷ calls_made × 100."""
    return calls.assign(answer_pct=_rate(calls["calls_reached"], calls["calls_made"]))


def daily_totals(daily: pd.DataFrame) -> pd.DataFrame:
    """Calls per day, assignments summed, long: date, measure («Ringt», «Nådd»), value."""
    per_day = daily.groupby("date", as_index=False)[["calls_made", "calls_reached"]].sum()
    long = per_day.melt("date", var_name="measure", value_name="value")
    return long.assign(measure=long["measure"].map({"calls_made": "Ringt", "calls_reached": "Nådd"}))


def has_outcomes(calls: pd.DataFrame) -> bool:
    """True when any year reported call outcomes."""
    return bool(calls[list(OUTCOMES)].notna().any().any())


def active_shares(members: pd.DataFrame) -> pd.DataFrame:
    """Adds active_pct = active ÷ members × 100 (NA when fewer than 5 are active: it would reveal the count)."""
    pct = _rate(members["active"], members["members"])
    return members.assign(active_pct=pct.mask(members["active"] < SMALL_NUMBER),
                          in_band=pct.between(*ACTIVE_BAND).fillna(False))


def raised(money: pd.DataFrame) -> float:
    """Money the branch raised itself: the fundraising kinds summed."""
    return float(money.loc[money["kind"].isin(FUNDRAISING_KINDS), "amount_nok"].sum())


NO_REGION = "Andre lokallag"  # a local branch whose name holds no kommune of any region


def branch_kommune(branch: str, kommuner: dict[str, str]) -> str | None:
    """The kommune (code) whose name the branch's name contains as a word, longest name first; None if none."""
    for code, name in sorted(kommuner.items(), key=lambda item: -len(item[1])):
        if re.search(rf"(?<!\w){re.escape(name)}(?!\w)", branch, flags=re.IGNORECASE):
            return code
    return None


def by_region(members: pd.DataFrame, kommuner: dict[str, str], regions: dict[str, tuple[str, ...]]) -> pd.DataFrame:
    """Members, active and activists summed per [regions] region (in config order, «Andre lokallag» last):
    a branch belongs to the region of the kommune its name contains. Columns: region, branches, members,
    active, activists, active_pct (NA when fewer than 5 are active)."""
    region_of = {code: name for name, codes in regions.items() for code in codes}
    placed = members.assign(region=[region_of.get(branch_kommune(b, kommuner) or "", NO_REGION)
                                    for b in members["branch"]])
    sums = placed.groupby("region").agg(branches=("branch", "count"), members=("members", "sum"),
                                        active=("active", lambda v: v.sum(min_count=1)),
                                        activists=("activists", lambda v: v.sum(min_count=1)))
    order = [r for r in [*regions, NO_REGION] if r in sums.index]
    return active_shares(sums.loc[order].reset_index())
