"""Forside: what the dashboard holds and where to go."""
import datetime as dt

import streamlit as st

from campaign import analysis, fmt, queries, ui
from campaign.config import load_config

config = load_config()
st.title(f"Valgkampdashbord – {config.org_name}")
ui.demo_marker()
status = queries.data_status()
elections = queries.elections_available(config.kommune_id, config.fylke_id)

cols = st.columns(3)
cols[0].metric("Valg i lageret", len(elections))
cols[1].metric("Resultatrader", fmt.number(status["results_rows"]))
cols[2].metric("Sist importert", fmt.datetime(status["last_imported_at"]))
if status["last_import_source"]:
    st.caption(f"Siste import: {status['last_import_source']} ({status['last_import_kind']}).")

st.subheader("Valg")
if elections.empty:
    ui.no_data()
else:
    st.dataframe(
        elections.assign(
            Dato=[fmt.date(d) for d in elections["election_date"]],
            Kretser=[fmt.number(k) for k in elections["kretser"]],
        ).rename(columns={"name": "Valg", "result_levels": "Resultater på nivå",
                          "turnout_levels": "Valgdeltakelse på nivå"})[
            ["Valg", "Dato", "Resultater på nivå", "Kretser", "Valgdeltakelse på nivå"]],
        hide_index=True,
    )
for table, label in (("social", "Sosiale medier"), ("ads", "Annonser")):
    if status[f"{table}_rows"]:
        st.write(f"**{label}:** {fmt.date(status[f'{table}_first_date'])} – {fmt.date(status[f'{table}_last_date'])}")

upcoming = analysis.next_election(config, dt.date.today())
if upcoming:
    election, days = upcoming
    st.metric(f"Dager til {election.name.lower()}", fmt.number(days), help=fmt.date(election.election_date))

st.subheader("Hvor finner jeg hva?")
st.page_link("views/valgresultat.py", label="**Valgresultat** – oppslutning, endring, mandater og per bydel", icon="📊")
st.page_link("views/valgdeltakelse.py", label="**Valgdeltakelse** – per bydel og krets, og mot vår oppslutning", icon="🗳️")
st.page_link("views/kart.py", label="**Kart** – oppslutning, endring, valgdeltakelse og potensial per bydel og krets",
             icon="🗺️")
st.page_link("views/banke.py", label="**Hvor skal vi banke på?** – kretser rangert etter mobiliseringspotensial",
             icon="🚪")
st.page_link("views/importer.py", label="**Importer data** – valgresultater og kartgrenser, importlogg", icon="📥")
