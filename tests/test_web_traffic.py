"""Website computations (campaign/web_traffic.py): channel groups and shares, years, the landing page."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from campaign import web_traffic as web

# The landing page's published sources 2023 (unique views): social 3 971, websites 586.
LANDING = {"Søk": 3_915, "Direkte": 3_640, "Facebook": 2_502, "E-post": 1_300, "Snapchat": 1_271, "Schibsted": 404,
           "Andre sosiale medier": 198, "Andre nettsider": 112, "Avisa Oslo": 70}
SITE = {"Organic Search": 12_016, "Paid Social": 7_308, "Direct": 7_087, "Organic Social": 5_414, "Referral": 1_932}


def channels() -> pd.DataFrame:
    rows = [("Nettsiden /stem", c, s) for c, s in LANDING.items()] + [("Nettsiden", c, s) for c, s in SITE.items()]
    return pd.DataFrame(rows, columns=["site", "channel", "sessions"]).assign(views=0, users=0)


@pytest.mark.parametrize(("channel", "group"), [
    ("Facebook", web.SOCIAL), ("facebook / cpc", web.SOCIAL), ("Paid Social", web.SOCIAL),
    ("Andre sosiale medier", web.SOCIAL), ("Schibsted", web.WEBSITES), ("Avisa Oslo", web.WEBSITES),
    ("vg.no / referral", web.WEBSITES), ("Referral", web.WEBSITES), ("Andre nettsider", web.WEBSITES),
    ("Organic Search", web.OTHER), ("Direkte", web.OTHER), ("E-post", web.OTHER), ("dnt.no", web.OTHER),
])
def test_channel_group(channel, group):
    assert web.channel_group(channel) == group


def test_ad_platforms_and_newspapers_by_name():
    assert web.ad_platform("snapchat.com / referral") == "Snapchat" and web.ad_platform("Paid Social") is None
    assert web.is_newspaper("Avisa Oslo") and web.is_newspaper("aftenposten.no") and not web.is_newspaper("Avisbud AS x")


def test_channel_shares_reproduce_the_published_landing_page_sources():
    shares = web.channel_shares(channels(), "Nettsiden /stem").set_index("channel")
    assert shares["sessions"].sum() == 13_412
    assert round(shares.loc["Facebook", "group_share_pct"]) == 63 and round(shares.loc["Snapchat", "group_share_pct"]) == 32
    assert round(shares.loc["Schibsted", "group_share_pct"]) == 69 and round(shares.loc["Avisa Oslo", "group_share_pct"]) == 12
    assert shares.loc["Facebook", "share_pct"] == pytest.approx(100 * 2_502 / 13_412)
    assert shares["ad_platform"].sum() == 2 and shares["newspaper"].sum() == 2


def test_group_summary_names_the_platforms_and_newspapers():
    shares = web.channel_shares(channels(), "Nettsiden /stem")
    sessions, share, parts = web.group_summary(shares, web.SOCIAL)
    assert sessions == 3_971 and share == pytest.approx(100 * 3_971 / 13_412)
    assert parts.replace("\u00a0", " ") == "63 % Facebook, 32 % Snapchat"
    assert web.group_summary(shares, web.WEBSITES)[2].replace("\u00a0", " ") == "69 % Schibsted, 12 % Avisa Oslo"


def test_sites_the_whole_website_and_the_one_with_named_sources():
    assert web.largest_site(channels()) == "Nettsiden"
    assert web.source_site(channels()) == "Nettsiden /stem"
    assert web.largest_site(channels().iloc[:0]) is None and web.source_site(channels().iloc[:0]) is None


def test_channel_labels_in_norwegian_and_top_channels():
    assert web.channel_label("Organic Search") == "Organisk søk" and web.channel_label("Schibsted") == "Schibsted"
    daily = pd.DataFrame({"date": [1, 1, 1, 2], "channel": ["Direct", "Email", "Referral", "Direct"],
                          "sessions": [10, 1, 5, 20], "views": [20, 2, 10, 40]})
    top = web.top_channels(daily, keep=2)
    assert sorted(top["channel"].unique()) == ["Andre", "Direkte", "Henvisninger"]
    assert top["sessions"].sum() == 36


def by_year() -> pd.DataFrame:
    """The published website figures: 2023 and the same dates in 2021."""
    return pd.DataFrame({"years_back": [0, 2], "year": [2023, 2021], "sessions": [35_013, 15_652],
                         "views": [64_656, 39_499], "unique_pageviews": [55_416, 32_339]})


def test_web_summary_against_the_most_recent_earlier_year():
    summary = web.web_summary(by_year())
    assert summary["views"] == (64_656, pytest.approx(63.69, abs=0.01))  # published +63,7 %
    assert summary["sessions"][1] == pytest.approx(123.7, abs=0.05)  # published +123,7 %
    assert summary["unique_pageviews"][1] == pytest.approx(71.36, abs=0.01)  # published +71,4 %
    current, earlier = web.year_comparison(by_year())
    assert current["year"] == 2023 and earlier["year"] == 2021
    alone = web.web_summary(by_year().iloc[:1])
    assert np.isnan(alone["views"][1])
    note = web.comparison_note(dt.date(2023, 7, 27), dt.date(2023, 9, 11), earlier).replace("\u00a0", " ")
    assert note.startswith("Perioden 27. juli – 11. sep. 2023, sammenlignet med samme datoer i 2021.")


def test_landing_page_and_page_figures():
    top = pd.DataFrame({"page": ["/", "/stem", "/om"], "views": [18_779, 15_236, 40], "users": [15_965, 13_412, 36]})
    assert web.landing_page(top) == "/stem"
    assert web.landing_page(top.iloc[:1]) == "/" and web.landing_page(top.iloc[:0]) is None
    assert web.page_totals(top, "/stem") == (15_236, 13_412)
    daily = pd.DataFrame({"date": [1, 2], "views": [5, 7], "users": [4, 6]})
    series = web.page_series(daily)
    assert series.groupby("series")["value"].sum().to_dict() == {"Sidevisninger": 12, "Unike sidevisninger": 10}
