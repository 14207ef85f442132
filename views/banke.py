"""Hvor skal vi banke på? Areas ranked by mobilisation potential, with a quadrant chart and a CSV list."""
import streamlit as st

from campaign import charts, fmt, tables, ui
from campaign import targeting as areas
from campaign.analysis import POTENTIAL_EXPLAINED, filter_targets, has_values
from campaign.colors import party_color, party_label

config, sel, source = ui.election_page("Hvor skal vi banke på?")
party, election = config.party_code, sel.name(sel.election_id)
offered = areas.levels(config)
intro = st.empty()  # says what the shares count, at the level chosen below
cols = st.columns(3)
level = cols[0].radio("Nivå", list(reversed(offered)) if config.bydeler else offered, horizontal=True,
                      key="banke_level", format_func=str.capitalize)
shares_are = ("Oppslutningen per bydel og krets er andel av valgtingsstemmene (forhåndsstemmer telles sentralt)"
              if config.bydeler else f"Oppslutningen per {level} er andel av {areas.vote_basis(config, level)}")
intro.markdown(f"**{POTENTIAL_EXPLAINED}** {shares_are}, så potensialet er et anslag, ikke en prognose.")
kommune = None
if config.is_county and level == "krets":  # a county's kretser: one kommune at a time
    kommuner = areas.kommune_choices(areas.targeting(sel.election_id, None, config.area_id, "kommune", party))
    chosen = ui.choice("Kommune", list(kommuner), key="banke_kommune", default=areas.default_kommune(config, kommuner), where=cols[1]) if kommuner else None
    kommune = kommuner.get(chosen)
    area = "Alle områder"
else:
    area = cols[1].selectbox("Målområde", ["Alle områder", "Alle målområder", *config.target_areas], key="banke_area")

frame = areas.targeting(sel.election_id, sel.compare_id, config.area_id, level, party, kommune)
measured = has_values(frame, "turnout_pct")
minimum = cols[2].number_input("Minst antall stemmeberettigede", min_value=0, value=0, step=250, key="banke_min",
                               disabled=not measured, help=None if measured else "Krever valgdeltakelse.")
ranked = areas.ranked(filter_targets(frame, area, int(minimum) if measured else 0, config))
if frame.empty:
    ui.no_data(f"Ingen resultater per {level} i {config.area_name} for {election}.")
    st.stop()
if ranked.empty:
    st.info(f"Ingen områder i «{area}» med minst {fmt.number(minimum)} stemmeberettigede. Velg et lavere tall.")
    st.stop()
if not has_values(ranked, "potential"):
    st.info(f"{areas.no_turnout_note(level, election)} Uten den kan potensialet ikke regnes ut: "
            f"listen er rangert etter oppslutningen for {party_label(party)}.")
else:
    ui.chart(areas.others_named(charts.turnout_share_scatter(
        ranked.dropna(subset=["turnout_pct"]), party_label(party), party_color(party),
        "Lav deltakelse og høy oppslutning: der gir hver dør mest",
        f"Per {level}; boblestørrelse = stemmeberettigede; linjene er medianene", source,
        quadrants=True), level))
st.dataframe(tables.styled(areas.targeting_table(ranked, config, level)), hide_index=True, height=560)
if unlisted := areas.unlisted_note(ranked, party_label(party), level):
    st.caption(unlisted)
ui.download_buttons(tables.targeting_export(ranked), f"dorbank_{sel.election_id}_{level}",
                    label="listen til dørbankeplanen")
