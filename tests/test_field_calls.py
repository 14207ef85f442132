"""Phone bank and call assignments: the template CSV → field_calls."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.ingest import registry
from campaign.ingest.field_calls import SOURCE, parse_field_calls
from campaign.store import Store
from tests.field_helpers import FIELD, assert_rejected_whole, cli_import, store_bytes, write

CALLS = FIELD / "field_calls_utf8_bom.csv"
LABEL = "Ringing (mal)"
GOOD = "dato;oppdrag;skift;ringt;nådd;positive;usikre;negative;feil_nummer\n"


def test_values_from_the_excel_style_file():
    batch = parse_field_calls(CALLS.read_bytes(), CALLS.name)
    calls = batch.tables["field_calls"]
    assert list(calls.columns) == ["date", "assignment", "shift", "calls_made", "calls_reached", "positive",
                                   "undecided", "negative", "wrong_number"]
    assert len(calls) == 4 and batch.warnings == []
    first = calls.iloc[0]
    assert (first["date"], first["assignment"], first["shift"], first["calls_made"], first["calls_reached"]) == (
        dt.date(2023, 9, 1), "velgere", "17–21", 1250, 212)
    assert (first["positive"], first["undecided"], first["negative"], first["wrong_number"]) == (80, 70, 40, 95)
    members = calls[calls["assignment"] == "medlemmer"].iloc[0]
    assert pd.isna(members["shift"]) and pd.isna(members["positive"])
    assert sorted(calls["assignment"].unique()) == ["medlemmer", "velgere"]  # «Velgere» is the known word
    assert batch.areas == "4 skift (medlemmer, velgere), 2\u00a0724 ringt, 1. sep.–4. sep. 2023"


def test_cli_import_totals_reimport_and_correction(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(CALLS))
    assert code == 0 and out.startswith("OK") and LABEL in out, out
    calls = Store(tmp_path / "store").read("field_calls")
    assert (calls["calls_made"].sum(), calls["calls_reached"].sum()) == (2724, 503)
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(CALLS))
    assert code == 0 and "allerede importert" in out and store_bytes(tmp_path / "store") == before
    fixed = CALLS.read_bytes().replace(b"980;174", b"990;180")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "ringing_rettet.csv", fixed)))
    assert code == 0 and "erstatter 4 rader" in out, out
    calls = Store(tmp_path / "store").read("field_calls")
    assert len(calls) == 4 and calls["calls_made"].sum() == 2734
    assert calls.loc[calls["date"].astype(str) == "2023-09-02", "calls_reached"].tolist() == [180]


def test_a_form_entry_is_template_csv():
    data = SOURCE.form_csv({"dato": dt.date(2023, 9, 5), "oppdrag": "medlemmer", "ringt": 40.0, "nådd": 22.0})
    assert registry.detect(data, "skjema.csv").kind == "field_calls"
    row = parse_field_calls(data, "skjema.csv").tables["field_calls"].iloc[0]
    assert (row["calls_made"], row["calls_reached"], row["assignment"]) == (40, 22, "medlemmer")


@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen ringedager"),
    (GOOD + "01.09.2023;velgere;;100;120;;;;\n", "rad 2, kolonne «nådd».*120 nådd er flere enn 100 ringt"),
    (GOOD + "01.09.2023;velgere;;100;50;30;20;10;\n", "rad 2, kolonne «positive».*60 til sammen, flere enn 50"),
    (GOOD + "01.09.2023;velgere;;100;50;;;;60\n", "rad 2, kolonne «feil_nummer».*flere enn de 50"),
    (GOOD + "01.09.2023;velgere;;-5;0;;;;\n", "rad 2, kolonne «ringt».*negativt"),
    (GOOD + "01.09.2023;velgere;;10,5;2;;;;\n", "rad 2, kolonne «ringt».*ikke et helt tall"),
    (GOOD + "01.01.2099;velgere;;10;2;;;;\n", "rad 2, kolonne «dato».*fram i tid"),
    (GOOD + "01.09.2023;velgere;17–21;10;2;;;;\n01.09.2023;Velgere;17–21;20;3;;;;\n", "rad 2 og rad 3"),
    (GOOD + "01.09.2023;;;10;2;;;;\n", "rad 2, kolonne «oppdrag».*mangler"),
    (GOOD + "01.09.2023;velgere;;10;;;;;\n", "rad 2, kolonne «nådd».*mangler"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    assert_rejected_whole(tmp_path, capsys, CALLS, text, message, parse_field_calls)
