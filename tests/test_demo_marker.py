"""The «Eksempeldata» banner follows the chosen elections: real ko2019 imported into the demo store is real."""
from __future__ import annotations

import json

import pytest

from campaign.config import load_config
from campaign.db import Database
from campaign.demo import write_demo
from campaign.ingest.importer import apply_import, plan_import
from campaign.store import Store
from tests.apptest import open_page

FIXTURE = "2019-09-14_partifordeling_4_ko_2019.csv"


@pytest.fixture(scope="module")
def mixed_dir(tmp_path_factory):
    """The demo store with the real ko2019 krets file imported over the generated 2019."""
    from tests.test_importer import FIXTURES
    path = tmp_path_factory.mktemp("mixed-store")
    store, config = Store(path), load_config()
    write_demo(store, config)
    plan = plan_import([(FIXTURE, (FIXTURES / FIXTURE).read_bytes())], store, config)
    assert apply_import(plan, store, config)
    return path


def test_elections_available_says_which_elections_are_demo_data(mixed_dir, demo_db):
    demo = demo_db.query("elections_available", kommune_id="0301", fylke_id="03").set_index("election_id")["demo"]
    assert demo.all() and {"ko2023", "ko2019", "st2021"} <= set(demo.index)
    mixed = Database(Store(mixed_dir)).query("elections_available", kommune_id="0301", fylke_id="03")
    assert dict(zip(mixed["election_id"], mixed["demo"]))["ko2019"] == False  # noqa: E712 (numpy bool)
    assert dict(zip(mixed["election_id"], mixed["demo"]))["ko2023"] == True  # noqa: E712


def _open(mixed_dir, monkeypatch, election, compare):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(mixed_dir))
    at = open_page("views/valgresultat.py")
    at.session_state["election_id"] = election
    at.session_state["compare_id"] = compare
    at.run()
    assert not at.exception, at.exception
    return [w.value for w in at.warning]


def test_real_2019_alone_carries_no_demo_banner(mixed_dir, monkeypatch):
    warnings = _open(mixed_dir, monkeypatch, "ko2019", "(ingen)")
    assert not any("Eksempeldata" in w for w in warnings), warnings


def test_generated_2023_compared_with_real_2019_says_so(mixed_dir, monkeypatch):
    warnings = _open(mixed_dir, monkeypatch, "ko2023", "ko2019")
    assert any("Eksempeldata" in w and "2023" in w for w in warnings), warnings
    note = next(w for w in warnings if w.startswith("**Obs:**"))
    assert "genererte eksempeltall" in note and "ekte tall" in note and "2019" in note


def test_demo_only_comparison_has_the_banner_and_no_mixing_note(demo_env):
    at = open_page("views/valgresultat.py")
    warnings = [w.value for w in at.warning]
    assert any("Eksempeldata" in w for w in warnings) and not any(w.startswith("**Obs:**") for w in warnings)
    source = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"][0]["text"]
    assert source.startswith("Kilde: Eksempeldata (generert). Sist importert ") and "importer)" not in source
