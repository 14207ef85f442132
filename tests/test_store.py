"""The store: atomic generations, data version, views, demo replacement."""
from __future__ import annotations

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from campaign import generations
from campaign.config import load_config
from campaign.db import Database
from campaign.demo import write_demo
from campaign.store import KEEP_GENERATIONS, ImportRecord, Store
from tests.tiny_store import write_fixture_store


def test_empty_store_has_typed_empty_views(tmp_path):
    store = Store(tmp_path / "nothing")
    assert store.is_empty() and store.version() == "empty"
    db = Database(store)
    frame = db.query("party_shares", election_id="x", compare_id=None, area_id="0301")
    assert frame.empty and "share_pct" in frame.columns


def test_each_commit_changes_the_version_and_keeps_few_generations(tmp_path, monkeypatch):
    monkeypatch.setattr(generations, "RETIRED_GRACE_S", 0.0)  # no server reading the retired ones
    store = write_fixture_store(tmp_path)
    versions = {store.version()}
    for _ in range(KEEP_GENERATIONS + 2):
        versions.add(store.commit({"ads": store.read("ads")}))
    assert len(versions) == KEEP_GENERATIONS + 3
    assert len([p for p in tmp_path.glob("g*") if p.is_dir()]) == KEEP_GENERATIONS
    assert len(store.read("results")) == 16  # unchanged tables carried over


def test_failed_commit_changes_nothing(tmp_path):
    store = write_fixture_store(tmp_path)
    before = (store.version(), len(store.read("results")), len(store.read("imports")))
    bad = store.read("results").assign(votes="not a number")
    with pytest.raises(pa.ArrowInvalid):
        store.commit({"results": bad}, ImportRecord(kind="x", source_name="bad.csv", sha256="", rows=1))
    assert (store.version(), len(store.read("results")), len(store.read("imports"))) == before
    assert not list(tmp_path.glob(".staging-*"))


def test_views_follow_the_version(tmp_path):
    store = write_fixture_store(tmp_path)
    db = Database(store)
    first = db.query("party_shares", election_id="e1", compare_id=None, area_id="0301")
    assert first["votes"].sum() == 800
    results = store.read("results")
    store.commit({"results": results[results["party_code"] != "B"]})
    second = db.query("party_shares", election_id="e1", compare_id=None, area_id="0301")
    assert list(second["party_code"]) == ["A"]


def test_demo_replaces_only_demo_rows(tmp_path):
    store = write_fixture_store(tmp_path)
    write_demo(store, load_config())
    rows_after_first = len(store.read("results"))
    write_demo(store, load_config())
    results = store.read("results")
    assert len(results) == rows_after_first  # replaced, not duplicated
    assert (results["election_id"] == "e1").sum() == 10  # imported rows untouched
    log = store.read("imports")
    assert list(log["kind"]) == ["fixture", "demo", "demo"]
    assert log["replaced_rows"].iloc[-1] > 0


def test_import_log_columns(tmp_path):
    store = write_fixture_store(tmp_path)
    log = store.read("imports")
    for column in ["import_id", "imported_at", "kind", "source_name", "sha256", "rows",
                   "first_date", "last_date", "election_id", "replaced_rows"]:
        assert column in log.columns
    assert isinstance(log["imported_at"].iloc[0], pd.Timestamp)


def test_a_store_written_before_a_table_or_column_existed_still_works(tmp_path):
    store = write_fixture_store(tmp_path)
    generation = tmp_path / store.version()
    (generation / "boundaries.parquet").unlink()  # as written before boundaries existed
    turnout = pq.read_table(generation / "turnout.parquet").drop_columns(["area_name"])
    pq.write_table(turnout, generation / "turnout.parquet")
    assert store.read("boundaries").empty and store.read("turnout")["area_name"].isna().all()
    db = Database(store)
    assert db.query("boundaries", level="bydel", kommune_id="0301").empty
    frame = db.query("turnout_by_area", election_id="e1", compare_id=None, kommune_id="0301", level="bydel")
    assert len(frame) == 2 and frame["area_name"].isna().all()
    store.commit({"ads": store.read("ads")})  # the next commit writes the missing table
    assert (tmp_path / store.version() / "boundaries.parquet").exists()


def test_leftovers_of_a_killed_writer_are_removed_by_the_next_commit(tmp_path):
    store = write_fixture_store(tmp_path)
    live = store.version()
    (tmp_path / ".staging-x").mkdir()
    (tmp_path / ".staging-x" / "results.parquet").write_bytes(b"half a file")
    (tmp_path / ".CURRENT-x").write_text("g999999\n")  # killed inside the pointer swap
    orphan = tmp_path / f"g{int(live[1:]) + 1:06d}"  # killed between its rename and the pointer swap
    orphan.mkdir()
    new = store.commit({"ads": store.read("ads")})
    assert new == f"g{int(live[1:]) + 2:06d}"  # a name is a cache key: never reused
    assert not [p.name for p in tmp_path.glob(".staging-*")] + [p.name for p in tmp_path.glob(".CURRENT-*")]
    assert not orphan.exists() and (tmp_path / live).exists()  # the retired one stays for readers
    assert len(store.read("results")) == 16


def test_retired_generations_stay_while_a_server_may_still_read_them(tmp_path, monkeypatch):
    store = write_fixture_store(tmp_path)
    first = store.version()
    for _ in range(KEEP_GENERATIONS + 1):
        store.commit({"ads": store.read("ads")})
    assert (tmp_path / first).exists()  # retired a moment ago
    monkeypatch.setattr(generations, "RETIRED_GRACE_S", 0.0)
    store.commit({"ads": store.read("ads")})
    kept = sorted(p.name for p in tmp_path.glob("g*"))
    assert len(kept) == KEEP_GENERATIONS and kept[-1] == store.version()


def test_only_the_writer_holding_the_lock_cleans_up(tmp_path):
    store = write_fixture_store(tmp_path)
    with pytest.raises(RuntimeError, match="lock"):
        generations.remove_leftovers(tmp_path, store.version())
    with pytest.raises(RuntimeError, match="lock"):
        generations.drop_retired(tmp_path, store.version())
    with store.writing():
        generations.drop_retired(tmp_path, store.version())
