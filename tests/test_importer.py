"""The importer: replacement by natural key, re-import, demo replacement, rejection, undo, CLI."""
from __future__ import annotations

from pathlib import Path

import pytest

from campaign.cli import main
from campaign.config import load_config
from campaign.db import Database
from campaign.demo import write_demo
from campaign.ingest.base import ImportRejected
from campaign.ingest.importer import apply_import, detect_kind, plan_import, undo_import
from campaign.store import Store
from tests.test_fetch import serve, stored

FIXTURES = Path(__file__).resolve().parent / "fixtures"
KRETS_FILE = FIXTURES / "2019-09-14_partifordeling_4_ko_2019.csv"
CONFIG = load_config()


def read(name: str) -> tuple[str, bytes]:
    return name, (FIXTURES / name).read_bytes()


def import_files(store: Store, *files: tuple[str, bytes]):
    plan = plan_import(list(files), store, CONFIG)
    return plan, apply_import(plan, store, CONFIG)


@pytest.fixture()
def demo_store(tmp_path) -> Store:
    store = Store(tmp_path)
    write_demo(store, CONFIG)
    return store


def test_detect_kind():
    assert detect_kind(KRETS_FILE.read_bytes(), "x.csv") == "valg_csv"
    assert detect_kind(b'{"id": {"nivaa": "kommune"}}', "x.json") == "valg_json"
    with pytest.raises(ImportRejected, match="tom"):
        detect_kind(b"", "tom.csv")
    with pytest.raises(ImportRejected, match="ukjent filtype"):
        detect_kind(b"Dato;Visninger\n", "meta.csv")


def test_real_import_replaces_the_demo_rows_of_that_election_only(demo_store):
    db = Database(demo_store)
    plan, ids = import_files(demo_store, read(KRETS_FILE.name))
    assert len(ids) == 1 and plan.reports[0].accepted
    results = demo_store.read("results")
    ko2019 = results[results["election_id"] == "ko2019"]
    assert set(ko2019["import_id"]) == {ids[0]}  # no demo kretser left in the imported election
    assert (results["election_id"] == "ko2023").sum() > 1000  # demo 2023 untouched
    log = demo_store.read("imports").set_index("import_id")
    assert log.loc[ids[0], "replaced_rows"] > 1000
    assert plan.reports[0].replaces == log.loc[ids[0], "replaced_rows"]  # the preview told the truth
    assert "Eksempeldataene for ko2019 fjernes" in plan.reports[0].warnings[0]
    shares = db.query("party_shares", election_id="ko2019", compare_id=None, area_id="0301")
    assert shares["votes"].sum() == ko2019.loc[ko2019["party_code"] != "BLANKE", "votes"].sum()


def test_reimporting_the_same_file_changes_nothing(tmp_path):
    store = Store(tmp_path)
    import_files(store, read(KRETS_FILE.name))
    version = store.version()
    plan, ids = import_files(store, read(KRETS_FILE.name))
    assert plan.reports[0].already_imported and ids == []
    assert store.version() == version


def test_a_newer_export_replaces_overlapping_rows(tmp_path):
    store = Store(tmp_path)
    import_files(store, read(KRETS_FILE.name))
    before = len(store.read("results"))
    newer = KRETS_FILE.read_bytes().replace(b"Vahl skole;SV;SV - Sosialistisk Venstreparti;21,26842;5965;0;332;332",
                                            b"Vahl skole;SV;SV - Sosialistisk Venstreparti;21,26842;5965;0;333;333")
    assert newer != KRETS_FILE.read_bytes()
    plan, _ = import_files(store, (KRETS_FILE.name, newer))
    assert plan.reports[0].replaces == before
    results = store.read("results")
    assert len(results) == before
    vahl_sv = results[(results["krets_id"] == "0101") & (results["party_code"] == "SV")]
    assert vahl_sv["votes"].tolist() == [333]


def test_a_rejected_file_changes_nothing_and_the_cli_says_why(tmp_path, capsys):
    store = Store(tmp_path)
    import_files(store, read(KRETS_FILE.name))
    version = store.version()
    broken = FIXTURES / "2019-09-14_partifordeling_4_ko_2019_broken.csv"
    code = main(["import", "--data-dir", str(tmp_path), str(broken)])
    out = capsys.readouterr().out
    assert code == 1
    assert out.startswith("AVVIST") and broken.name in out and "rad" in out and "kolonne" in out
    assert store.version() == version


def test_cli_import_prints_one_line_per_file(tmp_path, capsys):
    code = main(["import", "--data-dir", str(tmp_path), str(KRETS_FILE),
                 str(FIXTURES / "2019-09-14_partifordeling_4_ko_2019_bergen.csv")])
    lines = [line for line in capsys.readouterr().out.splitlines() if not line.startswith(" ")]
    assert code == 1  # the Bergen file holds no Oslo rows
    assert lines[0].startswith("OK") and "ko2019" in lines[0] and "erstatter 0 rader" in lines[0]
    assert lines[1].startswith("AVVIST") and "0301" in lines[1]
    assert not Store(tmp_path).is_empty()  # the good file went in


def test_undo_removes_the_rows_and_the_election(tmp_path):
    store = Store(tmp_path)
    _, ids = import_files(store, read(KRETS_FILE.name))
    written = len(store.read("results"))
    assert written > 20
    removed = undo_import(store, ids[0])
    assert removed == written
    assert store.read("results").empty and store.read("elections").empty
    assert len(store.read("imports")) == 1  # the log keeps the line
    plan, again = import_files(store, read(KRETS_FILE.name))
    assert not plan.reports[0].already_imported and again  # an undone file can be imported again
    with pytest.raises(ImportRejected):
        undo_import(store, 999)


def test_election_row_comes_from_campaign_toml(tmp_path):
    store = Store(tmp_path)
    import_files(store, read(KRETS_FILE.name))
    row = store.read("elections").iloc[0]
    assert (row["election_id"], row["name"], str(row["election_date"])) == (
        "ko2019", "Kommunestyrevalget 2019", "2019-09-09")


def test_fetch_valg_imports_2025_from_a_local_server(tmp_path, capsys):
    from tests.conftest import reference_file
    api_dir = reference_file("st2025_oslo_api_json/kommune-03-0301.json").parent
    with serve(stored(api_dir)) as base_url:
        code = main(["fetch-valg", "2025", "st", "--depth", "bydel", "--base-url", base_url,
                     "--data-dir", str(tmp_path)])
        assert code == 0, capsys.readouterr().out
        partial = main(["fetch-valg", "2025", "st", "--base-url", base_url, "--data-dir", str(tmp_path / "b")])
    out = capsys.readouterr().out
    assert partial == 1 and "Ingenting er importert" in out
    assert Store(tmp_path / "b").is_empty()
    db = Database(Store(tmp_path))
    shares = db.query("party_shares", election_id="st2025", compare_id=None, area_id="0301").set_index("party_code")
    assert round(shares.loc["SV", "share_pct"], 1) == 10.7
    log = Store(tmp_path).read("imports")
    assert len(log) == 1 and "17 svar" in log["source_name"].iloc[0]  # one import, all or nothing


def test_a_file_kept_whole_is_already_imported_whatever_the_area(tmp_path):
    """A fylke-level file is not cut to the configured area (ParsedBatch.area None): NULL equals NULL."""
    store = Store(tmp_path)
    _, ids = import_files(store, read("2021-09-17_partifordeling_1_st_2021.csv"))
    assert ids and store.read("imports")["area"].isna().all()
    assert len(store.read("mandates")) == len(store.read("results")) == 12
    plan, again = import_files(store, read("2021-09-17_partifordeling_1_st_2021.csv"))
    assert again == [] and plan.reports[0].already_imported
    _, krets = import_files(store, read(KRETS_FILE.name))
    assert list(store.read("imports").set_index("import_id").loc[krets, "area"]) == ["03"]


def test_an_old_log_without_area_reads_as_null(tmp_path):
    """Logs written before the `area` column: NULL equals only a batch kept whole (area None)."""
    import pyarrow.parquet as pq
    store = Store(tmp_path)
    import_files(store, read("2021-09-17_partifordeling_1_st_2021.csv"), read(KRETS_FILE.name))
    (path,) = store.table_files("imports")
    pq.write_table(pq.read_table(path).drop_columns(["area"]), path)  # as an older version wrote it
    assert store.read("imports")["area"].isna().all()
    plan = plan_import([read("2021-09-17_partifordeling_1_st_2021.csv"), read(KRETS_FILE.name)], store, CONFIG)
    assert [r.already_imported for r in plan.reports] == [True, False]  # the krets file is cut to fylke 03
    rows = len(store.read("results"))
    apply_import(plan, store, CONFIG)
    assert len(store.read("results")) == rows  # imported once more, replacing its own rows
