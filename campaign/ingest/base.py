"""What every parser returns, and how a file is rejected."""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import pandas as pd

ELECTION_ID = re.compile(r"(ko|fy|st|sa|skolevalg)[_-]?((?:19|20)\d\d)", re.IGNORECASE)
KIND_NAMES = {"ko": "Kommunestyrevalget", "fy": "Fylkestingsvalget", "st": "Stortingsvalget",
              "sa": "Sametingsvalget", "skolevalg": "Skolevalget"}


class ImportRejected(Exception):
    """A file that cannot be imported. The message is Norwegian and names file, row and column."""


@dataclass(frozen=True)
class Check:
    """One check run on import: what was checked, whether it held, and what was found."""
    name: str
    ok: bool
    message: str


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


def rejected(source_name: str, problem: str, row: int | None = None, column: str | None = None) -> ImportRejected:
    """An ImportRejected whose message names the file and, when known, the row and column."""
    where = [f"«{source_name}»"]
    if row is not None:
        where.append(f"rad {row}")
    if column is not None:
        where.append(f"kolonne «{column}»")
    return ImportRejected(f"{', '.join(where)}: {problem}")


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
