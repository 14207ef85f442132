"""Page and query timings on the demo store and on a national-scale store.

    .venv/bin/python bench/bench_pages.py [--out bench/out] [--reps 20] [--scales demo,national]

Builds (or reuses) the stores in --out, then for each store:
- every named query the pages run (Database.query, uncached), ko2023 vs ko2019 in kommune 0301;
- every page through streamlit.testing.v1.AppTest: the first run with empty query caches
  (cold), reruns with unchanged filters (warm caches), reruns after a filter change
  (alternating between two values, so after the first change both are cached), and reruns
  after the query caches are cleared (what every rerun costs right after an import, and the
  upper bound for a filter combination nobody has looked at yet);
- the process's peak RSS.
Prints markdown tables. Speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import logging
import math
import multiprocessing
import os
import resource
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")

import large_store  # noqa: E402  (bench/ is sys.path[0] when run as a script)
from streamlit.testing.v1 import AppTest  # noqa: E402

logging.disable(logging.WARNING)  # st.cache_data decorators outside a runtime: "No runtime found"
from campaign import cache  # noqa: E402

logging.disable(logging.NOTSET)
from campaign.config import load_config  # noqa: E402
from campaign.db import Database  # noqa: E402
from campaign.pages import HOME  # noqa: E402
from campaign.pages import PAGES as PAGE_TABLE  # noqa: E402
from campaign.store import Store  # noqa: E402

ELECTION, COMPARE, OTHER_COMPARE = "ko2023", "ko2019", "st2021"
DASHBOARD = str(ROOT / "dashboard.py")
PAGE_FILES = {p.name: p.file for p in PAGE_TABLE}  # every page of the page table, by name
TITLES = {p.name: p.title for p in PAGE_TABLE if p is not HOME} | {HOME.name: "Valgkampdashbord"}
FILTERS = {  # page -> a page-local filter to alternate: (selectbox key, two values); pages not named: none

    "valgresultat": ("valgresultat_party", ["A", "SV"]),
    "valgdeltakelse": ("valgdeltakelse_bydel", ["Alna", "Gamle Oslo"]),
    "kart": ("kart_metric", ["share_pct", "turnout_pct"]),
    "banke": ("banke_area", ["Alle områder", "Groruddalen"]),
}
# Extra page-local filters measured too: (page, widget kind, key, two values).
EXTRA_FILTERS = [("kart", "selectbox", "kart_zoom", ["Hele Oslo", "Groruddalen"]),
                 ("kart", "radio", "kart_level", ["bydel", "krets"])]


def queries_used(kommune_id: str, fylke_id: str) -> list[tuple[str, dict]]:
    """The named queries the pages run, with the parameters they pass for ko2023 vs ko2019."""
    base = {"election_id": ELECTION, "compare_id": COMPARE}
    return [
        ("data_status", {}),
        ("elections_available", {"kommune_id": kommune_id, "fylke_id": fylke_id}),
        ("party_shares", {**base, "area_id": kommune_id}),
        ("party_shares[ko2019 alone, for the seat change]", {"election_id": COMPARE, "compare_id": None,
                                                             "area_id": kommune_id}),
        ("party_shares_by_subarea[bydel]", {**base, "area_id": kommune_id, "level": "bydel", "kommune_id": None}),
        ("turnout_by_area[kommune]", {**base, "kommune_id": kommune_id, "level": "kommune"}),
        ("turnout_by_area[bydel]", {**base, "kommune_id": kommune_id, "level": "bydel"}),
        ("turnout_by_area[krets]", {**base, "kommune_id": kommune_id, "level": "krets"}),
        ("party_shares_by_krets", {**base, "kommune_id": kommune_id, "bydel_id": f"{kommune_id}12",
                                    "party_code": load_config().party_code}),
        ("import_log", {}),
    ]


def clear_caches() -> None:
    """Forget all cached query results and the data version (as an import does)."""
    cache.clear()


def _quiet_bare_mode_warnings() -> None:
    """AppTest and cache.clear() touch Streamlit outside a script run; hide those warnings."""
    def keep(record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return "missing ScriptRunContext" not in message and "No runtime found" not in message

    for name in ("streamlit.runtime.scriptrunner_utils.script_run_context",
                 "streamlit.runtime.caching.cache_data_api"):
        logging.getLogger(name).addFilter(keep)


def timed(fn: Callable[[int], object], reps: int) -> list[float]:
    """Milliseconds of reps calls of fn(i)."""
    out = []
    for i in range(reps):
        start = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def row(scale: str, what: str, ms: list[float]) -> tuple[str, str, int, float, float]:
    p50, p95 = np.percentile(ms, [50, 95])
    return scale, what, len(ms), float(p50), float(p95)


def bench_queries(scale: str, data_dir: Path, reps: int) -> list[tuple]:
    """Each named query the pages use, straight on DuckDB (no Streamlit cache)."""
    config = load_config()
    db = Database(Store(data_dir))
    db.ensure_version()  # view creation is once per data version, not per query
    rows = []
    for label, params in queries_used(config.kommune_id, config.fylke_id):
        name = label.split("[")[0]
        frame = db.query(name, **params)
        if frame.empty:
            raise SystemExit(f"{scale}: {name} returned no rows for {params}")
        rows.append(row(scale, f"query {label} ({len(frame)} rows)",
                        timed(lambda _, name=name, params=params: db.query(name, **params), reps)))
    return rows


def check(at: AppTest, page: str) -> AppTest:
    """Stop on an exception, or when the run did not show the page with the shared filters."""
    if at.exception:
        raise SystemExit(f"{page}: exception on the page: {[e.message for e in at.exception]}")
    if not at.title or not at.title[0].value.startswith(TITLES[page]) or \
            not any(s.key == "compare_id" for s in at.sidebar.selectbox):
        raise SystemExit(f"{page}: the run did not show the page with its sidebar filters")
    return at


def bench_page(scale: str, page: str, reps: int) -> list[tuple]:
    """Cold run, warm reruns, reruns after filter changes and after a cache clear, for one page."""
    at = AppTest.from_file(DASHBOARD, default_timeout=60)
    at.session_state["election_id"] = ELECTION  # the newest election is the default; pin it
    at.session_state["compare_id"] = COMPARE
    at.session_state["logged_in"] = True  # as after the login, should a password be configured

    def run_page():
        if page == "forside":
            return at.run()
        return at.switch_page(PAGE_FILES[page]).run()

    if page != "forside":
        check(at.run(), "forside")  # AppTest needs one run before switch_page
    clear_caches()  # cold = no cached query results (the DuckDB connection stays, as on a server)
    start = time.perf_counter()
    check(run_page(), page)
    rows = [row(scale, f"{page}: first run (cold caches)", [(time.perf_counter() - start) * 1000])]

    rows.append(row(scale, f"{page}: rerun, unchanged filters", timed(lambda _: check(at.run(), page), reps)))
    compare = [OTHER_COMPARE, COMPARE]
    rows.append(row(scale, f"{page}: rerun, compare_id changed", timed(
        lambda i: check(at.selectbox(key="compare_id").set_value(compare[i % 2]).run(), page), reps)))
    filters = [("radio" if key == "kart_metric" else "selectbox", key, values)
               for key, values in ([FILTERS[page]] if page in FILTERS else [])]
    filters += [(kind, key, values) for name, kind, key, values in EXTRA_FILTERS if name == page]
    for kind, key, values in filters:
        widget = at.radio if kind == "radio" else at.selectbox
        rows.append(row(scale, f"{page}: rerun, {key} changed", timed(
            lambda i, w=widget, k=key, v=values: check(w(key=k).set_value(v[i % 2]).run(), page), reps)))
        widget(key=key).set_value(values[0]).run()

    def after_clear(_):
        clear_caches()
        check(at.run(), page)

    rows.append(row(scale, f"{page}: rerun after cache clear (import)", timed(after_clear, reps)))
    return rows


def rss_mb() -> tuple[float, float]:
    """(peak, current) resident set size of this process in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    with open("/proc/self/statm") as fh:
        current = int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    return peak, current


def print_table(header: list[str], rows: list[tuple]) -> None:
    cells = [[("–" if math.isnan(c) else f"{c:,.1f}") if isinstance(c, float) else str(c) for c in r] for r in rows]
    widths = [max(len(h), *(len(r[i]) for r in cells)) for i, h in enumerate(header)]
    right = [isinstance(c, int | float) for c in rows[0]]

    def line(values):
        return "| " + " | ".join(v.rjust(w) if r else v.ljust(w) for v, w, r in zip(values, widths, right)) + " |"

    print(line(header))
    print("|" + "|".join(("-" * (w + 1) + ":") if r else ("-" * (w + 2)) for w, r in zip(widths, right)) + "|")
    for r in cells:
        print(line(r))
    print()


def build_store(scale: str, path: Path, rebuild: bool) -> tuple[str, float]:
    """Build or reuse one store (run in a child process); returns its message and peak RSS MB."""
    builder = {"demo": large_store.ensure_demo, "national": large_store.ensure_national}[scale]
    _, message = builder(path, rebuild=rebuild)
    return message, rss_mb()[0]


def warm_up(empty_dir: Path) -> None:
    """Run every page once on an empty store: Streamlit's and the pages' one-time costs."""
    os.environ["CAMPAIGN_DATA_DIR"] = str(empty_dir)  # never created; reads as an empty store
    for page in PAGE_FILES:
        at = AppTest.from_file(DASHBOARD, default_timeout=60)
        at.session_state["logged_in"] = True
        at.run()
        if page != "forside":
            at.switch_page(PAGE_FILES[page]).run()
        if at.exception:
            raise SystemExit(f"warm-up {page}: {[e.message for e in at.exception]}")


def code_version() -> str:
    """The commit the pages were measured at, and whether the tree had uncommitted changes."""
    try:
        commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True,
                                text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT,
                               capture_output=True, text=True, check=True).stdout.split("\n")
    except (OSError, subprocess.CalledProcessError):
        return "unknown (no git)"
    changed = [line[3:] for line in dirty if line.strip()]
    return commit + (f" + uncommitted changes in {', '.join(changed)}" if changed else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where the stores live")
    parser.add_argument("--reps", type=int, default=20, help="repetitions per measurement")
    parser.add_argument("--scales", default="demo,national", help="comma-separated: demo, national")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the stores even if present")
    args = parser.parse_args(argv)
    _quiet_bare_mode_warnings()
    if set(FILTERS) - set(PAGE_FILES):
        raise SystemExit(f"filters for pages not in the page table: {sorted(set(FILTERS) - set(PAGE_FILES))}")
    out = args.out.resolve()

    # Stores are built in a child process, so the build's memory stays out of this one's peak RSS.
    scales = [s.strip() for s in args.scales.split(",") if s.strip()]
    stores, memory = {}, []
    with multiprocessing.get_context("spawn").Pool(1) as pool:
        for scale in scales:
            start = time.perf_counter()
            message, child_peak = pool.apply(build_store, (scale, out / scale, args.rebuild))
            stores[scale] = out / scale
            print(f"store {scale}: {out / scale} – {message} [{time.perf_counter() - start:.1f} s incl. process start]")
            if message != "reused":
                memory.append((f"building {scale} (child process)", child_peak, float("nan")))
    print(f"code: {code_version()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    print()

    # Library imports and Streamlit's first-run costs happen once per server; keep them out of "cold".
    warm_up(out / ".empty-store")
    memory.append(("after warm-up (no data)", *rss_mb()))

    timings = []
    began = time.perf_counter()
    for scale, data_dir in stores.items():
        os.environ["CAMPAIGN_DATA_DIR"] = str(data_dir)
        timings += bench_queries(scale, data_dir, args.reps)
        for page in PAGE_FILES:
            timings += bench_page(scale, page, args.reps)
        memory.append((f"after {scale}", *rss_mb()))
        print(f"{scale}: measured ({time.perf_counter() - began:.0f} s so far)", flush=True)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    print()
    print_table(["scale", "what", "n", "p50 ms", "p95 ms"], timings)
    print_table(["process", "peak RSS MB", "current RSS MB"], memory)
    print("Cold = first run of the page with empty query caches, after a warm-up on an empty store "
          "(libraries imported, Streamlit initialised); the first page of a store also opens its "
          "DuckDB connection.")
    print("Peak RSS is this process's high-water mark so far (both stores' caches live in it).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
