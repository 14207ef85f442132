"""I dag (AppTest): the reference day, days to the election, ad spend against the budget and the goals on the demo."""
from __future__ import annotations

from tests.apptest import metrics, open_page, plain, tables

PAGE = "views/i_dag.py"


def test_i_dag_demo(demo_env):
    at = open_page(PAGE)
    assert any("Viser 11. sep. 2023, siste dag i valgkampen" in plain(c.value) for c in at.caption)
    shown = metrics(at)
    assert shown["Dager til valget"] == ("0", "Kommunestyrevalget 2023")
    assert shown["Annonsekostnad hittil"] == ("91 040 kr", "100,0 % av budsjettet")
    assert shown["Annonsebudsjett"][0] == "91 040 kr"
    markdown = [plain(m.value) for m in at.markdown]
    assert any("pengebruken går i takt med tiden" in m for m in markdown)
    assert sum(m.startswith("- ") and "siste 7 dager" in m for m in markdown) == 3
    changes = tables(at)[0].set_index("Mål")
    assert changes.loc["Annonsekostnad", ["I går", "Dagen før", "Endring"]].tolist() == ["8 022 kr", "6 141 kr", "+30,6 %"]
    assert changes.loc["Dører", ["Siste 7 dager", "7 dager før"]].tolist() == ["1 443", "339"]
    goals = " ".join(m for m in markdown if m.startswith("**"))
    for words in ("på skinner", "litt bak", "langt bak", "Dørbankerunder i år", "Annonser innenfor budsjett"):
        assert words in goals


def test_i_dag_empty_store(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page(PAGE)
    assert any("Ingen tall fra sosiale medier" in i.value for i in at.info)


def test_i_dag_change_table_downloads_as_numbers(demo_env, monkeypatch):
    from tests.download_capture import capture

    seen = capture(monkeypatch)
    at = open_page(PAGE)
    assert [b.label for b in at.get("download_button")] == ["Last ned tabellen (CSV)", "Last ned tabellen (Excel)"]
    download = seen["i_dag_endringer"]
    assert not download.formula_cells()
    for frame in (download.csv_frame(), download.xlsx_frame()):
        frame = frame.set_index("Mål")
        spend = frame.loc["Annonsekostnad (kr)"]
        assert round(spend["I går"]) == 8_022 and round(spend["Dagen før"]) == 6_141  # kroner with øre
        assert round(spend["Endring (%)"], 1) == 30.6
        assert frame.loc["Dører", ["Siste 7 dager", "7 dager før"]].tolist() == [1_443, 339]
