"""The frame around every page (AppTest): shared filters, empty store, login, presentation mode."""
from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from campaign import pages
from tests.apptest import APP, metrics, open_page


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


@pytest.fixture()
def empty_env(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path / "empty"))


@pytest.mark.parametrize("page", [None, "views/valgresultat.py", "views/valgdeltakelse.py", "views/kart.py",
                                  "views/banke.py"])
def test_pages_on_an_empty_store_explain_what_to_do(empty_env, page):
    at = open_page(page)
    assert any("python -m campaign demo" in i.value for i in at.info)


def test_login_when_a_password_is_configured(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.secrets["password"] = "hemmelig"
    at.run()
    assert not at.metric and not at.sidebar.selectbox  # nothing shown before login
    at.text_input[0].input("feil")
    at.button[0].click().run()
    assert any("Feil passord" in e.value for e in at.error)
    at.text_input[0].input("hemmelig")
    at.button[0].click().run()
    assert metrics(at)["Valg i lageret"][0] == "3"
    assert at.sidebar.button(key="logout")  # more login cases: tests/test_login.py


def test_presentation_mode_hides_the_menu_and_can_be_left(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["presentation"] = True
    at.run()
    assert any("stSidebar" in m.value for m in at.markdown)
    assert at.button(key="leave_presentation")


@pytest.mark.parametrize("page", pages.PAGES, ids=[p.name for p in pages.PAGES])
def test_every_page_in_the_table_is_in_the_navigation(demo_env, page):
    at = open_page(None if page is pages.HOME else page.file)  # switch_page fails for a page not registered
    assert at.title and not at.exception
    if page is not pages.HOME:
        assert at.title[0].value == page.title


def test_presentation_mode_from_the_url_parameter(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["presentasjon"] = "1"
    at.run()
    assert not at.exception
    assert at.session_state["presentation"] is True
    assert any("stSidebar" in m.value for m in at.markdown)  # the menu is hidden
    at.button(key="leave_presentation").click().run()
    assert at.session_state["presentation"] is False and "presentasjon" not in at.query_params


def test_presentation_mode_bar_moves_between_pages_and_keeps_the_mode(demo_env):
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["presentasjon"] = "1"
    at.run()
    at.switch_page("views/valgresultat.py").run()
    assert not at.exception
    links = {link.proto.label: link.proto for link in at.get("page_link")}
    assert set(links) == {"Forrige", "Neste"}
    assert links["Forrige"].page.endswith("feltarbeid") and links["Neste"].page.endswith("valgdeltakelse")
    assert all(link.query_string == "presentasjon=1" for link in links.values())
    # the election filters are in the bar, not the (hidden) sidebar, with the same keys
    assert not at.sidebar.selectbox and at.selectbox(key="election_id").value == "ko2023"
    at.selectbox(key="election_id").set_value("ko2019").run()
    assert at.session_state["election_id"] == "ko2019" and at.query_params["presentasjon"] == "1"
    assert at.caption[0].value.startswith("Kommunestyrevalget 2019 i Oslo")
    assert not at.warning  # the demo banner is one slim line
    assert any("Eksempeldata:" in m.value for m in at.markdown)


def test_presentation_mode_is_put_back_into_the_url_after_a_page_change(demo_env):
    """The sidebar's links drop the query; the next run writes ?presentasjon=1 again, so a reload keeps the mode."""
    at = AppTest.from_file(APP, default_timeout=60)
    at.session_state["presentation"] = True
    at.run()
    assert at.query_params["presentasjon"] == "1"


def test_charts_scale_in_presentation_mode_and_the_camera_gives_a_projector_png(demo_env):
    import json
    normal = open_page("views/valgdeltakelse.py")
    chart = normal.get("plotly_chart")[0]
    config = json.loads(chart.proto.config)
    assert config["toImageButtonOptions"] == {"format": "png", "width": 1920, "height": 1080, "scale": 1,
                                              "filename": "valgdeltakelse_per_bydel"}
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["presentasjon"] = "1"
    at.run()
    at.switch_page("views/valgdeltakelse.py").run()
    big, small = (json.loads(a.get("plotly_chart")[0].proto.spec)["layout"] for a in (at, normal))
    assert big["font"]["size"] == 21.6 and small["font"]["size"] == 18
    assert big["title"]["font"]["size"] == 28.8 and big["margin"]["t"] > small["margin"]["t"]
