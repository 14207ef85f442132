"""Norwegian number and date formatting: the one place that decides how figures look."""
from __future__ import annotations

import datetime as dt

import pandas as pd

NBSP = "\u00a0"  # between number and unit, and as the thousands separator
MONTHS = ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.",
          "nov.", "des."]
MINUS = "-"  # ASCII: Streamlit reads a leading "-" as a fall (red, arrow down)


def _missing(value) -> bool:
    return value is None or bool(pd.isna(value))


def number(value, decimals: int = 0) -> str:
    """12345.6 → '12 346'; with decimals, a decimal comma: '3,06'."""
    if _missing(value):
        return "–"
    text = f"{abs(value):,.{decimals}f}".replace(",", NBSP).replace(".", ",")
    return (MINUS if round(value, decimals) < 0 else "") + text


def percent(value, decimals: int = 1) -> str:
    """10.1034 → '10,1 %'."""
    return "–" if _missing(value) else f"{number(value, decimals)}{NBSP}%"


def pp(value, decimals: int = 1) -> str:
    """Change in percentage points with its sign: 2.1 → '+2,1 pp', −0.75 → '−0,8 pp'."""
    if _missing(value):
        return "–"
    sign = "+" if round(value, decimals) > 0 else ("±" if round(value, decimals) == 0 else "")
    return f"{sign}{number(value, decimals)}{NBSP}pp"


def signed(value, decimals: int = 0) -> str:
    """A count change with its sign: 363 → '+363'."""
    if _missing(value):
        return "–"
    return ("+" if round(value, decimals) > 0 else "") + number(value, decimals)


def kroner(value, decimals: int = 0) -> str:
    """62551 → '62 551 kr'."""
    return "–" if _missing(value) else f"{number(value, decimals)}{NBSP}kr"


def date(value: dt.date | None) -> str:
    """2023-09-11 → '11. sep. 2023'."""
    if _missing(value):
        return "–"
    return f"{value.day}. {MONTHS[value.month - 1]} {value.year}"


def datetime(value: dt.datetime | None) -> str:
    """A timestamp as '11. sep. 2023 kl. 21.30'."""
    if _missing(value):
        return "–"
    return f"{date(value.date())} kl. {value:%H.%M}"
