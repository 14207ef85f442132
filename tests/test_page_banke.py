"""Hvor skal vi banke på? (AppTest): the ranked door-knocking list and its CSV."""
from __future__ import annotations

import io

import pandas as pd
import pytest

from tests.apptest import open_page, shown


def test_banke_ranks_kretser_by_potential(demo_env, demo_db):
    at = open_page("views/banke.py")
    table = at.dataframe[0].value
    turnout = demo_db.query("turnout_by_area", election_id="ko2023", compare_id=None, kommune_id="0301",
                            level="krets").set_index("area_name")
    shares = demo_db.query("party_shares_by_krets", election_id="ko2023", compare_id=None, kommune_id="0301",
                           bydel_id=None, party_code="SV").set_index("krets_name")
    expected = {name: (turnout.loc[name, "eligible_voters"] - turnout.loc[name, "votes_cast"])
                * shares.loc[name, "share_pct"] / 100 for name in shares.index if name in turnout.index}
    best = max(expected, key=expected.get)
    assert table["Område"].iloc[0] == best
    assert table["Potensial (stemmer)"].iloc[0] == pytest.approx(expected[best])  # the number, sortable
    assert shown(at.dataframe[0])["Potensial (stemmer)"].iloc[0] == f"{expected[best]:,.0f}".replace(",", " ")
    assert len(table) == len(expected)


def test_banke_filters_and_csv(demo_env):
    at = open_page("views/banke.py")
    at.selectbox(key="banke_area").set_value("Groruddalen").run()
    table = at.dataframe[0].value
    assert set(table["Målområde"]) == {"Groruddalen"} and set(table["Bydel"]) <= {"Alna", "Bjerke", "Grorud", "Stovner"}
    at.number_input(key="banke_min").set_value(7000).run()
    assert (at.dataframe[0].value["Stemmeberettigede"] >= 7000).all()
    at.radio(key="banke_level").set_value("bydel").run()
    assert set(at.dataframe[0].value["Område"]) <= {"Alna", "Bjerke", "Grorud", "Stovner"}


def test_targeting_csv_reads_back():
    from campaign.tables import targeting_csv
    data = pd.DataFrame({"area_id": ["0301-1201"], "area_name": ["Furuset skole"], "bydel": ["Alna"],
                         "target_area": ["Groruddalen"], "eligible_voters": [6000], "non_voters": [3000],
                         "turnout_pct": [50.0], "share_pct": [11.123], "share_change_pp": [2.1], "potential": [333.7]})
    back = pd.read_csv(io.BytesIO(targeting_csv(data)), sep=";", decimal=",", encoding="utf-8-sig")
    assert back.loc[0, "oppslutning_pct"] == 11.12 and back.loc[0, "potensial"] == 334
    assert back.loc[0, "omrade"] == "Furuset skole"


def test_no_empty_change_column_without_a_comparison(demo_env):
    from campaign.ui import NO_COMPARISON
    at = open_page("views/banke.py")
    assert "Endring" in at.dataframe[0].value.columns
    at.selectbox(key="compare_id").set_value(NO_COMPARISON).run()
    assert not at.exception and "Endring" not in at.dataframe[0].value.columns
