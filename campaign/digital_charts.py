"""Figure builders for the social-media, ads and website pages: DataFrame in, Plotly figure out.

Pure like campaign/charts.py (whose common look they share): they never query and never read config.
Dates on the axes are written '7.8.' (Plotly's month names would be English); hovers use fmt.
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from campaign import fmt
from campaign.charts import NEUTRAL, ROW_HEIGHT, styled_figure

# Series without a platform colour; none of them is close to a platform's (blue, magenta, black, yellow).
PALETTE = ["#D9822B", "#2E8B57", "#6A4C93", "#17A2B8", "#C0392B", "#7F6A00", "#5D6D7E", "#E377C2", "#8C564B",
           "#1F5FA8"]
PLATFORM_COLORS = {"meta": "#1877F2", "facebook": "#1877F2", "instagram": "#C13584", "tiktok": "#111111",
                   "snapchat": "#E0B400", "linkedin": "#0E9AA7"}  # LinkedIn teal: its brand blue is Meta's
OTHER_BUYS = "#2E8B57"  # paid channels outside social media in the cost charts (green)
DATE_AXIS = dict(tickformat="%-d.%-m.", hoverformat="%-d.%-m.%Y", showgrid=False)
LEGEND = dict(orientation="h", x=0, xanchor="left", y=1.0, yanchor="bottom", font=dict(size=15))
TOP_WITH_LEGEND = 155  # room for title, subtitle and two legend rows


def series_colors(frame: pd.DataFrame, series: str, names: list[str] | None = None) -> dict[str, str]:
    """A colour per series (in `names` order, else frame order): its platform's colour (by the platform
    column, or the series' own name) for the first series of a platform, else the next palette colour."""
    names = names or list(dict.fromkeys(frame[series]))
    platforms = dict(zip(frame[series], frame["platform"])) if "platform" in frame else {}
    colors, used = {}, set()
    spare = iter(PALETTE)
    for name in names:
        platform_color = PLATFORM_COLORS.get(platforms.get(name, str(name).casefold()))
        colors[name] = platform_color if platform_color and platform_color not in used else next(spare, NEUTRAL)
        used.add(colors[name])
    return colors


def _unit(value, unit: str, decimals: int) -> str:
    if unit == "kr":
        return fmt.kroner(value, decimals)
    if unit == "%":
        return fmt.percent(value, decimals)
    return fmt.number(value, decimals)


def daily_lines(frame: pd.DataFrame, value: str, series: str, title: str, counts: str, source: str,
                unit: str = "", decimals: int = 0) -> go.Figure:
    """One line per series over the days (e.g. reach per account), Norwegian hover labels."""
    names = list(dict.fromkeys(frame[series]))
    colors = series_colors(frame, series)
    traces = []
    for name in names:
        rows = frame[(frame[series] == name) & frame[value].notna()]
        traces.append(dict(
            type="scatter", mode="lines+markers" if len(rows) <= 60 else "lines", name=name,
            x=list(rows["date"]), y=list(rows[value]), line=dict(color=colors[name], width=3),
            marker=dict(size=5), customdata=[[fmt.date(pd.Timestamp(d).date()), _unit(v, unit, decimals)]
                                             for d, v in zip(rows["date"], rows[value])],
            hovertemplate=f"{name}<br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>"))
    return styled_figure(traces, title, counts, source, 480, showlegend=True, legend=LEGEND,
                         margin=dict(l=10, r=30, t=TOP_WITH_LEGEND, b=70), xaxis=DATE_AXIS,
                         yaxis=dict(rangemode="tozero", tickformat=",d", ticksuffix=" kr" if unit == "kr" else ""))


def stacked_bars(frame: pd.DataFrame, value: str, series: str, title: str, counts: str, source: str,
                 unit: str = "") -> go.Figure:
    """Bars per day stacked by series (spend per platform, visits per channel), largest series at the bottom."""
    names = list(frame.groupby(series)[value].sum().sort_values(ascending=False).index)
    colors = series_colors(frame, series, names)
    traces = [dict(type="bar", name=name, x=list(rows["date"]), y=list(rows[value]),
                   marker=dict(color=colors[name]),
                   customdata=[[fmt.date(pd.Timestamp(d).date()), _unit(v, unit, 0)] for d, v in zip(rows["date"], rows[value])],
                   hovertemplate=f"{name}<br>%{{customdata[0]}}: %{{customdata[1]}}<extra></extra>")
              for name in names for rows in [frame[frame[series] == name]]]
    return styled_figure(traces, title, counts, source, 480, showlegend=True, legend=LEGEND, barmode="stack",
                         margin=dict(l=10, r=30, t=TOP_WITH_LEGEND, b=70), xaxis=DATE_AXIS,
                         yaxis=dict(tickformat=",d", ticksuffix=" kr" if unit == "kr" else ""))


def cumulative_budget(cumulative: pd.DataFrame, budget: float | None, title: str, counts: str,
                      source: str) -> go.Figure:
    """Spend so far (running total per day) against the budget line."""
    trace = dict(type="scatter", mode="lines", x=list(cumulative["date"]), y=list(cumulative["cumulative_nok"]),
                 line=dict(color=PALETTE[0], width=4), fill="tozeroy", fillcolor="rgba(31,95,168,0.12)",
                 customdata=[[fmt.date(pd.Timestamp(d).date()), fmt.kroner(v)]
                             for d, v in zip(cumulative["date"], cumulative["cumulative_nok"])],
                 hovertemplate="%{customdata[0]}: %{customdata[1]} brukt<extra></extra>")
    layout = {}
    top = float(cumulative["cumulative_nok"].max()) if len(cumulative) else 0.0
    if budget:
        line = dict(color="#B3261E", width=3, dash="dash")
        layout["shapes"] = [dict(type="line", xref="paper", x0=0, x1=1, y0=budget, y1=budget, line=line)]
        layout["annotations"] = [dict(xref="paper", x=0.01, y=budget, yanchor="bottom", xanchor="left",
                                      showarrow=False, text=f"Budsjett {fmt.kroner(budget)}",
                                      font=dict(size=16, color="#B3261E"), bgcolor="rgba(255,255,255,0.8)")]
        top = max(top, budget)
    return styled_figure([trace], title, counts, source, 480, xaxis=DATE_AXIS,
                         yaxis=dict(tickformat=",d", ticksuffix=" kr", range=[0, top * 1.12 or 1]), **layout)


def hbars(labels: list[str], values: list[float], texts: list[str], title: str, counts: str, source: str,
          colors: list[str] | None = None, bold: list[bool] | None = None, suffix: str = "",
          room: float = 1.45) -> go.Figure:
    """Horizontal bars, largest on top, each labelled with its text (costs, rates, shares)."""
    order = sorted(range(len(values)), key=lambda i: (pd.isna(values[i]), values[i] if pd.notna(values[i]) else 0))
    order = [i for i in order if pd.notna(values[i])]
    shown = [f"<b>{labels[i]}</b>" if bold and bold[i] else labels[i] for i in order]
    xs = [values[i] for i in order]
    trace = dict(type="bar", orientation="h", y=shown, x=xs, text=[texts[i] for i in order],
                 textposition="outside", cliponaxis=False,
                 marker=dict(color=[(colors or [PALETTE[0]] * len(values))[i] for i in order]),
                 hovertemplate="%{y}: %{text}<extra></extra>")
    high = max(xs) if xs else 1.0
    return styled_figure([trace], title, counts, source, max(380, ROW_HEIGHT * len(order) + 190),
                         xaxis=dict(range=[0, high * room or 1], ticksuffix=suffix, tickformat=",~r"),
                         yaxis=dict(ticklabelstandoff=12, automargin=True))


def audience_bars(shares: pd.DataFrame, title: str, counts: str, source: str) -> go.Figure:
    """Audience shares for one dimension: a bar per bucket, one colour per account."""
    names = list(dict.fromkeys(shares["series"]))
    colors = series_colors(shares, "series")
    buckets = list(dict.fromkeys(shares["bucket"]))  # in the order given (digital.audience_labels)
    # Plotly stacks a group's bars bottom-up: add the series last-first so the first is on top (legend reversed back).
    traces = [dict(type="bar", orientation="h", name=name, y=list(rows["bucket"]), x=list(rows["share_pct"]),
                   marker=dict(color=colors[name]), text=[fmt.percent(v, 0) for v in rows["share_pct"]],
                   textposition="outside", cliponaxis=False,
                   hovertemplate=f"{name}<br>%{{y}}: %{{text}}<extra></extra>")
              for name in reversed(names) for rows in [shares[shares["series"] == name]]]
    height = max(400, 26 * len(buckets) * max(len(names), 1) + 200)
    return styled_figure(traces, title, counts, source, height, showlegend=True,
                         legend={**LEGEND, "traceorder": "reversed"}, barmode="group",
                         margin=dict(l=10, r=30, t=TOP_WITH_LEGEND, b=70),
                         xaxis=dict(ticksuffix=" %", range=[0, shares["share_pct"].max() * 1.25 if len(shares) else 1]),
                         yaxis=dict(categoryorder="array", categoryarray=buckets[::-1], ticklabelstandoff=10))


def engagement_bars(rates: pd.DataFrame, title: str, counts: str, source: str) -> go.Figure:
    """Engagement rate per account (digital.engagement_by_account), labelled '4,60 % (460 av 10 000)'."""
    colors = series_colors(rates, "series")
    texts = [f"{fmt.percent(r, 2)} ({fmt.number(e)} av {fmt.number(v)})"
             for r, e, v in zip(rates["engagement_rate"], rates["engagement"], rates["views"])]
    return hbars(list(rates["series"]), list(rates["engagement_rate"]), texts, title, counts, source,
                 colors=[colors[s] for s in rates["series"]], suffix=" %", room=1.9)


def share_bars(shares: pd.DataFrame, title: str, counts: str, source: str) -> go.Figure:
    """Share of visits per channel (web_traffic.channel_shares), ad platforms and newspapers in bold."""
    groups = {g: PALETTE[i] for i, g in enumerate(dict.fromkeys(shares["group"]))}
    texts = [f"{fmt.percent(p)} ({fmt.number(s)})" for p, s in zip(shares["share_pct"], shares["sessions"])]
    bold = [a or n for a, n in zip(shares["ad_platform"], shares["newspaper"])]
    return hbars(list(shares["label"]), list(shares["share_pct"]), texts, title, counts, source,
                 colors=[groups[g] for g in shares["group"]], bold=bold, suffix=" %", room=1.7)


def cost_bars(value: pd.DataFrame, measure: str, title: str, counts: str, source: str) -> go.Figure:
    """One cost per result (a column of ad_costs.value_for_money) per paid channel, without the total row."""
    rows = value[~value["is_total"]]
    colors = [PLATFORM_COLORS.get(c, NEUTRAL) if k == "annonseplattform" else OTHER_BUYS
              for k, c in zip(rows["kind"], rows["channel"])]
    return hbars(list(rows["label"]), list(rows[measure]), [fmt.kroner(v, 2) for v in rows[measure]], title, counts,
                 source, colors=colors, suffix=" kr", room=1.35)
