"""A tiny hand-made store with known numbers, for query contract tests."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign.store import ImportRecord, Store

# (election, krets, bydel, party, advance, election_day)
KRETS_ROWS = [
    ("e1", "0000", None, "A", 300, 0), ("e1", "0000", None, "B", 100, 0),
    ("e1", "0000", None, "BLANKE", 10, 0),
    ("e1", "0101", "030101", "A", 0, 60), ("e1", "0101", "030101", "B", 0, 40),
    ("e1", "0102", "030101", "A", 0, 20), ("e1", "0102", "030101", "B", 0, 80),
    ("e1", "0201", "030102", "A", 0, 50), ("e1", "0201", "030102", "B", 0, 150),
    ("e1", "0201", "030102", "BLANKE", 0, 5),
    ("e0", "0000", None, "A", 200, 0), ("e0", "0000", None, "B", 200, 0),
    ("e0", "0101", "030101", "A", 0, 50), ("e0", "0101", "030101", "B", 0, 50),
    ("e0", "0201", "030102", "A", 0, 100), ("e0", "0201", "030102", "B", 0, 100),
]
KRETS_NAMES = {"0000": "Uoppgitt krets", "0101": "Skole A", "0102": "Skole B", "0201": "Skole C"}
# (election, level, area_id, name, bydel, eligible, cast)
TURNOUT_ROWS = [
    ("e1", "kommune", "0301", "By", None, 2000, 1265),
    ("e1", "bydel", "030101", "Øst", "030101", 800, 610),
    ("e1", "bydel", "030102", "Vest", "030102", 1200, 655),
    ("e1", "krets", "0301-0101", "Skole A", "030101", 400, 300),
    ("e1", "krets", "0301-0102", "Skole B", "030101", 400, 310),
    ("e1", "krets", "0301-0201", "Skole C", "030102", 1200, 655),
    ("e0", "kommune", "0301", "By", None, 2000, 1100),
    ("e0", "bydel", "030101", "Øst", "030101", 800, 500),
    ("e0", "bydel", "030102", "Vest", "030102", 1200, 600),
    ("e0", "krets", "0301-0101", "Skole A", "030101", 800, 500),
    ("e0", "krets", "0301-0201", "Annen skole", "030102", 1200, 600),
]


def results_frame() -> pd.DataFrame:
    rows = [{"election_id": e, "area_level": "krets", "fylke_id": "03", "kommune_id": "0301",
             "bydel_id": b, "krets_id": k, "krets_name": KRETS_NAMES[k], "party_code": p,
             "party_name": f"Parti {p}", "advance_votes": a, "election_day_votes": d, "votes": a + d,
             "import_id": 1}
            for e, k, b, p, a, d in KRETS_ROWS]
    return pd.DataFrame(rows)


def write_fixture_store(path, with_kommune_level: bool = False) -> Store:
    """Write the tiny store; optionally also e1 at kommune level (same totals)."""
    results = results_frame()
    if with_kommune_level:
        city = (results[results["election_id"] == "e1"]
                .groupby(["party_code", "party_name"], as_index=False)[["advance_votes", "election_day_votes", "votes"]]
                .sum())
        city = city.assign(election_id="e1", area_level="kommune", fylke_id="03", kommune_id="0301",
                           bydel_id=None, krets_id=None, krets_name=None, import_id=1)
        results = pd.concat([results, city], ignore_index=True)
    turnout = pd.DataFrame(TURNOUT_ROWS, columns=["election_id", "area_level", "area_id", "area_name",
                                                  "bydel_id", "eligible_voters", "votes_cast"])
    turnout = turnout.assign(kommune_id="0301", import_id=1)
    elections = pd.DataFrame([
        {"election_id": "e1", "kind": "ko", "year": 2023, "election_date": dt.date(2023, 9, 11), "name": "Valg 1"},
        {"election_id": "e0", "kind": "ko", "year": 2019, "election_date": dt.date(2019, 9, 9), "name": "Valg 0"},
    ]).assign(import_id=1)
    store = Store(path)
    store.commit({"results": results, "turnout": turnout, "elections": elections},
                 ImportRecord(kind="fixture", source_name="fixture.csv", sha256="x", rows=len(results)))
    return store


# --- social, ads and web: a tiny digital store with known numbers ---------------------------------
# The window is 1–4 Aug 2023; the previous period of the same length is 28–31 Jul.
DIGITAL_FIRST, DIGITAL_LAST = dt.date(2023, 8, 1), dt.date(2023, 8, 4)
# (platform, account, metric): (four values for 1–4 Aug, four for 28–31 Jul)
SOCIAL_SERIES = {
    ("instagram", "Oslo SV", "reach"): ([100, 200, 300, 400], [50, 50, 50, 50]),
    ("instagram", "Oslo SV", "views"): ([1000, 1000, 1000, 1000], [500, 500, 500, 500]),
    ("instagram", "Oslo SV", "likes"): ([10, 20, 30, 40], [5, 5, 5, 5]),
    ("instagram", "Oslo SV", "comments"): ([1, 2, 3, 4], [0, 0, 0, 0]),
    ("instagram", "Oslo SV", "shares"): ([0, 1, 0, 1], [0, 0, 0, 0]),
    ("instagram", "Oslo SV", "followers"): ([500, 505, 510, 520], [480, 485, 490, 495]),
    ("instagram", "Oslo SV", "posts"): ([1, 0, 1, 0], [1, 0, 0, 0]),
    ("tiktok", "sv_oslo", "views"): ([2000, 3000, 4000, 1000], [1000, 1000, 1000, 1000]),
    ("tiktok", "sv_oslo", "likes"): ([100, 100, 100, 100], [50, 50, 50, 50]),
    ("tiktok", "sv_oslo", "comments"): ([10, 10, 10, 10], [5, 5, 5, 5]),
    ("tiktok", "sv_oslo", "shares"): ([5, 5, 5, 5], [0, 0, 0, 0]),
    ("tiktok", "sv_oslo", "followers"): ([610, 620, 630, 640], [600, 600, 600, 600]),
    ("tiktok", "sv_oslo", "new_followers"): ([10, 10, 10, 10], [0, 0, 0, 0]),
}
# (platform, campaign): per day 1–4 Aug (spend, impressions, reach, clicks, landing-page views, video p25/50/75/100)
AD_DAYS = {
    ("meta", "Valgkamp"): (100.0, 10000, 4000, 50, 25, 1000, 500, 250, 100),
    ("meta", "Verving"): (50.0, 5000, 2000, 10, 5, None, None, None, None),
    ("snapchat", "Alle kampanjer"): (60.0, 8000, 5000, 30, 12, 800, 400, 200, 80),
}
# (platform, campaign, first, last, reach, impressions, published frequency)
AD_PERIODS = [
    ("meta", "", dt.date(2023, 8, 1), dt.date(2023, 8, 4), 30000, 60000, 2.1),
    ("meta", "Valgkamp", dt.date(2023, 8, 1), dt.date(2023, 8, 4), 22000, 40000, 1.82),
    ("meta", "Valgkamp", dt.date(2023, 8, 1), dt.date(2023, 8, 2), 12000, 20000, 1.67),  # narrower: not used
    ("meta", "", dt.date(2023, 7, 1), dt.date(2023, 8, 4), 99999, 199999, 2.0),  # reaches outside the window
    ("snapchat", "Alle kampanjer", dt.date(2023, 8, 1), dt.date(2023, 8, 4), 20000, 32000, 1.38),
]
# (first, last, channel, supplier, spend, impressions, landing-page views)
AD_BUYS = [
    (dt.date(2023, 8, 1), dt.date(2023, 8, 31), "avis", "Schibsted", 1000.0, 50000, 80),
    (dt.date(2023, 9, 1), dt.date(2023, 9, 10), "utendørs", "Clear Channel", 5000.0, None, None),  # after the window
]
# channel: sessions per day 1–4 Aug 2023 (views = 2 × sessions, engaged = half, users = 0.8 ×)
WEB_SESSIONS = {"Facebook": [50, 50, 50, 50], "Snapchat": [25, 25, 25, 25], "Direct": [100, 100, 100, 100],
                "Schibsted": [10, 10, 10, 10], "Avisa Oslo": [2, 3, 2, 3], "Organic Search": [60, 60, 60, 60]}
WEB_2021 = {"Direct": [50, 50, 50, 50]}  # 1–4 Aug 2021; nothing in 2022
# page: (views per day, users per day) 1–4 Aug 2023
WEB_PAGES = {"/": ([300] * 4, [200] * 4), "/stem": ([100, 200, 300, 400], [80, 150, 250, 320]),
             "/om": ([10] * 4, [9] * 4)}


def _days(first: dt.date, n: int = 4) -> list[dt.date]:
    return [first + dt.timedelta(days=i) for i in range(n)]


def digital_frames(import_id: int = 1) -> dict[str, pd.DataFrame]:
    """The tiny digital tables (social, audience, ads, ads_period, ad_buys, web, web_pages)."""
    social = [{"date": d, "platform": p, "account": a, "metric": m, "value": float(v)}
              for (p, a, m), (now, before) in SOCIAL_SERIES.items()
              for d, v in [*zip(_days(DIGITAL_FIRST), now), *zip(_days(dt.date(2023, 7, 28)), before)]]
    audience = [("2023-07-27", "2023-09-11", "tiktok", "sv_oslo", "gender", "Kvinne", 0.55),
                ("2023-07-27", "2023-09-11", "tiktok", "sv_oslo", "gender", "Mann", 0.45),
                ("2023-07-01", "2023-08-02", "tiktok", "sv_oslo", "gender", "Kvinne", 0.40),  # older report
                ("2023-07-01", "2023-08-02", "tiktok", "sv_oslo", "gender", "Mann", 0.60),
                ("2023-08-01", "2023-08-31", "instagram", "Oslo SV", "age", "18-24", 0.2),
                ("2023-08-01", "2023-08-31", "instagram", "Oslo SV", "age", "25-34", 0.5),
                ("2023-08-01", "2023-08-31", "instagram", "Oslo SV", "age", "35+", 0.3)]
    ads = [{"date": d, "platform": p, "campaign": c, **dict(zip(
            ("spend_nok", "impressions", "reach", "link_clicks", "landing_page_views", "video_p25", "video_p50",
             "video_p75", "video_p100"), figures))} for (p, c), figures in AD_DAYS.items() for d in _days(DIGITAL_FIRST)]
    web = [{"date": d, "site": "Oslo SV", "channel": c, "sessions": s, "engaged_sessions": s // 2,
            "users": int(0.8 * s), "views": 2 * s}
           for first, table in ((DIGITAL_FIRST, WEB_SESSIONS), (dt.date(2021, 8, 1), WEB_2021))
           for c, values in table.items() for d, s in zip(_days(first), values)]
    pages = [{"date": d, "site": "Oslo SV", "page": page, "views": v, "users": u}
             for page, (views, users) in WEB_PAGES.items() for d, v, u in zip(_days(DIGITAL_FIRST), views, users)]
    frames = {
        "social": pd.DataFrame(social),
        "audience": pd.DataFrame(audience, columns=["first_date", "last_date", "platform", "account", "dimension",
                                                    "bucket", "share"]).assign(
            first_date=lambda f: pd.to_datetime(f["first_date"]).dt.date,
            last_date=lambda f: pd.to_datetime(f["last_date"]).dt.date),
        "ads": pd.DataFrame(ads),
        "ads_period": pd.DataFrame(AD_PERIODS, columns=["platform", "campaign", "first_date", "last_date", "reach",
                                                        "impressions", "frequency"]),
        "ad_buys": pd.DataFrame(AD_BUYS, columns=["first_date", "last_date", "channel", "supplier", "spend_nok",
                                                  "impressions", "landing_page_views"]),
        "web": pd.DataFrame(web),
        "web_pages": pd.DataFrame(pages),
    }
    return {name: frame.assign(import_id=import_id) for name, frame in frames.items()}


def write_digital_store(path) -> Store:
    """Write the tiny digital store (no election data)."""
    store = Store(path)
    frames = digital_frames()
    store.commit(frames, ImportRecord(kind="fixture", source_name="digital.csv", sha256="d",
                                      rows=sum(len(f) for f in frames.values())))
    return store
