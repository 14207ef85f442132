"""The area map: colours follow the metric, diverging scales centre on 0, works without a basemap."""
from __future__ import annotations

import pandas as pd
import plotly.colors
import pytest

from campaign.config import load_config
from campaign.maps import geometry as geo
from campaign.maps.figure import MAP_METRICS, area_map, colorscale, map_note, tile_label
from campaign.maps.schematic import schematic_bydeler, schematic_kretser

CONFIG = load_config()
IDS = ["030101", "030112", "030115"]


def frame(values: dict[str, float]) -> pd.DataFrame:
    return pd.DataFrame({
        "area_id": IDS, "area_name": ["Gamle Oslo", "Alna", "Søndre Nordstrand"],
        "share_pct": [15.5, 11.1, 12.1], "share_change_pp": [0.4, 2.1, -1.4], "turnout_pct": [61.8, 50.7, 51.9],
        "turnout_change_pp": [-3.8, -2.0, -1.4], "non_voters": [16000, 15000, 11000],
        "potential": [2480.0, 1665.0, 1331.0], "doors": [0, 2000, 724], **values,
    })


def tiles():
    collection = geo.subset(schematic_bydeler(CONFIG), IDS)
    return geo.paths(collection), geo.label_points(collection)


def fills(figure) -> dict[str, str]:
    return {t.name: t.fillcolor for t in figure.data if t.fill == "toself"}


def test_sequential_scale_darkest_for_the_largest_value():
    collection, points = tiles()
    figure = area_map(frame({}), collection, points, "share_pct", "t", "c", "Kilde: x", schematic=True)
    scale = colorscale("share_pct")
    low, high = plotly.colors.sample_colorscale(scale, [0.0, 1.0])
    assert low == plotly.colors.sample_colorscale(MAP_METRICS["share_pct"][2], 0.15)[0]  # no near-white
    assert fills(figure) == {"Gamle Oslo": high, "Alna": low,
                             "Søndre Nordstrand": plotly.colors.sample_colorscale(scale, (12.1 - 11.1) / 4.4)[0]}
    assert all(t.type == "scatter" for t in figure.data)  # no geo traces: nothing fetched from the internet
    assert "Skjematisk kart" in figure.layout.annotations[0].text


def test_diverging_scale_is_centred_on_zero():
    collection, points = tiles()
    data = frame({"share_change_pp": [0.0, 2.0, -1.0]})
    figure = area_map(data, collection, points, "share_change_pp", "t", "c", "s")
    scale = colorscale("share_change_pp")
    assert fills(figure)["Gamle Oslo"] == plotly.colors.sample_colorscale(scale, 0.5)[0]
    assert fills(figure)["Alna"] == plotly.colors.sample_colorscale(scale, 1.0)[0]
    assert fills(figure)["Søndre Nordstrand"] == plotly.colors.sample_colorscale(scale, 0.25)[0]


def test_labels_hover_and_outlines():
    collection, points = tiles()
    figure = area_map(frame({}), collection, points, "potential", "t", "c", "s", outline_ids=["030112"])
    labels = figure.data[-1]
    assert "<b>Alna</b><br>1\u00a0665 stemmer" in labels.text
    assert any("Oppslutning 11,1\u00a0% (+2,1\u00a0pp)" in h for h in labels.hovertext)
    outlines = [t for t in figure.data if t.fill != "toself" and t.mode == "lines"]
    assert len(outlines) == 1 and outlines[0].line.width == 4
    assert labels.marker.colorbar.title.text == "stemmer"


@pytest.mark.parametrize("metric", list(MAP_METRICS))
def test_every_metric_renders(metric):
    collection, points = tiles()
    figure = area_map(frame({}), collection, points, metric, "t", "c", "s")
    assert len(fills(figure)) == 3


def test_map_note_credits_imported_boundaries():
    assert map_note("Kilde: x.", "Oslo kommune (CC BY 4.0)") == "Kilde: x.<br>Kartdata: Oslo kommune (CC BY 4.0)."
    assert map_note("Kilde: x.", None) == "Kilde: x."


def test_many_schematic_tiles_keep_short_name_labels_real_shapes_hover_only():
    kretser = [(f"5001-{i:04d}", f"Krets nummer {i}") for i in range(1, 41)]
    collection = schematic_kretser(kretser)
    data = pd.DataFrame({"area_id": [k for k, _ in kretser], "area_name": [n for _, n in kretser],
                         "share_pct": range(40), "share_change_pp": None, "turnout_pct": None,
                         "turnout_change_pp": None, "non_voters": None, "potential": None})
    shapes, points = geo.paths(collection), geo.label_points(collection)
    labels = area_map(data, shapes, points, "share_pct", "t", "c", "s", schematic=True).data[-1]
    assert labels.mode == "text+markers" and labels.text[0] == "Krets nummer 1" and len(labels.text) == 40
    assert labels.hovertext[0] == "<b>Krets nummer 1</b><br>Oppslutning 0,0\u00a0% (–)<br>Valgdeltakelse ikke importert"
    assert area_map(data, shapes, points, "share_pct", "t", "c", "s").data[-1].mode == "markers"


def test_tile_label_fits_two_short_lines():
    assert tile_label("Sverresborg") == "Sverresborg"
    assert tile_label("Ila skole og barnehage") == "Ila skole og<br>barnehage"
    assert tile_label("Tiller videregående skole") == "Tiller<br>videregående…"
