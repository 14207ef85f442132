"""The store: Parquet files per table in immutable generations, plus an import log.

Layout of the data dir::

    CURRENT            name of the live generation ("g000007"), replaced atomically
    g000007/           never modified after CURRENT points to it:
      results.parquet    one Parquet file per table,
      ads/meta~2025-08.parquet   or one per partition for the daily tables (partitions.py)
    .writer.lock       the writers' lock (see writelock.py); never removed

A commit writes a complete new generation (unchanged tables and partitions are hard-linked),
then swaps CURRENT with os.replace. A crash or a rejected batch therefore never leaves a
half-written table: readers see either the old generation or the new one. The generation name
is the data version used as cache key. The tables themselves are declared in schema.py.

Writers take turns: `with store.writing():` holds the data dir's lock from reading the tables
to the pointer swap (commit takes it too, re-entrantly). Only the lock holder cleans up
(generations.py): what a killed writer left, and retired generations beyond the newest
KEEP_GENERATIONS once no server in another process should still be reading them.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from campaign import generations, writelock
from campaign import partitions as layout
from campaign.generations import KEEP_GENERATIONS as KEEP_GENERATIONS  # re-exported
from campaign.schema import (  # noqa: F401  (re-exported: the tables are the store's contract)
    DATA_TABLES,
    NATURAL_KEYS,
    PARTITIONED,
    SCHEMAS,
    TABLE_SPECS,
    TABLES,
    Table,
    conform,
    empty_frame,
    to_arrow,
)
from campaign.writelock import StoreBusy as StoreBusy  # re-exported: what a writer may raise


def default_data_dir() -> Path:
    """CAMPAIGN_DATA_DIR, or data/ in the project."""
    env = os.environ.get("CAMPAIGN_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


@dataclass
class ImportRecord:
    """One line of the import log, before it gets its id."""
    kind: str
    source_name: str
    sha256: str
    rows: int
    first_date: dt.date | None = None
    last_date: dt.date | None = None
    election_id: str | None = None
    replaced_rows: int = 0
    area: str | None = None  # ParsedBatch.area: the fylke whose rows a whole-country file was cut to


class Store:
    """Reads and atomically replaces the Parquet tables under one data dir."""

    def __init__(self, data_dir: str | os.PathLike | None = None, lock_timeout: float | None = None):
        self.data_dir = Path(data_dir) if data_dir else default_data_dir()
        self.lock_timeout = lock_timeout  # None: writelock.default_timeout()

    def version(self) -> str:
        """The live generation's name; "empty" before the first commit."""
        try:
            return (self.data_dir / "CURRENT").read_text().strip() or "empty"
        except FileNotFoundError:
            return "empty"

    def is_empty(self) -> bool:
        """True when nothing has been written yet."""
        return self.version() == "empty"

    def generation(self, version: str | None = None) -> Path | None:
        """The folder of a generation (the live one by default), or None for an empty store."""
        version = version or self.version()
        return None if version == "empty" else self.data_dir / version

    def table_files(self, table: str, version: str | None = None) -> list[Path]:
        """The Parquet files holding a table in a generation: one, one per partition, or none."""
        generation = self.generation(version)
        if generation is None:
            return []
        single = layout.legacy_file(generation, table)
        return [single] if single.exists() else list(layout.stored(generation, table).values())

    def read(self, table: str, version: str | None = None, partitions: set[str] | None = None,
             columns: list[str] | None = None) -> pd.DataFrame:
        """A table as a DataFrame (for writers; readers go through DuckDB), live or of `version`.

        `partitions` reads only those partition keys of a partitioned table (keys with no file are
        empty); `columns` reads only those columns.
        """
        return self.read_arrow(table, version, partitions, columns).to_pandas()

    def read_arrow(self, table: str, version: str | None = None, keys: set[str] | None = None,
                   columns: list[str] | None = None) -> pa.Table:
        """As `read`, as an Arrow table."""
        generation = self.generation(version)  # resolved once: CURRENT may move meanwhile
        if generation is None:
            return layout.read_files(table, [], columns)
        if keys is None or table not in PARTITIONED:
            return layout.read_files(table, self.table_files(table, generation.name), columns)
        single = layout.legacy_file(generation, table)
        if single.exists():  # written before partitioning: the one file, filtered
            rows = layout.rows_in(PARTITIONED[table], layout.read_files(table, [single]), keys)
            return rows.select(columns or SCHEMAS[table].names)
        stored = layout.stored(generation, table)
        return layout.read_files(table, [stored[key] for key in sorted(keys) if key in stored], columns)

    def import_ids(self, table: str, version: str | None = None, among: set[int] | None = None) -> set[int]:
        """The import ids a table holds rows of (only those in `among`); reads the import_id column only."""
        found: set[int] = set()
        for path in self.table_files(table, version):
            found |= layout.ids_in_file(path, among)
        return found

    def partitions_with(self, table: str, import_id: int, version: str | None = None) -> set[str]:
        """The keys of a partitioned table's partitions holding rows of an import."""
        generation = self.generation(version)
        if generation is None:
            return set()
        single = layout.legacy_file(generation, table)
        if single.exists():
            rows = layout.read_files(table, [single], [*PARTITIONED[table], "import_id"])
            return set(layout.split(PARTITIONED[table], rows.filter(pc.equal(rows["import_id"], import_id))))
        return {key for key, path in layout.stored(generation, table).items()
                if layout.ids_in_file(path, {import_id})}

    def next_import_id(self, version: str | None = None) -> int:
        """The id the next import will get."""
        log = self.read("imports", version, columns=["import_id"])
        return int(log["import_id"].max()) + 1 if len(log) else 1

    @contextmanager
    def writing(self, timeout: float | None = None,
                on_wait: Callable[[float], None] | None = None) -> Iterator[float]:
        """Hold the writers' lock (read, decide and commit inside); yields the seconds waited.

        Raises StoreBusy (Norwegian message) when another writer keeps it longer than the timeout.
        """
        limit = self.lock_timeout if timeout is None else timeout
        with writelock.exclusive(self.data_dir, limit, on_wait) as waited:
            yield waited

    def commit(self, tables: dict[str, pd.DataFrame], record: ImportRecord | list[ImportRecord] | None = None,
               partitions: dict[str, dict[str, pd.DataFrame]] | None = None) -> str:
        """Write a new generation and return its version: `tables` replaced whole, and of each table
        in `partitions` the partitions given (key -> rows; no rows removes the partition), log lines
        added. Everything else is hard-linked from the live generation.

        Takes the writers' lock if the caller does not hold it; a caller that read `tables` from
        the store must have held it since (see `writing`), or another writer's commit is lost.
        """
        parts = partitions or {}
        _check_tables(tables, parts)
        with self.writing():
            tables = dict(tables)
            if record is not None:
                tables["imports"] = self._log_with(record if isinstance(record, list) else [record])
            whole = {name: to_arrow(name, frame) for name, frame in tables.items()}
            changed = {name: _partition_tables(name, frames) for name, frames in parts.items()}
            current = self.version()
            new_version = generations.next_name(self.data_dir, current)
            generations.remove_leftovers(self.data_dir, current)
            self._write_generation(whole, changed, current, new_version)
            generations.point_current_to(self.data_dir, new_version)
            generations.drop_retired(self.data_dir, new_version)
        return new_version

    def _write_generation(self, whole: dict[str, pa.Table], changed: dict[str, dict[str, pa.Table]],
                          current: str, new_version: str) -> None:
        """Write the tables (hard-linking unchanged ones from `current`) into the new generation's folder."""
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.data_dir))
        previous = self.generation(current)
        try:
            for name in TABLES:
                if name in PARTITIONED:
                    self._write_partitioned(staging, name, previous, whole.get(name), changed.get(name))
                else:
                    _write_single(staging, name, previous, whole.get(name))
            os.replace(staging, self.data_dir / new_version)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    @staticmethod
    def _write_partitioned(staging: Path, name: str, previous: Path | None, whole: pa.Table | None,
                           changed: dict[str, pa.Table] | None) -> None:
        single = previous and layout.legacy_file(previous, name)
        legacy = None
        if changed is not None and single and single.exists():  # the commit that upgrades an old store's table
            legacy = layout.read_files(name, [single])
        layout.write_table(staging, name, PARTITIONED[name], previous, whole, changed, legacy)

    def _log_with(self, records: list[ImportRecord]) -> pd.DataFrame:
        log = self.read("imports")
        first, now = self.next_import_id(), dt.datetime.now().replace(microsecond=0)
        rows = pd.DataFrame([{"import_id": first + i, "imported_at": now, **r.__dict__} for i, r in enumerate(records)])
        return pd.concat([log, rows], ignore_index=True) if len(log) else rows


def _check_tables(tables: dict, parts: dict) -> None:
    unknown = (set(tables) | set(parts)) - set(SCHEMAS)
    if unknown:
        raise ValueError(f"unknown tables: {sorted(unknown)}")
    if set(parts) - set(PARTITIONED):
        raise ValueError(f"not partitioned: {sorted(set(parts) - set(PARTITIONED))}")
    if set(parts) & set(tables):
        raise ValueError(f"given whole and as partitions: {sorted(set(parts) & set(tables))}")


def _partition_tables(name: str, frames: dict[str, pd.DataFrame]) -> dict[str, pa.Table]:
    """Each partition's rows as Arrow, after checking that every row belongs to its key."""
    out = {}
    for key, frame in frames.items():
        arrow = to_arrow(name, frame)
        wrong = set(layout.split(PARTITIONED[name], arrow)) - {key}
        if wrong:
            raise ValueError(f"{name}: rows given for partition {key} belong to {sorted(wrong)}")
        out[key] = arrow
    return out


def _write_single(staging: Path, name: str, previous: Path | None, arrow: pa.Table | None) -> None:
    target = layout.legacy_file(staging, name)
    if arrow is not None:
        layout.write_file(arrow, target)
    elif previous is not None and layout.legacy_file(previous, name).exists():
        os.link(layout.legacy_file(previous, name), target)
    else:
        layout.write_file(SCHEMAS[name].empty_table(), target)


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of some bytes (the import log's file identity)."""
    return hashlib.sha256(data).hexdigest()
