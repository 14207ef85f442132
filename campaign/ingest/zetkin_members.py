"""Members and activists → `members`: a Zetkin list («view») export, aggregated at import.

Zetkin writes a view as CSV (UTF-8 with BOM, `,`, the header upper-cased: `ID`, then the view's
own column titles; booleans as `true`/`false`) or as XLSX. Each row is one person. This module
keeps only counts per local branch for one snapshot date:

    members    rows (people) per branch
    active     rows with true/ja/x in an «aktiv» column (None when the view has none)
    activists  rows with true/ja/x in an «aktivist»/«signed up» column (None when absent)

Every other column (names, phone numbers, e-mail, addresses, birth dates, the IDs, notes) is
dropped before anything leaves this module; the report lists the dropped columns. Without a
branch column everyone counts under the organisation's name from campaign.toml.
"""
from __future__ import annotations

import csv
import datetime as dt

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ImportRejected, ParsedBatch, rejected
from campaign.ingest.source import Option, Sniff, Source
from campaign.ingest.tabular import (
    Columns,
    decode,
    head_text,
    is_workbook,
    norm,
    original_header,
    read_table,
    workbook_sheets,
)

KIND = "zetkin_members"
ID_NAMES = ("id", "zetkin id")
ALIASES = {
    "branch": ("lokallag", "lokallaget", "lokalt lag", "lokalavdeling", "avdeling", "lag", "branch",
               "local branch", "lokallag/avdeling"),
    "active": ("aktiv", "aktiv?", "aktivt medlem", "er aktiv", "active", "aktive"),
    "activists": ("aktivist", "aktivist?", "aktivister", "er aktivist", "påmeldt aktivist", "påmeldt",
                  "signed up", "activist"),
}
KNOWN = {norm(v) for variants in ALIASES.values() for v in variants}
TRUE, FALSE = ("true", "ja", "x", "sann"), ("false", "nei", "", "usann")
NO_BRANCH = "Uten lokallag"
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y")


def _is_header(header: list[str]) -> bool:
    """Zetkin's view header: `ID` (or `Zetkin ID`) first, and at least one column this module reads."""
    return bool(header) and header[0] in ID_NAMES and any(cell in KNOWN for cell in header[1:])


def recognise(sniff: Sniff) -> bool:
    if sniff.is_zip:
        if not is_workbook(sniff.zip_names):
            return False
        try:
            sheets = workbook_sheets(sniff.data, sniff.source_name, max_rows=1)
        except ImportRejected:
            return False
        return any(_is_header(_first_row(text)) for text in sheets.values())
    return _is_header(_first_row(head_text(sniff.data)))


def _first_row(text: str) -> list[str]:
    """The first non-empty line split at commas, normalised (Zetkin writes no title lines)."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    return [norm(cell) for cell in next(csv.reader([line]), [])]


# --- reading -------------------------------------------------------------------------------------

def parse_zetkin_members(data: bytes, source_name: str, config: Config | None = None,
                         date: str | dt.date | None = None) -> ParsedBatch:
    """The view as `members` rows per branch for the snapshot date; rejects the whole file on any problem."""
    day = snapshot_date(date, source_name)
    text, warnings = _text(data, source_name)
    table = read_table(text, source_name, _is_header, max_preamble=1)
    header = original_header(text, table)
    columns = Columns(table.header, ALIASES)
    people = _people(table, columns, source_name)
    org = config.org_name if config else "Organisasjonen"
    if "branch" not in columns:
        warnings.append(f"Filen har ingen kolonne for lokallag; alle {len(people)} telles under «{org}».")
    warnings.append(_dropped_note(header, columns))
    frame = _counts(people, day, org, columns)
    return ParsedBatch(KIND, source_name, None, {"members": frame}, _areas(frame, day), _checks(frame), warnings)


def snapshot_date(value: str | dt.date | None, source_name: str) -> dt.date:
    """The option's date (åååå-mm-dd or dd.mm.åååå), today when none is given; rejects anything else."""
    if value in (None, ""):
        return dt.date.today()
    if isinstance(value, dt.date):
        day = value
    else:
        day = next((d for d in (_strptime(str(value).strip(), f) for f in DATE_FORMATS) if d), None)
        if day is None:
            raise rejected(source_name, f"«{value}» er ikke en dato. Skriv datoen medlemslista gjelder som "
                                        "åååå-mm-dd, f.eks. 2023-09-01.")
    if day > dt.date.today() or day.year < 2000:
        raise rejected(source_name, f"{day:%d.%m.%Y} er ikke en rimelig dato for medlemslista (fram i tid "
                                    "eller før 2000).")
    return day


def _strptime(text: str, fmt_: str) -> dt.date | None:
    try:
        return dt.datetime.strptime(text, fmt_).date()
    except ValueError:
        return None


def _text(data: bytes, source_name: str) -> tuple[str, list[str]]:
    """The view as CSV text: the CSV itself, or the XLSX sheet whose header is Zetkin's."""
    if data.startswith(b"PK\x03\x04"):
        sheets = workbook_sheets(data, source_name)
        text = next((t for t in sheets.values() if _is_header(_first_row(t))), None)
        if text is None:
            raise rejected(source_name, "ingen ark i regnearket har Zetkins overskrift (ID først).")
        return text, []
    text, encoding = decode(data, source_name)
    return text, [f"Filen ble lest som {encoding}."] if encoding != "UTF-8" else []


def _people(table, columns: Columns, source_name: str) -> list[dict]:
    """One dict per person with only branch and the two flags; the other cells are never kept."""
    people, seen = [], {}
    for offset, row in enumerate(table.rows):
        line = table.first_line + offset
        if not "".join(row).strip():
            continue
        person_id = row[0].strip()
        if not person_id:
            raise rejected(source_name, "ID mangler.", line, "ID")
        if person_id in seen:
            raise rejected(source_name, f"samme ID står på rad {seen[person_id]} og rad {line}; en liste fra "
                                        "Zetkin har hver person én gang.", line, "ID")
        seen[person_id] = line
        people.append({"branch": " ".join(columns.cell(row, "branch").split()) or NO_BRANCH,
                       "active": _flag(row, columns, "active", source_name, line),
                       "activists": _flag(row, columns, "activists", source_name, line)})
    if not people:
        raise rejected(source_name, "lista har ingen personer, bare overskriften.")
    return people


def _flag(row: list[str], columns: Columns, canonical: str, source_name: str, line: int) -> bool | None:
    if canonical not in columns:
        return None
    value = columns.cell(row, canonical).casefold()
    if value in TRUE:
        return True
    if value in FALSE:
        return False
    name = columns.header[columns.index[canonical]].upper()
    raise rejected(source_name, f"«{columns.cell(row, canonical)}» er verken true/false, ja/nei, x eller tom.",
                   line, name)


def _dropped_note(header: list[str], columns: Columns) -> str:
    kept = set(columns.index.values())
    dropped = [f"«{name}»" for i, name in enumerate(header) if i not in kept and name]
    return ("Fjernet før lagring (bare antall per lokallag lagres): " + ", ".join(dropped) + "."
            if dropped else "Ingen kolonner ble fjernet.")


def _counts(people: list[dict], day: dt.date, org: str, columns: Columns) -> pd.DataFrame:
    frame = pd.DataFrame.from_records(people)
    if "branch" not in columns:
        frame["branch"] = org
    counts = frame.groupby("branch", sort=True).agg(
        members=("branch", "size"), active=("active", "sum"), activists=("activists", "sum")).reset_index()
    for flag in ("active", "activists"):
        if flag not in columns:
            counts[flag] = pd.NA
    counts.insert(0, "date", day)
    return counts.astype({"branch": "string", "members": "Int64", "active": "Int64", "activists": "Int64"})


def _checks(frame: pd.DataFrame) -> list[Check]:
    parts = [f"{fmt.number(int(frame['members'].sum()))} medlemmer"]
    for flag, word in (("active", "aktive"), ("activists", "aktivister")):
        if frame[flag].notna().any():
            parts.append(f"{fmt.number(int(frame[flag].sum()))} {word}")
    return [Check("Medlemmer i alt", True, ", ".join(parts) + f" i {len(frame)} lokallag.")]


def _areas(frame: pd.DataFrame, day: dt.date) -> str:
    return f"{len(frame)} lokallag, {fmt.number(int(frame['members'].sum()))} medlemmer per {fmt.date(day)}"


def _parse(data: bytes, source_name: str, config: Config, date: str | None = None) -> ParsedBatch:
    return parse_zetkin_members(data, source_name, config, date)


SOURCE = Source(
    kind=KIND,
    label="Medlemsliste (Zetkin)",
    description="en liste (visning) lastet ned fra Zetkin som CSV eller XLSX (ID først, med lokallag, "
                "aktiv eller aktivist), lagret bare som antall per lokallag",
    credit="Zetkin (medlemslister)",
    extensions=("csv", "xlsx"),
    recognise=recognise,
    parse=_parse,
    tables=("members",),
    options=(Option("date", "Dato for medlemslista (Zetkin)",
                    "datoen medlemslista fra Zetkin gjelder (åååå-mm-dd); ellers dagens dato",
                    placeholder="f.eks. 2023-09-01"),),
    rules=("ingen personer i lista", "samme ID to ganger", "ja/nei-celler som ikke er true/false, ja/nei, "
           "x eller tomme", "en dato som ikke er en dato eller ligger fram i tid"),
)
