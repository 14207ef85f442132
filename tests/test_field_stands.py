"""Stands and election booths: the template CSV → field_stands."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.ingest.field_stands import parse_field_stands
from campaign.store import Store
from tests.field_helpers import FIELD, assert_rejected_whole, cli_import, store_bytes, write

STANDS = FIELD / "field_stands_utf8.csv"
LABEL = "Stands (mal)"
GOOD = "dato;sted;timer;personer;løpesedler\n"


def test_values_with_decimal_comma_and_thousands_point():
    batch = parse_field_stands(STANDS.read_bytes(), STANDS.name)
    stands = batch.tables["field_stands"]
    assert list(stands.columns) == ["date", "place", "hours", "people", "leaflets"]
    assert stands["hours"].tolist() == [3.5, 2.0, 4.5] and stands["people"].tolist() == [4, 3, 5]
    assert stands["leaflets"].iloc[2] == 1200 and pd.isna(stands["leaflets"].iloc[1])
    assert stands["date"].iloc[0] == dt.date(2023, 8, 26)
    assert batch.areas == "3 stands, 10,0 timer, 26. aug.–9. sep. 2023"


def test_cli_import_totals_reimport_and_correction(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(STANDS))
    assert code == 0 and out.startswith("OK") and LABEL in out, out
    stands = Store(tmp_path / "store").read("field_stands")
    assert (stands["hours"].sum(), stands["leaflets"].sum()) == (10.0, 1550)
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(STANDS))
    assert code == 0 and "allerede importert" in out and store_bytes(tmp_path / "store") == before
    fixed = STANDS.read_bytes().replace(b"Storgata;3,5;4;350", b"Storgata;4;4;420")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "stands_rettet.csv", fixed)))
    assert code == 0 and "erstatter 3 rader" in out, out
    stands = Store(tmp_path / "store").read("field_stands")
    assert len(stands) == 3 and stands.loc[stands["place"] == "Storgata", "leaflets"].tolist() == [420]


@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen stands"),
    (GOOD + "26.08.2023;Storgata;0;4;\n", "rad 2, kolonne «timer».*ikke mellom 0 og 24"),
    (GOOD + "26.08.2023;Storgata;24,5;4;\n", "rad 2, kolonne «timer».*ikke mellom 0 og 24"),
    (GOOD + "26.08.2023;Storgata;3;0;\n", "rad 2, kolonne «personer».*minst én"),
    (GOOD + "26.08.2023;Storgata;3;2;-10\n", "rad 2, kolonne «løpesedler».*negativt"),
    (GOOD + "26.08.2023;Storgata;tre;2;\n", "rad 2, kolonne «timer».*ikke et tall"),
    (GOOD + "26.08.2023;Storgata;3;2;\n26.08.2023;Storgata;2;1;\n", "rad 2 og rad 3"),
    (GOOD + "26.08.2023;Storgata;3,5;2;\n26.08.2023;Torget;1.5;1;\n", "blander desimalkomma"),
    (GOOD + "26.08.2023;Storgata;3;2;;mer\n", "rad 2: raden har flere verdier"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    assert_rejected_whole(tmp_path, capsys, STANDS, text, message, parse_field_stands)
