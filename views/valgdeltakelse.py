"""Valgdeltakelse: turnout per bydel, krets or kommune (the branch's level), change, and turnout against the share."""
import streamlit as st

from campaign import analysis, charts, fmt, queries, tables, ui
from campaign import targeting as areas
from campaign.colors import party_color, party_label

config, sel, source = ui.election_page("Valgdeltakelse")
level, election = config.sublevel, sel.name(sel.election_id)
city = queries.turnout_by_area(sel.election_id, sel.compare_id, config.area_id, "fylke" if config.is_county else "kommune")
parts = queries.turnout_by_area(sel.election_id, sel.compare_id, config.area_id, level)
if city.empty and parts.empty:
    st.info(areas.no_turnout_note(level, election))
    st.stop()

gap = analysis.turnout_gap(parts)
cols = st.columns(3)
if not city.empty:
    change = fmt.pp(city["change_pp"].iloc[0]) if sel.compare_id else None
    cols[0].metric(f"Valgdeltakelse {config.area_name}", fmt.percent(city["turnout_pct"].iloc[0]), change,
                   **fmt.delta_style(change))
elif total := areas.turnout_total(parts):  # a county without its own row: the kommuner's sum
    cols[0].metric(f"Valgdeltakelse {config.area_name}", fmt.percent(total["turnout_pct"]),
                   help=f"Summen av de {total['areas']} {areas.PLURAL[level]} som har tall for valgdeltakelse.")
if gap:  # the area's name in the label, the number in the value: a long name never hides the number
    cols[1].metric(f"Høyest: {gap['highest']}", fmt.percent(gap["highest_pct"]))
    cols[2].metric(f"Lavest: {gap['lowest']}", fmt.percent(gap["lowest_pct"]),
                   f"{fmt.number(gap['gap_pp'], 1)} pp lavere enn høyest", delta_color="off", delta_arrow="off")
if parts.empty:
    st.info(areas.no_turnout_note(level, election))
    st.stop()

highlight = party_color(config.party_code)
left, right = st.columns(2)
ui.chart(charts.turnout_bar(parts, config.target_bydeler(), f"Valgdeltakelse per {level}",
                            "Avgitte stemmer / stemmeberettigede (endring i pp); målområder uthevet",
                            source, highlight), where=left)
ui.area_map(sel, "turnout_pct", "Valgdeltakelse på kartet", "Avgitte stemmer / stemmeberettigede; målområder har tykk kant",
            source, where=right)

st.header(f"Valgdeltakelse og oppslutning for {party_label(config.party_code)}")
by_area = queries.party_shares_by_subarea(sel.election_id, sel.compare_id, config.area_id, level)
combined = analysis.turnout_and_share(parts, by_area, config.party_code, config)
if combined.empty:
    st.info(f"Ingen resultater per {level} å sammenligne valgdeltakelsen med i {election}.")
else:
    ui.chart(areas.others_named(charts.turnout_share_scatter(
        combined, party_label(config.party_code), highlight, "Der deltakelsen er lav, står vi sterkt?",
        f"Per {level}. Oppslutning = andel av {areas.vote_basis(config, level)}; "
        "boblestørrelse = stemmeberettigede", source), level))
st.dataframe(tables.styled(tables.turnout_table(parts)), hide_index=True, height="content")

if level == "krets":  # the table above is already per krets
    kretser = parts
else:
    st.header("Per valgkrets")
    if config.is_county:  # one kommune's kretser
        choices = areas.kommune_choices(parts)
        chosen = ui.choice("Kommune", list(choices), key="valgdeltakelse_kommune",
                           default=areas.default_kommune(config, choices))
        kretser = queries.turnout_by_area(sel.election_id, sel.compare_id, choices[chosen], "krets")
    else:
        choices = {config.bydeler.get(b, b): b for b in parts["area_id"]}
        chosen = st.selectbox("Bydel", list(choices), key="valgdeltakelse_bydel")
        kretser = queries.turnout_by_area(sel.election_id, sel.compare_id, config.kommune_id, "krets")
        kretser = analysis.in_bydeler(kretser, [choices.get(chosen)])
    st.caption("Kretser endres mellom valg. Endring vises bare der både kretsnummer og navn er like.")
    if kretser.empty:
        st.info(f"Valgdeltakelse per krets i {chosen} er ikke importert for {election}.")
    else:
        st.dataframe(tables.styled(tables.turnout_table(kretser)), hide_index=True, height="content")
if not kretser.empty:
    ui.download_buttons(tables.turnout_export(kretser), f"{sel.election_id}_valgdeltakelse_krets",
                        label="valgdeltakelse per krets")
