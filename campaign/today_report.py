"""What the «I dag» page shows: queries → campaign.today → tables and sentences (None when there is nothing)."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign import downloads, queries, today
from campaign.config import load_config


def _field(first: dt.date, last: dt.date) -> list[pd.DataFrame]:
    """Calls (every assignment) and door rounds in the window, with conversations from both."""
    calls = pd.concat([queries.field_calls_daily(y) for y in range(first.year, last.year + 1)])
    calls = calls.assign(conversations=calls["calls_reached"]) if not calls.empty else calls
    doors = queries.field_doors()
    return [calls, doors[["date", "doors", "conversations"]] if not doors.empty else doors]


def daily(day: dt.date) -> pd.DataFrame:
    """Per-day totals of every measure for the 14 days before `day`."""
    first, last = day - 14 * today.DAY, day - today.DAY
    social = queries.social_daily(first, last, None, None, per_platform=True)
    ads = queries.ads_daily(first, last, None, None)
    return today.daily_totals([social, ads, *_field(first, last)])


def changes(day: dt.date) -> tuple[pd.DataFrame, list[str], pd.DataFrame] | None:
    """The change table, the three biggest changes as sentences, and the table as numbers (for downloads)."""
    spans = today.windows(daily(day), day)
    if spans.isna().all().all():
        return None
    rows = [{"Mål": label, "I går": today.value_text(m, spans.loc[m, "yesterday"]),
             "Dagen før": today.value_text(m, spans.loc[m, "before"]),
             "Endring": today.change_text(spans.loc[m, "yesterday"], spans.loc[m, "before"]),
             "Siste 7 dager": today.value_text(m, spans.loc[m, "last7"]),
             "7 dager før": today.value_text(m, spans.loc[m, "prev7"]),
             "Endring 7 dager": today.change_text(spans.loc[m, "last7"], spans.loc[m, "prev7"])}
            for m, label in today.MEASURES.items()]
    sentences = [today.change_sentence(m, c, spans) for m, c in today.biggest_changes(spans)]
    return pd.DataFrame(rows), sentences, _numbers(spans)


def _numbers(spans: pd.DataFrame) -> pd.DataFrame:
    """The change table as numbers: the measure (with «(kr)» for kroner), the values and the changes in %."""
    def change(now: str, before: str) -> list:
        return [today.relative(spans.loc[m, now], spans.loc[m, before]) for m in today.MEASURES]
    values = {label: [spans.loc[m, column] for m in today.MEASURES] for label, column in (
        ("I går", "yesterday"), ("Dagen før", "before"), ("Siste 7 dager", "last7"), ("7 dager før", "prev7"))}
    frame = pd.DataFrame({"Mål": [f"{label} (kr)" if m in today.KRONER else label for m, label in today.MEASURES.items()],
                          **values, "Endring (%)": change("yesterday", "before"),
                          "Endring 7 dager (%)": change("last7", "prev7")})
    frame = frame[["Mål", "I går", "Dagen før", "Endring (%)", "Siste 7 dager", "7 dager før", "Endring 7 dager (%)"]]
    return downloads.rounded(frame.astype({c: float for c in frame.columns if c != "Mål"}))


def budget(day: dt.date) -> tuple[float, float, str] | None:
    """Ad spend so far, the budget and the pace sentence; None without a budget, a period or spend."""
    config = load_config()
    total, period = config.budget("ads_nok"), config.campaign_period
    if not total or period is None:
        return None
    spent = queries.goal_ad_spend(period[0], day)["value"]
    if pd.isna(spent):
        return None
    return float(spent), total, today.pace_sentence(*today.budget_pace(float(spent), total, period, day))
