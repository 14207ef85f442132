"""Display tables for the social-media, ads and website pages: Norwegian columns, formatted figures.

Each display table has a `*_numbers` companion with the same rows as plain numbers and dates (the change in
brackets as its own column, units in the headers) for the downloads, so a spreadsheet can sum and sort them.
"""
from __future__ import annotations

import re

import pandas as pd

from campaign import downloads, fmt
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


# Download companions: the same rows as numbers, Norwegian headers with units.

def _numeric(frame: pd.DataFrame, text: dict[str, list], numbers: dict[str, str]) -> pd.DataFrame:
    """Text columns as given, then each `numbers` header from its column (2 decimals, empty when missing)."""
    columns = {header: list(values) for header, values in text.items()}
    columns |= {header: pd.to_numeric(frame[name], errors="coerce").astype(float).to_numpy()
                for header, name in numbers.items()}
    return downloads.rounded(pd.DataFrame(columns))


def _accounts(accounts: pd.DataFrame) -> dict[str, list]:
    return {"Plattform": [platform_name(p) for p in accounts["platform"]], "Konto": list(accounts["account"])}


def social_reach_numbers(accounts: pd.DataFrame) -> pd.DataFrame:
    """social_reach_table as numbers: each value and its change against the previous period."""
    return _numeric(accounts, _accounts(accounts), {
        "Visninger": "views", "Visninger, endring (%)": "views_change_pct",
        "Rekkevidde (sum per dag)": "reach", "Rekkevidde, endring (%)": "reach_change_pct",
        "Engasjement": "engagement", "Engasjement, endring (%)": "engagement_change_pct",
        "Engasjementsrate (%)": "engagement_rate", "Engasjementsrate, endring (pp)": "engagement_rate_change_pp",
        "Innlegg": "posts", "Innlegg, endring (%)": "posts_change_pct"})


def social_followers_numbers(accounts: pd.DataFrame) -> pd.DataFrame:
    """social_followers_table as numbers."""
    return _numeric(accounts, _accounts(accounts), {
        "Følgere (siste dag)": "followers_last", "Nye følgere": "new_followers",
        "Nye følgere (% av følgerne før)": "new_followers_pct", "Profilbesøk": "profile_visits"})


def _campaigns(campaigns: pd.DataFrame) -> dict[str, list]:
    return {"Plattform": [platform_name(p) for p in campaigns["platform"]], "Kampanje": list(campaigns["campaign"])}


def ad_campaign_results_numbers(campaigns: pd.DataFrame) -> pd.DataFrame:
    """ad_campaign_results as numbers, the period as first and last day (dates)."""
    days = {"Første dag": [_day(v) for v in campaigns["first_date"]],
            "Siste dag": [_day(v) for v in campaigns["last_date"]]}
    return _numeric(campaigns, _campaigns(campaigns) | days, {
        "Kostnad (kr)": "spend_nok", "Visninger": "impressions", "Lenkeklikk": "link_clicks", "CTR (%)": "ctr_pct",
        "CPC (kr)": "cpc_nok", "CPM (kr)": "cpm_nok", "Kr per landingssidevisning": "cost_per_lpv_nok"})


def ad_campaign_reach_numbers(campaigns: pd.DataFrame) -> pd.DataFrame:
    """ad_campaign_reach as numbers."""
    return _numeric(campaigns, _campaigns(campaigns), {
        "Rekkevidde": "reach", "Frekvens (publisert)": "published_frequency",
        "Visninger ÷ rekkevidde": "computed_frequency",
        **{f"Video {step} % (% av visninger)": f"video_p{step}_rate_pct" for step in (25, 50, 75, 100)}})


def value_costs_numbers(value: pd.DataFrame) -> pd.DataFrame:
    """value_costs as numbers; the total's cost per 1 000 reached is empty (reach cannot be added up)."""
    frame = value.assign(per_1000_reached_nok=value["per_1000_reached_nok"].where(~value["is_total"]))
    return _numeric(frame, {"Kanal": list(value["label"])}, {
        "Kostnad (kr)": "spend_nok", "Kr per 1 000 nådd": "per_1000_reached_nok",
        "Kr per 1 000 visninger": "cpm_nok", "Kr per klikk": "cpc_nok",
        "Kr per landingssidevisning": "cost_per_lpv_nok"})


def value_results_numbers(value: pd.DataFrame) -> pd.DataFrame:
    """value_results as numbers; the total's reach is empty (reach cannot be added up)."""
    frame = value.assign(reach=value["reach"].where(~value["is_total"]))
    return _numeric(frame, {"Kanal": list(value["label"])}, {
        "Visninger": "impressions", "Rekkevidde (nådd)": "reach", "Frekvens (publisert)": "published_frequency",
        "Visninger ÷ rekkevidde": "computed_frequency", "Lenkeklikk": "link_clicks",
        "Landingssidevisninger": "landing_page_views"})


def channel_numbers(shares: pd.DataFrame) -> pd.DataFrame:
    """channel_table as numbers."""
    return _numeric(shares, {"Kanal": list(shares["label"]), "Gruppe": list(shares["group"])}, {
        "Besøk (økter)": "sessions", "Andel av alle besøk (%)": "share_pct",
        "Andel av gruppen (%)": "group_share_pct"})


def top_pages_numbers(pages: pd.DataFrame) -> pd.DataFrame:
    """top_pages_table as numbers."""
    return _numeric(pages, {"Side": list(pages["page"])},
                    {"Sidevisninger": "views", "Unike sidevisninger": "users"})


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
