"""Valgdeltakelse (AppTest): turnout per bydel and krets on the demo store."""
from __future__ import annotations

import pandas as pd
from streamlit.proto.Metric_pb2 import Metric as MetricProto

from tests.apptest import metrics, open_page, shown


def test_valgdeltakelse(demo_env):
    at = open_page("views/valgdeltakelse.py")
    figures = metrics(at)
    assert figures["Valgdeltakelse Oslo"] == ("64,2 %", "\u22123,4 pp")  # the minus sign, still a fall:
    city = next(m for m in at.metric if m.label == "Valgdeltakelse Oslo").proto
    assert (city.direction, city.color) == (MetricProto.MetricDirection.DOWN, MetricProto.MetricColor.RED)
    lowest = next(label for label in figures if label.startswith("Lavest: "))
    assert lowest == "Lavest: Stovner" and figures[lowest][0].endswith(" %")  # the name in the label, the number shown
    assert any(label.startswith("Høyest: ") and value[0][0].isdigit() for label, value in figures.items())
    table = at.dataframe[0].value
    assert len(table) == 15
    assert len(at.get("plotly_chart")) == 3  # bar, map, scatter
    kretser = at.dataframe[1].value
    assert len(kretser) >= 5


def test_valgdeltakelse_table_holds_numbers_and_sorts_as_numbers(demo_env):
    at = open_page("views/valgdeltakelse.py")
    element = at.dataframe[0]
    table = element.value
    for column in ("Stemmeberettigede", "Avgitte stemmer", "Valgdeltakelse", "Forrige valg", "Endring"):
        assert pd.api.types.is_float_dtype(table[column]), column
    cells = shown(element).set_index("Område")
    row = table.set_index("Område").loc["Stovner"]
    assert cells.loc["Stovner", "Valgdeltakelse"] == f"{row['Valgdeltakelse']:.1f} %".replace(".", ",")
    assert cells.loc["Stovner", "Endring"].startswith("\u2212")  # turnout fell: «−x,x pp», the minus sign


def test_turnout_table_sorts_numbers_as_numbers_and_shows_them_the_norwegian_way():
    from campaign import tables
    parts = pd.DataFrame({"area_name": ["A", "B", "C", "D"], "eligible_voters": [1295, 1589, 108268, 2063],
                          "votes_cast": [900, 1000, 70000, 1500], "turnout_pct": [69.5, 62.9, 64.7, 72.7],
                          "compare_turnout_pct": [70.0, None, 60.0, 70.0], "change_pp": [-0.5, None, 4.7, 2.7]})
    table = tables.turnout_table(parts)
    assert list(table.sort_values("Stemmeberettigede")["Stemmeberettigede"]) == [1295, 1589, 2063, 108268]
    text = tables.styled(table).to_string(delimiter="|").replace("\u00a0", " ")
    assert "|108 268|" in text and "|69,5 %|" in text and "|\u22120,5 pp\n" in text and "|62,9 %|–|–\n" in text


def test_a_missing_share_reads_ingen_liste_where_the_party_had_no_list():
    from campaign import tables
    frame = pd.DataFrame({"area_name": ["Frosta", "Røros"], "votes": [None, 120], "share_pct": [None, 4.2],
                          "compare_share_pct": [None, 3.0], "change_pp": [None, 1.2], "stood": [False, True]})
    text = tables.styled(tables.subarea_table(frame, "kommune")).to_string(delimiter="|").replace("\u00a0", " ")
    assert "|Frosta|–|ingen liste|–|–\n" in text and "|Røros|120|4,2 %|3,0 %|+1,2 pp\n" in text
