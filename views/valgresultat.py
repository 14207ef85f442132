"""Valgresultat: party shares in the branch's area and per sub-area (bydel, krets or kommune), change,
seats where they are won, and margins."""
import streamlit as st

from campaign import analysis, charts, fmt, queries, results, tables, ui

config, sel, source = ui.election_page("Valgresultat")
compare_text = f"endring fra {sel.name(sel.compare_id)}" if sel.compare_id else "ingen sammenligning valgt"
st.caption(f"{sel.name(sel.election_id)} i {config.area_name} – {compare_text}.")
shares = queries.party_shares(sel.election_id, sel.compare_id, config.area_id)
if shares.empty:
    st.info(f"Ingen resultater for {config.area_name} i {sel.name(sel.election_id)}. Importer resultatfila for "
            "valget (CSV fra valgresultat.no) på siden «Importer».")
    st.stop()
basis = results.seat_basis(sel.election_id, config)
seats = results.seat_frame(basis, config)
seats_before = results.seats_before(sel.election_id, sel.compare_id, config)
own = analysis.own_result(shares, seats, config.party_code, seats_before)

names = dict(zip(shares["party_code"], shares["party_name"]))


def short(code: str) -> str:
    """A party's short name, as the charts write it (the stored name where campaign.colors has none)."""
    return charts.party_short(code, names.get(code))


def metric(col, label: str, value: str, delta: str | None = None, plain: bool = False) -> None:
    col.metric(label, value, delta, **fmt.delta_style(delta, plain))


cols = st.columns(4)
if own:
    metric(cols[0], f"Oppslutning {short(config.party_code)}", fmt.percent(own["share_pct"]),
           fmt.pp(own["change_pp"]) if sel.compare_id else None)
    metric(cols[1], "Stemmer", fmt.number(own["votes"]), fmt.signed(own["votes_change"]) if sel.compare_id else None)
    metric(cols[2], "Plassering (største parti)", f"{own['place']}.",
           f"{fmt.number(own['behind_by'])} stemmer bak {short(own['ahead'])}" if own["ahead"] else None, plain=True)
    councils = bool(basis.parts) and basis.key is not None and basis.key[0] == "ko"
    metric(cols[3], "Mandater i kommunestyrene" if councils else "Mandater",
           "–" if own["seats"] is None else fmt.number(own["seats"]),
           fmt.signed(own["seat_change"]) if own["seat_change"] is not None else None)

left, right = st.columns(2)
ui.chart(charts.party_shares_bar(shares, config.party_code, "Oppslutning per parti",
                                 "Andel av godkjente stemmer (blanke holdt utenfor)", source), where=left)
if sel.compare_id and shares["change_pp"].notna().any():
    ui.chart(charts.change_bar(shares.assign(label=shares["party_code"].map(short)), "label",
                               f"Endring siden {sel.name(sel.compare_id)}", "Prosentpoeng", source,
                               highlight={short(config.party_code)}, color_col="party_code"), where=right)
elif sel.compare_id:
    right.info(f"Ingen endring å vise: ingen av partiene har tall i {sel.name(sel.compare_id)} for "
               f"{config.area_name}.", icon="ℹ️")
else:
    right.info("Ingen sammenligning valgt, så det er ingen endring å vise. Velg et valg under «Sammenlign med» "
               "i menyen for å se endringen per parti.", icon="ℹ️")
st.dataframe(tables.styled(tables.party_table(shares, seats)), hide_index=True, height="content")


def seat_section(part: results.SeatBasis, title: str) -> None:
    """Seats of one body: the bar, the blocs, the margins and how they compare with the official seats."""
    frame = analysis.seats_with_blocs(part.votes, part.total, config)
    blocs = analysis.bloc_totals(frame, config)
    council = part.key is None or part.key[0] != "st"  # a Storting constituency's delegation has no majority
    ui.chart(charts.seats_bar(frame, [*config.blocs, "Andre"], part.total, title,
                              "Modifisert Sainte-Laguë (1,4 – 3 – 5 – 7 …), ingen sperregrense", source,
                              majority_line=council))
    st.markdown(" · ".join(f"**{b.bloc}: {b.seats}**" + (" (flertall)" if council and b.majority else "")
                           for b in blocs.itertuples()))
    st.dataframe(tables.styled(tables.seat_margin_table(frame)), hide_index=True, height="content")
    if part.official:
        won = {p: s for p, s in zip(frame["party_code"], frame["seats"]) if s}
        same = won == {p: s for p, s in part.official.items() if s}
        st.caption("Samme fordeling som de offisielle mandatene i fila." if same else
                   "Den offisielle fordelingen i fila: " + ", ".join(
                       f"{short(p)} {s}" for p, s in sorted(part.official.items(), key=lambda i: -i[1]) if s))


if basis.allocates:
    st.header(f"Mandater i {basis.body}: {basis.total}")
    if basis.note:
        st.info(basis.note, icon="ℹ️")
    seat_section(basis, "Mandatfordeling")
elif basis.parts and basis.key and basis.key[0] == "ko":
    st.header(f"Mandater i {basis.body}")
    rows = [(p.area_name, p.total, analysis.seats_won(p.votes, p.total, config)) for p in basis.allocating()]
    st.dataframe(tables.styled(tables.council_seats_table(rows, config.party_code, f"Mandater {short(config.party_code)}",
                                                          short)), hide_index=True, height="content")
    st.caption("Kommunene der en importert fil oppgir antall mandater («Antall mandater» i CSV-en på "
               "kommunenivå), fordelt med modifisert Sainte-Laguë; de andre kommunene vises ikke her.")
elif basis.allocating():
    st.header(f"Mandater i {basis.body}")
    if len(basis.parts) > 1:
        st.caption(f"{config.area_name} ligger i {len(basis.parts)} valgdistrikter; mandatene er fordelt på hvert "
                   "valgdistrikts stemmer.")
    for part in basis.parts:
        st.subheader(f"{part.body}: {part.total}" if part.allocates else part.body)
        if part.allocates:
            seat_section(part, f"Mandatfordeling {part.area_name}")
        elif part.note:
            st.info(part.note, icon="ℹ️")
else:
    st.header("Mandater")
    st.info(basis.note or f"Ingen mandatfordeling for {sel.name(sel.election_id)} i {config.area_name}.", icon="ℹ️")
if seats is not None and not (basis.parts and basis.key and basis.key[0] == "ko"):
    st.caption("«Stemmer til ett mandat til»: hvor mange flere stemmer partiet måtte hatt (alt annet likt). "
               "«Stemmer å gå på»: hvor mange stemmer partiet kunne mistet og likevel beholdt alle mandatene.")

level = config.sublevel
NOUN = {"bydel": "bydel", "krets": "krets", "kommune": "kommune"}[level]
COUNTS = {"bydel": "Andel av valgtingsstemmene i bydelen",
          "krets": "Andel av stemmene talt i kretsen",
          "kommune": "Andel av godkjente stemmer i kommunen"}[level]
by_area = queries.party_shares_by_subarea(sel.election_id, sel.compare_id, config.area_id, level)
parties = list(shares["party_code"])


def party_choice() -> str:
    return st.selectbox("Parti", parties, index=parties.index(config.party_code) if config.party_code in parties else 0,
                        format_func=short, key="valgresultat_party")


regions_shown = bool(config.is_county and config.regions and not by_area.empty)
if regions_shown:
    st.header("Per region")
    party = party_choice()
    st.dataframe(tables.styled(tables.region_table(analysis.region_shares(by_area, party, config))), hide_index=True,
                 height="content")
    st.caption("Kommunene er gruppert etter regionene i campaign.toml; andelen er av alle godkjente stemmer "
               "i regionens kommuner.")

st.header(f"Per {NOUN}")
central = shares["votes"].sum() - by_area.drop_duplicates("area_id")["total_votes"].sum()
if level == "bydel":
    st.info("Forhåndsstemmer telles sentralt og fordeles ikke på bydel eller krets. "
            "Andelene per bydel er derfor andeler av **valgtingsstemmene**.", icon="ℹ️")
elif level == "krets" and central > 0:
    st.info(f"{fmt.number(central)} stemmer er talt sentralt (forhåndsstemmer) og fordeles ikke på krets. "
            "Andelene per krets er derfor andeler av **stemmene som ble talt i kretsen**.", icon="ℹ️")
if not regions_shown:
    party = party_choice()
mine = analysis.party_rows(by_area, party)
if mine.empty:
    st.info(f"Ingen resultater per {NOUN} for {short(party)} i {sel.name(sel.election_id)}. Importer CSV-en "
            "på stemmekretsnivå fra valgresultat.no for å se tallene per område.")
else:
    summary = analysis.target_area_shares(by_area, party, config)
    absent = [name for name, figures in summary if figures["share_pct"] is None and name in config.target_areas]
    summary = [(name, figures) for name, figures in summary if figures["share_pct"] is not None]
    if absent:
        st.caption(f"{'Målområdene' if len(absent) > 1 else 'Målområdet'} {', '.join(absent)}: ingen resultater for "
                   f"{short(party)} i {sel.name(sel.election_id)} (områdene i campaign.toml finnes ikke i "
                   "dataene, eller partiet stilte ikke liste der).")
    for col, (name, figures) in zip(st.columns(len(summary)), summary):
        metric(col, name, fmt.percent(figures["share_pct"]),
               fmt.pp(figures["change_pp"]) if sel.compare_id and figures["change_pp"] is not None else None)
    left, right = st.columns(2)
    ui.chart(charts.subarea_share_bar(mine, party, config.target_bydeler(), f"{short(party)} per {NOUN}",
                                      f"{COUNTS} (endring i pp); målområder uthevet", source), where=left)
    if party == config.party_code:
        what = "endring" if sel.compare_id else "oppslutning"
        drawn = ui.area_map(sel, "share_change_pp" if sel.compare_id else "share_pct",
                            f"{short(party)}: {what} per {NOUN}",
                            ("Prosentpoeng, " + COUNTS[0].lower() + COUNTS[1:]) if sel.compare_id else COUNTS,
                            source, where=right)
        if not drawn:
            right.caption(f"Ingen {what} per {NOUN} å vise på kartet: områdene kan ikke sammenlignes med "
                          f"{sel.name(sel.compare_id)}." if sel.compare_id else f"Ingen verdier per {NOUN} å vise på kartet.")
    st.dataframe(tables.styled(tables.subarea_table(analysis.party_in_every_area(by_area, party), level)),
                 hide_index=True, height="content")
    download = by_area.assign(region=by_area["kommune_id"].map(config.region_of)) if level == "kommune" else by_area
    ui.download_buttons(tables.subarea_export(download, level), f"{sel.election_id}_per_{NOUN}",
                        label=f"alle partier per {NOUN}")

if level != "krets" and not mine.empty:
    st.subheader("Per valgkrets")
    if level == "bydel":
        bydel_ids = dict(zip(mine["area_name"], mine["area_id"]))
        chosen = st.selectbox("Bydel", sorted(bydel_ids), key="valgresultat_bydel")
        kretser = queries.party_shares_by_krets(sel.election_id, sel.compare_id, config.kommune_id,
                                               bydel_ids.get(chosen), party)
        votes_label, counted = "Stemmer (valgting)", "Andel av valgtingsstemmene."
    else:
        every = by_area.drop_duplicates("area_id").sort_values("area_name")
        kommune_ids = dict(zip(every["area_name"], every["area_id"]))
        largest = every["area_name"].iloc[int(every["total_votes"].to_numpy().argmax())]
        chosen = st.selectbox("Kommune", list(kommune_ids), index=list(kommune_ids).index(largest),
                              key="valgresultat_kommune")
        kretser = analysis.party_rows(queries.party_shares_by_subarea(
            sel.election_id, sel.compare_id, config.area_id, "krets", kommune_ids.get(chosen)), party)
        votes_label, counted = "Stemmer", "Andel av stemmene talt i kretsen (sentralt talte forhåndsstemmer utenfor)."
    st.caption(f"{counted} Kretsene endres mellom valg: endring vises bare der både "
               "kretsnummer og navn er like i begge valg.")
    if kretser.empty and level == "kommune":
        st.info(f"Ingen kretsresultater for {chosen} i {sel.name(sel.election_id)}: resultatfila fordeler ikke "
                "kommunens stemmer på valgkretser (alt er talt samlet), eller fila er ikke på stemmekretsnivå.")
    elif kretser.empty:
        st.info(f"Ingen kretsresultater for {chosen} i {sel.name(sel.election_id)}. Importer CSV-en på "
                "stemmekretsnivå eller hent valget med kretser fra valgresultat.no.")
    else:
        st.dataframe(tables.styled(tables.krets_table(kretser, votes_label)), hide_index=True, height="content")
