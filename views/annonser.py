"""Annonser: paid social per platform and campaign against the budget, and what each krone bought in every paid channel."""
import streamlit as st

from campaign import ad_costs, ads_report, digital, fmt, ui
from campaign.config import load_config

sources, first, last, source = ui.digital_page("Annonser", ("ads", "ads_period", "ad_buys"), "annonser_periode")
cols = st.columns(2)
platform = ui.choice("Plattform", [None, *digital.platforms(sources, "ads")], "annonser_platform", cols[0],
                     all_label="Alle plattformer", format_func=digital.platform_name)
campaign = ui.choice("Kampanje", [None, *digital.accounts(sources, "ads", platform)], "annonser_campaign", cols[1],
                     all_label="Alle kampanjer")
budget = load_config().budget("ads_nok") if platform is None and campaign is None else None  # covers every platform
spending = ui.built(ads_report.spending, first=first, last=last, platform=platform, campaign=campaign, budget=budget,
                    source=source)
if spending.metrics is None:
    st.info(f"Ingen annonsekostnader per dag i {fmt.period(first, last)} for dette valget.")
else:
    ui.metric_row(spending.metrics)
    st.caption(ads_report.RATES_NOTE)
    ui.chart(spending.per_day)  # full width: subtitles and source lines are cut in half a 1280 px screen
    ui.chart(spending.cumulative)

st.subheader("Per kampanje")
ui.table(spending.results, download="annonser_per_kampanje", numbers=spending.numbers["results"])
ui.table(spending.reach, download="annonser_rekkevidde", numbers=spending.numbers["reach"])
st.caption(" ".join(filter(None, [spending.rows_note, ads_report.CAMPAIGNS_NOTE])))

st.header("Hva fikk vi for pengene?")
value = ui.built(ads_report.value, first=first, last=last, source=source)
measure = st.radio("Sammenlign", list(ad_costs.COST_MEASURES), horizontal=True, key="annonser_measure",
                   format_func=lambda m: ad_costs.COST_MEASURES[m][0])
ui.chart(value.charts[measure])
ui.table(value.costs, download="annonser_kostnad_per_kanal", numbers=value.numbers["costs"])
ui.table(value.results, download="annonser_resultater_per_kanal", numbers=value.numbers["results"])
st.markdown("\n".join(f"- {note}" for note in value.notes))
