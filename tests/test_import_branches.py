"""Importing election and boundary files for every branch: Oslo (bydeler), Trondheim (no bydeler),
Trøndelag (county), Bergen; on the real files in ../shared (skipped when absent).

Every expected number is computed here from the raw file.
"""
from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest

from campaign.cli import main
from campaign.config import DEFAULT_CONFIG, _parse
from campaign.ingest.base import ImportRejected
from campaign.ingest.boundaries import parse_boundaries
from campaign.ingest.field_doors import parse_field_doors
from campaign.ingest.importer import apply_import, plan_import, undo_import
from campaign.ingest.valg_csv import SOURCE, parse_valg_csv
from campaign.ingest.valg_json import parse_valg_json
from campaign.sandbox import readonly_sql
from campaign.store import Store
from tests.branches import geo_file, use_branch
from tests.conftest import reference_file

KO2019 = "ko2019_partifordeling_stemmekrets_hele_landet.csv"
ST2021_KRETS = "st2021_partifordeling_stemmekrets_hele_landet.csv"
ST2021_FYLKE = "st2021_partifordeling_fylke.csv"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def raw(name: str) -> pd.DataFrame:
    return pd.read_csv(reference_file(name), sep=";", dtype=str, keep_default_na=False, index_col=False)


def parse(name: str, config):
    path = reference_file(name)
    return parse_valg_csv(path.read_bytes(), path.name, config)


def in_fylke(frame: pd.DataFrame, fylke: str) -> pd.DataFrame:
    return frame[frame["Kommunenummer"].str[:2] == fylke]


def krets_count(frame: pd.DataFrame) -> int:
    return len(frame.drop_duplicates(["Kommunenummer", "Stemmekretsnummer"]))


def sorted_rows(results: pd.DataFrame) -> pd.DataFrame:
    return results.sort_values(["kommune_id", "krets_id", "party_code"]).reset_index(drop=True)


def bergen_config():
    with DEFAULT_CONFIG.open("rb") as fh:
        settings = tomllib.load(fh)
    settings["organisation"].update(name="Bergen SV", fylke_id="46", kommune_id="4601", kommune_name="Bergen")
    for section in ("bydeler", "krets_to_bydel_exceptions", "schematic", "target_areas"):
        settings.pop(section, None)
    return _parse(settings)


def import_file(store: Store, config, name: str, data: bytes):
    plan = plan_import([(name, data)], store, config)
    return plan, apply_import(plan, store, config)


# --- the CSV: every kommune of the fylke -------------------------------------------------------

def test_trondheim_keeps_all_38_kommuner_of_trondelag(monkeypatch):
    config = use_branch(monkeypatch, "trondheim")
    batch = parse(KO2019, config)
    fylke = in_fylke(raw(KO2019), "50")
    trondheim = fylke[fylke["Kommunenummer"] == "5001"]
    results = batch.tables["results"]
    assert len(results) == len(fylke) == 2125
    assert set(results["kommune_id"]) == set(fylke["Kommunenummer"]) and results["kommune_id"].nunique() == 38
    assert int(results["votes"].sum()) == pd.to_numeric(fylke["Antall stemmer totalt"]).sum()
    own = results[results["kommune_id"] == "5001"]
    assert own["krets_id"].nunique() == trondheim["Stemmekretsnummer"].nunique() == 43 and "0000" in set(own["krets_id"])
    assert set(own["kommune_name"]) == {"Trondheim"} and results["bydel_id"].isna().all()
    assert batch.areas == (f"Trøndelag (50): 38 kommuner, {krets_count(fylke)} kretser; "
                           f"Trondheim (5001): 43 kretser")
    assert batch.area == "50" and all(c.ok for c in batch.checks), [c.message for c in batch.checks]
    assert "mandates" not in batch.tables  # krets rows carry no seats


def test_trondelag_keeps_the_same_rows_as_trondheim(monkeypatch):
    trondheim = parse(KO2019, use_branch(monkeypatch, "trondheim")).tables["results"]
    batch = parse(KO2019, use_branch(monkeypatch, "trondelag"))
    pd.testing.assert_frame_equal(sorted_rows(batch.tables["results"]), sorted_rows(trondheim))
    assert batch.areas == f"Trøndelag (50): 38 kommuner, {krets_count(in_fylke(raw(KO2019), '50'))} kretser"
    assert "189 kretser i 38 kommuner" in batch.checks[1].message


def test_st2021_kretser_belong_by_kommune_code_not_by_fylkenummer(monkeypatch):
    batch = parse(ST2021_KRETS, use_branch(monkeypatch, "trondelag"))
    fylke = in_fylke(raw(ST2021_KRETS), "50")
    results = batch.tables["results"]
    assert len(results) == len(fylke) == 3680 and results["kommune_id"].nunique() == 38
    assert set(results["fylke_id"]) == set(fylke["Fylkenummer"]) == {"16", "17"}  # the 2021 valgdistrikter
    assert results["kommune_id"].str.startswith("50").all()
    assert all(c.ok for c in batch.checks), [c.message for c in batch.checks]


def test_bergen_kretser_with_kommune_name():
    config = bergen_config()
    batch = parse(KO2019, config)
    fylke = in_fylke(raw(KO2019), "46")
    bergen = fylke[fylke["Kommunenummer"] == "4601"]
    results = batch.tables["results"]
    assert len(results) == len(fylke)
    own = results[results["kommune_id"] == "4601"]
    assert len(own) == len(bergen) == 680 and own["krets_id"].nunique() == bergen["Stemmekretsnummer"].nunique() == 40
    assert set(own["kommune_name"]) == {"Bergen"}
    assert batch.areas.endswith("Bergen (4601): 40 kretser")


def test_oslo_report_is_unchanged():
    from campaign.config import load_config
    batch = parse(KO2019, load_config())
    assert batch.areas == "Oslo (0301): 104 kretser, 15 bydeler" and len(batch.tables["results"]) == 2288
    assert set(batch.tables["results"]["kommune_name"]) == {"Oslo"} and batch.area == "03"


def test_a_file_without_the_branch_is_rejected_naming_what_it_has(monkeypatch):
    oslo_and_bergen = (FIXTURES / "2019-09-14_partifordeling_4_ko_2019.csv").read_bytes()
    with pytest.raises(ImportRejected, match=r"ingen rader for kommuner i Trøndelag \(50.*0301 Oslo, 4601 Bergen"):
        parse_valg_csv(oslo_and_bergen, "ko2019.csv", use_branch(monkeypatch, "trondelag"))
    fylke = in_fylke(raw(KO2019), "50")
    malvik = fylke[fylke["Kommunenummer"] == "5031"]
    data = malvik.to_csv(sep=";", index=False).encode("utf-8")
    with pytest.raises(ImportRejected, match=r"«malvik_ko2019\.csv».*ingen rader for kommune 5001 \(Trondheim\)"
                                             r".*5031 Malvik"):
        parse_valg_csv(data, "malvik_ko2019.csv", use_branch(monkeypatch, "trondheim"))


def test_kommune_rows_are_checked_against_their_own_kretser(monkeypatch):
    config = use_branch(monkeypatch, "trondelag")
    fylke = in_fylke(raw(KO2019), "50")
    counts = ["Antall forhåndsstemmer", "Antall valgtingstemmer", "Antall stemmer totalt"]
    two = fylke[fylke["Kommunenummer"].isin(["5001", "5031"])]
    sums = two.assign(**{c: pd.to_numeric(two[c]) for c in counts}).groupby(
        ["Fylkenummer", "Kommunenummer", "Kommunenavn", "Partikode"], as_index=False)[counts].sum()
    totals = sums.assign(Stemmekretsnummer="", Stemmekretsnavn="", Partinavn="x")
    text = fylke.to_csv(sep=";", index=False) + totals.reindex(columns=fylke.columns, fill_value="").to_csv(
        sep=";", index=False, header=False)
    summed = next(c for c in parse_valg_csv(text.encode(), KO2019, config).checks if c.name == "Kretser mot kommunetall")
    assert summed.ok and summed.message.endswith(f"for alle {len(sums)} partier i 2 kommuner."), summed.message
    row = totals.index[(totals["Kommunenummer"] == "5031") & (totals["Partikode"] == "SV")][0]
    totals.loc[row, counts] = [0, 1, 1]
    broken = fylke.to_csv(sep=";", index=False) + totals.reindex(columns=fylke.columns, fill_value="").to_csv(
        sep=";", index=False, header=False)
    summed = next(c for c in parse_valg_csv(broken.encode(), KO2019, config).checks if c.name == "Kretser mot kommunetall")
    assert not summed.ok and "i kommune 5031: SV" in summed.message


# --- mandates --------------------------------------------------------------------------------

def test_fylke_file_gives_the_seats_of_all_19_districts(monkeypatch):
    batch = parse(ST2021_FYLKE, use_branch(monkeypatch, "trondelag"))
    mandates = batch.tables["mandates"]
    file = raw(ST2021_FYLKE)
    assert len(batch.tables["results"]) == len(file) == 380 and "mandates" in SOURCE.tables
    assert len(mandates) == 380 and mandates["area_id"].nunique() == 19 and set(mandates["area_level"]) == {"fylke"}
    assert int(mandates["seats"].sum()) == pd.to_numeric(file["Antall mandater"]).sum() == 169
    sor = mandates[(mandates["area_id"] == "16") & (mandates["seats"] > 0)].set_index("party_code")
    assert set(sor["area_name"]) == {"Sør-Trøndelag"}
    assert sor["seats"].to_dict() == {"A": 3, "SV": 1, "RØDT": 1, "SP": 2, "H": 2, "FRP": 1}
    assert sor["leveling_seats"].to_dict() == {"A": 0, "SV": 0, "RØDT": 1, "SP": 0, "H": 0, "FRP": 0}
    assert batch.area is None  # a fylke file is kept whole, whatever the branch


def test_a_bad_seat_number_names_row_and_column(monkeypatch):
    text = (FIXTURES / "2021-09-17_partifordeling_1_st_2021.csv").read_text(encoding="utf-8")
    broken = text.replace(";3;0;\n", ";3,5;0;\n", 1)
    assert broken != text
    with pytest.raises(ImportRejected, match=r"rad 2, kolonne «Antall mandater»: «3,5» er ikke et helt antall"):
        parse_valg_csv(broken.encode(), "2021-09-17_partifordeling_1_st_2021.csv", use_branch(monkeypatch, "oslo"))


def test_mandates_are_stored_counted_in_live_rows_and_undone(tmp_path, monkeypatch):
    config = use_branch(monkeypatch, "trondheim")
    store = Store(tmp_path)
    path = reference_file(ST2021_FYLKE)
    plan, ids = import_file(store, config, path.name, path.read_bytes())
    assert plan.reports[0].rows == {"results": 380, "mandates": 380}
    assert len(store.read("mandates")) == 380
    live = readonly_sql(store, "select table_name, count(*) as n from live_rows group by all order by 1")
    assert dict(zip(live["table_name"], live["n"])) == {"mandates": 380, "results": 380}
    again, _ = import_file(store, config, path.name, path.read_bytes())
    assert again.reports[0].already_imported and len(store.read("mandates")) == 380
    undo_import(store, ids[0])
    assert store.read("mandates").empty and store.read("results").empty


# --- the duplicate check knows the area --------------------------------------------------------

def test_the_same_file_for_another_fylke_is_imported_again(tmp_path, monkeypatch):
    path = reference_file(KO2019)
    store = Store(tmp_path)
    oslo = use_branch(monkeypatch, "oslo")
    _, first = import_file(store, oslo, path.name, path.read_bytes())
    trondheim = use_branch(monkeypatch, "trondheim")
    plan, second = import_file(store, trondheim, path.name, path.read_bytes())
    assert first and second and not plan.reports[0].already_imported
    results = store.read("results")
    assert (results["kommune_id"] == "0301").sum() == 2288  # Oslo's rows stay
    assert (results["kommune_id"].str[:2] == "50").sum() == len(in_fylke(raw(KO2019), "50"))
    log = store.read("imports")
    assert list(log["area"]) == ["03", "50"]
    plan, third = import_file(store, use_branch(monkeypatch, "trondelag"), path.name, path.read_bytes())
    assert third == [] and plan.reports[0].already_imported  # Trøndelag is the same area as Trondheim
    assert len(store.read("results")) == 2288 + 2125


# --- valgresultat.no JSON, boundaries, door-knocking, fetch ------------------------------------

def test_valg_json_accepts_any_kommune_of_the_fylke(monkeypatch):
    doc = json.loads((FIXTURES / "valg_json_st2021_kommune-03-0301.json").read_text(encoding="utf-8"))
    config = use_branch(monkeypatch, "trondelag")
    with pytest.raises(ImportRejected, match=r"kommune 0301, som ikke ligger i Trøndelag \(50\)"):
        parse_valg_json(json.dumps(doc).encode(), "oslo.json", config)
    doc["id"].update(nr="5001", navn="Trondheim")
    doc["_links"]["self"].update(nr="5001", href="/2021/st/16/5001")
    batch = parse_valg_json(json.dumps(doc).encode(), "trondheim.json", config)
    results = batch.tables["results"]
    assert set(results["kommune_id"]) == {"5001"} and set(results["kommune_name"]) == {"Trondheim"}
    assert set(results["fylke_id"]) == {"16"} and batch.area == "50"


def test_kommune_boundaries_of_the_fylke(tmp_path, monkeypatch):
    path = geo_file("norge_kommuner_2024.geojson")
    features = json.loads(path.read_text(encoding="utf-8"))["features"]
    expected = {f["properties"]["kommunenummer"]: f["properties"]["kommunenavn"] for f in features
                if f["properties"]["kommunenummer"][:2] == "50"}
    county = use_branch(monkeypatch, "trondelag")
    batch = parse_boundaries(path.read_bytes(), path.name, county)
    rows = batch.tables["boundaries"].set_index("area_id")
    assert rows["area_name"].to_dict() == expected and len(expected) == 38
    assert expected["5001"] == "Trondheim - Tråante"
    assert batch.areas == "38 kommuner i Trøndelag (50)" and batch.area == "50"
    assert all(c.ok for c in batch.checks), [c.message for c in batch.checks]
    store = Store(tmp_path)
    import_file(store, use_branch(monkeypatch, "oslo"), path.name, path.read_bytes())
    _, ids = import_file(store, use_branch(monkeypatch, "trondheim"), path.name, path.read_bytes())
    assert ids and len(store.read("boundaries")) == 1 + 38  # Oslo's 0301 stays


def test_door_knocking_for_a_county_and_a_kommune_without_bydeler(monkeypatch):
    county = use_branch(monkeypatch, "trondelag")
    text = ("dato;sted;kommune;krets;dører;samtaler;deltakere\n01.09.2023;Torget;5001;0003;100;20;4\n"
            "02.09.2023;Levanger sentrum;5037;;50;;2\n03.09.2023;Moholt;;5001-0038;30;5;2\n")
    doors = parse_field_doors(text.encode(), "dører.csv", county).tables["field_doors"]
    assert doors["kommune_id"].tolist() == ["5001", "5037", "5001"]
    assert doors["krets_id"].tolist()[::2] == ["5001-0003", "5001-0038"] and doors["bydel_id"].isna().all()
    with pytest.raises(ImportRejected, match=r"rad 2, kolonne «kommune»: «0301» er ikke et kommunenummer i Trøndelag"):
        parse_field_doors(text.replace(";5001;0003;", ";0301;0003;").encode(), "dører.csv", county)
    with pytest.raises(ImportRejected, match=r"«0003»: et fylkeslag skriver kretsen som kommune-krets"):
        parse_field_doors(text.replace(";5001;0003;", ";;0003;").encode(), "dører.csv", county)
    city = use_branch(monkeypatch, "trondheim")
    given = "dato;sted;bydel;krets;dører;samtaler;deltakere\n01.09.2023;Torget;0003;;100;20;4\n"
    doors = parse_field_doors(given.encode(), "dører.csv", city).tables["field_doors"]
    assert (doors["krets_id"].item(), doors["kommune_id"].item()) == ("5001-0003", "5001")
    with pytest.raises(ImportRejected, match=r"«Sentrum» er ikke et kretsnummer. Trondheim har ingen bydeler"):
        parse_field_doors(given.replace(";0003;", ";Sentrum;").encode(), "dører.csv", city)


def test_fetch_for_a_county_asks_for_the_kommune(tmp_path, monkeypatch, capsys):
    use_branch(monkeypatch, "trondelag")
    code = main(["fetch-valg", "--data-dir", str(tmp_path), "2023", "ko", "--base-url", "http://127.0.0.1:9"])
    out = capsys.readouterr().out
    assert code == 1 and "Trøndelag SV er et fylkeslag (Trøndelag): oppgi kommunenummeret" in out
    assert "KeyError" not in out and "None" not in out
