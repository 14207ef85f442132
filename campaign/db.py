"""DuckDB over the store: one connection per process, views per data version, named queries.

Besides one view per stored table, each connection holds the staging objects several queries
share: the live_rows view (made here from the schema) and the definitions in queries/staging/.
"""
from __future__ import annotations

import functools
import re
import threading
from pathlib import Path

import duckdb
import pandas as pd
import pyarrow.parquet as pq

from campaign.store import DATA_TABLES, SCHEMAS, TABLES, Store

QUERY_DIR = Path(__file__).resolve().parent.parent / "queries"
STAGING_DIR = QUERY_DIR / "staging"  # shared definitions, not named queries: query_text cannot reach them
PARAM = re.compile(r"\$([a-z_][a-z0-9_]*)")


class QueryError(Exception):
    """A query that may not run (wrong parameters, not read-only, unknown name)."""


@functools.cache
def query_text(name: str) -> str:
    """The SQL of queries/<name>.sql (read once per process)."""
    if not re.fullmatch(r"[a-z0-9_]+", name):
        raise QueryError(f"ugyldig spørringsnavn: {name!r}")
    path = QUERY_DIR / f"{name}.sql"
    if not path.exists():
        raise QueryError(f"finner ikke spørringen {name}")
    return path.read_text(encoding="utf-8")


def query_params(name: str) -> set[str]:
    """The $parameters a named query expects."""
    text = "\n".join(line.split("--", 1)[0] for line in query_text(name).splitlines())
    return set(PARAM.findall(text))


def _type_sql(schema_type) -> str:
    text = str(schema_type)
    return {"string": "VARCHAR", "int32": "INTEGER", "int64": "BIGINT", "double": "DOUBLE",
            "date32[day]": "DATE", "timestamp[s]": "TIMESTAMP"}[text]


_COLUMNS: dict[tuple, frozenset[str]] = {}  # file identity -> its column names


def stored_columns(path: Path) -> frozenset[str]:
    """A stored Parquet file's column names, read once per file: stored files never change, and a
    partition hard-linked into the next generation is the same file."""
    stat = path.stat()
    identity = (stat.st_dev, stat.st_ino, stat.st_mtime_ns, stat.st_size)
    if identity not in _COLUMNS:
        if len(_COLUMNS) > 20_000:
            _COLUMNS.clear()
        _COLUMNS[identity] = frozenset(pq.read_schema(path).names)
    return _COLUMNS[identity]


def table_select_sql(store: Store, table: str, version: str) -> str:
    """A SELECT of one stored table with the schema's columns (no rows when the table is absent or empty).

    A partitioned table is read from the list of its partition files.
    """
    files = store.table_files(table, version)
    names = [stored_columns(path) for path in files]
    stored = set().union(*names)
    # Columns a store written by an older version lacks are NULL: old data dirs keep working.
    cols = ", ".join(f.name if f.name in stored else f"NULL::{_type_sql(f.type)} AS {f.name}"
                     for f in SCHEMAS[table])
    if not files:
        return f"SELECT {cols} WHERE false"
    # Paths come from the store, never from user input; DDL cannot take parameters.
    literals = ", ".join("'" + str(path.resolve()).replace("'", "''") + "'" for path in files)
    by_name = ", union_by_name = true" if any(n != names[0] for n in names) else ""  # files of two versions
    return f"SELECT {cols} FROM read_parquet([{literals}]{by_name})"


def _create_views(con: duckdb.DuckDBPyConnection, store: Store, version: str) -> None:
    for table in TABLES:
        con.execute(f"CREATE OR REPLACE VIEW {table} AS {table_select_sql(store, table, version)}")
    _create_staging(con)


def live_rows_sql() -> str:
    """DDL of the view live_rows(import_id, table_name): one row per row of every data table."""
    # Table names come from the schema (store.DATA_TABLES), never from user input.
    selects = [f"select import_id, '{name}' as table_name from {name}" for name in DATA_TABLES]
    return "create or replace view live_rows as\n" + "\nunion all\n".join(selects)


@functools.cache
def staging_sql() -> tuple[str, ...]:
    """The DDL in queries/staging/*.sql, in file-name order (read once per process)."""
    return tuple(path.read_text(encoding="utf-8") for path in sorted(STAGING_DIR.glob("*.sql")))


def _create_staging(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(live_rows_sql())
    for ddl in staging_sql():
        con.execute(ddl)


class Database:
    """Owns the process's DuckDB connection; each query runs on its own cursor."""

    def __init__(self, store: Store):
        self.store = store
        self._con = duckdb.connect(config={"threads": 2, "memory_limit": "300MB"})
        self._version: str | None = None
        self._lock = threading.Lock()

    def ensure_version(self, version: str | None = None) -> str:
        """Point the views at the given (or current) data version."""
        version = version or self.store.version()
        with self._lock:
            if version != self._version:
                _create_views(self._con, self.store, version)
                self._version = version
        return version

    def query(self, name: str, version: str | None = None, **params) -> pd.DataFrame:
        """Run queries/<name>.sql with bound $parameters and return a DataFrame."""
        expected = query_params(name)
        if set(params) != expected:
            raise QueryError(f"{name} expects {sorted(expected)}, got {sorted(params)}")
        self.ensure_version(version)
        cursor = self._con.cursor()
        try:
            return cursor.execute(query_text(name), params).df()
        finally:
            cursor.close()

    def execute(self, sql: str, params: dict, version: str | None = None) -> pd.DataFrame:
        """Run SQL built from declared identifiers only (campaign/explore_sql.py), its values bound."""
        self.ensure_version(version)
        cursor = self._con.cursor()
        try:
            return cursor.execute(sql, params).df()
        finally:
            cursor.close()
