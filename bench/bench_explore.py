"""«Utforsk» at a national party's scale: every question of one dataset, two filters and two group-bys.

    .venv/bin/python bench/bench_explore.py [--out bench/out] [--reps 5]

Uses (or builds) bench/out/digital-1 (5.48 M daily rows, digital_store.py) and bench/out/national
(6 500 kretser × 30 parties × 6 elections, large_store.py). For each dataset, every pair of its
dimensions (date grains included) as group-bys, with two filters (a value of a dimension and the
period, or values of two dimensions over all dates; party and target area for results), is built by campaign.explore_sql and run on a warm
connection (views made, files in the OS cache) without the result cache: the time DuckDB takes, the
worst case a page sees once per question and data version. A repeated question is served from
st.cache_data (the «via queries.explore» line: first call, then the repeats). Prints markdown tables; speed is measured here, never asserted in tests.
"""
from __future__ import annotations

import argparse
import itertools
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import digital_store  # noqa: E402  (bench/ is sys.path[0] when run as a script)
import large_store  # noqa: E402
from bench_pages import print_table  # noqa: E402

from campaign import explore_sql  # noqa: E402
from campaign.config import load_config  # noqa: E402
from campaign.db import Database  # noqa: E402
from campaign.explore import DATASETS, Question  # noqa: E402
from campaign.store import Store  # noqa: E402

DIGITAL = ("ads", "social", "web", "web_pages", "ads_period")
ELECTION = ("results", "turnout")
PERIOD = ("2025-07-28", "2025-09-08")


def first_value(db: Database, dataset: str, key: str, area: str) -> str:
    values = db.execute(*explore_sql.options_sql(dataset, key, area))["value"].dropna()
    return str(values.iloc[len(values) // 2])


def questions(db: Database, dataset: str, area: str) -> list[Question]:
    """Every pair of group-bys, each with two filters."""
    spec = DATASETS[dataset]
    dims = [k for k in spec.all_dims() if k not in ("dag", "valg")]
    measure = next(iter(spec.measures))
    out = []
    for pair in itertools.combinations(dims, 2):
        if spec.election:
            filters = (("parti", ("SV",)),) if dataset == "results" else ()
            out.append(Question(dataset, pair, measure, "change_share" if dataset == "results" else "change",
                                filters, "ko2023", "ko2019", target="Groruddalen"))
        else:
            keys = [k for k in spec.dims if k not in pair] + [k for k in spec.dims if k in pair]
            values = {k: (first_value(db, dataset, k, area),) for k in keys[:2]}
            out.append(Question(dataset, pair, measure, "sum", ((keys[0], values[keys[0]]),),
                                date_from=PERIOD[0], date_to=PERIOD[1]))  # a value and the period
            out.append(Question(dataset, pair, measure, "sum", tuple(values.items())))  # two values, all dates
    return out


def timed_ms(db: Database, sql: str, params: dict) -> float:
    start = time.perf_counter()
    db.execute(sql, params)
    return (time.perf_counter() - start) * 1000


def bench(db: Database, datasets: tuple[str, ...], reps: int, rows: list) -> None:
    config = load_config()
    db.ensure_version()
    for dataset in datasets:
        asked = questions(db, dataset, config.area_id)
        built = [explore_sql.build(q, config.area_id, config.target_areas, config.sublevel) for q in asked]
        cold = [timed_ms(db, sql, params) for sql, params in built]  # first run of each question
        warm = [timed_ms(db, sql, params) for _ in range(reps) for sql, params in built]
        n = int(db.execute(f"select count(*) as n from {dataset}", {})["n"].iloc[0])  # noqa: S608 (bench names)
        rows.append([dataset, f"{n:,}".replace(",", " "), len(asked), f"{np.percentile(cold, 50):.0f}",
                     f"{np.percentile(warm, 50):.0f}", f"{np.percentile(warm, 95):.0f}", f"{max(warm):.0f}"])


def cached(path: Path, dataset: str, reps: int) -> list:
    """The same questions through queries.explore (st.cache_data, bare mode): the first call, then repeats."""
    import os

    from campaign import queries
    os.environ["CAMPAIGN_DATA_DIR"] = str(path)
    config = load_config()
    db = Database(Store(path))
    built = [explore_sql.build(q, config.area_id, config.target_areas, config.sublevel)
             for q in questions(db, dataset, config.area_id)]
    first, again = [], []
    for sql, params in built:
        start = time.perf_counter()
        queries.explore(sql, params)
        first.append((time.perf_counter() - start) * 1000)
        for _ in range(reps):
            start = time.perf_counter()
            queries.explore(sql, params)
            again.append((time.perf_counter() - start) * 1000)
    return [f"{dataset} via queries.explore", "", len(built), f"{np.percentile(first, 50):.0f}",
            f"{np.percentile(again, 50):.1f}", f"{np.percentile(again, 95):.1f}", f"{max(again):.1f}"]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default=str(ROOT / "bench" / "out"))
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    out = Path(args.out)
    digital, how = digital_store.ensure(out / "digital-1")
    print(f"digital-1: {how}")
    national, how_n = large_store.ensure_national(out / "national")
    print(f"national: {how_n}")
    rows: list = []
    bench(Database(digital), DIGITAL, args.reps, rows)
    bench(Database(national), ELECTION, args.reps, rows)
    rows.append(cached(out / "digital-1", "ads", args.reps))
    print()
    print_table(["datasett", "rader", "spørsmål", "første kjøring p50 ms", "varm p50 ms", "varm p95 ms", "maks ms"],
                rows)


if __name__ == "__main__":
    main()
