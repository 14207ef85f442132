"""Forside: what the dashboard holds and where to go."""

import pandas as pd
import streamlit as st

from campaign import analysis, fmt, front, pages, queries, ui
from campaign.config import load_config
from campaign.ingest import registry

config = load_config()
st.title(f"Valgkampdashbord – {config.org_name}")
ui.demo_marker()
lead, why = front.lead(config, front.today())
with st.container(border=True):  # the first thing to do today: «I dag» in the campaign, the evaluation after
    st.page_link(lead.file, label=f"**Start her: {lead.title}**", icon=lead.icon)
    st.caption(why)
status = queries.data_status()
elections = queries.elections_available(config.kommune_id, config.fylke_id)

cols = st.columns(3)
cols[0].metric("Valg i lageret", len(elections))
cols[1].metric("Resultatrader", fmt.number(status["results_rows"]))
last = status["last_imported_at"]  # the date only: «30. nov. 2026 kl. 23.29» is cut off at 1280 px
cols[2].metric("Sist importert", fmt.date(last.date()) if last is not None and not pd.isna(last) else "–",
               help=f"Siste import {fmt.datetime(last)}.")
if status["last_import_source"]:
    st.caption(f"Siste import: {status['last_import_source']} ({registry.label(status['last_import_kind'])}).")

st.subheader("Valg")
if elections.empty:
    ui.no_data()
else:
    st.dataframe(
        elections.assign(
            Dato=[fmt.date(d) for d in elections["election_date"]],
            Kretser=[fmt.number(k) if k else "–" for k in elections["kretser"].fillna(0)],
            result_levels=elections["result_levels"].fillna("–"),
            turnout_levels=elections["turnout_levels"].fillna("ikke importert"),
        ).rename(columns={"name": "Valg", "result_levels": "Resultater på nivå",
                          "turnout_levels": "Valgdeltakelse på nivå"})[
            ["Valg", "Dato", "Resultater på nivå", "Kretser", "Valgdeltakelse på nivå"]],
        hide_index=True,
    )
for table, label in (("social", "Sosiale medier"), ("ads", "Annonser")):
    if status[f"{table}_rows"]:
        st.write(f"**{label}:** {fmt.date(status[f'{table}_first_date'])} – {fmt.date(status[f'{table}_last_date'])}")

upcoming = analysis.next_election(config, front.today())
if upcoming:
    election, days = upcoming
    st.metric(f"Dager til {election.name.lower()}", fmt.number(days), help=fmt.date(election.election_date))

st.subheader("Hvor finner jeg hva?")
for section, group in pages.sections().items():
    links = [p for p in group if p is not pages.HOME]
    if section and links:
        st.markdown(f"**{section}**")
    for page in links:
        st.page_link(page.file, label=f"**{page.title}** – {page.description}", icon=page.icon)
