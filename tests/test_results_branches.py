"""Valgresultat for branches other than Oslo, on the real whole-country files in ../shared:
Trondheim (kommune without bydeler), Trøndelag (county branch) and Bergen (a tmp configuration).

Every expected number is computed here from the raw CSV (pandas), never by the code under test.
"""
from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from campaign.config import load_config
from campaign.db import Database
from campaign.ingest.importer import apply_import, plan_import
from campaign.results import seat_basis, seat_frame
from campaign.store import Store
from tests.apptest import APP, figure_titled, metrics, plain, shown
from tests.branches import BRANCHES, use_branch
from tests.conftest import reference_file

KO2019 = "ko2019_partifordeling_stemmekrets_hele_landet.csv"
ST2021 = "st2021_partifordeling_stemmekrets_hele_landet.csv"
ST2021_FYLKE = "st2021_partifordeling_fylke.csv"
CENTRAL = ("0000", "9998", "9999")


def raw(name: str) -> pd.DataFrame:
    """An official partifordeling CSV as the test reads it: codes as text, counts as integers."""
    frame = pd.read_csv(reference_file(name), sep=";", decimal=",", encoding="utf-8-sig", dtype=str)
    frame = frame.loc[:, ~frame.columns.str.startswith("Unnamed")]
    for column in ("Antall stemmer totalt", "Antall mandater", "Antall utjevningsmandater"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce")
    return frame


def raw_shares(rows: pd.DataFrame) -> dict[str, float]:
    """Share in % per party of the non-blank votes in these rows."""
    counted = rows[rows["Partikode"] != "BLANKE"]
    votes = counted.groupby("Partikode")["Antall stemmer totalt"].sum()
    return (100.0 * votes / votes.sum()).to_dict()


def sainte_lague(votes: dict[str, int], seats: int, first: Fraction = Fraction(7, 5)) -> dict[str, int]:
    """An independent modified Sainte-Laguë: hand each seat to the best quotient (ties: more votes)."""
    won = dict.fromkeys(votes, 0)
    for _ in range(seats):
        best = max(votes, key=lambda p: (Fraction(votes[p]) / (first if won[p] == 0 else 2 * won[p] + 1), votes[p]))
        won[best] += 1
    return {p: s for p, s in won.items() if s}


def imported_store(path: Path, branch_config: Path) -> Path:
    """The three real files imported the way a user would, with that branch's configuration."""
    files = [reference_file(KO2019), reference_file(ST2021), reference_file(ST2021_FYLKE)]
    store = Store(path)
    config = load_config(str(branch_config))
    plan = plan_import([(p.name, p.read_bytes()) for p in files], store, config)
    assert all(r.accepted for r in plan.reports), [r.error for r in plan.reports]
    apply_import(plan, store, config)
    return path


BERGEN_TOML = """
[organisation]
name = "Bergen SV"
party_code = "SV"
fylke_id = "46"
fylke_name = "Vestland"
kommune_id = "4601"
kommune_name = "Bergen"
council_name = "bystyret"

[[elections]]
election_id = "ko2019"
kind = "ko"
name = "Kommunestyrevalget 2019"
election_date = 2019-09-09
seats = 67
body = "bystyret"

[[elections]]
election_id = "st2021"
kind = "st"
name = "Stortingsvalget 2021"
election_date = 2021-09-13
"""


@pytest.fixture(scope="module")
def trondelag_dir(tmp_path_factory) -> Path:
    """One store for Trondheim and Trøndelag: the store keeps every kommune of fylke 50."""
    return imported_store(tmp_path_factory.mktemp("trondelag-store"), BRANCHES["trondheim"])


@pytest.fixture(scope="module")
def bergen_toml(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("bergen") / "bergen.toml"
    path.write_text(BERGEN_TOML, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def bergen_dir(tmp_path_factory, bergen_toml) -> Path:
    return imported_store(tmp_path_factory.mktemp("bergen-store"), bergen_toml)


def query(store_dir: Path, name: str, **params) -> pd.DataFrame:
    return Database(Store(store_dir)).query(name, **params)


def test_trondheim_kommune_shares_equal_the_raw_file(trondelag_dir):
    rows = raw(KO2019)
    expected = raw_shares(rows[rows["Kommunenummer"] == "5001"])
    got = query(trondelag_dir, "party_shares", election_id="ko2019", compare_id=None, area_id="5001")
    assert len(got) == len(expected) == 15
    for party, share in zip(got["party_code"], got["share_pct"]):
        assert share == pytest.approx(expected[party], abs=1e-9), party
    assert f"{expected['SV']:.1f}" == "11.3"


def test_trondheim_krets_shares_equal_the_raw_file(trondelag_dir):
    rows = raw(KO2019)
    rows = rows[(rows["Kommunenummer"] == "5001") & ~rows["Stemmekretsnummer"].isin(CENTRAL)]
    got = query(trondelag_dir, "party_shares_by_subarea", election_id="ko2019", compare_id=None, area_id="5001",
                level="krets", kommune_id=None)
    assert got["area_id"].nunique() == rows["Stemmekretsnummer"].nunique() == 42
    sv = got[got["party_code"] == "SV"].set_index("krets_id")
    for krets, krets_rows in rows.groupby("Stemmekretsnummer"):
        assert sv.loc[krets, "share_pct"] == pytest.approx(raw_shares(krets_rows)["SV"], abs=1e-9), krets
        assert sv.loc[krets, "area_name"] == krets_rows["Stemmekretsnavn"].iloc[0]
    assert sv.loc["0003", "area_id"] == "5001-0003" and sv.loc["0003", "area_name"] == "Midtbyen"


def test_trondheim_bystyre_67_seats(trondelag_dir, monkeypatch):
    config = use_branch(monkeypatch, "trondheim")
    rows = raw(KO2019)
    rows = rows[(rows["Kommunenummer"] == "5001") & (rows["Partikode"] != "BLANKE")]
    votes = rows.groupby("Partikode")["Antall stemmer totalt"].sum().astype(int).to_dict()
    basis = seat_basis("ko2019", config, Database(Store(trondelag_dir)).query)
    assert (basis.total, basis.body, basis.note, basis.key) == (67, "bystyret", None, ("ko", "5001"))
    seats = seat_frame(basis, config)
    got = {p: int(s) for p, s in zip(seats["party_code"], seats["seats"]) if s}
    assert got == sainte_lague(votes, 67)
    assert (got["A"], got["H"], got["SV"], sum(got.values())) == (17, 14, 8, 67)


def official_district_seats(number: str) -> dict[str, int]:
    rows = raw(ST2021_FYLKE)
    rows = rows[(rows["Fylkenummer"] == number) & (rows["Partikode"] != "BLANKE")]
    district = rows["Antall mandater"] - rows["Antall utjevningsmandater"]
    return {p: int(s) for p, s in zip(rows["Partikode"], district) if s}


def test_trondheim_st2021_gives_the_district_seats_of_sor_trondelag(trondelag_dir, monkeypatch):
    config = use_branch(monkeypatch, "trondheim")
    run = Database(Store(trondelag_dir)).query
    basis = seat_basis("st2021", config, run)
    assert basis.body == "Stortinget (distriktsmandater fra Sør-Trøndelag)" and basis.total == 9
    assert basis.note == ("Trondheim er en del av valgdistriktet Sør-Trøndelag; mandatene er fordelt på hele "
                          "valgdistriktets stemmer.")
    seats = seat_frame(basis, config)
    got = {p: int(s) for p, s in zip(seats["party_code"], seats["seats"]) if s}
    official = official_district_seats("16")
    assert got == official == {"A": 3, "H": 2, "SP": 2, "SV": 1, "FRP": 1}
    assert {p: s for p, s in basis.official.items() if s} == official  # the mandates rows say the same
    fylke = raw(ST2021_FYLKE)
    fylke = fylke[(fylke["Fylkenummer"] == "16") & (fylke["Partikode"] != "BLANKE")]
    assert int(basis.votes["votes"].sum()) == int(fylke["Antall stemmer totalt"].sum()) == 193_233


def test_trondelag_county_sums_all_38_kommuner(trondelag_dir):
    rows = raw(KO2019)
    rows = rows[rows["Kommunenummer"].str[:2] == "50"]
    expected = raw_shares(rows)
    got = query(trondelag_dir, "party_shares", election_id="ko2019", compare_id=None, area_id="50")
    sv = got.set_index("party_code").loc["SV", "share_pct"]
    assert sv == pytest.approx(expected["SV"], abs=1e-9)
    assert f"{sv:.1f}" == "7.9"
    by_kommune = query(trondelag_dir, "party_shares_by_subarea", election_id="ko2019", compare_id=None, area_id="50",
                       level="kommune", kommune_id=None)
    assert by_kommune["area_id"].nunique() == rows["Kommunenummer"].nunique() == 38
    names = dict(zip(by_kommune["area_id"], by_kommune["area_name"]))
    assert names["5001"] == "Trondheim" and names["5025"] == "Røros"


def test_trondelag_storting_seats_per_constituency(trondelag_dir, monkeypatch):
    config = use_branch(monkeypatch, "trondelag")
    basis = seat_basis("st2021", config, Database(Store(trondelag_dir)).query)
    assert [p.area_name for p in basis.parts] == ["Sør-Trøndelag", "Nord-Trøndelag"]
    assert [p.note for p in basis.parts] == [None, None]  # the county's kommuner are the whole of both
    for part, number in zip(basis.parts, ("16", "17")):
        seats = seat_frame(part, config)
        assert {p: int(s) for p, s in zip(seats["party_code"], seats["seats"]) if s} == official_district_seats(number)
    assert seat_basis("ko2019", config, Database(Store(trondelag_dir)).query).note.startswith(
        "Ingen mandatfordeling vises: hver kommune velger sitt eget kommunestyre")


def test_bergen_shares_equal_the_raw_file(bergen_dir, bergen_toml, monkeypatch):
    rows = raw(KO2019)
    expected = raw_shares(rows[rows["Kommunenummer"] == "4601"])
    got = query(bergen_dir, "party_shares", election_id="ko2019", compare_id=None, area_id="4601")
    assert len(got) == len(expected)
    for party, share in zip(got["party_code"], got["share_pct"]):
        assert share == pytest.approx(expected[party], abs=1e-9), party
    monkeypatch.setenv("CAMPAIGN_CONFIG", str(bergen_toml))
    load_config.cache_clear()
    config = load_config()
    basis = seat_basis("ko2019", config, Database(Store(bergen_dir)).query)
    counted = rows[(rows["Kommunenummer"] == "4601") & (rows["Partikode"] != "BLANKE")]
    votes = counted.groupby("Partikode")["Antall stemmer totalt"].sum().astype(int).to_dict()
    seats = seat_frame(basis, config)
    assert {p: int(s) for p, s in zip(seats["party_code"], seats["seats"]) if s} == sainte_lague(votes, 67)


# --- the page (AppTest) with each configuration -------------------------------------------------------

def open_valgresultat(store_dir: Path, monkeypatch, branch: str, election: str, compare: str | None) -> AppTest:
    use_branch(monkeypatch, branch)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(store_dir))
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("views/valgresultat.py")
    at.session_state["election_id"] = election
    at.session_state["compare_id"] = compare or "(ingen)"
    at.run()
    assert not at.exception, at.exception
    return at


def page_texts(at: AppTest) -> list[str]:
    """Every text the page shows: markdown, captions, infos, headers, metrics and every table cell."""
    texts = [e.value for kind in ("markdown", "caption", "info", "warning", "header", "subheader", "title")
             for e in at.get(kind)]
    texts += [f"{m.label} {m.value} {m.delta}" for m in at.metric]
    for frame in at.dataframe:  # as the reader sees the cells (a styled table's display text), not the numbers
        cells = shown(frame)
        texts += [str(c) for c in cells.columns] + [str(v) for v in cells.to_numpy().ravel()]
    texts += [str(option) for box in at.selectbox for option in box.options]
    for chart in at.get("plotly_chart"):  # titles, annotations, bar labels and hover texts
        spec = json.loads(chart.proto.spec)
        texts += [spec["layout"]["title"]["text"]] + [a.get("text", "") for a in spec["layout"].get("annotations", [])]
        for trace in spec["data"]:
            texts += [str(v) for key in ("text", "y", "hovertext", "customdata") for v in _flat(trace.get(key))]
    return texts


def _flat(value) -> list:
    if value is None:
        return []
    if isinstance(value, list):
        return [w for v in value for w in _flat(v)]
    if isinstance(value, dict):  # a typed array (bdata): numbers, never text
        return []
    return [value]


def assert_no_none_or_nan(at: AppTest) -> None:
    for text in page_texts(at):
        words = plain(text).replace("(", " ").replace(")", " ").split()
        assert "None" not in words and "nan" not in words and "NaN" not in words, text


def test_page_trondheim_lists_its_kretser_and_the_district_seats(trondelag_dir, monkeypatch):
    at = open_valgresultat(trondelag_dir, monkeypatch, "trondheim", "ko2019", None)
    shown = metrics(at)
    assert shown["Oppslutning SV"][0] == "11,3 %" and shown["Mandater"][0] == "8"
    assert any(h.value == "Mandater i bystyret: 67" for h in at.header)
    assert any(h.value == "Per krets" for h in at.header)
    kretser = at.dataframe[2].value.set_index("Krets")
    assert len(kretser) == 42 and {"Midtbyen", "Møllenberg", "Saupstad"} - set(kretser.index) == {"Saupstad"}
    assert any("talt sentralt" in i.value for i in at.info)
    assert not any(s.value == "Per valgkrets" for s in at.subheader)  # the kretser are the sub-level itself
    assert_no_none_or_nan(at)
    at = open_valgresultat(trondelag_dir, monkeypatch, "trondheim", "st2021", "ko2019")
    assert any(h.value == "Mandater i Stortinget (distriktsmandater fra Sør-Trøndelag): 9" for h in at.header)
    assert any("del av valgdistriktet Sør-Trøndelag" in i.value for i in at.info)
    assert metrics(at)["Mandater"] == ("1", "")  # no change: the comparison filled another body
    margins = at.dataframe[1].value.set_index("Parti")
    assert margins.loc["Senterpartiet", "Mandater"] == 2 and margins.loc["Rødt", "Mandater"] == 0
    seat_bar = figure_titled(at, "Mandatfordeling")  # one county's delegation: no majority line, no «flertall»
    assert not seat_bar["layout"].get("shapes")
    assert not any("Flertall" in a["text"] for a in seat_bar["layout"]["annotations"])
    assert "Sp<br>2" in seat_bar["data"][0]["text"]  # 2 of 9 seats: wide enough for the party's name
    assert not any("(flertall)" in m.value for m in at.markdown)
    assert_no_none_or_nan(at)


def test_page_trondelag_shows_38_kommuner_regions_and_the_county_share(trondelag_dir, monkeypatch):
    at = open_valgresultat(trondelag_dir, monkeypatch, "trondelag", "ko2019", None)
    assert metrics(at)["Oppslutning SV"][0] == "7,9 %" and metrics(at)["Mandater"][0] == "–"
    rows = raw(KO2019)
    innherred = raw_shares(rows[rows["Kommunenummer"].isin(["5037", "5041", "5053", "5006", "5038"])])["SV"]
    assert metrics(at)["Innherred"][0] == f"{innherred:.1f} %".replace(".", ",") == "6,4 %"  # the target area
    assert metrics(at)["Hele Trøndelag"][0] == "7,9 %"  # kommuner without an SV list count in the base
    assert any("hver kommune velger sitt eget kommunestyre" in i.value for i in at.info)
    headers = [h.value for h in at.header]
    assert headers.index("Per region") < headers.index("Per kommune")
    regions = at.dataframe[1].value.set_index("Region")
    fjell = raw_shares(rows[rows["Kommunenummer"].isin(["5025", "5021", "5027"])])["SV"]
    assert shown(at.dataframe[1]).set_index("Region").loc["Fjellregionen", "Oppslutning"] == (
        f"{fjell:.1f} %".replace(".", ","))
    assert len(regions) == 7 + 1 and regions.loc["Trondheim", "Kommuner"] == 1  # 7 regions and «Andre kommuner»
    kommuner = at.dataframe[2].value.set_index("Kommune")
    assert len(kommuner) == 38 and {"Trondheim", "Røros", "Steinkjer"} <= set(kommuner.index)
    assert shown(at.dataframe[2]).set_index("Kommune").loc["Trondheim", "Oppslutning"] == "11,3 %"
    at.selectbox(key="valgresultat_kommune").set_value("Røros").run()
    kretser = at.dataframe[3].value
    assert len(kretser) > 0 and kretser["Krets"].str.len().gt(5).all()
    assert_no_none_or_nan(at)
    at = open_valgresultat(trondelag_dir, monkeypatch, "trondelag", "st2021", None)
    subheaders = [s.value for s in at.subheader]
    assert "Stortinget (distriktsmandater fra Sør-Trøndelag): 9" in subheaders
    assert "Stortinget (distriktsmandater fra Nord-Trøndelag): 4" in subheaders
    assert metrics(at)["Mandater"][0] == "1"  # SV's seat in Sør-Trøndelag
    assert_no_none_or_nan(at)


def test_seats_command_without_area_follows_the_same_rule(trondelag_dir, monkeypatch, capsys):
    from io import StringIO

    from campaign.cli import main
    use_branch(monkeypatch, "trondheim")
    assert main(["seats", "st2021", "--data-dir", str(trondelag_dir)]) == 0
    captured = capsys.readouterr()
    table = pd.read_csv(StringIO(captured.out))
    assert {p: s for p, s in zip(table["party_code"], table["seats"]) if s} == official_district_seats("16")
    assert "del av valgdistriktet Sør-Trøndelag" in captured.err
    use_branch(monkeypatch, "trondelag")
    assert main(["seats", "ko2019", "--data-dir", str(trondelag_dir)]) == 1
    assert "hver kommune velger sitt eget kommunestyre" in capsys.readouterr().err
    assert main(["seats", "st2021", "--data-dir", str(trondelag_dir)]) == 0
    table = pd.read_csv(StringIO(capsys.readouterr().out))
    assert table.groupby("area")["seats"].sum().to_dict() == {"Nord-Trøndelag": 4, "Sør-Trøndelag": 9}


def test_per_kommune_csv_has_every_party_of_every_kommune_with_its_region(trondelag_dir, monkeypatch):
    from io import BytesIO

    from campaign import tables
    config = use_branch(monkeypatch, "trondelag")
    frame = query(trondelag_dir, "party_shares_by_subarea", election_id="ko2019", compare_id=None, area_id="50",
                  level="kommune", kommune_id=None)
    data = tables.subarea_csv(frame.assign(region=frame["kommune_id"].map(config.region_of)), "kommune")
    back = pd.read_csv(BytesIO(data), sep=";", decimal=",", encoding="utf-8-sig", dtype={"kommune_id": str})
    assert list(back.columns[:4]) == ["region", "kommune_id", "kommune", "partikode"]
    assert back["kommune_id"].nunique() == 38 and len(back) == len(frame)
    rows = raw(KO2019)
    roros = raw_shares(rows[rows["Kommunenummer"] == "5025"])["SV"]
    got = back[(back["kommune_id"] == "5025") & (back["partikode"] == "SV")].iloc[0]
    assert (got["kommune"], got["region"]) == ("Røros", "Fjellregionen")
    assert got["oppslutning_pct"] == pytest.approx(roros, abs=0.005)
