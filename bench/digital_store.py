"""A national party's digital data for the benchmarks: local branches × 10 daily channels × 3 years.

Each branch has ten daily series: its Facebook account (reach, likes, followers), its Instagram
account (reach, likes), a Meta and a Snapchat campaign (every ads column), two GA4 channels on its
website (Organic Social, Direct) and its front page's views. 500 branches over 1 096 days are
5 480 000 daily rows (`scale` multiplies the branches). Besides: monthly de-duplicated reach per
campaign (ads_period), audience shares for a few accounts, and newspaper and outdoor buys.

The store is written month by month through Store.commit(partitions=…), as a long series of daily
imports would leave it, with one log line for all of it. Everything comes from numpy with a
fixed seed, so a rebuilt store is identical.
"""
from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd

from campaign import partitions as layout
from campaign.ingest.touched import as_partitions
from campaign.store import PARTITIONED, SCHEMAS, ImportRecord, Store

SEED = 20250912
SPEC = "digital-v2"  # bump when the generator changes, so an old store is rebuilt
BRANCHES = 500
FIRST_DAY, DAYS = dt.date(2022, 9, 12), 1096  # through 11 Sep 2025, the day after the 2025 election + 3
BENCH_KIND = "bench"
ELECTION_DAYS = (dt.date(2023, 9, 11), dt.date(2025, 9, 8))
SOCIAL = (("facebook", "reach"), ("facebook", "likes"), ("facebook", "followers"),
          ("instagram", "reach"), ("instagram", "likes"))
AD_PLATFORMS = ("meta", "snapchat")
WEB_CHANNELS = ("Organic Social", "Direct")


def source_name(scale: int) -> str:
    return f"Benchmark {SPEC} seed={SEED} branches={BRANCHES * scale}"


def branch(i: int) -> str:
    return f"Lokallag {i + 1:04d}"


def campaign_name(i: int) -> str:
    return f"{branch(i)} – valgkamp"


def site(i: int) -> str:
    return f"lokallag{i + 1:04d}.example.no"


def season(days: np.ndarray) -> np.ndarray:
    """Activity by day: a base level, weekly rhythm, and a rise over the six weeks before each election."""
    weekday = np.array([d.weekday() for d in days])
    level = 1.0 + 0.15 * (weekday < 5)
    for election in ELECTION_DAYS:
        to_go = np.array([(election - d).days for d in days])
        level = level * np.where((to_go >= 0) & (to_go < 42), 1 + 4 * (1 - to_go / 42), 1.0)
    return level


class Generator:
    """Per-branch base levels drawn once; `month(days)` gives every table's rows for some days."""

    def __init__(self, scale: int):
        self.n = BRANCHES * scale
        self.rng = np.random.default_rng(SEED)
        self.size = self.rng.lognormal(0.0, 0.9, self.n)  # small and large branches
        self.followers = np.round(300 + 2000 * self.size).astype(np.int64)
        self.names = np.array([branch(i) for i in range(self.n)], dtype=object)
        self.campaigns = np.array([campaign_name(i) for i in range(self.n)], dtype=object)
        self.sites = np.array([site(i) for i in range(self.n)], dtype=object)

    def noisy(self, base: np.ndarray, level: np.ndarray) -> np.ndarray:
        """branches × days of counts around base × level."""
        return np.round(np.outer(base, level) * self.rng.lognormal(0.0, 0.3, (self.n, len(level)))).astype(np.int64)

    def long(self, days: np.ndarray, values: dict[str, np.ndarray], **labels) -> pd.DataFrame:
        """A frame of one row per branch × day from branches × days arrays."""
        frame = {"date": np.tile(days, self.n), **{k: v.ravel() for k, v in values.items()}}
        return pd.DataFrame({**frame, **{k: np.repeat(v, len(days)) if isinstance(v, np.ndarray) else v
                                         for k, v in labels.items()}})

    def social(self, days: np.ndarray, level: np.ndarray) -> pd.DataFrame:
        frames = []
        for platform, metric in SOCIAL:
            if metric == "followers":
                values = self.followers[:, None] + self.noisy(self.size * 0.8, level).cumsum(axis=1)
                self.followers = values[:, -1]
            else:
                values = self.noisy(self.size * (400 if metric == "reach" else 9), level)
            frames.append(self.long(days, {"value": values.astype(float)}, platform=platform, account=self.names,
                                    metric=metric))
        return pd.concat(frames, ignore_index=True)

    def ads(self, days: np.ndarray, level: np.ndarray) -> pd.DataFrame:
        frames = []
        for platform in AD_PLATFORMS:
            impressions = self.noisy(self.size * 900, level)
            reach = np.round(impressions / self.rng.uniform(1.1, 2.2, impressions.shape)).astype(np.int64)
            clicks = np.round(impressions * self.rng.uniform(0.004, 0.012, impressions.shape)).astype(np.int64)
            views = np.round(impressions * self.rng.uniform(0.2, 0.4, impressions.shape)).astype(np.int64)
            frames.append(self.long(days, {
                "spend_nok": np.round(impressions * self.rng.uniform(0.02, 0.06, impressions.shape), 2),
                "impressions": impressions, "reach": reach, "link_clicks": clicks,
                "landing_page_views": np.round(clicks * 0.7).astype(np.int64),
                "video_p25": views, "video_p50": views * 6 // 10, "video_p75": views * 4 // 10,
                "video_p100": views * 2 // 10}, platform=platform, campaign=self.campaigns))
        return pd.concat(frames, ignore_index=True)

    def web(self, days: np.ndarray, level: np.ndarray) -> tuple[pd.DataFrame, pd.DataFrame]:
        frames = []
        for channel in WEB_CHANNELS:
            sessions = self.noisy(self.size * (30 if channel == "Direct" else 20), level)
            frames.append(self.long(days, {"sessions": sessions, "engaged_sessions": sessions * 6 // 10,
                                           "users": sessions * 85 // 100, "views": sessions * 18 // 10},
                                    site=self.sites, channel=channel))
        views = self.noisy(self.size * 35, level)
        pages = self.long(days, {"views": views, "users": views * 7 // 10}, site=self.sites, page="/")
        return pd.concat(frames, ignore_index=True), pages

    def ads_period(self, first: dt.date, last: dt.date, ads: pd.DataFrame) -> pd.DataFrame:
        """The month's de-duplicated reach per campaign (below the sum of the days' reach)."""
        per = ads.groupby(["platform", "campaign"], as_index=False)[["impressions", "reach", "spend_nok",
                                                                     "link_clicks", "landing_page_views"]].sum()
        per["reach"] = np.round(per["reach"] * self.rng.uniform(0.25, 0.45, len(per))).astype(np.int64)
        per["frequency"] = per["impressions"] / per["reach"].clip(lower=1)
        return per.assign(first_date=first, last_date=last)


def months() -> list[np.ndarray]:
    """The bench period's days, one array per calendar month."""
    days = np.array([FIRST_DAY + dt.timedelta(days=i) for i in range(DAYS)], dtype=object)
    keys = np.array([d.year * 12 + d.month for d in days])
    return [days[keys == k] for k in np.unique(keys)]


def _extras(n: int) -> dict[str, pd.DataFrame]:
    """Audience shares for ten accounts and a few paid buys outside social media."""
    audience = [(ELECTION_DAYS[1] - dt.timedelta(days=41), ELECTION_DAYS[1], "facebook", branch(i), "gender", bucket,
                 share) for i in range(min(n, 10)) for bucket, share in (("Kvinne", 0.56), ("Mann", 0.44))]
    buys = [(dt.date(2025, 8, 1), dt.date(2025, 9, 8), channel, supplier, spend, impressions, views)
            for channel, supplier, spend, impressions, views in (
                ("avis", "Amedia", 250_000.0, 4_000_000, 9_000), ("utendørs", "Clear Channel", 400_000.0, None, None),
                ("Google", "Google Ads", 120_000.0, 2_500_000, 30_000))]
    return {"audience": pd.DataFrame(audience, columns=["first_date", "last_date", "platform", "account",
                                                        "dimension", "bucket", "share"]),
            "ad_buys": pd.DataFrame(buys, columns=["first_date", "last_date", "channel", "supplier", "spend_nok",
                                                   "impressions", "landing_page_views"])}


def _partitioned(frames: dict[str, pd.DataFrame], import_id: int) -> dict[str, dict[str, pd.DataFrame]]:
    out = {}
    for name, frame in frames.items():
        frame = frame.assign(import_id=import_id)
        out[name] = as_partitions(name, frame, layout.keys_of(PARTITIONED[name], SCHEMAS[name], frame))
    return out


def build(store: Store, scale: int) -> int:
    """Write the whole digital store month by month; returns the daily rows written."""
    gen, import_id, rows, periods = Generator(scale), store.next_import_id(), 0, []
    with store.writing():
        for days in months():
            level = season(days)
            web, pages = gen.web(days, level)
            frames = {"social": gen.social(days, level), "ads": gen.ads(days, level), "web": web, "web_pages": pages}
            periods.append(gen.ads_period(days[0], days[-1], frames["ads"]))
            rows += sum(len(f) for f in frames.values())
            store.commit({}, partitions=_partitioned(frames, import_id))
        tables = {"ads_period": pd.concat(periods, ignore_index=True), **_extras(gen.n)}
        tables = {name: frame.assign(import_id=import_id) for name, frame in tables.items()}
        record = ImportRecord(kind=BENCH_KIND, source_name=source_name(scale), sha256="", rows=rows,
                              first_date=FIRST_DAY, last_date=FIRST_DAY + dt.timedelta(days=DAYS - 1))
        store.commit(tables, record)
    return rows


def ensure(path: Path, scale: int = 1, rebuild: bool = False) -> tuple[Store, str]:
    """The digital store at path, built unless the same SPEC and scale is already there."""
    store = Store(path)
    log = store.read("imports") if not store.is_empty() else pd.DataFrame(columns=["kind", "source_name"])
    if not rebuild and ((log["kind"] == BENCH_KIND) & (log["source_name"] == source_name(scale))).any():
        return store, "reused"
    if path.exists():
        if not (path / "CURRENT").exists() and any(path.iterdir()):
            raise SystemExit(f"{path} finnes og er ikke et lager; vil ikke slette den")
        shutil.rmtree(path)
    start = time.perf_counter()
    rows = build(Store(path), scale)
    return store, f"built: {rows:,} daily rows in {time.perf_counter() - start:.1f} s ({store.version()})"


def last_day() -> dt.date:
    return FIRST_DAY + dt.timedelta(days=DAYS - 1)
