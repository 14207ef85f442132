"""Valgresultat (AppTest): the published 2023 figures on the demo store."""
from __future__ import annotations

import pandas as pd
import pytest

from tests.apptest import figures, metrics, open_page
from tests.apptest import shown as displayed


def test_valgresultat_published_figures(demo_env):
    at = open_page("views/valgresultat.py")
    shown = metrics(at)
    assert shown["Oppslutning SV"] == ("10,1 %", "+1,0 pp")
    assert shown["Plassering (største parti)"] == ("4.", "363 stemmer bak MDG")  # a value that fits its box
    assert shown["Mandater"] == ("6", "0")  # 6 in 2019 too
    assert shown["Groruddalen"][0] == "10,3 %"
    assert shown["Søndre Nordstrand"] == ("12,1 %", "+1,4 pp")
    assert shown["Alle målområder"][1] == "+2,1 pp"
    assert any("Eksempeldata" in w.value for w in at.warning)
    assert any("valgtingsstemmene" in i.value for i in at.info)
    parties = displayed(at.dataframe[0]).set_index("Parti")
    assert parties.loc["Miljøpartiet De Grønne", "Oppslutning"] == "10,2 %"
    assert at.dataframe[0].value.set_index("Parti").loc["Høyre", "Mandater"] == 20
    blocs = " ".join(m.value for m in at.markdown)
    assert "**Rødgrønne: 27**" in blocs and "**Borgerlige: 31**" in blocs and "**Andre: 1**" in blocs
    bydeler = displayed(at.dataframe[2]).set_index("Bydel")
    assert bydeler.loc["Alna", "Oppslutning"] == "11,1 %"
    assert bydeler.loc["Grorud", "Endring"] == "+3,2 pp"
    assert bydeler.loc["Stovner", "Endring"] == "+2,8 pp"
    assert len(at.get("plotly_chart")) == 5  # shares, change, seats, bydel bars, bydel map
    assert "Kilde: Eksempeldata (generert)" in at.get("plotly_chart")[0].proto.spec
    assert "Flertall: 30" in at.get("plotly_chart")[2].proto.spec  # the bystyre's majority line
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
    assert len(at.get("plotly_chart")) == 4  # no empty change chart: a sentence says why instead
    assert any("Ingen sammenligning valgt" in i.value for i in at.info)
    at.session_state["election_id"] = "st2021"
    at.run()
    assert not at.exception
    assert metrics(at)["Oppslutning SV"][0] == "13,3 %"


@pytest.mark.parametrize(("branch", "level", "election"), [
    ("trondheim", "Per krets", "ko2023"), ("trondheim", "Per krets", "st2021"),
    ("trondelag", "Per kommune", "ko2023"), ("trondelag", "Per kommune", "st2021"),
])
def test_valgresultat_at_the_branchs_own_levels_on_its_demo(tmp_path, monkeypatch, branch, level, election):
    """The demo written for another branch: the page runs at that branch's levels and says no «None»/«nan»."""
    from campaign.demo import write_demo
    from campaign.store import Store
    from tests.branches import use_branch
    from tests.test_results_branches import assert_no_none_or_nan

    write_demo(Store(tmp_path), use_branch(monkeypatch, branch))
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/valgresultat.py")
    at.session_state["election_id"] = election
    at.run()
    assert not at.exception, at.exception
    headers = [h.value for h in at.header]
    assert level in headers and "Per bydel" not in headers
    assert any(h.startswith("Mandater") for h in headers)
    assert_no_none_or_nan(at)


def test_a_storting_election_is_not_compared_with_a_municipal_one_by_default(demo_env):
    at = open_page("views/valgresultat.py")
    at.selectbox(key="election_id").set_value("st2021").run()  # the sidebar choice, with its on_change
    assert not at.exception, at.exception
    assert at.session_state["compare_id"] == "(ingen)"  # no earlier Storting election in the demo: no comparison
    shown = metrics(at)
    assert shown["Oppslutning SV"] == ("13,3 %", "") and shown["Mandater"][1] == ""
    assert any("Ingen sammenligning valgt" in i.value for i in at.info)
    assert not any(f["layout"]["title"]["text"].startswith("Endring") for f in figures(at))


def test_valgresultat_tables_hold_numbers_and_charts_name_parties(demo_env):
    at = open_page("views/valgresultat.py")
    parties = at.dataframe[0].value
    for column in ("Stemmer", "Oppslutning", "Forrige valg", "Endring"):
        assert pd.api.types.is_numeric_dtype(parties[column]), column
    ordered = parties.sort_values("Stemmer", ascending=False)  # sorted as numbers, as a click on the header does
    assert ordered["Parti"].iloc[2] == "Miljøpartiet De Grønne"
    assert ordered["Stemmer"].iloc[2] - ordered["Stemmer"].iloc[3] == 363  # SV just behind, as the metric says
    cells = displayed(at.dataframe[0])
    assert cells["Endring"].str.match(r"^([+±\u2212]\d+,\d pp|–)$").all()  # every change with the minus sign «−»
    assert not cells["Stemmer"].str.contains(r"\d{4}").any()  # «108 268», thousands grouped
    labels = {y.replace("<b>", "").replace("</b>", "") for f in figures(at)[:2] for y in f["data"][0]["y"]}
    assert not labels & {"LIBS", "DEMN", "PIR", "KRISTNE", "HELSE", "GENP"}
    codes = set(at.dataframe[0].value["Parti"])
    assert "Liberalistene" in codes and "Liberalistene" in labels  # the chart says what the table says
