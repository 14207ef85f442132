"""What a data source declares: how its files are recognised, what they need, how they are read.

Each source module in campaign/ingest/ ends with one `SOURCE = Source(...)`; the registry lists
them. Detection, the CLI, the import page, the import log and the charts' source lines read
everything about a kind of file from here.
"""
from __future__ import annotations

import datetime as dt
import io
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property

from campaign.ingest.base import Check, ParsedBatch, safe_json_loads

HEAD_BYTES = 4096


@dataclass(frozen=True)
class Option:
    """Something a file does not say that the user gives on import: `--NAME` on the CLI, a field on the page."""
    name: str  # the parse function's keyword and the CLI flag (--name)
    label: str  # the field's label on the import page
    help: str  # CLI help text and the field's placeholder
    placeholder: str = ""  # an example in the page's empty field, e.g. "f.eks. ko2023"
    choices: tuple[str, ...] = ()  # a fixed list (a select box on the page)
    required: bool = False  # reject the file when the option is not given
    missing: str = ""  # why a file is rejected without it, e.g. "filen sier ikke om den gjelder …"


class Sniff:
    """A file as detection sees it: its first bytes, its JSON document, its zip members."""

    def __init__(self, data: bytes, source_name: str):
        self.data = data
        self.source_name = source_name

    @cached_property
    def head(self) -> bytes:
        """The first bytes with a UTF-8 BOM and leading white space removed."""
        return self.data[:HEAD_BYTES].lstrip(b"\xef\xbb\xbf").lstrip()

    @cached_property
    def is_zip(self) -> bool:
        return self.data.startswith(b"PK\x03\x04")

    @cached_property
    def is_sqlite(self) -> bool:
        return self.data.startswith(b"SQLite format 3\x00")

    @cached_property
    def zip_names(self) -> list[str]:
        """Member names of a zip file ([] for anything else); raises BadZipFile for a broken zip."""
        return zipfile.ZipFile(io.BytesIO(self.data)).namelist() if self.is_zip else []

    @cached_property
    def document(self):
        """The parsed JSON document when the file starts like JSON, else None; raises on invalid JSON.

        Parsed with base.safe_json_loads, so a huge or deeply nested file is rejected before json.loads.
        """
        if not self.head.startswith((b"{", b"[")):
            return None
        return safe_json_loads(self.data, self.source_name)


@dataclass(frozen=True)
class FormField:
    """One column of a source's template, typed into the import page's form."""
    column: str  # the template's column name
    label: str  # the field's Norwegian label
    kind: str = "text"  # "text", "date", "number" or "choice"
    required: bool = False
    choices: tuple[str, ...] = ()  # suggestions for "choice" (other words may be typed)
    help: str = ""


@dataclass(frozen=True)
class Source:
    """One kind of importable file: everything the rest of the program needs to know about it."""
    kind: str  # stored in the import log, e.g. "valg_csv"
    label: str  # Norwegian name of the kind, in reports and the import log
    description: str  # what it is and where it comes from, for «ukjent filtype» and the import page
    credit: str  # the origin named in the charts' source lines
    extensions: tuple[str, ...]  # file name endings the import page accepts (without dot)
    recognise: Callable[[Sniff], bool]  # by content, never by file name
    parse: Callable[..., ParsedBatch]  # parse(data, source_name, config, **options)
    tables: tuple[str, ...]  # store tables it writes (natural keys in store.TABLE_SPECS)
    options: tuple[Option, ...] = ()
    zip_hint: str = ""  # what a zip of this source holds, for «zip-fila inneholder ingen …»
    check_together: Callable[[list[ParsedBatch]], list[Check]] | None = None  # checks across files of one election
    # What makes a file of this kind impossible (Norwegian). The parser rejects a file that breaks one;
    # the report lists them as one passed rejecting check, beside the informing checks.
    rules: tuple[str, ...] = ()
    # A template users fill in (bytes of a CSV with one example row), and the form that types one row of it.
    template: Callable[[], bytes] | None = None
    form: tuple[FormField, ...] = ()

    def form_csv(self, values: dict) -> bytes:
        """One form entry written as the template's CSV (`;`, dd.mm.yyyy, decimal comma), to import like a file."""
        header = [f.column for f in self.form]
        cells = [_cell(values.get(column)) for column in header]
        return ("\ufeff" + ";".join(header) + "\r\n" + ";".join(cells) + "\r\n").encode("utf-8")


def _cell(value) -> str:
    """A form value as a template cell: dates dd.mm.yyyy, numbers with a decimal comma, text without `;`."""
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return f"{value:%d.%m.%Y}"
    if isinstance(value, float):
        return (str(int(value)) if value.is_integer() else repr(value)).replace(".", ",")
    return str(value).replace(";", ",").replace("\n", " ").strip()
