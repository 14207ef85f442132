"""The store's folders on disk: generation names, the pointer swap, and clean-up.

Only the writer holding the data dir's lock (writelock.py) calls the clean-up functions; they
assert it. A generation is never removed while it is live, while a commit hard-links from it
(that commit holds the lock), or soon after it was retired: a server in another process reads
CURRENT only every few seconds and may still be querying the previous generation.
"""
from __future__ import annotations

import os
import shutil
import tempfile
import time
from pathlib import Path

from campaign import writelock

KEEP_GENERATIONS = 3  # the live one and the two before it are always kept
RETIRED_GRACE_S = 30.0  # a retired generation is kept this long after its successor went live


def generations(data_dir: Path) -> list[tuple[int, Path]]:
    """Every generation folder (live, retired, or left by a killed writer), by number."""
    return sorted((int(p.name[1:]), p) for p in data_dir.glob("g[0-9]*") if p.is_dir() and p.name[1:].isdigit())


def next_name(data_dir: Path, current: str) -> str:
    """The next generation's name: above every folder, so a name (a cache key) is never reused."""
    number = 0 if current == "empty" else int(current[1:])
    existing = [n for n, _ in generations(data_dir)]
    return f"g{max([number, *existing]) + 1:06d}"


def point_current_to(data_dir: Path, version: str) -> None:
    """Make `version` live: write the pointer to a temporary file, then replace CURRENT atomically."""
    fd, tmp = tempfile.mkstemp(prefix=".CURRENT-", dir=data_dir)
    try:
        with os.fdopen(fd, "w") as fh:
            fh.write(version + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, data_dir / "CURRENT")
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def remove_leftovers(data_dir: Path, current: str) -> None:
    """What a killed writer left: staging folders, pointer files, generations that never went live."""
    _require_lock(data_dir)
    for stale in data_dir.glob(".staging-*"):
        shutil.rmtree(stale, ignore_errors=True)
    for stale in data_dir.glob(".CURRENT-*"):
        stale.unlink(missing_ok=True)
    live = 0 if current == "empty" else int(current[1:])
    for number, path in generations(data_dir):
        if number > live:
            shutil.rmtree(path, ignore_errors=True)


def drop_retired(data_dir: Path, live: str) -> None:
    """Remove retired generations beyond the newest KEEP_GENERATIONS once their grace time is over."""
    _require_lock(data_dir)
    live_number, now = int(live[1:]), time.time()
    found = generations(data_dir)
    successor = {n: p for (n, _), (_, p) in zip(found, found[1:])}
    retired = [(n, p) for n, p in found if n < live_number]
    for number, path in retired[:-(KEEP_GENERATIONS - 1) or None]:
        if now - _mtime(successor[number]) >= RETIRED_GRACE_S:
            shutil.rmtree(path, ignore_errors=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


def _require_lock(data_dir: Path) -> None:
    if not writelock.holds(data_dir):
        raise RuntimeError("only the writer holding the lock may clean up the data dir")
