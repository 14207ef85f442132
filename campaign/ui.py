"""Streamlit pieces shared by every page: the election filters, the demo marker, source lines.

Besides campaign/cache.py this is the only module in campaign/ that calls Streamlit.
The filter widgets are created once, in dashboard.py's sidebar; pages only read them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import streamlit as st

from campaign import cache, digital, downloads, fmt, pages, presentation, queries
from campaign.analysis import default_comparison
from campaign.config import Config, load_config
from campaign.demo import demo_note
from campaign.ingest import registry
from campaign.maps import draw

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


def election_filters(where=None) -> None:
    """The shared sidebar widgets: election, comparison election, presentation mode.

    In presentation mode the sidebar is hidden and the top bar (presentation_css) draws the same two select
    boxes, same keys, so the choice is shared."""
    if where is None:
        presentation_toggle()
        if presenting():
            return
    where = where or st.sidebar
    collapsed = "collapsed" if where is not st.sidebar else "visible"
    config = load_config()
    frame = _elections(config)
    ids = list(frame["election_id"])
    names = dict(zip(frame["election_id"], frame["name"]))
    if not ids:
        return
    kinds = dict(zip(frame["election_id"], frame["kind"]))
    where.selectbox("Valg", ids, key=ELECTION_KEY, format_func=names.get, label_visibility=collapsed,
                    on_change=_reset_comparison, args=(ids, kinds))
    chosen = st.session_state.get(ELECTION_KEY) or ids[0]
    options = [NO_COMPARISON, *[e for e in ids if e != chosen]]
    if st.session_state.get(COMPARE_KEY) not in options:
        st.session_state[COMPARE_KEY] = default_comparison(chosen, ids, kinds) or NO_COMPARISON
    where.selectbox("Sammenlign med", options, key=COMPARE_KEY, label_visibility=collapsed,
                    format_func=lambda e: _compare_label(e, names, collapsed == "collapsed"))


def _compare_label(election_id: str, names: dict, short: bool) -> str:
    if not short:
        return names.get(election_id, election_id)
    return "ingen sammenligning" if election_id == NO_COMPARISON else f"mot {names.get(election_id, election_id)}"


def presenting() -> bool:
    """True in presentation mode (the sidebar toggle, or `?presentasjon=1`)."""
    return bool(st.session_state.get(PRESENT_KEY))


def presentation_toggle() -> None:
    """✱ Presentation mode: the sidebar toggle, switched on by `?presentasjon=1` and kept in the URL."""
    if PRESENT_KEY not in st.session_state and st.query_params.get(PRESENT_PARAM) == "1":
        st.session_state[PRESENT_KEY] = True
    if st.session_state.get(PRESENT_KEY) and st.query_params.get(PRESENT_PARAM) != "1":
        st.query_params[PRESENT_PARAM] = "1"  # the sidebar's page links drop it; a reload must keep the mode
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
        if presenting():
            _slim_demo_note("tallene er generert for demonstrasjon")
        else:
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
    if presenting():
        _slim_demo_note(f"tallene for {names} er generert")
    else:
        st.warning(f"**Eksempeldata** – tallene for {names} er generert for demonstrasjon. "
                   f"Importer egne filer for å se ekte tall.{demo_note(load_config())}", icon="🧪")
    if len(generated) < len(chosen):
        real = next(e for e in chosen if e not in sel.demo)
        st.warning(f"**Obs:** {sel.name(generated[0])} er genererte eksempeltall, mens {sel.name(real)} er ekte tall. "
                   "Endringene mellom dem sier ingenting om virkeligheten.", icon="⚠️")
    return True


def _slim_demo_note(text: str) -> None:
    """The demo banner as one slim line, for the projector."""
    st.container(key="presentation_demo").markdown(f":material/science: **Eksempeldata:** {text}.")


def source_line(tables: tuple[str, ...] = ()) -> str:
    """Where the figures come from, for chart captions; with `tables`, only the sources that write them."""
    status = queries.data_status()
    kinds = [k for k in (status["live_kinds"] or "").split(",") if k and k != "boundaries"]  # maps credit their own
    if tables:
        kinds = [k for k in kinds if (s := registry.by_kind(k)) is None or set(s.tables) & set(tables)]
    origins = sorted({registry.credit(k) for k in kinds})
    return (f"Kilde: {' og '.join(origins) or '–'}. "
            f"Sist importert {fmt.datetime(status['last_imported_at'])}.")


def chart(figure, where=None, **options):
    """Show a Plotly figure with its own fonts and colours (not Streamlit's chart theme); its type larger in
    presentation mode, and the camera button gives a 1920×1080 PNG. `options` go to st.plotly_chart."""
    config = {"displaylogo": False, "toImageButtonOptions": presentation.image_options(figure)}
    shown = presentation.wrapped(figure, presentation.SUBTITLE_CHARS if where is None else presentation.COLUMN_CHARS)
    shown = presentation.scaled(shown) if presenting() else shown
    return (where or st).plotly_chart(shown, theme=None, config=config, **options)


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
    return (where or st).selectbox(label, options, index=index, key=key, label_visibility=_control_label(),
                                   format_func=lambda o: all_label if o is None else format_func(o))


def metric_row(metrics: list[tuple[str, str, str | None]], per_row: int = 4) -> None:
    """st.metric for each (label, value, change or None), at most `per_row` a row (room for the
    numbers at 1280 px; eight in presentation mode, without the sidebar, so the chart comes sooner);
    a change that is not a rise or fall (e.g. «100 % av budsjettet») is grey."""
    per_row = max(per_row, 8) if presenting() else per_row
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


def _control_label() -> str:
    """A page's filter labels are left out in presentation mode (the values say it: «Alle plattformer»)."""
    return "collapsed" if presenting() else "visible"


def _date_range(key: str, default: tuple, bounds: tuple):
    """A «Periode» date-range picker (default: the campaign period); the default until both ends are picked."""
    chosen = st.date_input("Periode", value=default, min_value=bounds[0], max_value=bounds[1], format="DD.MM.YYYY",
                           key=key, label_visibility=_control_label(),
                           help="Standard: valgkampperioden i campaign.toml, ellers hele perioden med data.")
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
    """Less empty space above the title on every page; two charts side by side only where both have room."""
    st.markdown(f"<style>.block-container{{padding-top:2.2rem}}{presentation.COLUMNS_CSS}</style>",
                unsafe_allow_html=True)


def no_data(message: str = "Ingen valgdata i lageret ennå.") -> None:
    """Say clearly that there is nothing to show, and how to get data: the import page first, the demo second."""
    st.info(f"{message} Importer resultatfiler fra valgresultat.no på siden «Importer data» (se README). "
            "Vil du bare se hvordan sidene ser ut, kan du kjøre `python -m campaign demo` for eksempeldata.")


def presentation_css(page: str = "") -> None:
    """Presentation mode, when on: large type and no sidebar, and a slim top bar to move while presenting –
    previous/next page (the pages the role may open), the page's title, the election filters and the way out.
    `page` is the current page's URL path ("" for the Forside)."""
    if not presenting():
        return
    st.markdown(presentation.CSS, unsafe_allow_html=True)
    shown = [p for group in pages.sections().values() for p in group]
    current = next((p for p in shown if p.name == page), pages.HOME)
    before, after = presentation.neighbours([p.name for p in shown], current.name)
    bar = st.container(horizontal=True, vertical_alignment="center", key="presentation_bar")
    if before:
        _page_link(bar, pages.by_name(before), "Forrige", "arrow_back", "left")
    bar.container(key="presentation_title", width="content").markdown(current.title)
    if after:
        _page_link(bar, pages.by_name(after), "Neste", "arrow_forward", "right")
    filters = bar.container(horizontal=True, width="stretch", horizontal_alignment="right", key="presentation_filters")
    election_filters(filters)
    filters.button("Avslutt", on_click=_leave_presentation, key="leave_presentation", icon=":material/close:",
                   help="Avslutt presentasjonsvisningen")


def _page_link(where, page: pages.PageSpec, label: str, icon: str, side: str) -> None:
    """«Forrige»/«Neste» in the top bar, its page's title on hover; the link keeps the mode (?presentasjon=1)."""
    where.page_link(page.file, label=label, icon=f":material/{icon}:", icon_position=side, help=page.title,
                    query_params={PRESENT_PARAM: "1"})


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
