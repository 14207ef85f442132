"""Utforsk: a question builder over every view – dataset, filters, up to two group-bys, a measure and how to
aggregate it – shown as a table, a chart and a pivot; the question lives in the URL and can be saved."""
import datetime as dt

import pandas as pd
import streamlit as st

from campaign import auth, cache, explore, explore_report, explore_sql, fmt, queries, saved_questions, ui, ui_import
from campaign.colors import party_label
from campaign.config import load_config
from campaign.maps import draw

config = load_config()
DATASETS = explore.DATASETS
ASK = "ut_"  # widget keys


def _key(dataset: str, what: str) -> str:
    return f"{ASK}{dataset}_{what}"


def _seed(question: explore.Question) -> None:
    """Put a question into the widgets (before they are drawn: on the first run, or opening a saved one)."""
    ds = question.dataset
    state = st.session_state
    state[f"{ASK}dataset"] = ds
    state[_key(ds, "group")] = list(question.group_by)
    state[_key(ds, "measure")] = question.measure
    state[_key(ds, "agg")] = question.agg
    for key in DATASETS[ds].dims:
        state[_key(ds, f"f_{key}")] = list(question.filter_map().get(key, ()))
    if question.election:
        state[f"{ASK}election"] = question.election
    state[f"{ASK}compare"] = question.compare
    state[_key(ds, "target")] = question.target
    try:
        state[_key(ds, "dates")] = (dt.date.fromisoformat(question.date_from), dt.date.fromisoformat(question.date_to))
    except (TypeError, ValueError):  # no period, or not dates (a mangled link): the whole period
        state.pop(_key(ds, "dates"), None)


def _open(text: str) -> None:
    _seed(explore.from_json(text))


def _url_question() -> explore.Question | None:
    return explore.from_params({k: st.query_params.get_all(k) for k in st.query_params})


def _to_url(question: explore.Question) -> None:
    wanted = explore.to_params(question)
    for key in list(st.query_params):
        if key not in wanted and key != ui.PRESENT_PARAM:
            del st.query_params[key]
    for key, value in wanted.items():
        if st.query_params.get_all(key) != (value if isinstance(value, list) else [value]):
            st.query_params[key] = value


def _options(ds: str, key: str) -> list[str]:
    frame = queries.explore(*explore_sql.options_sql(ds, key, config.area_id))
    return [str(v) for v in frame["value"].dropna()]


def _keep(key: str, options: list) -> None:
    """Forget a remembered choice (from a link or another dataset) that is no longer among the options."""
    value = st.session_state.get(key)
    if isinstance(value, list):
        st.session_state[key] = [v for v in value if v in options]
    elif key in st.session_state and value not in options:
        del st.session_state[key]


def _label(ds: str, key: str, value: str) -> str:
    dim = DATASETS[ds].all_dims()[key]
    if dim.sql == "party_code":
        return party_label(value)  # the parties' short names, as in every other chart
    return str(config.bydeler.get(value, value) if dim.area == "bydel" else value)


st.title("Utforsk")
ui.demo_marker()
st.caption("Still egne spørsmål til dataene: velg datasett, filtre, gruppering og mål. Hele spørsmålet står i "
           "adressen – kopier lenken for å sende det til noen.")
counts = queries.explore(explore_sql.counts_sql(), {}).set_index("dataset")
available = [d for d in DATASETS if counts.loc[d, "n_rows"] > 0]
if not available:
    st.info("Lageret har ingen data ennå. Importer filer på siden «Importer data», eller kjør "
            "`python -m campaign demo` for eksempeldata.")
    st.stop()
if f"{ASK}seeded" not in st.session_state:
    st.session_state[f"{ASK}seeded"] = True
    if (from_url := _url_question()) is not None and from_url.dataset in available:
        _seed(from_url)

saved = queries.explore(saved_questions.LIST_SQL, {})
with st.expander(f"Lagrede spørsmål ({len(saved)})", expanded=False):
    if saved.empty:
        st.caption("Ingen lagrede spørsmål ennå.")
    for i, row in saved.iterrows():
        name_col, open_col, remove_col = st.columns([6, 1, 1])
        name_col.text(f"{row['name']} · lagret {fmt.datetime(row['saved_at'])}")  # a typed name: never Markdown
        open_col.button("Åpne", key=f"{ASK}open_{i}", on_click=_open, args=(row["question_json"],))
        if auth.can("manage_questions") and remove_col.button("Fjern", key=f"{ASK}remove_{i}"):
            if ui_import.write_in_turn(lambda wait, n=row["name"]: saved_questions.remove(n, on_wait=wait)):
                cache.clear()
                st.rerun()

left, middle, right = st.columns(3)
ds = left.selectbox("Datasett", available, key=f"{ASK}dataset",
                    format_func=lambda d: f"{DATASETS[d].label} ({fmt.number(counts.loc[d, 'n_rows'])} rader)")
spec = DATASETS[ds]
first = explore.default_question(ds)
dims = spec.all_dims()
if _key(ds, "group") not in st.session_state:
    st.session_state[_key(ds, "group")] = list(first.group_by)
_keep(_key(ds, "group"), list(dims))
group = middle.multiselect("Grupper etter (høyst to)", list(dims), key=_key(ds, "group"), max_selections=2,
                           format_func=lambda k: dims[k].label)
_keep(_key(ds, "measure"), list(spec.measures))
measure = right.selectbox("Mål", list(spec.measures), key=_key(ds, "measure"),
                          format_func=lambda k: spec.measures[k].label)
aggs = spec.aggregations() if not spec.measures[measure].per else ["sum", *(["change"] if spec.election else [])]
_keep(_key(ds, "agg"), aggs)
agg = left.selectbox("Regn ut", aggs, key=_key(ds, "agg"),
                     format_func=lambda a: "Rate" if a == "sum" and spec.measures[measure].per else explore.AGGREGATIONS[a])

election = compare = None
if spec.election:
    elections = queries.elections_available(config.kommune_id, config.fylke_id)
    ids = sorted(_options(ds, "valg"), key=lambda i: (i[-4:], i), reverse=True)
    names = {**dict(zip(ids, ids)), **dict(zip(elections["election_id"], elections["name"]))}
    _keep(f"{ASK}election", ids)
    chosen = ui.selection()  # the sidebar's election and comparison are the defaults
    if f"{ASK}election" not in st.session_state and chosen.election_id in ids:
        st.session_state[f"{ASK}election"] = chosen.election_id
        st.session_state.setdefault(f"{ASK}compare", chosen.compare_id if chosen.compare_id in ids else None)
    election = middle.selectbox("Valg", ids, key=f"{ASK}election", format_func=names.get)
    others = [None, *[i for i in ids if i != election]]
    _keep(f"{ASK}compare", others)
    compare = right.selectbox("Sammenlignet med", others, key=f"{ASK}compare",
                              format_func=lambda i: "(ingen)" if i is None else names[i])
else:
    names = {}

filters: dict[str, tuple[str, ...]] = {}
date_from = date_to = target = None
with st.expander("Filtre", expanded=not ui.presenting()):  # on the projector the chart comes first
    columns = st.columns(3)
    slot = 0
    if spec.date and pd.notna(counts.loc[ds, "first_date"]):
        bounds = (counts.loc[ds, "first_date"], counts.loc[ds, "last_date"])
        bounds = tuple(b.date() if hasattr(b, "date") else b for b in bounds)
        value = st.session_state.get(_key(ds, "dates"), bounds)
        chosen = columns[0].date_input("Periode", value=value, min_value=min(bounds[0], value[0]),
                                       max_value=max(bounds[1], value[1]), format="DD.MM.YYYY")
        if isinstance(chosen, tuple | list) and len(chosen) == 2 and tuple(chosen) != bounds:
            date_from, date_to = (d.isoformat() for d in chosen)
        slot = 1
    if any(d.area == config.sublevel for d in spec.dims.values()) and config.target_areas:
        target = columns[slot % 3].selectbox("Målområde", [None, *config.target_areas], key=_key(ds, "target"),
                                             format_func=lambda t: "(hele området)" if t is None else t)
        slot += 1
    for key, dim in spec.dims.items():
        if spec.election and key == "valg":
            continue
        choices = _options(ds, key)
        _keep(_key(ds, f"f_{key}"), choices)
        picked = columns[slot % 3].multiselect(dim.label, choices, key=_key(ds, f"f_{key}"),
                                               format_func=lambda v, k=key: _label(ds, k, v), placeholder="Alle")
        slot += 1
        if picked:
            filters[key] = tuple(picked)

question = explore.Question(ds, tuple(group), measure, agg, tuple(filters.items()), election, compare,
                            date_from, date_to, target)
_to_url(question)
try:
    sql, params = explore_sql.build(question, config.area_id, config.target_areas, config.sublevel)
except explore.ExploreError as error:
    st.warning(f"Spørsmålet kan ikke stilles slik: {error}.")
    st.stop()
result = queries.explore(sql, params)
table = explore_report.display(result, question, names, config.bydeler)
if spec.note:
    st.caption(spec.note)
if table.empty:
    st.info("Ingen rader med disse valgene. Fjern et filter eller velg en annen periode.")
    st.stop()
if len(result) > explore_sql.ROW_CAP:
    st.warning(f"Viser de første {fmt.number(explore_sql.ROW_CAP)} radene. Grupper grovere eller filtrer.")


def _clicked() -> None:
    """A click on a bar filters the view to that value of the first group-by."""
    event = st.session_state.get(f"{ASK}chart_{ds}")
    points = (event or {}).get("selection", {}).get("points", [])
    if not points or not group or group[0] not in spec.dims:
        return
    shown = {_label(ds, group[0], v): v for v in _options(ds, group[0])}
    picked = [str(p.get("x")) if str(p.get("x")) in shown else str(p.get("y")) for p in points]  # bars lie or stand
    values = [shown[v] for v in picked if v in shown]
    if not values:
        return
    st.session_state[_key(ds, f"f_{group[0]}")] = list(dict.fromkeys(values))


source = ui.source_line((spec.table,))
dims_shown = {dims[k].label for k in group}
value_help = f"{explore.AGGREGATIONS[agg]} · {spec.measures[measure].label.lower()} · {spec.label.lower()}"
figure = explore_report.figure(table, question, names, source)
first, second = st.container(), st.container()
chart_slot, table_slot = (first, second) if ui.presenting() else (second, first)  # on the projector the chart first
table_slot.dataframe(explore_report.styled(table, question, names), hide_index=True,
                     column_config={c: st.column_config.Column(c, help=value_help if c not in dims_shown else None)
                                    for c in table.columns})
table_slot.caption(f"{fmt.number(len(table))} {'rad' if len(table) == 1 else 'rader'}. "
                   "Klikk på en kolonneoverskrift for å sortere.")
ui.download_buttons(table, f"utforsk_{ds}", where=table_slot)
if figure is None:
    chart_slot.info("Velg minst én gruppering for å se et diagram.")
else:
    ui.chart(figure, where=chart_slot, key=f"{ASK}chart_{ds}", on_select=_clicked, selection_mode="points")
    if group and group[0] in spec.dims:
        chart_slot.caption(f"Klikk på en stolpe for å filtrere på {dims[group[0]].label.lower()}.")

area_frame = explore_report.map_frame(result, question, names, config.bydeler, config.target_areas)
map_kommune = config.area_id if area_frame is not None and area_frame.attrs["level"] == "kommune" else config.kommune_id
if area_frame is not None and map_kommune:
    map_figure, _ = draw.targeting_map(area_frame, area_frame.attrs["level"], map_kommune, area_frame.attrs["metric"],
                                       spec.label, area_frame.attrs["counts"], source, height=620, label_size=11)
    ui.chart(map_figure)

wide = explore_report.pivot(table, question, names)
if wide is not None:
    st.subheader("Pivot")
    st.dataframe(wide.style.format(explore_report.formatter(
        list(explore_report.value_columns(question, names).values())[-1][1], 1), na_rep="–",
        subset=list(wide.columns[1:])), hide_index=True)
    ui.download_buttons(wide, f"utforsk_{ds}_pivot", label="pivottabellen")

st.subheader("Lagre spørsmålet")
if auth.can("save_question"):
    name_col, button_col = st.columns([4, 1], vertical_alignment="bottom")
    name = name_col.text_input("Navn", key=f"{ASK}save_name", max_chars=saved_questions.MAX_NAME)
    if button_col.button("Lagre for alle", key=f"{ASK}save"):
        try:
            saved_questions.clean_name(name)
        except saved_questions.SaveError as error:
            st.error(str(error))
        else:
            if ui_import.write_in_turn(lambda wait: saved_questions.save(name, question, on_wait=wait)):
                cache.clear()
                st.rerun()
else:
    st.caption(auth.refusal("save_question"))
