"""Figure builders for the digital pages (campaign/digital_charts.py): what they draw, labelled in Norwegian."""
from __future__ import annotations

import pandas as pd

from campaign import ad_costs
from campaign import digital_charts as charts
from tests.test_ad_costs import BUYS, PLATFORMS

NBSP = "\u00a0"
DAYS = pd.to_datetime(["2023-08-01", "2023-08-02"])


def test_daily_lines_one_line_per_account_in_the_platform_colour():
    frame = pd.DataFrame({"date": [*DAYS, *DAYS], "platform": ["tiktok"] * 2 + ["instagram"] * 2,
                          "series": ["TikTok – a"] * 2 + ["Instagram – b"] * 2, "reach": [1000, 2000, 30, None]})
    figure = charts.daily_lines(frame, "reach", "series", "Rekkevidde per dag", "Per dag", "Kilde: test")
    assert [t.name for t in figure.data] == ["TikTok – a", "Instagram – b"]
    assert figure.data[0].line.color == charts.PLATFORM_COLORS["tiktok"]
    assert list(figure.data[1].y) == [30]  # a missing day is left out, not drawn as 0
    assert figure.data[0].customdata[1][1] == f"2{NBSP}000"
    assert figure.layout.separators == ", " and "Kilde: test" in figure.layout.annotations[0].text
    assert figure.layout.xaxis.tickformat == "%-d.%-m."


def test_stacked_bars_largest_series_first():
    frame = pd.DataFrame({"date": [*DAYS, *DAYS], "platform": ["snapchat"] * 2 + ["meta"] * 2,
                          "platform_name": ["Snapchat"] * 2 + ["Meta"] * 2, "spend_nok": [10.0, 20.0, 300.0, 400.0]})
    figure = charts.stacked_bars(frame, "spend_nok", "platform_name", "Kostnad per dag", "kr", "Kilde", unit="kr")
    assert [t.name for t in figure.data] == ["Meta", "Snapchat"] and figure.layout.barmode == "stack"
    assert figure.data[0].marker.color == charts.PLATFORM_COLORS["meta"]
    assert figure.data[0].customdata[0][1] == f"300{NBSP}kr"


def test_cumulative_budget_draws_the_budget_line():
    cumulative = pd.DataFrame({"date": DAYS, "spend_nok": [150.0, 250.0], "cumulative_nok": [150.0, 400.0]})
    figure = charts.cumulative_budget(cumulative, 91_040, "Brukt så langt", "Summert", "Kilde")
    assert figure.layout.shapes[0].y0 == 91_040
    assert any(a.text == f"Budsjett 91{NBSP}040{NBSP}kr" for a in figure.layout.annotations)
    assert not charts.cumulative_budget(cumulative, None, "t", "c", "s").layout.shapes


def test_cost_bars_leave_out_the_total_and_sort():
    value = ad_costs.value_for_money(pd.concat([PLATFORMS, BUYS], ignore_index=True))
    figure = charts.cost_bars(value, "cost_per_lpv_nok", "Kr per landingssidevisning", "kostnad ÷ lpv", "Kilde")
    bars = figure.data[0]
    assert list(bars.y)[0] == "Snapchat" and list(bars.y)[-1] == "LinkedIn"  # cheapest at the bottom of the list
    assert "Totalt" not in bars.y and "SMS" not in bars.y  # SMS has no landing-page views
    assert f"19,00{NBSP}kr" in bars.text


def test_engagement_and_share_bars_label_their_numbers():
    rates = pd.DataFrame({"series": ["TikTok – Oslo SV"], "platform": ["tiktok"], "engagement": [9_503.0],
                          "views": [123_000.0], "engagement_rate": [7.726]})
    figure = charts.engagement_bars(rates, "Engasjementsrate", "formel", "Kilde")
    assert figure.data[0].text[0] == f"7,73{NBSP}% (9{NBSP}503 av 123{NBSP}000)"
    shares = pd.DataFrame({"channel": ["Facebook", "Søk"], "label": ["Facebook", "Søk"], "sessions": [2_502, 3_915],
                           "share_pct": [18.66, 29.19], "group": ["sosiale medier", "annet"],
                           "ad_platform": [True, False], "newspaper": [False, False]})
    bars = charts.share_bars(shares, "Andel", "økter ÷ alle", "Kilde").data[0]
    assert list(bars.y) == ["<b>Facebook</b>", "Søk"]  # ad platforms and newspapers bold; smallest first (bottom)
    assert f"18,7{NBSP}% (2{NBSP}502)" in bars.text


def test_audience_bars_group_accounts():
    shares = pd.DataFrame({"series": ["TikTok – a", "TikTok – a", "Instagram – b"], "platform": ["tiktok"] * 2 + ["instagram"],
                           "bucket": ["Kvinner", "Menn", "Kvinner"], "share_pct": [55.0, 43.0, 65.0]})
    figure = charts.audience_bars(shares, "Publikum: kjønn", "Andel", "Kilde")
    assert figure.layout.barmode == "group" and [t.name for t in figure.data] == ["Instagram – b", "TikTok – a"]
    assert figure.layout.legend.traceorder == "reversed"  # the legend reads TikTok – a first, as the bars do
    assert list(figure.layout.yaxis.categoryarray) == ["Menn", "Kvinner"]  # first bucket on top


def test_axes_show_whole_numbers_never_the_si_k():
    from campaign.charts import styled_figure
    figure = styled_figure([dict(type="bar", x=["a"], y=[30000])], "T", "c", "s", 300, yaxis=dict(tickformat=",d"))
    assert figure.layout.yaxis.exponentformat == "none" and figure.layout.xaxis.exponentformat == "none"
    assert figure.layout.yaxis.tickformat == ",d"  # the caller's axis settings are kept
