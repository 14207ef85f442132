"""Pure computations for the Feltarbeid page: answer rates, activists per branch, money raised."""
from __future__ import annotations

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
