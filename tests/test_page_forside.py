"""Forside (AppTest): what the store holds, and a link to every other page."""
from __future__ import annotations

import re

from campaign import pages
from tests.apptest import metrics, open_page


def test_forside(demo_env):
    at = open_page()
    shown = metrics(at)
    assert shown["Valg i lageret"][0] == "3"
    assert re.fullmatch(r"\d{1,2}\. \w+\.? \d{4}", shown["Sist importert"][0])  # no «kl. …» cut off at 1280 px
    assert any("Eksempeldata" in w.value for w in at.warning)
    table = at.dataframe[0].value
    assert list(table["Valg"]) == ["Kommunestyrevalget 2023", "Stortingsvalget 2021", "Kommunestyrevalget 2019"]
    assert list(table["Dato"]) == ["11. sep. 2023", "13. sep. 2021", "9. sep. 2019"]


def test_forside_links_to_every_page(demo_env):
    at = open_page()
    linked = {link.proto.page for link in at.get("page_link")}  # url paths: the file names
    assert linked == {p.name for p in pages.PAGES} - {pages.HOME.name}
    labels = " ".join(link.proto.label for link in at.get("page_link"))
    assert "**Kart** – oppslutning, endring, valgdeltakelse og potensial" in labels  # the table's description


def _lead(at) -> tuple[str, str]:
    link = at.get("page_link")[0].proto
    return link.page, link.label


def test_forside_leads_to_i_dag_in_the_campaign(demo_env, monkeypatch):
    import datetime as dt

    from campaign import front
    monkeypatch.setattr(front, "today", lambda: dt.date(2023, 9, 1))  # [campaign] 27. juli – 11. sep. 2023
    at = open_page()
    assert _lead(at) == ("i_dag", "**Start her: I dag**")
    assert any(c.value.startswith("Valgkampen pågår (27. juli – 11. sep. 2023)") and "10 dager igjen" in c.value
               for c in at.caption)


def test_forside_leads_to_the_evaluation_after_the_campaign(demo_env, monkeypatch):
    import datetime as dt

    from campaign import front
    monkeypatch.setattr(front, "today", lambda: dt.date(2023, 11, 30))
    at = open_page()
    assert _lead(at) == ("evaluering", "**Start her: Evaluering**")
    assert any(c.value.startswith("Valgkampen (27. juli – 11. sep. 2023) er over: se hvordan det gikk")
               for c in at.caption)


def test_front_falls_back_to_valgresultat_without_an_evaluation_page():
    import datetime as dt

    from campaign import front
    from campaign.config import load_config
    without = tuple(p for p in pages.PAGES if p.name != "evaluering")
    page, why = front.lead(load_config(), dt.date(2024, 1, 5), without)
    assert page.name == "valgresultat" and why.startswith("Valgkampen (27. juli – 11. sep. 2023) er over")
    page, why = front.lead(load_config(), dt.date(2023, 7, 1))
    assert page.name == "evaluering" and why.startswith("Valgkampen starter 27. juli 2023;")
