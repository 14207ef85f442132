"""Display tables for the social-media, ads and website pages: Norwegian columns, formatted figures."""
from __future__ import annotations

import re

import pandas as pd

from campaign import fmt
from campaign.ad_costs import NOT_ADDABLE
from campaign.digital import account_label, platform_name


def _numbers(values, decimals: int = 0) -> list[str]:
    return [fmt.number(v, decimals) for v in values]


def _kroner(values, decimals: int = 0) -> list[str]:
    return [fmt.kroner(v, decimals) for v in values]


def _percents(values, decimals: int = 1) -> list[str]:
    return [fmt.percent(v, decimals) for v in values]


def _with_change(values, changes, change_format=fmt.signed_percent) -> list[str]:
    return [fmt.number(v) if pd.isna(c) else f"{fmt.number(v)} ({change_format(c)})" for v, c in zip(values, changes)]


def social_reach_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """Per account: views, reach, engagement and posts, the change against the previous period in brackets."""
    return pd.DataFrame({
        "Konto": [account_label(p, a) for p, a in zip(accounts["platform"], accounts["account"])],
        "Visninger": _with_change(accounts["views"], accounts["views_change_pct"]),
        "Rekkevidde (sum per dag)": _with_change(accounts["reach"], accounts["reach_change_pct"]),
        "Engasjement": _with_change(accounts["engagement"], accounts["engagement_change_pct"]),
        "Engasjementsrate": [fmt.percent(r, 2) if pd.isna(c) else f"{fmt.percent(r, 2)} ({fmt.pp(c, 2)})"
                             for r, c in zip(accounts["engagement_rate"], accounts["engagement_rate_change_pp"])],
        "Innlegg": _with_change(accounts["posts"], accounts["posts_change_pct"]),
    })


def social_followers_table(accounts: pd.DataFrame) -> pd.DataFrame:
    """Per account: followers on the last day, new followers (and in % of those before), profile visits."""
    return pd.DataFrame({
        "Konto": [account_label(p, a) for p, a in zip(accounts["platform"], accounts["account"])],
        "Følgere (siste dag)": _numbers(accounts["followers_last"]),
        "Nye følgere": [f"{fmt.signed(n)} ({fmt.signed_percent(p)})" if pd.notna(p) else fmt.signed(n)
                        for n, p in zip(accounts["new_followers"], accounts["new_followers_pct"])],
        "Profilbesøk": _numbers(accounts["profile_visits"]),
    })


def ad_campaign_results(campaigns: pd.DataFrame) -> pd.DataFrame:
    """Per platform and campaign: spend, impressions, clicks and the costs per result."""
    return pd.DataFrame({
        "Plattform": [platform_name(p) for p in campaigns["platform"]],
        "Kampanje": campaigns["campaign"],
        "Periode": [_cell_period(a, b) for a, b in zip(campaigns["first_date"], campaigns["last_date"])],
        "Kostnad": _kroner(campaigns["spend_nok"]),
        "Visninger": _numbers(campaigns["impressions"]),
        "Lenkeklikk": _numbers(campaigns["link_clicks"]),
        "CTR": _percents(campaigns["ctr_pct"], 2),
        "CPC": _kroner(campaigns["cpc_nok"], 2),
        "CPM": _kroner(campaigns["cpm_nok"], 2),
        "Kr per landings\u00adsidevisning": _kroner(campaigns["cost_per_lpv_nok"], 2),
    })


def ad_campaign_reach(campaigns: pd.DataFrame) -> pd.DataFrame:
    """Per platform and campaign: the platform's reach and frequency, and the video view rates."""
    return pd.DataFrame({
        "Plattform": [platform_name(p) for p in campaigns["platform"]],
        "Kampanje": campaigns["campaign"],
        "Rekkevidde": _numbers(campaigns["reach"]),
        "Frekvens (publisert)": _numbers(campaigns["published_frequency"], 2),
        "Visninger ÷ rekkevidde": _numbers(campaigns["computed_frequency"], 2),
        **{f"Video {step} %": _percents(campaigns[f"video_p{step}_rate_pct"], 2) for step in (25, 50, 75, 100)},
    })


def value_costs(value: pd.DataFrame) -> pd.DataFrame:
    """«Hva fikk vi for pengene?»: per paid channel and in total, the spend and the cost per result."""
    total = value["is_total"]
    return pd.DataFrame({
        "Kanal": _bold_total(value),
        "Kostnad": _kroner(value["spend_nok"]),
        "Kr per 1 000 nådd": [NOT_ADDABLE if t else fmt.kroner(v, 2) for v, t in zip(value["per_1000_reached_nok"], total)],
        "Kr per 1 000 visninger": _kroner(value["cpm_nok"], 2),
        "Kr per klikk": _kroner(value["cpc_nok"], 2),
        "Kr per landings\u00adsidevisning": _kroner(value["cost_per_lpv_nok"], 2),
    })


def value_results(value: pd.DataFrame) -> pd.DataFrame:
    """What the spend in each paid channel delivered: impressions, reach, frequency, clicks, landing-page views."""
    total = value["is_total"]
    return pd.DataFrame({
        "Kanal": _bold_total(value),
        "Visninger": _numbers(value["impressions"]),
        "Rekkevidde (nådd)": [NOT_ADDABLE if t else fmt.number(r) for r, t in zip(value["reach"], total)],
        "Frekvens (publisert)": _numbers(value["published_frequency"], 2),
        "Visninger ÷ rekkevidde": _numbers(value["computed_frequency"], 2),
        "Lenkeklikk": _numbers(value["link_clicks"]),
        "Landings\u00adsidevisninger": _numbers(value["landing_page_views"]),
    })


def channel_table(shares: pd.DataFrame) -> pd.DataFrame:
    """Per traffic channel: visits, share of all visits and of its group."""
    return pd.DataFrame({
        "Kanal": shares["label"],
        "Gruppe": shares["group"],
        "Besøk (økter)": _numbers(shares["sessions"]),
        "Andel av alle besøk": _percents(shares["share_pct"]),
        "Andel av gruppen": _percents(shares["group_share_pct"], 0),
    })


def top_pages_table(pages: pd.DataFrame) -> pd.DataFrame:
    """The most viewed pages: views and unique pageviews."""
    return pd.DataFrame({
        "Side": pages["page"],
        "Sidevisninger": _numbers(pages["views"]),
        "Unike sidevisninger": _numbers(pages["users"]),
    })


def _bold_total(value: pd.DataFrame) -> list[str]:
    """Channel labels, the total row's in bold (st.table reads Markdown)."""
    return [f"**{label}**" if total else label for label, total in zip(value["label"], value["is_total"])]


def _cell_period(first, last) -> str:
    """fmt.period with a no-break space after each day number: «28. aug.» must not read as a Markdown list item."""
    return re.sub(r"(\d)\. (?=[a-zæøå])", "\\1.\u00a0", fmt.period(_day(first), _day(last)))


def _day(value):
    return None if pd.isna(value) else pd.Timestamp(value).date()


# Metric rows: (label, value, change or None) for ui.metric_row.

def _delta(text: str) -> str | None:
    return None if text == "–" else text


def social_metrics(summary: dict[str, tuple[float, float]]) -> list[tuple[str, str, str | None]]:
    """The chosen accounts' totals with their change against the previous period (digital.social_summary)."""
    labels = {"reach": "Rekkevidde (sum per dag)", "views": "Visninger", "engagement": "Engasjement",
              "engagement_rate": "Engasjementsrate", "new_followers": "Nye følgere", "posts": "Innlegg"}
    rows = []
    for name, label in labels.items():
        value, change = summary[name]
        if name == "engagement_rate":
            rows.append((label, fmt.percent(value, 2), _delta(fmt.pp(change, 2))))
        else:
            rows.append((label, fmt.number(value), _delta(fmt.signed_percent(change))))
    return rows


def ad_metrics(summary: dict[str, float], budget_used_pct: float) -> list[tuple[str, str, str | None]]:
    """Spend (and share of the budget), impressions, clicks and the rates (ad_costs.ad_summary)."""
    used = _delta(fmt.percent(budget_used_pct))
    return [
        ("Kostnad", fmt.kroner(summary["spend_nok"]), f"{used} av budsjettet" if used else None),
        ("Visninger", fmt.number(summary["impressions"]), None),
        ("Lenkeklikk", fmt.number(summary["link_clicks"]), None),
        ("CTR", fmt.percent(summary["ctr_pct"], 2), None),
        ("CPC", fmt.kroner(summary["cpc_nok"], 2), None),
        ("CPM", fmt.kroner(summary["cpm_nok"], 2), None),
        ("Kr per landingssidevisning", fmt.kroner(summary["cost_per_lpv_nok"], 2), None),
    ]


def web_metrics(summary: dict[str, tuple[float, float]], earlier: pd.Series | None) -> list[tuple[str, str, str | None]]:
    """Visits, pageviews and unique pageviews with the change against the same dates an earlier year."""
    earlier_year = None if earlier is None else int(earlier["year"])
    labels = {"sessions": "Besøk (økter)", "views": "Sidevisninger", "unique_pageviews": "Unike sidevisninger"}
    rows = []
    for name, label in labels.items():
        value, change = summary[name]
        delta = _delta(fmt.signed_percent(change))
        rows.append((label, fmt.number(value), f"{delta} mot {earlier_year}" if delta else None))
    return rows
