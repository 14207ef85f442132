"""Kart: the party's share, change, turnout and mobilisation potential per bydel or krets."""
import streamlit as st

from campaign import mapchart, queries, ui
from campaign.analysis import POTENTIAL_EXPLAINED
from campaign.colors import party_label

config, sel, source = ui.election_page("Kart")
party = config.party_code
cols = st.columns([3, 1, 2])
metric = cols[0].radio("Vis", list(mapchart.MAP_METRICS), horizontal=True, key="kart_metric",
                       format_func=lambda m: mapchart.MAP_METRICS[m][0])
level = cols[1].radio("Nivå", ["bydel", "krets"], horizontal=True, key="kart_level", format_func=str.capitalize)
zooms = {f"Hele {config.kommune_name}": None, **config.target_areas,
         **{name: (code,) for code, name in config.bydeler.items()}}
zoom = cols[2].selectbox("Område", list(zooms), key="kart_zoom")

frame = queries.targeting(sel.election_id, sel.compare_id, config.kommune_id, level, party)
if zooms[zoom]:
    frame = frame[frame["bydel_id"].isin(zooms[zoom])]
if frame[metric].notna().sum() == 0:
    st.info(f"Ingen tall for «{mapchart.MAP_METRICS[metric][0].lower()}» her i {sel.name(sel.election_id)}"
            f"{'' if sel.compare_id else ' (velg et valg å sammenligne med)'}. Kartet viser oppslutningen.")
    metric = "share_pct"
if frame.empty:
    ui.no_data(f"Ingen resultater på {level}nivå for {sel.name(sel.election_id)}.")
    st.stop()

layer = queries.map_layer(level, config.kommune_id, frame[["area_id", "area_name"]])
outline = frame.loc[frame["target_area"].notna(), "area_id"] if zooms[zoom] is None else []
label = mapchart.MAP_METRICS[metric][0]
counts = {"share_pct": "andel av valgtingsstemmene", "share_change_pp": "endring i andel av valgtingsstemmene",
          "turnout_pct": "avgitte stemmer / stemmeberettigede", "turnout_change_pp": "endring i valgdeltakelse",
          "potential": "ikke-stemmende × oppslutning"}[metric]
attribution = f"Kartdata: {layer.attribution}." if layer.attribution else ""
ui.chart(mapchart.area_map(frame, layer.shapes, layer.points, metric,
                         f"{label} {party_label(party)} – {zoom if zooms[zoom] else config.kommune_name}",
                         f"{counts.capitalize()}, per {level}; målområder har tykk kant", f"{source} {attribution}",
                         outline_ids=list(outline), schematic=layer.schematic))
if layer.missing:
    names = dict(zip(frame["area_id"], frame["area_name"]))
    listed = ", ".join(names.get(a, a) for a in layer.missing[:15])
    more = f" og {len(layer.missing) - 15} til" if len(layer.missing) > 15 else ""
    st.warning(f"Mangler kartflate for {len(layer.missing)} områder: {listed}{more}. Importer en grensefil som dekker dem.")
if metric == "potential":
    st.caption(POTENTIAL_EXPLAINED)
st.caption("Forhåndsstemmer telles sentralt: oppslutning per bydel og krets er andel av valgtingsstemmene.")
