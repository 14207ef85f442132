"""Valgresultat (AppTest): the published 2023 figures on the demo store."""
from __future__ import annotations

import pytest

from tests.apptest import metrics, open_page, plain


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
