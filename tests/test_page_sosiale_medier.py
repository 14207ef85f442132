"""Sosiale medier (AppTest): the published 2023 figures on the demo store, filters, and no data."""
from __future__ import annotations

import datetime as dt

import pytest

from tests.apptest import figure_titled, metrics, open_page, plain, tables
from tests.tiny_store import DIGITAL_FIRST, DIGITAL_LAST, write_digital_store

PAGE = "views/sosiale_medier.py"


def test_sosiale_medier_shows_the_published_campaign_figures(demo_env):
    at = open_page(PAGE)
    assert at.date_input(key="sosiale_periode").value == (dt.date(2023, 7, 27), dt.date(2023, 9, 11))
    shown = metrics(at)
    assert shown["Visninger"][0] == "257 000"  # both TikTok accounts: 123 000 + 134 000
    assert shown["Engasjement"][0] == "15 795"  # 7 833 + 595 + 1 075 and 5 331 + 465 + 496
    assert shown["Innlegg"][0] == "56" and shown["Nye følgere"][0] == "1 937"
    reach, followers = tables(at)
    reach, followers = reach.set_index("Konto"), followers.set_index("Konto")
    assert reach.loc["Facebook – Oslo SV", "Rekkevidde (sum per dag)"] == "274 883 (+1 300,0 %)"
    assert reach.loc["Instagram – Oslo SV", "Rekkevidde (sum per dag)"] == "115 551 (+609,0 %)"
    assert reach.loc["TikTok – Oslo SV", "Visninger"] == "123 000" and reach.loc["TikTok – Oslo SV", "Innlegg"] == "20"
    assert reach.loc["TikTok – Toppkandidat", "Rekkevidde (sum per dag)"] == "104 000"
    assert followers.loc["Instagram – Oslo SV"].tolist() == ["2 649", "+281 (+11,9 %)", "3 168"]
    assert followers.loc["Facebook – Oslo SV"].tolist() == ["8 033", "+121 (+1,5 %)", "8 513"]
    assert followers.loc["TikTok – Oslo SV", "Nye følgere"] == "+348 (+58,0 %)"
    assert followers.loc["TikTok – Toppkandidat", "Profilbesøk"] == "3 775"


def test_sosiale_medier_charts_say_what_they_count(demo_env):
    at = open_page(PAGE)
    daily = figure_titled(at, "Rekkevidde per dag")
    assert "summen over dager er ikke unike personer" in daily["layout"]["title"]["text"]
    assert "Eksempeldata" in daily["layout"]["annotations"][0]["text"]
    assert sorted(t["name"] for t in daily["data"]) == ["Facebook – Oslo SV", "Instagram – Oslo SV", "TikTok – Oslo SV",
                                                        "TikTok – Toppkandidat"]
    rate = figure_titled(at, "Engasjementsrate per konto")
    assert "(likes + kommentarer + delinger) ÷ visninger" in rate["layout"]["title"]["text"]
    assert plain(rate["data"][0]["text"][-1]) == "7,73 % (9 503 av 123 000)"  # TikTok Oslo SV, on top
    at.radio(key="sosiale_metric").set_value("views").run()
    assert sum(sum(t["y"]) for t in figure_titled(at, "Visninger per dag")["data"]) == 257_000


def test_sosiale_medier_audience_shares(demo_env):
    at = open_page(PAGE)
    at.selectbox(key="sosiale_dimension").set_value("gender").run()
    figure = figure_titled(at, "Publikum: kjønn")
    women = {t["name"]: dict(zip(t["y"], t["text"]))["Kvinner"] for t in figure["data"]}
    assert plain(women["TikTok – Oslo SV"]) == "55 %" and plain(women["Instagram – Oslo SV"]) == "65 %"


def test_sosiale_medier_one_platform_compares_with_the_period_before(demo_env):
    at = open_page(PAGE)
    at.selectbox(key="sosiale_platform").set_value("instagram").run()
    assert metrics(at)["Rekkevidde (sum per dag)"] == ("115 551", "+609,0 %")
    assert metrics(at)["Nye følgere"] == ("281", "+602,5 %")
    assert [o for o in at.selectbox(key="sosiale_account").options] == ["Alle kontoer", "Oslo SV"]
    at.selectbox(key="sosiale_platform").set_value("tiktok").run()
    at.selectbox(key="sosiale_account").set_value("Toppkandidat").run()
    assert metrics(at)["Visninger"] == ("134 000", "")  # the account is new: nothing to compare with
    assert any("bare der alle kontoene har tall for begge periodene" in c.value for c in at.caption)


@pytest.fixture()
def tiny_env(tmp_path, monkeypatch):
    """Only the tiny digital store: no elections at all."""
    write_digital_store(tmp_path)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))


def test_sosiale_medier_on_the_tiny_store(tiny_env):
    at = open_page(PAGE)
    # the data (28 Jul – 4 Aug) reaches into the campaign period in campaign.toml, so that is the default
    assert at.date_input(key="sosiale_periode").value == (dt.date(2023, 7, 27), dt.date(2023, 9, 11))
    at.date_input(key="sosiale_periode").set_value((DIGITAL_FIRST, DIGITAL_LAST)).run()
    shown = metrics(at)
    assert shown["Visninger"] == ("14 000", "+133,3 %")  # 4 000 + 10 000 against 2 000 + 4 000
    assert shown["Engasjementsrate"][0] == "4,09 %"  # (112 + 460) ÷ 14 000
    assert shown["Engasjement"] == ("572", "+138,3 %")


def test_sosiale_medier_a_period_without_data(tiny_env):
    at = open_page(PAGE)
    at.date_input(key="sosiale_periode").set_value((dt.date(2023, 9, 1), dt.date(2023, 9, 10))).run()
    assert not at.exception and any("Ingen tall fra sosiale medier" in i.value for i in at.info)


def test_sosiale_medier_on_an_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path / "empty"))
    at = open_page(PAGE)
    assert any("python -m campaign demo" in i.value for i in at.info)


def test_sosiale_medier_tables_download_as_numbers(demo_env, monkeypatch):
    from tests.download_capture import capture

    seen = capture(monkeypatch)
    at = open_page(PAGE)
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Last ned tabellen (CSV)", "Last ned tabellen (Excel)"] * 2
    assert set(seen) == {"sosiale_medier_per_konto", "sosiale_medier_folgere"}
    for download in seen.values():
        assert not download.formula_cells()
        for frame in (download.csv_frame(), download.xlsx_frame()):
            frame = frame.set_index(["Plattform", "Konto"])
            if download.name == "sosiale_medier_per_konto":
                assert frame.loc[("Instagram", "Oslo SV"), "Rekkevidde (sum per dag)"] == 115_551
                assert round(frame.loc[("Instagram", "Oslo SV"), "Rekkevidde, endring (%)"], 1) == 609.0
                assert frame.loc[("TikTok", "Oslo SV"), "Visninger"] == 123_000
                assert frame.loc["TikTok", "Visninger"].sum() == 257_000  # 123 000 + 134 000, summable
            else:
                assert frame.loc[("TikTok", "Oslo SV"), ["Nye følgere", "Nye følgere (% av følgerne før)"]].tolist() \
                    == [348, 58.0]
                assert frame.loc[("Facebook", "Oslo SV"), "Følgere (siste dag)"] == 8_033
