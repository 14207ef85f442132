"""«Utforsk»: a question's result as the reader sees it – the table, the chart and the pivot. Pure functions.

The table keeps numbers as numbers (sorting by value); `styled` shows them the Norwegian way.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from campaign import fmt
from campaign.charts import styled_figure
from campaign.colors import party_label
from campaign.digital_charts import DATE_AXIS, LEGEND, PALETTE, PLATFORM_COLORS, series_colors
from campaign.explore import AGGREGATIONS, DATE_GRAINS, Question
from campaign.explore_sql import ROW_CAP

MAX_UPRIGHT = 10  # more categories than this: horizontal bars


def value_columns(question: Question, names: dict[str, str]) -> dict[str, tuple[str, str]]:
    """Result column → (Norwegian header, unit: «kr», «%», «pp» or «»)."""
    spec = question.spec()
    measure = spec.measures[question.measure]
    unit = "" if question.agg == "count" else measure.unit
    if question.agg not in ("change", "change_share") and (measure.per or question.agg in ("sum", "mean", "count")):
        label = measure.label if measure.per or question.agg == "sum" else f"{measure.label}, {AGGREGATIONS[question.agg].lower()}"
        return {"value": (label if question.agg != "count" else "Antall rader", unit)}
    if question.agg == "share":
        return {"value": (f"{measure.label}, andel (%)", "%")}
    share = question.agg == "change_share" or measure.per
    now, then = names.get(question.election, question.election), names.get(question.compare, question.compare)
    kind = "andel" if question.agg == "change_share" else measure.label.lower()
    return {"value": (f"{kind.capitalize()} {now}", "%" if share else unit),
            "compare_value": (f"{kind.capitalize()} {then}", "%" if share else unit),
            "change": ("Endring (pp)" if share or unit == "%" else "Endring", "pp" if share or unit == "%" else unit)}


def display(frame: pd.DataFrame, question: Question, names: dict[str, str], bydeler: dict[str, str]) -> pd.DataFrame:
    """The result with Norwegian headers, areas named, dates as dates; numbers stay numbers."""
    dims = question.spec().all_dims()
    out = pd.DataFrame(index=range(min(len(frame), ROW_CAP)))
    for key in question.group_by:
        column = frame[key].iloc[:ROW_CAP]
        if dims[key].area == "bydel":
            column = column.map(lambda v: bydeler.get(v, v if v is not None else "(uten bydel)"))
        elif key == "valg":
            column = column.map(lambda v: names.get(v, v))
        elif dims[key].sql == "party_code":
            column = column.map(party_label)
        out[dims[key].label] = list(column)
    for column, (label, _) in value_columns(question, names).items():
        out[label] = pd.to_numeric(frame[column].iloc[:ROW_CAP], errors="coerce").astype("float64").to_numpy()
    return out


def formatter(unit: str, decimals: int):
    if unit == "kr":
        return lambda v: "–" if pd.isna(v) else f"{fmt.number(v)}{fmt.NBSP}kr"
    if unit == "%":
        return lambda v: fmt.percent(v)
    if unit == "pp":
        return lambda v: fmt.pp(v)
    return lambda v: fmt.number(v, decimals)


def styled(table: pd.DataFrame, question: Question, names: dict[str, str]):
    """The table for st.dataframe: numbers underneath (sorting by value), Norwegian on screen."""
    units = {label: unit for label, unit in value_columns(question, names).values()}
    fractional = {c: bool((table[c].dropna() % 1).abs().gt(1e-9).any()) for c in units}
    shown = {c: formatter(u, 2 if u == "kr/klikk" or (fractional[c] and not u) else 0) for c, u in units.items()}
    dates = {c: fmt.date for c in table.columns if c not in units and _is_date_column(table[c])}
    return table.style.format({**shown, **dates}, na_rep="–")


def _is_date_column(column: pd.Series) -> bool:
    sample = column.dropna()
    return len(sample) > 0 and hasattr(sample.iloc[0], "isoformat") and not isinstance(sample.iloc[0], str)


def is_timeline(question: Question) -> bool:
    """Grouped first by a date grain (shown as a line)."""
    return bool(question.group_by) and question.group_by[0] in DATE_GRAINS and question.group_by[0] != "aar"


def figure(table: pd.DataFrame, question: Question, names: dict[str, str], source: str) -> go.Figure | None:
    """A bar chart (a line over dates) of the first value column, coloured by the second group-by."""
    if not question.group_by or table.empty:
        return None
    dims = question.spec().all_dims()
    x, series = dims[question.group_by[0]].label, (dims[question.group_by[1]].label if len(question.group_by) > 1 else None)
    label, unit = next(iter(value_columns(question, names).values()))
    if question.agg in ("change", "change_share"):
        label, unit = list(value_columns(question, names).values())[2]
    show = formatter(unit, 1 if unit in ("%", "pp") else 0)
    groups = [(None, table)] if series is None else list(table.groupby(series, sort=False))
    colors = (series_colors(table.assign(platform=table[series].astype(str)), series, [str(n) for n, _ in groups])
              if series and "platform" in question.group_by else {})
    if series is None and question.group_by[0] == "platform":  # one bar per platform: its own colour
        colors = {None: [PLATFORM_COLORS.get(str(p).casefold(), PALETTE[0]) for p in table[x]]}
    timeline = is_timeline(question)
    categories = table[x].nunique()
    across = not timeline and categories > MAX_UPRIGHT  # many bars: lying down, their names readable
    traces = []
    for i, (name, rows) in enumerate(groups[:len(PALETTE) * 3]):
        color = colors.get(name if name is None else str(name), PALETTE[i % len(PALETTE)])
        keys = list(rows[x] if timeline else rows[x].astype(str))
        values = list(rows[label])
        trace = dict(type="scatter" if timeline else "bar", x=values if across else keys, y=keys if across else values,
                     name=str(name) if name is not None else label, hovertext=[show(v) for v in rows[label]],
                     hoverinfo="text+name", marker=dict(color=color), orientation="h" if across else "v")
        traces.append({**trace, "mode": "lines+markers"} if timeline else trace)
    counts = f"{label}{' per ' + x.lower() if x else ''}{' og ' + series.lower() if series else ''}"
    category_axis = dict(type="category", automargin=True, **({"autorange": "reversed"} if across else {}))
    value_axis = dict(title=dict(text=unit or None))
    height = max(560, 160 + 26 * categories * (len(groups) if series else 1)) if across else 560
    layout = dict(showlegend=series is not None, legend=LEGEND, barmode="group",
                  xaxis=value_axis if across else (DATE_AXIS if timeline else category_axis),
                  yaxis=category_axis if across else value_axis)
    return styled_figure(traces, question.spec().label, counts, source, height=min(height, 2400), **layout)


def pivot(table: pd.DataFrame, question: Question, names: dict[str, str]) -> pd.DataFrame | None:
    """Two group-bys: the first as rows, the second as columns, the first value column in the cells."""
    if len(question.group_by) != 2 or table.empty:
        return None
    dims = question.spec().all_dims()
    rows, cols = (dims[k].label for k in question.group_by)
    label = next(iter(value_columns(question, names).values()))[0]
    if question.agg in ("change", "change_share"):
        label = list(value_columns(question, names).values())[2][0]
    wide = table.pivot_table(index=rows, columns=cols, values=label, aggfunc="first", sort=True)
    wide.columns = [fmt.date(c) if hasattr(c, "isoformat") else str(c) for c in wide.columns]
    return wide.reset_index()


MAP_METRIC_BY_UNIT = {"%": "share_pct", "pp": "share_change_pp"}  # campaign.maps.figure.MAP_METRICS: unit and scale


def map_frame(result: pd.DataFrame, question: Question, names: dict[str, str], bydeler: dict[str, str],
              targets: dict[str, tuple[str, ...]]) -> pd.DataFrame | None:
    """Rows for campaign.maps.draw.targeting_map when the question's only group-by is an area (bydel, krets or
    kommune) and its value a share or a change in pp (attrs: the level, the map metric, what it counts); else None."""
    if len(question.group_by) != 1 or result.empty:
        return None
    key = question.group_by[0]
    level = question.spec().all_dims()[key].area
    column, (label, unit) = list(value_columns(question, names).items())[-1]
    if level is None or unit not in MAP_METRIC_BY_UNIT:
        return None
    metric = MAP_METRIC_BY_UNIT[unit]
    codes = result[f"{key}_code"] if f"{key}_code" in result else result[key]
    shown = result[key].map(lambda c: bydeler.get(c, c)) if level == "bydel" else result[key]
    frame = pd.DataFrame({"area_id": codes, "area_name": shown,
                          metric: pd.to_numeric(result[column], errors="coerce").astype("float64")})
    frame = frame.dropna(subset=["area_id"])
    area_of = {code: name for name, members in targets.items() for code in members}
    show = formatter(unit, 1)
    frame["target_area"] = frame["area_id"].map(area_of)
    frame["hover"] = [f"<b>{n}</b><br>{label}: {show(v)}" for n, v in zip(frame["area_name"], frame[metric])]
    frame.attrs.update(level=level, metric=metric, counts=f"{label} per {level}")
    return frame.reset_index(drop=True)
