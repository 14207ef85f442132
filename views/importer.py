"""Importer data: upload official result files, check them, confirm; the import log with undo."""
import streamlit as st

from campaign import cache, fmt, queries, tables, ui, ui_import
from campaign.config import load_config
from campaign.fetch import FetchError, fetch_valg
from campaign.ingest import api, registry

config = load_config()
st.title("Importer data")
ui.demo_marker()
st.markdown("Dashbordet kjenner igjen filene på innholdet: "
            + "; ".join(s.description for s in registry.SOURCES) + ". "
            "Resultatfilene lastes ned fra [valgresultat.no](https://valgresultat.no/eksport-av-valgresultater), "
            "kartgrenser f.eks. som Kartverkets «Valgkretser» fra Geonorge. Ingenting skrives før du bekrefter.")

upload_key = f"import_files_{st.session_state.get('upload_round', 0)}"
uploaded = ui_import.upload_files(registry.upload_extensions(), upload_key)
options = ui_import.import_options(registry.options())
if uploaded:
    files = [(f.name, f.getvalue()) for f in uploaded]
    plan = ui_import.remembered_plan(files, tuple(options.items()), lambda: api.plan(files, **options))
    ui_import.show_import_reports(plan.reports)
    if plan.batches and st.button(f"Importer {len(plan.batches)} fil(er)", type="primary", key="import_confirm"):
        if (ids := ui_import.write_in_turn(lambda wait: api.apply(plan, on_wait=wait))) is not None:
            cache.clear()
            st.session_state["upload_round"] = st.session_state.get("upload_round", 0) + 1
            st.session_state["import_message"] = ui_import.imported_message(plan, ids)
            st.rerun()
if message := st.session_state.pop("import_message", None):
    st.success(message)

st.header("Maler og skjema")
st.caption("Tall ingen plattform eksporterer, fylles inn i dashbordets egne maler – eller skrives inn her, "
           "én rad om gangen. Begge kontrolleres og importeres som en fil.")
ui_import.template_downloads(registry.SOURCES)
for source in (s for s in registry.SOURCES if s.form):
    with st.expander(f"Skriv inn: {source.label}"):
        if entry := ui_import.entry_form(source):
            entry_plan = api.plan([(f"skjema_{source.kind}.csv", entry)])
            ui_import.show_import_reports(entry_plan.reports)
            if entry_plan.batches and ui_import.write_in_turn(lambda wait, p=entry_plan: api.apply(p, on_wait=wait)):
                cache.clear()
                st.success(f"Lagt inn: {source.label}.")

st.header("Hent fra valgresultat.no")
cols = st.columns(4)
year = cols[0].number_input("År", min_value=2003, max_value=2100, value=2025, step=1, key="fetch_year")
kind = cols[1].selectbox("Valg", ["st", "ko", "fy"], key="fetch_type",
                         format_func={"st": "Stortingsvalg", "ko": "Kommunestyrevalg", "fy": "Fylkestingsvalg"}.get)
depth = cols[2].selectbox("Nivå", ["krets", "bydel"], key="fetch_depth", format_func=str.capitalize)
if cols[3].button(f"Hent {config.kommune_name}", key="fetch_button"):
    try:
        with st.spinner("Henter …"):
            responses = fetch_valg(int(year), kind, config.kommune_id, config.fylke_id, depth=depth)
        plan = api.plan(responses)
        if not all(r.accepted for r in plan.reports):
            ui_import.show_import_reports(plan.reports)
            st.error("Minst ett svar kunne ikke leses; ingenting er importert.")
        elif ui_import.write_in_turn(lambda wait: api.apply(plan, f"valgresultat.no/{int(year)}/{kind} ({len(responses)} svar)",
                                                     on_wait=wait)) is not None:
            ui_import.show_import_reports(plan.reports)  # as written (checked again if the store changed)
            cache.clear()
            st.success(f"Importert {len(responses)} svar fra valgresultat.no.")
    except FetchError as exc:
        st.error(f"{exc} Ingenting er importert.")

st.header("Importlogg")
log = queries.import_log()
st.dataframe(tables.import_log_table(log), hide_index=True, height="content")
ui_import.import_log_downloads(log)
ui_import.import_log_details(log)
undoable = log[log["live_rows"] > 0]
if not undoable.empty:
    chosen = ui_import.undo_choice(undoable)
    st.caption("Angre fjerner radene importen skrev. Rader den erstattet kommer ikke tilbake: importer den eldre filen på nytt.")
    if ui_import.undo_confirmed(undoable, chosen):
        if (removed := ui_import.write_in_turn(lambda wait: api.undo(chosen, on_wait=wait))) is not None:
            cache.clear()
            st.session_state["import_message"] = f"Angret import {chosen}: {fmt.number(removed)} rader fjernet."
            st.rerun()
