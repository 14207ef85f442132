"""Nettside (AppTest): the published 2023 website figures on the demo store, the landing page and its sources."""
from __future__ import annotations

import pytest

from tests.apptest import figure_titled, metrics, open_page, plain, tables
from tests.tiny_store import DIGITAL_FIRST, DIGITAL_LAST, write_digital_store

PAGE = "views/nettside.py"


def test_nettside_visits_and_pageviews_against_2021(demo_env):
    at = open_page(PAGE)
    assert at.selectbox(key="nettside_site").value == "Nettsiden"  # the whole site, not the landing-page report
    shown = metrics(at)
    assert shown["Besøk (økter)"] == ("35 013", "+123,7 % mot 2021")
    assert shown["Sidevisninger"] == ("64 656", "+63,7 % mot 2021")
    assert shown["Unike sidevisninger"] == ("55 416", "+71,4 % mot 2021")
    per_day = figure_titled(at, "Besøk per dag – Nettsiden")
    assert sum(sum(t["y"]) for t in per_day["data"]) == 35_013
    assert "Organisk søk" in {t["name"] for t in per_day["data"]}


def test_nettside_landing_page(demo_env):
    at = open_page(PAGE)
    assert at.selectbox(key="nettside_page").value == "/stem"
    assert any(plain(m.value).startswith("**/stem**: 15 236 sidevisninger, 13 412 unike") for m in at.markdown)
    chart = figure_titled(at, "/stem per dag")
    assert {t["name"]: sum(t["y"]) for t in chart["data"]} == {"Sidevisninger": 15_236, "Unike sidevisninger": 13_412}
    pages = tables(at)[0].set_index("Side")
    assert pages.loc["/stem", "Unike sidevisninger"] == "13 412"


def test_nettside_where_the_landing_page_visits_came_from(demo_env):
    at = open_page(PAGE)
    assert at.selectbox(key="nettside_source_site").value == "Nettsiden /stem"
    shown = metrics(at)
    assert shown["Fra sosiale medier"][0] == "3 971" and shown["Fra nettsider og aviser"][0] == "586"
    captions = [plain(c.value) for c in at.caption]
    assert "Av dem: 63 % Facebook, 32 % Snapchat." in captions  # published: Facebook 63 %, Snapchat 32 %
    assert "Av dem: 69 % Schibsted, 12 % Avisa Oslo." in captions  # published: Schibsted 69 %, Avisa Oslo 12 %
    channels = tables(at)[1].set_index("Kanal")
    assert channels.loc["Snapchat", "Besøk (økter)"] == "1 271" and channels.loc["Facebook", "Andel av gruppen"] == "63 %"
    bars = figure_titled(at, "Andel av besøkene – Nettsiden /stem")["data"][0]
    assert "<b>Facebook</b>" in bars["y"] and "<b>Schibsted</b>" in bars["y"]


def test_nettside_another_site(demo_env):
    at = open_page(PAGE)
    at.selectbox(key="nettside_site").set_value("Nettsiden /stem").run()
    assert metrics(at)["Besøk (økter)"] == ("13 412", "")  # no earlier year for the landing page
    assert any("ingen tidligere år" in c.value for c in at.caption)
    assert any("Ingen sidevisninger per side" in i.value for i in at.info)


@pytest.fixture()
def tiny_env(tmp_path, monkeypatch):
    write_digital_store(tmp_path)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))


def test_nettside_on_the_tiny_store(tiny_env):
    at = open_page(PAGE)
    at.date_input(key="nettside_periode").set_value((DIGITAL_FIRST, DIGITAL_LAST)).run()
    shown = metrics(at)
    assert shown["Besøk (økter)"] == ("990", "+395,0 % mot 2021")  # 990 against 200 on 1–4 Aug 2021
    assert shown["Fra sosiale medier"] == ("300", "30,3 % av besøkene")  # Facebook 200 + Snapchat 100
    assert shown["Fra nettsider og aviser"][0] == "50"  # Schibsted 40 + Avisa Oslo 10
    assert at.selectbox(key="nettside_page").value == "/stem"


def test_nettside_on_an_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path / "empty"))
    at = open_page(PAGE)
    assert any("python -m campaign demo" in i.value for i in at.info)


def test_nettside_tables_download_as_numbers(demo_env, monkeypatch):
    from tests.download_capture import capture

    seen = capture(monkeypatch)
    at = open_page(PAGE)
    assert len(at.get("download_button")) == 4
    assert set(seen) == {"nettside_mest_leste_sider", "nettside_trafikkilder"}
    assert not any(d.formula_cells() for d in seen.values())
    for read in ("csv_frame", "xlsx_frame"):
        pages = getattr(seen["nettside_mest_leste_sider"], read)().set_index("Side")
        assert pages.loc["/stem", ["Sidevisninger", "Unike sidevisninger"]].tolist() == [15_236, 13_412]
        channels = getattr(seen["nettside_trafikkilder"], read)().set_index("Kanal")
        assert channels.loc["Snapchat", "Besøk (økter)"] == 1_271
        assert round(channels.loc["Facebook", "Andel av gruppen (%)"]) == 63
