"""Undo an import: remove every row it wrote, reading and rewriting only the files that hold them."""
from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from campaign.ingest.base import ImportRejected
from campaign.ingest.touched import as_partitions
from campaign.store import DATA_TABLES, PARTITIONED, Store


def undo_import(store: Store, import_id: int, on_wait: Callable[[float], None] | None = None) -> int:
    """Remove every row an import wrote; returns the rows removed. The log keeps the line."""
    with store.writing(on_wait=on_wait):
        if import_id not in set(store.read("imports", columns=["import_id"])["import_id"]):
            raise ImportRejected(f"Fant ingen import med nummer {import_id}.")
        tables, parts, removed = {}, {}, 0
        for name in DATA_TABLES:
            if name in PARTITIONED:
                keys = store.partitions_with(name, import_id)
                kept, count = _without(store.read(name, partitions=keys), import_id)
                if keys:
                    parts[name] = as_partitions(name, kept, keys)
            elif store.import_ids(name, among={import_id}):
                kept, count = _without(store.read(name), import_id)
                tables[name] = kept
            else:
                continue
            removed += count
        tables["elections"] = _elections_left(store, tables)
        store.commit(tables, partitions=parts)
    return removed


def _without(frame: pd.DataFrame, import_id: int) -> tuple[pd.DataFrame, int]:
    mask = frame["import_id"] == import_id
    return frame[~mask], int(mask.sum())


def _elections_left(store: Store, tables: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """The elections catalogue without elections that no longer have results or turnout rows."""
    still_there: set = set()
    for name in ("results", "turnout"):
        frame = tables[name] if name in tables else store.read(name, columns=["election_id"])
        still_there |= set(frame["election_id"])
    elections = store.read("elections")
    return elections[elections["election_id"].isin(still_there)]
