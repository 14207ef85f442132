"""SQL: one read-only query over the views, run in the sandbox; the views' columns and examples beside the editor."""
import streamlit as st

from campaign import auth, dictionary, fmt, queries, sandbox, ui
from campaign.schema import TABLE_SPECS
from campaign.sql_examples import EXAMPLES, shown_frame, summary

ROW_LIMIT = 10_000
EXAMPLE_SQL = dict(EXAMPLES)

st.title("SQL")
if not auth.can("run_sql"):  # checked here too, not only by hiding the page in navigation
    st.error(auth.refusal("run_sql"))
    st.stop()
ui.demo_marker()
st.caption("Skriv én SELECT-spørring over visningene. Spørringen kjører i en sandkasse som bare kan lese: "
           f"de første {fmt.number(ROW_LIMIT)} radene vises, og den stoppes etter {fmt.number(sandbox.TIMEOUT_S)} sekunder.")


def _fill_example() -> None:
    if (title := st.session_state.get("sql_example")) in EXAMPLE_SQL:
        st.session_state["sql_text"] = EXAMPLE_SQL[title]


editor, beside = st.columns([3, 2], gap="large")
with beside:
    st.selectbox("Eksempler", list(EXAMPLE_SQL), index=None, key="sql_example", on_change=_fill_example,
                 placeholder="Velg et eksempel …")
    st.subheader("Visninger")
    st.caption("I tillegg: live_rows (radene per import) og results_at_chosen_level(kommune, nivå).")
    for table, spec in TABLE_SPECS.items():
        with st.expander(f"{table} – {spec.label}"):
            columns = dictionary.columns(table)
            st.markdown("\n".join(f"- `{c['column']}` ({c['type']}): {c['meaning']}" for c in columns))

with editor:
    sql = st.text_area("Spørring", key="sql_text", height=260, placeholder="Skriv SQL her, eller velg et eksempel.")
    if st.button("Kjør spørringen", type="primary", key="sql_run_button"):
        st.session_state["sql_run"] = (sql, *queries.adhoc_sql(sql, ROW_LIMIT))

    if (run := st.session_state.get("sql_run")) is not None:
        ran, result, error, seconds = run
        if ran != sql:
            st.caption("Resultatet under er fra en tidligere versjon av spørringen.")
        if error is not None:
            st.error(error)
        elif result.frame.empty:
            st.info(f"Spørringen ga ingen rader – {summary(0, seconds)}")
        else:
            st.caption(summary(len(result.frame), seconds))
            if notice := result.notice():
                st.warning(notice)
            frame = shown_frame(result.frame)
            st.dataframe(frame, hide_index=True)
            ui.download_buttons(frame, "sql_resultat", label="resultatet")
