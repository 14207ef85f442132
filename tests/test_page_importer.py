"""Importer data (AppTest): the import log and undo."""
from __future__ import annotations

from pathlib import Path

from tests.apptest import open_page


def test_importer_page_log_and_undo(tmp_path, monkeypatch):
    from campaign import cache
    from campaign.config import load_config
    from campaign.demo import write_demo
    from campaign.ingest.importer import apply_import, plan_import
    from campaign.store import Store

    store = Store(tmp_path)
    write_demo(store, load_config())
    fixture = Path(__file__).resolve().parent / "fixtures" / "2019-09-14_partifordeling_4_ko_2019.csv"
    apply_import(plan_import([(fixture.name, fixture.read_bytes())], store, load_config()), store, load_config())
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/importer.py")
    log = at.dataframe[0].value
    assert list(log["Kilde"]) == [fixture.name, "Eksempeldata (generert)"]
    assert list(log["Type"]) == ["Valgresultat (CSV)", "Eksempeldata"]
    assert at.selectbox(key="undo_choice").value == 2
    at.button(key="undo_button").click().run()
    cache.clear()
    assert not at.exception
    assert store.read("results")["import_id"].eq(2).sum() == 0
    assert any("Angret import 2" in s.value for s in at.success)
