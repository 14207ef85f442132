"""Partitioned tables: a daily table is stored as one Parquet file per partition.

A table whose spec declares `partition_by` (schema.TABLE_SPECS) is a folder in each generation::

    g000007/ads/meta~2025-08.parquet      one file per partition key; an empty table is an empty folder
    g000007/web/2025-08.parquet

A partition key joins the partition columns' values with "~": a date column by its month
(`YYYY-MM`), a text column by its value, with every character outside a-z, 0-9 and "-" written
as %XX (UTF-8 bytes), so a key is always a safe file name (a long value is cut and ends in "=" and
a hash of the whole value). NULL and "" are one value, "_", as the
importer's natural-key match treats them as equal. The partition columns are part of the natural
key, so rows a newer import replaces always sit in the partitions that import touches.

A commit rewrites the partitions it is given and hard-links the rest (store.Store.commit).
A generation written before partitioning holds `<table>.parquet` instead: it is read as it is,
and the next commit that touches the table writes it as partitions.
"""
from __future__ import annotations

import hashlib
import os
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from campaign.schema import SCHEMAS, conform

SEPARATOR = "~"
NULL = "_"  # NULL or "" in a partition column
SAFE = frozenset("abcdefghijklmnopqrstuvwxyz0123456789-")
ROW_GROUP_SIZE = 100_000
LONGEST_PART = 80  # file names stay far below the file system's 255 bytes


def encode(value) -> str:
    """One text value as a partition-key part (NULL and "" as "_")."""
    if value is None or value == "" or (isinstance(value, float) and np.isnan(value)):
        return NULL
    text = str(value)
    part = "".join(c if c in SAFE else "".join(f"%{b:02X}" for b in c.encode()) for c in text)
    if len(part) <= LONGEST_PART:
        return part
    return part[:LONGEST_PART - 25] + "=" + hashlib.sha256(text.encode()).hexdigest()[:24]


def _dictionary(values: pa.Array) -> tuple[np.ndarray, list]:
    """Per-row codes (a hash table, no sort) and the distinct values; NULL gets the last code."""
    encoded = pc.dictionary_encode(values)
    distinct = encoded.dictionary.to_pylist()
    codes = encoded.indices.fill_null(len(distinct)).to_numpy(zero_copy_only=False)
    return np.asarray(codes, dtype=np.int64), [*distinct, None]


def _codes(column: pa.ChunkedArray) -> tuple[np.ndarray, list[str]]:
    """Per-row codes of one partition column, and the key part of each code (one code per part)."""
    if pa.types.is_date(column.type):
        days = column.cast(pa.date32()).combine_chunks()
        months = days.to_numpy(zero_copy_only=False).astype("datetime64[D]").astype("datetime64[M]")
        numbers = pa.array(months.astype(np.int64), mask=np.isnat(months))
        codes, values = _dictionary(numbers)
        parts = [NULL if n is None else str(np.datetime64(n, "M")) for n in values]
    else:
        codes, values = _dictionary(column.cast(pa.string()).combine_chunks())
        parts = [encode(v) for v in values]
    labels, merged = np.unique(np.array(parts, dtype=object).astype(str), return_inverse=True)  # "" and NULL: one part
    return merged.reshape(-1)[codes], [str(label) for label in labels]


def row_keys(columns: tuple[str, ...], table: pa.Table) -> tuple[np.ndarray, list[str]]:
    """(group of each row, key of each group): rows with the same key share a group number."""
    if table.num_rows == 0:
        return np.zeros(0, dtype=np.int64), []
    parts = [_codes(table[name]) for name in columns]
    combined = np.zeros(table.num_rows, dtype=np.int64)
    for codes, labels in parts:  # one number per combination of parts
        combined = combined * len(labels) + codes
    groups, uniques = _dictionary(pa.array(combined))
    uniques = uniques[:-1]  # no NULL here
    keys = []
    for number in uniques:
        labels_of_row = []
        for _, labels in reversed(parts):
            number, code = divmod(int(number), len(labels))
            labels_of_row.append(labels[code])
        keys.append(SEPARATOR.join(reversed(labels_of_row)))
    return groups.reshape(-1), keys


def split(columns: tuple[str, ...], table: pa.Table) -> dict[str, pa.Table]:
    """A table cut into its partitions (each keeps the table's row order)."""
    groups, keys = row_keys(columns, table)
    if not keys:
        return {}
    small = np.uint16 if len(keys) <= np.iinfo(np.uint16).max else np.uint32  # uint16: a radix sort
    order = np.argsort(groups.astype(small), kind="stable")
    bounds = np.searchsorted(groups[order], np.arange(len(keys) + 1))
    ordered = table.take(pa.array(order))
    return {key: ordered.slice(bounds[i], bounds[i + 1] - bounds[i]) for i, key in enumerate(keys)}


def keys_of(columns: tuple[str, ...], schema: pa.Schema, frame: pd.DataFrame) -> set[str]:
    """The partition keys a frame's rows belong to (a missing column counts as NULL)."""
    if frame.empty:
        return set()
    fields = [schema.field(name) for name in columns]
    arrays = [pa.array(frame[f.name] if f.name in frame.columns else [None] * len(frame), type=f.type,
                       from_pandas=True) for f in fields]
    return set(row_keys(columns, pa.Table.from_arrays(arrays, schema=pa.schema(fields)))[1])


def rows_in(columns: tuple[str, ...], table: pa.Table, keys: set[str]) -> pa.Table:
    """The rows of a table whose partition key is one of `keys`."""
    groups, found = row_keys(columns, table)
    wanted = [i for i, key in enumerate(found) if key in keys]
    return table.filter(pa.array(np.isin(groups, wanted))) if len(groups) else table


def read_files(table: str, files: list[Path], columns: list[str] | None = None) -> pa.Table:
    """Stored files of a table, concatenated, with the schema's columns (NULL where a file lacks one)."""
    names = columns or SCHEMAS[table].names
    pieces = []
    for path in files:
        parquet = pq.ParquetFile(path)
        present = [n for n in names if n in parquet.schema_arrow.names]
        pieces.append(conform(table, parquet.read(columns=present), names))
    return pa.concat_tables(pieces) if pieces else conform(table, SCHEMAS[table].empty_table(), names)


def ids_in_file(path: Path, among: set[int] | None = None) -> set[int]:
    """The import ids one file holds (only those in `among`), reading the import_id column only.

    With `among`, a file whose row-group statistics rule all of them out is not read at all.
    """
    parquet = pq.ParquetFile(path)
    if "import_id" not in parquet.schema_arrow.names or (among is not None and not _may_hold(parquet, among)):
        return set()
    ids = set(pc.unique(parquet.read(columns=["import_id"])["import_id"]).drop_null().to_pylist())
    return ids if among is None else ids & set(among)


def _may_hold(parquet: pq.ParquetFile, among: set[int]) -> bool:
    column = parquet.schema_arrow.get_field_index("import_id")
    for group in range(parquet.metadata.num_row_groups):
        stats = parquet.metadata.row_group(group).column(column).statistics
        if stats is None or not stats.has_min_max or any(stats.min <= i <= stats.max for i in among):
            return True
    return False


def folder(generation: Path, table: str) -> Path:
    """Where a partitioned table's files live in a generation."""
    return generation / table


def legacy_file(generation: Path, table: str) -> Path:
    """The single file a generation written before partitioning holds a table in."""
    return generation / f"{table}.parquet"


def stored(generation: Path, table: str) -> dict[str, Path]:
    """The partition files of a table in a generation, by key (none for an absent or legacy table)."""
    where = folder(generation, table)
    if not where.is_dir():
        return {}
    return {p.name[:-len(".parquet")]: p for p in sorted(where.iterdir()) if p.name.endswith(".parquet")}


def write_file(table: pa.Table, target: Path) -> None:
    """Write one Parquet file the way the store writes every file."""
    pq.write_table(table, target, row_group_size=ROW_GROUP_SIZE)


def write_table(staging: Path, table: str, columns: tuple[str, ...], previous: Path | None,
                whole: pa.Table | None = None, changed: dict[str, pa.Table] | None = None,
                legacy: pa.Table | None = None) -> None:
    """Write one partitioned table into a staging generation.

    `whole` replaces the table; `changed` replaces those partitions (an empty one is dropped) and
    hard-links the others from `previous`; neither carries the table over unchanged. `legacy` is the
    previous generation's single-file table, read by the caller when `changed` must upgrade it.
    """
    target = folder(staging, table)
    if whole is None and changed is None and previous is not None and legacy_file(previous, table).exists():
        os.link(legacy_file(previous, table), legacy_file(staging, table))  # untouched: stays as it was
        return
    target.mkdir()
    if whole is not None:
        _write_parts(target, split(columns, whole))
        return
    changed = changed or {}
    if legacy is not None:  # upgrade: every partition is written once
        parts = split(columns, legacy)
        parts.update(changed)
        _write_parts(target, parts)
        return
    for key, path in (stored(previous, table) if previous is not None else {}).items():
        if key not in changed:
            os.link(path, target / path.name)
    _write_parts(target, changed)


def _write_parts(target: Path, parts: dict[str, pa.Table]) -> None:
    for key, part in parts.items():
        if part.num_rows:
            write_file(part, target / f"{key}.parquet")
