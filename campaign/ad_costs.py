"""Pure computations for paid ads: rates, cost per result, spend against budget, «what each krone bought».

Formulas (shown on the page beside each figure): CTR = lenkeklikk ÷ visninger; CPC = kostnad ÷ lenkeklikk;
CPM = kostnad ÷ visninger × 1 000; kostnad per landingssidevisning = kostnad ÷ landingssidevisninger;
kostnad per 1 000 nådd = kostnad i rekkeviddens periode ÷ rekkevidde × 1 000; frekvens = visninger ÷ rekkevidde;
videovisningsrate = videoavspillinger til 25/50/75/100 % ÷ visninger. Reach is never summed.
"""
from __future__ import annotations

import numpy as np
import pandas as pd

from campaign import fmt
from campaign.digital import platform_name, ratio_pct

VIDEO_STEPS = ("video_p25", "video_p50", "video_p75", "video_p100")
NOT_ADDABLE = "ikke summerbar"


def _per(numerator: pd.Series, denominator: pd.Series, scale: float = 1.0) -> pd.Series:
    """numerator ÷ denominator × scale; NaN where the denominator is missing or 0."""
    return scale * numerator / denominator.where(denominator != 0)


def ad_rates(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with CTR, CPC, CPM, cost per landing-page view and per 1 000 reached, the frequency
    computed as impressions ÷ reach beside the published one, and video view rates where it has them."""
    out = frame.copy()
    out["ctr_pct"] = ratio_pct(out["link_clicks"], out["impressions"])
    out["cpc_nok"] = _per(out["spend_nok"], out["link_clicks"])
    out["cpm_nok"] = _per(out["spend_nok"], out["impressions"], 1000)
    out["cost_per_lpv_nok"] = _per(out["spend_nok"], out["landing_page_views"])
    if "reach" in out:
        out["per_1000_reached_nok"] = _per(out["reach_spend_nok"], out["reach"], 1000)
        out["computed_frequency"] = _per(out["reach_impressions"], out["reach"])
        out["frequency_differs"] = (out["published_frequency"].round(2) - out["computed_frequency"].round(2)).abs() >= 0.01
    for step in VIDEO_STEPS:
        if step in out:
            out[f"{step}_rate_pct"] = ratio_pct(out[step], out["impressions"])
    return out


def ad_summary(daily: pd.DataFrame) -> dict[str, float]:
    """Spend, impressions, clicks and landing-page views over the chosen days, with CTR, CPC and CPM."""
    sums = daily[["spend_nok", "impressions", "link_clicks", "landing_page_views"]].sum(min_count=1)
    rates = ad_rates(pd.DataFrame([sums]))
    return {**sums.to_dict(), **rates.iloc[0][["ctr_pct", "cpc_nok", "cpm_nok", "cost_per_lpv_nok"]].to_dict()}


def with_platform_names(daily: pd.DataFrame) -> pd.DataFrame:
    """Rows with a platform get its display name ("linkedin" → "LinkedIn") in platform_name."""
    return daily.assign(platform_name=[platform_name(p) for p in daily["platform"]])


def cumulative_spend(daily: pd.DataFrame) -> pd.DataFrame:
    """Spend per day over every platform chosen, and the running total."""
    per_day = daily.groupby("date", as_index=False)["spend_nok"].sum().sort_values("date")
    return per_day.assign(cumulative_nok=per_day["spend_nok"].cumsum()).reset_index(drop=True)


def budget_used_pct(spend: float, budget: float | None) -> float:
    """Share of the budget spent, in percent; NaN without a budget."""
    return ratio_pct(spend, budget) if budget else np.nan


CHANNEL_NAMES = {"sms": "SMS", "direkte post": "Direkte post"}


def channel_label(kind: str, channel: str, supplier: str | None) -> str:
    """'Meta' for an ad platform; 'Avis – Schibsted' for another buy."""
    if kind == "annonseplattform":
        return platform_name(channel)
    name = CHANNEL_NAMES.get(channel.casefold(), channel[:1].upper() + channel[1:])
    return f"{name} – {supplier}" if isinstance(supplier, str) and supplier.strip() else name


def value_for_money(paid: pd.DataFrame) -> pd.DataFrame:
    """One row per paid channel with its costs per result, and a total row.

    The total row adds spend, impressions, clicks and landing-page views; its costs divide the spend
    of the channels that report a figure by that figure. Reach does not add up: the total has none.
    """
    rows = ad_rates(paid).assign(label=[channel_label(k, c, s) for k, c, s in
                                        zip(paid["kind"], paid["channel"], paid["supplier"])], is_total=False)
    return pd.concat([rows, _total_row(rows)], ignore_index=True)


def _total_row(rows: pd.DataFrame) -> pd.DataFrame:
    total = {"label": "Totalt", "kind": "", "is_total": True, "reach": np.nan}
    for name in ("spend_nok", "impressions", "link_clicks", "landing_page_views"):
        total[name] = rows[name].sum(min_count=1)
    for cost, name, scale in (("cpc_nok", "link_clicks", 1), ("cpm_nok", "impressions", 1000),
                              ("cost_per_lpv_nok", "landing_page_views", 1)):
        reporting = rows[rows[name].notna() & (rows[name] > 0)]
        total[cost] = scale * reporting["spend_nok"].sum() / total[name] if len(reporting) else np.nan
    total["ctr_pct"] = ratio_pct(rows.loc[rows["link_clicks"].notna(), "link_clicks"].sum(min_count=1),
                                 rows.loc[rows["link_clicks"].notna(), "impressions"].sum(min_count=1))
    return pd.DataFrame([total])


# The costs «Hva fikk vi for pengene?» can rank the channels by: column → (label, formula).
COST_MEASURES = {
    "cost_per_lpv_nok": ("Kr per landingssidevisning", "kostnad ÷ landingssidevisninger"),
    "per_1000_reached_nok": ("Kr per 1 000 nådd", "kostnad i rekkeviddens periode ÷ rekkevidde × 1 000"),
    "cpc_nok": ("Kr per lenkeklikk", "kostnad ÷ lenkeklikk"),
    "cpm_nok": ("Kr per 1 000 visninger", "kostnad ÷ visninger × 1 000"),
}
VALUE_NOTES = (
    "**Rekkevidde kan ikke legges sammen** på tvers av plattformer eller dager: de samme menneskene kan være "
    "nådd flere steder og flere dager. Rekkevidden per plattform er plattformens egen, de-dupliserte tall for "
    "perioden den gjelder; totalraden sier derfor «ikke summerbar».",
    "**Hver plattform teller klikk på sin måte** (Meta: lenkeklikk i annonsen, Snapchat: sveip opp, LinkedIn: "
    "klikk til nettsiden). Kr per klikk kan derfor ikke sammenlignes helt likt mellom plattformene.",
    "**Andre kjøp** (utendørs, aviser, SMS …) tas med når perioden deres overlapper den valgte perioden, med hele "
    "kostnaden; de har ingen klikk, og rekkevidde bare der leverandøren oppgir den.",
)


def frequency_note(value: pd.DataFrame) -> str | None:
    """Where a published frequency is not impressions ÷ reach: 'Meta: publisert 3,06, visninger ÷ rekkevidde 3,00'."""
    rows = value[value.get("frequency_differs", pd.Series(False, index=value.index)).fillna(False).astype(bool)]
    if rows.empty:
        return None
    parts = [f"{label}: publisert {fmt.number(p, 2)}, visninger ÷ rekkevidde {fmt.number(c, 2)}"
             for label, p, c in zip(rows["label"], rows["published_frequency"], rows["computed_frequency"])]
    return ("**De publiserte frekvensene er ikke alle lik visninger ÷ rekkevidde** – " + "; ".join(parts)
            + ". Tabellen viser begge; plattformene regner frekvens på sin egen måte.")
