"""Pure computations for the website page: traffic channels and their groups, year comparison, the landing page.

Channel groups: «sosiale medier» (ad platforms by name, GA4's «Organic/Paid Social»), «nettsider og
aviser» (newspapers by name, GA4's «Referral») and «annet» (search, direct, e-mail …).
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from campaign import fmt
from campaign.digital import change_pct, ratio_pct

AD_PLATFORM_WORDS = {"facebook": "Facebook", "fb": "Facebook", "instagram": "Instagram", "ig": "Instagram",
                     "meta": "Meta", "snapchat": "Snapchat", "linkedin": "LinkedIn", "tiktok": "TikTok"}
NEWSPAPER_WORDS = ("schibsted", "aftenposten", "vg", "dagbladet", "avisa oslo", "nettavisen", "dagsavisen",
                   "klassekampen", "e24", "dn", "amedia", "avis")
SOCIAL, WEBSITES, OTHER = "sosiale medier", "nettsider og aviser", "annet"
SOCIAL_WORDS = ("social", "sosial")  # GA4's «Organic Social», «Paid Social»; «Andre sosiale medier»
WEBSITE_WORDS = ("referral", "nettside", "henvisning")  # GA4's «Referral»; «Andre nettsider»


# GA4's default channel groups in Norwegian (a property's own grouping is shown as it is named).
CHANNEL_NAMES = {"organic search": "Organisk søk", "paid search": "Betalt søk", "direct": "Direkte",
                 "organic social": "Organisk sosialt", "paid social": "Betalt sosialt", "referral": "Henvisninger",
                 "email": "E-post", "unassigned": "Ikke tildelt", "organic video": "Organisk video",
                 "paid video": "Betalt video", "display": "Bannerannonser", "affiliates": "Affiliates",
                 "cross-network": "På tvers av nettverk", "sms": "SMS", "audio": "Lyd", "mobile push notifications":
                 "Push-varsler", "organic shopping": "Organisk shopping", "paid shopping": "Betalt shopping"}


def channel_label(channel: str) -> str:
    """A channel as people read it: GA4's «Organic Search» → «Organisk søk»; others unchanged."""
    return CHANNEL_NAMES.get(channel.casefold(), channel)


def _words(channel: str) -> list[str]:
    return channel.casefold().replace("/", " ").replace("-", " ").replace(".", " ").split()


def ad_platform(channel: str) -> str | None:
    """The ad platform a channel names ("Facebook" for «facebook / cpc»), or None."""
    words = _words(channel)
    return next((name for word, name in AD_PLATFORM_WORDS.items() if word in words), None)


def is_newspaper(channel: str) -> bool:
    """True when a channel names a newspaper (a word like «vg», or «avisa oslo» anywhere)."""
    words = _words(channel)
    text = " ".join(words)
    return any(paper in words or (" " in paper and paper in text) for paper in NEWSPAPER_WORDS)


def channel_group(channel: str) -> str:
    """The group a traffic channel belongs to: social media, websites and newspapers, or other.

    GA4's default groups («Paid Social», «Referral») do not say which platform or site; only a
    channel grouping that names them («Facebook», «Schibsted») can be told apart.
    """
    text = " ".join(_words(channel))
    if ad_platform(channel) or any(word in text for word in SOCIAL_WORDS):
        return SOCIAL
    if is_newspaper(channel) or any(word in text for word in WEBSITE_WORDS):
        return WEBSITES
    return OTHER


def channel_shares(channels: pd.DataFrame, site: str | None) -> pd.DataFrame:
    """One site's channels (web_channels rows): sessions, share of all sessions and of its group (%),
    the group, and whether it is an ad platform or a newspaper; largest first."""
    out = channels[channels["site"] == site].sort_values(["sessions", "channel"], ascending=[False, True]).reset_index(drop=True)
    out["group"] = [channel_group(c) for c in out["channel"]]
    out["share_pct"] = ratio_pct(out["sessions"], out["sessions"].sum())
    out["group_share_pct"] = ratio_pct(out["sessions"], out.groupby("group")["sessions"].transform("sum"))
    out["label"] = [channel_label(c) for c in out["channel"]]
    out["ad_platform"] = [ad_platform(c) is not None for c in out["channel"]]
    out["newspaper"] = [is_newspaper(c) for c in out["channel"]]
    return out


def source_site(channels: pd.DataFrame) -> str | None:
    """The site whose channels name the most ad platforms and newspapers (by sessions); else the largest."""
    if channels.empty:
        return None
    named = [ad_platform(c) is not None or is_newspaper(c) for c in channels["channel"]]
    named_sessions = channels["sessions"].where(named, 0).groupby(channels["site"]).sum()
    total = channels.groupby("site")["sessions"].sum()
    return max(total.index, key=lambda site: (named_sessions[site], total[site]))


def largest_site(channels: pd.DataFrame) -> str | None:
    """The site with the most sessions (the whole website rather than a report on one page)."""
    if channels.empty:
        return None
    return channels.groupby("site")["sessions"].sum().idxmax()


def top_channels(daily: pd.DataFrame, keep: int = 7) -> pd.DataFrame:
    """Daily rows with all but the `keep` largest channels (by sessions) merged into «Andre»."""
    order = daily.groupby("channel")["sessions"].sum().sort_values(ascending=False).index
    kept = set(order[:keep])
    merged = daily.assign(channel=[channel_label(c) if c in kept else "Andre" for c in daily["channel"]])
    return merged.groupby(["date", "channel"], as_index=False)[["sessions", "views"]].sum()


def year_comparison(by_year: pd.DataFrame) -> tuple[pd.Series | None, pd.Series | None]:
    """(this window, the same window in the most recent earlier year with data); None where missing."""
    current = by_year[by_year["years_back"] == 0]
    earlier = by_year[by_year["years_back"] > 0].sort_values("years_back")
    return (current.iloc[0] if len(current) else None), (earlier.iloc[0] if len(earlier) else None)


def comparison_note(first, last, earlier: pd.Series | None) -> str:
    """What the website figures cover and what they are compared with."""
    against = (f", sammenlignet med samme datoer i {int(earlier['year'])}" if earlier is not None
               else "; ingen tidligere år har tall for de samme datoene")
    return (f"Perioden {fmt.period(first, last)}{against}. Besøk = økter; unike sidevisninger = økter der siden ble sett, "
            "summert over sider og dager.")


def web_summary(by_year: pd.DataFrame) -> dict[str, tuple[float, float]]:
    """Visits, pageviews and unique pageviews: (this window, change in % against the earlier year)."""
    current, earlier = year_comparison(by_year)
    out = {}
    for name in ("sessions", "views", "unique_pageviews"):
        value = current[name] if current is not None else np.nan
        out[name] = (value, change_pct(value, earlier[name]) if earlier is not None else np.nan)
    return out


def landing_page(top_pages: pd.DataFrame) -> str | None:
    """The landing page: the most viewed page other than the front page (the only page if it is all)."""
    pages = list(top_pages["page"])
    return next((p for p in pages if p.strip() not in ("/", "")), pages[0] if pages else None)


def group_summary(shares: pd.DataFrame, group: str, parts: int = 3) -> tuple[float, float, str]:
    """(sessions from a group, its share of all sessions in %, the shares of its named ad platforms and
    newspapers – else its largest channels – as '63 % Facebook, 32 % Snapchat')."""
    rows = shares[shares["group"] == group]
    named = rows[rows["ad_platform"] | rows["newspaper"]]
    shown = (named if len(named) else rows)[:parts]
    text = ", ".join(f"{fmt.percent(p, 0)} {c}" for c, p in zip(shown["label"], shown["group_share_pct"]))
    return rows["sessions"].sum(), rows["share_pct"].sum(), text


def page_series(page_daily: pd.DataFrame) -> pd.DataFrame:
    """One page's days as long rows (date, series, value): «Sidevisninger» and «Unike sidevisninger»."""
    long = page_daily.melt(id_vars="date", value_vars=["views", "users"], var_name="series", value_name="value")
    return long.assign(series=long["series"].map({"views": "Sidevisninger", "users": "Unike sidevisninger"}))


def page_totals(top_pages: pd.DataFrame, page: str | None) -> tuple[float, float]:
    """(views, unique pageviews) of one page over the period."""
    rows = top_pages[top_pages["page"] == page]
    return (rows["views"].iloc[0], rows["users"].iloc[0]) if len(rows) else (np.nan, np.nan)
