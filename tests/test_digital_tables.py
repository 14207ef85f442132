"""Display tables of the digital pages (campaign/digital_tables.py): Norwegian columns and formats."""
from __future__ import annotations

import pandas as pd

from campaign import ad_costs, digital
from campaign import digital_tables as tables
from tests.test_ad_costs import BUYS, PLATFORMS
from tests.test_digital import period_totals

NBSP = "\u00a0"


def plain(values) -> list[str]:
    return [str(v).replace(NBSP, " ").replace("\u00ad", "") for v in values]


def test_social_tables_and_metrics():
    accounts = digital.social_accounts(period_totals())
    reach = tables.social_reach_table(accounts).set_index("Konto")
    assert plain([reach.loc["Instagram – Oslo SV", "Rekkevidde (sum per dag)"]]) == ["115 551 (+609,0 %)"]
    assert plain([reach.loc["TikTok – Oslo SV", "Engasjementsrate"]]) == ["7,73 %"]
    followers = tables.social_followers_table(accounts).set_index("Konto")
    assert plain([followers.loc["TikTok – Oslo SV", "Nye følgere"]]) == ["+348 (+58,0 %)"]
    metrics = {label: (plain([value])[0], delta) for label, value, delta in
               tables.social_metrics(digital.social_summary(period_totals()))}
    assert metrics["Rekkevidde (sum per dag)"] == ("213 551", None)
    assert metrics["Visninger"] == ("123 000", None)


def test_value_tables_say_reach_is_not_summable():
    value = ad_costs.value_for_money(pd.concat([PLATFORMS, BUYS], ignore_index=True))
    costs = tables.value_costs(value)
    assert costs["Kanal"].iloc[-1] == "**Totalt**" and costs["Kr per 1 000 nådd"].iloc[-1] == "ikke summerbar"
    assert plain(costs["Kr per landings\u00adsidevisning"])[1] == "19,00 kr"
    results = tables.value_results(value)
    assert results["Rekkevidde (nådd)"].iloc[-1] == "ikke summerbar"
    assert plain(results["Rekkevidde (nådd)"])[:3] == ["312 769", "152 425", "1 114"]
    assert plain(results["Frekvens (publisert)"])[:3] == ["3,06", "1,38", "1,16"]
    assert plain(results["Visninger ÷ rekkevidde"])[:3] == ["3,00", "1,80", "1,17"]


def test_ad_metrics_show_the_budget_share():
    metrics = tables.ad_metrics({"spend_nok": 91_040, "impressions": 1_213_968, "link_clicks": 8_621,
                                 "ctr_pct": 0.7102, "cpc_nok": 10.56, "cpm_nok": 74.99, "cost_per_lpv_nok": 26.82}, 100.0)
    assert metrics[0] == ("Kostnad", f"91{NBSP}040{NBSP}kr", f"100,0{NBSP}% av budsjettet")
    assert tables.ad_metrics({**dict.fromkeys(("spend_nok", "impressions", "link_clicks", "ctr_pct", "cpc_nok",
                                               "cpm_nok", "cost_per_lpv_nok"), 1.0)}, float("nan"))[0][2] is None


def test_campaign_period_cell_is_not_a_markdown_list():
    campaigns = ad_costs.ad_rates(PLATFORMS.rename(columns={"channel": "platform"}).assign(
        campaign="Kampanje", first_date=pd.Timestamp(2023, 8, 28), last_date=pd.Timestamp(2023, 9, 8)))
    periods = tables.ad_campaign_results(campaigns)["Periode"]
    assert periods.iloc[0] == f"28.{NBSP}aug. – 8.{NBSP}sep. 2023"
