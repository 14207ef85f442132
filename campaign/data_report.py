"""What the «Data» page shows of the store: per table its row count and per column type, meaning, unit and an
example value (campaign/dictionary.py has the meanings).

Row counts come from the Parquet files' metadata and examples from their first rows, so profiling a
national-scale store reads no table whole. Called through ui.built: once per data version.
"""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

from campaign import dictionary, fmt
from campaign.schema import TABLE_SPECS
from campaign.store import Store, default_data_dir

SAMPLE_ROWS = 1000  # rows read per file to find an example value
SAMPLE_FILES = 5  # files read at most per table
EXAMPLE_CHARS = 40
HEADERS = {"column": "Kolonne", "type": "Type", "meaning": "Betydning", "unit": "Enhet", "example": "Eksempel"}


def example_text(value, plain: bool = False) -> str:
    """A stored value as the page shows it: Norwegian numbers and dates, long text cut (`plain`: a year, as is)."""
    if value is None or (isinstance(value, float) and pd.isna(value)):
        return "–"
    if plain:
        return str(value)
    if isinstance(value, dt.datetime):
        return fmt.datetime(value)
    if isinstance(value, dt.date):
        return fmt.date(value)
    if isinstance(value, bool):
        return "ja" if value else "nei"
    if isinstance(value, int):
        return fmt.number(value)
    if isinstance(value, float):
        return fmt.number(value, 0 if value == int(value) else 2)
    text = fmt.one_line(str(value))
    return text if len(text) <= EXAMPLE_CHARS else text[:EXAMPLE_CHARS - 1] + "…"


def _first_values(files: list[Path], names: list[str]) -> dict[str, object]:
    """The first non-null value of each column in the first rows of the first files."""
    found: dict[str, object] = {}
    for path in files[:SAMPLE_FILES]:
        parquet = pq.ParquetFile(path)
        wanted = [n for n in names if n not in found and n in parquet.schema_arrow.names]
        if not wanted:
            continue
        batch = next(parquet.iter_batches(batch_size=SAMPLE_ROWS, columns=wanted), None)
        for name in wanted if batch is not None else []:
            values = batch.column(name).drop_null()
            if len(values):
                found[name] = values[0].as_py()
    return found


def profile(table: str, store: Store, version: str) -> tuple[int, pd.DataFrame]:
    """(rows, one row per column: Kolonne, Type, Betydning, Enhet, Eksempel)."""
    files = store.table_files(table, version)
    rows = sum(pq.ParquetFile(path).metadata.num_rows for path in files)
    names = TABLE_SPECS[table].schema.names
    examples = _first_values(files, names) if rows else {}
    columns = [{**c, "example": example_text(examples.get(c["column"]), plain=c["unit"] == "år")}
               for c in dictionary.columns(table)]
    return rows, pd.DataFrame(columns).rename(columns=HEADERS)


def tables() -> list[tuple[str, str, int, pd.DataFrame]]:
    """Every stored table in schema order: (name, Norwegian label, rows, its columns)."""
    store = Store(default_data_dir())
    version = store.version()
    overview = []
    for table, spec in TABLE_SPECS.items():
        try:
            rows, columns = profile(table, store, version)
        except (OSError, pa.ArrowException):  # a generation removed while we read: show the columns only
            rows, columns = -1, pd.DataFrame(dictionary.columns(table)).assign(example="–").rename(columns=HEADERS)
        overview.append((table, spec.label, rows, columns))
    return overview
