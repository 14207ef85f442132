"""Paid-ads computations (campaign/ad_costs.py) on the published 2023 figures."""
from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from campaign import ad_costs

# Published 2023: spend, impressions, reach, link clicks, landing-page views, published frequency.
PLATFORMS = pd.DataFrame({
    "kind": "annonseplattform", "channel": ["meta", "snapchat", "linkedin"], "supplier": None,
    "spend_nok": [62_551.0, 24_143.0, 4_346.0], "impressions": [938_473, 274_196, 1_299],
    "reach": [312_769, 152_425, 1_114], "reach_impressions": [938_473, 274_196, 1_299],
    "reach_spend_nok": [62_551.0, 24_143.0, 4_346.0], "published_frequency": [3.06, 1.38, 1.16],
    "link_clicks": [5_475, 3_133, 13], "landing_page_views": [2_114, 1_271, 9],
})
BUYS = pd.DataFrame({"kind": "annet kjøp", "channel": ["avis", "sms"], "supplier": ["Schibsted", None],
                     "spend_nok": [45_000.0, 8_500.0], "impressions": [620_000, np.nan], "reach": np.nan,
                     "reach_impressions": np.nan, "reach_spend_nok": np.nan, "published_frequency": np.nan,
                     "link_clicks": np.nan, "landing_page_views": [404, np.nan]})


def test_rates_reproduce_the_published_table():
    rates = ad_costs.ad_rates(PLATFORMS).set_index("channel")
    assert rates["ctr_pct"].round(2).tolist() == [0.58, 1.14, 1.0]
    assert rates.loc["meta", "cpc_nok"] == pytest.approx(11.425, abs=0.001)
    assert rates.loc["meta", "cpm_nok"] == pytest.approx(66.652, abs=0.001)
    assert rates.loc["snapchat", "cost_per_lpv_nok"] == pytest.approx(19.0, abs=0.005)  # 24 143 kr ÷ 1 271
    assert rates.loc["meta", "per_1000_reached_nok"] == pytest.approx(199.99, abs=0.005)
    assert rates["computed_frequency"].round(2).tolist() == [3.0, 1.8, 1.17]
    assert rates["frequency_differs"].tolist() == [True, True, True]


def test_value_for_money_total_row_never_adds_reach():
    value = ad_costs.value_for_money(pd.concat([PLATFORMS, BUYS], ignore_index=True))
    assert value["label"].tolist() == ["Meta", "Snapchat", "LinkedIn", "Avis – Schibsted", "SMS", "Totalt"]
    total = value.iloc[-1]
    assert total["spend_nok"] == 91_040 + 45_000 + 8_500 and np.isnan(total["reach"])
    assert total["link_clicks"] == 8_621 and total["ctr_pct"] == pytest.approx(0.710, abs=0.001)  # published 0,71 %
    assert total["cpc_nok"] == pytest.approx(91_040 / 8_621)  # only channels that count clicks
    assert total["cost_per_lpv_nok"] == pytest.approx((91_040 + 45_000) / (3_394 + 404))
    assert total["cpm_nok"] == pytest.approx(1000 * (91_040 + 45_000) / (1_213_968 + 620_000))


def test_summary_cumulative_and_budget():
    daily = pd.DataFrame({"date": pd.to_datetime(["2023-08-01", "2023-08-01", "2023-08-02"]),
                          "platform": ["meta", "snapchat", "meta"], "spend_nok": [100.0, 50.0, 250.0],
                          "impressions": [10_000, 5_000, 25_000], "link_clicks": [40, 10, 50],
                          "landing_page_views": [20, 5, 15]})
    summary = ad_costs.ad_summary(daily)
    assert (summary["spend_nok"], summary["ctr_pct"], summary["cpc_nok"]) == (400, 0.25, 4.0)
    assert summary["cpm_nok"] == 10.0 and summary["cost_per_lpv_nok"] == 10.0
    assert ad_costs.cumulative_spend(daily)["cumulative_nok"].tolist() == [150.0, 400.0]
    assert ad_costs.budget_used_pct(91_040, 91_040) == 100.0 and np.isnan(ad_costs.budget_used_pct(5, None))


def test_frequency_note_names_each_platform_that_differs():
    value = ad_costs.value_for_money(PLATFORMS)
    note = ad_costs.frequency_note(value).replace("\u00a0", " ")
    assert "Meta: publisert 3,06, visninger ÷ rekkevidde 3,00" in note
    assert "Snapchat: publisert 1,38, visninger ÷ rekkevidde 1,80" in note
    same = PLATFORMS.assign(published_frequency=[3.0, 1.8, 1.17])
    assert ad_costs.frequency_note(ad_costs.value_for_money(same)) is None


def test_video_rates_and_names():
    frame = PLATFORMS.assign(video_p25=[60_062, 28_516, 79], video_p50=[24_963, 16_726, 25])
    rates = ad_costs.ad_rates(frame)
    assert rates["video_p25_rate_pct"].round(1).tolist() == [6.4, 10.4, 6.1]
    assert rates["video_p50_rate_pct"].round(2).tolist() == [2.66, 6.1, 1.92]
    assert ad_costs.channel_label("annet kjøp", "utendørs", "Clear Channel") == "Utendørs – Clear Channel"
    assert ad_costs.with_platform_names(PLATFORMS.rename(columns={"channel": "platform"}))["platform_name"].tolist() == [
        "Meta", "Snapchat", "LinkedIn"]
