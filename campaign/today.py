"""«I dag»: the reference day, days to the election, day and week deltas, the biggest changes, budget pace.

Pure computations on plain values and frames (no queries, no Streamlit); campaign/today_report.py feeds them.
"""
from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign import fmt

# measure column → Norwegian label, in table order
MEASURES = {"reach": "Rekkevidde", "views": "Visninger", "new_followers": "Nye følgere", "spend_nok": "Annonsekostnad",
            "link_clicks": "Lenkeklikk", "calls_made": "Ringt", "conversations": "Samtaler", "doors": "Dører"}
KRONER = {"spend_nok"}  # measures in kroner
DAY = dt.timedelta(days=1)


def reference_day(today: dt.date, period: tuple[dt.date, dt.date] | None) -> tuple[dt.date, bool]:
    """The day the page shows: today, or the period's last day when today is outside it (True then)."""
    if period is None or period[0] <= today <= period[1]:
        return today, False
    return period[1], True


def next_election(day: dt.date, elections) -> tuple[str, int] | None:
    """(name, days left) of the first election on or after `day`; None when none is configured."""
    coming = sorted((e for e in elections if e.election_date >= day), key=lambda e: e.election_date)
    return (coming[0].name, (coming[0].election_date - day).days) if coming else None


def daily_totals(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """Frames with a `date` column and measure columns → one row per date, every MEASURES column summed (0 if none)."""
    frames = [p[["date", *[c for c in MEASURES if c in p.columns]]] for p in parts if not p.empty]
    if not frames:
        return pd.DataFrame(columns=list(MEASURES), index=pd.Index([], name="date"), dtype=float)
    rows = pd.concat(frames).assign(date=lambda f: pd.to_datetime(f["date"]).dt.date)
    return rows.groupby("date").sum(min_count=1).reindex(columns=list(MEASURES)).astype(float)


def _window(daily: pd.DataFrame, first: dt.date, last: dt.date) -> pd.Series:
    chosen = daily[(daily.index >= first) & (daily.index <= last)]
    return chosen.sum(min_count=1).reindex(list(MEASURES))


def windows(daily: pd.DataFrame, day: dt.date) -> pd.DataFrame:
    """Per measure: yesterday, the day before, the last 7 days (to yesterday) and the 7 before."""
    spans = {"yesterday": (day - DAY, day - DAY), "before": (day - 2 * DAY, day - 2 * DAY),
             "last7": (day - 7 * DAY, day - DAY), "prev7": (day - 14 * DAY, day - 8 * DAY)}
    return pd.DataFrame({name: _window(daily, *span) for name, span in spans.items()})


def value_text(measure: str, value) -> str:
    """A measure's value as the table shows it: kroner for spend («1 234 kr»), else a count."""
    return fmt.kroner(value) if measure in KRONER else fmt.number(value)


def relative(now, before) -> float | None:
    """Change in % from `before` to `now`; None when either is missing or `before` is 0."""
    if pd.isna(now) or pd.isna(before) or before == 0:
        return None
    return (now - before) / before * 100


def change_text(now, before) -> str:
    """'+12,5 %', or the count change ('+40') when there is nothing to compare with."""
    change = relative(now, before)
    if change is not None:
        return fmt.signed_percent(change)
    return "–" if pd.isna(now) or pd.isna(before) else fmt.signed(now - before)


def biggest_changes(spans: pd.DataFrame, count: int = 3) -> list[tuple[str, float]]:
    """The measures with the largest relative change, last 7 days against the 7 before: (measure, %)."""
    changes = {m: relative(spans.loc[m, "last7"], spans.loc[m, "prev7"]) for m in spans.index}
    known = [(m, c) for m, c in changes.items() if c is not None]
    return sorted(known, key=lambda mc: abs(mc[1]), reverse=True)[:count]


def change_sentence(measure: str, change: float, spans: pd.DataFrame) -> str:
    """«Dører økte med 150,0 % siste 7 dager (fra 200 til 500).»"""
    verb = "økte" if change > 0 else "falt"
    last, prev = spans.loc[measure, "last7"], spans.loc[measure, "prev7"]
    return (f"{MEASURES[measure]} {verb} med {fmt.percent(abs(change))} siste 7 dager "
            f"(fra {value_text(measure, prev)} til {value_text(measure, last)}).")


def budget_pace(spent: float, budget: float, period: tuple[dt.date, dt.date], day: dt.date) -> tuple[float, float]:
    """(% of the budget spent, % of the period's days elapsed up to and including `day`)."""
    days = (period[1] - period[0]).days + 1
    elapsed = min(max((day - period[0]).days + 1, 0), days)
    return spent / budget * 100, elapsed / days * 100


def pace_sentence(spent_pct: float, time_pct: float) -> str:
    """Spend against the budget pace in words."""
    gap = spent_pct - time_pct
    where = "i takt med tiden" if abs(gap) < 5 else ("raskere enn tiden" if gap > 0 else "saktere enn tiden")
    return (f"Brukt {fmt.percent(spent_pct)} av budsjettet etter {fmt.percent(time_pct)} av valgkampperioden: "
            f"pengebruken går {where}.")
