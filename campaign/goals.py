"""Goal arithmetic, pure: progress, the pace needed by the deadline, and a status word.

Status thresholds (against linear pace from the period's start to the deadline):
- expected = target × elapsed share of [start, deadline] (the whole target when there is no start
  or no deadline, or the deadline has passed).
- «minst» with a target: met (value ≥ target) or value ≥ 90 % of expected → «på skinner»;
  value ≥ 70 % of expected → «litt bak»; below that → «langt bak».
- «høyst» with a target (a budget): value ≤ 110 % of expected → «på skinner»; still within the
  target → «litt bak»; over the target → «langt bak».
- A band [low, high]: inside → «på skinner»; outside by at most 10 % of the nearest bound →
  «litt bak»; further out → «langt bak».
"""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ON_TRACK, A_LITTLE_BEHIND, FAR_BEHIND = "på skinner", "litt bak", "langt bak"
COLOURS = {ON_TRACK: "#2e7d32", A_LITTLE_BEHIND: "#f9a825", FAR_BEHIND: "#c62828"}
ON_TRACK_SHARE, BEHIND_SHARE = 0.9, 0.7  # of the expected value, «minst»
OVERSPEND_SHARE = 1.1  # of the expected spend, «høyst»
BAND_MARGIN = 0.1  # of the nearest bound
ROUNDING = 1e-9  # relative: summed floats (kroner) a hair over the target are on it


@dataclass(frozen=True)
class Pace:
    """What is still needed (or, for «høyst», still allowed) by the deadline."""
    remaining: float
    days: int
    per_day: float
    per_week: float


def elapsed_share(today: dt.date, start: dt.date | None, deadline: dt.date | None) -> float:
    """How far today is from start to deadline, 0–1 (1 when either is missing)."""
    if start is None or deadline is None or deadline <= start:
        return 1.0
    share = (today - start).days / (deadline - start).days
    return min(1.0, max(0.0, share))


def expected(target: float, today: dt.date, start: dt.date | None, deadline: dt.date | None) -> float:
    """The value linear pace would have reached by today."""
    return target * elapsed_share(today, start, deadline)


def band_position(value: float, band: tuple[float, float]) -> str:
    """«under», «innenfor» or «over» the band."""
    low, high = band
    return "under" if value < low else "over" if value > high else "innenfor"


def progress(value: float, target: float | None = None, band: tuple[float, float] | None = None) -> float:
    """value ÷ target; for a band, value ÷ low below it, 1 inside it and value ÷ high above it."""
    if band is not None:
        low, high = band
        position = band_position(value, band)
        return 1.0 if position == "innenfor" else value / low if position == "under" else value / high
    return value / target if target else 0.0


def pace_needed(value: float, target: float, today: dt.date, deadline: dt.date | None,
                direction: str = "minst") -> Pace | None:
    """The rest of the target spread over the days to the deadline; None without a deadline, when it
    has passed, or («minst») when the target is met."""
    if deadline is None or deadline <= today:
        return None
    remaining = target - value
    if direction == "minst" and remaining <= 0:
        return None
    days = (deadline - today).days
    per_day = max(remaining, 0.0) / days
    return Pace(remaining=remaining, days=days, per_day=per_day, per_week=per_day * 7)


def target_status(value: float, target: float, today: dt.date, start: dt.date | None,
                  deadline: dt.date | None, direction: str = "minst") -> str:
    """The status of a target goal against linear pace (thresholds in the module docstring)."""
    due = expected(target, today, start, deadline)
    if direction == "høyst":
        if value > target * (1 + ROUNDING):
            return FAR_BEHIND
        return ON_TRACK if value <= due * OVERSPEND_SHARE else A_LITTLE_BEHIND
    if value >= target or value >= due * ON_TRACK_SHARE:
        return ON_TRACK
    return A_LITTLE_BEHIND if value >= due * BEHIND_SHARE else FAR_BEHIND


def band_status(value: float, band: tuple[float, float]) -> str:
    """Inside → på skinner; within 10 % of the nearest bound → litt bak; further → langt bak."""
    low, high = band
    position = band_position(value, band)
    if position == "innenfor":
        return ON_TRACK
    miss = (low - value) / low if position == "under" else (value - high) / high
    return A_LITTLE_BEHIND if miss <= BAND_MARGIN else FAR_BEHIND
