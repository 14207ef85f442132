"""Every real file in ../shared/reference-data/elections imports, and the pages show the official figures."""
from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from campaign.cli import main
from campaign.config import load_config
from campaign.db import Database
from campaign.ingest.importer import apply_import, plan_import
from campaign.store import Store
from tests.apptest import APP, metrics, plain, shown
from tests.conftest import REFERENCE

CONFIG = load_config()


def reference_files() -> list[Path]:
    if not REFERENCE.exists():
        pytest.skip(f"../shared/reference-data mangler ({REFERENCE}); real-data tests skipped")
    return sorted(p for p in REFERENCE.rglob("*") if p.suffix in {".csv", ".json"})


@pytest.fixture(scope="module")
def real_dir(tmp_path_factory) -> Path:
    files = reference_files()
    path = tmp_path_factory.mktemp("real-store")
    store = Store(path)
    plan = plan_import([(p.name, p.read_bytes()) for p in files], store, CONFIG)
    rejected = [r.error for r in plan.reports if not r.accepted]
    assert not rejected, rejected
    failed = [(r.source_name, c.message) for r in plan.reports for c in r.checks if not c.ok]
    assert not failed, failed
    apply_import(plan, store, CONFIG)
    return path


@pytest.fixture()
def real_env(real_dir, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(real_dir))
    return real_dir


def test_every_file_imports_and_reimport_changes_nothing(real_dir):
    files = reference_files()
    assert len(files) == 3 + 2 * 17
    store = Store(real_dir)
    version = store.version()
    plan = plan_import([(p.name, p.read_bytes()) for p in files], store, CONFIG)
    assert all(r.already_imported for r in plan.reports)
    assert apply_import(plan, store, CONFIG) == [] and store.version() == version


@pytest.mark.parametrize(("election", "party", "shown"), [
    ("ko2019", "SV", "9,1 %"), ("ko2019", "MDG", "15,3 %"), ("st2021", "SV", "13,3 %"),
    ("st2025", "SV", "10,7 %"), ("st2025", "A", "25,7 %"),
])
def test_city_shares(real_dir, election, party, shown):
    shares = Database(Store(real_dir)).query("party_shares", election_id=election, compare_id=None,
                                             area_id="0301").set_index("party_code")
    assert f"{shares.loc[party, 'share_pct']:.1f}".replace(".", ",") + " %" == shown


def test_bydel_totals_add_up_to_the_city(real_dir):
    frame = Database(Store(real_dir)).query(
        "party_shares_by_subarea", election_id="st2025", compare_id=None, area_id="0301", level="bydel",
        kommune_id=None)
    city = Database(Store(real_dir)).query("party_shares", election_id="st2025", compare_id=None, area_id="0301")
    advance_and_unassigned = city["votes"].sum() - frame["votes"].sum()
    # the 15 bydeler hold the election-day votes; Bydel 00 the advance votes (and 69 without krets)
    assert advance_and_unassigned == city["advance_votes"].sum() + 69


def open_page(page: str, election: str, compare: str | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(page)
    at.session_state["election_id"] = election
    at.session_state["compare_id"] = compare or "(ingen)"
    at.run()
    assert not at.exception, at.exception
    return at


@pytest.mark.parametrize(("election", "expected"), [
    ("ko2019", {"SV - Sosialistisk Venstreparti": "9,1 %", "Miljøpartiet De Grønne": "15,3 %"}),
    ("st2021", {"SV - Sosialistisk Venstreparti": "13,3 %"}),
    ("st2025", {"SV - Sosialistisk Venstreparti": "10,7 %", "Arbeiderpartiet": "25,7 %"}),
])
def test_valgresultat_shows_official_shares(real_env, election, expected):
    at = open_page("views/valgresultat.py", election)
    parties = shown(at.dataframe[0]).set_index("Parti")
    for party, share in expected.items():
        assert plain(parties.loc[party, "Oppslutning"]) == share
    assert not any("Eksempeldata" in w.value for w in at.warning)
    source = json.loads(at.get("plotly_chart")[0].proto.spec)["layout"]["annotations"][0]["text"]
    assert source.startswith("Kilde: Valgdirektoratet / valgresultat.no. Sist importert")


def test_valgresultat_compares_2025_with_2021_by_bydel(real_env):
    at = open_page("views/valgresultat.py", "st2025", "st2021")
    assert metrics(at)["Oppslutning SV"] == ("10,7 %", "\u22122,6 pp")
    bydeler = shown(at.dataframe[2])
    assert len(bydeler) == 15 and bydeler["Endring"].str.endswith("pp").all()


@pytest.mark.parametrize(("election", "city", "bydel", "bydel_turnout"), [
    ("st2025", "81,7 %", "Alna", "69,7 %"), ("st2021", "78,5 %", "Gamle Oslo", "77,5 %"),
])
def test_valgdeltakelse_shows_official_turnout(real_env, election, city, bydel, bydel_turnout):
    at = open_page("views/valgdeltakelse.py", election)
    assert metrics(at)["Valgdeltakelse Oslo"][0] == city
    table = shown(at.dataframe[0]).set_index("Område")
    assert plain(table.loc[bydel, "Valgdeltakelse"]) == bydel_turnout


def test_seats_command_reproduces_2021_district_seats_of_all_19_constituencies(real_dir, capsys):
    fylke = pd.read_csv(REFERENCE / "st2021_partifordeling_fylke.csv", sep=";", dtype=str)
    fylke["district"] = fylke["Antall mandater"].astype(int) - fylke["Antall utjevningsmandater"].astype(int)
    for number, rows in fylke.groupby("Fylkenummer"):
        seats = int(rows["district"].sum())
        assert main(["seats", "st2021", "--area", number, "--seats", str(seats), "--data-dir", str(real_dir)]) == 0
        got = pd.read_csv(io.StringIO(capsys.readouterr().out), dtype={"party_code": str})
        expected = dict(zip(rows["Partikode"], rows["district"]))
        assert {p: s for p, s in zip(got["party_code"], got["seats"]) if s} == {
            p: s for p, s in expected.items() if s}, number
