"""Reading platform exports as the platforms write them: encodings, lines above the header,
delimiters, header aliases, locale-formatted numbers and dates. Shared by every platform source.

Everything here rejects with a Norwegian message naming file, row and column; nothing guesses.
"""
from __future__ import annotations

import csv
import datetime as dt
import io
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal

from campaign.fmt import MONTHS
from campaign.fmt import date as date_text
from campaign.ingest.base import ImportRejected, rejected

MAX_VALUE = 1e12  # no count or amount in a campaign export comes near this
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?")
SPACES = ("\u00a0", "\u202f", "\u2009", " ", "'")


def decode(data: bytes, source_name: str) -> tuple[str, str]:
    """The file's text and encoding: UTF-16 or UTF-8 by BOM, UTF-8, else Windows-1252 (an Excel re-save)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "UTF-16"
        except UnicodeDecodeError as exc:
            raise rejected(source_name, f"filen sier den er UTF-16, men kan ikke leses som det ({exc.reason}).") from exc
    try:
        return data.decode("utf-8-sig"), "UTF-8"
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), "Windows-1252"


def norm(name: str) -> str:
    """A header cell compared case- and space-insensitively ("Amount spent (NOK)" → "amount spent (nok)")."""
    text = unicodedata.normalize("NFC", str(name)).replace("\ufeff", "")
    return " ".join(text.strip().strip('"').split()).casefold()


def sniff_delimiter(line: str) -> str:
    """The delimiter of a header line: tab, semicolon or comma, whichever splits it most."""
    counts = {sep: len(next(csv.reader([line], delimiter=sep))) for sep in ("\t", ";", ",")}
    return max(counts, key=lambda sep: (counts[sep], sep == ","))


@dataclass
class Table:
    """The rows below a file's header, as strings; `first_line` is the file line of rows[0] (1-based)."""
    header: list[str]
    rows: list[list[str]]
    first_line: int
    delimiter: str
    preamble: list[str]  # the lines above the header (titles, `#` comments, `sep=,`)


def read_table(text: str, source_name: str, is_header: Callable[[list[str]], bool],
               max_preamble: int = 40) -> Table:
    """Find the header (the first line `is_header` accepts, after titles or comments) and read the rows below it."""
    lines = text.splitlines()
    for index, line in enumerate(lines[:max_preamble]):
        if not line.strip() or line.startswith("#") or line.lower().startswith("sep="):
            continue
        delimiter = sniff_delimiter(line)
        header = [norm(c) for c in next(csv.reader([line], delimiter=delimiter))]
        if is_header(header):
            body = [r for r in csv.reader(lines[index + 1:], delimiter=delimiter)]
            return Table(header, body, index + 2, delimiter, lines[:index])
    raise rejected(source_name, "fant ingen overskriftsrad med kjente kolonner i de første "
                                f"{max_preamble} linjene.")


def original_header(text: str, table: Table) -> list[str]:
    """The header cells as the file writes them (read_table's header is normalised), for messages."""
    line = text.splitlines()[table.first_line - 2]
    return [" ".join(cell.replace("\ufeff", "").split()) for cell in next(csv.reader([line], delimiter=table.delimiter))]


class Columns:
    """Which column holds what: canonical names found through an alias table (easy to extend)."""

    def __init__(self, header: list[str], aliases: dict[str, Iterable[str]]):
        self.index: dict[str, int] = {}
        for canonical, variants in aliases.items():
            wanted = {norm(v) for v in (canonical, *variants)}
            found = [i for i, cell in enumerate(header) if cell in wanted]
            if found:
                self.index[canonical] = found[0]
        self.header = header

    def __contains__(self, canonical: str) -> bool:
        return canonical in self.index

    def require(self, source_name: str, needed: Iterable[str], aliases: dict[str, Iterable[str]]) -> None:
        """Reject a layout without the needed columns, listing what was found and what is expected."""
        missing = [c for c in needed if c not in self.index]
        if missing:
            expected = "; ".join(f"«{c}» (eller {', '.join(repr(v) for v in aliases[c])})" if aliases.get(c)
                                 else f"«{c}»" for c in missing)
            found = ", ".join(f"«{h}»" for h in self.header if h)
            raise rejected(source_name, f"ukjent kolonneoppsett. Mangler {expected}. Fant {found}.")

    def cell(self, row: list[str], canonical: str) -> str:
        """The row's text in that column ("" when the column is absent or the row short)."""
        i = self.index.get(canonical)
        return row[i].strip() if i is not None and i < len(row) else ""


def number(text: str, source_name: str, line: int, column: str, decimal_comma: bool = False,
           negative: bool = False) -> float | None:
    """A locale-formatted number ("1 234,5", "454,06", "95,769%", "4.19") or None for an empty cell; rejects the rest."""
    raw = text.strip()
    if raw in ("", "-", "–", "--"):
        return None
    value = raw[:-1].strip() if raw.endswith("%") else raw
    for space in SPACES:
        value = value.replace(space, "")
    if decimal_comma:
        value = value.replace(".", "").replace(",", ".")
    elif value.count(",") and "." in value:
        value = value.replace(",", "")  # "1,234.56"
    elif value.count(",") == 1 and re.fullmatch(r"-?[0-9]+,[0-9]{1,2}", value):
        value = value.replace(",", ".")  # a lone decimal comma in a comma-free file
    elif re.fullmatch(r"-?[0-9]{1,3}(,[0-9]{3})+", value):
        value = value.replace(",", "")  # thousands separators only
    if not NUMBER.fullmatch(value):
        raise rejected(source_name, f"«{raw}» er ikke et tall.", line, column)
    result = float(value)
    if result < 0 and not negative:
        raise rejected(source_name, f"«{raw}» er negativt; her kan det bare stå tall fra 0 og oppover.", line, column)
    if abs(result) > MAX_VALUE:
        raise rejected(source_name, f"«{raw}» er urimelig stort.", line, column)
    return result


def count(text: str, source_name: str, line: int, column: str, decimal_comma: bool = False,
          negative: bool = False) -> int | None:
    """A whole number (impressions, clicks, views) or None for an empty cell; "12,0" is 12, "12,5" is rejected."""
    value = number(text, source_name, line, column, decimal_comma, negative)
    if value is None:
        return None
    if value != int(value):
        raise rejected(source_name, f"«{text.strip()}» er ikke et helt tall.", line, column)
    return int(value)


def one_date_format(values: list[str], formats: Iterable[str], source_name: str, first_line: int,
                    column: str) -> list[dt.date]:
    """Dates parsed with the first format that reads every value (so 01/09 is not read two ways in one file)."""
    cleaned = [v.strip() for v in values]
    for fmt in formats:
        try:
            return [dt.datetime.strptime(v, fmt).date() for v in cleaned]
        except ValueError:
            continue
    bad = next((i for i, v in enumerate(cleaned) if not any(_parses(v, f) for f in formats)), 0)
    raise rejected(source_name, f"«{cleaned[bad] if cleaned else ''}» er ikke en dato i et kjent format.",
                   first_line + bad, column)


def _parses(value: str, fmt: str) -> bool:
    try:
        dt.datetime.strptime(value, fmt)
        return True
    except ValueError:
        return False


# --- workbooks (XLSX) ------------------------------------------------------------------------------

def is_workbook(zip_names: list[str]) -> bool:
    """True for an XLSX file (a zip holding xl/workbook.xml)."""
    return "xl/workbook.xml" in zip_names


def workbook_sheets(data: bytes, source_name: str, max_rows: int | None = None) -> dict[str, str]:
    """Each sheet of an XLSX file as comma-separated text for read_table (line n = sheet row n).

    Numbers become machine text ("4.19763158", never "1e+17"), dates ISO ("2023-08-01"), line
    breaks inside a cell a space; so a sheet reads like the platform's CSV export.
    """
    import openpyxl  # only XLSX imports pay for loading it

    try:
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return {sheet.title: _sheet_text(sheet, max_rows) for sheet in book.worksheets}
        finally:
            book.close()
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        raise rejected(source_name, "regnearket kan ikke leses (det er skadet eller ikke en XLSX-fil).") from exc


def _sheet_text(sheet, max_rows: int | None) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in sheet.iter_rows(max_row=max_rows, values_only=True):
        writer.writerow([cell_text(value) for value in row])
    return out.getvalue()


def cell_text(value) -> str:
    """A spreadsheet cell as the text a CSV export would hold."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else format_float(value)
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep="T")
    if isinstance(value, dt.date):
        return value.isoformat()
    return " ".join(str(value).splitlines())


def format_float(value: float) -> str:
    """A float without an exponent (1e-05 → "0.00001")."""
    return format(Decimal(repr(value)), "f")


# --- periods in reports ----------------------------------------------------------------------------

def period_text(first: dt.date, last: dt.date) -> str:
    """A period as the import report names it: '27. juli–11. sep. 2023' ('1. aug. 2023' for one day)."""
    if first == last:
        return date_text(first)
    start = f"{first.day}. {MONTHS[first.month - 1]}" if first.year == last.year else date_text(first)
    return f"{start}–{date_text(last)}"


# --- recognising a file and its number locale ------------------------------------------------------

def head_text(data: bytes, size: int = 8192) -> str:
    """A file's first bytes as text for recognise(): UTF-16 by BOM, UTF-8, else Windows-1252."""
    head = data[:size]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head[:len(head) - len(head) % 2].decode("utf-16", errors="replace")
    try:
        return head.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if exc.start > len(head) - 4:  # the cut fell inside a character
            return head[:exc.start].decode("utf-8-sig", errors="replace")
        return head.decode("cp1252", errors="replace")


def sniff_header(data: bytes, is_header: Callable[[list[str]], bool]) -> list[str] | None:
    """The normalised header cells near the top of a file when `is_header` accepts a line, else None."""
    try:
        return read_table(head_text(data), "", is_header).header
    except ImportRejected:
        return None


def decimal_marks(values: Iterable[str]) -> set[str]:
    """The decimal marks the values can only have been written with: {","}, {"."}, both (a contradiction) or none.

    "454,06" and "0,769" need a decimal comma, "1,234.5" a point; "95,769" could be either and tells nothing.
    """
    seen = set()
    for value in values:
        text = value.strip().removesuffix("%").strip()
        for space in SPACES:
            text = text.replace(space, "")
        marks = [c for c in text if c in ",."]
        if not marks or not re.fullmatch(r"-?[0-9][0-9.,]*", text):
            continue
        if len(set(marks)) == 2:
            seen.add(marks[-1])
        elif len(marks) == 1 and not re.fullmatch(rf"-?[1-9][0-9]{{0,2}}\{marks[0]}[0-9]{{3}}", text):
            seen.add(marks[0])
    return seen

