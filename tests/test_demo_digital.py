"""The digital demo data reproduces every published 2023 figure it covers (domain.md), read back through DuckDB."""
from __future__ import annotations

import pandas as pd
import pytest

from campaign import demo_digital_params as P
from campaign import fmt
from campaign.config import load_config
from campaign.demo import write_demo
from campaign.demo_digital import DIGITAL_TABLES, build_digital
from campaign.demo_field import FIELD_TABLES
from campaign.sandbox import readonly_sql
from campaign.store import Store
from tests.conftest import one

VOCABULARY = {"views", "reach", "impressions", "followers", "new_followers", "likes", "comments", "shares",
              "profile_visits", "posts"}
CAMPAIGN = "date between '2023-07-27' and '2023-09-11'"
PREVIOUS = "date between '2023-06-10' and '2023-07-26'"


def plain(text: str) -> str:
    return text.replace(fmt.NBSP, " ")


def change(now: float, before: float, decimals: int = 0) -> str:
    return plain(fmt.percent((now / before - 1) * 100, decimals))


def social_sum(con, platform: str, account: str, metric: str, where: str = CAMPAIGN) -> int:
    return int(one(con, f"select sum(value) from social where platform = '{platform}' and account = '{account}' "
                        f"and metric = '{metric}' and {where}"))


@pytest.mark.parametrize(("account", "figures"), [
    ("Oslo SV", dict(posts=20, views=123_000, reach=98_000, profile_visits=1_878, likes=7_833, comments=595,
                     shares=1_075, new_followers=348)),
    ("Toppkandidat", dict(posts=36, views=134_000, reach=104_000, profile_visits=3_775, likes=5_331,
                          comments=465, shares=496)),
])
def test_tiktok_accounts(con, account, figures):
    for metric, expected in figures.items():
        assert social_sum(con, "tiktok", account, metric) == expected, metric


def test_tiktok_oslo_sv_own_period(con):
    own_period = "date between '2023-07-29' and '2023-09-11'"  # the account's own published period
    assert social_sum(con, "tiktok", "Oslo SV", "views", own_period) == 123_000
    assert social_sum(con, "tiktok", "Oslo SV", "posts", own_period) == 20


def test_tiktok_followers(con):
    followers = con.execute("select account, min_by(value, date), max_by(value, date), min(date) from social "
                            "where platform = 'tiktok' and metric = 'followers' group by 1").fetchall()
    found = {a: (first, last, day) for a, first, last, day in followers}
    assert found["Oslo SV"][1] - 600 == 348 and plain(fmt.percent(348 / 600 * 100, 0)) == "58 %"
    assert found["Oslo SV"][:2] == (600, 948)
    assert found["Toppkandidat"][2].isoformat() == "2023-07-27"  # created 26 Jul
    assert found["Toppkandidat"][1] == social_sum(con, "tiktok", "Toppkandidat", "new_followers")


def test_tiktok_both_accounts(con):
    videos = social_sum(con, "tiktok", "Oslo SV", "posts") + social_sum(con, "tiktok", "Toppkandidat", "posts")
    views = int(one(con, f"select sum(value) from social where platform = 'tiktok' and metric = 'views' and {CAMPAIGN}"))
    reach = int(one(con, f"select sum(value) from social where platform = 'tiktok' and metric = 'reach' and {CAMPAIGN}"))
    assert (videos, views) == (56, 257_000)
    assert plain(fmt.number(videos / 46, 2)) == "1,22"  # the evaluation divides by 11 Sep − 27 Jul = 46 days
    assert views * 0.75 == 192_750 and plain(fmt.number(views / reach, 2)) == "1,27"


@pytest.mark.parametrize(("platform", "reach", "visits", "end", "gain", "reach_change", "visits_change"), [
    ("instagram", 115_551, 3_168, 2_649, 281, "609 %", "184 %"),
    ("facebook", 274_883, 8_513, 8_033, 121, "1 300 %", "139 %"),
])
def test_instagram_and_facebook(con, platform, reach, visits, end, gain, reach_change, visits_change):
    assert social_sum(con, platform, "Oslo SV", "reach") == reach
    assert social_sum(con, platform, "Oslo SV", "profile_visits") == visits
    assert social_sum(con, platform, "Oslo SV", "new_followers") == gain
    followers = dict(con.execute(f"select date::varchar, value from social where platform = '{platform}' and "
                                 "metric = 'followers' and date in ('2023-07-26', '2023-09-11')").fetchall())
    assert (followers["2023-09-11"], followers["2023-09-11"] - followers["2023-07-26"]) == (end, gain)
    before = {m: social_sum(con, platform, "Oslo SV", m, PREVIOUS) for m in ("reach", "profile_visits")}
    assert change(reach, before["reach"]) == reach_change
    assert change(visits, before["profile_visits"]) == visits_change


def test_social_metrics_are_in_the_vocabulary_and_believable(con):
    assert {m for (m,) in con.execute("select distinct metric from social").fetchall()} <= VOCABULARY
    assert one(con, "select count(*) from social where value < 0") == 0
    over = one(con, "select count(*) from social a join social b using (date, platform, account) where "
                    "a.metric = 'reach' and b.metric = case when a.platform = 'tiktok' then 'views' end "
                    "and a.value > b.value")
    assert over == 0  # unique viewers never above views on a day


ADS = {"meta": (62_551, 938_473, 5_475, "6,4 %", "2,66 %", "0,58 %", 312_769, 3.06),
       "snapchat": (24_143, 274_196, 3_133, "10,4 %", "6,10 %", "1,14 %", 152_425, 1.38),
       # LinkedIn: 25 / 1 299 = 1,92 % (published 1,91 %) and 13 / 1 299 = 1,00 % (published 1,02 %).
       "linkedin": (4_346, 1_299, 13, "6,1 %", "1,92 %", "1,00 %", 1_114, 1.16)}


@pytest.fixture(scope="module")
def ads(con):
    return con.execute("select platform, round(sum(spend_nok), 2) as spend, sum(impressions) as impressions, "
                       "sum(link_clicks) as clicks, sum(video_p25) as p25, sum(video_p50) as p50, "
                       "sum(landing_page_views) as lpv, sum(reach) as daily_reach, count(distinct campaign) as n "
                       "from ads group by 1").df().set_index("platform")


@pytest.mark.parametrize("platform", list(ADS))
def test_paid_social_per_platform(con, ads, platform):
    spend, impressions, clicks, p25_rate, p50_rate, ctr, reach, frequency = ADS[platform]
    row = ads.loc[platform]
    assert (row["spend"], row["impressions"], row["clicks"]) == (spend, impressions, clicks)
    assert row["n"] >= 2
    spec = P.ADS[platform]
    assert (row["p25"], row["p50"]) == (round(spec["p25_rate"] * impressions), round(spec["p50_rate"] * impressions))
    assert plain(fmt.percent(row["p25"] / impressions * 100, 1)) == p25_rate
    assert plain(fmt.percent(row["p50"] / impressions * 100, 2)) == p50_rate
    assert plain(fmt.percent(clicks / impressions * 100, 2)) == ctr
    period = con.execute(f"select reach, impressions, frequency, spend_nok, link_clicks, campaign from ads_period "
                         f"where platform = '{platform}'").fetchall()
    assert period == [(reach, impressions, frequency, float(spend), clicks, "Alle kampanjer")]
    assert row["daily_reach"] > reach  # the days' reach adds up to more than the unique reach, as it must


def test_paid_social_totals(con, ads):
    assert (ads["spend"].sum(), ads["impressions"].sum(), ads["clicks"].sum()) == (91_040, 1_213_968, 8_621)
    assert plain(fmt.percent(ads["clicks"].sum() / ads["impressions"].sum() * 100, 2)) == "0,71 %"
    assert one(con, "select sum(reach) from ads_period") == 466_308  # the published total row adds reach up
    assert ads.loc["snapchat", "lpv"] == 1_271


def test_ads_rows_are_believable(con):
    assert one(con, "select count(*) from ads where not (landing_page_views <= link_clicks and "
                    "link_clicks <= impressions and video_p50 <= video_p25 and video_p25 <= impressions and "
                    "video_p75 <= video_p50 and video_p100 <= video_p75 and reach <= impressions and spend_nok > 0)") == 0
    assert one(con, "select min(date) >= '2023-07-27' and max(date) <= '2023-09-11' from ads")


def test_ads_period_campaign_name_as_the_importer_writes_it():
    from campaign.ingest.ads_rows import ALL_CAMPAIGNS
    assert P.ALL_CAMPAIGNS == ALL_CAMPAIGNS


@pytest.mark.parametrize(("year", "expected"), [(2023, (35_013, 64_656, 55_416)), (2021, (15_652, 39_499, 32_339))])
def test_website_totals(con, year, expected):
    visits = one(con, f"select sum(sessions) from web where site = 'Nettsiden' and year(date) = {year}")
    views = one(con, f"select sum(views) from web where site = 'Nettsiden' and year(date) = {year}")
    page_views, unique = con.execute(f"select sum(views), sum(users) from web_pages where year(date) = {year}").fetchone()
    assert (visits, views, unique) == expected and page_views == views
    days = one(con, f"select count(distinct date) from web where year(date) = {year} and site = 'Nettsiden' "
                    f"and date between '{year}-08-01' and '{year}-09-11'")
    assert days == 42


def test_website_changes_since_2021():
    now, before = P.WEB[2023], P.WEB[2021]
    assert change(now["views"], before["views"], 1) == "63,7 %"
    assert change(now["unique"], before["unique"], 1) == "71,4 %"
    assert change(now["sessions"], before["sessions"], 1) == "123,7 %"


def test_website_rows_are_consistent(con):
    assert one(con, "select count(*) from web where users > sessions or engaged_sessions > sessions "
                    "or views < sessions") == 0
    assert one(con, "select count(*) from web_pages where users > views or users < 1") == 0
    mismatched = one(con, "select count(*) from (select date, sum(views) v from web where site = 'Nettsiden' group by 1) w "
                          "full join (select date, sum(views) v from web_pages group by 1) p using (date) "
                          "where w.v is distinct from p.v")
    assert mismatched == 0
    assert one(con, "select count(*) from web where year(date) = 2021 and engaged_sessions is not null") == 0


def test_landing_page(con):
    users = one(con, f"select sum(users) from web_pages where page = '{P.LANDING_PAGE}'")
    assert users >= 13_000 and plain(fmt.number(users)).startswith("13 ")
    sources = dict(con.execute(f"select channel, sum(sessions) from web where site = '{P.LANDING_SITE}' "
                               "group by 1").fetchall())
    assert sum(sources.values()) == users
    social = sum(sources[s] for s in P.SOCIAL_SOURCES)
    sites = sum(sources[s] for s in P.WEBSITE_SOURCES)
    assert (social, sites) == (3_971, 586)
    assert [plain(fmt.percent(sources[s] / social * 100, 0)) for s in ("Facebook", "Snapchat")] == ["63 %", "32 %"]
    assert [plain(fmt.percent(sources[s] / sites * 100, 0)) for s in ("Schibsted", "Avisa Oslo")] == ["69 %", "12 %"]
    snap = con.execute(f"select a.date, a.v, w.sessions from (select date, sum(landing_page_views) v from ads where "
                       f"platform = 'snapchat' group by 1) a left join web w on w.date = a.date and "
                       f"w.site = '{P.LANDING_SITE}' and w.channel = 'Snapchat' where a.v > 0").fetchall()
    assert all(v == s for _, v, s in snap)  # Snapchat's landing-page views, day by day
    above = one(con, f"select count(*) from (select date, sum(sessions) s from web where site = '{P.LANDING_SITE}' "
                     f"group by 1) l join (select date, sum(sessions) s from web where site = 'Nettsiden' group by 1) w "
                     f"using (date) where l.s > w.s")
    assert above == 0  # the landing page's sessions are part of the site's


@pytest.mark.parametrize(("platform", "account", "dimension", "bucket", "share"), [
    ("tiktok", "Oslo SV", "gender", "Female", 0.55), ("tiktok", "Oslo SV", "age", "18-24", 0.56),
    ("tiktok", "Oslo SV", "age", "25-34", 0.24), ("tiktok", "Oslo SV", "city", "Oslo", 0.75),
    ("tiktok", "Toppkandidat", "age", "18-24", 0.60), ("instagram", "Oslo SV", "gender", "Female", 0.65),
    ("instagram", "Oslo SV", "city", "Oslo", 0.60), ("facebook", "Oslo SV", "age", "18-24", 0.05),
    ("facebook", "Oslo SV", "age", "65+", 0.17),
])
def test_audience(con, platform, account, dimension, bucket, share):
    found = one(con, f"select share from audience where platform = '{platform}' and account = '{account}' "
                     f"and dimension = '{dimension}' and bucket = '{bucket}'")
    assert found == share


def test_audience_shares_add_up(con):
    totals = con.execute("select round(sum(share), 6) from audience group by platform, account, dimension").fetchall()
    assert {t for (t,) in totals} == {1.0}


def test_ad_buys(con):
    sms = con.execute("select first_date::varchar, last_date::varchar, spend_nok from ad_buys where channel = 'sms' "
                      "order by 1").fetchall()
    assert [(f, last) for f, last, _ in sms] == [("2023-05-06", "2023-05-06"), ("2023-08-22", "2023-08-22")]
    assert all(7_000 <= spend <= 10_000 for *_, spend in sms)  # «mellom 7 og 10.000 kr»
    channels = {c for (c,) in con.execute("select channel from ad_buys").fetchall()}
    assert {"utendørs", "avis"} <= channels
    assert one(con, "select sum(landing_page_views) from ad_buys where channel = 'avis'") == 474  # Schibsted + Avisa Oslo


def test_one_demo_import_holds_everything(con):
    ids = {t: {i for (i,) in con.execute(f"select distinct import_id from {t}").fetchall()}
           for t in ("results", *DIGITAL_TABLES)}
    assert all(found == ids["results"] for found in ids.values()) and len(ids["results"]) == 1
    rows = one(con, "select rows from imports where kind = 'demo'")
    tables = ("results", "turnout", *DIGITAL_TABLES, *FIELD_TABLES,  # the field-work demo is in the same import
              "district_council", "school_election")  # and Oslo's district-council and school elections
    live = sum(one(con, f"select count(*) from {t}") for t in tables)
    assert rows == live


def test_deterministic():
    first, second = build_digital(), build_digital()
    for name in DIGITAL_TABLES:
        pd.testing.assert_frame_equal(first[name], second[name])


def test_rerun_replaces_only_demo_rows(tmp_path):
    store = Store(tmp_path)
    write_demo(store, load_config())
    before = {t: store.read(t).drop(columns="import_id") for t in DIGITAL_TABLES}
    write_demo(store, load_config())
    for name in DIGITAL_TABLES:
        after = store.read(name)
        assert after["import_id"].nunique() == 1
        pd.testing.assert_frame_equal(after.drop(columns="import_id"), before[name])


def test_the_sandbox_reads_the_same_totals(demo_dir):
    frame = readonly_sql(Store(demo_dir), "select (select sum(spend_nok) from ads) as spend, "
                                          "(select sum(value) from social where metric = 'views') as tiktok_views, "
                                          "(select sum(sessions) from web where site = 'Nettsiden') as visits")
    assert [round(float(frame[c].iloc[0]), 2) for c in frame.columns] == [91_040, 257_000, 35_013 + 15_652]
