"""Hvor skal vi banke på? Areas ranked by mobilisation potential, with a quadrant chart and a CSV list."""
import streamlit as st

from campaign import charts, tables, ui
from campaign.analysis import POTENTIAL_EXPLAINED, filter_targets, has_values
from campaign.colors import party_color, party_label
from campaign.targeting import targeting

config, sel, source = ui.election_page("Hvor skal vi banke på?")
party = config.party_code
st.markdown(f"**{POTENTIAL_EXPLAINED}** Oppslutningen per bydel og krets er andel av valgtingsstemmene "
            "(forhåndsstemmer telles sentralt), så potensialet er et anslag, ikke en prognose.")
cols = st.columns(3)
level = cols[0].radio("Nivå", ["krets", "bydel"], horizontal=True, key="banke_level", format_func=str.capitalize)
areas = ["Alle områder", "Alle målområder", *config.target_areas]
area = cols[1].selectbox("Målområde", areas, key="banke_area")
minimum = cols[2].number_input("Minst antall stemmeberettigede", min_value=0, value=0, step=250, key="banke_min")

frame = targeting(sel.election_id, sel.compare_id, config.kommune_id, level, party)
ranked = filter_targets(frame, area, int(minimum), config)
if not has_values(ranked, "potential"):
    ui.no_data(f"Mangler valgdeltakelse på {level}nivå for {sel.name(sel.election_id)}, så potensialet kan ikke regnes ut.")
    st.stop()

ui.chart(charts.turnout_share_scatter(
    ranked.dropna(subset=["turnout_pct"]), party_label(party), party_color(party),
    "Lav deltakelse og høy oppslutning: der gir hver dør mest",
    f"Per {level}; boblestørrelse = stemmeberettigede; linjene er medianene", source,
    quadrants=True))
st.dataframe(tables.targeting_table(ranked), hide_index=True, height=560)
st.download_button("Last ned listen (CSV) til dørbankeplanen", tables.targeting_csv(ranked),
                   file_name=f"dorbank_{sel.election_id}_{level}.csv", mime="text/csv")
