"""Kart: the party's share, change, turnout and mobilisation potential per bydel or krets."""
import streamlit as st

from campaign import ui
from campaign.analysis import POTENTIAL_EXPLAINED, has_values, in_bydeler
from campaign.colors import party_label
from campaign.maps.draw import targeting_map
from campaign.maps.figure import MAP_METRICS
from campaign.maps.layer import missing_warning
from campaign.targeting import targeting

config, sel, source = ui.election_page("Kart")
party = config.party_code
cols = st.columns([3, 1, 2])
metric = cols[0].radio("Vis", list(MAP_METRICS), horizontal=True, key="kart_metric",
                       format_func=lambda m: MAP_METRICS[m][0])
level = cols[1].radio("Nivå", ["bydel", "krets"], horizontal=True, key="kart_level", format_func=str.capitalize)
zooms = {f"Hele {config.kommune_name}": None, **config.target_areas,
         **{name: (code,) for code, name in config.bydeler.items()}}
zoom = cols[2].selectbox("Område", list(zooms), key="kart_zoom")

frame = targeting(sel.election_id, sel.compare_id, config.kommune_id, level, party)
if zooms[zoom]:
    frame = in_bydeler(frame, zooms[zoom])
if not has_values(frame, metric):
    st.info(f"Ingen tall for «{MAP_METRICS[metric][0].lower()}» her i {sel.name(sel.election_id)}"
            f"{'' if sel.compare_id else ' (velg et valg å sammenligne med)'}. Kartet viser oppslutningen.")
    metric = "share_pct"
if frame.empty:
    ui.no_data(f"Ingen resultater på {level}nivå for {sel.name(sel.election_id)}.")
    st.stop()

counts = {"share_pct": "andel av valgtingsstemmene", "share_change_pp": "endring i andel av valgtingsstemmene",
          "turnout_pct": "avgitte stemmer / stemmeberettigede", "turnout_change_pp": "endring i valgdeltakelse",
          "potential": "ikke-stemmende × oppslutning"}[metric]
title = f"{MAP_METRICS[metric][0]} {party_label(party)} – {zoom if zooms[zoom] else config.kommune_name}"
figure, layer = targeting_map(frame, level, config.kommune_id, metric, title,
                              f"{counts.capitalize()}, per {level}; målområder har tykk kant", source,
                              outline=zooms[zoom] is None)
ui.chart(figure)
if warning := missing_warning(layer, frame):
    st.warning(warning)
if metric == "potential":
    st.caption(POTENTIAL_EXPLAINED)
st.caption("Forhåndsstemmer telles sentralt: oppslutning per bydel og krets er andel av valgtingsstemmene.")
