"""valgresultat.no API responses: parsing, checks, bydel sums, rejections.

Real files come from ../shared/reference-data/elections (skipped when absent); the hand-made
fixtures in tests/fixtures/valg_json_* are invented numbers in the exact API shape. No real
stemmekrets response was available, so the krets fixture follows the documented shape (a
bydel node with nivaa "stemmekrets" and a 4-digit nr, `_links.up` pointing at the bydel).
"""
from __future__ import annotations

import copy
import json
from pathlib import Path

import pytest

from campaign.config import load_config
from campaign.ingest.base import ImportRejected, ParsedBatch
from campaign.ingest.valg_json import parse_valg_json
from campaign.ingest.valg_sums import check_bydel_sums
from campaign.store import SCHEMAS
from tests.conftest import reference_file

FIXTURES = Path(__file__).resolve().parent / "fixtures"
CONFIG = load_config()
REAL_FILES = [f"st{year}_oslo_api_json/{name}" for year in (2021, 2025)
              for name in ["kommune-03-0301.json", *(f"bydel-03-0301-{n}.json" for n in range(16))]]


def real(name: str):
    path = reference_file(name)
    return parse_valg_json(path.read_bytes(), path.name, CONFIG)


def real_tree(year: int) -> list:
    return [real(f"st{year}_oslo_api_json/{name}")
            for name in ["kommune-03-0301.json", *(f"bydel-03-0301-{n}.json" for n in range(16))]]


def fixture_doc(name: str) -> dict:
    return json.loads((FIXTURES / f"valg_json_{name}.json").read_text(encoding="utf-8"))


def parse_doc(doc, name: str = "svar.json"):
    return parse_valg_json(json.dumps(doc, ensure_ascii=False).encode("utf-8"), name, CONFIG)


def share(batch, party: str) -> float:
    results = batch.tables["results"]
    base = results.loc[results["party_code"] != "BLANKE", "votes"].sum()
    return 100 * results.loc[results["party_code"] == party, "votes"].item() / base


def turnout_pct(batch) -> float:
    row = batch.tables["turnout"].iloc[0]
    return 100 * row["votes_cast"] / row["eligible_voters"]


def row(batch, party: str):
    results = batch.tables["results"]
    return results[results["party_code"] == party].iloc[0]


# --- real files -------------------------------------------------------------------------------

def test_oslo_2021_kommune():
    batch = real("st2021_oslo_api_json/kommune-03-0301.json")
    assert batch.kind == "valg_json" and batch.election_id == "st2021"
    assert batch.areas == "Oslo (0301), kommunenivå"
    sv = row(batch, "SV")
    assert (sv["votes"], sv["advance_votes"], sv["election_day_votes"]) == (50382, 32789, 17593)
    assert (sv["area_level"], sv["fylke_id"], sv["kommune_id"]) == ("kommune", "03", "0301")
    assert sv["bydel_id"] is None and sv["krets_id"] is None
    assert share(batch, "SV") == pytest.approx(13.27362, abs=5e-6)
    codes = set(batch.tables["results"]["party_code"])
    assert "BLANKE" in codes and not codes & {"Andre", "Andre2"}
    turnout = batch.tables["turnout"]
    assert len(turnout) == 1
    assert turnout.iloc[0][["area_level", "area_id", "area_name", "eligible_voters", "votes_cast"]].tolist() == [
        "kommune", "0301", "Oslo", 485801, 381208]
    assert round(turnout_pct(batch), 1) == 78.5


def test_oslo_2021_gamle_oslo_and_st_hanshaugen():
    batch = real("st2021_oslo_api_json/bydel-03-0301-1.json")
    assert batch.areas == "Gamle Oslo (030101), bydel"
    assert set(batch.tables["results"]["bydel_id"]) == {"030101"}
    assert row(batch, "SV")["votes"] == 1821 and row(batch, "SV")["advance_votes"] == 0
    assert batch.tables["turnout"].iloc[0]["area_id"] == "030101"
    assert round(turnout_pct(batch), 1) == 77.5
    hanshaugen = real("st2021_oslo_api_json/bydel-03-0301-4.json")
    assert hanshaugen.tables["turnout"].iloc[0]["area_name"] == "St. Hanshaugen"  # API: "St.Hanshaugen"


def test_bydel_00_has_results_without_bydel_and_no_turnout():
    batch = real("st2021_oslo_api_json/bydel-03-0301-0.json")
    results = batch.tables["results"]
    assert results["bydel_id"].isna().all() and (results["area_level"] == "bydel").all()
    assert row(batch, "SV")["votes"] == 32818 and row(batch, "SV")["advance_votes"] == 32789
    assert batch.tables["turnout"].empty
    assert any("Bydel 00" in w and "valgdeltakelse" in w for w in batch.warnings)
    assert batch.eligible_voters == 1410  # kept on the batch for check_bydel_sums


def test_oslo_2025_kommune_and_alna():
    batch = real("st2025_oslo_api_json/kommune-03-0301.json")
    assert batch.election_id == "st2025"
    assert round(share(batch, "SV"), 1) == 10.7
    assert round(share(batch, "A"), 1) == 25.7
    assert row(batch, "A")["votes"] == 108268
    assert row(batch, "BLANKE")["votes"] == 2118  # BLANKE has no `prosent` in 2025
    assert round(turnout_pct(batch), 1) == 81.7
    alna = real("st2025_oslo_api_json/bydel-03-0301-12.json")
    assert alna.areas == "Alna (030112), bydel"
    assert round(turnout_pct(alna), 1) == 69.7


@pytest.mark.parametrize("name", REAL_FILES)
def test_all_checks_hold_on_every_real_file(name):
    batch = real(name)
    assert batch.checks, name
    assert [c for c in batch.checks if not c.ok] == []
    names = {c.name for c in batch.checks}
    assert {"Partiandeler", "Stemmesedler i alt"} <= names
    if not batch.tables["turnout"].empty:
        assert "Valgdeltakelse" in names
    for table, frame in batch.tables.items():
        assert list(frame.columns) == [c for c in SCHEMAS[table].names if c != "import_id"]


@pytest.mark.parametrize("year", [2021, 2025])
def test_bydel_sums_add_up_with_bydel_00(year):
    batches = real_tree(year)
    checks = check_bydel_sums(batches)
    assert len(checks) == 5 and all(c.ok for c in checks), checks
    eligible = next(c for c in checks if c.name == "Bydelssummer: stemmeberettigede")
    assert "Bydel 00" in eligible.message


def test_bydel_sums_report_what_is_missing():
    batches = real_tree(2021)
    without_00 = [b for b in batches if getattr(b, "area_nr", None) != "0"]
    checks = {c.name: c for c in check_bydel_sums(without_00)}
    assert not checks["Bydelssummer: bydeler"].ok and "mangler bydel 0" in checks["Bydelssummer: bydeler"].message
    eligible = checks["Bydelssummer: stemmeberettigede"]
    assert not eligible.ok and "\u22121\u00a0410" in eligible.message and "Bydel 00 mangler" in eligible.message
    assert not checks["Bydelssummer: stemmer per parti"].ok


# --- hand-made fixtures -----------------------------------------------------------------------

def test_fixture_tree_adds_up_and_checks_hold():
    names = ["st2021_kommune-03-0301", "st2021_bydel-03-0301-0", "st2021_bydel-03-0301-1"]
    batches = [parse_doc(fixture_doc(n), f"{n}.json") for n in names]
    for batch in batches:
        assert all(c.ok for c in batch.checks), batch.checks
    assert all(c.ok for c in check_bydel_sums(batches))
    assert check_bydel_sums(batches[1:])[0].ok is False  # bydeler without their kommune
    assert check_bydel_sums(batches[:1]) == []           # nothing to compare


def test_fixture_2025_bydel_shape():
    batch = parse_doc(fixture_doc("st2025_bydel-03-0301-12"))
    assert batch.election_id == "st2025" and batch.areas == "Alna (030112), bydel"
    assert row(batch, "BLANKE")["votes"] == 7
    assert [c.name for c in batch.checks if c.name == "Valgdeltakelse"] == ["Valgdeltakelse"]
    assert all(c.ok for c in batch.checks)


def test_krets_node():
    batch = parse_doc(fixture_doc("st2021_krets-03-0301-0101"))
    sv = row(batch, "SV")
    assert (sv["area_level"], sv["krets_id"], sv["krets_name"], sv["bydel_id"]) == ("krets", "0101", "Vahl skole", "030101")
    turnout = batch.tables["turnout"].iloc[0]
    assert (turnout["area_id"], turnout["bydel_id"], turnout["area_name"]) == ("0301-0101", "030101", "Vahl skole")
    assert batch.areas == "Vahl skole (0301-0101), stemmekrets"
    assert all(c.ok for c in batch.checks) and batch.warnings == []


def test_krets_exception_and_advance_voting_place():
    doc = fixture_doc("st2021_krets-03-0301-0101")
    doc["id"].update(nr="1601", navn="Oslo rådhus")
    doc["_links"]["self"].update(nr="1601", href="/2021/st/03/0301/1601")
    doc["_links"]["up"].update(nr="4", href="/2021/st/03/0301/4")
    assert row(parse_doc(doc), "SV")["bydel_id"] == "030104"
    doc["_links"]["up"].update(nr="5", href="/2021/st/03/0301/5")
    assert any("1601" in w and "bydel 5" in w for w in parse_doc(doc).warnings)

    place = fixture_doc("st2021_krets-03-0301-0101")
    place["id"].update(nr="4001", navn="Grønland torg")
    place["_links"]["self"].update(nr="4001", href="/2021/st/03/0301/4001")
    place["_links"]["up"].update(nr="0", href="/2021/st/03/0301/0")
    place["antallsb"] = 0
    batch = parse_doc(place)
    assert batch.tables["results"]["bydel_id"].isna().all()
    assert batch.tables["turnout"].empty and any("4001" in w for w in batch.warnings)


def test_fylke_level_is_accepted():
    doc = fixture_doc("st2021_kommune-03-0301")
    doc["id"].update(nivaa="fylke", nr="03")
    doc["_links"]["self"].update(nr="03", href="/2021/st/03")
    doc["_links"]["up"] = {"nr": "", "href": "/2021/st"}
    batch = parse_doc(doc)
    assert batch.areas == "Oslo (03), fylkesnivå"
    sv = row(batch, "SV")
    assert (sv["area_level"], sv["fylke_id"], sv["kommune_id"]) == ("fylke", "03", None)
    assert batch.tables["turnout"].iloc[0]["area_id"] == "03"


def test_share_and_turnout_checks_fail_on_inconsistent_numbers():
    doc = fixture_doc("st2021_bydel-03-0301-1")
    doc["partier"][1]["stemmer"]["resultat"]["prosent"] = 22.0
    doc["frammote"]["prosentStemmegiving"] = 80.0
    checks = {c.name: c for c in parse_doc(doc).checks}
    assert not checks["Partiandeler"].ok and "SV" in checks["Partiandeler"].message
    assert not checks["Valgdeltakelse"].ok and "80,0" in checks["Valgdeltakelse"].message


# --- rejections ---------------------------------------------------------------------------------

def rejection(data: bytes | dict, name: str = "broken.json") -> str:
    raw = data if isinstance(data, bytes) else json.dumps(data, ensure_ascii=False).encode("utf-8")
    with pytest.raises(ImportRejected) as info:
        parse_valg_json(raw, name, CONFIG)
    message = str(info.value)
    assert f"«{name}»" in message
    return message


def broken(mutate) -> dict:
    doc = copy.deepcopy(fixture_doc("st2021_kommune-03-0301"))
    mutate(doc)
    return doc


def test_rejects_what_is_not_json():
    assert "ikke gyldig JSON" in rejection(b"<html><body>Ikke funnet</body></html>", "side.html")
    assert "UTF-8" in rejection(b"\xff\xfe\x00x", "binary.json")
    assert "ikke et objekt" in rejection(b"[1, 2, 3]")


@pytest.mark.parametrize("key", ["nivaa", "valgaar", "valgtype"])
def test_rejects_a_response_without_election_identity(key):
    assert f"«id.{key}»" in rejection(broken(lambda d: d["id"].pop(key)))


def test_rejects_unsupported_level_and_unknown_election():
    assert "«land»" in rejection(broken(lambda d: d["id"].update(nivaa="land")))
    assert "«id.valgtype»" in rejection(broken(lambda d: d["id"].update(valgtype="XX")))


def test_rejects_null_reports():
    assert "nullrapport" in rejection(broken(lambda d: d.update(partier=[])))
    assert "«partier»" in rejection(broken(lambda d: d.pop("partier")))
    only_pseudo = rejection(broken(lambda d: d.update(partier=d["partier"][-2:])))
    assert "Andre" in only_pseudo


def test_rejects_missing_counts_naming_the_field():
    message = rejection(broken(lambda d: d["partier"][1]["stemmer"]["resultat"]["antall"].pop("total")))
    assert "«partier[1].stemmer.resultat.antall.total»" in message and "SV" in message
    message = rejection(broken(lambda d: d["partier"][2]["stemmer"]["resultat"]["antall"].update(fhs=None)))
    assert "«partier[2].stemmer.resultat.antall.fhs»" in message and "H" in message
    message = rejection(broken(lambda d: d["partier"][0]["stemmer"].pop("resultat")))
    assert "«partier[0].stemmer.resultat.antall.total»" in message


def test_rejects_bydel_without_kommune_code():
    doc = fixture_doc("st2021_bydel-03-0301-1")
    doc["_links"] = {}
    assert "kommunenummeret" in rejection(doc)


def test_returns_a_parsed_batch():
    batch = parse_doc(fixture_doc("st2021_kommune-03-0301"))
    assert isinstance(batch, ParsedBatch)
    assert batch.tables["results"]["votes"].dtype == "int64"
