"""«Utforsk»: the question builder's SQL on the demo store (published figures), its safety against hostile
names and values, the URL round-trip, saved questions, and the page itself (AppTest)."""
from __future__ import annotations

import itertools

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from campaign import auth, explore, explore_report, explore_sql, saved_questions
from campaign.config import load_config
from campaign.explore import DATASETS, ExploreError, Question
from campaign.schema import DATA_TABLES, TABLE_SPECS
from campaign.store import Store
from tests.apptest import APP, figures, plain

PERIOD = (("date_from", "2023-07-27"), ("date_to", "2023-09-11"))
GRORUD_KRETS = Question("results", ("krets",), "election_day_votes", "change_share", (("parti", ("SV",)),),
                        "ko2023", "ko2019", target="Groruddalen")
SPEND_WEEK = Question("ads", ("uke", "platform"), "spend_nok", "sum", date_from="2023-07-27", date_to="2023-09-11")


def ask(db, question: Question) -> pd.DataFrame:
    config = load_config()
    sql, params = explore_sql.build(question, config.area_id, config.target_areas, config.sublevel)
    return db.execute(sql, params)


def by(frame: pd.DataFrame, key: str) -> dict:
    return dict(zip(frame[key], frame["value"]))


# --- the declarations -----------------------------------------------------------------------------

def test_every_data_table_but_boundaries_is_a_dataset_named_from_the_schema():
    assert set(DATA_TABLES) - {"boundaries"} <= set(DATASETS)
    for name, spec in DATASETS.items():
        assert spec.label.lower() == TABLE_SPECS[name].label.lower()
        for key in (*spec.all_dims(), *spec.measures):
            assert key.isidentifier() and key.isascii(), key  # a key becomes an SQL alias


def test_default_question_of_every_dataset_runs_on_the_demo_store(demo_db):
    counts = demo_db.execute(explore_sql.counts_sql(), {}).set_index("dataset")["n_rows"]
    for name in DATASETS:
        question = explore.default_question(name)
        if DATASETS[name].election:
            newest = demo_db.execute(*explore_sql.options_sql(name, "valg", "0301"))["value"].max()
            question = Question(**{**question.__dict__, "election": newest})
        frame = ask(demo_db, question)
        assert (len(frame) > 0) == (counts[name] > 0), name


# --- results and turnout: the published figures ------------------------------------------------------

def test_party_shares_of_the_city_match_the_published_result(demo_db):
    shares = by(ask(demo_db, Question("results", ("parti",), "votes", "share", election="ko2023")), "parti")
    assert round(shares["SV"], 1) == 10.1 and round(shares["MDG"], 1) == 10.2
    assert "BLANKE" not in shares  # blank votes are no party's share
    votes = by(ask(demo_db, Question("results", ("parti",), "votes", "sum", election="ko2023")), "parti")
    assert votes["MDG"] - votes["SV"] == 363


def test_votes_per_krets_sum_to_the_city_total_and_never_across_levels(demo_db):
    sv = (("parti", ("SV",)),)
    city = ask(demo_db, Question("results", (), "votes", "sum", sv, "ko2023"))["value"].iloc[0]
    per_krets = ask(demo_db, Question("results", ("krets",), "votes", "sum", sv, "ko2023"))
    assert per_krets["value"].sum() == city > 0  # krets 0000 (advance votes) included
    per_bydel = ask(demo_db, Question("results", ("bydel",), "votes", "sum", sv, "ko2023"))
    assert per_bydel["value"].sum() < city  # krets 0000 belongs to no bydel


def test_sv_per_bydel_2023_against_2019_matches_the_evaluation(demo_db):
    frame = ask(demo_db, Question("results", ("bydel",), "election_day_votes", "change_share",
                                  (("parti", ("SV",)),), "ko2023", "ko2019"))
    rows = frame.set_index("bydel")
    published = {"030112": (11.1, 2.1), "030109": (10.5, 1.2), "030110": (10.6, 3.2), "030111": (8.8, 2.8),
                 "030115": (12.1, 1.4)}
    for bydel, (share, change) in published.items():
        assert (round(rows.loc[bydel, "value"], 1), round(rows.loc[bydel, "change"], 1)) == (share, change)
    assert set(rows.index[rows["change"] < 0]) == {"030106", "030108"}  # fell only in Ullern and Nordre Aker


def test_done_when_sv_share_per_krets_in_groruddalen_equals_the_krets_query(demo_db):
    frame = ask(demo_db, GRORUD_KRETS)
    expected = pd.concat([demo_db.query("party_shares_by_krets", election_id="ko2023", compare_id="ko2019",
                                        kommune_id="0301", bydel_id=b, party_code="SV")
                          for b in load_config().target_areas["Groruddalen"]])
    assert len(frame) == len(expected) > 20
    got = frame.set_index("krets")
    for row in expected.itertuples():
        key = f"{row.krets_id} {row.krets_name}"
        assert got.loc[key, "value"] == pytest.approx(row.share_pct)
        assert got.loc[key, "compare_value"] == pytest.approx(row.compare_share_pct, nan_ok=True)


def test_turnout_and_its_change(demo_db):
    city = ask(demo_db, Question("turnout", (), "turnout", "change", (), "ko2023", "ko2019")).iloc[0]
    assert (round(city["value"], 1), round(city["compare_value"], 1)) == (64.2, 67.6)
    per_bydel = ask(demo_db, Question("turnout", ("bydel",), "votes_cast", "sum", (), "ko2023"))
    assert len(per_bydel) == 15


# --- the digital demo: spend per platform per week ---------------------------------------------------

def test_done_when_spend_per_platform_per_week(demo_db):
    frame = ask(demo_db, SPEND_WEEK)
    totals = frame.groupby("platform")["value"].sum().round()
    assert totals.to_dict() == {"linkedin": 4_346, "meta": 62_551, "snapchat": 24_143}
    assert all(pd.Timestamp(d).dayofweek == 0 for d in frame["uke"])  # weeks start on Monday
    share = ask(demo_db, Question("ads", ("uke", "platform"), "spend_nok", "share", **dict(PERIOD)))
    assert share.groupby("uke")["value"].sum().round(6).eq(100).all()  # the week's spend split by platform


def test_mean_count_rate_and_filters_on_ads(demo_db):
    meta = (("platform", ("meta",)),)
    total = ask(demo_db, Question("ads", (), "spend_nok", "sum", meta, **dict(PERIOD)))["value"].iloc[0]
    days = ask(demo_db, Question("ads", (), "spend_nok", "count", meta, **dict(PERIOD)))["value"].iloc[0]
    mean = ask(demo_db, Question("ads", (), "spend_nok", "mean", meta, **dict(PERIOD)))["value"].iloc[0]
    assert round(total) == 62_551 and mean == pytest.approx(total / days)
    cpc = by(ask(demo_db, Question("ads", ("platform",), "cpc", "sum", **dict(PERIOD))), "platform")
    clicks = by(ask(demo_db, Question("ads", ("platform",), "link_clicks", "sum", **dict(PERIOD))), "platform")
    assert cpc["meta"] == pytest.approx(total / clicks["meta"])


# --- safety: no user string reaches the SQL ----------------------------------------------------------

HOSTILE = ["'; drop table results; --", "x') or 1=1 --", "$evil_param", "\"; attach 'evil.db'", "Robert'); --",
           "read_csv('/etc/passwd')"]


@pytest.mark.parametrize("evil", HOSTILE)
def test_hostile_values_are_bound_never_in_the_sql(evil, demo_db):
    question = Question("ads", ("platform",), "spend_nok", "sum", (("platform", (evil, "meta")), ("campaign", (evil,))))
    sql, params = explore_sql.build(question, evil, {evil: (evil,)})
    assert evil not in sql and params["f0_0"] == evil and params["f1_0"] == evil
    assert demo_db.execute(sql, params).empty  # no campaign by that name; nothing dropped
    results = Question("results", ("parti",), "votes", "share", (("parti", (evil,)),), evil, evil, target=evil)
    sql, params = explore_sql.build(results, evil, {evil: (evil,)})
    assert evil not in sql and demo_db.execute(sql, params).empty


@pytest.mark.parametrize("field, value", [("dataset", "results; drop table ads"), ("measure", "votes) from x --"),
                                          ("agg", "sum(votes); --"), ("group_by", ("parti\" --",)),
                                          ("filters", (("1=1 or party_code", ("SV",)),))])
def test_names_outside_the_declarations_raise(field, value):
    question = Question(**{**explore.default_question("results").__dict__, "election": "ko2023", field: value})
    with pytest.raises(ExploreError):
        explore_sql.build(question, "0301")


def test_a_hostile_date_or_option_column_raises():
    with pytest.raises(ExploreError):
        explore_sql.build(Question("ads", ("platform",), "spend_nok", date_from="2023-01-01' or 1=1"), "0301")
    with pytest.raises(ExploreError):
        explore_sql.options_sql("ads", "platform from results --", "0301")


# --- the URL and saved questions ---------------------------------------------------------------------

@pytest.mark.parametrize("question", [GRORUD_KRETS, SPEND_WEEK, Question("social", (), "value", "count")])
def test_url_and_json_round_trip(question):
    assert explore.from_params(explore.to_params(question)) == question
    assert explore.from_json(explore.to_json(question)) == question


def test_url_without_a_known_dataset_is_no_question():
    assert explore.from_params({}) is None
    assert explore.from_params({"datasett": ["imports"]}) is None


def test_save_list_replace_and_remove(tmp_path):
    from campaign.db import Database
    saved_questions.save("SV per krets", GRORUD_KRETS, "test", data_dir=tmp_path)
    saved_questions.save("  Kostnad   per uke ", SPEND_WEEK, data_dir=tmp_path)
    saved_questions.save("SV per krets", SPEND_WEEK, data_dir=tmp_path)  # same name: replaced
    listed = Database(Store(tmp_path)).execute(saved_questions.LIST_SQL, {})
    assert list(listed["name"]) == ["Kostnad per uke", "SV per krets"]
    assert explore.from_json(listed["question_json"].iloc[1]) == SPEND_WEEK
    assert saved_questions.remove("SV per krets", data_dir=tmp_path)
    assert not saved_questions.remove("finnes ikke", data_dir=tmp_path)
    assert list(Store(tmp_path).read("saved_questions")["name"]) == ["Kostnad per uke"]
    assert Store(tmp_path).read("imports").empty  # not an import: nothing to undo, nothing in the log
    with pytest.raises(saved_questions.SaveError):
        saved_questions.save("   ", SPEND_WEEK, data_dir=tmp_path)


def test_a_viewer_cannot_save_or_remove(tmp_path, monkeypatch):
    monkeypatch.setattr(auth, "_session_role", lambda: auth.VIEWER)
    with pytest.raises(auth.NotAllowed):
        saved_questions.save("x", SPEND_WEEK, data_dir=tmp_path)
    with pytest.raises(auth.NotAllowed):
        saved_questions.remove("x", data_dir=tmp_path)
    assert Store(tmp_path).is_empty()


# --- display ------------------------------------------------------------------------------------------

def test_display_names_areas_and_keeps_numbers(demo_db):
    config = load_config()
    names = {"ko2023": "Kommunestyrevalget 2023", "ko2019": "Kommunestyrevalget 2019"}
    frame = ask(demo_db, Question("results", ("bydel",), "election_day_votes", "change_share",
                                  (("parti", ("SV",)),), "ko2023", "ko2019"))
    table = explore_report.display(frame, Question("results", ("bydel",), "election_day_votes", "change_share",
                                                   (("parti", ("SV",)),), "ko2023", "ko2019"), names, config.bydeler)
    assert list(table.columns) == ["Bydel", "Andel Kommunestyrevalget 2023", "Andel Kommunestyrevalget 2019",
                                   "Endring (pp)"]
    assert table["Endring (pp)"].dtype == "float64" and "Alna" in set(table["Bydel"])
    wide = explore_report.pivot(explore_report.display(ask(demo_db, SPEND_WEEK), SPEND_WEEK, {}, {}), SPEND_WEEK, {})
    assert list(wide.columns)[:2] == ["Uke", "linkedin"] and round(wide["meta"].sum()) == 62_551


# --- the page -------------------------------------------------------------------------------------------

def open_with(params: dict) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    at.switch_page("views/utforsk.py").run()
    assert not at.exception, at.exception
    return at


def test_page_opens_with_a_question_from_a_link(demo_env):
    at = open_with(explore.to_params(GRORUD_KRETS))
    table = at.dataframe[0].value.set_index("Krets")
    assert list(table.columns) == ["Andel Kommunestyrevalget 2023", "Andel Kommunestyrevalget 2019", "Endring (pp)"]
    assert len(table) == 22 and table["Endring (pp)"].dtype == "float64"
    assert round(table.loc["1001 Rødtvet skole", "Endring (pp)"], 1) == 6.4
    assert at.session_state["ut_results_target"] == "Groruddalen"
    # the page writes the same question back into the URL: a reload shows the same table
    assert explore.from_params({k: [v] for k, v in at.query_params.items()}) == GRORUD_KRETS


def test_page_spend_per_platform_per_week(demo_env):
    at = open_with(explore.to_params(SPEND_WEEK))
    table = at.dataframe[0].value
    assert round(table.groupby("Plattform")["Kostnad"].sum()["meta"]) == 62_551
    assert any("Last ned tabellen (Excel)" in plain(b.label) for b in at.get("download_button"))
    assert len(at.get("plotly_chart")) == 1


def test_page_default_question_and_save_refused_for_a_viewer(demo_env, monkeypatch):
    monkeypatch.setattr(auth, "can", lambda action, as_role=None: False)
    at = open_with({})
    votes = at.dataframe[0].value.set_index("Parti")["Stemmer"]
    assert votes["MDG"] - votes["SV"] == 363
    assert not any(b.label == "Lagre for alle" for b in at.button)
    assert any("lagre spørsmål" in c.value for c in at.caption)


def test_page_changes_dataset(demo_env):
    at = open_with({})
    at.selectbox(key="ut_dataset").select("field_doors").run()
    assert not at.exception
    assert "Dører" in at.dataframe[0].value.columns


def test_page_maps_sv_share_change_per_bydel(demo_env):
    question = Question("results", ("bydel",), "election_day_votes", "change_share", (("parti", ("SV",)),),
                        "ko2023", "ko2019")
    at = open_with(explore.to_params(question))
    table = at.dataframe[0].value.set_index("Bydel")
    assert round(table.loc["Grorud", "Endring (pp)"], 1) == 3.2
    charts = [c.proto.spec for c in at.get("plotly_chart")]
    assert len(charts) == 2 and "Endring (pp) per bydel" in charts[1] and "Grorud" in charts[1]


def test_results_are_never_summed_across_levels(tmp_path):
    from campaign.db import Database
    from tests.tiny_store import write_fixture_store
    db = Database(write_fixture_store(tmp_path, with_kommune_level=True))  # e1 stored at krets and kommune level
    total = explore_sql.build(Question("results", (), "votes", "sum", election="e1"), "0301")
    assert db.execute(*total)["value"].iloc[0] == 815  # 430 + 370 + 15 blank: one level, never both (1 630)
    shares = db.execute(*explore_sql.build(Question("results", ("parti",), "votes", "share", election="e1"), "0301"))
    assert by(shares, "parti") == pytest.approx({"A": 100 * 430 / 800, "B": 100 * 370 / 800})
    elsewhere = explore_sql.build(Question("results", (), "votes", "sum", election="e1"), "4601")
    assert db.execute(*elsewhere).empty or db.execute(*elsewhere)["value"].isna().all()  # only the branch's area


def test_page_survives_a_hostile_link(demo_env):
    evil = "'; drop table results; --"
    at = open_with({"datasett": "ads", "grupper": ["platform", evil], "mål": evil, "agg": "sum(1); --",
                    f"f.{evil}": evil, "f.platform": [evil, "meta"], "fra": "2023-13-45", "til": evil})
    table = at.dataframe[0].value
    assert "Plattform" in table.columns and set(table["Plattform"]) == {"meta"}
    assert evil not in str(at.query_params)


def test_page_saves_lists_opens_and_removes_a_question(demo_dir, tmp_path, monkeypatch):
    import shutil
    store_dir = tmp_path / "store"
    shutil.copytree(demo_dir, store_dir)
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(store_dir))
    at = open_with(explore.to_params(SPEND_WEEK))
    at.text_input(key="ut_save_name").input("Kostnad per plattform per uke").run()
    at.button(key="ut_save").click().run()
    assert not at.exception and list(Store(store_dir).read("saved_questions")["name"]) == ["Kostnad per plattform per uke"]
    at.selectbox(key="ut_dataset").select("results").run()  # another question on screen
    assert "Parti" in at.dataframe[0].value.columns
    at.button(key="ut_open_0").click().run()  # one click brings the saved question back
    assert round(at.dataframe[0].value.groupby("Plattform")["Kostnad"].sum()["snapchat"]) == 24_143
    at.button(key="ut_remove_0").click().run()
    assert not at.exception and Store(store_dir).read("saved_questions").empty


def test_target_areas_of_a_kommune_without_bydeler_and_of_a_county(tmp_path, monkeypatch):
    from campaign.db import Database
    from campaign.demo import write_demo
    from tests.branches import use_branch
    config = use_branch(monkeypatch, "trondheim")  # target areas are kretser «5001-0003»
    write_demo(Store(tmp_path / "trondheim"), config)
    name, codes = next(iter(config.target_areas.items()))
    question = Question("results", ("krets",), "election_day_votes", "change_share", (("parti", ("SV",)),),
                        "ko2023", "ko2019", target=name)
    frame = Database(Store(tmp_path / "trondheim")).execute(
        *explore_sql.build(question, config.area_id, config.target_areas, config.sublevel))
    assert len(frame) == len(codes) == 4 and frame["value"].between(0, 100).all()
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path / "trondheim"))
    assert len(open_with(explore.to_params(question)).dataframe[0].value) == 4

    county = use_branch(monkeypatch, "trondelag")  # target areas are kommuner (the demo invents 5091–5098)
    write_demo(Store(tmp_path / "trondelag"), county)
    question = Question("results", ("kommune",), "votes", "share", (("parti", ("SV",)),), "ko2023", target="T")
    frame = Database(Store(tmp_path / "trondelag")).execute(
        *explore_sql.build(question, county.area_id, {"T": ("5091", "5092")}, county.sublevel))
    assert list(frame["kommune"]) == ["5091", "5092"]


def test_clicking_a_bar_filters_in_a_real_browser(demo_dir, tmp_path):
    import time
    import urllib.parse
    browser_test = pytest.importorskip("tests.test_browser")  # skipped without Chromium or playwright
    query = urllib.parse.urlencode(explore.to_params(Question("ads", ("platform",), "spend_nok", "sum")), doseq=True)
    with browser_test.streamlit_server(demo_dir, tmp_path) as url, browser_test.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(browser_test.CHROMIUM), headless=True,
                                              args=browser_test.CHROMIUM_ARGS)
        try:
            page = chromium.new_context(viewport=browser_test.VIEWPORT).new_page()
            page.goto(f"{url}/utforsk?{query}")
            browser_test.wait_until_done(page, 1)
            page.locator(".js-plotly-plot").first.scroll_into_view_if_needed()
            bars = page.locator(".js-plotly-plot .point path")
            assert bars.count() == 3
            box = bars.nth(1).bounding_box()  # linkedin, meta, snapchat: the meta bar
            page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
            for _ in range(100):
                if "f.platform=meta" in page.url:
                    break
                time.sleep(0.1)
            browser_test.wait_until_done(page, 1)
            assert "f.platform=meta" in page.url and page.locator(".js-plotly-plot .point path").count() == 1
        finally:
            chromium.close()


def _questions_for(name: str):
    spec = DATASETS[name]
    dims = list(spec.all_dims())
    election = {"election": "ko2023", "compare": "ko2019"} if name in ("results", "turnout") else {}
    if spec.election and not election:
        election = {"election": "bu2023" if name == "district_council" else "skolevalg2023", "compare": None}
    for measure in spec.measures:
        for agg in spec.aggregations():
            if (spec.measures[measure].per and agg not in ("sum", "change")) or (agg in explore.ELECTION_AGGS
                                                                                 and not election.get("compare")):
                continue
            yield Question(name, tuple(dims[:2]), measure, agg, **election)
    for pair in itertools.combinations(dims, 2):
        yield Question(name, pair, next(iter(spec.measures)), "sum", **election)


@pytest.mark.parametrize("name", list(DATASETS))
def test_every_measure_aggregation_and_pair_of_group_bys_runs_and_displays(name, demo_db):
    config = load_config()
    names = {"ko2023": "2023", "ko2019": "2019"}
    for question in _questions_for(name):
        frame = ask(demo_db, question)
        table = explore_report.display(frame, question, names, config.bydeler)
        assert len(table) == len(frame) and not table.columns.duplicated().any(), question
        explore_report.styled(table, question, names).to_html()
        explore_report.figure(table, question, names, "Kilde")
        explore_report.pivot(table, question, names)


def test_the_done_when_table_downloads_as_xlsx_with_numbers(demo_db):
    import io

    from campaign import downloads
    config = load_config()
    names = {"ko2023": "Kommunestyrevalget 2023", "ko2019": "Kommunestyrevalget 2019"}
    table = explore_report.display(ask(demo_db, GRORUD_KRETS), GRORUD_KRETS, names, config.bydeler)
    back = pd.read_excel(io.BytesIO(downloads.xlsx_bytes(table, sheet_name="utforsk")))
    assert list(back.columns) == list(table.columns)
    assert back["Endring (pp)"].dtype == "float64" and back["Endring (pp)"].sum() == pytest.approx(
        table["Endring (pp)"].sum())


def test_page_maps_sv_share_per_krets_in_groruddalen(demo_env):
    at = open_with(explore.to_params(GRORUD_KRETS))
    charts = figures(at)
    assert len(charts) == 2 and "Endring (pp) per krets" in charts[1]["layout"]["title"]["text"]
    names = {trace.get("name") for trace in charts[1]["data"]}
    assert "1001 Rødtvet skole" in names and len(names & set(at.dataframe[0].value["Krets"])) == 22


def test_page_on_an_empty_store_says_why(tmp_path, monkeypatch):
    monkeypatch.setenv("CAMPAIGN_DATA_DIR", str(tmp_path))
    at = open_with({})
    assert any("Lageret har ingen data ennå" in i.value for i in at.info) and not at.dataframe


def test_parties_are_shown_by_their_short_names(demo_db):
    question = Question("results", ("parti",), "votes", "sum", (), "ko2023", None)
    table = explore_report.display(ask(demo_db, question), question, {}, {})
    parties = set(table["Parti"])
    assert {"Høyre", "Ap", "SV"} <= parties and not {"H", "A"} & parties  # names as in every other chart
