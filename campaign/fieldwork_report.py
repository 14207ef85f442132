"""What the Feltarbeid page shows, section by section: queries → computations → tables and figures.

Each function is one page section (None when its table is empty); the page gets it through ui.built.
Counts of people per branch or place go through fmt.people: under 5 is shown as «under 5».
"""
from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from campaign import digital_charts, fieldwork, fmt, queries
from campaign.charts import styled_figure
from campaign.config import load_config

ANSWER_NOTE = "Svarprosent = nådd ÷ ringt × 100."
BAND_NOTE = ("Aktive = aktive medlemmer ÷ medlemmer per lokallag; målet er 15–30 % (skravert). Lokallag med under 5 "
             "aktive vises uten andel, så ingen kan regne seg fram til tallet.")
Section = tuple[pd.DataFrame, go.Figure | None]


def _ints(values) -> list[str]:
    return [fmt.number(v) for v in values]


def _bars(frame: pd.DataFrame, labels: list[str], title: str, counts: str, source: str) -> go.Figure:
    traces = [dict(type="bar", name=name, x=labels, y=list(frame[col]), text=_ints(frame[col]), textposition="outside",
                   marker=dict(color=color))
              for name, col, color in (("Ringt", "calls_made", "#1F5FA8"), ("Nådd", "calls_reached", "#D9822B"))]
    return styled_figure(traces, title, counts, source, 460, barmode="group", showlegend=True,
                         legend=digital_charts.LEGEND, margin=dict(l=10, r=30, t=digital_charts.TOP_WITH_LEGEND, b=70))


def calls_by_year(source: str) -> Section | None:
    """Calls and conversations per year and assignment, the answer rate and outcomes where reported."""
    calls = fieldwork.answer_rates(queries.field_calls_by_year())
    if calls.empty:
        return None
    labels = [f"{y} {a}" for y, a in zip(calls["year"], calls["assignment"])]
    table = pd.DataFrame({"År": calls["year"].astype(str), "Oppdrag": calls["assignment"],
                          "Ringt": _ints(calls["calls_made"]), "Nådd (samtaler)": _ints(calls["calls_reached"]),
                          "Svarprosent": [fmt.percent(v, 0) for v in calls["answer_pct"]]})
    if fieldwork.has_outcomes(calls):
        table = table.assign(**{label: _ints(calls[col]) for col, label in fieldwork.OUTCOMES.items()})
    return table, _bars(calls, labels, "Ringt og nådd per valgkamp", ANSWER_NOTE, source)


def calls_per_day(year: int, source: str) -> go.Figure | None:
    """Calls made and reached per day in one year (every assignment)."""
    daily = queries.field_calls_daily(year)
    if daily.empty:
        return None
    return digital_charts.daily_lines(fieldwork.daily_totals(daily), "value", "measure", f"Ringing per dag i {year}",
                                      "Ringt og nådd per dag, alle oppdrag", source)


def doors(source: str) -> Section | None:
    """Door-knocking rounds: a timeline (one dot per round, sized by doors) and the table."""
    rounds = queries.field_doors()
    if rounds.empty:
        return None
    table = pd.DataFrame({"Dato": [fmt.date(d) for d in rounds["date"]], "Sted": rounds["place"],
                          "Bydel": rounds["bydel"].fillna("–"), "Dører": _ints(rounds["doors"]),
                          "Samtaler": _ints(rounds["conversations"]),
                          "Deltakere": [fmt.people(v) for v in rounds["participants"]]})
    trace = dict(type="scatter", mode="markers", x=list(rounds["date"]), y=list(rounds["place"]),
                 marker=dict(size=[8 + d / 25 for d in rounds["doors"]], color="#1F5FA8"),
                 text=[f"{d} dører, {c} samtaler" for d, c in zip(_ints(rounds["doors"]), _ints(rounds["conversations"]))],
                 hovertemplate="%{y}: %{text}<extra></extra>")
    figure = styled_figure([trace], "Dørbanking", "Én prikk per runde; størrelse = dører", source,
                           max(380, 40 * len(rounds) + 200), xaxis=digital_charts.DATE_AXIS,
                           yaxis=dict(automargin=True))
    return table, figure


def stands() -> pd.DataFrame | None:
    """Stands per place: days, hours, people on shift, leaflets."""
    frame = queries.field_stands_by_place()
    if frame.empty:
        return None
    return pd.DataFrame({"Sted": frame["place"], "Periode": [fmt.period(a, b) for a, b in
                                                             zip(frame["first_date"], frame["last_date"])],
                         "Dager": _ints(frame["days"]), "Timer": _ints(frame["hours"]),
                         "Vakter (personer)": _ints(frame["people"]), "Løpesedler": _ints(frame["leaflets"])})


def branches(source: str) -> Section | None:
    """Members, active and activists per local branch, the active share against the 15–30 % band."""
    frame = queries.members_latest()
    if frame.empty:
        return None
    shares = fieldwork.active_shares(frame)
    table = pd.DataFrame({"Lokallag": shares["branch"], "Medlemmer": [fmt.people(v) for v in shares["members"]],
                          "Aktive": [fmt.people(v) for v in shares["active"]],
                          "Aktivister": [fmt.people(v) for v in shares["activists"]],
                          "Aktive av medlemmer": [fmt.percent(v, 0) for v in shares["active_pct"]]})
    pct = [float(v) if pd.notna(v) else float("nan") for v in shares["active_pct"]]
    figure = digital_charts.hbars(list(shares["branch"]), pct, [fmt.percent(v, 0) for v in shares["active_pct"]],
                                  "Aktive per lokallag", f"Per {fmt.date(shares['date'].iloc[0])}; 15–30 % skravert",
                                  source, suffix=" %")
    figure.add_vrect(x0=fieldwork.ACTIVE_BAND[0], x1=fieldwork.ACTIVE_BAND[1], fillcolor="#2E8B57", opacity=0.15,
                     line_width=0, layer="below")
    return table, figure


def media(source: str) -> Section | None:
    """Media stories per outlet."""
    frame = queries.media_by_outlet()
    if frame.empty:
        return None
    figure = digital_charts.hbars(list(frame["outlet"]), list(frame["stories"]), _ints(frame["stories"]),
                                  "Mediesaker per medium", f"{fmt.number(frame['stories'].sum())} saker i alt", source)
    return pd.DataFrame({"Medium": frame["outlet"], "Saker": _ints(frame["stories"])}), figure


def media_weeks(source: str) -> go.Figure | None:
    """Media stories per week (bars) beside the week's social-media reach (line, right axis)."""
    weeks = queries.media_weekly()
    if weeks.empty:
        return None
    days = list(weeks["week_start"])
    traces = [dict(type="bar", x=days, y=list(weeks["stories"]), name="Mediesaker", marker=dict(color="#1F5FA8"),
                   hovertemplate="Uke fra %{x|%-d.%-m.}: %{y} saker<extra></extra>")]
    has_reach = bool(weeks["social_reach"].notna().any())
    if has_reach:
        traces.append(dict(type="scatter", mode="lines+markers", x=days, y=list(weeks["social_reach"]), yaxis="y2",
                           name="Rekkevidde i sosiale medier", line=dict(color="#C2185B", width=3),
                           hovertemplate="Uke fra %{x|%-d.%-m.}: %{y:,.0f} i rekkevidde<extra></extra>"))
    counts = ("Saker per uke fra mandag (søyler) og rekkevidde i sosiale medier samme uke (linje, høyre akse; summert per dag, "
              "ikke unike personer)" if has_reach else "Saker per uke fra mandag (ingen tall fra sosiale medier i lageret)")
    return styled_figure(traces, "Mediesaker per uke", counts, source, 420, showlegend=has_reach,
                         legend=dict(orientation="h", y=1.02, x=1, xanchor="right", yanchor="bottom"),
                         xaxis=digital_charts.DATE_AXIS,
                         yaxis=dict(title="Saker", rangemode="tozero", tickformat=",d"),
                         yaxis2=dict(overlaying="y", side="right", rangemode="tozero", tickformat=",d",
                                     showgrid=False, exponentformat="none"))


def money() -> tuple[pd.DataFrame, float] | None:
    """Money per kind, and what the branch raised itself."""
    frame = queries.money_by_kind()
    if frame.empty:
        return None
    table = pd.DataFrame({"Type": frame["kind"], "Beløp": [fmt.kroner(v) for v in frame["amount_nok"]],
                          "Periode": [fmt.period(a, b) for a, b in zip(frame["first_date"], frame["last_date"])]})
    return table, fieldwork.raised(frame)


REGION_NOTE = ("Et lokallag regnes til regionen til kommunen som står i navnet (kommunenavn fra valgresultatene); "
               f"lokallag uten kommunenavn står under «{fieldwork.NO_REGION}». Antall under 5 vises som «under 5».")


def regions() -> pd.DataFrame | None:
    """Members and active per region for a county branch with [regions] (None for other branches or no members)."""
    config = load_config()
    frame = queries.members_latest()
    if not (config.is_county and config.regions) or frame.empty:
        return None
    names = queries.kommune_names(config.fylke_id)
    sums = fieldwork.by_region(frame, dict(zip(names["kommune_id"], names["kommune_name"])), config.regions)
    return pd.DataFrame({"Region": sums["region"], "Lokallag": _ints(sums["branches"]),
                         "Medlemmer": [fmt.people(v) for v in sums["members"]],
                         "Aktive": [fmt.people(v) for v in sums["active"]],
                         "Aktivister": [fmt.people(v) for v in sums["activists"]],
                         "Aktive av medlemmer": [fmt.percent(v, 0) for v in sums["active_pct"]]})
