"""What the field-work templates (field_calls, field_doors, field_stands) share: the template file,
recognising it by its header, reading its rows, and the cell rules (dates, counts, text).

Each template is described by a `Template`; the source modules keep only their own rules.
These templates hold aggregates only, so a file with a column for names, phone numbers or e-mail
is rejected (the templates never have such columns).
"""
from __future__ import annotations

import csv
import datetime as dt
import io
from dataclasses import dataclass, field

import pandas as pd

from campaign.ingest.base import rejected
from campaign.ingest.source import Sniff
from campaign.ingest.tabular import (
    count,
    decimal_marks,
    decode,
    norm,
    number,
    one_date_format,
    original_header,
    read_table,
    sniff_header,
)

EXAMPLE_MARK = "EKSEMPEL – slett denne raden"
DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d")
# Columns that would hold personal data; normalised like header cells.
PERSONAL = ("navn", "fornavn", "etternavn", "name", "telefon", "telefonnummer", "tlf", "mobil", "mobilnummer",
            "phone", "e-post", "epost", "e-postadresse", "email", "e-mail", "adresse", "address",
            "fødselsdato", "personnummer")


@dataclass(frozen=True)
class Template:
    """One field-work template: its columns, which are needed, header aliases and the example row."""
    header: tuple[str, ...]
    needed: tuple[str, ...]  # columns a file must have (recognition and reading)
    example: tuple[str, ...]  # the template's example row; EXAMPLE_MARK in one cell
    numbers: tuple[str, ...]  # numeric columns (for the decimal mark)
    aliases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def variants(self) -> dict[str, set[str]]:
        return {c: {norm(v) for v in (c, *self.aliases.get(c, ()))} for c in self.header}

    def is_header(self, header: list[str]) -> bool:
        wanted = self.variants()
        return all(any(cell in wanted[c] for cell in header) for c in self.needed)

    def csv(self) -> bytes:
        """The template as the import page offers it: UTF-8 with BOM, `;`, one example row."""
        out = io.StringIO()
        csv.writer(out, delimiter=";", lineterminator="\r\n").writerows([self.header, self.example])
        return "\ufeff".encode() + out.getvalue().encode("utf-8")

    def recognise(self, sniff: Sniff) -> bool:
        return not sniff.is_zip and sniff_header(sniff.data, self.is_header) is not None


@dataclass
class Rows:
    """A template file read: rows as cells by column, the file's column names, decimal mark, warnings."""
    rows: list[tuple[int, dict[str, str]]]
    names: dict[str, str]
    comma: bool
    warnings: list[str]


def read_rows(data: bytes, source_name: str, template: Template, nothing: str) -> Rows:
    """The file's non-empty rows; rejects personal or unknown columns, missing ones and an empty file."""
    text, encoding = decode(data, source_name)
    table = read_table(text, source_name, template.is_header)
    header = original_header(text, table)
    index = column_index(table.header, header, source_name, template)
    names = {c: header[index[c]] if c in index else c for c in template.header}
    rows = cells_by_column(table, index, header, source_name)
    if not rows:
        raise rejected(source_name, f"filen har ingen {nothing}, bare overskriften.")
    values = [cells.get(c, "") for _, cells in rows for c in template.numbers]
    marks = decimal_marks(values)
    if len(marks) == 2:
        raise rejected(source_name, "tallene blander desimalkomma og desimalpunktum; bruk komma (2,5).")
    comma = marks == {","} or (not marks and table.delimiter != ",")
    warnings = [f"Filen ble lest som {encoding}."] if encoding != "UTF-8" else []
    return Rows(rows, names, comma, warnings)


def column_index(header: list[str], names: list[str], source_name: str, template: Template) -> dict[str, int]:
    """Each template column's index in a normalised header; rejects personal and unknown columns (listed)."""
    personal = [f"«{names[i]}»" for i, cell in enumerate(header) if cell in PERSONAL]
    if personal:
        raise rejected(source_name, f"filen har kolonner med personopplysninger: {', '.join(personal)}. Malen "
                                    "har bare tall og steder, aldri navn, telefonnumre eller e-post; fjern "
                                    "kolonnene og importer igjen.")
    wanted, index, unknown = template.variants(), {}, []
    for i, cell in enumerate(header):
        column = next((c for c, variants in wanted.items() if cell in variants), None)
        if column and column not in index:
            index[column] = i
        elif cell:
            unknown.append(f"«{names[i]}»")
    if unknown:
        raise rejected(source_name, f"ukjente kolonner: {', '.join(unknown)}. Malen har kolonnene "
                                    f"{';'.join(template.header)} (last ned malen på importsiden).")
    return index


def cells_by_column(table, index: dict[str, int], names: list[str],
                    source_name: str) -> list[tuple[int, dict[str, str]]]:
    """The non-empty rows (Excel leaves `;;;;` lines) as cells by template column; the example row refused."""
    rows = []
    for offset, row in enumerate(table.rows):
        line = table.first_line + offset
        if not "".join(row).strip():
            continue
        extra = [cell for cell in row[len(names):] if cell.strip()]
        if extra:
            raise rejected(source_name, f"raden har flere verdier enn kolonner («{extra[0].strip()}»).", line)
        cells = {c: row[i].strip() if i < len(row) else "" for c, i in index.items()}
        if EXAMPLE_MARK in cells.values():
            raise rejected(source_name, "eksempelraden fra malen står fortsatt i filen. Slett den.", line)
        rows.append((line, cells))
    return rows


# --- cells -------------------------------------------------------------------------------------------

class Cells:
    """One row's cells with the file's names, read by the shared rules (messages name row and column)."""

    def __init__(self, cells: dict[str, str], read: Rows, source_name: str, line: int):
        self.cells, self.names, self.comma = cells, read.names, read.comma
        self.source_name, self.line = source_name, line

    def fail(self, column: str, message: str):
        raise rejected(self.source_name, message, self.line, self.names[column])

    def text(self, column: str, required: bool = False) -> str | None:
        value = " ".join(self.cells.get(column, "").split())
        if required and not value:
            self.fail(column, f"{self.names[column]} mangler.")
        return value or None

    def date(self, column: str) -> dt.date:
        text = self.text(column, required=True)
        day = one_date_format([text], DATE_FORMATS, self.source_name, self.line, self.names[column])[0]
        if not 2000 <= day.year <= 2100:
            self.fail(column, f"«{text}» er ikke en rimelig dato.")
        if day > dt.date.today():
            self.fail(column, f"{day:%d.%m.%Y} ligger fram i tid; malen er for det som er gjort.")
        return day

    def count(self, column: str, required: bool = False) -> int | None:
        value = count(self.cells.get(column, ""), self.source_name, self.line, self.names[column], self.comma)
        if value is None and required:
            self.fail(column, f"{self.names[column]} mangler.")
        return value

    def number(self, column: str, required: bool = False) -> float | None:
        value = number(self.cells.get(column, ""), self.source_name, self.line, self.names[column], self.comma)
        if value is None and required:
            self.fail(column, f"{self.names[column]} mangler.")
        return value


def each(read: Rows, source_name: str):
    """(line, Cells) for every row of a read file."""
    return [(line, Cells(cells, read, source_name, line)) for line, cells in read.rows]


def refuse_twice(frame: pd.DataFrame, key: list[str], source_name: str, what: str) -> None:
    """Reject two rows with the same natural key (the second would silently replace the first)."""
    twice = frame[frame.duplicated(key, keep=False)]
    if len(twice):
        first, second = twice["_line"].iloc[0], twice["_line"].iloc[1]
        raise rejected(source_name, f"rad {first} og rad {second} gjelder det samme ({what}). Slå dem sammen "
                                    "til én rad.", second)
