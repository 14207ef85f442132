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
    assert at.selectbox(key="undo_choice").value == 2  # the most recent import
    at.button(key="undo_button").click().run()
    assert not at.exception
    question = next(w.value for w in at.warning if "Vil du angre import" in w.value)  # a second step first
    assert f"import 2: {fixture.name}" in question and "25 rader fjernes" in question
    assert store.read("results")["import_id"].eq(2).sum() == 25  # nothing removed yet
    confirm = at.button(key="undo_confirm")
    assert confirm.label == "Ja, angre importen 2 (25 rader)"
    confirm.click().run()
    cache.clear()
    assert not at.exception
    assert store.read("results")["import_id"].eq(2).sum() == 0
    assert any("Angret import 2: 25 rader fjernet" in s.value for s in at.success)
    assert at.selectbox(key="undo_choice").value == 1 and not at.button(key="undo_button").value


def test_undo_can_be_cancelled(tmp_path, monkeypatch):
    from campaign.config import load_config
    from campaign.demo import write_demo
    from campaign.store import Store

    store = Store(tmp_path)
    write_demo(store, load_config())
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/importer.py")
    version = store.version()
    at.button(key="undo_button").click().run()
    assert any("Vil du angre import 1: Eksempeldata" in w.value for w in at.warning)
    at.button(key="undo_cancel").click().run()
    assert not at.exception and store.version() == version
    assert not any("Vil du angre" in w.value for w in at.warning) and not at.success


def test_upload_in_norwegian_and_undo_preselects_the_new_import(tmp_path, monkeypatch):
    from campaign import cache
    from campaign.config import load_config
    from campaign.demo import write_demo
    from campaign.store import Store

    store = Store(tmp_path)
    write_demo(store, load_config())
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/importer.py")
    assert at.selectbox(key="undo_choice").value == 1  # only the demo so far
    uploader = at.file_uploader[0]
    assert uploader.proto.label_visibility.value == uploader.proto.label_visibility.COLLAPSED
    css = " ".join(m.value for m in at.markdown)
    assert "stFileUploaderDropzoneInstructions']{display:none}" in css and "content:'Velg filer'" in css
    assert any("Høyst 200 MB per fil; filtyper: CSV, JSON" in c.value for c in at.caption)
    fixture = Path(__file__).resolve().parent / "fixtures" / "2019-09-14_partifordeling_4_ko_2019.csv"
    uploader.set_value((fixture.name, fixture.read_bytes(), "text/csv")).run()
    assert not at.exception
    headline = next(s.value for s in [*at.success, *at.info] if fixture.name in s.value)
    assert "resultater 25 rader" in headline
    page_text = " ".join(e.value for e in [*at.success, *at.info, *at.caption, *at.warning])
    assert not any(f"{table}:" in page_text or f"{table} " in page_text for table in ("results", "turnout", "mandates"))
    at.button(key="import_confirm").click().run()
    cache.clear()
    assert not at.exception and any("Importert: 1 fil(er)" in s.value for s in at.success)
    assert at.selectbox(key="undo_choice").value == 2  # the new import, not the remembered demo


def test_fetch_without_network_says_so_in_norwegian(tmp_path, monkeypatch):
    import socket
    import urllib.error
    import urllib.request

    def offline(*args, **kwargs):
        raise urllib.error.URLError(socket.gaierror(-2, "Name or service not known"))

    monkeypatch.setattr(urllib.request, "urlopen", offline)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/importer.py")
    at.button(key="fetch_button").click().run()
    assert not at.exception
    error = next(e.value for e in at.error)
    assert error.startswith("Fikk ikke kontakt med valgresultat.no") and "Ingenting er importert" in error
    assert "Errno" not in error and "Name or service" not in error


def test_import_log_downloads_as_numbers(tmp_path, monkeypatch):
    from campaign.config import load_config
    from campaign.demo import write_demo
    from campaign.store import Store
    from tests.download_capture import capture

    write_demo(Store(tmp_path), load_config())
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    seen = capture(monkeypatch)
    at = open_page("views/importer.py")
    assert {"Last ned importloggen (CSV)", "Last ned importloggen (Excel)"} <= {b.label for b in at.get("download_button")}
    log = seen["importlogg"]
    for frame in (log.csv_frame(), log.xlsx_frame()):
        assert list(frame.columns[:5]) == ["Nr.", "Importert", "Type", "Kilde", "Valg"]
        assert frame["Nr."].tolist() == [1] and frame["Type"].tolist() == ["Eksempeldata"]
        assert frame["Rader"].iloc[0] == frame["Rader i lageret nå"].iloc[0] > 10_000  # a number, not «12 345»
    assert str(log.xlsx_frame()["Importert"].dtype).startswith("datetime64") and not log.formula_cells()


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
        at.button(key="undo_confirm").click().run()
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
