"""Known numbers and invariants of the social, ads and web queries on the tiny digital store."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.db import Database
from tests.tiny_store import DIGITAL_FIRST, DIGITAL_LAST, write_digital_store

WINDOW = {"first_date": DIGITAL_FIRST, "last_date": DIGITAL_LAST}


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Database:
    return Database(write_digital_store(tmp_path_factory.mktemp("digital-queries")))


def test_digital_sources_name_every_account_campaign_and_site(db):
    frame = db.query("digital_sources", tables=["social", "ads", "ad_buys", "web", "web_pages"]).set_index(
        ["source_table", "platform", "name"])
    assert frame.loc[("social", "instagram", "Oslo SV"), "rows"] == 7 * 8  # 7 metrics × 8 days
    assert frame.loc[("ads", "snapchat", "Alle kampanjer"), "first_date"] == pd.Timestamp(DIGITAL_FIRST)
    assert frame.loc[("web", "ga4", "Oslo SV"), "first_date"] == pd.Timestamp(2021, 8, 1)
    assert frame.loc[("ad_buys", "utendørs", "Clear Channel"), "last_date"] == pd.Timestamp(2023, 9, 10)
    only = db.query("digital_sources", tables=["web"])
    assert set(only["source_table"]) == {"web"} and len(only) == 1


def test_social_daily_engagement_is_likes_comments_shares(db):
    frame = db.query("social_daily", **WINDOW, platform=None, account=None, per_platform=False)
    assert (frame["engagement"] == frame["likes"] + frame["comments"] + frame["shares"]).all()
    assert frame.groupby("account")["views"].sum().to_dict() == {"Oslo SV": 4000, "sv_oslo": 10000}
    only = db.query("social_daily", **WINDOW, platform="tiktok", account=None, per_platform=False)
    assert set(only["account"]) == {"sv_oslo"} and len(only) == 4
    summed = db.query("social_daily", **WINDOW, platform=None, account=None, per_platform=True)
    assert summed["account"].isna().all() and len(summed) == 8  # 4 days × 2 platforms
    assert summed["views"].sum() == frame["views"].sum() and summed["engagement"].sum() == frame["engagement"].sum()


def test_social_period_totals_known_numbers(db):
    frame = db.query("social_period_totals", **WINDOW, previous_first=dt.date(2023, 7, 28),
                     previous_last=dt.date(2023, 7, 31), platform=None, account=None)
    rows = frame.set_index(["period", "account"])
    assert rows.loc[("current", "Oslo SV"), ["reach", "engagement", "posts"]].tolist() == [1000, 112, 2]
    assert rows.loc[("previous", "Oslo SV"), ["reach", "engagement"]].tolist() == [200, 20]
    assert rows.loc[("current", "Oslo SV"), ["followers_first", "followers_last"]].tolist() == [500, 520]
    assert rows.loc[("current", "sv_oslo"), ["views", "new_followers", "followers_last"]].tolist() == [10000, 40, 640]
    daily = db.query("social_daily", **WINDOW, platform=None, account=None, per_platform=False)
    current = frame[frame["period"] == "current"]
    for name in ("views", "likes", "engagement"):
        assert current[name].sum() == daily[name].sum()


def test_audience_shares_take_the_newest_report_overlapping_the_window(db):
    frame = db.query("audience_shares", **WINDOW, platform=None, account=None)
    tiktok = frame[frame["account"] == "sv_oslo"].set_index("bucket")["share"].to_dict()
    assert tiktok == {"Kvinne": 0.55, "Mann": 0.45}
    assert frame.groupby(["account", "dimension"])["share"].sum().le(1.0 + 1e-9).all()
    later = db.query("audience_shares", first_date=dt.date(2023, 9, 5), last_date=dt.date(2023, 9, 30),
                     platform=None, account=None)
    assert set(later["account"]) == {"sv_oslo"}  # Instagram's report ends 31 Aug


def test_ads_daily_adds_up_to_the_table(db):
    frame = db.query("ads_daily", **WINDOW, platform=None, campaign=None)
    assert frame["spend_nok"].sum() == 4 * (100 + 50 + 60)
    assert "reach" not in frame.columns  # a day's reach does not add to another's
    one = db.query("ads_daily", **WINDOW, platform="meta", campaign="Verving")
    assert one["spend_nok"].tolist() == [50.0] * 4


def test_ads_campaign_totals_use_the_widest_period_inside_the_window(db):
    frame = db.query("ads_campaign_totals", **WINDOW, platform=None).set_index("campaign")
    assert frame.loc["Valgkamp", ["spend_nok", "impressions", "link_clicks", "video_p25"]].tolist() == [
        400, 40000, 200, 4000]
    assert frame.loc["Valgkamp", "reach"] == 22000 and frame.loc["Valgkamp", "published_frequency"] == 1.82
    assert frame.loc["Valgkamp", "reach_spend_nok"] == 400
    assert frame["reach"].isna().tolist() == [False, True, False]  # Verving has no period figures
    narrow = db.query("ads_campaign_totals", first_date=DIGITAL_FIRST, last_date=dt.date(2023, 8, 2),
                      platform="meta").set_index("campaign")
    assert narrow.loc["Valgkamp", "reach"] == 12000 and narrow.loc["Valgkamp", "reach_spend_nok"] == 200


def test_paid_channels_platform_reach_and_other_buys(db):
    frame = db.query("paid_channels", **WINDOW)
    assert frame["channel"].tolist() == ["meta", "snapchat", "avis"]  # platforms first; outdoor is after the window
    rows = frame.set_index("channel")
    assert rows.loc["meta", ["spend_nok", "reach", "reach_impressions", "link_clicks"]].tolist() == [600, 30000, 60000, 240]
    assert rows.loc["snapchat", "reach"] == 20000 and rows.loc["snapchat", "published_frequency"] == 1.38
    assert rows.loc["avis", ["spend_nok", "landing_page_views"]].tolist() == [1000, 80] and rows["reach"].isna()["avis"]
    daily = db.query("ads_daily", **WINDOW, platform=None, campaign=None).groupby("platform")["spend_nok"].sum()
    assert rows.loc[["meta", "snapchat"], "spend_nok"].tolist() == daily.tolist()


def test_web_daily_and_years(db):
    daily = db.query("web_daily", **WINDOW, site=None)
    assert daily["sessions"].sum() == 990
    years = db.query("web_same_window_by_year", **WINDOW, site=None)
    assert years[["years_back", "year", "sessions", "views"]].values.tolist() == [[0, 2023, 990, 1980], [2, 2021, 200, 400]]
    assert years.loc[0, "sessions"] == daily["sessions"].sum()
    assert years.loc[1, "first_date"] == pd.Timestamp(2021, 8, 1)
    assert years["unique_pageviews"].tolist()[0] == 800 + 800 + 36 and pd.isna(years["unique_pageviews"][1])
    channels = db.query("web_channels", **WINDOW)
    assert channels["sessions"].sum() == 990 and channels["channel"].iloc[0] == "Direct"


def test_web_pages_top_and_page_daily(db):
    top = db.query("web_pages_top", **WINDOW, site=None)
    assert top[["page", "views"]].values.tolist() == [["/", 1200], ["/stem", 1000], ["/om", 40]]
    daily = db.query("web_page_daily", **WINDOW, site="Oslo SV", page="/stem")
    assert daily["views"].tolist() == [100, 200, 300, 400] and daily["users"].sum() == 800
