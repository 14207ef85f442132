"""Data (AppTest): the sources with their last import, and every view with its columns, meanings and rows."""
from __future__ import annotations

from campaign.schema import TABLE_SPECS
from campaign.store import Store
from tests.apptest import open_page, plain, tables

PAGE = "views/data.py"


def test_data_page_on_the_demo(demo_env):
    at = open_page(PAGE)
    text = " ".join(plain(m.value) for m in at.markdown)
    assert "- Eksempeldata: sist importert i dag kl. " in text and "gjelder ko2019, ko2023, st2021." in text
    assert any("Ikke importert: Valgresultat (CSV)" in c.value for c in at.caption)
    assert "Nyeste dag i lageret: Sosiale medier 11. sep. 2023 (" in text and "Ringing 8. sep. 2023 (" in text
    labels = [plain(e.label) for e in at.expander]
    assert len(labels) == len(TABLE_SPECS)
    results = len(Store(demo_env).read("results"))
    assert f"results – resultater ({results:,} rader)".replace(",", " ") in labels
    assert "mandates – mandater (0 rader)" in labels
    shown = tables(at)
    assert len(shown) == len(TABLE_SPECS)
    ads = next(t for t in shown if "video_p100" in set(t["Kolonne"])).set_index("Kolonne")
    assert ads.loc["spend_nok", ["Type", "Betydning", "Enhet"]].tolist() == ["desimaltall", "annonsekostnad", "kr"]
    assert ads.loc["date", "Eksempel"].endswith("2023")


def test_data_page_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page(PAGE)
    assert any("Ingenting er importert ennå" in i.value for i in at.info)
    assert all(plain(e.label).endswith("(0 rader)") for e in at.expander)
