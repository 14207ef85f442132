"""Each [[goals]] goal with its current value, progress, the pace needed and a status: what «I dag» shows."""
from __future__ import annotations

import datetime as dt

import pandas as pd

from campaign import fmt, goals
from campaign.config import load_config
from campaign.db import query_params
from campaign.goal_config import Goal
from campaign.queries import goal_measure

COLUMNS = ["id", "name", "value", "value_text", "target_text", "progress", "pace_text", "status", "colour"]


def _amount(value: float, unit: str, decimals: int | None = None) -> str:
    """A value with its unit, Norwegian style: '297 000 kr', '11,6 %', '8 runder' (whole % without decimals)."""
    if decimals is None:
        decimals = 1 if unit == "%" and not float(value).is_integer() else 0
    return f"{fmt.number(value, decimals)}{fmt.NBSP}{unit}"


def measure_value(goal: Goal, today: dt.date) -> float | None:
    """The goal's value by today from its named query (the period, cut at today, bound when the query takes it)."""
    wanted = query_params(goal.measure)
    period = goal.period_for(today)
    bound = {"first_date": period[0] if period else None, "last_date": min(period[1], today) if period else today,
             "branch": None}
    bound = {k: v for k, v in bound.items() if k in wanted}
    bound |= {k: tuple(v) if isinstance(v, list) else v for k, v in goal.params.items()}
    value = goal_measure(goal.measure, **bound)["value"]
    return None if pd.isna(value) else float(value)


def target_text(goal: Goal) -> str:
    """'minst 10 runder innen 31. des. 2023', '15–30 %', 'høyst 91 040 kr'."""
    if goal.band is not None:
        low, high = goal.band
        return f"{fmt.number(low)}–{_amount(high, goal.unit)}"
    text = f"{goal.direction} {_amount(goal.target, goal.unit)}"
    return text + (f" innen {fmt.date(goal.deadline)}" if goal.deadline else "")


def pace_text(goal: Goal, value: float, today: dt.date) -> str:
    """What is needed per week (or day, when under two weeks are left) by the deadline; '' when nothing is."""
    aim = goal.band[0] if goal.band is not None else goal.target
    deadline = goal.deadline_for(today)
    if goal.band is not None and goals.band_position(value, goal.band) != "under":
        return ""
    pace = goals.pace_needed(value, aim, today, deadline, goal.direction)
    if pace is None:
        return ""
    per, rate = ("dag", pace.per_day) if pace.days < 14 else ("uke", pace.per_week)
    verb = "kan bruke" if goal.direction == "høyst" else "trenger"
    return f"{verb} {_amount(rate, goal.unit, 1 if rate < 10 else 0)} per {per} fram til {fmt.date(deadline)}"


def status_of(goal: Goal, value: float, today: dt.date) -> str:
    """«på skinner», «litt bak» or «langt bak» (thresholds in campaign.goals)."""
    if goal.band is not None:
        return goals.band_status(value, goal.band)
    period = goal.period_for(today)
    start = period[0] if period else None
    return goals.target_status(value, goal.target, today, start, goal.deadline_for(today), goal.direction)


def goal_row(goal: Goal, value: float | None, today: dt.date) -> dict:
    """One goal as the page shows it; a goal without data gets no status."""
    if value is None:
        return {"id": goal.id, "name": goal.name, "value": None, "value_text": "ingen data",
                "target_text": target_text(goal), "progress": None, "pace_text": "", "status": "ingen data",
                "colour": "#757575"}
    status = status_of(goal, value, today)
    return {"id": goal.id, "name": goal.name, "value": value, "value_text": _amount(value, goal.unit),
            "target_text": target_text(goal), "progress": goals.progress(value, goal.target, goal.band),
            "pace_text": pace_text(goal, value, today), "status": status, "colour": goals.COLOURS[status]}


def goal_statuses(today: dt.date, config_goals: tuple[Goal, ...] | None = None) -> pd.DataFrame:
    """One row per goal in campaign.toml order (COLUMNS)."""
    chosen = load_config().goals if config_goals is None else config_goals
    rows = [goal_row(goal, measure_value(goal, today), today) for goal in chosen]
    return pd.DataFrame(rows, columns=COLUMNS)
