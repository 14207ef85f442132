"""Concurrent writers, shared by tests/test_concurrency.py and bench/bench_concurrency.py.

`election_files` makes small valid partifordeling CSVs, each for an election of its own (the
name says which) and with content of its own (its own sha256), so every import adds rows and
replaces none. `problems` lists everything wrong with a store after such imports.
"""
from __future__ import annotations

from pathlib import Path

from campaign.store import DATA_TABLES, Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"
TEMPLATE = FIXTURES / "2019-09-14_partifordeling_4_ko_2019.csv"
KINDS = ("ko", "st", "fy")


def election_file(folder: Path, number: int) -> Path:
    """A valid krets CSV for election «ko/st/fy + year» (1901 + number); blank lines make its bytes unique."""
    kind, year = KINDS[number % len(KINDS)], 1901 + number
    path = folder / f"n{number:03d}_partifordeling_4_{kind}_{year}.csv"
    path.write_text(TEMPLATE.read_text(encoding="utf-8") + "\n" * (number + 1), encoding="utf-8")
    return path


def election_files(folder: Path, first: int, count: int) -> list[Path]:
    """`count` files numbered from `first`."""
    folder.mkdir(parents=True, exist_ok=True)
    return [election_file(folder, first + i) for i in range(count)]


def problems(data_dir: Path, committed: list[str]) -> list[str]:
    """What is wrong with the store, given the file names of the imports that reported success.

    Every committed import is logged once with its rows live (each file has an election of its own,
    so nothing replaces anything); every live row belongs to a logged import; the live rows add up
    to the log (rows written minus rows replaced); every election with results is in `elections`;
    no temporary file is left behind.
    """
    store = Store(data_dir)
    log = store.read("imports")
    live = {t: store.read(t) for t in DATA_TABLES}
    found = _lost(log, live, committed)
    found += _orphan_rows(log, live)
    found += _totals(log, live)
    found += _elections(store)
    found += [f"left behind: {p.name}" for p in [*data_dir.glob(".staging-*"), *data_dir.glob(".CURRENT-*")]]
    return found


def _live_counts(live: dict) -> dict[int, int]:
    counts: dict[int, int] = {}
    for frame in live.values():
        for import_id, n in frame["import_id"].value_counts().items():
            counts[int(import_id)] = counts.get(int(import_id), 0) + int(n)
    return counts


def _lost(log, live, committed: list[str]) -> list[str]:
    counts, found = _live_counts(live), []
    for name in committed:
        lines = log[log["source_name"] == name]
        if len(lines) != 1:
            found.append(f"lost: {name} printed OK but is logged {len(lines)} times")
            continue
        line = lines.iloc[0]
        if counts.get(int(line["import_id"]), 0) != int(line["rows"]):
            found.append(f"lost: {name} logged {line['rows']} rows, {counts.get(int(line['import_id']), 0)} live")
    return found


def _orphan_rows(log, live) -> list[str]:
    orphans = set(_live_counts(live)) - set(log["import_id"].astype(int))
    return [f"rows of import {i} which is not in the log" for i in sorted(orphans)]


def _totals(log, live) -> list[str]:
    live_rows = sum(len(f) for f in live.values())
    logged = int(log["rows"].sum() - log["replaced_rows"].sum()) if len(log) else 0
    return [] if live_rows == logged else [f"{live_rows} live rows, the log accounts for {logged}"]


def _elections(store: Store) -> list[str]:
    with_results = set(store.read("results")["election_id"]) | set(store.read("turnout")["election_id"])
    missing = with_results - set(store.read("elections")["election_id"])
    return [f"election {e} has results but is missing from elections" for e in sorted(missing)]
