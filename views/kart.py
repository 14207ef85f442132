"""Kart: the party's share, change, turnout and mobilisation potential per bydel, kommune or krets."""
import streamlit as st

from campaign import targeting as areas
from campaign import ui
from campaign.analysis import POTENTIAL_EXPLAINED, has_values, in_bydeler
from campaign.colors import party_label
from campaign.maps.draw import doors_period, targeting_map, with_doors
from campaign.maps.figure import MAP_METRICS
from campaign.maps.layer import missing_warning

config, sel, source = ui.election_page("Kart")
party = config.party_code
cols = st.columns([3, 1, 2])
metric = cols[0].radio("Vis", list(MAP_METRICS), horizontal=True, key="kart_metric",
                       format_func=lambda m: MAP_METRICS[m][0])
offered = areas.levels(config)
level = cols[1].radio("Nivå", offered, horizontal=True, key="kart_level", format_func=str.capitalize)
kommune, place = None, config.area_name
if config.is_county and level == "krets":  # a county's kretser: one kommune at a time
    kommuner = areas.kommune_choices(areas.targeting(sel.election_id, None, config.area_id, "kommune", party))
    if not kommuner:
        ui.no_data(f"Ingen resultater per kommune i {config.area_name} for {sel.name(sel.election_id)}.")
        st.stop()
    place = ui.choice("Kommune", list(kommuner), key="kart_kommune", default=areas.default_kommune(config, kommuner), where=cols[2])
    kommune = kommuner[place]
    zooms = {place: None}
    zoom = place
else:
    zooms = areas.zoom_choices(config, level)
    zoom = cols[2].selectbox("Område", list(zooms), key="kart_zoom")

frame = areas.targeting(sel.election_id, sel.compare_id, config.area_id, level, party, kommune)
if zooms[zoom]:
    frame = in_bydeler(frame, zooms[zoom])
if frame.empty:
    ui.no_data(f"Ingen resultater per {level} i {place} for {sel.name(sel.election_id)}.")
    st.stop()
if metric == "doors":  # door-knocking per area from field_doors, at the map's level
    frame, no_doors = with_doors(frame, level)
    if no_doors:
        st.info(no_doors)
        metric = "share_pct"
if not has_values(frame, metric):
    no_turnout = (metric.startswith("turnout") or metric == "potential") and not has_values(frame, "turnout_pct")
    hint = ("" if sel.compare_id or not metric.endswith("change_pp") or no_turnout
            else " (velg et valg å sammenligne med)")
    st.info(f"Ingen tall for «{MAP_METRICS[metric][0].lower()}» her i {sel.name(sel.election_id)}{hint}. "
            "Kartet viser oppslutningen."
            + (f" {areas.no_turnout_note(level, sel.name(sel.election_id))}" if no_turnout else ""))
    metric = "share_pct"

basis = areas.vote_basis(config, level)
counts = {"share_pct": f"andel av {basis}", "share_change_pp": f"endring i andel av {basis}",
          "turnout_pct": "avgitte stemmer / stemmeberettigede", "turnout_change_pp": "endring i valgdeltakelse",
          "potential": "ikke-stemmende × oppslutning", "doors": "dører banket"}[metric]
if metric == "doors":
    counts = f"{counts} {doors_period(frame)}"
title = f"{MAP_METRICS[metric][0]} {party_label(party)} – {zoom if zooms[zoom] else place}"
figure, layer = targeting_map(frame, level, kommune or config.area_id, metric, title,
                              f"{counts.capitalize()}, per {level}; målområder har tykk kant", source,
                              outline=zooms[zoom] is None and kommune is None)
ui.chart(figure)
if warning := missing_warning(layer, frame):
    st.warning(warning)
if unlisted := areas.unlisted_note(frame, party_label(party), level):
    st.caption(unlisted)
if metric == "potential":
    st.caption(POTENTIAL_EXPLAINED)
if metric == "doors":
    st.caption("Dører og samtaler summert over rundene per område; grå = ingen runder. Dører er ikke personer, "
               "så de vises uansett antall; deltakere under 5 vises som «under 5».")
st.caption(areas.basis_note(config, level))
