"""Streamlit pieces shared by every page: the election filters, the demo marker, source lines.

Besides campaign/cache.py this is the only module in campaign/ that calls Streamlit.
The filter widgets are created once, in dashboard.py's sidebar; pages only read them.
"""
from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from campaign import cache, fmt, queries
from campaign.analysis import default_comparison
from campaign.config import Config, load_config
from campaign.ingest import registry
from campaign.ingest.report import ACCEPTED, REJECTED, describe
from campaign.maps import draw
from campaign.store import default_data_dir

ELECTION_KEY = "election_id"
COMPARE_KEY = "compare_id"
PRESENT_KEY = "presentation"
NO_COMPARISON = "(ingen)"


@dataclass(frozen=True)
class Selection:
    election_id: str | None
    compare_id: str | None
    names: dict[str, str]

    def name(self, election_id: str | None) -> str:
        """The display name of an election."""
        return self.names.get(election_id, election_id or "–")


def _elections(config: Config):
    return queries.elections_available(config.kommune_id, config.fylke_id)


def election_filters() -> None:
    """The shared sidebar widgets: election, comparison election, presentation mode."""
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
    st.sidebar.toggle("Presentasjonsvisning", key=PRESENT_KEY,
                      help="Større skrift og ingen meny – for prosjektor.")


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
    return Selection(election, compare, names)


def election_page(title: str) -> tuple[Config, Selection, str]:
    """Title, demo marker, the chosen elections and the source line; stops when there is no data."""
    config = load_config()
    chosen = selection()
    st.title(title)
    demo_marker()
    if chosen.election_id is None:
        no_data()
        st.stop()
    return config, chosen, source_line()


def demo_marker() -> bool:
    """Show the "Eksempeldata" banner when demo data is in the store; True if shown."""
    status = queries.data_status()
    if status["demo_imports"] > 0:
        st.warning("**Eksempeldata** – tallene er generert for demonstrasjon. "
                   "Importer egne filer for å se ekte tall.", icon="🧪")
        return True
    return False


def source_line() -> str:
    """Where the figures come from, for chart captions."""
    status = queries.data_status()
    kinds = [k for k in (status["live_kinds"] or "").split(",") if k and k != "boundaries"]  # maps credit their own
    origins = sorted({registry.credit(k) for k in kinds})
    files = f" ({fmt.number(status['live_imports'])} importer)" if status["live_imports"] > 1 else ""
    return (f"Kilde: {' og '.join(origins) or '–'}{files}. "
            f"Sist importert {fmt.datetime(status['last_imported_at'])}.")


def chart(figure, where=None) -> None:
    """Show a Plotly figure with its own fonts and colours (not Streamlit's chart theme)."""
    (where or st).plotly_chart(figure, theme=None, config={"displaylogo": False})


def bydel_map(sel: Selection, metric: str, title: str, counts: str, source: str, where=None) -> None:
    """A map per bydel of one metric (real boundaries or schematic tiles), target areas outlined."""
    figure = draw.bydel_map(sel.election_id, sel.compare_id, load_config(), metric, title, counts, source)
    if figure is not None:
        chart(figure, where)


def page_style() -> None:
    """Less empty space above the title on every page."""
    st.markdown("<style>.block-container{padding-top:2.2rem}</style>", unsafe_allow_html=True)


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


def no_data(message: str = "Ingen valgdata i lageret ennå.") -> None:
    """Say clearly that there is nothing to show, and how to get data."""
    st.info(f"{message} Kjør `python -m campaign demo` for eksempeldata, "
            "eller importer filer fra valgresultat.no (se README).")


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
