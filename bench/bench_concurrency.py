"""Concurrent imports: rounds of 2 and 6 `python -m campaign import` processes into one data dir.

Each process imports a small valid partifordeling CSV of an election of its own, all started
at once. After each round the store is checked (tests/store_consistency.py): an import that
exited 0 but is missing from the log or whose rows are not all live is *lost*; a round with any
problem is *inconsistent*. Waits are what each process reports on stderr ("ventet … s").

    .venv/bin/python bench/bench_concurrency.py [--rounds 10] [--writers 2 6]
"""
from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.store_consistency import election_files, problems  # noqa: E402

WAITED = re.compile(r"ventet ([\d,]+) s")


def run_round(data_dir: Path, files: list[Path]) -> tuple[list[str], list[float], int]:
    """Start one import per file at once; (names that exited 0, seconds waited each, failures)."""
    processes = [subprocess.Popen([sys.executable, "-m", "campaign", "import", "--data-dir", str(data_dir), str(f)],
                                  cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
                 for f in files]
    committed, waits, failed = [], [], 0
    for path, process in zip(files, processes):
        out, err = process.communicate(timeout=300)
        if process.returncode == 0 and out.startswith("OK"):
            committed.append(path.name)
        else:
            failed += 1
            print(f"  {path.name}: exit {process.returncode}\n{out}{err}", file=sys.stderr)
        match = WAITED.search(err)
        waits.append(float(match.group(1).replace(",", ".")) if match else 0.0)
    return committed, waits, failed


def bench(writers: int, rounds: int, work: Path) -> dict:
    data_dir, committed, waits = work / f"data-{writers}", [], []
    lost = inconsistent = failed = 0
    started = time.perf_counter()
    for rnd in range(rounds):
        files = election_files(work / f"files-{writers}", rnd * writers, writers)
        ok, waited, bad = run_round(data_dir, files)
        committed += ok
        waits += waited
        failed += bad
        found = problems(data_dir, committed)
        lost = sum(p.startswith("lost:") for p in found)  # cumulative: a later round can lose an earlier import
        inconsistent += bool(found)
        for problem in found:
            print(f"  round {rnd + 1}: {problem}", file=sys.stderr)
    return {"writers": writers, "rounds": rounds, "imports": rounds * writers, "ok": len(committed),
            "failed": failed, "lost": lost, "inconsistent": inconsistent,
            "p50": statistics.median(waits), "max": max(waits), "seconds": time.perf_counter() - started}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=10)
    parser.add_argument("--writers", type=int, nargs="+", default=[2, 6])
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="bench-concurrency-"))
    try:
        rows = [bench(n, args.rounds, work) for n in args.writers]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print("| writers | rounds | imports | exit 0 + OK | failed | imports lost | inconsistent rounds "
          "| wait p50 s | wait max s | wall s |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['writers']} | {r['rounds']} | {r['imports']} | {r['ok']} | {r['failed']} | {r['lost']} | "
              f"{r['inconsistent']} | {r['p50']:.2f} | {r['max']:.2f} | {r['seconds']:.0f} |")
    return 0 if all(r["lost"] == r["inconsistent"] == r["failed"] == 0 for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
