"""Door-knocking rounds: the template CSV → field_doors (bydel by name or code from campaign.toml)."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.config import load_config
from campaign.ingest.field_doors import parse_field_doors
from campaign.store import Store
from tests.field_helpers import FIELD, assert_rejected_whole, cli_import, store_bytes, write

DOORS = FIELD / "field_doors_excel_cp1252.csv"
LABEL = "Dørbanking (mal)"
GOOD = "dato;sted;bydel;krets;dører;samtaler;deltakere\n"


def parse(data: bytes, name: str):
    return parse_field_doors(data, name, load_config())


def test_values_from_the_cp1252_resave():
    batch = parse(DOORS.read_bytes(), DOORS.name)
    doors = batch.tables["field_doors"]
    assert list(doors.columns) == ["date", "place", "bydel_id", "krets_id", "kommune_id", "doors", "conversations",
                                   "participants"]
    assert batch.warnings == ["Filen ble lest som Windows-1252."]
    assert doors["place"].tolist() == ["Furuset senter", "Haugerud", "Tøyen", "Romsås"]
    assert doors["bydel_id"].tolist() == ["030112", "030112", "030101", "030109"]  # name, code, name, lower case
    assert doors["krets_id"].iloc[1] == "0301-1203" and pd.isna(doors["krets_id"].iloc[0])
    assert set(doors["kommune_id"]) == {"0301"} and doors["date"].iloc[0] == dt.date(2023, 8, 22)
    assert (doors["doors"].sum(), doors["conversations"].sum(), doors["participants"].sum()) == (565, 120, 23)
    assert pd.isna(doors["conversations"].iloc[3])
    assert batch.areas == "4 runder, 565 dører, 22. aug.–5. sep. 2023"


def test_cli_import_totals_reimport_and_correction(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(DOORS))
    assert code == 0 and out.startswith("OK") and LABEL in out, out
    assert Store(tmp_path / "store").read("field_doors")["doors"].sum() == 565
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(DOORS))
    assert code == 0 and "allerede importert" in out and store_bytes(tmp_path / "store") == before
    fixed = DOORS.read_bytes().replace(b"210;55;8", b"230;61;9")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "dorbanking_rettet.csv", fixed)))
    assert code == 0 and "erstatter 4 rader" in out, out
    doors = Store(tmp_path / "store").read("field_doors")
    assert len(doors) == 4 and doors.loc[doors["place"] == "Tøyen", "doors"].tolist() == [230]


@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen dørbankerunder"),
    (GOOD + "22.08.2023;Furuset;Alna;;40;50;3\n", "rad 2, kolonne «samtaler».*50 samtaler er flere enn 40 dører"),
    (GOOD + "22.08.2023;Furuset;Langtvekkistan;;40;5;3\n",
     "rad 2, kolonne «bydel».*«Langtvekkistan» er ikke en kjent bydel. Kjente bydeler: Gamle Oslo, Grünerløkka"),
    (GOOD + "22.08.2023;Furuset;Alna;;40;5;0\n", "rad 2, kolonne «deltakere».*minst én"),
    (GOOD + "22.08.2023;Furuset;Alna;;40;5;\n", "rad 2, kolonne «deltakere».*mangler"),
    (GOOD + "22.08.2023;Furuset;Alna;12x;40;5;3\n", "rad 2, kolonne «krets».*ikke et kretsnummer"),
    (GOOD + "22.08.2023;;Alna;;40;5;3\n", "rad 2, kolonne «sted».*mangler"),
    (GOOD + "22.08.2023;Furuset;;;40;5;3\n22.08.2023;Furuset;;;10;1;2\n", "rad 2 og rad 3"),
    (GOOD + "31.02.2023;Furuset;;;40;5;3\n", "rad 2, kolonne «dato».*ikke en dato"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    assert_rejected_whole(tmp_path, capsys, DOORS, text, message, parse)
