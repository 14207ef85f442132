"""Kart (AppTest): schematic and real-boundary maps on the demo store."""
from __future__ import annotations

import json

import pytest

from campaign.config import load_config
from campaign.demo import write_demo
from campaign.ingest.importer import apply_import, plan_import
from campaign.store import Store
from tests.apptest import open_page
from tests.conftest import SHARED

CONFIG = load_config()


def map_figure(at) -> dict:
    return json.loads(at.get("plotly_chart")[0].proto.spec)


def filled(figure: dict) -> list[str]:
    return [t["name"] for t in figure["data"] if t.get("fill") == "toself"]


def test_kart_schematic_by_bydel(demo_env):
    at = open_page("views/kart.py")
    figure = map_figure(at)
    assert len(filled(figure)) == 15
    assert figure["layout"]["annotations"][0]["text"].startswith("Skjematisk kart")
    labels = figure["data"][-1]["text"]
    assert "<b>Alna</b><br>11,1\u00a0%" in labels and "<b>Grorud</b><br>10,6\u00a0%" in labels
    outlined = [t for t in figure["data"] if t.get("line", {}).get("width") == 4]
    assert len(outlined) == 5  # Groruddalen (4) and Søndre Nordstrand


def test_kart_zoom_metric_and_krets(demo_env):
    at = open_page("views/kart.py")
    at.selectbox(key="kart_zoom").set_value("Groruddalen").run()
    assert sorted(filled(map_figure(at))) == ["Alna", "Bjerke", "Grorud", "Stovner"]
    at.radio(key="kart_metric").set_value("share_change_pp").run()
    assert "<b>Grorud</b><br>+3,2\u00a0pp" in map_figure(at)["data"][-1]["text"]
    at.radio(key="kart_level").set_value("krets").run()
    kretser = filled(map_figure(at))
    assert "Rødtvet skole" in kretser and "Vahl skole" not in kretser
    assert not at.exception


def test_kart_potential_is_explained(demo_env):
    at = open_page("views/kart.py")
    at.radio(key="kart_metric").set_value("potential").run()
    assert any("Mobiliseringspotensial = antall som ikke stemte" in c.value for c in at.caption)


@pytest.fixture()
def real_map_env(tmp_path, monkeypatch):
    path = SHARED / "geo" / "oslo_bydeler.geojson"
    if not path.exists():
        pytest.skip(f"../shared/geo mangler ({path}); real-boundary map test skipped")
    store = Store(tmp_path)
    write_demo(store, CONFIG)
    plan = plan_import([(path.name, path.read_bytes())], store, CONFIG,
                       attribution="Oslo kommune, Geonorge/Kartverket (CC BY 4.0)")
    apply_import(plan, store, CONFIG)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))


def test_kart_with_real_oslo_boundaries(real_map_env):
    at = open_page("views/kart.py")
    figure = map_figure(at)
    assert len(filled(figure)) == 15
    note = figure["layout"]["annotations"][0]["text"]
    assert not note.startswith("Skjematisk") and "Kartdata: Oslo kommune, Geonorge/Kartverket (CC BY 4.0)" in note
    alna = next(t for t in figure["data"] if t.get("name") == "Alna")
    assert len(alna["x"]) > 50  # a real outline, not a hexagon


def test_kart_reports_bydeler_without_a_shape(tmp_path, monkeypatch):
    from tests.test_importer import FIXTURES
    store = Store(tmp_path)
    write_demo(store, CONFIG)
    fixture = FIXTURES / "bydeler_mini.geojson"
    apply_import(plan_import([(fixture.name, fixture.read_bytes())], store, CONFIG), store, CONFIG)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/kart.py")
    assert sorted(filled(map_figure(at))) == ["Alna", "Gamle Oslo", "Grünerløkka", "Sagene"]
    warning = next(w.value for w in at.warning if "Mangler kartflate" in w.value)
    assert warning.startswith("Mangler kartflate for 11 områder") and "Søndre Nordstrand" in warning


def test_kart_door_knocking_per_bydel(demo_env):
    """The eight demo rounds per bydel: doors summed, grey where no round was held, conversations in the hover."""
    at = open_page("views/kart.py")
    at.radio(key="kart_metric").set_value("doors").run()
    assert not at.exception
    figure = map_figure(at)
    labels = figure["data"][-1]
    assert "<b>Stovner</b><br>630 dører" in labels["text"]
    assert "<b>Søndre<br>Nordstrand</b><br>993 dører" in labels["text"]  # wrapped to fit its tile
    stovner = next(h for h in labels["hovertext"] if h.startswith("<b>Stovner</b>"))
    assert stovner == ("<b>Stovner</b><br>630 dører, 119 samtaler<br>2 runder, 3. sep. – 9. sep. 2023"
                       "<br>Deltakere (summert over rundene): 24")
    fills = {t["name"]: t["fillcolor"] for t in figure["data"] if t.get("fill") == "toself"}
    assert fills["Frogner"] == "#E5E7EB" and fills["Stovner"] != "#E5E7EB"  # no rounds: grey
    assert "7. aug. – 9. sep. 2023" in figure["layout"]["title"]["text"]
    assert any("Dører er ikke personer" in c.value for c in at.caption)


def test_kart_door_knocking_without_rounds_says_so(tmp_path, monkeypatch):
    from tests.tiny_store import write_fixture_store
    write_fixture_store(tmp_path)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/kart.py")
    at.radio(key="kart_metric").set_value("doors").run()
    assert not at.exception
    assert any(i.value.startswith("Ingen dørbankerunder i lageret ennå") for i in at.info)


@pytest.mark.parametrize(("branch", "area", "hover_start", "without_rounds", "per"), [
    # Trøndelag's demo: rounds keyed by kommune_id, summed per kommune tile; Eksempelkommune Dal had none.
    ("trondelag", "Eksempelkommune Midt", "630 dører, 119 samtaler<br>2 runder", "Eksempelkommune Dal", "kommune"),
    # Trondheim's demo (no bydeler): rounds keyed by krets_id («5001-0001»), summed per krets.
    ("trondheim", "Eksempelkrets Sentrum", "630 dører, 119 samtaler", None, "krets"),
])
def test_kart_door_knocking_per_area_of_a_branch_without_bydeler(tmp_path, monkeypatch, branch, area, hover_start,
                                                                 without_rounds, per):
    from tests.branches import use_branch
    config = use_branch(monkeypatch, branch)
    write_demo(Store(tmp_path), config)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_page("views/kart.py")
    at.radio(key="kart_metric").set_value("doors").run()
    assert not at.exception
    figure = map_figure(at)
    hover = {h.split("</b>")[0][3:]: h for h in figure["data"][-1]["hovertext"]}
    assert hover[area].startswith(f"<b>{area}</b><br>{hover_start}")
    if without_rounds:
        assert hover[without_rounds] == f"<b>{without_rounds}</b><br>Ingen dørbankerunder"
    assert f"per {per}" in figure["layout"]["title"]["text"]
