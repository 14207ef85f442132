"""Figure builders: DataFrame in, Plotly figure out. They never query and never read config.

Each figure is built in one go from plain dicts: Plotly validates a figure once that way,
where a chain of update_layout()/update_xaxes() calls validates it again and again (5× slower).
"""
from __future__ import annotations

import textwrap

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from campaign import fmt
from campaign.colors import PARTY_SHORT, party_color, party_label

# Set once: passing template= to every figure copies and validates the whole template (~20 ms).
pio.templates.default = "plotly_white"
FONT = dict(family="Source Sans Pro, Segoe UI, Arial, sans-serif", size=18, color="#1a1a1a")
NEUTRAL = "#9AA5B1"
POSITIVE, NEGATIVE = "#1B7F3B", "#B3261E"
ROW_HEIGHT = 34
MAX_LABELS = 25  # more areas than this: no text labels on maps and scatters (hover instead)


def _figure(traces: list[dict], title: str, counts: str, source: str, height: int, **layout) -> go.Figure:
    """Common look: big type, Norwegian separators, what it counts and where it came from."""
    base = dict(
        separators=", ", font=FONT, height=height, showlegend=False,
        uniformtext=dict(minsize=14, mode="show"),
        title=dict(text=f"{title}<br><sup>{counts}</sup>", x=0, xanchor="left", font=dict(size=24)),
        margin=dict(l=10, r=30, t=95, b=70),
        annotations=[dict(text=source, xref="paper", yref="paper", x=0, y=-0.02, yanchor="top",
                          xanchor="left", yshift=-40, showarrow=False, font=dict(size=13, color="#555"))],
    )
    extra_annotations = layout.pop("annotations", [])
    base.update(layout)
    for axis in ("xaxis", "yaxis"):  # «30 000», never Plotly's «30k»
        base[axis] = {"exponentformat": "none", **(layout.get(axis) or {})}
    base["annotations"] = base["annotations"] + extra_annotations
    return go.Figure(data=traces, layout=base)


def styled_figure(traces: list[dict], title: str, counts: str, source: str, height: int, **layout) -> go.Figure:
    """The common look for the figure modules beside this one (campaign/digital_charts.py)."""
    return _figure(traces, title, counts, source, height, **layout)


def _padded_range(values: pd.Series, pad: float = 0.35) -> list[float]:
    """An axis range around 0 with room for the labels outside the bars."""
    low, high = min(values.min(), 0.0), max(values.max(), 0.0)
    span = (high - low) or 1.0
    return [low - pad * span if low < 0 else 0.0, high + pad * span if high > 0 else 0.0]


SHORT_NAME = 20  # characters: a longer stored party name is cut at a word («Norges Kommunistiske …»)
DROPPED_SUFFIXES = (" i Norge", " Norge")


def party_short(code: str, name=None) -> str:
    """A party's name on a chart: the short name campaign.colors knows (Ap, Høyre, SV …), else the stored
    party name, shortened (never the bare code «LIBS» where the tables say «Liberalistene»)."""
    if code in PARTY_SHORT or not isinstance(name, str) or not name.strip():
        return party_label(code)
    text = name.strip()
    for suffix in DROPPED_SUFFIXES:
        text = text.removesuffix(suffix)
    if len(text) <= SHORT_NAME:
        return text
    cut = textwrap.shorten(text, SHORT_NAME + 1, placeholder="\u2026")
    return cut if cut != "\u2026" else text[:SHORT_NAME] + cut


def _party_names(data: pd.DataFrame) -> list[str]:
    names = data["party_name"] if "party_name" in data else [None] * len(data)
    return [party_short(c, n) for c, n in zip(data["party_code"], names)]


def _bold_if(labels, flags) -> list[str]:
    return [f"<b>{label}</b>" if flag else str(label) for label, flag in zip(labels, flags)]


def _hbar(labels, values, colors, text, **extra) -> dict:
    return dict(type="bar", orientation="h", y=labels, x=list(values), marker=dict(color=colors),
                text=text, textposition="outside", cliponaxis=False, **extra)


def party_shares_bar(shares: pd.DataFrame, own_party: str, title: str, counts: str,
                     source: str) -> go.Figure:
    """Horizontal bars of share per party, largest on top, labelled '10,1 %', own party bold."""
    data = shares.sort_values("share_pct")
    own = [c == own_party for c in data["party_code"]]
    trace = _hbar(
        _bold_if(_party_names(data), own), data["share_pct"],
        [party_color(c) for c in data["party_code"]], [fmt.percent(v) for v in data["share_pct"]],
        customdata=list(zip(data["party_name"], [fmt.number(v) for v in data["votes"]],
                            [fmt.pp(v) for v in data["change_pp"]])),
        hovertemplate="%{customdata[0]}<br>%{text} (%{customdata[1]} stemmer)<br>"
                      "Endring: %{customdata[2]}<extra></extra>",
    )
    trace["marker"]["line"] = dict(color=["#111" if o else "rgba(0,0,0,0)" for o in own], width=3)
    return _figure([trace], title, counts, source, max(420, ROW_HEIGHT * len(data) + 160),
                   xaxis=dict(ticksuffix=" %", range=[0, data["share_pct"].max() * 1.3]),
                   yaxis=dict(ticklabelstandoff=12))


def change_bar(frame: pd.DataFrame, label_col: str, title: str, counts: str, source: str,
               highlight: set | None = None, color_col: str | None = None) -> go.Figure:
    """Horizontal bars of change in pp (party colour, or green up / red down), labelled '+2,1 pp'."""
    data = frame.dropna(subset=["change_pp"]).sort_values("change_pp")
    highlight = highlight or set()
    if color_col:
        colors = [party_color(c) for c in data[color_col]]
    else:
        colors = [POSITIVE if v >= 0 else NEGATIVE for v in data["change_pp"]]
    trace = _hbar(_bold_if(data[label_col], [v in highlight for v in data[label_col]]), data["change_pp"],
                  colors, [fmt.pp(v) for v in data["change_pp"]], hovertemplate="%{y}: %{text}<extra></extra>")
    return _figure([trace], title, counts, source, max(420, ROW_HEIGHT * len(data) + 160),
                   xaxis=dict(ticksuffix=" pp", zeroline=True, zerolinecolor="#333", zerolinewidth=2,
                              range=_padded_range(data["change_pp"])),
                   yaxis=dict(ticklabelstandoff=12))


def subarea_share_bar(frame: pd.DataFrame, own_party: str, targets: set[str], title: str,
                      counts: str, source: str) -> go.Figure:
    """One party's share per sub-area (bydel, krets or kommune), target areas in the party colour, others grey.

    `frame` has area_id/area_name (party_shares_by_subarea), or bydel_id/bydel.
    """
    code, name = ("area_id", "area_name") if "area_id" in frame else ("bydel_id", "bydel")
    data = frame.sort_values("share_pct")
    is_target = [b in targets for b in data[code]]
    trace = _hbar(_bold_if(data[name], is_target), data["share_pct"],
                  [party_color(own_party) if t else NEUTRAL for t in is_target],
                  [f"{fmt.percent(s)} ({fmt.pp(c)})" for s, c in zip(data["share_pct"], data["change_pp"])],
                  hovertemplate="%{y}: %{text}<extra></extra>")
    return _figure([trace], title, counts, source, max(460, ROW_HEIGHT * len(data) + 170),
                   xaxis=dict(ticksuffix=" %", range=[0, data["share_pct"].max() * LABEL_ROOM]))


LABEL_ROOM = 1.9  # axis length / longest bar for labels «15,5 % (+2,1 pp)»: ~16 characters fit at half of 1280 px


bydel_share_bar = subarea_share_bar  # the name from when every branch had bydeler


def seats_bar(seats: pd.DataFrame, bloc_order: list[str], total: int, title: str, counts: str,
              source: str, majority_line: bool = True) -> go.Figure:
    """One horizontal stacked bar of seats per party, grouped by bloc, with the majority line (none for a
    constituency's delegation: a majority of one county's Storting seats decides nothing)."""
    data = seats[seats["seats"] > 0].copy()
    data["order"] = data["bloc"].map({b: i for i, b in enumerate(bloc_order)}).fillna(len(bloc_order))
    data = data.sort_values(["order", "seats"], ascending=[True, False])
    starts = data["seats"].cumsum() - data["seats"]
    names = _party_names(data)
    trace = dict(
        type="bar", orientation="h", y=[""] * len(data), x=list(data["seats"]), base=list(starts),
        marker=dict(color=[party_color(c) for c in data["party_code"]], line=dict(color="white", width=2)),
        text=[f"{p}<br>{n}" if _named_segment(n, total) else str(n) for p, n in zip(names, data["seats"])],
        textposition="inside", insidetextanchor="middle",
        customdata=list(data["party_name"]), hovertemplate="%{customdata}: %{x} mandater<extra></extra>",
    )
    small = ", ".join(f"{p} {n}" for p, n in zip(names, data["seats"]) if not _named_segment(n, total))
    line = [dict(type="line", x0=total / 2, x1=total / 2, y0=0, y1=1, yref="paper",
                 line=dict(color="#111", width=3, dash="dash"))] if majority_line else []
    label = [dict(x=total / 2, y=1.0, yref="paper", text=f"Flertall: {total // 2 + 1}", showarrow=False,
                  yanchor="bottom", font=dict(size=16), bgcolor="white")] if majority_line else []
    return _figure(
        [trace], title, counts, source, 330,
        xaxis=dict(range=[0, total], showgrid=False, visible=False),
        shapes=line,
        annotations=[*label,
                     *([dict(x=0, y=-0.05, xref="paper", yref="paper", yanchor="top", xanchor="left",
                             showarrow=False, text=f"Små partier: {small}", font=dict(size=16))] if small else [])],
    )


def _named_segment(seats: int, total: int) -> bool:
    """A seat segment wide enough for the party's name: 3 seats or more, or at least a sixth of the bar."""
    return seats >= 3 or seats * 6 >= total


def turnout_bar(turnout: pd.DataFrame, targets: set[str], title: str, counts: str,
                source: str, highlight_color: str) -> go.Figure:
    """Turnout per area (horizontal), target areas highlighted, change in the label."""
    data = turnout.sort_values("turnout_pct")
    is_target = [a in targets for a in data["area_id"]]
    trace = _hbar(_bold_if(data["area_name"], is_target), data["turnout_pct"],
                  [highlight_color if t else NEUTRAL for t in is_target],
                  [f"{fmt.percent(t)} ({fmt.pp(c)})" for t, c in zip(data["turnout_pct"], data["change_pp"])],
                  customdata=[fmt.number(v) for v in data["eligible_voters"]],
                  hovertemplate="%{y}: %{text}<br>%{customdata} stemmeberettigede<extra></extra>")
    top = max(100.0, data["turnout_pct"].max() * LABEL_ROOM)  # room for «89,8 % (+2,1 pp)»; ticks stop at 100 %
    return _figure([trace], title, counts, source, max(460, 30 * len(data) + 170),
                   xaxis=dict(range=[0, top], tickvals=list(range(0, 101, 20)),
                              ticktext=[f"{v}{fmt.NBSP}%" for v in range(0, 101, 20)]))


def turnout_share_scatter(frame: pd.DataFrame, party_label_text: str, highlight_color: str,
                          title: str, counts: str, source: str, quadrants: bool = False) -> go.Figure:
    """Turnout (x) against the party's share (y), bubble size = eligible voters."""
    sizeref = 2.0 * frame["eligible_voters"].max() / 70 ** 2 if len(frame) else 1
    traces = []
    for is_target, group in frame.groupby(frame["target_area"].notna()):
        traces.append(dict(
            type="scatter", x=list(group["turnout_pct"]), y=list(group["share_pct"]),
            mode="markers+text" if len(frame) <= MAX_LABELS else "markers",
            text=list(group["area_name"]), textposition="top center",
            marker=dict(size=list(group["eligible_voters"]), sizemode="area", sizeref=sizeref, sizemin=6,
                        color=highlight_color if is_target else NEUTRAL, opacity=0.8,
                        line=dict(color="#222", width=1)),
            name="Målområde" if is_target else "Andre bydeler",
            customdata=list(zip([fmt.percent(v) for v in group["turnout_pct"]],
                                [fmt.percent(v) for v in group["share_pct"]],
                                [fmt.number(v) for v in group["eligible_voters"]])),
            hovertemplate="%{text}<br>Valgdeltakelse %{customdata[0]}<br>"
                          f"{party_label_text} %{{customdata[1]}}<br>"
                          "%{customdata[2]} stemmeberettigede<extra></extra>",
        ))
    extra = {}
    if quadrants and len(frame):
        x_mid, y_mid = frame["turnout_pct"].median(), frame["share_pct"].median()
        line = dict(color="#555", width=1.5, dash="dot")
        extra["shapes"] = [dict(type="line", x0=x_mid, x1=x_mid, y0=0, y1=1, yref="paper", line=line),
                           dict(type="line", y0=y_mid, y1=y_mid, x0=0, x1=1, xref="paper", line=line)]
        extra["annotations"] = [dict(x=0.01, y=0.99, xref="paper", yref="paper", xanchor="left", yanchor="top",
                                     showarrow=False, text="<b>Mobiliser her</b>: lav deltakelse, høy oppslutning",
                                     font=dict(size=16, color="#111"), bgcolor="rgba(255,255,255,0.8)")]
    return _figure(traces, title, counts, source, 600, showlegend=True, **extra,
                   legend=dict(orientation="h", y=1.02, x=1, xanchor="right"),
                   xaxis=dict(title=dict(text="Valgdeltakelse"), ticksuffix=" %"),
                   yaxis=dict(title=dict(text=f"Oppslutning {party_label_text}"), ticksuffix=" %"))

