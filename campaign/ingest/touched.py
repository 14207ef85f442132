"""What an import touches: the tables, and of the partitioned daily tables only the partitions, it may change.

The importer reads only these for its overlap and replacement checks, and commits only these; the
rest of the store is hard-linked into the new generation. A batch's rows always fall in the
partitions it touches, and so do the stored rows they replace (the partition columns are part of
the natural key, see schema.py).
"""
from __future__ import annotations

import pandas as pd

from campaign import partitions as layout
from campaign.ingest.base import ParsedBatch
from campaign.store import NATURAL_KEYS, PARTITIONED, SCHEMAS, ImportRecord, Store, empty_frame, to_arrow

Touched = dict[str, set[str] | None]  # table -> partition keys, or None for the whole table


def touched(batches: list[ParsedBatch]) -> Touched:
    """The tables these batches may change: those they write, and those holding demo rows of their elections."""
    elections = any(batch.election_id for batch in batches)
    out: Touched = {}
    for name in NATURAL_KEYS:
        frames = [batch.tables[name] for batch in batches if name in batch.tables]
        by_election = elections and "election_id" in SCHEMAS[name].names  # demo rows of the election go
        if not frames and not by_election:
            continue
        out[name] = None if name not in PARTITIONED or by_election else set().union(*(
            layout.keys_of(PARTITIONED[name], SCHEMAS[name], frame) for frame in frames))
    return out


def read_touched(store: Store, tables: Touched, version: str | None = None) -> dict[str, pd.DataFrame]:
    """The touched tables' stored rows (of a partitioned table, only the touched partitions)."""
    return {name: store.read(name, version, partitions=keys) for name, keys in tables.items()}


def as_partitions(name: str, frame: pd.DataFrame, keys: set[str]) -> dict[str, pd.DataFrame]:
    """A partitioned table's new rows per partition, for `keys` (a key left without rows: an empty frame)."""
    parts = {key: empty_frame(name) for key in keys}
    for key, part in layout.split(PARTITIONED[name], to_arrow(name, frame)).items():
        parts[key] = part.to_pandas()
    unexpected = set(parts) - set(keys)
    if unexpected:
        raise ValueError(f"{name}: rows outside the partitions read: {sorted(unexpected)}")
    return parts


def commit_touched(store: Store, tables: dict[str, pd.DataFrame], read: Touched,
                   records: list[ImportRecord] | None = None) -> str:
    """Commit the touched tables: whole tables whole, partitioned ones partition by partition."""
    whole = {name: frame for name, frame in tables.items() if read.get(name) is None}
    parts = {name: as_partitions(name, frame, read[name]) for name, frame in tables.items()
             if read.get(name) is not None}
    return store.commit(whole, records, partitions=parts)
