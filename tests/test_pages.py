"""Every page runs on the demo store and shows the published numbers (AppTest)."""
from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from campaign.fmt import NBSP

APP = str(Path(__file__).resolve().parent.parent / "dashboard.py")


def plain(text) -> str:
    return str(text).replace(NBSP, " ")


def open_page(page: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    if page:
        at.switch_page(page).run()
    assert not at.exception, at.exception
    return at


def metrics(at: AppTest) -> dict[str, tuple[str, str]]:
    return {m.label: (plain(m.value), plain(m.delta)) for m in at.metric}


def test_forside(demo_env):
    at = open_page()
    shown = metrics(at)
    assert shown["Valg i lageret"][0] == "3"
    assert any("Eksempeldata" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert list(table["Valg"]) == ["Kommunestyrevalget 2023", "Stortingsvalget 2021", "Kommunestyrevalget 2019"]
    assert list(table["Dato"]) == ["11. sep. 2023", "13. sep. 2021", "9. sep. 2019"]


def test_valgresultat_published_figures(demo_env):
    at = open_page("views/valgresultat.py")
    shown = metrics(at)
    assert shown["Oppslutning SV"] == ("10,1 %", "+1,0 pp")
    assert shown["Plassering"] == ("4. største parti", "363 stemmer bak MDG")
    assert shown["Mandater"] == ("6", "0")  # 6 in 2019 too
    assert shown["Groruddalen"][0] == "10,3 %"
    assert shown["Søndre Nordstrand"] == ("12,1 %", "+1,4 pp")
    assert shown["Alle målområder"][1] == "+2,1 pp"
    assert any("Eksempeldata" in w.value for w in at.warning)
    assert any("valgtingsstemmene" in i.value for i in at.info)
    parties = at.dataframe[0].value.set_index("Parti")
    assert plain(parties.loc["Miljøpartiet De Grønne", "Oppslutning"]) == "10,2 %"
    assert parties.loc["Høyre", "Mandater"] == 20
    blocs = " ".join(m.value for m in at.markdown)
    assert "**Rødgrønne: 27**" in blocs and "**Borgerlige: 31**" in blocs and "**Andre: 1**" in blocs
    bydeler = at.dataframe[2].value.set_index("Bydel")
    assert plain(bydeler.loc["Alna", "Oppslutning"]) == "11,1 %"
    assert plain(bydeler.loc["Grorud", "Endring"]) == "+3,2 pp"
    assert plain(bydeler.loc["Stovner", "Endring"]) == "+2,8 pp"
    assert len(at.get("plotly_chart")) == 5  # shares, change, seats, bydel bars, bydel map
    assert "Kilde: Eksempeldata (generert)" in at.get("plotly_chart")[0].proto.spec
    at.selectbox(key="valgresultat_bydel").set_value("Alna").run()
    kretser = at.dataframe[3].value
    assert kretser["Krets"].str.startswith("12").all() and len(kretser) == 7


def test_valgresultat_switching_comparison(demo_env):
    at = open_page("views/valgresultat.py")
    # Pages read the shared filters from session state (the widgets live in dashboard.py).
    at.session_state["compare_id"] = "(ingen)"
    at.run()
    assert not at.exception
    assert metrics(at)["Oppslutning SV"] == ("10,1 %", "")
    at.session_state["election_id"] = "st2021"
    at.run()
    assert not at.exception
    assert metrics(at)["Oppslutning SV"][0] == "13,3 %"


def test_shared_filters_live_in_the_sidebar(demo_env):
    at = open_page()
    assert [s.key for s in at.sidebar.selectbox] == ["election_id", "compare_id"]
    assert at.sidebar.selectbox(key="election_id").value == "ko2023"
    assert at.sidebar.selectbox(key="compare_id").value == "ko2019"  # previous of the same kind
    # AppTest reruns only the current page after the first run, so start a new session.
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["election_id"] = "ko2019"
    at.run()
    assert at.sidebar.selectbox(key="compare_id").value == "(ingen)"  # nothing older in the store


def test_valgdeltakelse(demo_env):
    at = open_page("views/valgdeltakelse.py")
    shown = metrics(at)
    assert shown["Valgdeltakelse Oslo"] == ("64,2 %", "-3,4 pp")
    assert shown["Lavest"][0].startswith("Stovner")
    table = at.dataframe[0].value
    assert len(table) == 15
    assert len(at.get("plotly_chart")) == 3  # bar, map, scatter
    kretser = at.dataframe[1].value
    assert len(kretser) >= 5


@pytest.fixture()
def empty_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path / "empty"))


@pytest.mark.parametrize("page", [None, "views/valgresultat.py", "views/valgdeltakelse.py"])
def test_pages_on_an_empty_store_explain_what_to_do(empty_env, page):
    at = open_page(page)
    assert any("python -m campaign demo" in i.value for i in at.info)


def test_login_when_a_password_is_configured(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["password"] = "hemmelig"
    at.run()
    assert not at.metric and not at.sidebar.selectbox  # nothing shown before login
    at.text_input[0].input("feil").run()
    assert any("Feil passord" in e.value for e in at.error)
    at.text_input[0].input("hemmelig").run()
    assert metrics(at)["Valg i lageret"][0] == "3"


def test_importer_page_log_and_undo(tmp_path, monkeypatch):
    from campaign import cache
    from campaign.config import load_config
    from campaign.demo import write_demo
    from campaign.ingest.importer import apply_import, plan_import
    from campaign.store import Store

    store = Store(tmp_path)
    write_demo(store, load_config())
    fixture = Path(__file__).resolve().parent / "fixtures" / "2019-09-14_partifordeling_4_ko_2019.csv"
    apply_import(plan_import([(fixture.name, fixture.read_bytes())], store, load_config()), store, load_config())
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/importer.py")
    log = at.dataframe[0].value
    assert list(log["Kilde"]) == [fixture.name, "Eksempeldata (generert)"]
    assert list(log["Type"]) == ["Valgresultat (CSV)", "Eksempeldata"]
    assert at.selectbox(key="undo_choice").value == 2
    at.button(key="undo_button").click().run()
    cache.clear()
    assert not at.exception
    assert store.read("results")["import_id"].eq(2).sum() == 0
    assert any("Angret import 2" in s.value for s in at.success)


def test_forside_links_to_every_page(demo_env):
    at = open_page()
    dashboard = Path(APP).read_text(encoding="utf-8")
    pages = {line.split('"')[1] for line in dashboard.splitlines() if "st.Page(" in line}
    linked = {link.proto.page for link in at.get("page_link")}  # url paths: the file names
    assert linked == {Path(p).stem for p in pages} - {"forside"}


def test_presentation_mode_hides_the_menu_and_can_be_left(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["presentation"] = True
    at.run()
    assert any("stSidebar" in m.value for m in at.markdown)
    assert at.button(key="leave_presentation")
