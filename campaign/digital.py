"""Pure computations for the digital pages: periods and defaults, changes and rates, and social media.

Rates are percentages (2.8 means 2,8 %); a rate over nothing is NaN, never 0. Paid ads:
campaign/ad_costs.py; the website: campaign/web_traffic.py.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from campaign import fmt

ENGAGEMENT_FORMULA = "engasjement = likes + kommentarer + delinger; engasjementsrate = engasjement ÷ visninger"
PLATFORM_NAMES = {"meta": "Meta", "facebook": "Facebook", "instagram": "Instagram", "tiktok": "TikTok",
                  "snapchat": "Snapchat", "linkedin": "LinkedIn", "ga4": "Google Analytics"}
MAX_SERIES = 10  # more accounts than this (a national party's 500 branches): one line per platform instead
MAX_ROWS = 25  # rows a table shows (the largest); the page says how many there are
SOCIAL_COUNTS = ("views", "reach", "impressions", "likes", "comments", "shares", "engagement", "profile_visits",
                 "posts")


def platform_name(platform: str) -> str:
    """How a platform is written for people: "linkedin" → "LinkedIn"."""
    return PLATFORM_NAMES.get(platform, platform.capitalize())


def account_label(platform: str, account: str) -> str:
    """'Instagram – Oslo SV'."""
    return f"{platform_name(platform)} – {account}"


def ratio_pct(part, whole):
    """part ÷ whole in percent; NaN where either is missing or the whole is 0 (numbers or aligned Series)."""
    if isinstance(whole, pd.Series):
        return 100.0 * part / whole.where(whole != 0)
    if isinstance(part, pd.Series):
        return 100.0 * part / whole if whole and pd.notna(whole) else part * np.nan
    if part is None or whole is None or pd.isna(part) or pd.isna(whole) or whole == 0:
        return np.nan
    return 100.0 * part / whole


def change_pct(current, previous) -> float:
    """Relative change in percent: (current − previous) ÷ previous; NaN without a previous value."""
    if current is None or previous is None or pd.isna(current) or pd.isna(previous) or previous == 0:
        return np.nan
    return 100.0 * (current - previous) / previous


def previous_period(first: dt.date, last: dt.date) -> tuple[dt.date, dt.date]:
    """The period of the same length ending the day before `first`."""
    days = (last - first).days
    end = first - dt.timedelta(days=1)
    return end - dt.timedelta(days=days), end


def data_range(sources: pd.DataFrame, tables: tuple[str, ...]) -> tuple[dt.date, dt.date] | None:
    """First and last date held in these tables (digital_sources rows), or None when they are empty."""
    rows = sources[sources["source_table"].isin(tables)]
    return (pd.Timestamp(rows["first_date"].min()).date(), pd.Timestamp(rows["last_date"].max()).date()) if len(rows) else None


def default_window(campaign_period: tuple[dt.date, dt.date] | None,
                   held: tuple[dt.date, dt.date] | None) -> tuple[dt.date, dt.date] | None:
    """The campaign period when the data reaches into it, else the data's own range."""
    if campaign_period and (held is None or (campaign_period[0] <= held[1] and campaign_period[1] >= held[0])):
        return campaign_period
    return held


def platforms(sources: pd.DataFrame, table: str) -> list[str]:
    """The platforms a table holds (digital_sources rows)."""
    return sorted(sources.loc[sources["source_table"] == table, "platform"].unique())


def accounts(sources: pd.DataFrame, table: str, platform: str | None) -> list[str]:
    """The accounts, campaigns or sites a table holds for a platform (none for platform None)."""
    rows = sources[(sources["source_table"] == table) & (sources["platform"] == platform)]
    return sorted(rows["name"].unique())


def follower_growth(totals: pd.DataFrame) -> pd.Series:
    """New followers: the sum of the daily change where the platform gives it, else last − first count."""
    return totals["new_followers"].fillna(totals["followers_last"] - totals["followers_first"])


def social_accounts(period_totals: pd.DataFrame) -> pd.DataFrame:
    """Per platform and account: the period's totals, engagement rate and follower growth, and the
    change against the previous period (counts in %, the rate in pp)."""
    keys = ["platform", "account"]
    current = period_totals[period_totals["period"] == "current"].set_index(keys)
    previous = period_totals[period_totals["period"] == "previous"].set_index(keys).reindex(current.index)
    out = current[[*SOCIAL_COUNTS, "followers_last"]].copy()
    out["new_followers"] = follower_growth(current)
    out["new_followers_pct"] = follower_growth_pct(out)
    out["engagement_rate"] = ratio_pct(current["engagement"], current["views"])
    previous_rate = ratio_pct(previous["engagement"], previous["views"])
    for name in ("views", "reach", "engagement", "posts"):
        out[f"{name}_change_pct"] = [change_pct(c, p) for c, p in zip(current[name], previous[name])]
    out["new_followers_previous"] = follower_growth(previous)
    out["engagement_rate_change_pp"] = out["engagement_rate"] - previous_rate
    return out.reset_index()


def social_summary(period_totals: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """The chosen accounts together: metric → (this period, change). Counts change in %, the rate in pp.

    A change compares like with like: it is NaN unless every account counted now has the figure
    for the previous period too (an account that started in this period has nothing to compare with).
    """
    keys = ["platform", "account"]
    current = period_totals[period_totals["period"] == "current"].set_index(keys)
    previous = period_totals[period_totals["period"] == "previous"].set_index(keys).reindex(current.index)
    current = current.assign(new_followers=follower_growth(current))
    previous = previous.assign(new_followers=follower_growth(previous))
    out = {}
    for name in ("reach", "views", "engagement", "new_followers", "posts"):
        counted = current[name].notna()
        comparable = bool(counted.any()) and bool(previous.loc[counted, name].notna().all())
        value = current[name].sum(min_count=1)
        out[name] = (value, change_pct(value, previous[name].sum(min_count=1)) if comparable else np.nan)
    rate = _pooled_rate(current)
    with_views = current["views"].notna() & current["engagement"].notna()
    comparable = bool(with_views.any()) and bool(previous.loc[with_views, ["views", "engagement"]].notna().all().all())
    out["engagement_rate"] = (rate, rate - _pooled_rate(previous) if comparable else np.nan)
    return out


def _pooled_rate(totals: pd.DataFrame) -> float:
    """Engagement ÷ views over the accounts that count views (others would inflate the rate)."""
    with_views = totals[totals["views"].notna()]
    return ratio_pct(with_views["engagement"].sum(min_count=1), with_views["views"].sum(min_count=1))


DIMENSION_NAMES = {"gender": "Kjønn", "age": "Alder", "city": "Sted", "territory": "Land", "country": "Land",
                   "region": "Region"}
BUCKET_NAMES = {"female": "Kvinner", "male": "Menn", "other": "Annet", "unknown": "Ukjent", "kvinne": "Kvinner",
                "mann": "Menn", "women": "Kvinner", "men": "Menn"}


def dimension_name(dimension: str) -> str:
    """'gender' → 'Kjønn'."""
    return DIMENSION_NAMES.get(dimension, dimension.capitalize())


def audience_labels(shares: pd.DataFrame) -> pd.DataFrame:
    """Audience shares with a series label per account, Norwegian bucket names, the share in percent,
    and the buckets in order: ages ascending, other dimensions largest first."""
    out = shares.assign(series=[account_label(p, a) for p, a in zip(shares["platform"], shares["account"])],
                        bucket=[BUCKET_NAMES.get(b.casefold(), b) for b in shares["bucket"]],
                        share_pct=100.0 * shares["share"])
    numeric = out["bucket"].str[:1].str.isdigit().all()
    rank = out["bucket"] if numeric else -out.groupby("bucket")["share_pct"].transform("sum")
    return out.assign(rank=rank).sort_values(["rank", "series"], kind="stable").drop(columns="rank").reset_index(drop=True)


def with_account_labels(frame: pd.DataFrame) -> pd.DataFrame:
    """Rows with platform and account get a series label ('TikTok – sv_oslo')."""
    return frame.assign(series=[account_label(p, a) for p, a in zip(frame["platform"], frame["account"])])


DAILY_METRICS = {  # social_daily column → (label, what the chart counts)
    "reach": ("Rekkevidde", "Rekkevidde per dag (personer nådd den dagen; summen over dager er ikke unike personer)"),
    "views": ("Visninger", "Visninger per dag (TikTok: videovisninger)"),
    "engagement": ("Engasjement", "Engasjement per dag = likes + kommentarer + delinger"),
    "profile_visits": ("Profilbesøk", "Profilbesøk per dag"),
    "new_followers": ("Nye følgere", "Nye følgere per dag (netto endring)"),
    "posts": ("Innlegg", "Innlegg og videoer publisert per dag"),
}


def account_counts(sources: pd.DataFrame, platform: str | None, account: str | None) -> dict[str, int]:
    """How many social accounts each platform has among the chosen ones (digital_sources rows)."""
    rows = sources[(sources["source_table"] == "social")
                   & ((sources["platform"] == platform) if platform else True)
                   & ((sources["name"] == account) if account else True)]
    return rows.groupby("platform")["name"].nunique().to_dict()


def summed_per_platform(counts: dict[str, int]) -> bool:
    """True when there are more accounts than lines a chart can show (one line per platform instead)."""
    return sum(counts.values()) > MAX_SERIES


def daily_series(daily: pd.DataFrame, counts: dict[str, int]) -> pd.DataFrame:
    """social_daily rows with a series label: per account ('TikTok – sv_oslo'), or for rows summed per
    platform (account None) 'TikTok (120 kontoer)'."""
    if daily["account"].notna().all():
        return with_account_labels(daily)
    return daily.assign(series=[f"{platform_name(p)} ({counts.get(p, 0)} kontoer)" for p in daily["platform"]])


def largest(frame: pd.DataFrame, by: list[str], n: int = MAX_ROWS) -> tuple[pd.DataFrame, int]:
    """The n rows largest by the columns `by` (missing last), and how many rows there were."""
    return frame.sort_values(by, ascending=False, na_position="last").head(n), len(frame)


def shown_note(shown: int, total: int, what: str, largest_by: str) -> str | None:
    """'Viser 25 av 500 kontoer (flest visninger) …' when a table or chart leaves rows out."""
    if shown >= total:
        return None
    return (f"Viser {shown} av {fmt.number(total)} {what} ({largest_by}); velg plattform eller konto for å se "
            "de andre.")


def engagement_by_account(accounts: pd.DataFrame, n: int = 15) -> pd.DataFrame:
    """Accounts that count views, at most n (those with the most views): label, engagement, views and
    engagement rate (%), highest rate first."""
    rows = accounts[accounts["views"].notna() & accounts["engagement"].notna()].nlargest(n, "views")
    return with_account_labels(rows)[["series", "platform", "engagement", "views", "engagement_rate"]] \
        .sort_values("engagement_rate", ascending=False).reset_index(drop=True)


def audience_for(shares: pd.DataFrame, dimension: str) -> pd.DataFrame:
    """The labelled audience shares of one dimension (see audience_labels)."""
    return audience_labels(shares[shares["dimension"] == dimension])


def follower_growth_pct(accounts: pd.DataFrame) -> pd.Series:
    """New followers in % of the followers before the period (last count − new followers)."""
    return ratio_pct(accounts["new_followers"], accounts["followers_last"] - accounts["new_followers"])
