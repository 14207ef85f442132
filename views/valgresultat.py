"""Valgresultat: party shares city-wide and per bydel, change, seats and margins."""
import streamlit as st

from campaign import analysis, charts, fmt, queries, results, tables, ui
from campaign.colors import party_label

config, sel, source = ui.election_page("Valgresultat")
compare_text = f"endring fra {sel.name(sel.compare_id)}" if sel.compare_id else "ingen sammenligning valgt"
st.caption(f"{sel.name(sel.election_id)} i {config.kommune_name} – {compare_text}.")
shares = queries.party_shares(sel.election_id, sel.compare_id, config.kommune_id)
seats_total = config.seats_for(sel.election_id)
seats = analysis.seats_with_blocs(shares, seats_total, config)
seats_before = results.seats_in(sel.compare_id, config.kommune_id, config)
own = analysis.own_result(shares, seats, config.party_code, seats_before)

cols = st.columns(4)
if own:
    cols[0].metric(f"Oppslutning {party_label(config.party_code)}", fmt.percent(own["share_pct"]),
                   fmt.pp(own["change_pp"]) if sel.compare_id else None)
    cols[1].metric("Stemmer", fmt.number(own["votes"]), fmt.signed(own["votes_change"]) if sel.compare_id else None)
    cols[2].metric("Plassering", f"{own['place']}. største parti",
                   f"{fmt.number(own['behind_by'])} stemmer bak {party_label(own['ahead'])}" if own["ahead"] else None,
                   delta_color="off", delta_arrow="off")
    cols[3].metric("Mandater", own["seats"], fmt.signed(own["seat_change"]) if sel.compare_id else None)

left, right = st.columns(2)
ui.chart(charts.party_shares_bar(shares, config.party_code, "Oppslutning per parti",
                                 "Andel av godkjente stemmer (blanke holdt utenfor)", source), where=left)
ui.chart(charts.change_bar(shares.assign(label=shares["party_code"].map(party_label)), "label",
                           "Endring siden forrige valg", "Prosentpoeng", source,
                           highlight={party_label(config.party_code)}, color_col="party_code"), where=right)
st.dataframe(tables.party_table(shares, seats), hide_index=True, height="content")

st.header(f"Mandater i {config.body_for(sel.election_id)}: {seats_total}")
blocs = analysis.bloc_totals(seats, config)
ui.chart(charts.seats_bar(seats, [*config.blocs, "Andre"], seats_total, "Mandatfordeling",
                                 "Modifisert Sainte-Laguë (1,4 – 3 – 5 – 7 …), ingen sperregrense", source))
st.markdown(" · ".join(f"**{b.bloc}: {b.seats}**" + (" (flertall)" if b.majority else "")
                       for b in blocs.itertuples()))
st.dataframe(tables.seat_margin_table(seats), hide_index=True, height="content")
st.caption("«Stemmer til ett mandat til»: hvor mange flere stemmer partiet måtte hatt (alt annet likt). "
           "«Stemmer å gå på»: hvor mange stemmer partiet kunne mistet og likevel beholdt alle mandatene.")

st.header("Per bydel")
st.info("Forhåndsstemmer telles sentralt og fordeles ikke på bydel eller krets. "
        "Andelene per bydel er derfor andeler av **valgtingsstemmene**.", icon="ℹ️")
by_bydel = queries.party_shares_by_bydel(sel.election_id, sel.compare_id, config.kommune_id)
parties = list(shares["party_code"])
party = st.selectbox("Parti", parties, index=parties.index(config.party_code) if config.party_code in parties else 0,
                     format_func=party_label, key="valgresultat_party")
mine = analysis.party_rows(by_bydel, party)
summary = analysis.target_area_shares(by_bydel, party, config)
for col, (name, figures) in zip(st.columns(len(summary)), summary):
    col.metric(name, fmt.percent(figures["share_pct"]), fmt.pp(figures["change_pp"]) if sel.compare_id else None)
left, right = st.columns(2)
ui.chart(charts.bydel_share_bar(mine, party, config.target_bydeler(), f"{party_label(party)} per bydel",
                                "Andel av valgtingsstemmene i bydelen (endring i pp); målområder uthevet",
                                source), where=left)
if party == config.party_code:
    ui.bydel_map(sel, "share_change_pp" if sel.compare_id else "share_pct",
                 f"{party_label(party)}: {'endring' if sel.compare_id else 'oppslutning'} per bydel",
                 "Prosentpoeng, valgtingsstemmer" if sel.compare_id else "Andel av valgtingsstemmene",
                 source, where=right)
st.dataframe(tables.bydel_table(mine), hide_index=True, height="content")
st.download_button("Last ned alle partier per bydel (CSV)", tables.bydel_csv(by_bydel),
                   file_name=f"{sel.election_id}_per_bydel.csv", mime="text/csv")

st.subheader("Per valgkrets")
bydel_ids = dict(zip(mine["bydel"], mine["bydel_id"]))
chosen = st.selectbox("Bydel", sorted(bydel_ids), key="valgresultat_bydel")
kretser = queries.party_shares_by_krets(sel.election_id, sel.compare_id, config.kommune_id,
                                       bydel_ids.get(chosen), party)
st.caption("Andel av valgtingsstemmene. Kretsene endres mellom valg: endring vises bare der både "
           "kretsnummer og navn er like i begge valg.")
if kretser.empty:
    st.info(f"Ingen kretsresultater for {chosen} i {sel.name(sel.election_id)}. Importer CSV-en på "
            "stemmekretsnivå eller hent valget med kretser fra valgresultat.no.")
else:
    st.dataframe(tables.krets_table(kretser), hide_index=True, height="content")
