"""The digital pages and a «one more day» import at a national party's scale.

    .venv/bin/python bench/bench_digital_scale.py [--out bench/out] [--reps 20] [--scale 1] [--scale 10]

Builds (or reuses) bench/out/digital-<scale>: 500 × scale local branches × 10 daily channels ×
3 years (5.48 M daily rows at scale 1; see digital_store.py). For each scale, in fresh processes:
- the three digital pages through AppTest, with warm caches: reruns with unchanged filters, after a
  filter change to a value not seen before, back to a value seen before, after a new period, and
  right after an import (query caches cleared); the page process's peak RSS;
- importing one more day of a Meta Ads Manager export (a few campaigns; once with the day alone,
  once as the last 7 days again plus the new one) through `python -m campaign import` as a whole
  process, and through read_files/check_against_store/apply_import in one process: times, bytes
  read, files rewritten, peak RSS.
Prints markdown tables. Speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import datetime as dt
import multiprocessing
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("STREAMLIT_BROWSER_GATHER_USAGE_STATS", "false")

import bench_pages  # noqa: E402  (bench/ is sys.path[0] when run as a script)
import digital_import  # noqa: E402
import digital_store  # noqa: E402
from bench_pages import print_table, rss_mb, timed  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

DASHBOARD = str(ROOT / "dashboard.py")
LAST = digital_store.last_day()
# page -> (file, title, platform selectbox, a platform, per-item selectbox, item name by number, period key)
PAGES = {
    "sosiale_medier": ("views/sosiale_medier.py", "Sosiale medier", "sosiale_platform", "facebook",
                       "sosiale_account", digital_store.branch, "sosiale_periode"),
    "annonser": ("views/annonser.py", "Annonser", "annonser_platform", "meta", "annonser_campaign",
                 digital_store.campaign_name, "annonser_periode"),
    "nettside": ("views/nettside.py", "Nettside", None, None, "nettside_site", digital_store.site,
                 "nettside_periode"),
}


def window(k: int) -> tuple[dt.date, dt.date]:
    """A six-week period ending k weeks before the 2025 election (a new period for every k)."""
    last = digital_store.ELECTION_DAYS[1] - dt.timedelta(weeks=k)
    return last - dt.timedelta(days=41), last


def check(at: AppTest, title: str) -> AppTest:
    if at.exception:
        raise SystemExit(f"{title}: exception on the page: {[e.message for e in at.exception]}")
    if not at.title or at.title[0].value != title:
        raise SystemExit(f"{title}: the run did not show the page")
    return at


def row(scale: int, what: str, ms: list[float]) -> tuple:
    p50, p95 = np.percentile(ms, [50, 95])
    return f"{scale}×", what, len(ms), float(p50), float(p95)


def bench_page(scale: int, page: str, reps: int) -> list[tuple]:
    file, title, platform_key, platform, item_key, item, period_key = PAGES[page]
    at = AppTest.from_file(DASHBOARD, default_timeout=600)
    at.session_state["logged_in"] = True
    at.run()
    bench_pages.clear_caches()
    start = time.perf_counter()
    check(at.switch_page(file).run(), title)
    rows = [row(scale, f"{page}: first run (cold caches)", [(time.perf_counter() - start) * 1000])]
    rerun = lambda _: check(at.run(), title)  # noqa: E731
    rows.append(row(scale, f"{page}: rerun, unchanged filters", timed(rerun, reps)))
    if platform_key:
        pick = at.selectbox(key=platform_key)
        rows.append(row(scale, f"{page}: {platform_key} changed (new value)", timed(
            lambda _: check(pick.set_value(platform).run(), title), 1)))
    seen = [item(0), item(1)]
    select = lambda key, value: check(at.selectbox(key=key).set_value(value).run(), title)  # noqa: E731
    rows.append(row(scale, f"{page}: {item_key} changed (new value)", timed(
        lambda i: select(item_key, item(i + 2)), reps)))
    rows.append(row(scale, f"{page}: {item_key} changed (back and forth)", timed(
        lambda i: select(item_key, seen[i % 2]), reps)[2:]))  # the first two are new
    period = lambda value: check(at.date_input(key=period_key).set_value(value).run(), title)  # noqa: E731
    default = at.date_input(key=period_key).value
    rows.append(row(scale, f"{page}: period changed (new six weeks)", timed(lambda i: period(window(i)), reps)))
    rows.append(row(scale, f"{page}: period changed (back and forth)", timed(lambda i: period(window(i % 2)), reps)))
    rows.append(row(scale, f"{page}: period = all three years (new)", timed(
        lambda _: period((digital_store.FIRST_DAY, LAST)), 1)))
    period(default)

    def after_import(_):
        bench_pages.clear_caches()
        rerun(0)

    rows.append(row(scale, f"{page}: rerun after an import (caches cleared)", timed(after_import, max(3, reps // 4))))
    return rows


def measure_pages(scale: int, data_dir: Path, reps: int) -> tuple[list[tuple], list[tuple]]:
    """Every digital page on one store, in this (fresh) process; returns timing rows and RSS rows."""
    bench_pages._quiet_bare_mode_warnings()
    bench_pages.warm_up(data_dir.parent / ".empty-store")
    memory = [(f"{scale}×", "page process after warm-up (all pages once, no data)", rss_mb()[0])]
    os.environ["CAMPAIGN_DATA_DIR"] = str(data_dir)
    rows = []
    for page in PAGES:
        rows += bench_page(scale, page, reps)
        memory.append((f"{scale}×", f"page process after {page} (peak so far)", rss_mb()[0]))
    return rows, memory


def build(scale: int, path: Path, rebuild: bool) -> tuple[str, float]:
    _, message = digital_store.ensure(path, scale, rebuild)
    return message, rss_mb()[0]


def import_rows(scale: int, label: str, cli: list, inside: list[dict]) -> list[tuple]:
    walls = [ms for ms, _, code in cli if code == 0]
    if len(walls) != len(cli):
        raise SystemExit(f"{scale}×: a CLI import failed")
    rows = [row(scale, f"{label}: `python -m campaign import` (whole process)", walls)]
    for part in ("parse", "plan", "apply"):
        rows.append(row(scale, f"{label}: {part} (in process)", [r[part] for r in inside]))
    rows.append(row(scale, f"{label}: parse + plan + apply (in process)",
                    [r["parse"] + r["plan"] + r["apply"] for r in inside]))
    return rows


def io_rows(scale: int, label: str, inside: list[dict]) -> list[tuple]:
    last = inside[-1]
    files = ", ".join(f"{name} ({size / 1024:,.0f} KB)" for name, size in sorted(last["rewritten"].items()))
    return [(f"{scale}×", label, f"{np.median([r['read_bytes'] for r in inside]) / 2**20:,.1f}",
             f"{sum(last['rewritten'].values()) / 2**20:,.2f}", len(last["rewritten"]), last["linked"],
             int(last["replaced"]), files)]


def bench_imports(scale: int, store_dir: Path, reps: int) -> tuple[list, list, list]:
    timings, io, memory = [], [], []
    for label, days_back in (("one more day", 0), ("last 7 days again + one more", 7)):
        scratch = store_dir.parent / f".scratch-{scale}"
        with multiprocessing.get_context("spawn").Pool(1, maxtasksperchild=1) as pool:  # a fresh process: its own peak
            inside, peak = pool.apply(digital_import.in_process, (store_dir, scratch, reps, days_back))
        cli = digital_import.whole_process(store_dir, scratch, reps, days_back)
        timings += import_rows(scale, label, cli, inside)
        io += io_rows(scale, label, inside)
        memory += [(f"{scale}×", f"import «{label}», CLI process", max(m for _, m, _ in cli)),
                   (f"{scale}×", f"import «{label}», {reps} imports in one process", peak)]
    return timings, io, memory


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out", help="where the stores live")
    parser.add_argument("--reps", type=int, default=20, help="repetitions per measurement")
    parser.add_argument("--scale", type=int, action="append", help="branches × 500 (repeatable; default 1)")
    parser.add_argument("--rebuild", action="store_true", help="rebuild the stores even if present")
    parser.add_argument("--skip-pages", action="store_true", help="measure the imports only")
    args = parser.parse_args(argv)
    out, scales = args.out.resolve(), args.scale or [1]
    print(f"code: {bench_pages.code_version()}")
    print(f"load average at start: {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs\n")
    pages, imports, io, memory = [], [], [], []
    context = multiprocessing.get_context("spawn")
    for scale in scales:
        path = out / f"digital-{scale}"
        with context.Pool(1, maxtasksperchild=1) as pool:
            message, peak = pool.apply(build, (scale, path, args.rebuild))
        print(f"store {scale}×: {path} – {message}", flush=True)
        if message != "reused":
            memory.append((f"{scale}×", "building the store", peak))
        if not args.skip_pages:
            with context.Pool(1, maxtasksperchild=1) as pool:
                rows, mem = pool.apply(measure_pages, (scale, path, args.reps))
            pages, memory = pages + rows, memory + mem
        timing, moved, mem = bench_imports(scale, path, max(3, args.reps // 4))
        imports, io, memory = imports + timing, io + moved, memory + mem
        print(f"{scale}×: measured", flush=True)
    print(f"load average at end: {' '.join(f'{x:.2f}' for x in os.getloadavg())}\n")
    if pages:
        print_table(["scale", "page: what", "n", "p50 ms", "p95 ms"], pages)
    print_table(["scale", "import: what", "n", "p50 ms", "p95 ms"], imports)
    print_table(["scale", "import", "read MB (p50)", "written MB", "files written", "files linked",
                 "rows replaced", "files written (last import)"], io)
    print_table(["scale", "process", "peak RSS MB"], memory)
    print("Warm caches: the pages ran once before on the same store. «New value» = a filter value this "
          "process has not shown yet (queries and figures built); «back and forth» = between two values "
          "shown before. Read MB = bytes read by the importing process from checking to commit (rchar).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
