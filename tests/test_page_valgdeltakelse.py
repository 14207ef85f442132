"""Valgdeltakelse (AppTest): turnout per bydel and krets on the demo store."""
from __future__ import annotations

from tests.apptest import metrics, open_page


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
