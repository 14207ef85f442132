"""SQL sandbox: every escape attempt of tests/sql_attempts.py, and ordinary queries, timed.

    .venv/bin/python bench/bench_sql_sandbox.py [--out bench/out] [--timeout 30] [--scales demo,national]

Runs each attempt through campaign.sandbox.run_sql with the real limits (--timeout, default the
sandbox's own 30 s) on the demo store, two at a time, each in a fresh process so its peak RSS
(the sandbox child's, from RUSAGE_CHILDREN) is its own. Prints one markdown table per group of
attempts: attempts / refused / cut / escapes / max time / max RSS, then the ordinary queries on
each store (with the national store, loading the results table dominates). An escape is an
attempt that returned a whole result it should not have, or printed a path of the machine.
"""
from __future__ import annotations

import argparse
import multiprocessing
import resource
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import large_store  # noqa: E402  (bench/ is sys.path[0] when run as a script)

from campaign.sandbox import TIMEOUT_S, SandboxError, run_sql  # noqa: E402
from campaign.store import Store  # noqa: E402
from tests.sql_attempts import ATTEMPTS, Attempt, escaped, outcome  # noqa: E402

ORDINARY = [
    "select count(*) from results",
    "select party_code, sum(votes) from results where election_id = 'ko2023' group by all",
    "select table_name, count(*) from live_rows group by all",
    "select count(*) from results_at_chosen_level('0301', 'area')",
    "select * from elections",
    "select * from results",  # cut at 10 000 rows
]


def machine_paths(store_dir: Path) -> list[str]:
    paths = {str(ROOT), str(store_dir), str(Path.home()), sys.prefix, tempfile.gettempdir() + "/"}
    return [p for p in paths if len(p) > 3]


def run_one(task: tuple[str, str, float]) -> dict:
    """One query in this (fresh) process: outcome, what it showed, wall time, the child's peak RSS."""
    store_dir, sql, timeout_s = task
    started = time.perf_counter()
    try:
        result, error = run_sql(Store(store_dir), sql, timeout_s=timeout_s), None
    except SandboxError as exc:
        result, error = None, exc
    seconds = time.perf_counter() - started
    shown = str(error) if error is not None else result.frame.to_csv(index=False)
    return {"outcome": outcome(result, error), "seconds": seconds, "message": str(error or ""),
            "leak": any(p in shown for p in machine_paths(Path(store_dir))),
            "rss_mb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024}


def run_all(store_dir: Path, queries: list[str], timeout_s: float) -> list[dict]:
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["campaign.sandbox"])
    with context.Pool(2, maxtasksperchild=1) as pool:
        return pool.map(run_one, [(str(store_dir), sql, timeout_s) for sql in queries], chunksize=1)


def attempt_table(attempts: list[Attempt], runs: list[dict]) -> list[str]:
    groups: dict[str, list[tuple[Attempt, dict]]] = defaultdict(list)
    for attempt, run in zip(attempts, runs):
        groups[attempt.group].append((attempt, run))
    groups["total"] = list(zip(attempts, runs))
    lines = ["| group | attempts | refused | cut | escapes | max time (s) | max RSS (MB) |",
             "|---|---:|---:|---:|---:|---:|---:|"]
    for group, rows in groups.items():
        counts = {kind: sum(run["outcome"] == kind for _, run in rows) for kind in ("refused", "cut")}
        escapes = sum(escaped(a, run["outcome"]) or run["leak"] for a, run in rows)
        lines.append(f"| {group} | {len(rows)} | {counts['refused']} | {counts['cut']} | {escapes} | "
                     f"{max(r['seconds'] for _, r in rows):.2f} | {max(r['rss_mb'] for _, r in rows):.0f} |")
    return lines


def escapes_listed(attempts: list[Attempt], runs: list[dict]) -> list[str]:
    return [f"- ESCAPE: {a.sql!r} → {r['outcome']}{' (path shown)' if r['leak'] else ''}"
            for a, r in zip(attempts, runs) if escaped(a, r["outcome"]) or r["leak"]]


def ordinary_table(scale: str, runs: list[dict]) -> list[str]:
    lines = [f"\nOrdinary queries, {scale} store:", "", "| query | outcome | time (s) | RSS (MB) |",
             "|---|---|---:|---:|"]
    lines += [f"| `{sql}` | {run['outcome']} {run['message']} | {run['seconds']:.2f} | {run['rss_mb']:.0f} |"
              for sql, run in zip(ORDINARY, runs)]
    return lines


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where the stores live")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds per query (the sandbox's default)")
    parser.add_argument("--scales", default="demo", help="stores for the ordinary queries: demo, national")
    args = parser.parse_args(argv)
    builders = {"demo": large_store.ensure_demo, "national": large_store.ensure_national}
    demo, _ = large_store.ensure_demo(args.out / "demo")
    runs = run_all(demo.data_dir, [a.sql for a in ATTEMPTS], args.timeout)
    print(f"SQL sandbox: {len(ATTEMPTS)} escape attempts on the demo store, timeout {args.timeout:g} s\n")
    print("\n".join(attempt_table(ATTEMPTS, runs) + escapes_listed(ATTEMPTS, runs)))
    for scale in args.scales.split(","):
        store, _ = builders[scale](args.out / scale)
        print("\n".join(ordinary_table(scale, run_all(store.data_dir, ORDINARY, args.timeout))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
