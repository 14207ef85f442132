"""Nettside: visits, pageviews and channels per day, the landing page, and where the visits came from."""
import streamlit as st

from campaign import fmt, ui, web_report

_, first, last, source = ui.digital_page("Nettside", ("web", "web_pages"), "nettside_periode")
sites = ui.built(web_report.sites, first=first, last=last)
if not sites.names:
    st.info(f"Ingen besøkstall i {fmt.period(first, last)}. Velg en annen periode.")
    st.stop()
site = ui.choice("Nettsted", sites.names, "nettside_site", default=sites.largest)
traffic = ui.built(web_report.traffic, first=first, last=last, site=site, source=source)
if traffic is None:
    st.info(f"Ingen besøkstall for {site} i {fmt.period(first, last)}.")
else:
    ui.metric_row(traffic.metrics)
    st.caption(traffic.note)
    ui.chart(traffic.per_day)

st.subheader("Landingssiden")
pages = ui.built(web_report.pages, first=first, last=last, site=site)
if not pages.names:
    st.info(f"Ingen sidevisninger per side for {site} i perioden (importer GA4-rapporten «Sider og skjermer»).")
else:
    page = ui.choice("Side", pages.names, "nettside_page", default=pages.landing)
    text, figure = ui.built(web_report.landing, first=first, last=last, site=site, page=page, source=source)
    st.markdown(text)
    ui.chart(figure)
    ui.table(pages.table, download="nettside_mest_leste_sider", numbers=pages.numbers)

st.subheader("Hvor kom besøkene fra?")
origin = ui.choice("Trafikkilder for", sites.names, "nettside_source_site", default=sites.with_sources)
origins = ui.built(web_report.origins, first=first, last=last, site=origin, source=source)
for col, (label, sessions, share, parts) in zip(st.columns(len(origins.groups)), origins.groups):
    col.metric(label, sessions, share, delta_color="off", delta_arrow="off")
    col.caption(parts)
ui.chart(origins.chart)
ui.table(origins.table, download="nettside_trafikkilder", numbers=origins.numbers)
st.caption(web_report.SITES_NOTE)
