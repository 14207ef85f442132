"""Valgdeltakelse, Kart, «Hvor skal vi banke på?» and Forside for Trondheim (kretser) and Trøndelag (kommuner).

Each store is built once for the module by importing the real whole-country files from ../shared (skipped
when absent). The CSV files carry no turnout (the JSON API does), so ko2019 also gets turnout rows made in
the test from the CSV's own «Antall stemmeberettigede» and ballots: the pages' turnout, potential and
ranking are then checked against numbers computed here from the raw file; st2021 keeps no turnout, so the
pages must say that it is missing.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import pandas as pd
import pytest

from campaign.areas import belongs_to_no_bydel
from campaign.ingest.importer import apply_import, plan_import
from campaign.store import ImportRecord, Store
from tests.apptest import figures, metrics, open_page, shown
from tests.branches import geo_file, use_branch
from tests.conftest import reference_file

KO2019 = "ko2019_partifordeling_stemmekrets_hele_landet.csv"
ST2021 = "st2021_partifordeling_stemmekrets_hele_landet.csv"
ST2021_FYLKE = "st2021_partifordeling_fylke.csv"
TURNOUT_SOURCE = "valgdeltakelse_ko2019_test.json"


# --- the raw files, read here independently of the importer ------------------------------------------

def raw(name: str) -> pd.DataFrame:
    """The krets rows of fylke 50 (by kommune code) with the counts as integers."""
    frame = pd.read_csv(reference_file(name), sep=";", dtype=str, keep_default_na=False, encoding="utf-8-sig")
    frame = frame[frame["Kommunenummer"].str.startswith("50") & frame["Stemmekretsnummer"].ne("")].copy()
    for column in ("Antall stemmeberettigede", "Antall stemmer totalt"):
        frame[column] = frame[column].astype(int)
    frame["area_id"] = frame["Kommunenummer"] + "-" + frame["Stemmekretsnummer"]
    frame["central"] = frame["Stemmekretsnummer"].map(belongs_to_no_bydel)
    return frame


def shares(rows: pd.DataFrame, by: str, party: str = "SV") -> pd.Series:
    """The party's share (%) of the votes (BLANKE left out) per group."""
    counted = rows[rows["Partikode"].ne("BLANKE")]
    votes = counted.groupby(by)["Antall stemmer totalt"]
    return 100 * counted[counted["Partikode"].eq(party)].groupby(by)["Antall stemmer totalt"].sum() / votes.sum()


def krets_shares(rows: pd.DataFrame, kommune: str) -> pd.Series:
    """SV's share per krets name in one kommune, the kretser holding central counts left out."""
    inside = rows[rows["Kommunenummer"].eq(kommune) & ~rows["central"]]
    return shares(inside, "Stemmekretsnavn")


def csv_turnout(rows: pd.DataFrame, election_id: str) -> pd.DataFrame:
    """Turnout rows (kommune and krets) as a valgresultat.no JSON import would give them: eligible voters
    from the CSV, votes cast = ballots (blanks included). Kretser with central counts get none."""
    per_krets = rows.groupby(["Kommunenummer", "Kommunenavn", "area_id", "Stemmekretsnavn", "central"],
                             as_index=False).agg(eligible_voters=("Antall stemmeberettigede", "first"),
                                                 votes_cast=("Antall stemmer totalt", "sum"))
    kretser = per_krets[~per_krets["central"]].assign(area_level="krets")
    kretser = kretser.rename(columns={"Kommunenummer": "kommune_id", "Stemmekretsnavn": "area_name"})
    kommuner = per_krets.groupby(["Kommunenummer", "Kommunenavn"], as_index=False)[
        ["eligible_voters", "votes_cast"]].sum()
    kommuner = kommuner.assign(area_level="kommune", area_id=kommuner["Kommunenummer"]).rename(
        columns={"Kommunenummer": "kommune_id", "Kommunenavn": "area_name"})
    columns = ["election_id", "area_level", "area_id", "area_name", "kommune_id", "bydel_id",
               "eligible_voters", "votes_cast"]
    both = pd.concat([kommuner, kretser], ignore_index=True).assign(election_id=election_id, bydel_id=None)
    return both[columns].astype({"eligible_voters": "int64", "votes_cast": "int64"})


def potential(rows: pd.DataFrame, by: str, kommune: str | None = None) -> pd.Series:
    """(eligible − cast) × SV's share per area, from the raw file (the page's mobilisation potential)."""
    if kommune:
        rows = rows[rows["Kommunenummer"].eq(kommune) & ~rows["central"]]
    turnout = csv_turnout(rows, "x")
    turnout = turnout[turnout["area_level"].eq("krets" if by == "area_id" else "kommune")].set_index("area_id")
    share = shares(rows, by if by == "area_id" else "Kommunenummer")
    names = turnout["area_name"]
    values = (turnout["eligible_voters"] - turnout["votes_cast"]) * share.reindex(turnout.index) / 100
    return values.rename(index=names)


# --- the stores ---------------------------------------------------------------------------------------

def build_store(path: Path, branch: str, names: list[str], boundaries: bool, turnout: pd.DataFrame | None) -> Path:
    """Import the real files through the importer with the branch's configuration; add the test turnout."""
    with pytest.MonkeyPatch.context() as patch:
        config = use_branch(patch, branch)
        files = [reference_file(n) for n in names] + ([geo_file("norge_kommuner_2024.geojson")] if boundaries else [])
        store = Store(path)
        plan = plan_import([(f.name, f.read_bytes()) for f in files], store, config)
        assert all(report.accepted for report in plan.reports), [r.source_name for r in plan.reports]
        apply_import(plan, store, config)
        if turnout is not None:
            store.commit({"turnout": turnout.assign(import_id=store.next_import_id())},
                         ImportRecord(kind="valg_json", source_name=TURNOUT_SOURCE, sha256="test", rows=len(turnout),
                                      election_id="ko2019"))
    return path


@pytest.fixture(scope="module")
def ko2019() -> pd.DataFrame:
    return raw(KO2019)


@pytest.fixture(scope="module")
def st2021() -> pd.DataFrame:
    return raw(ST2021)


@pytest.fixture(scope="module")
def trondheim_store(tmp_path_factory, ko2019) -> Path:
    return build_store(tmp_path_factory.mktemp("trondheim"), "trondheim", [KO2019, ST2021, ST2021_FYLKE], False,
                       csv_turnout(ko2019[ko2019["Kommunenummer"].eq("5001")], "ko2019"))


@pytest.fixture(scope="module")
def trondelag_store(tmp_path_factory, ko2019) -> Path:
    return build_store(tmp_path_factory.mktemp("trondelag"), "trondelag", [KO2019, ST2021], True,
                       csv_turnout(ko2019, "ko2019"))


@pytest.fixture(scope="module")
def trondelag_without_boundaries(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("trondelag-schematic"), "trondelag", [ST2021], False, None)


def use(monkeypatch, branch: str, store: Path) -> None:
    use_branch(monkeypatch, branch)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(store))


# --- what a page shows --------------------------------------------------------------------------------

def shown_texts(at) -> list[str]:
    """Every text a user reads on the page: messages, metrics, tables, choices and the figures' words."""
    texts = [str(e.value) for kind in ("title", "header", "subheader", "markdown", "caption", "info", "warning",
                                       "error", "success") for e in at.get(kind)]
    texts += [f"{m.label} {m.value} {m.delta}" for m in at.metric]
    for frame in (shown(d) for d in at.dataframe):  # the cells as shown (a styled table's display text)
        texts += [str(c) for c in frame.columns] + [str(v) for v in frame.to_numpy().ravel()]
    texts += [str(o) for widget in (*at.selectbox, *at.radio) for o in widget.options]
    for figure in figures(at):
        texts.append(json.dumps([figure["layout"].get("title"), figure["layout"].get("annotations")], ensure_ascii=False))
        for trace in figure["data"]:
            texts += [str(trace.get(k)) for k in ("name", "text", "hovertext") if trace.get(k) is not None]
    return texts


def assert_nothing_missing_shown(at) -> None:
    bad = [t for t in shown_texts(at) if re.search(r"\b(None|nan|NaN)\b", t)]
    assert not bad, bad[:5]


def filled(figure: dict) -> list[str]:
    return [t["name"] for t in figure["data"] if t.get("fill") == "toself"]


def choose_election(at, election_id: str):
    at.selectbox(key="election_id").set_value(election_id).run()
    assert not at.exception, at.exception
    return at


def table(at, index: int = 0) -> pd.DataFrame:
    return shown(at.dataframe[index])  # as the reader sees it: «1 295», «10,1 %», «ingen liste»


def pct(value: float) -> str:
    return f"{value:.1f} %".replace(".", ",")


# --- Trondheim: a kommune without bydeler, per krets ----------------------------------------------------

def test_trondheim_kart_draws_every_krets_labelled(monkeypatch, trondheim_store, st2021, ko2019):
    use(monkeypatch, "trondheim", trondheim_store)
    at = open_page("views/kart.py")
    assert at.radio(key="kart_level").options == ["Krets"]
    figure = figures(at)[0]
    expected = krets_shares(st2021, "5001")
    assert sorted(filled(figure)) == sorted(expected.index) and len(expected) == 42  # 0000 left out
    assert {"Midtbyen", "Sverresborg"} <= set(filled(figure))
    note = figure["layout"]["annotations"][0]["text"]
    assert note.startswith("Skjematisk kart: én like stor flis per krets")
    labels = figure["data"][-1]
    assert labels["mode"] == "text+markers" and "Sverresborg" in labels["text"]  # labelled, not an empty grid
    hover = next(h for h in labels["hovertext"] if h.startswith("<b>Midtbyen</b>"))
    assert f"Oppslutning {pct(expected['Midtbyen'])}".replace(" %", "\u00a0%") in hover
    assert_nothing_missing_shown(at)
    choose_election(at, "ko2019")
    assert len(filled(figures(at)[0])) == len(krets_shares(ko2019, "5001")) == 42


def test_trondheim_kart_zooms_to_a_target_area(monkeypatch, trondheim_store):
    use(monkeypatch, "trondheim", trondheim_store)
    at = open_page("views/kart.py")
    assert at.selectbox(key="kart_zoom").options == ["Hele Trondheim", "Sentrum og Østbyen", "Saupstad og Heimdal"]
    at.selectbox(key="kart_zoom").set_value("Sentrum og Østbyen").run()
    assert sorted(filled(figures(at)[0])) == ["Lademoen", "Midtbyen", "Møllenberg", "Rosenborg"]


def test_trondheim_banke_ranks_kretser_on_share_without_turnout(monkeypatch, trondheim_store, st2021):
    use(monkeypatch, "trondheim", trondheim_store)
    at = open_page("views/banke.py")
    assert any("Valgdeltakelse per krets er ikke importert for Stortingsvalget 2021" in i.value for i in at.info)
    ranked = table(at)
    expected = krets_shares(st2021, "5001").sort_values(ascending=False)
    assert list(ranked["Område"]) == list(expected.index)
    assert ranked["Oppslutning"].iloc[0] == pct(expected.iloc[0])
    assert "Bydel" not in ranked and "Potensial (stemmer)" not in ranked
    assert set(ranked.loc[ranked["Målområde"].eq("Sentrum og Østbyen"), "Område"]) == {
        "Midtbyen", "Lademoen", "Møllenberg", "Rosenborg"}
    assert_nothing_missing_shown(at)


def test_trondheim_banke_ranks_kretser_by_potential_with_turnout(monkeypatch, trondheim_store, ko2019):
    use(monkeypatch, "trondheim", trondheim_store)
    at = choose_election(open_page("views/banke.py"), "ko2019")
    expected = potential(ko2019, "area_id", "5001").sort_values(ascending=False)
    ranked = table(at)
    assert len(ranked) == 42 and list(ranked["Område"].iloc[:5]) == list(expected.index[:5])
    assert ranked["Potensial (stemmer)"].iloc[0] == f"{expected.iloc[0]:,.0f}".replace(",", " ")
    assert len(figures(at)) == 1 and "Andre kretser" in shown_texts(at)
    assert_nothing_missing_shown(at)


def test_trondheim_valgdeltakelse(monkeypatch, trondheim_store, ko2019):
    use(monkeypatch, "trondheim", trondheim_store)
    at = open_page("views/valgdeltakelse.py")
    assert any("Valgdeltakelse per krets er ikke importert for Stortingsvalget 2021" in i.value and "JSON" in i.value
               for i in at.info)
    assert_nothing_missing_shown(at)
    choose_election(at, "ko2019")
    turnout = csv_turnout(ko2019[ko2019["Kommunenummer"].eq("5001")], "ko2019")
    city = turnout[turnout["area_level"].eq("kommune")].iloc[0]
    assert metrics(at)["Valgdeltakelse Trondheim"][0] == pct(100 * city["votes_cast"] / city["eligible_voters"])
    kretser = turnout[turnout["area_level"].eq("krets")].assign(
        pct=lambda f: 100 * f["votes_cast"] / f["eligible_voters"]).sort_values("pct")
    assert metrics(at)[f"Lavest: {kretser['area_name'].iloc[0]}"][0] == pct(kretser["pct"].iloc[0])
    shown = table(at)
    assert len(shown) == 42 and {"Midtbyen", "Sverresborg"} <= set(shown["Område"])
    assert [f["layout"]["title"]["text"].split("<br>")[0] for f in figures(at)] == [
        "Valgdeltakelse per krets", "Valgdeltakelse på kartet", "Der deltakelsen er lav, står vi sterkt?"]
    assert len(filled(figures(at)[1])) == 42
    assert_nothing_missing_shown(at)


def test_trondheim_forside(monkeypatch, trondheim_store, ko2019):
    use(monkeypatch, "trondheim", trondheim_store)
    at = open_page()
    elections = table(at).set_index("Valg")
    assert list(elections.index) == ["Stortingsvalget 2021", "Kommunestyrevalget 2019"]
    assert elections.loc["Kommunestyrevalget 2019", "Kretser"] == str(
        ko2019.loc[ko2019["Kommunenummer"].eq("5001"), "area_id"].nunique()) == "43"
    assert elections.loc["Stortingsvalget 2021", "Valgdeltakelse på nivå"] == "ikke importert"
    assert elections.loc["Kommunestyrevalget 2019", "Valgdeltakelse på nivå"] == "kommune, krets"
    assert_nothing_missing_shown(at)


# --- Trøndelag: a county branch, per kommune with drill-down to one kommune's kretser -------------------

def test_trondelag_kart_draws_the_38_kommuner_from_the_imported_boundaries(monkeypatch, trondelag_store, st2021):
    use(monkeypatch, "trondelag", trondelag_store)
    at = open_page("views/kart.py")
    assert at.radio(key="kart_level").options == ["Kommune", "Krets"]
    figure = figures(at)[0]
    names = filled(figure)
    assert len(names) == 38 == st2021["Kommunenummer"].nunique()
    assert {"Steinkjer", "Røros", "Trondheim"} <= set(names)
    assert "Kartdata:" in figure["layout"]["annotations"][0]["text"]
    steinkjer = next(t for t in figure["data"] if t.get("name") == "Steinkjer")
    assert len(steinkjer["x"]) > 50  # a real outline, not a tile
    outlined = [t for t in figure["data"] if t.get("line", {}).get("width") == 4]
    assert len(outlined) == 6  # target areas: Trondheim and the 5 kommuner of Innherred
    expected = shares(st2021, "Kommunenavn")
    hover = next(h for h in figure["data"][-1]["hovertext"] if h.startswith("<b>Røros</b>"))
    assert f"Oppslutning {pct(expected['Røros'])}".replace(" %", "\u00a0%") in hover
    assert "Region Fjellregionen" in at.selectbox(key="kart_zoom").options
    at.selectbox(key="kart_zoom").set_value("Region Fjellregionen").run()
    assert sorted(filled(figures(at)[0])) == ["Midtre Gauldal", "Oppdal", "Røros"]
    assert_nothing_missing_shown(at)


def test_trondelag_kart_drills_into_one_kommunes_kretser(monkeypatch, trondelag_store, st2021):
    use(monkeypatch, "trondelag", trondelag_store)
    at = open_page("views/kart.py")
    at.radio(key="kart_level").set_value("krets").run()
    assert at.selectbox(key="kart_kommune").value == "Trondheim"  # the first target area's kommune
    assert {"Midtbyen", "Sverresborg"} <= set(filled(figures(at)[0]))
    at.selectbox(key="kart_kommune").set_value("Røros").run()
    figure = figures(at)[0]
    expected = krets_shares(st2021, "5025")
    assert sorted(filled(figure)) == sorted(expected.index) and len(expected) >= 3
    assert figure["layout"]["title"]["text"].startswith("Oppslutning SV – Røros")
    assert_nothing_missing_shown(at)


def test_trondelag_kart_without_boundaries_draws_labelled_kommune_tiles(monkeypatch, trondelag_without_boundaries):
    use(monkeypatch, "trondelag", trondelag_without_boundaries)
    at = open_page("views/kart.py")
    figure = figures(at)[0]
    assert len(filled(figure)) == 38
    assert figure["layout"]["annotations"][0]["text"].startswith(
        "Skjematisk kart: én like stor flis per kommune, ordnet etter region og navn")
    labels = figure["data"][-1]
    assert labels["mode"] == "text+markers" and len(labels["text"]) == 38
    assert {"Steinkjer", "Røros"} <= set(labels["text"])
    assert_nothing_missing_shown(at)


def test_trondelag_banke_ranks_kommuner(monkeypatch, trondelag_store, st2021, ko2019):
    use(monkeypatch, "trondelag", trondelag_store)
    at = open_page("views/banke.py")
    ranked = table(at)
    expected = shares(st2021, "Kommunenavn").sort_values(ascending=False)
    assert len(ranked) == 38 and list(ranked["Område"]) == list(expected.index)
    assert ranked["Oppslutning"].iloc[0] == pct(expected.iloc[0])
    regions = dict(zip(ranked["Område"], ranked["Region"]))
    assert regions["Røros"] == "Fjellregionen" and regions["Steinkjer"] == "Innherred"
    assert_nothing_missing_shown(at)
    choose_election(at, "ko2019")
    expected = potential(ko2019, "Kommunenummer").sort_values(ascending=False)
    ranked = table(at)
    assert list(ranked["Område"].iloc[:5]) == list(expected.index[:5])
    assert ranked["Potensial (stemmer)"].iloc[0] == f"{expected.iloc[0]:,.0f}".replace(",", " ")
    without_sv = set(ko2019["Kommunenavn"]) - set(ko2019.loc[ko2019["Partikode"].eq("SV"), "Kommunenavn"])
    assert len(ranked) == 38 and set(ranked.loc[ranked["Oppslutning"].eq("ingen liste"), "Område"]) == without_sv
    assert any(c.value.startswith(f"SV stilte ikke liste i {len(without_sv)} kommuner") for c in at.caption)
    at.selectbox(key="banke_area").set_value("Innherred").run()
    assert set(table(at)["Område"]) == {"Levanger", "Snåase - Snåsa", "Inderøy", "Steinkjer", "Verdal"}
    assert_nothing_missing_shown(at)


def test_trondelag_banke_drills_into_one_kommunes_kretser(monkeypatch, trondelag_store, ko2019):
    use(monkeypatch, "trondelag", trondelag_store)
    at = choose_election(open_page("views/banke.py"), "ko2019")
    at.radio(key="banke_level").set_value("krets").run()
    at.selectbox(key="banke_kommune").set_value("Trondheim").run()
    expected = potential(ko2019, "area_id", "5001").sort_values(ascending=False)
    ranked = table(at)
    assert len(ranked) == 42 and ranked["Område"].iloc[0] == expected.index[0]
    assert_nothing_missing_shown(at)


def test_trondelag_valgdeltakelse_per_kommune_and_kretser(monkeypatch, trondelag_store, ko2019):
    use(monkeypatch, "trondelag", trondelag_store)
    at = open_page("views/valgdeltakelse.py")
    assert any("Valgdeltakelse per kommune er ikke importert" in i.value for i in at.info)
    choose_election(at, "ko2019")
    shown = table(at)
    assert len(shown) == 38 and {"Steinkjer", "Røros"} <= set(shown["Område"])
    turnout = csv_turnout(ko2019, "ko2019").set_index("area_name")
    roros = turnout.loc["Røros"]
    row = shown.set_index("Område").loc["Røros"]
    assert row["Valgdeltakelse"] == pct(100 * roros["votes_cast"] / roros["eligible_voters"])
    assert len(filled(figures(at)[1])) == 38  # the kommune map, kommuner without an SV list included
    kommuner = turnout[turnout["area_level"].eq("kommune")]
    assert metrics(at)["Valgdeltakelse Trøndelag"][0] == pct(
        100 * kommuner["votes_cast"].sum() / kommuner["eligible_voters"].sum())
    assert at.selectbox(key="valgdeltakelse_kommune").value == "Trondheim"
    assert {"Midtbyen", "Sverresborg"} <= set(table(at, 1)["Område"])
    at.selectbox(key="valgdeltakelse_kommune").set_value("Røros").run()
    kretser = table(at, 1)
    assert len(kretser) == len(krets_shares(ko2019, "5025"))
    assert_nothing_missing_shown(at)


def test_trondelag_forside(monkeypatch, trondelag_store, ko2019, st2021):
    use(monkeypatch, "trondelag", trondelag_store)
    at = open_page()
    assert at.title[0].value == "Valgkampdashbord – Trøndelag SV"
    elections = table(at).set_index("Valg")
    assert elections.loc["Kommunestyrevalget 2019", "Kretser"] == str(ko2019["area_id"].nunique()) == "189"
    assert elections.loc["Stortingsvalget 2021", "Kretser"] == str(st2021["area_id"].nunique())
    assert elections.loc["Stortingsvalget 2021", "Valgdeltakelse på nivå"] == "ikke importert"
    assert_nothing_missing_shown(at)
