"""Events: the template CSV → events."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.ingest.events import parse_events
from campaign.store import Store
from tests.field_helpers import FIELD, assert_rejected_whole, cli_import, store_bytes, write

EVENTS = FIELD / "events_excel_cp1252.csv"
LABEL = "Arrangementer (mal)"
GOOD = "dato;type;arrangement;oppmøte\n"


def test_values_from_an_excel_file():
    batch = parse_events(EVENTS.read_bytes(), EVENTS.name)
    events = batch.tables["events"]
    assert list(events.columns) == ["date", "kind", "name", "attendance"]
    assert events["kind"].tolist() == ["valgkampseminar", "debatt", "folkemøte"]
    assert events["attendance"].iloc[0] == 188 and pd.isna(events["attendance"].iloc[1])
    assert events["date"].iloc[0] == dt.date(2023, 8, 24) and events["name"].iloc[1] == "Skoledebatt Byåsen vgs"
    assert batch.warnings == ["Filen ble lest som Windows-1252."]


def test_cli_import_reimport_and_correction(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(EVENTS))
    assert code == 0 and out.startswith("OK") and LABEL in out, out
    assert Store(tmp_path / "store").read("events")["attendance"].sum() == 233
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(EVENTS))
    assert code == 0 and "allerede importert" in out and store_bytes(tmp_path / "store") == before
    fixed = EVENTS.read_bytes().replace(b"Folkets hus;188", b"Folkets hus;190")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "arrangementer_rettet.csv", fixed)))
    assert code == 0 and "erstatter 3 rader" in out, out
    events = Store(tmp_path / "store").read("events")
    assert len(events) == 3 and events["attendance"].sum() == 235


@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen arrangementer"),
    (GOOD + "24.08.2023;debatt;Skoledebatt;-3\n", "rad 2, kolonne «oppmøte».*negativt"),
    (GOOD + "24.08.2023;debatt;Skoledebatt;12,5\n", "rad 2, kolonne «oppmøte».*ikke et helt tall"),
    (GOOD + "24.08.2023;debatt;;12\n", "rad 2, kolonne «arrangement».*mangler"),
    (GOOD + "24.08.2023;;Skoledebatt;12\n", "rad 2, kolonne «type».*mangler"),
    (GOOD + "24.08.2023;debatt;Skoledebatt;12\n24.08.2023;Debatt;Skoledebatt;14\n", "rad 2 og rad 3"),
    ("dato;type;navn;oppmøte\n24.08.2023;debatt;Skoledebatt;12\n", "personopplysninger: «navn»"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    assert_rejected_whole(tmp_path, capsys, EVENTS, text, message, parse_events)
