"""Map labels at 1280×720 (issue 12): they overlap nothing, contrast with their fill, fit their tile, the target
areas are named, the colour bar groups thousands and the credit line wraps instead of being cut off."""
from __future__ import annotations

import itertools

import pandas as pd
import plotly.colors
import pytest
import shapely.geometry

from campaign.config import load_config
from campaign.maps import geometry as geo
from campaign.maps import labels
from campaign.maps.figure import NO_DATA, SOURCE_CHARS, area_map, map_note, tile_font, wrapped
from campaign.maps.schematic import schematic_bydeler
from tests.conftest import SHARED

CONFIG = load_config()
INNER_CITY = ("Sagene", "St. Hanshaugen", "Grünerløkka", "Gamle Oslo")


def frame(ids: list[str], names: list[str], values: list[float]) -> pd.DataFrame:
    n = len(ids)
    return pd.DataFrame({"area_id": ids, "area_name": names, "share_pct": values, "share_change_pp": [0.1] * n,
                         "turnout_pct": [60.0] * n, "turnout_change_pp": [0.0] * n, "non_voters": [1000] * n,
                         "potential": [100.0] * n, "doors": [0] * n,
                         "target_area": ["Groruddalen" if i in CONFIG.target_areas["Groruddalen"] else
                                         "Søndre Nordstrand" if i in CONFIG.target_areas["Søndre Nordstrand"] else None
                                         for i in ids]})


def luminance(color: str) -> float:
    red, green, blue = plotly.colors.unlabel_rgb(plotly.colors.convert_colors_to_same_type(color, "rgb")[0][0])
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


def boxes(figure) -> dict[str, shapely.geometry.Polygon]:
    """Every drawn label's estimated box in map units: on the areas (text trace) and moved out (annotations)."""
    trace = figure.data[-1]
    shapes = {t.name: (t.x, t.y) for t in figure.data if t.fill == "toself"}
    scale = labels.px_per_unit(shapes, figure.layout.height, figure.layout.margin.t + figure.layout.margin.b)
    size = trace.textfont.size
    out = {}
    for x, y, text in zip(trace.x, trace.y, trace.text):
        if text:
            out[labels.plain_lines(text)[0]] = labels._box(x, y, labels.text_size(text, size), scale)
    for note in figure.layout.annotations[1:]:
        out[labels.plain_lines(note.text)[0]] = labels._box(note.ax, note.ay, labels.text_size(note.text, size), scale)
    return out


def _paths_from_store(tmp_path):
    from campaign.db import Database
    from campaign.demo import write_demo
    from campaign.ingest.importer import apply_import, plan_import
    from campaign.store import Store
    path = SHARED / "geo" / "oslo_bydeler.geojson"
    if not path.exists():
        pytest.skip(f"../shared/geo mangler ({path})")
    store = Store(tmp_path)
    write_demo(store, CONFIG)
    apply_import(plan_import([(path.name, path.read_bytes())], store, CONFIG, attribution="Oslo kommune"), store, CONFIG)
    bounds = Database(store).query("boundaries", level="bydel", kommune_id="0301")
    return bounds[bounds["area_id"].isin(CONFIG.bydeler)]


@pytest.fixture(scope="module")
def oslo_map(tmp_path_factory):
    bounds = _paths_from_store(tmp_path_factory.mktemp("oslo-map"))
    shapes, points, attribution = geo.prepare(bounds)
    ids = list(bounds["area_id"])
    data = frame(ids, list(bounds["area_name"]), [4.0 + i for i in range(len(ids))])
    return area_map(data, shapes, points, "share_pct", "t", "c", map_note("Kilde: x.", attribution),
                    outline_ids=[i for i in ids if i in CONFIG.target_bydeler()])


def test_inner_city_labels_do_not_overlap(oslo_map):
    drawn = boxes(oslo_map)
    assert set(INNER_CITY) <= set(drawn) and len(drawn) == 15  # every bydel named once
    for (a, box_a), (b, box_b) in itertools.combinations(drawn.items(), 2):
        assert not box_a.intersects(box_b), f"{a} and {b} overlap"
    moved = [labels.plain_lines(a.text)[0] for a in oslo_map.layout.annotations[1:]]
    assert {"Sagene", "St. Hanshaugen", "Grünerløkka"} <= set(moved)  # too small: moved out with a leader line


def test_label_colour_contrasts_with_its_fill(oslo_map):
    trace = oslo_map.data[-1]
    fills = {t.name: t.fillcolor for t in oslo_map.data if t.fill == "toself"}
    for text, color in zip(trace.text, trace.textfont.color):
        if text:
            fill = fills[labels.plain_lines(text)[0]]
            assert color == ("#FFFFFF" if luminance(fill) < 0.45 else "#111111"), (text, fill, color)
    areas = {t.name: labels.polygon((t.x, t.y)) for t in oslo_map.data if t.fill == "toself"}
    for name, box in boxes(oslo_map).items():  # a label on an area stays on it («Gamle Oslo» white on white)
        if name not in [labels.plain_lines(a.text)[0] for a in oslo_map.layout.annotations[1:]]:
            assert box.intersection(areas[name]).area >= labels.INSIDE_SHARE * box.area, name
    for note in oslo_map.layout.annotations[1:]:  # moved labels: dark text on a white box
        assert note.font.color == "#111" and note.bgcolor.startswith("rgba(255,255,255")


def test_labels_that_do_not_fit_are_moved_out():
    big = [(0, 0), (10, 0), (10, 10), (0, 10), (0, 0)]
    small = [[(4, 4), (4.3, 4), (4.3, 4.3), (4, 4.3), (4, 4)], [(4.3, 4), (4.6, 4), (4.6, 4.3), (4.3, 4.3), (4.3, 4)]]
    placed = labels.place([((5, 2), (40, 20), shapely.geometry.Polygon(big))]
                          + [((4.15 + 0.3 * i, 4.15), (40, 20), shapely.geometry.Polygon(s)) for i, s in enumerate(small)],
                          scale=20)
    assert [p.moved for p in placed] == [False, True, True]
    assert not labels._box(placed[1].x, placed[1].y, (40, 20), 20).intersects(
        labels._box(placed[2].x, placed[2].y, (40, 20), 20))


def test_tile_labels_fit_their_hexagon():
    collection = schematic_bydeler(CONFIG)
    shapes, points = geo.paths(collection), geo.label_points(collection)
    ids = list(CONFIG.bydeler)
    figure = area_map(frame(ids, [CONFIG.bydeler[i] for i in ids], [5.0] * len(ids)), shapes, points, "share_pct",
                      "t", "c", "s", schematic=True)
    trace = figure.data[-1]
    tile = max(x for x in shapes[ids[0]][0] if x is not None) - min(x for x in shapes[ids[0]][0] if x is not None)
    scale = labels.px_per_unit(shapes, 720, figure.layout.margin.t + figure.layout.margin.b)
    size, chars = tile_font(list(CONFIG.bydeler.values()), tile * scale, 14)
    assert trace.textfont.size == size and size >= 9
    for text in trace.text:
        assert all(len(line) <= chars for line in labels.plain_lines(text)), text
        assert labels.text_size(text, size)[0] <= tile * scale  # inside the tile's width
    assert "<b>Søndre<br>Nordstrand</b><br>5,0\u00a0%" in trace.text  # wrapped, not «øndre Nordstran»
    assert any(h.startswith("<b>Søndre Nordstrand</b>") for h in trace.hovertext)  # full name in the hover


def test_target_areas_are_named_in_the_legend():
    collection = schematic_bydeler(CONFIG)
    ids = list(CONFIG.bydeler)
    figure = area_map(frame(ids, [CONFIG.bydeler[i] for i in ids], [5.0] * len(ids)), geo.paths(collection),
                      geo.label_points(collection), "share_pct", "t", "c", "s", schematic=True,
                      outline_ids=sorted(CONFIG.target_bydeler()))
    named = [t.name for t in figure.data if t.showlegend]
    assert named == ["Målområde: Groruddalen", "Målområde: Søndre Nordstrand"] and figure.layout.showlegend
    colors = {t.legendgroup: t.line.color for t in figure.data if t.legendgroup}
    assert colors["Groruddalen"] != colors["Søndre Nordstrand"]


def test_colour_bar_groups_thousands():
    collection = schematic_bydeler(CONFIG)
    ids = list(CONFIG.bydeler)
    data = frame(ids, [CONFIG.bydeler[i] for i in ids], [5.0] * len(ids)).assign(doors=[0, 2000] + [700] * 13)
    figure = area_map(data, geo.paths(collection), geo.label_points(collection), "doors", "t", "c", "s")
    colorbar = figure.data[-1].marker.colorbar
    assert colorbar.separatethousands and colorbar.exponentformat == "none"  # «2 000», not «2000» or «2k»
    assert figure.layout.separators == ", "
    fills = [t.fillcolor for t in figure.data if t.fill == "toself"]
    assert fills[0] == NO_DATA and fills[1] != NO_DATA  # no rounds: grey


def test_credit_line_wraps_instead_of_being_cut_off():
    source = ("Kilde: valgresultat.no (Valgdirektoratet), Eksempeldata (generert). Sist importert 30. nov. 2026 "
              "kl. 23.29.")
    note = wrapped(map_note(source, "Oslo kommune, Geonorge/Kartverket (CC BY 4.0)"))
    assert "<br>Kartdata: Oslo kommune, Geonorge/Kartverket (CC BY 4.0)." in note
    assert all(len(line) <= SOURCE_CHARS for line in note.split("<br>"))
    collection = schematic_bydeler(CONFIG)
    ids = list(CONFIG.bydeler)
    figure = area_map(frame(ids, [CONFIG.bydeler[i] for i in ids], [5.0] * len(ids)), geo.paths(collection),
                      geo.label_points(collection), "share_pct", "t", "c", source + " " + source)
    credit = figure.layout.annotations[0]
    assert credit.align == "left" and all(len(line) <= SOURCE_CHARS for line in credit.text.split("<br>"))
    assert figure.layout.margin.b >= 80 + 18 * credit.text.count("<br>")  # room for every line
