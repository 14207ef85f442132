"""Demo `social` and `audience` rows: two TikTok accounts, Instagram and Facebook, true to the 2023 evaluation.

Every published figure that is a period total is the exact sum of the daily rows over its period
(TikTok Oslo SV: 29 Jul – 11 Sep, its days before are 0; the rest: 27 Jul – 11 Sep). `reach` is
reach per day: the published period reach (Instagram 115 551, Facebook 274 883) and TikTok's
unique viewers (98 000, 104 000) are therefore stored as sums of daily reach, and a page must say
«sum av daglig rekkevidde», not «unike personer». Instagram and Facebook also get the previous
period of the same length (10 Jun – 26 Jul), derived from the published changes.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from campaign import demo_digital_params as P
from campaign.demo_digital_shape import days, ramp, spikes, split, split_capped

COLUMNS = ["date", "platform", "account", "metric", "value"]
ENGAGEMENT = ("likes", "comments", "shares", "profile_visits")


def build_social() -> pd.DataFrame:
    """All demo `social` rows."""
    rng = np.random.default_rng(P.SEEDS["tiktok"])
    frames = [_tiktok(account, spec, rng) for account, spec in P.TIKTOK.items()]
    rng = np.random.default_rng(P.SEEDS["meta"])
    frames += [_meta(platform, spec, rng) for platform, spec in P.META_ORGANIC.items()]
    return pd.concat(frames, ignore_index=True)


def _rows(dates: list[dt.date], platform: str, account: str, metrics: dict[str, np.ndarray]) -> pd.DataFrame:
    """Long rows (date, platform, account, metric, value) from metric → daily values."""
    n = len(dates)
    return pd.DataFrame({"date": dates * len(metrics), "platform": platform, "account": account,
                         "metric": np.repeat(list(metrics), n),
                         "value": np.concatenate([np.asarray(v, dtype=float) for v in metrics.values()])})[COLUMNS]


def _tiktok(account: str, spec: dict, rng: np.random.Generator) -> pd.DataFrame:
    """One TikTok account: videos posted, views from each video fading over days, the rest in proportion."""
    dates = days(*P.CAMPAIGN)
    live = np.array([d >= spec["first"] for d in dates])
    posts = np.zeros(len(dates), dtype=np.int64)
    posts[live] = rng.multinomial(spec["posts"] - 1, _normal(ramp([d for d in dates if d >= spec["first"]], rng, 1.5, 0.3)))
    posts[np.argmax(live)] += 1  # the period starts with a video
    views = split(spec["views"], _video_views(posts, rng))
    metrics = {"views": views, "reach": _below(spec["reach"], views, rng, 0.06), "posts": posts}
    for metric in ENGAGEMENT:
        metrics[metric] = split(spec[metric], views * rng.lognormal(0.0, 0.25, len(dates)))
    metrics["new_followers"] = split(spec["new_followers"], views * rng.lognormal(0.0, 0.3, len(dates)))
    metrics["followers"] = spec["followers_before"] + np.cumsum(metrics["new_followers"])
    return _rows(dates, "tiktok", account, metrics)


def _normal(weights: np.ndarray) -> np.ndarray:
    return weights / weights.sum()


def _video_views(posts: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """Daily weight of views: each video gets a size, fades (most views in its first days) and keeps a tail."""
    weights = np.zeros(len(posts))
    for day in np.flatnonzero(posts):
        for _ in range(posts[day]):
            size = rng.lognormal(0.0, 0.9)
            weights[day:] += size * (0.65 ** np.arange(len(posts) - day) + 0.03)
    return weights


def _below(total: int, parent: np.ndarray, rng: np.random.Generator, spread: float) -> np.ndarray:
    """A total split like the parent, with noise, never above the parent on any day (reach ≤ views)."""
    return split_capped(total, parent * rng.lognormal(0.0, spread, len(parent)), parent)


def _meta(platform: str, spec: dict, rng: np.random.Generator) -> pd.DataFrame:
    """Instagram or Facebook: the previous period then the campaign, each summing to its figures."""
    periods = [days(*P.PREVIOUS), days(*P.CAMPAIGN)]
    metrics: dict[str, list[np.ndarray]] = {"reach": [], "profile_visits": [], "new_followers": []}
    for i, dates in enumerate(periods):
        campaign = i == 1  # the campaign period: more posts, and a few that travelled
        reach_weights = ramp(dates, rng, 1.0 + i, 0.2) + (spikes(len(dates), rng, 4, spec["spike"] * 4) if campaign else 0)
        reach = split(spec["reach"][i], reach_weights)
        metrics["reach"].append(reach)
        metrics["profile_visits"].append(_below(spec["profile_visits"][i], reach, rng, 0.25))
        metrics["new_followers"].append(split(spec["new_followers"][i], reach * rng.lognormal(0.0, 0.5, len(dates))))
    flat = {m: np.concatenate(v) for m, v in metrics.items()}
    start = spec["followers_end"] - flat["new_followers"].sum()
    flat["followers"] = start + np.cumsum(flat["new_followers"])
    return _rows(periods[0] + periods[1], platform, P.ORG, flat)


def build_audience() -> pd.DataFrame:
    """Audience shares for the campaign period (TikTok Oslo SV: its own period, 29 Jul – 11 Sep)."""
    rows = []
    for (platform, account), dimensions in P.AUDIENCE.items():
        first = P.TIKTOK[account]["first"] if platform == "tiktok" else P.CAMPAIGN[0]
        for dimension, shares in dimensions.items():
            rows += [{"first_date": first, "last_date": P.CAMPAIGN[1], "platform": platform, "account": account,
                      "dimension": dimension, "bucket": bucket, "share": share} for bucket, share in shares.items()]
    return pd.DataFrame(rows)
