"""Streamlit pieces shared by every page: the election filters, the demo marker, source lines.

Besides campaign/cache.py this is the only module in campaign/ that calls Streamlit.
The filter widgets are created once, in dashboard.py's sidebar; pages only read them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from campaign import cache, digital, downloads, fmt, queries
from campaign.analysis import default_comparison
from campaign.auth import NotAllowed, can, refusal
from campaign.config import Config, load_config
from campaign.demo import demo_note
from campaign.ingest import registry
from campaign.ingest.report import ACCEPTED, REJECTED, describe
from campaign.maps import draw
from campaign.store import StoreBusy, default_data_dir
from campaign.writelock import seconds

LEADING_NUMBER = re.compile(r"^(\d+)\.")  # «8. mai»: Markdown would read an ordered list

ELECTION_KEY = "election_id"
COMPARE_KEY = "compare_id"
PRESENT_KEY = "presentation"
PRESENT_PARAM = "presentasjon"  # ✱ ?presentasjon=1
NO_COMPARISON = "(ingen)"


@dataclass(frozen=True)
class Selection:
    election_id: str | None
    compare_id: str | None
    names: dict[str, str]
    demo: frozenset[str] = frozenset()  # the elections whose figures (some or all) come from a demo import

    def name(self, election_id: str | None) -> str:
        """The display name of an election."""
        return self.names.get(election_id, election_id or "–")


def _elections(config: Config):
    return queries.elections_available(config.kommune_id, config.fylke_id)


def election_filters() -> None:
    """The shared sidebar widgets: election, comparison election, presentation mode."""
    presentation_toggle()
    config = load_config()
    frame = _elections(config)
    ids = list(frame["election_id"])
    names = dict(zip(frame["election_id"], frame["name"]))
    if not ids:
        return
    kinds = dict(zip(frame["election_id"], frame["kind"]))
    st.sidebar.selectbox("Valg", ids, key=ELECTION_KEY, format_func=names.get,
                         on_change=_reset_comparison, args=(ids, kinds))
    chosen = st.session_state.get(ELECTION_KEY) or ids[0]
    options = [NO_COMPARISON, *[e for e in ids if e != chosen]]
    if st.session_state.get(COMPARE_KEY) not in options:
        st.session_state[COMPARE_KEY] = default_comparison(chosen, ids, kinds) or NO_COMPARISON
    st.sidebar.selectbox("Sammenlign med", options, key=COMPARE_KEY,
                         format_func=lambda e: names.get(e, e))


def presentation_toggle() -> None:
    """✱ Presentation mode: the sidebar toggle, switched on by `?presentasjon=1` and kept in the URL."""
    if PRESENT_KEY not in st.session_state and st.query_params.get(PRESENT_PARAM) == "1":
        st.session_state[PRESENT_KEY] = True
    st.sidebar.toggle("Presentasjonsvisning", key=PRESENT_KEY, on_change=_sync_presentation_param,
                      help="Større skrift og ingen meny – for prosjektor. Lenke: legg til ?presentasjon=1.")


def _sync_presentation_param() -> None:
    if st.session_state.get(PRESENT_KEY):
        st.query_params[PRESENT_PARAM] = "1"
    else:
        st.query_params.pop(PRESENT_PARAM, None)


def _reset_comparison(ids: list[str], kinds: dict[str, str]) -> None:
    """A new election gets its own default comparison (the previous one of the same kind)."""
    chosen = st.session_state.get(ELECTION_KEY)
    st.session_state[COMPARE_KEY] = default_comparison(chosen, ids, kinds) or NO_COMPARISON


def selection() -> Selection:
    """The chosen elections; defaults (newest, previous of the same kind) when unset."""
    config = load_config()
    frame = _elections(config)
    ids = list(frame["election_id"])
    names = dict(zip(frame["election_id"], frame["name"]))
    election = st.session_state.get(ELECTION_KEY)
    election = election if election in ids else (ids[0] if ids else None)
    compare = st.session_state.get(COMPARE_KEY)
    if compare == NO_COMPARISON:
        compare = None
    elif compare not in ids or compare == election:
        compare = default_comparison(election, ids, dict(zip(frame["election_id"], frame["kind"])))
    demo = frozenset(frame.loc[frame["demo"].fillna(False).astype(bool), "election_id"]) if "demo" in frame else frozenset()
    return Selection(election, compare, names, demo)


def election_page(title: str) -> tuple[Config, Selection, str]:
    """Title, demo marker, the chosen elections and the source line; stops when there is no data."""
    config = load_config()
    chosen = selection()
    st.title(title)
    demo_marker(chosen)
    if chosen.election_id is None:
        no_data()
        st.stop()
    return config, chosen, source_line()


def demo_marker(sel: Selection | None = None) -> bool:
    """Show the "Eksempeldata" banner when demo data is in the store; True if shown.

    With an election page's selection: only when the chosen or the compared election is demo data, and then
    a visible note when demo figures are compared with real ones."""
    if sel is not None and sel.election_id is not None:
        return _election_demo_marker(sel)
    status = queries.data_status()
    if status["demo_imports"] > 0:
        st.warning("**Eksempeldata** – tallene er generert for demonstrasjon. "
                   f"Importer egne filer for å se ekte tall.{demo_note(load_config())}", icon="🧪")
        return True
    return False


def _election_demo_marker(sel: Selection) -> bool:
    chosen = [e for e in (sel.election_id, sel.compare_id) if e]
    generated = [e for e in chosen if e in sel.demo]
    if not generated:
        return False
    names = " og ".join(sel.name(e) for e in generated)
    st.warning(f"**Eksempeldata** – tallene for {names} er generert for demonstrasjon. "
               f"Importer egne filer for å se ekte tall.{demo_note(load_config())}", icon="🧪")
    if len(generated) < len(chosen):
        real = next(e for e in chosen if e not in sel.demo)
        st.warning(f"**Obs:** {sel.name(generated[0])} er genererte eksempeltall, mens {sel.name(real)} er ekte tall. "
                   "Endringene mellom dem sier ingenting om virkeligheten.", icon="⚠️")
    return True


def source_line(tables: tuple[str, ...] = ()) -> str:
    """Where the figures come from, for chart captions; with `tables`, only the sources that write them."""
    status = queries.data_status()
    kinds = [k for k in (status["live_kinds"] or "").split(",") if k and k != "boundaries"]  # maps credit their own
    if tables:
        kinds = [k for k in kinds if (s := registry.by_kind(k)) is None or set(s.tables) & set(tables)]
    origins = sorted({registry.credit(k) for k in kinds})
    return (f"Kilde: {' og '.join(origins) or '–'}. "
            f"Sist importert {fmt.datetime(status['last_imported_at'])}.")


def chart(figure, where=None) -> None:
    """Show a Plotly figure with its own fonts and colours (not Streamlit's chart theme)."""
    (where or st).plotly_chart(figure, theme=None, config={"displaylogo": False})


def table(frame, where=None, download: str | None = None, numbers=None) -> None:
    """A small static table: wraps its headers instead of scrolling sideways (nothing cut off at 1280 px).

    With `download` (a file name without extension), buttons under it download the table as shown –
    small counts of people stay «under 5» – as CSV and XLSX for Norwegian Excel; or, given `numbers`
    (the same rows as numbers, Norwegian headers), that frame, so a spreadsheet can sum and sort them.
    """
    target = where or st
    target.table(_no_markdown_lists(frame), hide_index=True)
    if download:
        download_buttons(frame if numbers is None else numbers, download, target)


XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(frame, name: str, where=None, label: str = "tabellen") -> None:
    """Two buttons side by side: «Last ned {label} (CSV)» and «… (Excel)», files `{name}.csv` and `{name}.xlsx`.

    Both through campaign.downloads (Norwegian CSV, real numbers and dates in XLSX, no formula cells);
    the keys come from `name`, so each table on a page needs its own name. The workbook is made only when
    its button is clicked (a deferred download): a few thousand rows take openpyxl about a second.
    """
    row = (where or st).container(horizontal=True)
    row.download_button(f"Last ned {label} (CSV)", downloads.csv_bytes(frame), file_name=f"{name}.csv",
                        mime="text/csv", key=f"download_{name}", on_click="ignore", icon=":material/download:")
    row.download_button(f"Last ned {label} (Excel)", lambda: downloads.xlsx_bytes(frame, sheet_name=name),
                        file_name=f"{name}.xlsx", mime=XLSX_MIME, key=f"download_{name}_xlsx", on_click="ignore",
                        icon=":material/download:")


def _no_markdown_lists(frame):
    """st.table renders cells as Markdown: «8. mai – 11. sep. 2023» would become list item 8 with its number
    cut off in the margin. Escape the dot of a leading number so dates read as written."""
    text = [c for c in frame.columns if frame[c].dtype == object or str(frame[c].dtype).startswith(("str", "string"))]
    if not text:
        return frame
    escaped = frame.copy()
    for column in text:
        escaped[column] = escaped[column].map(lambda v: LEADING_NUMBER.sub(r"\1\\.", v) if isinstance(v, str) else v)
    return escaped


def built(build, **params):
    """A page section built once per parameters and data version (cache.built); never modify it."""
    return cache.built(build, **params)


def choice(label: str, options: list, key: str, where=None, default=None, all_label: str = "Alle",
           format_func=str):
    """A select box (None shows as `all_label`) that forgets a remembered value no longer among the options."""
    if key in st.session_state and st.session_state[key] not in options:
        del st.session_state[key]
    index = options.index(default) if default in options else 0
    return (where or st).selectbox(label, options, index=index, key=key,
                                   format_func=lambda o: all_label if o is None else format_func(o))


def metric_row(metrics: list[tuple[str, str, str | None]], per_row: int = 4) -> None:
    """st.metric for each (label, value, change or None), at most `per_row` a row (room for the
    numbers at 1280 px); a change that is not a rise or fall (e.g. «100 % av budsjettet») is grey."""
    rows = -(-len(metrics) // per_row)
    width = -(-len(metrics) // rows)
    cells = [col for start in range(0, len(metrics), width) for col in st.columns(width)]
    for col, (label, value, delta) in zip(cells, metrics):
        plain = delta is not None and not delta.startswith(("+", "-", fmt.MINUS))
        col.metric(label, value, delta, **fmt.delta_style(delta, plain))


DIGITAL_HELP = ("Importer eksporter fra plattformene på siden «Importer data» (se README). "
                "Vil du bare se hvordan siden ser ut, kan du kjøre `python -m campaign demo` for eksempeldata.")


def digital_page(title: str, tables: tuple[str, ...], key: str):
    """Title, demo marker, the date-range filter and the source line of a social/ads/web page.

    Returns (digital_sources, first date, last date, source line); stops with a Norwegian note when
    the store has no rows in `tables`.
    """
    st.title(title)
    demo_marker()
    sources = queries.digital_sources(tables)
    held = digital.data_range(sources, tables)
    if held is None:
        st.info(f"Ingen tall for denne siden i lageret ennå. {DIGITAL_HELP}")
        st.stop()
    default = digital.default_window(load_config().campaign_period, held)
    first, last = _date_range(key, default, (min(held[0], default[0]), max(held[1], default[1])))
    return sources, first, last, source_line(tables)


def _date_range(key: str, default: tuple, bounds: tuple):
    """A «Periode» date-range picker (default: the campaign period); the default until both ends are picked."""
    chosen = st.date_input("Periode", value=default, min_value=bounds[0], max_value=bounds[1], format="DD.MM.YYYY",
                           key=key, help="Standard: valgkampperioden i campaign.toml, ellers hele perioden med data.")
    return tuple(chosen) if isinstance(chosen, tuple | list) and len(chosen) == 2 else default


def area_map(sel: Selection, metric: str, title: str, counts: str, source: str, where=None) -> bool:
    """A map of one metric at the branch's sub-level – bydeler, kretser or a county's kommuner – (real
    boundaries or schematic tiles), target areas outlined; False (and nothing shown) without values."""
    figure = draw.overview_map(sel.election_id, sel.compare_id, load_config(), metric, title, counts, source)
    if figure is not None:
        chart(figure, where)
    return figure is not None


bydel_map = area_map  # the name the pages used when every branch had bydeler


def page_style() -> None:
    """Less empty space above the title on every page."""
    st.markdown("<style>.block-container{padding-top:2.2rem}</style>", unsafe_allow_html=True)


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
    download_buttons(frame[list(columns)].rename(columns=columns), "importlogg", label="importloggen")


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


def no_data(message: str = "Ingen valgdata i lageret ennå.") -> None:
    """Say clearly that there is nothing to show, and how to get data: the import page first, the demo second."""
    st.info(f"{message} Importer resultatfiler fra valgresultat.no på siden «Importer data» (se README). "
            "Vil du bare se hvordan sidene ser ut, kan du kjøre `python -m campaign demo` for eksempeldata.")


def presentation_css() -> None:
    """Large type and no chrome for a projector, when the toggle is on."""
    if st.session_state.get(PRESENT_KEY):
        st.markdown(
            "<style>[data-testid='stSidebar'],[data-testid='stHeader']{display:none}"
            "html,body,[class*='css']{font-size:22px}"
            ".block-container{padding-top:1rem;max-width:100%}</style>",
            unsafe_allow_html=True,
        )
        st.button("Avslutt presentasjonsvisning", on_click=_leave_presentation, key="leave_presentation")


def _leave_presentation() -> None:
    st.session_state[PRESENT_KEY] = False
    st.query_params.pop(PRESENT_PARAM, None)


def goal_lines(goals) -> None:
    """Goals (goal_status.goal_statuses rows) as one line each: value, target, progress, status in colour, pace."""
    for goal in goals.itertuples():
        progress = "" if goal.progress is None else f" ({fmt.percent(goal.progress * 100, 0)} av målet)"
        pace = f" · {goal.pace_text}" if goal.pace_text else ""
        st.markdown(f"**{goal.name}**: {goal.value_text} – mål {goal.target_text}{progress} · "
                    f"<span style='color:{goal.colour};font-weight:600'>● {goal.status}</span>{pace}",
                    unsafe_allow_html=True)


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
