"""Shared fixtures: a demo store written once per test session."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb
import pytest

from campaign.config import load_config
from campaign.db import Database, table_select_sql
from campaign.demo import write_demo
from campaign.store import TABLES, Store

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
REFERENCE = SHARED / "reference-data" / "elections"


@pytest.fixture(autouse=True)
def _config_read_again_after_each_test():
    """A test may switch branch (tests/branches.py); the next test reads campaign.toml again."""
    yield
    load_config.cache_clear()


@pytest.fixture(scope="session")
def demo_dir(tmp_path_factory) -> Path:
    """A store holding the demo dataset."""
    path = tmp_path_factory.mktemp("demo-store")
    write_demo(Store(path), load_config())
    return path


@pytest.fixture(scope="session")
def demo_db(demo_dir) -> Database:
    """A Database over the demo store."""
    return Database(Store(demo_dir))


@pytest.fixture(scope="session")
def con(demo_dir):
    """DuckDB over the demo store with one view per stored table, defined as campaign.db defines them."""
    store, connection = Store(demo_dir), duckdb.connect()
    for table in TABLES:
        connection.execute(f"CREATE VIEW {table} AS {table_select_sql(store, table, store.version())}")
    return connection


def one(con, sql: str):
    """The first value of a query's first row."""
    return con.execute(sql).fetchone()[0]


@pytest.fixture()
def demo_env(demo_dir, monkeypatch):
    """Point the app (CAMPAIGN_DATA_DIR) at the demo store."""
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(demo_dir))
    return demo_dir


def reference_file(name: str) -> Path:
    """A file in ../shared/reference-data/elections, or skip the test with the reason."""
    path = REFERENCE / name
    if not path.exists():
        pytest.skip(f"../shared/reference-data mangler ({path}); real-data test skipped")
    return path


os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")
