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


def test_undo_waits_its_turn_and_gives_up_in_norwegian(tmp_path, monkeypatch):
    import threading

    from campaign import cache
    from campaign.config import load_config
    from campaign.demo import write_demo
    from campaign.store import Store

    store = Store(tmp_path)
    write_demo(store, load_config())
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("CAMPAIGN_LOCK_TIMEOUT", "0.2")
    at = open_page("views/importer.py")
    taken, release = threading.Event(), threading.Event()

    def another_import():
        with store.writing():
            taken.set()
            release.wait(10)

    holder = threading.Thread(target=another_import)
    holder.start()
    try:
        assert taken.wait(5)
        version = store.version()
        at.button(key="undo_button").click().run()
    finally:
        release.set()
        holder.join(5)
    cache.clear()
    assert not at.exception
    assert any("En annen import pågår fortsatt etter 0,2 s" in e.value for e in at.error)
    assert store.version() == version and not at.success


def test_an_ad_buy_typed_into_the_form_is_imported_like_a_file(tmp_path, monkeypatch):
    import datetime as dt

    from campaign.store import Store
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/importer.py")
    assert any(b.label == "Last ned malen: Andre annonsekjøp (mal)" for b in at.get("download_button"))
    at.date_input(key="form_ad_buys_fra_dato").set_value(dt.date(2023, 8, 1))
    at.date_input(key="form_ad_buys_til_dato").set_value(dt.date(2023, 8, 31))
    at.selectbox(key="form_ad_buys_kanal").set_value("avis")
    at.text_input(key="form_ad_buys_leverandor").input("Avisa Oslo")
    at.number_input(key="form_ad_buys_kostnad_kr").set_value(12500.5)
    at.button(key="form_ad_buys_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    buys = Store(tmp_path).read("ad_buys")
    assert list(buys["supplier"]) == ["Avisa Oslo"] and list(buys["spend_nok"]) == [12500.5]
    assert str(buys["first_date"].iloc[0]) == "2023-08-01" and list(buys["channel"]) == ["avis"]
    assert any("Lagt inn" in s.value for s in at.success)


def test_a_call_shift_typed_into_the_form_is_imported_like_a_file(tmp_path, monkeypatch):
    import datetime as dt

    from campaign.store import Store
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/importer.py")
    assert any(b.label == "Last ned malen: Ringing (mal)" for b in at.get("download_button"))
    at.date_input(key="form_field_calls_dato").set_value(dt.date(2023, 9, 4))
    at.selectbox(key="form_field_calls_oppdrag").set_value("velgere")
    at.text_input(key="form_field_calls_skift").input("17–21")
    at.number_input(key="form_field_calls_ringt").set_value(410.0)
    at.number_input(key="form_field_calls_nådd").set_value(66.0)
    at.number_input(key="form_field_calls_positive").set_value(30.0)
    at.button(key="form_field_calls_submit").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]
    calls = Store(tmp_path).read("field_calls")
    assert list(calls["calls_made"]) == [410] and list(calls["calls_reached"]) == [66]
    assert list(calls["assignment"]) == ["velgere"] and list(calls["shift"]) == ["17–21"]
    assert list(calls["positive"]) == [30] and str(calls["date"].iloc[0]) == "2023-09-04"
    assert any("Lagt inn: Ringing (mal)" in s.value for s in at.success)
    at.number_input(key="form_field_calls_nådd").set_value(500.0)
    at.button(key="form_field_calls_submit").click().run()
    assert any("500 nådd er flere enn 410 ringt" in e.value for e in at.error), [e.value for e in at.error]
    assert list(Store(tmp_path).read("field_calls")["calls_reached"]) == [66]
