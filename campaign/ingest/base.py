"""What every parser returns, how a file is rejected, and reading untrusted counts and JSON safely."""
from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

ELECTION_ID = re.compile(r"(ko|fy|st|sa|skolevalg)[_-]?((?:19|20)[0-9][0-9])", re.IGNORECASE)
KIND_NAMES = {"ko": "Kommunestyrevalget", "fy": "Fylkestingsvalget", "st": "Stortingsvalget",
              "sa": "Sametingsvalget", "skolevalg": "Skolevalget"}


class ImportRejected(Exception):
    """A file that cannot be imported. The message is Norwegian and names file, row and column."""


@dataclass(frozen=True)
class Check:
    """One check run on import: what was checked, whether it held, and what was found.

    `rejects` splits the checks in two. A rejecting check tests for impossible data: a file that
    fails one is rejected whole (registry.parse enforces it). An informing check (the default)
    reports something surprising but possible; the import report lists it «Til informasjon».
    """
    name: str
    ok: bool
    message: str
    rejects: bool = False


@dataclass
class ParsedBatch:
    """A parsed file, ready for the importer: store-shaped frames plus what the report shows.

    `tables` maps store table names ("results", "turnout") to frames with the store's columns
    (import_id is added by the importer). `election_id` is like "ko2019".
    """
    kind: str
    source_name: str
    election_id: str | None  # None for files that belong to no election (map boundaries)
    tables: dict[str, pd.DataFrame]
    areas: str
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # The configured area that decided which rows were kept (config.fylke_id for election files and
    # boundaries), None when the file is kept whole whatever the configuration. The duplicate check
    # counts a file as already imported only for the same sha256 and the same area.
    area: str | None = None


def rejected(source_name: str, problem: str, row: int | None = None, column: str | None = None) -> ImportRejected:
    """An ImportRejected whose message names the file and, when known, the row and column."""
    where = [f"«{source_name}»"]
    if row is not None:
        where.append(f"rad {row}")
    if column is not None:
        where.append(f"kolonne «{column}»")
    return ImportRejected(f"{', '.join(where)}: {problem}")


# --- plain counts ---------------------------------------------------------------------------------

MAX_COUNT = 10_000_000  # more than Norway's electorate: no single count in any file can be larger
MAX_COUNT_TEXT = f"{MAX_COUNT:,}".replace(",", "\u00a0")  # "10 000 000", as campaign.fmt writes it
ASCII_COUNT = re.compile(r"[0-9]+")


def count_problem(text: str, noun: str = "antall stemmer") -> str | None:
    """Why a text is not a plain non-negative whole count up to MAX_COUNT (Norwegian), or None when it is."""
    value = text.strip()
    if value == "":
        return "Verdien mangler."
    if any(c.isdigit() and not c.isascii() for c in value):
        return (f"«{value}» har sifre som ikke er 0–9 (f.eks. arabisk-indiske eller fullbredde sifre); "
                "bare vanlige sifre godtas.")
    if value.startswith("-") and ASCII_COUNT.fullmatch(value[1:]):
        return f"Negativt {noun} ({value})."
    if not ASCII_COUNT.fullmatch(value):
        return f"«{value}» er ikke et helt {noun}."
    digits = value.lstrip("0") or "0"
    if len(digits) > len(str(MAX_COUNT)) or int(digits) > MAX_COUNT:  # length first: int() of 10⁶ digits is slow
        return f"{noun.capitalize()} {_short(value)} er urimelig stort (over {MAX_COUNT_TEXT} i én rad)."
    return None


def _short(value: str) -> str:
    return value if len(value) <= 24 else f"{value[:12]}…({len(value)} sifre)"


# --- JSON that cannot blow up --------------------------------------------------------------------

MAX_JSON_BYTES = 50_000_000
MAX_JSON_DEPTH = 64  # a GeoJSON MultiPolygon needs 8; the API's responses about 6
_QUOTE, _BACKSLASH = ord('"'), ord("\\")
_OPEN, _CLOSE = (ord("["), ord("{")), (ord("]"), ord("}"))


def safe_json_loads(data: bytes, source_name: str):
    """json.loads for untrusted files: size and nesting are checked before parsing, NaN/Infinity refused.

    Raises ImportRejected for a file too large or too deeply nested; UnicodeDecodeError and
    json.JSONDecodeError pass through so each caller can say what it expected.
    """
    if len(data) > MAX_JSON_BYTES:
        raise rejected(source_name, f"JSON-fila er for stor ({-(-len(data) // 1_000_000)} MB; høyst "
                                    f"{MAX_JSON_BYTES // 1_000_000} MB godtas).")
    if json_depth(data) > MAX_JSON_DEPTH:
        raise rejected(source_name, f"JSON-innholdet er nøstet dypere enn {MAX_JSON_DEPTH} nivåer; "
                                    "det er ingen kartfil eller et svar fra valgresultat.no.")
    text = data.decode("utf-8-sig")
    try:
        return json.loads(text, parse_constant=lambda name: _no_constant(name, source_name))
    except RecursionError:
        raise rejected(source_name, "JSON-innholdet er for dypt nøstet til å leses.") from None


def _no_constant(name: str, source_name: str):
    raise rejected(source_name, f"JSON-fila inneholder «{name}», som ikke er et gyldig JSON-tall.")


def json_depth(data: bytes) -> int:
    """The deepest nesting of [ and { outside strings, found without parsing (numpy over the special bytes)."""
    codes = np.frombuffer(data, dtype=np.uint8)
    where = np.flatnonzero(np.isin(codes, (_QUOTE, _BACKSLASH, *_OPEN, *_CLOSE)))
    chars = codes[where]
    quotes = (chars == _QUOTE) & ~_escaped(where, chars == _BACKSLASH)
    inside = (np.cumsum(quotes) - quotes) % 2 == 1  # an odd number of quotes before: inside a string
    steps = np.isin(chars, _OPEN).astype(np.int64) - np.isin(chars, _CLOSE)
    steps[inside] = 0
    return int(np.cumsum(steps).max(initial=0))


def _escaped(where: np.ndarray, backslash: np.ndarray) -> np.ndarray:
    """For each special byte: is it preceded directly by an odd run of backslashes?"""
    index = np.arange(len(where))
    follows = np.zeros(len(where), dtype=bool)  # the previous special byte is a backslash right before it
    follows[1:] = backslash[:-1] & (np.diff(where) == 1)
    run_start = np.maximum.accumulate(np.where(backslash & ~follows, index, 0))
    run_length = np.zeros(len(where), dtype=np.int64)
    run_length[1:] = index[:-1] - run_start[:-1] + 1
    return follows & (run_length % 2 == 1)


def election_id_from_name(name: str) -> str | None:
    """'2019-09-14_partifordeling_4_ko_2019.csv' → 'ko2019'; None when the name does not say."""
    match = ELECTION_ID.search(name)
    return f"{match.group(1).lower()}{match.group(2)}" if match else None


def second_monday_of_september(year: int) -> dt.date:
    """The usual Norwegian election day, used when campaign.toml does not give the date."""
    first = dt.date(year, 9, 1)
    return first + dt.timedelta(days=(7 - first.weekday()) % 7 + 7)


def election_name(election_id: str) -> str:
    """'ko2019' → 'Kommunestyrevalget 2019'."""
    match = ELECTION_ID.fullmatch(election_id)
    if not match:
        return election_id
    return f"{KIND_NAMES.get(match.group(1).lower(), match.group(1))} {match.group(2)}"
