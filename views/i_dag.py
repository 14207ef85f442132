"""I dag: the campaign's day – days to the election, yesterday and the last week, ad spend pace and the goals."""
import datetime as dt

import streamlit as st

from campaign import fmt, freshness, today, today_report, ui
from campaign.config import load_config
from campaign.goal_status import goal_statuses

config = load_config()
st.title("I dag")
ui.demo_marker()
day, outside = today.reference_day(dt.date.today(), config.campaign_period)
if outside:
    st.caption(f"Viser {fmt.date(day)}, siste dag i valgkampen.")
else:
    st.caption(f"Viser {fmt.date(day)}.")
if stale_sources := ui.built(freshness.stale_warning, day=day):  # daily sources more than two days behind
    st.warning(stale_sources, icon="⏳")

election = today.next_election(day, config.elections)
budget = ui.built(today_report.budget, day=day)
metrics = []
if election is not None:
    metrics.append(("Dager til valget", fmt.number(election[1]), election[0]))
if budget is not None:
    spent, total, _ = budget
    metrics += [("Annonsekostnad hittil", fmt.kroner(spent), f"{fmt.percent(spent / total * 100)} av budsjettet"),
                ("Annonsebudsjett", fmt.kroner(total), None)]
if metrics:
    ui.metric_row(metrics)
if budget is not None:
    st.markdown(budget[2])

st.header("I går og siste uke")
changes = ui.built(today_report.changes, day=day)
if changes is None:
    st.info("Ingen tall fra sosiale medier, annonser eller feltarbeid de siste 14 dagene i lageret. "
            "Importer filer på siden «Importer data», eller kjør `python -m campaign demo`.")
else:
    for sentence in changes[1]:
        st.markdown(f"- {sentence}")
    ui.table(changes[0], download="i_dag_endringer", numbers=changes[2])
    st.caption("Samtaler = nådd på telefon + samtaler på døra. Siste 7 dager = de 7 dagene før "
               f"{fmt.date(day)}; endring i % mot perioden før.")

st.header("Mål")
goals = ui.built(goal_statuses, today=day)
if goals.empty:
    st.info("Ingen mål i campaign.toml ([[goals]]).")
ui.goal_lines(goals)
