"""The data dictionary (campaign/dictionary.py) documents every stored column; the store's profile and the
freshness of the daily sources on the demo store, with a frozen reference day."""
from __future__ import annotations

import datetime as dt

import pyarrow as pa

from campaign import data_report, dictionary, freshness
from campaign.schema import TABLE_SPECS
from campaign.store import Store
from tests.apptest import open_page, plain


def test_every_column_of_every_table_has_a_meaning():
    assert dictionary.undocumented() == [], "document the new columns in campaign/dictionary.py"
    for table in TABLE_SPECS:
        assert all(c["meaning"] for c in dictionary.columns(table)), table


def test_the_dictionary_names_no_table_or_column_that_is_gone():
    stale = [f"{t}.{c}" for t, cols in dictionary.COLUMNS.items() for c in cols
             if t not in TABLE_SPECS or c not in TABLE_SPECS[t].schema.names]
    assert stale == []


def test_type_names():
    assert [dictionary.type_name(t) for t in (pa.string(), pa.int32(), pa.float64(), pa.date32(), pa.timestamp("s"))] \
        == ["tekst", "heltall", "desimaltall", "dato", "tidspunkt"]


def test_example_text():
    assert plain(data_report.example_text(31491)) == "31 491"
    assert data_report.example_text(2019, plain=True) == "2019"
    assert data_report.example_text(0.61) == "0,61"
    assert data_report.example_text(dt.date(2023, 9, 11)) == "11. sep. 2023"
    assert data_report.example_text(None) == data_report.example_text(float("nan")) == "–"
    assert data_report.example_text("x" * 100) == "x" * 39 + "…"


def test_profile_counts_rows_and_shows_examples_on_the_demo(demo_env):
    store = Store(demo_env)
    overview = {table: (rows, columns) for table, _, rows, columns in data_report.tables()}
    assert list(overview) == list(TABLE_SPECS)
    for table in ("results", "social", "field_calls", "members", "imports", "mandates"):
        assert overview[table][0] == len(store.read(table)), table
    rows, columns = overview["results"]
    examples = dict(zip(columns["Kolonne"], columns["Eksempel"]))
    assert examples["kommune_id"] == "0301" and examples["election_id"] == "ko2019"
    assert list(columns.columns) == ["Kolonne", "Type", "Betydning", "Enhet", "Eksempel"]
    assert set(overview["mandates"][1]["Eksempel"]) == {"–"}  # empty on the demo
    everything = " ".join(" ".join(c.to_numpy(str).ravel()) for _, c in overview.values())
    assert "None" not in everything and "nan" not in everything


# Freshness: the demo's daily sources end on 11 Sep 2023, except calls (8 Sep) and door rounds (9 Sep).


def test_last_days_of_the_daily_sources_on_the_demo(demo_env):
    assert freshness.last_days(dt.date(2023, 9, 11)) == {
        "social": dt.date(2023, 9, 11), "ads": dt.date(2023, 9, 11), "web": dt.date(2023, 9, 11),
        "field_calls": dt.date(2023, 9, 8), "field_doors": dt.date(2023, 9, 9)}


def test_a_source_is_stale_only_more_than_two_days_before_the_reference_day(demo_env):
    assert freshness.stale(dt.date(2023, 9, 10)) == []  # calls end 8 Sep: two days, not more
    assert freshness.stale(dt.date(2023, 9, 11)) == [("Ringing", dt.date(2023, 9, 8))]
    assert [name for name, _ in freshness.stale(dt.date(2023, 9, 20))] == [
        "Sosiale medier", "Annonser", "Nettside", "Ringing", "Dørbanking"]
    assert freshness.stale_warning(dt.date(2023, 9, 10)) is None
    assert "Ringing: siste dag 8. sep. 2023" in freshness.stale_warning(dt.date(2023, 9, 11))


def test_daily_sentence_says_how_old_each_source_is(demo_env):
    sentence = plain(freshness.daily_sentence(dt.date(2023, 9, 11)))
    assert sentence.startswith("Nyeste dag i lageret: Sosiale medier 11. sep. 2023 (i dag), ")
    assert "Ringing 8. sep. 2023 (3 dager siden), Dørbanking 9. sep. 2023 (2 dager siden)." in sentence


def test_no_warning_for_an_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    assert freshness.last_days(dt.date(2023, 9, 11)) == {} and freshness.stale_warning(dt.date(2023, 9, 11)) is None
    assert freshness.daily_sentence(dt.date(2023, 9, 11)) is None


def test_i_dag_warns_about_the_stale_source_on_the_demo(demo_env):
    at = open_page("views/i_dag.py")  # the demo's campaign period ends 11 Sep 2023: the reference day
    warnings = [plain(w.value) for w in at.warning if "daglige kilder" in w.value]
    assert len(warnings) == 1 and "Ringing: siste dag 8. sep. 2023" in warnings[0]
    assert "Annonser" not in warnings[0]


def test_when_is_relative_to_now():
    now = dt.datetime(2026, 8, 30, 12, 0)
    assert freshness.when(dt.datetime(2026, 8, 30, 8, 12), now) == "i dag kl. 08.12"
    assert freshness.when(dt.datetime(2026, 8, 29, 8, 12), now) == "i går kl. 08.12"
    assert freshness.when(dt.datetime(2026, 8, 20, 8, 12), now) == "20. aug. 2026 kl. 08.12"
