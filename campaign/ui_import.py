"""Streamlit pieces of the import page: the uploader, the import plan, the reports, templates and forms,
writing in turn with other importers, the import log's downloads and details, and undo.

Like campaign/ui.py, one of the few modules in campaign/ that call Streamlit.
"""
from __future__ import annotations

import streamlit as st

from campaign import cache, fmt, ui
from campaign.auth import NotAllowed, can, refusal
from campaign.ingest import registry
from campaign.ingest.report import ACCEPTED, REJECTED, describe
from campaign.store import StoreBusy, default_data_dir
from campaign.writelock import seconds

# Streamlit's drop zone speaks English («Upload», «200MB per file • CSV, JSON»): its hint is hidden and the button
# relabelled in CSS; upload_files says the same in Norwegian above it.
UPLOAD_CSS = ("<style>[data-testid='stFileUploaderDropzoneInstructions']{display:none}"
              "[data-testid='stFileUploaderDropzone'] button [data-testid='stMarkdownContainer']{display:none}"
              "[data-testid='stFileUploaderDropzone'] button::after{content:'Velg filer';margin-left:.4rem}</style>")


def upload_files(extensions: list[str], key: str):
    """The file uploader with Norwegian text: what to do, the size limit and the file types."""
    limit = st.get_option("server.maxUploadSize")
    st.markdown(UPLOAD_CSS, unsafe_allow_html=True)
    st.markdown("**Filer som skal importeres**")
    st.caption(f"Dra filene hit, eller klikk «Velg filer». Høyst {fmt.number(limit)} MB per fil; "
               f"filtyper: {', '.join(e.upper() for e in extensions)}.")
    return st.file_uploader("Filer som skal importeres", type=extensions, accept_multiple_files=True, key=key,
                            label_visibility="collapsed")


def remembered_plan(files: list[tuple[str, bytes]], options: tuple, make_plan):
    """The import plan for these files, computed once per set of files (not on every rerun)."""
    key = (tuple((name, hash(data)) for name, data in files), options, cache.data_version(str(default_data_dir())))
    if st.session_state.get("import_plan_key") != key:
        st.session_state["import_plan"] = make_plan()
        st.session_state["import_plan_key"] = key
    return st.session_state["import_plan"]


def import_options(options) -> dict[str, str | None]:
    """One field per registry option (text, or a select box for a fixed list); the values given."""
    values = {}
    for option, col in zip(options, st.columns(max(len(options), 1))):
        key = f"import_{option.name}"
        if option.choices:
            values[option.name] = col.selectbox(option.label, [None, *option.choices], key=key,
                                                format_func=lambda c: "(velg)" if c is None else c)
        else:
            values[option.name] = col.text_input(option.label, placeholder=option.placeholder or option.help, key=key).strip() or None
    return values


def show_import_reports(reports) -> None:
    """One block per file: what it was recognised as, what it would replace, the checks."""
    for report in reports:
        text = describe(report)
        if text.status == REJECTED:
            st.error(text.headline)
            continue
        (st.success if text.status == ACCEPTED else st.info)(text.headline)
        for ok, line in text.checks:
            (st.caption if ok else st.warning)(f"{'✓' if ok else '⚠'} {line}")
        for note in text.notes:
            st.caption(f"– {note}")


def template_downloads(sources) -> None:
    """A download button for each source that has a template users fill in."""
    for source in (s for s in sources if s.template):
        st.download_button(f"Last ned malen: {source.label}", source.template(), mime="text/csv",
                           file_name=f"mal_{source.kind}.csv", key=f"template_{source.kind}")


def entry_form(source) -> bytes | None:
    """A form that types one row of a source's template; the row as template CSV once submitted and complete.

    Only for roles that may enter field work (others see why); the import it leads to checks the role again.
    """
    if not can("enter_field_work"):
        st.info(refusal("enter_field_work"))
        return None
    with st.form(f"form_{source.kind}", clear_on_submit=False):
        values = {}
        for field, col in zip(source.form, st.columns(len(source.form))):
            values[field.column] = _form_input(field, col, f"form_{source.kind}_{field.column}")
        submitted = st.form_submit_button("Kontroller", key=f"form_{source.kind}_submit")
    if not submitted:
        return None
    missing = [f.label for f in source.form if f.required and values[f.column] in (None, "")]
    if missing:
        st.error(f"Fyll ut {', '.join(missing)}.")
        return None
    return source.form_csv(values)


def _form_input(field, col, key: str):
    label = f"{field.label}{' *' if field.required else ''}"
    if field.kind == "date":
        return col.date_input(label, value=None, format="DD.MM.YYYY", key=key, help=field.help or None)
    if field.kind == "number":
        return col.number_input(label, value=None, min_value=0.0, step=1.0, key=key, help=field.help or None)
    if field.kind == "choice":
        return col.selectbox(label, field.choices, index=None, accept_new_options=True, placeholder="Velg eller skriv",
                             key=key, help=field.help or None)
    return col.text_input(label, key=key, help=field.help or None).strip()


def write_in_turn(write):
    """Run `write(on_wait)` (an import or undo), saying so while another import holds the store.

    Returns what `write` returns, or None after showing the Norwegian refusal when the wait timed out
    or the session's role may not write (auth.NotAllowed, raised before anything is written).
    """
    notice = st.empty()

    def waiting(timeout: float) -> None:
        notice.info(f"En annen import pågår – venter på tur (opptil {seconds(timeout)} s) …", icon="⏳")

    try:
        with st.spinner("Skriver til lageret …"):
            return write(waiting)
    except (StoreBusy, NotAllowed) as exc:
        st.error(str(exc))
        return None
    finally:
        notice.empty()


def import_log_downloads(log) -> None:
    """The import log as CSV and XLSX: numbers as numbers, the time and dates as dates, the tables' Norwegian names."""
    if log.empty:
        return
    frame = log.assign(kind=[registry.label(k) for k in log["kind"]])
    columns = {"import_id": "Nr.", "imported_at": "Importert", "kind": "Type", "source_name": "Kilde",
               "election_id": "Valg", "first_date": "Fra dato", "last_date": "Til dato", "rows": "Rader",
               "replaced_rows": "Erstattet", "live_rows": "Rader i lageret nå"}
    ui.download_buttons(frame[list(columns)].rename(columns=columns), "importlogg", label="importloggen")


UNDO_CHOICE, UNDO_NEWEST, UNDO_PENDING = "undo_choice", "undo_newest", "undo_pending"


def _import_label(row) -> str:
    return f"{row.import_id}: {row.source_name} ({fmt.datetime(row.imported_at)})"


def undo_choice(undoable) -> int:
    """«Angre import» over the imports that still have rows (the log, newest first): the most recent is
    preselected, also when a newer import arrived since the choice was last made."""
    labels = {int(r.import_id): _import_label(r) for r in undoable.itertuples()}
    newest = max(labels)
    if st.session_state.get(UNDO_NEWEST) != newest or st.session_state.get(UNDO_CHOICE) not in labels:
        st.session_state.pop(UNDO_CHOICE, None)
        st.session_state.pop(UNDO_PENDING, None)
        st.session_state[UNDO_NEWEST] = newest
    return st.selectbox("Angre import", list(labels), index=list(labels).index(newest), format_func=labels.get,
                        key=UNDO_CHOICE)


def undo_confirmed(undoable, chosen: int) -> bool:
    """«Angre valgt import», then a second step naming the import and its rows: True once «Ja, angre …» is clicked."""
    if st.button("Angre valgt import", key="undo_button"):
        st.session_state[UNDO_PENDING] = chosen
    if st.session_state.get(UNDO_PENDING) != chosen:
        return False
    row = next(undoable[undoable["import_id"] == chosen].itertuples())
    rows = fmt.number(row.live_rows)
    st.warning(f"Vil du angre import {_import_label(row)}? {rows} rader fjernes fra lageret. "
               "Rader importen erstattet kommer ikke tilbake.", icon="⚠️")
    yes, cancel = st.columns(2)
    if cancel.button("Avbryt", key="undo_cancel"):
        st.session_state.pop(UNDO_PENDING, None)
        st.rerun()
    if yes.button(f"Ja, angre importen {chosen} ({rows} rader)", type="primary", key="undo_confirm"):
        st.session_state.pop(UNDO_PENDING, None)
        return True
    return False


def imported_message(plan, ids: list[int]) -> str:
    """What an import wrote, from the plan as it was written (checked again if the store had changed)."""
    replaced = sum(r.replaces for r in plan.reports if r.accepted and not r.already_imported)
    message = f"Importert: {len(ids)} fil(er); {fmt.number(replaced)} rader som fantes fra før, ble erstattet."
    if plan.replanned:
        message += (" En annen import ble skrevet mens du så på forhåndsvisningen, så filene ble kontrollert "
                    "på nytt mot lageret slik det var da de ble skrevet; tallene her gjelder det.")
    return message


def import_log_details(log) -> None:
    """For admins: per import the file's kind, the period and election it covers, as stored."""
    if not can("see_import_details") or log.empty:
        return
    with st.expander("Detaljer om importene (administrator)"):
        st.dataframe({
            "Nr.": log["import_id"], "Type (kode)": log["kind"], "Kilde": log["source_name"],
            "Valg": log["election_id"].fillna("–"),
            "Periode": [fmt.period(a, b) for a, b in zip(log["first_date"], log["last_date"])],
            "Rader": log["rows"], "Erstattet": log["replaced_rows"], "Rader i lageret nå": log["live_rows"],
        }, hide_index=True)
