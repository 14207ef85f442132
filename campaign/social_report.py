"""What the Sosiale medier page shows, per filter set: queries → computations → tables and figures.

Each function is one page section; the page gets it through ui.built, so it is made once per
filters and data version, not on every rerun.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from campaign import digital, digital_charts, digital_tables, fmt, queries

TABLES = ("social", "audience")  # what the page shows (ui.digital_page), and whose sources it lists


@dataclass(frozen=True)
class Overview:
    """The chosen accounts' totals against the previous period, per account, and the engagement chart."""
    metrics: list[tuple[str, str, str | None]]
    note: str
    reach: pd.DataFrame  # display table: views, reach, engagement and posts per account
    followers: pd.DataFrame  # display table: followers and profile visits per account
    engagement: go.Figure | None  # None when no account counts views
    rows_note: str | None  # when the tables leave accounts out (a national party's hundreds of accounts)
    numbers: dict[str, pd.DataFrame] = field(default_factory=dict)  # the tables as numbers, for downloads


def overview(first: dt.date, last: dt.date, platform: str | None, account: str | None, source: str) -> Overview | None:
    """The period's totals and changes; None when the accounts have no rows in the period."""
    previous = digital.previous_period(first, last)
    totals = queries.social_period_totals(first, last, *previous, platform, account)
    if not (totals["period"] == "current").any():
        return None
    accounts = digital.social_accounts(totals)
    rates = digital.engagement_by_account(accounts)
    counted = int((accounts["views"].notna() & accounts["engagement"].notna()).sum())
    which = "" if len(rates) == counted else f"; de {len(rates)} kontoene med flest visninger"
    figure = digital_charts.engagement_bars(
        rates, "Engasjementsrate per konto", f"Engasjementsrate = (likes + kommentarer + delinger) ÷ visninger{which}",
        source) if len(rates) else None
    shown, total = digital.largest(accounts, ["views", "reach"])
    note = (f"Perioden {fmt.period(first, last)}; endring mot {fmt.period(*previous)} (like mange dager), bare der alle "
            f"kontoene har tall for begge periodene. {digital.ENGAGEMENT_FORMULA.capitalize()} (kontoer som teller "
            "visninger). Rekkevidde per dag summert er ikke unike personer: den samme personen telles hver dag hun nås.")
    return Overview(digital_tables.social_metrics(digital.social_summary(totals)), note,
                    digital_tables.social_reach_table(shown), digital_tables.social_followers_table(shown), figure,
                    digital.shown_note(len(shown), total, "kontoer", "flest visninger, så størst rekkevidde"),
                    {"reach": digital_tables.social_reach_numbers(shown),
                     "followers": digital_tables.social_followers_numbers(shown)})


def daily(first: dt.date, last: dt.date, platform: str | None, account: str | None, metric: str,
          source: str) -> tuple[go.Figure, go.Figure]:
    """The chosen metric per day and the followers per day: one line per account, or per platform
    (summed over its accounts) when there are more than digital.MAX_SERIES accounts."""
    counts = digital.account_counts(queries.digital_sources(TABLES), platform, account)
    summed = digital.summed_per_platform(counts)
    frame = digital.daily_series(queries.social_daily(first, last, platform, account, summed), counts)
    label, counts_text = digital.DAILY_METRICS[metric]
    per = "summert per plattform" if summed else "per konto"
    return (digital_charts.daily_lines(frame, metric, "series", f"{label} per dag", f"{counts_text}; {per}", source),
            digital_charts.daily_lines(frame, "followers", "series", "Følgere",
                                       f"Antall følgere ved dagens slutt, {per}", source))


def audience(first: dt.date, last: dt.date, platform: str | None, account: str | None,
             source: str) -> dict[str, go.Figure] | int:
    """One chart per audience dimension (gender, age, place …) the accounts report, in report order;
    with more than digital.MAX_SERIES accounts, just their number (shares cannot be added up)."""
    shares = queries.audience_shares(first, last, platform, account)
    accounts = len(shares[["platform", "account"]].drop_duplicates())
    if accounts > digital.MAX_SERIES:
        return accounts
    return {dimension: digital_charts.audience_bars(
                digital.audience_for(shares, dimension), f"Publikum: {digital.dimension_name(dimension).lower()}",
                "Andel av kontoens publikum slik plattformen oppgir det (følgere eller seere)", source)
            for dimension in dict.fromkeys(shares["dimension"])}
