"""The thin Streamlit caching layer: the only place in campaign/ that touches Streamlit.

One Database per process (cache_resource); query results cached per (query, parameters,
data version), so a rerun with unchanged filters does no I/O and an import invalidates
everything at once.
"""
from __future__ import annotations

import pandas as pd
import streamlit as st

from campaign.db import Database
from campaign.maps import geometry as map_geometry
from campaign.store import Store, default_data_dir

VERSION_TTL_S = 2.0  # how often a running server looks for a new import


@st.cache_resource(show_spinner=False)
def database(data_dir: str) -> Database:
    """The process's DuckDB connection over the store in data_dir."""
    return Database(Store(data_dir))


@st.cache_data(ttl=VERSION_TTL_S, show_spinner=False)
def data_version(data_dir: str) -> str:
    """The store's data version, re-read at most every VERSION_TTL_S seconds."""
    return database(data_dir).store.version()


@st.cache_data(max_entries=1000, show_spinner=False)
def _cached_query(name: str, params: tuple, data_dir: str, version: str) -> pd.DataFrame:
    bound = {k: list(v) if isinstance(v, tuple) else v for k, v in params}
    return database(data_dir).query(name, version=version, **bound)


def run_query(name: str, **params) -> pd.DataFrame:
    """Run a named query through the cache (tuples are passed to DuckDB as lists)."""
    data_dir = str(default_data_dir())
    return _cached_query(name, tuple(sorted(params.items())), data_dir, data_version(data_dir))


@st.cache_resource(max_entries=20, show_spinner=False)
def _geometry(data_dir: str, version: str, level: str, kommune_id: str) -> tuple[dict, dict, str | None]:
    frame = _cached_query("boundaries", (("kommune_id", kommune_id), ("level", level)), data_dir, version)
    return map_geometry.prepare(frame)


def geometry(level: str, kommune_id: str) -> tuple[dict, dict, str | None]:
    """Imported boundaries as projected paths, label points and attribution, built once per data version.

    The result is shared between sessions (cache_resource): callers must not modify it.
    """
    data_dir = str(default_data_dir())
    return _geometry(data_dir, data_version(data_dir), level, kommune_id)


@st.cache_resource(max_entries=500, show_spinner=False)
def _built(name: str, params: tuple, data_dir: str, version: str, _build):
    return _build(**dict(params))


def built(build, **params):
    """build(**params) – a page section: its frames, tables and figures – made once per parameters and data version.

    A rerun with unchanged filters (or another session with the same ones) gets the section without
    querying, computing or building figures again. Parameters must be small hashable values. The
    result is shared between sessions (cache_resource): callers must not modify it.
    """
    data_dir = str(default_data_dir())
    return _built(f"{build.__module__}.{build.__qualname__}", tuple(sorted(params.items())), data_dir,
                  data_version(data_dir), build)


def clear() -> None:
    """Forget cached results and the data version (after an import in this process)."""
    _cached_query.clear()
    _geometry.clear()
    _built.clear()
    data_version.clear()
