"""What the Annonser page shows, per filter set: queries → computations → tables and figures.

Each function is one page section; the page gets it through ui.built, so it is made once per
filters and data version, not on every rerun.
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd
import plotly.graph_objects as go

from campaign import ad_costs, digital, digital_charts, digital_tables, fmt, queries

RATES_NOTE = ("CTR = lenkeklikk ÷ visninger · CPC = kostnad ÷ lenkeklikk · CPM = kostnad ÷ visninger × 1 000 · "
              "kr per landingssidevisning = kostnad ÷ landingssidevisninger.")
CAMPAIGNS_NOTE = ("Rekkevidde og publisert frekvens er plattformens egne tall for kampanjen (– når plattformen bare "
                  "oppga rekkevidden for hele kontoen: se tabellen under). Videovisningsrate = avspillinger til "
                  "25/50/75/100 % ÷ visninger.")


@dataclass(frozen=True)
class Spending:
    """Spend and results of the chosen platform/campaign: metric row, two charts, the campaign table."""
    metrics: list[tuple[str, str, str | None]] | None  # None: no daily rows
    per_day: go.Figure | None
    cumulative: go.Figure | None
    results: pd.DataFrame  # display table: spend and costs per campaign
    reach: pd.DataFrame  # display table: reach, frequency and video view rates per campaign
    rows_note: str | None  # when the tables leave campaigns out
    numbers: dict[str, pd.DataFrame] = field(default_factory=dict)  # the tables as numbers, for downloads


def spending(first: dt.date, last: dt.date, platform: str | None, campaign: str | None, budget: float | None,
             source: str) -> Spending:
    """Spend per day and so far against the budget (when given), totals and rates, and per campaign."""
    daily = queries.ads_daily(first, last, platform, campaign)
    campaigns, total = digital.largest(ad_costs.ad_rates(queries.ads_campaign_totals(first, last, platform)),
                                       ["spend_nok"])
    tables = (digital_tables.ad_campaign_results(campaigns), digital_tables.ad_campaign_reach(campaigns),
              digital.shown_note(len(campaigns), total, "kampanjer", "høyest kostnad"),
              {"results": digital_tables.ad_campaign_results_numbers(campaigns),
               "reach": digital_tables.ad_campaign_reach_numbers(campaigns)})
    if daily.empty:
        return Spending(None, None, None, *tables)
    summary = ad_costs.ad_summary(daily)
    metrics = digital_tables.ad_metrics(summary, ad_costs.budget_used_pct(summary["spend_nok"], budget))
    per_day = digital_charts.stacked_bars(ad_costs.with_platform_names(daily), "spend_nok", "platform_name",
                                          "Kostnad per dag", "Annonsekostnad i kroner per dag og plattform", source,
                                          unit="kr")
    counts = "Summert dag for dag" + (", mot budsjettet i campaign.toml" if budget else "")
    cumulative = digital_charts.cumulative_budget(ad_costs.cumulative_spend(daily), budget, "Brukt så langt", counts,
                                                  source)
    return Spending(metrics, per_day, cumulative, *tables)


@dataclass(frozen=True)
class Value:
    """«Hva fikk vi for pengene?»: the table across every paid channel, its notes and one chart per cost."""
    costs: pd.DataFrame  # display table: cost per result
    results: pd.DataFrame  # display table: what the spend delivered
    notes: list[str]
    charts: dict[str, go.Figure]  # ad_costs.COST_MEASURES key → chart
    numbers: dict[str, pd.DataFrame] = field(default_factory=dict)  # the tables as numbers, for downloads


def value(first: dt.date, last: dt.date, source: str) -> Value:
    """Every paid channel in the period with its cost per 1 000 reached, per click and per landing-page view."""
    frame = ad_costs.value_for_money(queries.paid_channels(first, last))
    notes = [*ad_costs.VALUE_NOTES, *filter(None, [ad_costs.frequency_note(frame)])]
    charts = {measure: digital_charts.cost_bars(frame, measure, f"{label} per kanal",
                                                f"{formula.capitalize()}; {fmt.period(first, last)}; grønt: andre kjøp enn sosiale medier",
                                                source)
              for measure, (label, formula) in ad_costs.COST_MEASURES.items()}
    return Value(digital_tables.value_costs(frame), digital_tables.value_results(frame), notes, charts,
                 {"costs": digital_tables.value_costs_numbers(frame), "results": digital_tables.value_results_numbers(frame)})
