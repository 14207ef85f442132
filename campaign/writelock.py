"""One writer at a time per data dir: an OS file lock (flock) on DATA_DIR/.writer.lock.

Every writer (CLI import, fetch-valg, demo, the import page, undo) holds the lock from reading
the store it is about to replace until the pointer swap, so no commit is ever based on a
generation another writer has already replaced. Readers never lock: they read immutable
generations.

The lock is re-entrant within a thread (a commit inside `Store.writing()` does not lock
again). Threads of one process (two sessions of the Streamlit server) and separate processes
take turns alike, because each acquisition opens its own file description. The lock file is
never removed: removing a lock file races with a process that has just opened it.
"""
from __future__ import annotations

import fcntl
import os
import random
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

LOCK_NAME = ".writer.lock"
DEFAULT_TIMEOUT_S = 120.0  # CAMPAIGN_LOCK_TIMEOUT overrides it
POLL_S = 0.02

_held = threading.local()  # resolved data dirs whose lock this thread holds


class StoreBusy(Exception):
    """Another writer kept the data dir for longer than the timeout. The message is Norwegian."""


def default_timeout() -> float:
    """Seconds a writer waits for its turn: CAMPAIGN_LOCK_TIMEOUT, or 120."""
    try:
        return max(0.0, float(os.environ.get("CAMPAIGN_LOCK_TIMEOUT", DEFAULT_TIMEOUT_S)))
    except ValueError:
        return DEFAULT_TIMEOUT_S


def seconds(value: float) -> str:
    """Seconds in Norwegian notation: 120, 0,5."""
    return f"{value:.1f}".rstrip("0").rstrip(".").replace(".", ",")


def _held_dirs() -> set[str]:
    if not hasattr(_held, "dirs"):
        _held.dirs = set()
    return _held.dirs


def holds(data_dir: Path) -> bool:
    """True when this thread holds the writer lock of data_dir."""
    return str(data_dir.resolve()) in _held_dirs()


@contextmanager
def exclusive(data_dir: Path, timeout: float | None = None,
              on_wait: Callable[[float], None] | None = None) -> Iterator[float]:
    """Hold the writer lock of data_dir; yields the seconds spent waiting for it.

    When another writer holds it, `on_wait(timeout)` is called once and the lock is polled
    until `timeout` seconds have passed; then StoreBusy is raised and nothing has happened.
    """
    key = str(data_dir.resolve())
    held = _held_dirs()
    if key in held:
        yield 0.0
        return
    data_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(data_dir / LOCK_NAME, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        waited = _acquire(fd, default_timeout() if timeout is None else timeout, on_wait)
        held.add(key)
        try:
            yield waited
        finally:
            held.discard(key)
    finally:
        os.close(fd)  # closing the descriptor releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _acquire(fd: int, timeout: float, on_wait: Callable[[float], None] | None) -> float:
    start = time.monotonic()
    if _try_lock(fd):
        return 0.0
    if on_wait is not None:
        on_wait(timeout)
    while time.monotonic() - start < timeout:
        time.sleep(POLL_S * random.uniform(0.5, 1.5))  # jitter: waiters do not wake in lockstep
        if _try_lock(fd):
            return time.monotonic() - start
    raise StoreBusy(f"En annen import pågår fortsatt etter {seconds(timeout)} s, så ingenting er endret. "
                    "Prøv igjen om litt.")
