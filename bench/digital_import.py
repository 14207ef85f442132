"""«One more day» imports into the national digital store: the export files, and what an import costs.

Each measurement runs on a scratch copy of the store made of hard links (`cp -al`): the store's
files are never modified in place, so the cached store stays as built.
"""
from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import digital_store  # bench/ is sys.path[0] when run as a script
import numpy as np

from campaign.config import load_config
from campaign.ingest.importer import apply_import, check_against_store, read_files
from campaign.store import Store
from tests.platform_files import meta_ads_csv

ROOT = Path(__file__).resolve().parent.parent
CAMPAIGNS = 5  # the export of one ad account: a few campaigns


def export(day: dt.date, days_back: int = 0, seed: int = 0) -> bytes:
    """A Meta Ads Manager daily export of a few branches' campaigns, from `days_back` days before `day` to `day`."""
    rng = np.random.default_rng(seed)
    rows = []
    for back in range(days_back, -1, -1):
        for i in range(CAMPAIGNS):
            impressions = int(rng.integers(2_000, 40_000))
            clicks = int(impressions * rng.uniform(0.004, 0.012))
            rows.append((day - dt.timedelta(days=back), digital_store.campaign_name(i),
                         round(impressions * rng.uniform(0.02, 0.06), 2), impressions,
                         int(impressions / rng.uniform(1.1, 2.2)), clicks, int(clicks * 0.7)))
    return meta_ads_csv(rows)


def scratch_copy(store_dir: Path, scratch: Path) -> Path:
    """A copy of the store made of hard links (the lock file is not copied)."""
    if scratch.exists():
        shutil.rmtree(scratch)
    scratch.mkdir(parents=True)
    for entry in store_dir.iterdir():
        if entry.name.startswith("g") or entry.name == "CURRENT":
            subprocess.run(["cp", "-al", str(entry), str(scratch / entry.name)], check=True)
    return scratch


def cli_import(data_dir: Path, file: Path) -> tuple[float, float, int]:
    """`python -m campaign import` as a whole process: (wall ms, peak RSS MB, exit code)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "campaign", "import", "--data-dir", str(data_dir), str(file)],
                               cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    return (time.perf_counter() - start) * 1000, usage.ru_maxrss / 1024, process.returncode


def _rchar() -> int:
    with open("/proc/self/io") as fh:
        return int(next(line for line in fh if line.startswith("rchar")).split()[1])


def _files(generation: Path) -> dict[str, os.stat_result]:
    return {str(p.relative_to(generation)): p.stat() for p in generation.rglob("*.parquet")}


def apply_once(data_dir: Path, name: str, data: bytes) -> dict:
    """Parse, check and write one file in this process: times, bytes read, files rewritten."""
    store, config = Store(data_dir), load_config()
    before_files = _files(store.generation())
    t0 = time.perf_counter()
    plan = read_files([(name, data)], config)
    t1, read0 = time.perf_counter(), _rchar()
    check_against_store(plan, store)
    t2 = time.perf_counter()
    ids = apply_import(plan, store, config)
    t3, read1 = time.perf_counter(), _rchar()
    after = _files(store.generation())
    rewritten = {f: s.st_size for f, s in after.items() if f not in before_files or s.st_ino != before_files[f].st_ino}
    return {"parse": (t1 - t0) * 1000, "plan": (t2 - t1) * 1000, "apply": (t3 - t2) * 1000, "ids": ids,
            "replaced": plan.reports[0].replaces, "read_bytes": read1 - read0, "rewritten": rewritten,
            "linked": len(after) - len(rewritten)}


def in_process(store_dir: Path, scratch: Path, reps: int, days_back: int) -> tuple[list[dict], float]:
    """`reps` imports of one more day (each file `days_back` days of overlap + the new day); peak RSS MB."""
    import resource
    scratch_copy(store_dir, scratch)
    last = digital_store.last_day()
    results = [apply_once(scratch, f"meta_{i}.csv", export(last + dt.timedelta(days=i + 1), days_back, seed=i))
               for i in range(reps)]
    shutil.rmtree(scratch)
    return results, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def whole_process(store_dir: Path, scratch: Path, reps: int, days_back: int) -> list[tuple[float, float, int]]:
    """`reps` runs of `python -m campaign import` with one more day each."""
    scratch_copy(store_dir, scratch)
    last, out = digital_store.last_day(), []
    for i in range(reps):
        file = scratch.parent / f"meta_{i}.csv"
        file.write_bytes(export(last + dt.timedelta(days=i + 1), days_back, seed=100 + i))
        out.append(cli_import(scratch, file))
        file.unlink()
    shutil.rmtree(scratch)
    return out
