"""Fundraising income and campaign costs: the template CSV → money."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from campaign.ingest.money import parse_money
from campaign.store import Store
from tests.field_helpers import FIELD, assert_rejected_whole, cli_import, store_bytes, write

MONEY = FIELD / "money_utf8_bom.csv"
LABEL = "Penger (mal)"
GOOD = "dato;type;beløp_kr;givere\n"


def test_values_income_and_costs():
    batch = parse_money(MONEY.read_bytes(), MONEY.name)
    money = batch.tables["money"]
    assert list(money.columns) == ["date", "kind", "amount_nok", "donors"]
    assert money["kind"].tolist() == ["medlemmer", "faste givere", "lotteri", "kostnad"]
    assert money["amount_nok"].tolist() == [152300.0, 18400.0, 10250.5, 42000.0]
    assert money["donors"].iloc[1] == 46 and pd.isna(money["donors"].iloc[3])
    assert money["date"].iloc[3] == dt.date(2023, 9, 5)
    assert batch.areas == "180\xa0950 kr inn, 42\xa0000 kr ut, 31. aug.–5. sep. 2023"


def test_cli_import_reimport_and_correction(tmp_path, capsys):
    code, out = cli_import(tmp_path, capsys, str(MONEY))
    assert code == 0 and out.startswith("OK") and LABEL in out, out
    assert Store(tmp_path / "store").read("money")["amount_nok"].sum() == 222950.5
    before = store_bytes(tmp_path / "store")
    code, out = cli_import(tmp_path, capsys, str(MONEY))
    assert code == 0 and "allerede importert" in out and store_bytes(tmp_path / "store") == before
    fixed = MONEY.read_bytes().replace(b"kostnad;42 000", b"kostnad;45 500")
    code, out = cli_import(tmp_path, capsys, str(write(tmp_path, "penger_rettet.csv", fixed)))
    assert code == 0 and "erstatter 4 rader" in out, out
    money = Store(tmp_path / "store").read("money")
    assert len(money) == 4 and money.loc[money["kind"] == "kostnad", "amount_nok"].tolist() == [45500.0]


@pytest.mark.parametrize(("text", "message"), [
    (GOOD, "ingen beløp"),
    (GOOD + "31.08.2023;basar;1000;\n", "rad 2, kolonne «type».*kjente: medlemmer, lotteri, eksternt, "
                                        "faste givere, kostnad"),
    (GOOD + "31.08.2023;kostnad;-1000;\n", "rad 2, kolonne «beløp_kr».*negativt"),
    (GOOD + "31.08.2023;kostnad;1000;3\n", "rad 2, kolonne «givere».*ingen givere"),
    (GOOD + "31.08.2023;lotteri;;\n", "rad 2, kolonne «beløp_kr».*mangler"),
    (GOOD + "31.08.2023;lotteri;500;2,5\n", "rad 2, kolonne «givere».*ikke et helt tall"),
    (GOOD + "31.08.2023;lotteri;500;\n31.08.2023;Lotteri;700;\n", "rad 2 og rad 3"),
])
def test_broken_files_are_rejected_whole(tmp_path, capsys, text, message):
    assert_rejected_whole(tmp_path, capsys, MONEY, text, message, parse_money)
