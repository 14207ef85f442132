"""Forside (AppTest): what the store holds, and a link to every other page."""
from __future__ import annotations

from campaign import pages
from tests.apptest import metrics, open_page


def test_forside(demo_env):
    at = open_page()
    shown = metrics(at)
    assert shown["Valg i lageret"][0] == "3"
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
