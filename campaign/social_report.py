"""What the Sosiale medier page shows, per filter set: queries → computations → tables and figures.

Each function is one page section; the page gets it through ui.built, so it is made once per
filters and data version, not on every rerun.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from campaign import digital, digital_charts, digital_tables, fmt, queries


@dataclass(frozen=True)
class Overview:
    """The chosen accounts' totals against the previous period, per account, and the engagement chart."""
    metrics: list[tuple[str, str, str | None]]
    note: str
    reach: pd.DataFrame  # display table: views, reach, engagement and posts per account
    followers: pd.DataFrame  # display table: followers and profile visits per account
    engagement: go.Figure | None  # None when no account counts views


def overview(first: dt.date, last: dt.date, platform: str | None, account: str | None, source: str) -> Overview | None:
    """The period's totals and changes; None when the accounts have no rows in the period."""
    previous = digital.previous_period(first, last)
    totals = queries.social_period_totals(first, last, *previous, platform, account)
    if not (totals["period"] == "current").any():
        return None
    accounts = digital.social_accounts(totals)
    rates = digital.engagement_by_account(accounts)
    figure = digital_charts.engagement_bars(
        rates, "Engasjementsrate per konto", "Engasjementsrate = (likes + kommentarer + delinger) ÷ visninger",
        source) if len(rates) else None
    note = (f"Perioden {fmt.period(first, last)}; endring mot {fmt.period(*previous)} (like mange dager), bare der alle "
            f"kontoene har tall for begge periodene. {digital.ENGAGEMENT_FORMULA.capitalize()} (kontoer som teller "
            "visninger). Rekkevidde per dag summert er ikke unike personer: den samme personen telles hver dag hun nås.")
    return Overview(digital_tables.social_metrics(digital.social_summary(totals)), note,
                    digital_tables.social_reach_table(accounts), digital_tables.social_followers_table(accounts), figure)


def daily(first: dt.date, last: dt.date, platform: str | None, account: str | None, metric: str,
          source: str) -> tuple[go.Figure, go.Figure]:
    """The chosen metric per day and the followers per day, one line per account."""
    frame = digital.with_account_labels(queries.social_daily(first, last, platform, account))
    label, counts = digital.DAILY_METRICS[metric]
    return (digital_charts.daily_lines(frame, metric, "series", f"{label} per dag", counts, source),
            digital_charts.daily_lines(frame, "followers", "series", "Følgere",
                                       "Antall følgere ved dagens slutt, per konto", source))


def audience(first: dt.date, last: dt.date, platform: str | None, account: str | None,
             source: str) -> dict[str, go.Figure]:
    """One chart per audience dimension (gender, age, place …) the accounts report, in report order."""
    shares = queries.audience_shares(first, last, platform, account)
    return {dimension: digital_charts.audience_bars(
                digital.audience_for(shares, dimension), f"Publikum: {digital.dimension_name(dimension).lower()}",
                "Andel av kontoens publikum slik plattformen oppgir det (følgere eller seere)", source)
            for dimension in dict.fromkeys(shares["dimension"])}
