"""Demo `ads`, `ads_period` and `ad_buys` rows: paid social 2023 per platform and campaign, true to the evaluation.

Per platform the daily rows sum exactly to the published spend, impressions and link clicks; the
video views at 25/50 % are the published rates × impressions, rounded (so LinkedIn's 50 % rate
shows as 25 / 1 299 = 1,92 %, not the published 1,91 %). Daily reach per campaign is invented and
never sums to anything: the platforms' de-duplicated reach and their published frequencies (which
do not all equal impressions ÷ reach) are one `ads_period` row per platform, kept as published.
"""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from campaign import demo_digital_params as P
from campaign.demo_digital_shape import days, part_of, ramp, split, split_capped

# Which campaign share (index in P.CAMPAIGNS rows) splits each platform total.
SHARE_OF = {"spend_ore": 3, "impressions": 4, "link_clicks": 5, "landing_page_views": 6,
            "video_p25": 4, "video_p50": 4}


def build_ads() -> dict[str, pd.DataFrame]:
    """The ads, ads_period and ad_buys tables."""
    rng = np.random.default_rng(P.SEEDS["ads"])
    ads = pd.concat([_platform(platform, spec, rng) for platform, spec in P.ADS.items()], ignore_index=True)
    return {"ads": ads, "ads_period": _period(ads), "ad_buys": _buys()}


def platform_totals(spec: dict) -> dict[str, int]:
    """A platform's published totals as integers (spend in øre; video views = rate × impressions)."""
    return {"spend_ore": spec["spend"] * 100, "impressions": spec["impressions"], "link_clicks": spec["clicks"],
            "landing_page_views": spec["lpv"], "video_p25": int(round(spec["p25_rate"] * spec["impressions"])),
            "video_p50": int(round(spec["p50_rate"] * spec["impressions"]))}


def _platform(platform: str, spec: dict, rng: np.random.Generator) -> pd.DataFrame:
    campaigns = P.CAMPAIGNS[platform]
    per_campaign = {figure: split(total, [c[SHARE_OF[figure]] for c in campaigns])
                    for figure, total in platform_totals(spec).items()}
    top = 1.0 + 0.5 * (1.0 - spec["reach"] / spec["impressions"])  # daily frequency at most (1 … 1,5)
    frames = [_campaign(c[0], c[1], c[2], {f: int(v[i]) for f, v in per_campaign.items()}, top, rng)
              for i, c in enumerate(campaigns)]
    return pd.concat(frames, ignore_index=True).assign(platform=platform)


def _campaign(name: str, first: dt.date, last: dt.date, totals: dict[str, int], top: float,
              rng: np.random.Generator) -> pd.DataFrame:
    """One campaign's days: spend rising to the end, the other figures following it with noise.

    Daily reach is impressions ÷ a daily frequency in 1 … top, so the days' reach adds up to more
    than the platform's de-duplicated reach for the period, as it must.
    """
    dates = days(first, last)
    n = len(dates)
    spend = split(totals["spend_ore"], ramp(dates, rng, 1.5, 0.2))
    impressions = split(totals["impressions"], spend * rng.lognormal(0.0, 0.15, n))
    clicks = split_capped(totals["link_clicks"], impressions * rng.lognormal(0.0, 0.25, n), impressions)
    p25 = split_capped(totals["video_p25"], impressions * rng.lognormal(0.0, 0.1, n), impressions)
    p50 = split_capped(totals["video_p50"], p25 * rng.lognormal(0.0, 0.1, n), p25)
    p75 = part_of(p50, 0.55, rng)
    reach = np.maximum(np.round(impressions / rng.uniform(1.0, top, n)).astype(np.int64), np.minimum(impressions, 1))
    return pd.DataFrame({
        "date": dates, "campaign": name, "spend_nok": spend / 100, "impressions": impressions, "reach": reach,
        "link_clicks": clicks,
        "landing_page_views": split_capped(totals["landing_page_views"], clicks * rng.lognormal(0.0, 0.15, n), clicks),
        "video_p25": p25, "video_p50": p50, "video_p75": p75, "video_p100": part_of(p75, 0.6, rng),
    })


def _period(ads: pd.DataFrame) -> pd.DataFrame:
    """One row per platform for its whole campaign: the published de-duplicated reach and frequency."""
    rows = []
    for platform, spec in P.ADS.items():
        mine = ads[ads["platform"] == platform]
        rows.append({"platform": platform, "campaign": P.ALL_CAMPAIGNS, "first_date": min(mine["date"]),
                     "last_date": max(mine["date"]), "reach": spec["reach"], "impressions": spec["impressions"],
                     "frequency": spec["frequency"], "spend_nok": float(spec["spend"]),
                     "link_clicks": spec["clicks"], "landing_page_views": spec["lpv"]})
    return pd.DataFrame(rows)


def _buys() -> pd.DataFrame:
    columns = ["first_date", "last_date", "channel", "supplier", "spend_nok", "impressions", "landing_page_views"]
    frame = pd.DataFrame(P.AD_BUYS, columns=columns)
    return frame.astype({"spend_nok": float, "impressions": "Int64", "landing_page_views": "Int64"})
