"""Demo `web` and `web_pages` rows: the website 1 Aug – 11 Sep 2023 and the same window in 2021.

The published figures map onto the views as: visits = sum of `web.sessions`; pageviews = sum of
`web.views` = sum of `web_pages.views`; unique pageviews = sum of `web_pages.users` (per page and
day, the sessions in which the page was seen — GA4's users of the page that day; summed over pages
and days as Universal Analytics summed unique pageviews). `web.users` (users per day and channel) is
invented and never summed to anything published. Each day's views agree between the two tables.

The landing page (P.LANDING_PAGE) has `web_pages` rows (users = its unique views, 13 412) and, in
`web` under the site P.LANDING_SITE, its sessions per traffic source (GA4's traffic acquisition
filtered to the landing page, with a custom channel group): Facebook, Snapchat … Schibsted, Avisa
Oslo. Snapchat's rows there are, day by day, Snapchat's landing-page views in `ads`. 2021 comes
from Universal Analytics: no engaged sessions (NULL).
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from campaign import demo_digital_params as P
from campaign.demo_digital_shape import days, part_of, ramp, split, split_capped

WEB_COLUMNS = ["date", "site", "channel", "sessions", "engaged_sessions", "users", "views"]


def build_web(ads: pd.DataFrame) -> dict[str, pd.DataFrame]:
    """The web and web_pages tables for 2023 (with the landing page) and 2021."""
    rng = np.random.default_rng(P.SEEDS["web"])
    landing = _landing(days(*P.WEB_2023), ads, rng)
    web, pages = [landing], []
    for year, window in ((2023, P.WEB_2023), (2021, P.WEB_2021)):
        dates = days(*window)
        page_rows = _pages(year, dates, landing if year == 2023 else None, rng)
        pages.append(page_rows)
        daily_views = page_rows.groupby("date")["views"].sum().reindex(dates).to_numpy()
        web.append(_channels(year, dates, daily_views, _daily(ads, dates, "link_clicks"), rng))
    return {"web": pd.concat(web, ignore_index=True), "web_pages": pd.concat(pages, ignore_index=True)}


def _daily(ads: pd.DataFrame, dates: list[dt.date], figure: str, platform: str | None = None) -> np.ndarray:
    """An ads figure per day over the dates (all platforms, or one), 0 where there were no ads."""
    rows = ads if platform is None else ads[ads["platform"] == platform]
    return rows.groupby("date")[figure].sum().reindex(dates, fill_value=0).to_numpy(dtype=float)


def _landing(dates: list[dt.date], ads: pd.DataFrame, rng: np.random.Generator) -> pd.DataFrame:
    """The landing page's sessions per day and source (P.LANDING_SITE), zero rows left out as GA4 does."""
    live = np.array([d >= P.LANDING["first"] for d in dates], dtype=float)
    first, last = next((b[0], b[1]) for b in P.AD_BUYS if b[3] == "Schibsted")  # the newspaper ads' days
    buys = np.array([first <= d <= last for d in dates], dtype=float)
    meta = _daily(ads, dates, "link_clicks", "meta")
    weights = {"Facebook": live * (meta + 0.25 * meta.mean()), "Andre nettsider": live, "Søk": live,
               "Direkte": live, "E-post": live, "Andre sosiale medier": live, "Schibsted": buys, "Avisa Oslo": buys}
    frames = []
    for source, total in P.LANDING["sources"].items():
        if source == "Snapchat":  # the Snapchat ads' landing-page views, day by day
            sessions = _daily(ads, dates, "landing_page_views", "snapchat").astype(np.int64)
        else:
            sessions = split(total, weights[source] * ramp(dates, rng, 1.5, 0.25))
        frames.append(pd.DataFrame({"date": dates, "channel": source, "sessions": sessions}))
    frame = pd.concat(frames, ignore_index=True)
    frame = frame[frame["sessions"] > 0].reset_index(drop=True)
    extra = P.LANDING["views"] - int(frame["sessions"].sum())
    frame["views"] = frame["sessions"] + split(extra, frame["sessions"] * rng.lognormal(0.0, 0.2, len(frame)))
    frame["users"] = part_of(frame["sessions"], 0.94, rng, 0.04)
    frame["engaged_sessions"] = part_of(frame["sessions"], 0.6, rng)
    return frame.assign(site=P.LANDING_SITE)[WEB_COLUMNS]


def _pages(year: int, dates: list[dt.date], landing: pd.DataFrame | None, rng: np.random.Generator) -> pd.DataFrame:
    """Views and users (unique pageviews) per page and day; the landing page's from its sources."""
    views_total, unique_total = P.WEB[year]["views"], P.WEB[year]["unique"]
    frames = []
    if landing is not None:
        per_day = landing.groupby("date")[["views", "sessions"]].sum().reset_index()
        frames.append(per_day.rename(columns={"sessions": "users"}).assign(page=P.LANDING_PAGE))
        views_total -= int(per_day["views"].sum())
        unique_total -= int(per_day["sessions"].sum())
    shares = P.PAGES[year]
    for page, views in zip(shares, split(views_total, list(shares.values()))):
        frames.append(pd.DataFrame({"date": dates, "page": page, "views": split(views, ramp(dates, rng, 1.2, 0.25)),
                                    "users": 0}))
    frame = pd.concat(frames, ignore_index=True)
    other = (frame["page"] != P.LANDING_PAGE).to_numpy()
    room = np.where(other, np.maximum(frame["views"].to_numpy() - 1, 0), 0)  # a seen page has ≥ 1 user
    repeats = split_capped(views_total - unique_total, room * rng.lognormal(0.0, 0.3, len(frame)), room)
    frame["users"] = np.where(other, frame["views"] - repeats, frame["users"])
    frame = frame[frame["views"] > 0]
    return frame.assign(site=P.SITE)[["date", "site", "page", "views", "users"]].reset_index(drop=True)


def _channels(year: int, dates: list[dt.date], daily_views: np.ndarray, clicks: np.ndarray,
              rng: np.random.Generator) -> pd.DataFrame:
    """Sessions per day and channel (day totals from the pages' views), views per row ≥ its sessions."""
    spec = P.CHANNELS[year]
    sessions_day = split_capped(P.WEB[year]["sessions"], daily_views * rng.lognormal(0.0, 0.1, len(dates)),
                                daily_views.astype(np.int64))
    pattern = {c: np.ones(len(dates)) for c in spec}
    if clicks.sum() > 0:
        pattern["Paid Social"] = clicks / clicks.mean() + 0.3
    rows = []
    for i, day in enumerate(dates):
        weights = [spec[c][0] * pattern[c][i] * rng.lognormal(0.0, 0.15) for c in spec]
        sessions = split(int(sessions_day[i]), weights)
        views = sessions + split(int(daily_views[i] - sessions_day[i]), sessions * rng.lognormal(0.0, 0.2, len(spec)))
        rows += [(day, c, int(s), int(v)) for c, s, v in zip(spec, sessions, views)]
    frame = pd.DataFrame(rows, columns=["date", "channel", "sessions", "views"])
    frame["users"] = part_of(frame["sessions"], 0.88, rng, 0.06)
    rates = frame["channel"].map({c: r for c, (_, r) in spec.items()}).to_numpy() * rng.uniform(0.9, 1.1, len(frame))
    engaged = np.clip(np.round(frame["sessions"] * rates), 0, frame["sessions"]).astype(np.int64)
    frame["engaged_sessions"] = pd.array(engaged if year >= 2023 else [pd.NA] * len(frame), dtype="Int64")
    frame = frame[frame["sessions"] > 0]
    return frame.assign(site=P.SITE)[WEB_COLUMNS].reset_index(drop=True)
