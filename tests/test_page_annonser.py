"""Annonser (AppTest): the published 2023 paid-social figures on the demo store, «Hva fikk vi for pengene?», filters."""
from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from tests.apptest import figure_titled, metrics, open_page, plain, tables
from tests.tiny_store import DIGITAL_FIRST, DIGITAL_LAST, write_digital_store

PAGE = "views/annonser.py"


def test_annonser_totals_against_the_budget(demo_env):
    at = open_page(PAGE)
    shown = metrics(at)
    assert shown["Kostnad"] == ("91 040 kr", "100,0 % av budsjettet")  # 62 551 + 24 143 + 4 346 of 91 040
    assert shown["Visninger"][0] == "1 213 968" and shown["Lenkeklikk"][0] == "8 621"
    assert shown["CTR"][0] == "0,71 %" and shown["CPC"][0] == "10,56 kr" and shown["CPM"][0] == "74,99 kr"
    cumulative = figure_titled(at, "Brukt så langt")
    assert cumulative["layout"]["shapes"][0]["y0"] == 91_040 and cumulative["data"][0]["y"][-1] == pytest.approx(91_040)
    spend = figure_titled(at, "Kostnad per dag")
    assert {t["name"]: round(sum(t["y"])) for t in spend["data"]} == {"Meta": 62_551, "Snapchat": 24_143,
                                                                      "LinkedIn": 4_346}


def test_annonser_what_we_got_for_the_money(demo_env):
    at = open_page(PAGE)
    _, _, costs, results = tables(at)
    costs, results = costs.set_index("Kanal"), results.set_index("Kanal")
    assert results.loc["Meta"].tolist() == ["938 473", "312 769", "3,06", "3,00", "5 475", "2 114"]
    assert results.loc["Snapchat", "Rekkevidde (nådd)"] == "152 425" and results.loc["LinkedIn", "Lenkeklikk"] == "13"
    assert results.loc["**Totalt**", "Rekkevidde (nådd)"] == "ikke summerbar"
    assert costs.loc["**Totalt**", "Kr per 1 000 nådd"] == "ikke summerbar"
    assert costs.loc["Snapchat", "Kr per landingssidevisning"] == "19,00 kr"  # 24 143 kr for 1 271 views
    assert costs.loc["Meta", "Kr per 1 000 nådd"] == "199,99 kr" and costs.loc["Meta", "Kr per klikk"] == "11,42 kr"
    assert costs.loc["Avis – Schibsted", "Kostnad"] == "45 000 kr"
    notes = plain(next(m.value for m in at.markdown if "ikke alle lik" in m.value))
    assert "Meta: publisert 3,06, visninger ÷ rekkevidde 3,00" in notes and "Rekkevidde kan ikke legges sammen" in notes
    at.radio(key="annonser_measure").set_value("per_1000_reached_nok").run()
    chart = figure_titled(at, "Kr per 1 000 nådd per kanal")
    assert "Kostnad i rekkeviddens periode ÷ rekkevidde × 1 000" in chart["layout"]["title"]["text"]
    assert list(chart["data"][0]["y"]) == ["Snapchat", "Meta", "LinkedIn"]  # dearest on top; other buys report no reach


def test_annonser_one_platform(demo_env):
    at = open_page(PAGE)
    at.selectbox(key="annonser_platform").set_value("meta").run()
    shown = metrics(at)
    assert shown["Kostnad"] == ("62 551 kr", "") and shown["CTR"][0] == "0,58 %"  # the budget covers every platform
    results = tables(at)[0]
    assert set(results["Plattform"]) == {"Meta"} and len(results) == 3
    assert "Brukt så langt" in figure_titled(at, "Brukt så langt")["layout"]["title"]["text"]
    assert not figure_titled(at, "Brukt så langt")["layout"].get("shapes")
    at.selectbox(key="annonser_campaign").set_value("Kjennskap – video").run()
    assert metrics(at)["Kostnad"][0] == "25 020 kr"


@pytest.fixture()
def tiny_env(tmp_path, monkeypatch):
    write_digital_store(tmp_path)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))


def test_annonser_on_the_tiny_store(tiny_env):
    at = open_page(PAGE)
    at.date_input(key="annonser_periode").set_value((DIGITAL_FIRST, DIGITAL_LAST)).run()
    shown = metrics(at)
    assert shown["Kostnad"] == ("840 kr", "0,9 % av budsjettet")  # 4 × (100 + 50 + 60) of 91 040
    assert shown["CPC"][0] == "2,33 kr"  # 840 ÷ 360
    _, reach, costs, results = tables(at)
    assert reach.set_index("Kampanje").loc["Valgkamp", "Rekkevidde"] == "22 000"
    assert results.set_index("Kanal").loc["Meta", "Rekkevidde (nådd)"] == "30 000"
    assert "Utendørs – Clear Channel" not in set(costs["Kanal"])  # bought after the period
    at.date_input(key="annonser_periode").set_value((dt.date(2023, 9, 1), dt.date(2023, 9, 10))).run()
    assert any("Ingen annonsekostnader per dag" in i.value for i in at.info)
    assert "Utendørs – Clear Channel" in set(tables(at)[2]["Kanal"])


def test_annonser_on_an_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path / "empty"))
    at = open_page(PAGE)
    assert any("python -m campaign demo" in i.value for i in at.info)


def test_annonser_tables_download_as_numbers(demo_env, monkeypatch):
    from tests.download_capture import capture

    seen = capture(monkeypatch)
    at = open_page(PAGE)
    assert len(at.get("download_button")) == 8 and "Last ned tabellen (Excel)" in [b.label for b in at.get("download_button")]
    assert set(seen) == {"annonser_per_kampanje", "annonser_rekkevidde", "annonser_kostnad_per_kanal",
                         "annonser_resultater_per_kanal"}
    assert not any(d.formula_cells() for d in seen.values())
    for read in ("csv_frame", "xlsx_frame"):
        costs = getattr(seen["annonser_kostnad_per_kanal"], read)().set_index("Kanal")
        assert costs.loc["Meta", "Kostnad (kr)"] == 62_551 and costs.loc["Snapchat", "Kr per landingssidevisning"] == 19.0
        assert costs.loc["Meta", "Kr per 1 000 nådd"] == 199.99 and pd.isna(costs.loc["Totalt", "Kr per 1 000 nådd"])
        results = getattr(seen["annonser_resultater_per_kanal"], read)().set_index("Kanal")
        assert results.loc["Meta", ["Visninger", "Rekkevidde (nådd)", "Lenkeklikk"]].tolist() == [938_473, 312_769, 5_475]
        campaigns = getattr(seen["annonser_per_kampanje"], read)()
        assert campaigns["Kostnad (kr)"].sum() == pytest.approx(91_040, abs=1)
        assert campaigns["Visninger"].sum() == 1_213_968 and campaigns["Lenkeklikk"].sum() == 8_621
    first = seen["annonser_per_kampanje"].xlsx_frame()["Første dag"]
    assert str(first.dtype).startswith("datetime64") and first.min() >= pd.Timestamp("2023-07-27")
