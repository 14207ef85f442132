"""Valgdeltakelse: turnout per bydel and krets, change, and turnout against the party's share."""
import streamlit as st

from campaign import analysis, charts, fmt, queries, tables, ui
from campaign.colors import party_color, party_label

config, sel, source = ui.election_page("Valgdeltakelse")
city = queries.turnout_by_area(sel.election_id, sel.compare_id, config.kommune_id, "kommune")
bydeler = queries.turnout_by_area(sel.election_id, sel.compare_id, config.kommune_id, "bydel")
if city.empty and bydeler.empty:
    ui.no_data(f"Ingen tall for valgdeltakelse i {sel.name(sel.election_id)}.")
    st.stop()

gap = analysis.turnout_gap(bydeler)
cols = st.columns(3)
if not city.empty:
    cols[0].metric(f"Valgdeltakelse {config.kommune_name}", fmt.percent(city["turnout_pct"].iloc[0]),
                   fmt.pp(city["change_pp"].iloc[0]) if sel.compare_id else None)
if gap:
    cols[1].metric("Høyest", f"{gap['highest']} {fmt.percent(gap['highest_pct'])}")
    cols[2].metric("Lavest", f"{gap['lowest']} {fmt.percent(gap['lowest_pct'])}",
                   f"{fmt.number(gap['gap_pp'], 1)} pp lavere enn høyest", delta_color="off", delta_arrow="off")

highlight = party_color(config.party_code)
left, right = st.columns(2)
ui.chart(charts.turnout_bar(bydeler, config.target_bydeler(), "Valgdeltakelse per bydel",
                            "Avgitte stemmer / stemmeberettigede (endring i pp); målområder uthevet",
                            source, highlight), where=left)
ui.bydel_map(sel, "turnout_pct", "Valgdeltakelse på kartet", "Avgitte stemmer / stemmeberettigede; målområder har tykk kant",
             source, where=right)

st.header(f"Valgdeltakelse og oppslutning for {party_label(config.party_code)}")
by_bydel = queries.party_shares_by_bydel(sel.election_id, sel.compare_id, config.kommune_id)
combined = analysis.turnout_and_share(bydeler, by_bydel, config.party_code, config)
ui.chart(charts.turnout_share_scatter(
    combined, party_label(config.party_code), highlight, "Der deltakelsen er lav, står vi sterkt?",
    "Per bydel. Oppslutning = andel av valgtingsstemmene; boblestørrelse = stemmeberettigede", source))
st.dataframe(tables.turnout_table(bydeler), hide_index=True, height="content")

st.header("Per valgkrets")
choices = {config.bydeler.get(b, b): b for b in bydeler["area_id"]}
chosen = st.selectbox("Bydel", list(choices), key="valgdeltakelse_bydel")
kretser = queries.turnout_by_area(sel.election_id, sel.compare_id, config.kommune_id, "krets")
kretser = analysis.in_bydeler(kretser, [choices.get(chosen)])
st.caption("Kretser endres mellom valg. Endring vises bare der både kretsnummer og navn er like.")
st.dataframe(tables.turnout_table(kretser), hide_index=True, height="content")
st.download_button("Last ned valgdeltakelse per krets (CSV)", tables.turnout_csv(kretser),
                   file_name=f"{sel.election_id}_valgdeltakelse_krets.csv", mime="text/csv")
