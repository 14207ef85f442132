"""Figures only «Evaluering» and the report draw: the goals scored, district-council seats, the school election."""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from campaign import fmt
from campaign.charts import ROW_HEIGHT, party_short, styled_figure
from campaign.colors import party_color

MET, MISSED, UNKNOWN = "#2E7D32", "#C62828", "#9E9E9E"
STATUS_COLOR = {"met": MET, "missed": MISSED, "unknown": UNKNOWN}


def goals_chart(scores, title: str, counts: str, source: str) -> go.Figure:
    """One row per goal: a coloured marker (green met, red missed, grey unknown) and the goal's status."""
    names = [s.goal.name for s in scores][::-1]
    trace = dict(type="bar", orientation="h", y=names, x=[1] * len(scores),
                 marker=dict(color=[STATUS_COLOR[s.status] for s in scores][::-1]),
                 text=[s.label for s in scores][::-1], textposition="inside", insidetextanchor="middle",
                 textfont=dict(size=22, color="white"), hovertext=[s.sentence for s in scores][::-1],
                 hovertemplate="%{hovertext}<extra></extra>")
    return styled_figure([trace], title, counts, source, max(360, 70 * len(scores) + 180),
                         xaxis=dict(visible=False, range=[0, 1]), yaxis=dict(ticklabelstandoff=12, automargin=True),
                         bargap=0.25)


def council_seats_bar(councils: pd.DataFrame, party: str, title: str, counts: str, source: str) -> go.Figure:
    """The party's district-council seats per bydel, labelled with the change since the comparison («3 (+2)»)."""
    own = councils[councils["party_code"] == party].sort_values(["seats", "bydel"], ascending=[True, False])
    change = own["seats"] - own["compare_seats"]
    text = [fmt.number(s) + (f" ({fmt.signed(c)})" if pd.notna(c) and c else "") for s, c in zip(own["seats"], change)]
    trace = dict(type="bar", orientation="h", y=list(own["bydel"]), x=list(own["seats"]), text=text,
                 textposition="outside", cliponaxis=False, marker=dict(color=party_color(party)),
                 hovertemplate="%{y}: %{text}<extra></extra>")
    return styled_figure([trace], title, counts, source, max(420, ROW_HEIGHT * len(own) + 160),
                         xaxis=dict(range=[0, max(own["seats"].max(), 1) * 1.4], dtick=1),
                         yaxis=dict(ticklabelstandoff=12))


def school_shares_bar(totals: pd.DataFrame, party: str, title: str, counts: str, source: str) -> go.Figure:
    """Share per party over every school (largest on top), labelled «16,2 % (−3,3 pp)»."""
    data = totals.sort_values("share_pct")
    labels = [f"<b>{party_short(c, n)}</b>" if c == party else party_short(c, n)
              for c, n in zip(data["party_code"], data["party_name"])]
    text = [fmt.percent(s) + (f" ({fmt.pp(c)})" if pd.notna(c) else "") for s, c in zip(data["share_pct"],
                                                                                        data["change_pp"])]
    trace = dict(type="bar", orientation="h", y=labels, x=list(data["share_pct"]), text=text, textposition="outside",
                 cliponaxis=False, marker=dict(color=[party_color(c) for c in data["party_code"]]),
                 hovertemplate="%{y}: %{text}<extra></extra>")
    return styled_figure([trace], title, counts, source, max(420, ROW_HEIGHT * len(data) + 160),
                         xaxis=dict(ticksuffix=" %", range=[0, data["share_pct"].max() * 1.7]),
                         yaxis=dict(ticklabelstandoff=12))
