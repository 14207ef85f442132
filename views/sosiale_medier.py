"""Sosiale medier: reach, views, engagement and followers per platform and account, against the period before."""
import streamlit as st

from campaign import digital, fmt, social_report, ui

sources, first, last, source = ui.digital_page("Sosiale medier", social_report.TABLES, "sosiale_periode")
cols = st.columns(2)
platform = ui.choice("Plattform", [None, *digital.platforms(sources, "social")], "sosiale_platform", cols[0],
                     all_label="Alle plattformer", format_func=digital.platform_name)
account = ui.choice("Konto", [None, *digital.accounts(sources, "social", platform)], "sosiale_account", cols[1],
                    all_label="Alle kontoer")
chosen = dict(first=first, last=last, platform=platform, account=account, source=source)
overview = ui.built(social_report.overview, **chosen)
if overview is None:
    st.info(f"Ingen tall fra sosiale medier i {fmt.period(first, last)} for dette valget. Velg en annen periode.")
    st.stop()
ui.metric_row(overview.metrics)
st.caption(overview.note)

metric = st.radio("Vis per dag", list(digital.DAILY_METRICS), horizontal=True, key="sosiale_metric",
                  label_visibility="collapsed" if ui.presenting() else "visible",
                  format_func=lambda m: digital.DAILY_METRICS[m][0])
per_day, followers = ui.built(social_report.daily, metric=metric, **chosen)
ui.chart(per_day)  # full width: four accounts' legend and the subtitle need the room at 1280 px
ui.chart(followers)
if overview.engagement is None:
    st.info("Ingen av kontoene teller visninger, så engasjementsraten (engasjement ÷ visninger) kan ikke regnes ut.")
else:
    ui.chart(overview.engagement)

st.subheader("Publikum")
audience = ui.built(social_report.audience, **chosen)
if isinstance(audience, int):
    st.info(f"{fmt.number(audience)} kontoer har publikumstall: velg en plattform eller konto for å se dem.")
elif not audience:
    st.info("Ingen publikumsfordeling (kjønn, alder, sted) for disse kontoene i perioden.")
else:
    dimension = ui.choice("Publikum etter", list(audience), "sosiale_dimension", format_func=digital.dimension_name)
    ui.chart(audience[dimension])

st.subheader("Per konto")
ui.table(overview.reach, download="sosiale_medier_per_konto", numbers=overview.numbers["reach"])
ui.table(overview.followers, download="sosiale_medier_folgere", numbers=overview.numbers["followers"])
if overview.rows_note:
    st.caption(overview.rows_note)
st.caption("I parentes: endring mot forrige periode. Nye følgere = summen av daglig endring (ellers siste minus "
           "første følgertall); prosenten er av følgerne før perioden.")
