"""Norwegian number and date formatting: the one place that decides how figures look."""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

NBSP = "\u00a0"  # between number and unit, and as the thousands separator
MONTHS = ["jan.", "feb.", "mars", "apr.", "mai", "juni", "juli", "aug.", "sep.", "okt.",
          "nov.", "des."]
MINUS = "\u2212"  # the typographic minus, everywhere; st.metric needs delta_style() to read it as a fall


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


def delta_style(delta: str | None, plain: bool = False) -> dict:
    """st.metric's delta_color/delta_arrow for a change written by this module: Streamlit reads only an ASCII
    "-" as a fall, so a «−» change gets red and an arrow down here; `plain` (not a rise or fall): grey, no arrow."""
    if plain or not delta:
        return {"delta_color": "off", "delta_arrow": "off"}
    if delta.startswith((MINUS, "-")):
        return {"delta_color": "red", "delta_arrow": "down"}
    if delta.startswith("+"):
        return {"delta_color": "green", "delta_arrow": "up"}
    return {"delta_color": "gray", "delta_arrow": "off"}  # «0», «±0,0 pp»: no change


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


def period(first: dt.date | None, last: dt.date | None) -> str:
    """A date range: '27. juli – 11. sep. 2023' (the year once when both share it); one day as fmt.date."""
    if _missing(first) or _missing(last):
        return "–"
    if first == last:
        return date(first)
    start = f"{first.day}. {MONTHS[first.month - 1]}" if first.year == last.year else date(first)
    return f"{start} – {date(last)}"


def signed_percent(value, decimals: int = 1) -> str:
    """A relative change with its sign: 63.69 → '+63,7 %'."""
    return "–" if _missing(value) else f"{signed(value, decimals)}{NBSP}%"


def datetime(value: dt.datetime | None) -> str:
    """A timestamp as '11. sep. 2023 kl. 21.30'."""
    if _missing(value):
        return "–"
    return f"{date(value.date())} kl. {value:%H.%M}"


# Control characters, line and paragraph separators, bidi overrides and lone surrogates (from
# undecodable file names): each would let a name forge or garble a line of output or of the log.
_UNSAFE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u200e\u200f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def one_line(text: str) -> str:
    """Text from outside (a file name, a message quoting a cell) as one printable line: '�' for each unsafe character."""
    return _UNSAFE.sub("\ufffd", text)


SMALL_NUMBER = 5  # counts of people per area or branch below this are never shown (privacy)
UNDER_SMALL = f"under{NBSP}{SMALL_NUMBER}"


def people(value) -> str:
    """A count of people per area or branch, suppressed when small: 3 → 'under 5', 412 → '412'."""
    if _missing(value):
        return "–"
    return UNDER_SMALL if value < SMALL_NUMBER else number(value)
