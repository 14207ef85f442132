"""TikTok Studio's dates without a year («September 25», «28 August», «1. august», «28. aug.»).

The month name follows the interface language; the year comes from elsewhere (the zip's name or
the user), and a file that runs over New Year gets the next year from the first January day on.
"""
from __future__ import annotations

import datetime as dt
import re

from campaign import fmt
from campaign.ingest.base import rejected

# Month names as TikTok may write them: English, Norwegian (guessed), Swedish, Russian (genitive).
MONTH_NAMES: dict[int, tuple[str, ...]] = {
    1: ("january", "jan", "januar", "januari", "января"),
    2: ("february", "feb", "februar", "februari", "февраля"),
    3: ("march", "mar", "mars", "марта"),
    4: ("april", "apr", "апреля"),
    5: ("may", "mai", "maj", "мая"),
    6: ("june", "jun", "juni", "июня"),
    7: ("july", "jul", "juli", "июля"),
    8: ("august", "aug", "augusti", "августа"),
    9: ("september", "sep", "sept", "сентября"),
    10: ("october", "oct", "oktober", "okt", "октября"),
    11: ("november", "nov", "ноября"),
    12: ("december", "dec", "desember", "des", "декабря"),
}
MONTHS = {name: number for number, names in MONTH_NAMES.items() for name in names}
MONTH_DAY = re.compile(r"(?P<month>[^\W\d_]+)\.?\s+(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?(?:,?\s+(?P<year>[0-9]{4}))?")
DAY_MONTH = re.compile(r"(?P<day>[0-9]{1,2})\.?\s+(?P<month>[^\W\d_]+)\.?(?:,?\s+(?P<year>[0-9]{4}))?")
ISO = re.compile(r"(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})")
MAX_ROLLOVER_DAYS = 62  # a step back in the calendar is New Year only when the next year follows closely


def day_month(text: str) -> tuple[int, int, int | None] | None:
    """«September 25» → (25, 9, None); «1. august 2023» → (1, 8, 2023); None when it is no date."""
    value = text.strip().casefold()
    if match := ISO.fullmatch(value):
        return int(match["day"]), int(match["month"]), int(match["year"])
    match = MONTH_DAY.fullmatch(value) or DAY_MONTH.fullmatch(value)
    if not match or match["month"] not in MONTHS:
        return None
    return int(match["day"]), MONTHS[match["month"]], int(match["year"]) if match["year"] else None


def read_days(values: list[str], lines: list[int], source_name: str, column: str) -> list[tuple[int, int, int | None]]:
    """Each value as (day, month, year or None); rejects a value that is no date, or a file mixing both kinds."""
    parts = []
    for value, line in zip(values, lines):
        part = day_month(value)
        if part is None:
            raise rejected(source_name, f"«{value.strip()}» er ikke en dato (ventet f.eks. «September 25», "
                                        "«28 August» eller «1. august»).", line, column)
        parts.append(part)
    if len({p[2] is None for p in parts}) > 1:
        raise rejected(source_name, "noen datoer har år og andre ikke.", lines[0], column)
    return parts


def needs_year(parts: list[tuple[int, int, int | None]]) -> bool:
    """True when the dates carry no year of their own."""
    return bool(parts) and parts[0][2] is None


def first_year(part: tuple[int, int, int | None], near: dt.date) -> int:
    """The year that puts a day and month closest to a known date (the zip name's first day)."""
    day, month, _ = part
    candidates = []
    for year in (near.year - 1, near.year, near.year + 1):
        try:
            candidates.append((abs((dt.date(year, month, day) - near).days), year))
        except ValueError:
            continue
    return min(candidates)[1] if candidates else near.year


def with_years(parts: list[tuple[int, int, int | None]], lines: list[int], start_year: int, source_name: str,
               column: str) -> tuple[list[dt.date], bool]:
    """Dates in ascending order from `start_year` on, and whether they ran over New Year."""
    out: list[dt.date] = []
    rolled = False
    for (day, month, year), line in zip(parts, lines):
        year = year or (out[-1].year if out else start_year)
        current = _date(year, month, day, source_name, line, column)
        if out and current <= out[-1] and parts[0][2] is None:
            current = _date(year + 1, month, day, source_name, line, column)
            rolled = True
            if (current - out[-1]).days > MAX_ROLLOVER_DAYS:
                raise rejected(source_name, f"datoene står ikke i stigende rekkefølge ({fmt.date(out[-1])[:-5]} "
                                            "står foran denne), eller en dag står to ganger.", line, column)
        elif out and current <= out[-1]:
            raise rejected(source_name, "datoene står ikke i stigende rekkefølge, eller en dag står to ganger.",
                           line, column)
        out.append(current)
    return out, rolled


def _date(year: int, month: int, day: int, source_name: str, line: int, column: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise rejected(source_name, f"{day}. {fmt.MONTHS[month - 1]} finnes ikke i {year}.", line, column) from None
