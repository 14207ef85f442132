"""Figure builders: DataFrame in, Plotly figure out. They never query and never read config."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
import plotly.io as pio

from campaign import fmt
from campaign.colors import BLOC_COLORS, OTHER, party_color, party_label

# Set once: passing template= to every figure copies and validates the whole template (~20 ms).
pio.templates.default = "plotly_white"
FONT = dict(family="Source Sans Pro, Segoe UI, Arial, sans-serif", size=18, color="#1a1a1a")
NEUTRAL = "#9AA5B1"
POSITIVE, NEGATIVE = "#1B7F3B", "#B3261E"


def _layout(fig: go.Figure, title: str, counts: str, source: str, height: int = 520) -> go.Figure:
    """Common look: big type, Norwegian separators, what it counts and where it came from."""
    fig.update_layout(
        separators=", ", font=FONT, height=height,
        uniformtext=dict(minsize=14, mode="show"),
        title=dict(text=f"{title}<br><sup>{counts}</sup>", x=0, xanchor="left", font=dict(size=24)),
        margin=dict(l=10, r=30, t=95, b=70), showlegend=False,
    )
    fig.add_annotation(text=source, xref="paper", yref="paper", x=0, y=-0.02, yanchor="top",
                       showarrow=False, font=dict(size=13, color="#555"), xanchor="left",
                       yshift=-40)
    return fig


def _padded_range(values: pd.Series, pad: float = 0.35) -> list[float]:
    """An axis range around 0 with room for the labels outside the bars."""
    low, high = min(values.min(), 0.0), max(values.max(), 0.0)
    span = (high - low) or 1.0
    return [low - pad * span if low < 0 else 0.0, high + pad * span if high > 0 else 0.0]


def party_shares_bar(shares: pd.DataFrame, own_party: str, title: str, counts: str,
                     source: str) -> go.Figure:
    """Horizontal bars of share per party, largest on top, labelled '10,1 %', own party bold."""
    data = shares.sort_values("share_pct")
    labels = [f"<b>{party_label(c)}</b>" if c == own_party else party_label(c) for c in data["party_code"]]
    fig = go.Figure(go.Bar(
        y=labels, x=data["share_pct"], orientation="h",
        marker=dict(color=[party_color(c) for c in data["party_code"]],
                    line=dict(color=["#111" if c == own_party else "rgba(0,0,0,0)" for c in data["party_code"]],
                              width=3)),
        text=[fmt.percent(v) for v in data["share_pct"]], textposition="outside", cliponaxis=False,
        customdata=list(zip(data["party_name"], [fmt.number(v) for v in data["votes"]],
                            [fmt.pp(v) for v in data["change_pp"]])),
        hovertemplate="%{customdata[0]}<br>%{text} (%{customdata[1]} stemmer)<br>"
                      "Endring: %{customdata[2]}<extra></extra>",
    ))
    fig.update_xaxes(ticksuffix=" %", range=[0, data["share_pct"].max() * 1.2])
    fig.update_yaxes(ticklabelstandoff=12)
    return _layout(fig, title, counts, source, height=max(420, 34 * len(data) + 160))


def change_bar(frame: pd.DataFrame, label_col: str, title: str, counts: str, source: str,
               highlight: set | None = None, color_col: str | None = None) -> go.Figure:
    """Horizontal bars of change in pp (green up, red down), labelled '+2,1 pp'."""
    data = frame.dropna(subset=["change_pp"]).sort_values("change_pp")
    highlight = highlight or set()
    colors = [party_color(c) if color_col else (POSITIVE if v >= 0 else NEGATIVE)
              for c, v in zip(data[color_col] if color_col else data[label_col], data["change_pp"])]
    fig = go.Figure(go.Bar(
        y=[f"<b>{v}</b>" if v in highlight else v for v in data[label_col]], x=data["change_pp"],
        orientation="h", marker=dict(color=colors),
        text=[fmt.pp(v) for v in data["change_pp"]], textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_xaxes(ticksuffix=" pp", zeroline=True, zerolinecolor="#333", zerolinewidth=2,
                     range=_padded_range(data["change_pp"]))
    fig.update_yaxes(ticklabelstandoff=12)
    return _layout(fig, title, counts, source, height=max(420, 34 * len(data) + 160))


def bydel_share_bar(frame: pd.DataFrame, own_party: str, targets: set[str], title: str,
                    counts: str, source: str) -> go.Figure:
    """One party's share per bydel, target areas in the party colour, others grey."""
    data = frame.sort_values("share_pct")
    names = [f"<b>{n}</b>" if b in targets else n for n, b in zip(data["bydel"], data["bydel_id"])]
    fig = go.Figure(go.Bar(
        y=names, x=data["share_pct"], orientation="h",
        marker=dict(color=[party_color(own_party) if b in targets else NEUTRAL for b in data["bydel_id"]]),
        text=[f"{fmt.percent(s)} ({fmt.pp(c)})" for s, c in zip(data["share_pct"], data["change_pp"])],
        textposition="outside", cliponaxis=False,
        hovertemplate="%{y}: %{text}<extra></extra>",
    ))
    fig.update_xaxes(ticksuffix=" %", range=[0, data["share_pct"].max() * 1.35])
    return _layout(fig, title, counts, source, height=max(460, 34 * len(data) + 170))


def seats_bar(seats: pd.DataFrame, bloc_order: list[str], total: int, title: str, counts: str,
              source: str) -> go.Figure:
    """One horizontal stacked bar of seats per party, grouped by bloc, with the majority line."""
    data = seats[seats["seats"] > 0].copy()
    data["order"] = data["bloc"].map({b: i for i, b in enumerate(bloc_order)}).fillna(len(bloc_order))
    data = data.sort_values(["order", "seats"], ascending=[True, False])
    fig = go.Figure()
    for row in data.itertuples():
        fig.add_trace(go.Bar(
            x=[row.seats], y=[""], orientation="h", name=party_label(row.party_code),
            marker=dict(color=party_color(row.party_code), line=dict(color="white", width=2)),
            text=f"{party_label(row.party_code)}<br>{row.seats}" if row.seats >= 3 else str(row.seats),
            textposition="inside",
            insidetextanchor="middle", hovertemplate=f"{row.party_name}: {row.seats} mandater<extra></extra>",
        ))
    fig.add_vline(x=total / 2, line=dict(color="#111", width=3, dash="dash"))
    fig.add_annotation(x=total / 2, y=1.0, yref="paper", text=f"Flertall: {total // 2 + 1}",
                       showarrow=False, yanchor="bottom", font=dict(size=16), bgcolor="white")
    fig.update_layout(barmode="stack")
    fig.update_xaxes(range=[0, total], showgrid=False, visible=False)
    _layout(fig, title, counts, source, height=360)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=-0.05, x=0, traceorder="normal",
                                                   font=dict(size=16)))
    return fig


def bloc_bar(blocs: pd.DataFrame, total: int, title: str, counts: str, source: str) -> go.Figure:
    """Seats per bloc as horizontal bars with the majority line."""
    fig = go.Figure(go.Bar(
        y=blocs["bloc"], x=blocs["seats"], orientation="h",
        marker=dict(color=[BLOC_COLORS.get(b, OTHER) for b in blocs["bloc"]]),
        text=[f"{s} mandater" for s in blocs["seats"]], textposition="outside", cliponaxis=False,
    ))
    fig.add_vline(x=total // 2 + 1, line=dict(color="#111", width=2, dash="dash"),
                  annotation_text=f"Flertall: {total // 2 + 1}")
    fig.update_yaxes(autorange="reversed")
    return _layout(fig, title, counts, source, height=320)


def turnout_bar(turnout: pd.DataFrame, targets: set[str], title: str, counts: str,
                source: str, highlight_color: str) -> go.Figure:
    """Turnout per area (horizontal), target areas highlighted, change in the label."""
    data = turnout.sort_values("turnout_pct")
    fig = go.Figure(go.Bar(
        y=[f"<b>{n}</b>" if a in targets else n for n, a in zip(data["area_name"], data["area_id"])],
        x=data["turnout_pct"], orientation="h",
        marker=dict(color=[highlight_color if a in targets else NEUTRAL for a in data["area_id"]]),
        text=[f"{fmt.percent(t)} ({fmt.pp(c)})" for t, c in zip(data["turnout_pct"], data["change_pp"])],
        textposition="outside", cliponaxis=False,
        customdata=[fmt.number(v) for v in data["eligible_voters"]],
        hovertemplate="%{y}: %{text}<br>%{customdata} stemmeberettigede<extra></extra>",
    ))
    fig.update_xaxes(ticksuffix=" %", range=[0, 100])
    return _layout(fig, title, counts, source, height=max(460, 30 * len(data) + 170))


def turnout_share_scatter(frame: pd.DataFrame, party_label_text: str, highlight_color: str,
                          title: str, counts: str, source: str) -> go.Figure:
    """Turnout (x) against the party's share (y), bubble size = eligible voters."""
    fig = go.Figure()
    for is_target, group in frame.groupby(frame["target_area"].notna()):
        fig.add_trace(go.Scatter(
            x=group["turnout_pct"], y=group["share_pct"], mode="markers+text",
            text=group["area_name"], textposition="top center",
            marker=dict(size=group["eligible_voters"], sizemode="area",
                        sizeref=2.0 * frame["eligible_voters"].max() / 70 ** 2, sizemin=6,
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
    fig.update_xaxes(title="Valgdeltakelse", ticksuffix=" %")
    fig.update_yaxes(title=f"Oppslutning {party_label_text}", ticksuffix=" %")
    _layout(fig, title, counts, source, height=600)
    fig.update_layout(showlegend=True, legend=dict(orientation="h", y=1.02, x=1, xanchor="right"))
    return fig
