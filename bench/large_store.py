"""Synthetic stores for the benchmarks: the demo store, and a national-scale store.

The national store is what a national party's dashboard would hold: about 6 500 kretser in
~356 kommuner × 30 parties × 6 elections, at krets level, with turnout per krets and kommune
(and per bydel in Oslo). Oslo (0301) is the demo's Oslo, so the Oslo pages show the same
bydel structure; the three elections the demo lacks (ko2015, st2017, st2025) get Oslo rows
copied from the nearest demo election of the same kind with noise. Everything is generated
with numpy from a fixed seed, so a rebuilt store is identical.
"""
from __future__ import annotations

import datetime as dt
import shutil
import time
from pathlib import Path

import numpy as np
import pandas as pd

from campaign import demo_params as P
from campaign.config import load_config
from campaign.demo import DEMO_KIND, build_demo, split_integer, write_demo
from campaign.store import ImportRecord, Store

SEED = 20250908
SPEC = "national-v1"  # bump when the generator changes, so an old store is rebuilt
N_KOMMUNER = 356  # Oslo included
N_KRETSER = 6_500  # Oslo's ~100 included
N_PARTIES = 30  # BLANKE included
BENCH_KIND = "bench"
SOURCE_NAME = f"Benchmark {SPEC} seed={SEED}"

# The elections in the national store. `base` = the demo election Oslo's rows are copied from.
ELECTIONS = {
    "ko2015": dict(kind="ko", date=dt.date(2015, 9, 14), name="Kommunestyrevalget 2015", base="ko2019"),
    "st2017": dict(kind="st", date=dt.date(2017, 9, 11), name="Stortingsvalget 2017", base="st2021"),
    "ko2019": dict(kind="ko", date=dt.date(2019, 9, 9), name="Kommunestyrevalget 2019", base=None),
    "st2021": dict(kind="st", date=dt.date(2021, 9, 13), name="Stortingsvalget 2021", base=None),
    "ko2023": dict(kind="ko", date=dt.date(2023, 9, 11), name="Kommunestyrevalget 2023", base=None),
    "st2025": dict(kind="st", date=dt.date(2025, 9, 8), name="Stortingsvalget 2025", base="st2021"),
}
# Turnout and advance-vote share by kind of election (national averages).
TURNOUT = {"ko": 0.63, "st": 0.78}
ADVANCE = {"ko": 0.45, "st": 0.58}
# Fylker (2024 codes) for the synthetic kommuner; 03 (Oslo) is the demo's.
FYLKER = ["11", "15", "18", "31", "32", "33", "34", "39", "40", "42", "46", "50", "55", "56"]


def parties() -> dict[str, str]:
    """30 party codes and names: the demo's (BLANKE last) plus synthetic local lists."""
    codes = {c: n for c, n in P.PARTY_NAMES.items() if c != "BLANKE"}
    for i in range(N_PARTIES - 1 - len(codes)):
        codes[f"L{i + 1:02d}"] = f"Lokalliste {i + 1}"
    codes["BLANKE"] = P.PARTY_NAMES["BLANKE"]
    return codes


def _kommuner(rng: np.random.Generator, n: int) -> tuple[np.ndarray, np.ndarray]:
    """n synthetic kommune codes (fylke + two digits, never 0301) and their fylke codes."""
    fylke_of = np.array(FYLKER)[np.arange(n) % len(FYLKER)]
    number = np.arange(n) // len(FYLKER) + 1
    kommune_id = np.char.add(fylke_of, np.char.zfill(number.astype(str), 2))
    return kommune_id.astype(object), fylke_of.astype(object)


def _synthetic(rng: np.random.Generator, n_kretser: int, codes: dict[str, str]):
    """Results and turnout frames for the kommuner outside Oslo, all elections."""
    n_kom = N_KOMMUNER - 1
    kommune_id, fylke_id = _kommuner(rng, n_kom)
    # Kretser per kommune: heavy-tailed (a few big towns, many small kommuner), at least 1.
    per_kommune = 1 + split_integer(n_kretser - n_kom, rng.lognormal(0.0, 1.0, n_kom))
    k_kom = np.repeat(np.arange(n_kom), per_kommune)  # kommune index of each krets
    starts = np.cumsum(per_kommune) - per_kommune
    k_number = np.arange(n_kretser) - starts[k_kom] + 1
    krets_id = np.char.zfill(k_number.astype(str), 4).astype(object)
    krets_name = np.char.add("Krets ", krets_id.astype(str)).astype(object)
    eligible_base = np.maximum(50, rng.lognormal(7.3, 0.7, n_kretser)).round()

    party_codes = np.array(list(codes), dtype=object)
    party_names = np.array(list(codes.values()), dtype=object)
    n_real = len(codes) - 1  # BLANKE handled separately
    national = rng.dirichlet(np.linspace(3.0, 0.05, n_real) ** 1.5 * 20)
    kommune_lean = rng.lognormal(0.0, 0.35, (n_kom, n_real))
    krets_lean = rng.lognormal(0.0, 0.2, (n_kretser, n_real))

    results, turnout = [], []
    n_rows = n_kretser * len(codes)
    for e, (election_id, spec) in enumerate(ELECTIONS.items()):
        kind = spec["kind"]
        eligible = np.round(eligible_base * (1 + 0.01 * e) * rng.uniform(0.97, 1.03, n_kretser)).astype(np.int64)
        rate = np.clip(TURNOUT[kind] + rng.normal(0.0, 0.06, n_kretser), 0.3, 0.95)
        cast = np.round(eligible * rate).astype(np.int64)
        blank = np.round(cast * rng.uniform(0.003, 0.012, n_kretser)).astype(np.int64)
        weights = national * kommune_lean[k_kom] * krets_lean * rng.lognormal(0.0, 0.15, n_real)
        weights /= weights.sum(axis=1, keepdims=True)
        votes = np.floor((cast - blank)[:, None] * weights).astype(np.int64)
        votes = np.concatenate([votes, blank[:, None]], axis=1)  # (kretser, parties)
        advance_share = np.clip(ADVANCE[kind] + rng.normal(0.0, 0.08, n_kretser), 0.1, 0.9)
        advance = np.round(votes * advance_share[:, None]).astype(np.int64)

        k_of_row = np.repeat(np.arange(n_kretser), len(codes))
        kom_of_row = k_kom[k_of_row]
        results.append(pd.DataFrame({
            "election_id": election_id,
            "area_level": "krets",
            "fylke_id": fylke_id[kom_of_row],
            "kommune_id": kommune_id[kom_of_row],
            "bydel_id": None,
            "krets_id": krets_id[k_of_row],
            "krets_name": krets_name[k_of_row],
            "party_code": np.tile(party_codes, n_kretser),
            "party_name": np.tile(party_names, n_kretser),
            "advance_votes": advance.ravel(),
            "election_day_votes": (votes - advance).ravel(),
            "votes": votes.ravel(),
        }))
        assert len(results[-1]) == n_rows
        actual_cast = votes.sum(axis=1)
        turnout.append(pd.DataFrame({
            "election_id": election_id, "area_level": "krets",
            "area_id": np.char.add(np.char.add(kommune_id[k_kom].astype(str), "-"), krets_id.astype(str)).astype(object),
            "area_name": krets_name, "kommune_id": kommune_id[k_kom], "bydel_id": None,
            "eligible_voters": eligible, "votes_cast": actual_cast,
        }))
        turnout.append(pd.DataFrame({
            "election_id": election_id, "area_level": "kommune", "area_id": kommune_id,
            "area_name": np.char.add("Kommune ", kommune_id.astype(str)).astype(object),
            "kommune_id": kommune_id, "bydel_id": None,
            "eligible_voters": np.bincount(k_kom, eligible, n_kom).astype(np.int64),
            "votes_cast": np.bincount(k_kom, actual_cast, n_kom).astype(np.int64),
        }))
    return results, turnout


def _oslo(rng: np.random.Generator, demo: dict[str, pd.DataFrame]):
    """The demo's Oslo rows for its three elections, plus noisy copies for the other three."""
    results, turnout = [demo["results"]], [demo["turnout"]]
    for election_id, spec in ELECTIONS.items():
        if spec["base"] is None:
            continue
        res = demo["results"][demo["results"]["election_id"] == spec["base"]].copy()
        factor = pd.Series(rng.lognormal(0.0, 0.12, res["party_code"].nunique()),
                           index=res["party_code"].unique())
        scale = res["party_code"].map(factor).to_numpy() * rng.uniform(0.95, 1.05, len(res))
        for col in ("advance_votes", "election_day_votes"):
            res[col] = np.round(res[col].to_numpy() * scale).astype(np.int64)
        res["votes"] = res["advance_votes"] + res["election_day_votes"]
        res["election_id"] = election_id
        results.append(res)
        tur = demo["turnout"][demo["turnout"]["election_id"] == spec["base"]].copy()
        drift = 1 + 0.01 * (int(election_id[-4:]) - int(spec["base"][-4:]))
        tur["eligible_voters"] = np.round(tur["eligible_voters"] * drift).astype(np.int64)
        rate = rng.uniform(0.96, 1.02)
        tur["votes_cast"] = np.minimum(tur["eligible_voters"],
                                       np.round(tur["votes_cast"] * drift * rate)).astype(np.int64)
        tur["election_id"] = election_id
        turnout.append(tur)
    return results, turnout


def build_national() -> dict[str, pd.DataFrame]:
    """All tables of the national store (without import ids)."""
    rng = np.random.default_rng(SEED)
    demo = build_demo(load_config())
    oslo_results, oslo_turnout = _oslo(rng, demo)
    oslo_kretser = int(demo["results"].groupby("election_id")["krets_id"].nunique().max())
    syn_results, syn_turnout = _synthetic(rng, N_KRETSER - oslo_kretser, parties())
    elections = pd.DataFrame([
        {"election_id": e, "kind": s["kind"], "year": s["date"].year, "election_date": s["date"], "name": s["name"]}
        for e, s in ELECTIONS.items()
    ])
    return {"results": pd.concat(oslo_results + syn_results, ignore_index=True),
            "turnout": pd.concat(oslo_turnout + syn_turnout, ignore_index=True),
            "elections": elections}


def _log(store: Store) -> pd.DataFrame:
    return store.read("imports") if not store.is_empty() else pd.DataFrame(columns=["kind", "source_name"])


def _reset(path: Path) -> None:
    """Remove a store directory before rebuilding it (only one that looks like a store)."""
    if path.exists():
        if not (path / "CURRENT").exists() and any(path.iterdir()):
            raise SystemExit(f"{path} finnes og er ikke et lager; vil ikke slette den")
        shutil.rmtree(path)


def ensure_demo(path: Path, rebuild: bool = False) -> tuple[Store, str]:
    """The demo store at path, written unless already there. Returns (store, what happened)."""
    store = Store(path)
    if not rebuild and (_log(store)["kind"] == DEMO_KIND).any():
        return store, "reused"
    _reset(path)
    start = time.perf_counter()
    version, rows = write_demo(Store(path), load_config())
    return store, f"built: {rows:,} rows in {time.perf_counter() - start:.1f} s ({version})"


def ensure_national(path: Path, rebuild: bool = False) -> tuple[Store, str]:
    """The national store at path, built unless the same SPEC is already there."""
    store = Store(path)
    log = _log(store)
    if not rebuild and ((log["kind"] == BENCH_KIND) & (log["source_name"] == SOURCE_NAME)).any():
        return store, "reused"
    _reset(path)
    start = time.perf_counter()
    tables = build_national()
    generated = time.perf_counter() - start
    import_id = store.next_import_id()
    tables = {name: frame.assign(import_id=import_id) for name, frame in tables.items()}
    rows = sum(len(f) for f in tables.values())
    record = ImportRecord(kind=BENCH_KIND, source_name=SOURCE_NAME, sha256="", rows=rows,
                          election_id=",".join(ELECTIONS))
    version = store.commit(tables, record)
    total = time.perf_counter() - start
    sizes = ", ".join(f"{name} {len(frame):,}" for name, frame in tables.items())
    return store, (f"built: {rows:,} rows ({sizes}) in {total:.1f} s "
                   f"(generate {generated:.1f} s, write {total - generated:.1f} s; {version})")
