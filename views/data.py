"""Data: the data dictionary – each view's columns (type, meaning, unit, example) and rows, and per source its
last import, the period it covers and how fresh it is."""
import datetime as dt

import streamlit as st

from campaign import data_report, fmt, freshness, ui

st.title("Data")
ui.demo_marker()
st.caption("Hva lageret inneholder: kildene og når de sist ble importert, og hver visning med kolonnene "
           "slik siden «SQL» og eksportene bruker dem.")

st.header("Kilder")
sources = ui.built(freshness.source_rows, now=dt.datetime.now().replace(second=0, microsecond=0))
if sources.empty:
    st.info("Ingenting er importert ennå. Importer filer på siden «Importer data», eller kjør "
            "`python -m campaign demo`.")
else:
    st.markdown("\n".join(f"- {fmt.one_line(s)}" for s in sources["sentence"]))
if daily := ui.built(freshness.daily_sentence, day=dt.date.today()):
    st.markdown(daily)
if missing := freshness.missing_sources(sources):
    st.caption("Ikke importert: " + ", ".join(missing) + ".")

st.header("Visninger")
overview = ui.built(data_report.tables)
st.caption(f"{len(overview)} visninger. Eksempel = en verdi fra de første radene i lageret; «–» når visningen er tom.")
for table, label, rows, columns in overview:
    counted = "rader ukjent" if rows < 0 else f"{fmt.number(rows)} {'rad' if rows == 1 else 'rader'}"
    with st.expander(f"{table} – {label} ({counted})", expanded=False):
        ui.table(columns)
