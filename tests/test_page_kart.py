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
