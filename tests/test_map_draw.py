"""Maps end to end on the demo store: targeting figures joined to schematic shapes, target areas outlined."""
from __future__ import annotations

import pandas as pd

from campaign.config import load_config
from campaign.maps.draw import overview_map, target_outlines, targeting_map
from campaign.targeting import targeting

CONFIG = load_config()


def fills(figure) -> dict[str, str]:
    return {t.name: t.fillcolor for t in figure.data if t.fill == "toself"}


def outlines(figure) -> int:
    return sum(1 for t in figure.data if t.fill != "toself" and t.mode == "lines")


def test_target_outlines():
    frame = pd.DataFrame({"area_id": ["030101", "030112", "030115"],
                          "target_area": [None, "Groruddalen", "Søndre Nordstrand"]})
    assert target_outlines(frame) == ["030112", "030115"]


def test_targeting_map_per_bydel(demo_env):
    frame = targeting("ko2023", "ko2019", "0301", "bydel", "SV")
    figure, layer = targeting_map(frame, "bydel", "0301", "share_pct", "t", "c", "Kilde: demo.")
    assert layer.schematic and len(fills(figure)) == 15
    assert outlines(figure) == 5  # Groruddalen (4) and Søndre Nordstrand
    assert "<b>Alna</b><br>11,1\u00a0%" in figure.data[-1].text
    assert figure.layout.annotations[0].text.endswith("<br>Kilde: demo.")  # no boundaries: no «Kartdata»
    figure, _ = targeting_map(frame, "bydel", "0301", "share_pct", "t", "c", "s", outline=False)
    assert outlines(figure) == 0


def test_overview_map_small_and_none_without_values(demo_env):
    figure = overview_map("ko2023", "ko2019", CONFIG, "share_change_pp", "t", "c", "s")
    assert figure.layout.height == 600 and len(fills(figure)) == 15
    assert "<b>Grorud</b><br>+3,2\u00a0pp" in figure.data[-1].text
    assert overview_map("ko2023", None, CONFIG, "share_change_pp", "t", "c", "s") is None


def test_with_doors_hides_fewer_than_5_participants_but_never_doors(monkeypatch):
    import datetime as dt

    from campaign.maps import draw
    rounds = pd.DataFrame({"area_id": ["030101"], "rounds": [1], "doors": [3], "conversations": [1],
                           "participants": [4], "first_date": [dt.date(2023, 9, 1)], "last_date": [dt.date(2023, 9, 1)]})
    monkeypatch.setattr(draw.queries, "field_doors_by_area", lambda level: rounds)
    frame = pd.DataFrame({"area_id": ["030101", "030102"], "area_name": ["Gamle Oslo", "Grünerløkka"]})
    doors, note = draw.with_doors(frame, "bydel")
    assert note is None and doors["doors"].tolist() == [3, 0]  # doors are not people: 3 is shown
    assert doors["hover"].tolist() == [
        "<b>Gamle Oslo</b><br>3 dører, 1 samtale<br>1 runde, 1. sep. 2023<br>Deltakere (summert over rundene): under\u00a05",
        "<b>Grünerløkka</b><br>Ingen dørbankerunder"]
    assert draw.doors_period(doors) == "1. sep. 2023"
