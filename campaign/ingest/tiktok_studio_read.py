"""Reading TikTok Studio's CSV files: Overview, FollowerHistory, FollowerGender, FollowerTopTerritories.

Each reader takes one file's text and gives store-shaped rows; the dates come back as (day,
month, year or None) so the caller can give them a year once for the whole zip.
"""
from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from campaign.ingest.base import rejected
from campaign.ingest.tabular import Columns, Table, count, number, read_table
from campaign.ingest.tiktok_dates import read_days

DATE = ["Date", "Dato", "Datum"]
# Overview.csv (English even in another UI language) and the Business Suite variant; canonical = social metric.
OVERVIEW: dict[str, list[str]] = {
    "date": DATE,
    "views": ["Video Views", "Videovisninger", "Videovisningar", "Visninger av video"],
    "profile_visits": ["Profile Views", "Profilvisninger", "Profilvisningar"],
    "likes": ["Likes", "Liker", "Likerklikk", "Gilla-markeringar"],
    "comments": ["Comments", "Kommentarer"],
    "shares": ["Shares", "Delinger", "Delningar"],
    "new_followers": ["New followers", "Nye følgere", "Nya följare"],
    "reach": ["Reached audience", "Nådd publikum", "Målgrupp som nåtts"],
}
OVERVIEW_REQUIRED = ("date", "views")
NEGATIVE_OK = {"comments"}  # daily comments are net of deletions
HISTORY: dict[str, list[str]] = {
    "date": DATE,
    "followers": ["Followers", "Følgere", "Följare"],
    "difference": ["Difference in followers from previous day", "Endring i følgere fra dagen før",
                   "Skillnad i följare från föregående dag"],
}
HISTORY_REQUIRED = ("date", "followers")
SHARE = ["Distribution", "Fordeling", "Andel", "Fördelning"]
GENDER: dict[str, list[str]] = {"bucket": ["Gender", "Kjønn", "Kön"], "share": SHARE}
TERRITORY: dict[str, list[str]] = {"bucket": ["Top territories", "Toppterritorier", "Territory", "Land", "Country"],
                                   "share": SHARE}
AD_WORDS = {"cost", "spend", "impressions", "kostnad"}  # an ads report is never a Studio overview


def is_overview(header: list[str]) -> bool:
    cols = Columns(header, OVERVIEW)
    others = sum(m in cols for m in ("profile_visits", "likes", "comments", "shares"))
    return all(c in cols for c in OVERVIEW_REQUIRED) and others >= 2 and not AD_WORDS & set(header)


def is_history(header: list[str]) -> bool:
    cols = Columns(header, HISTORY)
    return all(c in cols for c in HISTORY_REQUIRED) and "difference" in cols


@dataclass
class Series:
    """One daily file: its dates as read (no year yet), lines, and metric → values (None for empty cells)."""
    member: str  # the name messages use («Overview_….zip/Overview.csv»)
    column: str  # the date column's header
    parts: list[tuple[int, int, int | None]]
    lines: list[int]
    values: dict[str, list[float | None]]


def read_series(text: str, member: str, kind: str) -> Series:
    """Overview.csv or FollowerHistory.csv as a Series; rejects no rows, a bad date or a bad number."""
    aliases, required = (OVERVIEW, OVERVIEW_REQUIRED) if kind == "overview" else (HISTORY, HISTORY_REQUIRED)
    table = read_table(text, member, is_overview if kind == "overview" else is_history)
    cols = Columns(table.header, aliases)
    cols.require(member, required, aliases)
    rows = _rows(table, member)
    column = cols.header[cols.index["date"]]
    parts = read_days([cols.cell(r, "date") for _, r in rows], [line for line, _ in rows], member, column)
    values = {}
    for name in (n for n in aliases if n != "date" and n in cols):
        header = cols.header[cols.index[name]]
        values[name] = [count(cols.cell(r, name), member, line, header, negative=name in NEGATIVE_OK | {"difference"})
                        for line, r in rows]
    return Series(member, column, parts, [line for line, _ in rows], values)


def read_shares(text: str, member: str, dimension: str) -> list[tuple[str, float]]:
    """FollowerGender.csv or FollowerTopTerritories.csv as (bucket, share 0–1); «55%» and «0.55» both read."""
    aliases = GENDER if dimension == "gender" else TERRITORY
    table = read_table(text, member, lambda h: all(c in Columns(h, aliases) for c in aliases))
    cols = Columns(table.header, aliases)
    rows = _rows(table, member)
    column = cols.header[cols.index["share"]]
    values = [number(cols.cell(r, "share"), member, line, column) for line, r in rows]
    percent = any("%" in cols.cell(r, "share") for _, r in rows) or any((v or 0) > 1 for v in values)
    shares = [(cols.cell(r, "bucket"), None if v is None else v / 100 if percent else v)
              for (_, r), v in zip(rows, values)]
    _check_shares(shares, [line for line, _ in rows], member, column)
    return [(b, s) for b, s in shares if s is not None]


def _check_shares(shares: list[tuple[str, float | None]], lines: list[int], member: str, column: str) -> None:
    seen = set()
    for (bucket, share), line in zip(shares, lines):
        if share is not None and share > 1:
            raise rejected(member, "en andel er over 100 %.", line, column)
        if bucket in seen:
            raise rejected(member, f"«{bucket}» står to ganger.", line)
        seen.add(bucket)
    if sum(s or 0 for _, s in shares) > 1.01:
        raise rejected(member, "andelene summerer til over 100 %.", lines[-1], column)


def _rows(table: Table, member: str) -> list[tuple[int, list[str]]]:
    rows = [(table.first_line + i, r) for i, r in enumerate(table.rows) if any(c.strip() for c in r)]
    if not rows:
        raise rejected(member, "filen har ingen datarader (bare overskriften).")
    return rows


def social_rows(series: Series, days: list, account: str, skip: set[str] = frozenset()) -> pd.DataFrame:
    """The Series as social rows (date, platform, account, metric, value); empty cells left out."""
    records = [{"date": day, "platform": "tiktok", "account": account, "metric": metric, "value": float(value)}
               for metric, values in series.values.items() if metric not in skip
               for day, value in zip(days, values) if value is not None]
    return pd.DataFrame(records, columns=["date", "platform", "account", "metric", "value"])
