"""Pure computations for the digital pages (campaign/digital.py): periods, changes, rates, social totals."""
from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd
import pytest

from campaign import digital

D = dt.date


def test_previous_period_has_the_same_length():
    assert digital.previous_period(D(2023, 7, 27), D(2023, 9, 11)) == (D(2023, 6, 10), D(2023, 7, 26))  # 47 days
    assert digital.previous_period(D(2023, 8, 1), D(2023, 8, 1)) == (D(2023, 7, 31), D(2023, 7, 31))


def test_change_and_ratio():
    assert digital.change_pct(115_551, 16_298) == pytest.approx(609.0, abs=0.05)  # Instagram reach, published +609 %
    assert digital.change_pct(274_883, 19_634) == pytest.approx(1300.0, abs=0.05)  # Facebook, +1 300 %
    assert np.isnan(digital.change_pct(5, 0)) and np.isnan(digital.change_pct(5, None))
    assert digital.ratio_pct(9_503, 123_000) == pytest.approx(7.726, abs=0.001)
    assert np.isnan(digital.ratio_pct(1, 0))
    series = digital.ratio_pct(pd.Series([1.0, 2.0]), pd.Series([4.0, 0.0]))
    assert series[0] == 25.0 and np.isnan(series[1])


def sources(*rows) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["source_table", "platform", "name", "first_date", "last_date", "rows"])


def test_default_window_prefers_the_campaign_period_when_the_data_reaches_into_it():
    held = digital.data_range(sources(("social", "tiktok", "a", pd.Timestamp(2023, 6, 1), pd.Timestamp(2023, 9, 30), 9),
                                      ("web", "ga4", "s", pd.Timestamp(2021, 8, 1), pd.Timestamp(2021, 9, 1), 9)),
                              ("social",))
    assert held == (D(2023, 6, 1), D(2023, 9, 30))
    campaign = (D(2023, 7, 27), D(2023, 9, 11))
    assert digital.default_window(campaign, held) == campaign
    assert digital.default_window((D(2025, 8, 1), D(2025, 9, 8)), held) == held  # no data in 2025
    assert digital.default_window(None, held) == held
    assert digital.data_range(sources(), ("social",)) is None


def test_platforms_and_accounts():
    rows = sources(("social", "tiktok", "b", None, None, 1), ("social", "tiktok", "a", None, None, 1),
                   ("social", "instagram", "a", None, None, 1), ("ads", "meta", "x", None, None, 1))
    assert digital.platforms(rows, "social") == ["instagram", "tiktok"]
    assert digital.accounts(rows, "social", "tiktok") == ["a", "b"]
    assert digital.accounts(rows, "social", None) == []


def period_totals() -> pd.DataFrame:
    """TikTok with no previous period (a new account), Instagram with both (published 2023 reach)."""
    columns = ["period", "platform", "account", "views", "reach", "impressions", "likes", "comments", "shares",
               "engagement", "profile_visits", "posts", "new_followers", "followers_first", "followers_last"]
    rows = [("current", "tiktok", "Oslo SV", 123_000, 98_000, None, 7_833, 595, 1_075, 9_503, 1_878, 20, 348, 600, 948),
            ("current", "instagram", "Oslo SV", None, 115_551, None, None, None, None, None, 3_168, None, 281, 2_370, 2_649),
            ("previous", "instagram", "Oslo SV", None, 16_298, None, None, None, None, None, 1_115, None, 40, 2_330, 2_368)]
    return pd.DataFrame(rows, columns=columns)


def test_social_accounts_totals_rates_and_changes():
    accounts = digital.social_accounts(period_totals()).set_index("platform")
    assert accounts.loc["tiktok", "engagement_rate"] == pytest.approx(100 * 9_503 / 123_000)
    assert accounts.loc["tiktok", "new_followers_pct"] == pytest.approx(58.0)  # +348 of 600: the published +58 %
    assert np.isnan(accounts.loc["tiktok", "views_change_pct"])
    assert accounts.loc["instagram", "reach_change_pct"] == pytest.approx(609.0, abs=0.05)
    assert accounts.loc["instagram", "new_followers"] == 281


def test_social_summary_compares_like_with_like():
    summary = digital.social_summary(period_totals())
    assert summary["reach"][0] == 98_000 + 115_551
    assert np.isnan(summary["reach"][1])  # TikTok has no previous period: no change for the two together
    assert summary["engagement_rate"][0] == pytest.approx(7.726, abs=0.001)  # only accounts that count views
    instagram = digital.social_summary(period_totals().query("platform == 'instagram'"))
    assert instagram["reach"][1] == pytest.approx(609.0, abs=0.05)
    assert instagram["new_followers"] == (281, pytest.approx(602.5))


def test_follower_growth_falls_back_to_last_minus_first():
    totals = pd.DataFrame({"new_followers": [np.nan, 10.0], "followers_first": [100.0, 1.0],
                           "followers_last": [130.0, 2.0]})
    assert digital.follower_growth(totals).tolist() == [30.0, 10.0]


def test_audience_labels_order_and_names():
    shares = pd.DataFrame({"platform": ["tiktok"] * 3 + ["instagram"] * 2, "account": ["Oslo SV"] * 5,
                           "dimension": ["gender"] * 3 + ["age"] * 2,
                           "bucket": ["Male", "Female", "Other", "25-34", "18-24"],
                           "share": [0.43, 0.55, 0.02, 0.38, 0.22]})
    gender = digital.audience_for(shares, "gender")
    assert gender["bucket"].tolist() == ["Kvinner", "Menn", "Annet"] and gender["share_pct"].iloc[0] == pytest.approx(55.0)
    assert gender["series"].iloc[0] == "TikTok – Oslo SV"
    assert digital.audience_for(shares, "age")["bucket"].tolist() == ["18-24", "25-34"]
    assert digital.dimension_name("gender") == "Kjønn" and digital.dimension_name("mood") == "Mood"


def test_engagement_by_account_leaves_out_accounts_without_views():
    rates = digital.engagement_by_account(digital.social_accounts(period_totals()))
    assert rates["series"].tolist() == ["TikTok – Oslo SV"]


def test_daily_series_per_account_or_summed_per_platform():
    rows = sources(*[("social", "tiktok", f"lag {i}", None, None, 1) for i in range(12)],
                   ("social", "instagram", "Oslo SV", None, None, 1), ("ads", "meta", "x", None, None, 1))
    assert digital.account_counts(rows, None, None) == {"instagram": 1, "tiktok": 12}
    assert digital.account_counts(rows, "tiktok", "lag 3") == {"tiktok": 1}
    assert digital.summed_per_platform(digital.account_counts(rows, None, None))
    assert not digital.summed_per_platform(digital.account_counts(rows, "instagram", None))
    days = pd.to_datetime(["2023-08-01", "2023-08-02"])
    per_account = pd.DataFrame({"date": days, "platform": "tiktok", "account": ["a", "b"], "views": [1.0, 2.0]})
    assert digital.daily_series(per_account, {"tiktok": 2})["series"].tolist() == ["TikTok – a", "TikTok – b"]
    summed = pd.DataFrame({"date": days, "platform": "tiktok", "account": None, "views": [12.0, 12.0]})
    assert digital.daily_series(summed, {"tiktok": 12})["series"].unique().tolist() == ["TikTok (12 kontoer)"]


def test_largest_rows_and_the_note_that_says_so():
    frame = pd.DataFrame({"views": [5.0, None, 9.0, 7.0], "reach": [1, 2, 3, 4]})
    shown, total = digital.largest(frame, ["views"], 2)
    assert shown["views"].tolist() == [9.0, 7.0] and total == 4
    assert digital.shown_note(2, 4, "kontoer", "flest visninger").startswith("Viser 2 av 4 kontoer (flest visninger)")
    assert digital.shown_note(4, 4, "kontoer", "flest visninger") is None
