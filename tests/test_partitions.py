"""Partitioned daily tables: layout, imports that rewrite only what they touch, undo, old stores upgraded."""
from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pyarrow.parquet as pq
import pytest

from campaign import partitions
from campaign.config import load_config
from campaign.db import Database
from campaign.ingest.importer import apply_import, plan_import, undo_import
from campaign.sandbox import readonly_sql
from campaign.store import DATA_TABLES, PARTITIONED, SCHEMAS, TABLE_SPECS, TABLES, Store
from tests.platform_files import meta_ads_csv
from tests.tiny_store import write_digital_store

CONFIG = load_config()
AUG_30, AUG_31, SEP_1 = dt.date(2023, 8, 30), dt.date(2023, 8, 31), dt.date(2023, 9, 1)


def day(date: dt.date, campaign: str = "Landingsside", spend: float = 100.0) -> tuple:
    return (date, campaign, spend, 1000, 800, 10, 5)


def import_file(store: Store, data: bytes, name: str = "meta.csv"):
    plan = plan_import([(name, data)], store, CONFIG)
    assert all(r.accepted for r in plan.reports), [r.error for r in plan.reports]
    return plan, apply_import(plan, store, CONFIG)


def files(store: Store, version: str | None = None) -> dict[str, os.stat_result]:
    """Every file of a generation (relative path -> stat)."""
    root = store.data_dir / (version or store.version())
    return {str(p.relative_to(root)): p.stat() for p in sorted(root.rglob("*.parquet"))}


def meta_ads(store: Store) -> pd.DataFrame:
    ads = store.read("ads")
    return ads[ads["platform"] == "meta"].sort_values(["date", "campaign"]).reset_index(drop=True)


def test_partition_columns_are_part_of_the_natural_key():
    assert set(PARTITIONED) == {"social", "ads", "ads_period", "web", "web_pages"}
    for name, columns in PARTITIONED.items():
        assert set(columns) <= set(TABLE_SPECS[name].natural_key), name
        assert name in DATA_TABLES and "election_id" not in SCHEMAS[name].names


def test_keys_are_safe_file_names_and_null_equals_empty():
    frame = pd.DataFrame({"date": [AUG_30, SEP_1, None, AUG_31], "platform": ["meta", "", "../x Å", None]})
    keys = partitions.keys_of(("platform", "date"), SCHEMAS["ads"], frame)
    assert keys == {"meta~2023-08", "_~2023-09", "%2E%2E%2Fx%20%C3%85~_", "_~2023-08"}
    assert all("/" not in key and not key.startswith(".") for key in keys)
    long = partitions.encode("x" * 300)
    assert len(long) == partitions.LONGEST_PART and long != partitions.encode("x" * 301)


def test_layout_one_file_per_partition_and_empty_tables_are_empty_folders(tmp_path):
    store = write_digital_store(tmp_path)
    generation = tmp_path / store.version()
    assert sorted(p.name for p in (generation / "ads").iterdir()) == ["meta~2023-08.parquet",
                                                                      "snapchat~2023-08.parquet"]
    assert sorted(p.name for p in (generation / "web").iterdir()) == ["2021-08.parquet", "2023-08.parquet"]
    assert not (generation / "ads.parquet").exists() and (generation / "results.parquet").exists()
    empty = write_digital_store(tmp_path / "b")
    empty.commit({"web": store.read("web").iloc[0:0]})
    assert list((tmp_path / "b" / empty.version() / "web").iterdir()) == []
    db = Database(empty)
    assert db.query("web_daily", first_date=AUG_30, last_date=SEP_1, site=None).empty
    assert readonly_sql(empty, "select count(*) as n from web")["n"].iloc[0] == 0


def test_one_more_day_rewrites_only_its_partition(tmp_path):
    store = write_digital_store(tmp_path)
    import_file(store, meta_ads_csv([day(AUG_30), day(AUG_31)]), "meta_1.csv")
    before, old = files(store), store.version()
    plan, ids = import_file(store, meta_ads_csv([day(AUG_30), day(AUG_31), day(dt.date(2023, 8, 29))]), "meta_2.csv")
    after = files(store)
    rewritten = {f for f in after if f not in before or after[f].st_ino != before[f].st_ino}
    assert rewritten == {"ads/meta~2023-08.parquet", "ads_period/meta~2023-08.parquet", "imports.parquet"}
    for name in set(after) - rewritten:  # hard links of the previous generation's files
        assert (after[name].st_ino, after[name].st_mtime_ns) == (before[name].st_ino, before[name].st_mtime_ns)
    assert plan.reports[0].replaces == 2
    assert (tmp_path / old / "ads" / "meta~2023-08.parquet").exists()  # the old generation is untouched


def test_reimport_is_idempotent_and_a_newer_export_replaces_overlapping_days(tmp_path):
    store = write_digital_store(tmp_path)
    first = meta_ads_csv([day(AUG_30), day(AUG_31)])
    import_file(store, first)
    version, rows = store.version(), len(store.read("ads"))
    plan, ids = import_file(store, first)
    assert plan.reports[0].already_imported and ids == [] and store.version() == version
    newer = meta_ads_csv([day(AUG_30), day(AUG_31, spend=150.0)])
    plan, ids = import_file(store, newer)
    assert plan.reports[0].replaces == 2 + 1 and len(store.read("ads")) == rows  # the summary row: same period
    assert meta_ads(store).query("campaign == 'Landingsside'")["spend_nok"].tolist() == [100.0, 150.0]


def test_a_newer_export_across_a_month_boundary_replaces_the_overlap_in_both_months(tmp_path):
    store = write_digital_store(tmp_path)
    import_file(store, meta_ads_csv([day(AUG_30), day(AUG_31)]))
    plan, ids = import_file(store, meta_ads_csv([day(AUG_31, spend=200.0), day(SEP_1, spend=300.0),
                                                 day(SEP_1, "Ny kampanje", 10.0)]))
    assert plan.reports[0].replaces == 1
    ours = meta_ads(store).query("campaign in ['Landingsside', 'Ny kampanje']")
    assert list(zip(ours["date"], ours["campaign"], ours["spend_nok"])) == [
        (AUG_30, "Landingsside", 100.0), (AUG_31, "Landingsside", 200.0), (SEP_1, "Landingsside", 300.0),
        (SEP_1, "Ny kampanje", 10.0)]
    assert {"meta~2023-08.parquet", "meta~2023-09.parquet"} <= {p.name for p in (tmp_path / store.version() / "ads").iterdir()}
    log = store.read("imports").set_index("import_id")
    assert log.loc[ids[0], "replaced_rows"] == 1 and log.loc[ids[0], "rows"] == 3 + 1  # and the summary row


def test_undo_across_partitions_rewrites_only_those(tmp_path):
    store = write_digital_store(tmp_path)
    import_file(store, meta_ads_csv([day(AUG_30), day(AUG_31)]))
    _, ids = import_file(store, meta_ads_csv([day(AUG_31, spend=200.0), day(SEP_1, spend=300.0)]))
    before = files(store)
    assert undo_import(store, ids[0]) == 2 + 1  # two days and the summary row (ads_period)
    after = files(store)
    assert "ads/meta~2023-09.parquet" not in after  # nothing left in September
    assert after["ads/meta~2023-08.parquet"].st_ino != before["ads/meta~2023-08.parquet"].st_ino
    for name in ("ads/snapchat~2023-08.parquet", "social/tiktok~2023-08.parquet", "web/2023-08.parquet",
                 "results.parquet"):
        assert after[name].st_ino == before[name].st_ino, name
    ours = meta_ads(store).query("campaign == 'Landingsside'")
    assert ours["date"].tolist() == [AUG_30]  # the replaced day went with the import that replaced it
    assert len(store.read("imports")) == 3


def test_no_whole_data_table_is_read_by_an_import_a_reimport_or_an_undo(tmp_path, monkeypatch):
    store = write_digital_store(tmp_path)
    data = meta_ads_csv([day(AUG_30)])
    whole_reads = []
    original = Store.read_arrow

    def spy(self, table, version=None, keys=None, columns=None):
        if table in PARTITIONED and keys is None and columns is None:
            whole_reads.append(table)
        return original(self, table, version, keys, columns)

    monkeypatch.setattr(Store, "read_arrow", spy)
    _, ids = import_file(store, data)
    plan, _ = import_file(store, data)
    assert plan.reports[0].already_imported
    undo_import(store, ids[0])
    assert whole_reads == []


def to_legacy(store: Store, tables: tuple[str, ...]) -> None:
    """Rewrite the live generation as a store written before partitioning: one file per table."""
    generation = store.data_dir / store.version()
    for name in tables:
        frame = pq.read_table(generation / name) if any((generation / name).iterdir()) else SCHEMAS[name].empty_table()
        for path in (generation / name).iterdir():
            path.unlink()
        (generation / name).rmdir()
        pq.write_table(frame, generation / f"{name}.parquet")


def test_an_old_unpartitioned_store_is_read_and_upgraded_by_the_next_commit_that_touches_it(tmp_path):
    store = write_digital_store(tmp_path)
    import_file(store, meta_ads_csv([day(AUG_30), day(AUG_31)]))
    expected = {name: store.read(name).sort_values(list(TABLE_SPECS[name].natural_key)).reset_index(drop=True)
                for name in PARTITIONED}
    to_legacy(store, tuple(PARTITIONED))
    generation = tmp_path / store.version()
    assert not (generation / "ads").exists() and (generation / "ads.parquet").exists()
    db = Database(store)
    assert len(db.query("ads_daily", first_date=AUG_30, last_date=SEP_1, platform="meta", campaign=None)) == 2
    assert len(store.read("ads", partitions={"meta~2023-08"})) == len(expected["ads"].query("platform == 'meta'"))
    plan, ids = import_file(store, meta_ads_csv([day(AUG_31, spend=200.0), day(SEP_1)]))
    assert plan.reports[0].replaces == 1
    generation = tmp_path / store.version()
    assert not (generation / "ads.parquet").exists()
    assert sorted(p.name for p in (generation / "ads").iterdir()) == [
        "meta~2023-08.parquet", "meta~2023-09.parquet", "snapchat~2023-08.parquet"]
    assert (generation / "social.parquet").exists()  # untouched: still the old layout, still read
    ads = store.read("ads")
    assert len(ads) == len(expected["ads"]) + 1
    for name in ("social", "web", "web_pages"):
        stored = store.read(name).sort_values(list(TABLE_SPECS[name].natural_key)).reset_index(drop=True)
        pd.testing.assert_frame_equal(stored, expected[name])
    assert len(db.query("ads_daily", first_date=AUG_30, last_date=SEP_1, platform="meta", campaign=None)) == 3
    assert undo_import(store, ids[0]) == 3
    assert len(db.query("ads_daily", first_date=AUG_30, last_date=SEP_1, platform="meta", campaign=None)) == 1


def test_views_read_partitions_written_before_a_column_existed(tmp_path):
    store = write_digital_store(tmp_path)
    folder = tmp_path / store.version() / "web"
    old = folder / "2021-08.parquet"
    pq.write_table(pq.read_table(old).drop_columns(["engaged_sessions"]), old)
    frame = Database(store).query("web_daily", first_date=dt.date(2021, 8, 1), last_date=dt.date(2023, 8, 4),
                                  site=None)
    assert frame["engaged_sessions"].notna().any() and frame["engaged_sessions"].isna().any()
    assert store.read("web")["engaged_sessions"].isna().sum() == 4


def test_commit_checks_partition_keys(tmp_path):
    store = write_digital_store(tmp_path)
    ads = store.read("ads")
    with pytest.raises(ValueError, match="belong to"):
        store.commit({}, partitions={"ads": {"meta~2023-09": ads[ads["platform"] == "meta"]}})
    with pytest.raises(ValueError, match="not partitioned"):
        store.commit({}, partitions={"results": {}})
    with pytest.raises(ValueError, match="whole and as partitions"):
        store.commit({"ads": ads}, partitions={"ads": {}})


def test_every_table_of_a_generation_is_there_after_a_partition_commit(tmp_path):
    store = write_digital_store(tmp_path)
    ads = store.read("ads")
    store.commit({}, partitions={"ads": {"snapchat~2023-08": ads.iloc[0:0]}})
    assert set(store.read("ads")["platform"]) == {"meta"}
    generation = Path(tmp_path / store.version())
    assert all((generation / f"{t}.parquet").exists() or (generation / t).is_dir() for t in TABLES)


def test_concurrent_imports_into_the_same_partitions_lose_nothing(tmp_path):
    from tests.test_concurrency import import_concurrently

    files = []
    for i in range(4):  # two into August, two across the month boundary: the same partitions, taking turns
        days = [day(AUG_30, f"Kampanje {i}", 10.0 + i), day(SEP_1 if i % 2 else AUG_31, f"Kampanje {i}", 20.0 + i)]
        files.append(tmp_path / f"meta_{i}.csv")
        files[-1].write_bytes(meta_ads_csv(days))
    outcomes = import_concurrently(tmp_path / "data", files, tmp_path)
    assert all(code == 0 and out.startswith("OK") for code, out, _ in outcomes), outcomes
    store = Store(tmp_path / "data")
    ads = store.read("ads")
    assert sorted(ads["campaign"]) == sorted(f"Kampanje {i}" for i in range(4) for _ in range(2))
    assert len(store.read("imports")) == 4 and set(ads["import_id"]) == {1, 2, 3, 4}
    periods = store.read("ads_period")  # the whole-export rows of the same period replace each other
    assert len(periods) == 2 and len(store.import_ids("ads_period")) == 2
