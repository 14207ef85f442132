"""The store: Parquet files per table in immutable generations, plus an import log.

Layout of the data dir::

    CURRENT            name of the live generation ("g000007"), replaced atomically
    g000007/           one Parquet file per table; never modified after CURRENT points to it
    .writer.lock       the writers' lock (see writelock.py); never removed

A commit writes a complete new generation (unchanged tables are hard-linked), then swaps
CURRENT with os.replace. A crash or a rejected batch therefore never leaves a half-written
table: readers see either the old generation or the new one. The generation name is the
data version used as cache key.

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
import pyarrow.parquet as pq

from campaign import generations, writelock
from campaign.generations import KEEP_GENERATIONS as KEEP_GENERATIONS  # re-exported
from campaign.writelock import StoreBusy as StoreBusy  # re-exported: what a writer may raise


@dataclass(frozen=True)
class Table:
    """One stored table: its columns (✱ the views' contract), natural key and sort order.

    The natural key says which rows a newer import replaces instead of adding to them. Tables
    with a key and `data=True` hold rows that belong to an import (undo removes them); the
    elections catalogue has a key but is rebuilt from the data; the import log has no key.
    """
    schema: pa.Schema
    label: str  # Norwegian, in import reports
    natural_key: tuple[str, ...] = ()
    sort_key: tuple[str, ...] = ()
    data: bool = True


def _schema(*columns: tuple[str, pa.DataType]) -> pa.Schema:
    return pa.schema([*columns, ("import_id", pa.int64())])


STRING, INT, FLOAT, DATE = pa.string(), pa.int64(), pa.float64(), pa.date32()

# ✱ The views' columns (the data dictionary). import_id links each row to the import log.
TABLE_SPECS: dict[str, Table] = {
    "elections": Table(_schema(
        ("election_id", STRING), ("kind", STRING), ("year", pa.int32()),
        ("election_date", DATE), ("name", STRING),
    ), "valg", natural_key=("election_id",), data=False),
    "results": Table(_schema(
        ("election_id", STRING), ("area_level", STRING),
        ("fylke_id", STRING), ("kommune_id", STRING), ("bydel_id", STRING),
        ("krets_id", STRING), ("krets_name", STRING),
        ("party_code", STRING), ("party_name", STRING),
        ("advance_votes", INT), ("election_day_votes", INT), ("votes", INT),
    ), "resultater", natural_key=("election_id", "area_level", "fylke_id", "kommune_id", "bydel_id", "krets_id", "party_code"),
        sort_key=("election_id", "area_level", "kommune_id", "krets_id", "party_code")),
    "turnout": Table(_schema(
        ("election_id", STRING), ("area_level", STRING), ("area_id", STRING),
        ("area_name", STRING), ("kommune_id", STRING), ("bydel_id", STRING),
        ("eligible_voters", INT), ("votes_cast", INT),
    ), "valgdeltakelse", natural_key=("election_id", "area_level", "area_id"), sort_key=("election_id", "area_level", "area_id")),
    "social": Table(_schema(
        ("date", DATE), ("platform", STRING), ("account", STRING), ("metric", STRING), ("value", FLOAT),
    ), "sosiale medier", natural_key=("date", "platform", "account", "metric"), sort_key=("date", "platform")),
    "ads": Table(_schema(
        ("date", DATE), ("platform", STRING), ("campaign", STRING),
        ("spend_nok", FLOAT), ("impressions", INT), ("reach", INT),
        ("link_clicks", INT), ("landing_page_views", INT),
        ("video_p25", INT), ("video_p50", INT), ("video_p75", INT), ("video_p100", INT),
    ), "annonser", natural_key=("date", "platform", "campaign"), sort_key=("date", "platform")),
    # The platforms' own de-duplicated figures for a whole period (reach is never summed across days).
    "ads_period": Table(_schema(
        ("platform", STRING), ("campaign", STRING), ("first_date", DATE), ("last_date", DATE),
        ("reach", INT), ("impressions", INT), ("frequency", FLOAT),
        ("spend_nok", FLOAT), ("link_clicks", INT), ("landing_page_views", INT),
    ), "annonser for perioden", natural_key=("platform", "campaign", "first_date", "last_date"),
        sort_key=("platform", "first_date")),
    "web": Table(_schema(
        ("date", DATE), ("site", STRING), ("channel", STRING),
        ("sessions", INT), ("engaged_sessions", INT), ("users", INT), ("views", INT),
    ), "nettsidebesøk", natural_key=("date", "site", "channel"), sort_key=("date", "site")),
    "web_pages": Table(_schema(
        ("date", DATE), ("site", STRING), ("page", STRING), ("views", INT), ("users", INT),
    ), "sidevisninger", natural_key=("date", "site", "page"), sort_key=("date", "site")),
    # Gender/age/place shares as the platforms report them (share in 0–1 of the period's audience).
    "audience": Table(_schema(
        ("first_date", DATE), ("last_date", DATE), ("platform", STRING), ("account", STRING),
        ("dimension", STRING), ("bucket", STRING), ("share", FLOAT),
    ), "publikum", natural_key=("first_date", "last_date", "platform", "account", "dimension", "bucket"),
        sort_key=("platform", "first_date")),
    # Paid channels outside social media (outdoor, newspapers, Google, direct mail, SMS).
    "ad_buys": Table(_schema(
        ("first_date", DATE), ("last_date", DATE), ("channel", STRING), ("supplier", STRING),
        ("spend_nok", FLOAT), ("impressions", INT), ("landing_page_views", INT),
    ), "andre annonsekjøp", natural_key=("first_date", "last_date", "channel", "supplier"),
        sort_key=("first_date", "channel")),
    # Map boundaries, simplified and in EPSG:4326 at import. area_id uses the turnout view's keys
    # (bydel "030112", krets "0301-1203", kommune "0301"); geometry is a GeoJSON geometry object.
    "boundaries": Table(_schema(
        ("level", STRING), ("area_id", STRING), ("area_name", STRING),
        ("kommune_id", STRING), ("bydel_id", STRING), ("geometry", STRING), ("attribution", STRING),
    ), "kartgrenser", natural_key=("level", "area_id"), sort_key=("level", "area_id")),
    "imports": Table(pa.schema([
        ("import_id", INT), ("imported_at", pa.timestamp("s")), ("kind", STRING),
        ("source_name", STRING), ("sha256", STRING), ("rows", INT),
        ("first_date", DATE), ("last_date", DATE),
        ("election_id", STRING), ("replaced_rows", INT),
    ]), "importlogg", data=False),
}
SCHEMAS: dict[str, pa.Schema] = {name: spec.schema for name, spec in TABLE_SPECS.items()}
TABLES = tuple(SCHEMAS)
# Tables an import may write, with the key that decides what a newer import replaces.
NATURAL_KEYS: dict[str, list[str]] = {n: list(s.natural_key) for n, s in TABLE_SPECS.items() if s.natural_key}
# Tables whose rows belong to an import (rows carry import_id; undo removes them).
DATA_TABLES = tuple(n for n, s in TABLE_SPECS.items() if s.natural_key and s.data)


def default_data_dir() -> Path:
    """CAMPAIGN_DATA_DIR, or data/ in the project."""
    env = os.environ.get("CAMPAIGN_DATA_DIR")
    return Path(env) if env else Path(__file__).resolve().parent.parent / "data"


def empty_frame(table: str) -> pd.DataFrame:
    """An empty DataFrame with the table's columns and types."""
    return SCHEMAS[table].empty_table().to_pandas()


def to_arrow(table: str, frame: pd.DataFrame) -> pa.Table:
    """Conform a frame to the table's schema (missing columns become NULL)."""
    schema = SCHEMAS[table]
    frame = frame.copy()
    for name in schema.names:
        if name not in frame.columns:
            frame[name] = None
    keys = [k for k in TABLE_SPECS[table].sort_key if k in frame.columns]
    if keys and len(frame):
        frame = frame.sort_values(keys, kind="stable", na_position="first")
    return pa.Table.from_pandas(frame[schema.names], schema=schema, preserve_index=False)


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

    def table_path(self, table: str, version: str | None = None) -> Path | None:
        """The Parquet file holding a table in a generation, or None for an empty store."""
        version = version or self.version()
        return None if version == "empty" else self.data_dir / version / f"{table}.parquet"

    def read(self, table: str, version: str | None = None) -> pd.DataFrame:
        """A whole table as a DataFrame (for writers; readers go through DuckDB), live or of `version`."""
        path = self.table_path(table, version)
        if path is None or not path.exists():  # empty store, or a table newer than the store
            return empty_frame(table)
        stored = pq.read_table(path)
        if stored.schema.names == SCHEMAS[table].names:
            return stored.to_pandas()
        return to_arrow(table, stored.to_pandas()).to_pandas()  # written before a column existed

    def next_import_id(self, version: str | None = None) -> int:
        """The id the next import will get."""
        log = self.read("imports", version)
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

    def commit(self, tables: dict[str, pd.DataFrame],
               record: ImportRecord | list[ImportRecord] | None = None) -> str:
        """Write a new generation with `tables` replaced whole (and log lines added); return the version.

        Takes the writers' lock if the caller does not hold it; a caller that read `tables` from
        the store must have held it since (see `writing`), or another writer's commit is lost.
        """
        unknown = set(tables) - set(SCHEMAS)
        if unknown:
            raise ValueError(f"unknown tables: {sorted(unknown)}")
        with self.writing():
            tables = dict(tables)
            if record is not None:
                tables["imports"] = self._log_with(record if isinstance(record, list) else [record])
            arrow = {name: to_arrow(name, frame) for name, frame in tables.items()}
            current = self.version()
            new_version = generations.next_name(self.data_dir, current)
            generations.remove_leftovers(self.data_dir, current)
            self._write_generation(arrow, current, new_version)
            generations.point_current_to(self.data_dir, new_version)
            generations.drop_retired(self.data_dir, new_version)
        return new_version

    def _write_generation(self, arrow: dict[str, pa.Table], current: str, new_version: str) -> None:
        """Write the tables (hard-linking unchanged ones from `current`) into the new generation's folder."""
        staging = Path(tempfile.mkdtemp(prefix=".staging-", dir=self.data_dir))
        try:
            for name in TABLES:
                target = staging / f"{name}.parquet"
                if name in arrow:
                    pq.write_table(arrow[name], target, row_group_size=100_000)
                elif current != "empty" and self.table_path(name, current).exists():
                    os.link(self.table_path(name, current), target)
                else:
                    pq.write_table(SCHEMAS[name].empty_table(), target)
            os.replace(staging, self.data_dir / new_version)
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise

    def _log_with(self, records: list[ImportRecord]) -> pd.DataFrame:
        log = self.read("imports")
        first, now = self.next_import_id(), dt.datetime.now().replace(microsecond=0)
        rows = pd.DataFrame([{"import_id": first + i, "imported_at": now, **r.__dict__} for i, r in enumerate(records)])
        return pd.concat([log, rows], ignore_index=True) if len(log) else rows


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of some bytes (the import log's file identity)."""
    return hashlib.sha256(data).hexdigest()
