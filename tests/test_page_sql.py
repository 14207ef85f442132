"""SQL (AppTest and the examples): every example runs on the demo store; the page runs a query in the sandbox,
cuts at the row cap with a notice, refuses writes and file reads in Norwegian, and offers the result for download."""
from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import openpyxl
import pandas as pd
import pytest

from campaign.sandbox import SandboxError, run_sql
from campaign.sql_examples import EXAMPLES, shown_frame, summary
from campaign.store import Store
from tests.apptest import open_page, plain

PAGE = "views/sql.py"


@pytest.fixture(scope="module")
def example_results(demo_dir) -> dict[str, pd.DataFrame]:
    store = Store(demo_dir)
    with ThreadPoolExecutor(max_workers=2) as pool:
        frames = pool.map(lambda example: run_sql(store, example[1]).frame, EXAMPLES)
        return dict(zip([title for title, _ in EXAMPLES], frames))


def test_there_are_five_to_eight_examples_with_unique_titles():
    assert 5 <= len(EXAMPLES) <= 8
    assert len(dict(EXAMPLES)) == len(EXAMPLES)


def test_every_example_runs_on_the_demo_and_returns_rows(example_results):
    for title, frame in example_results.items():
        assert len(frame) > 0, title


def test_example_sv_per_bydel_gives_the_published_shares(example_results):
    frame = example_results["SVs oppslutning per bydel, kommunevalget 2023"]
    assert len(frame) == 15 and frame["prosent"].is_monotonic_decreasing
    shares = dict(zip(frame["bydel"], frame["prosent"]))
    # domain.md: SV per bydel 2023
    assert {b: shares[b] for b in ("Alna", "Bjerke", "Grorud", "Stovner", "Søndre Nordstrand")} == {
        "Alna": 11.1, "Bjerke": 10.5, "Grorud": 10.6, "Stovner": 8.8, "Søndre Nordstrand": 12.1}


def test_example_calls_per_year(example_results):
    frame = example_results["Ringing per år"]
    assert dict(zip(frame["år"], frame["oppringinger"])) == {2019: 32000, 2021: 31060, 2023: 18357 + 1244}


def test_example_spend_per_platform_per_week_sums_to_the_ad_spend(example_results):
    frame = example_results["Annonsekostnad per plattform per uke"]
    assert set(frame["plattform"]) == {"meta", "snapchat", "linkedin"}
    assert abs(float(frame["kroner"].sum()) - 91040) < len(frame)  # each week rounded to whole kroner


def test_shown_frame_makes_names_unique_and_nested_values_text():
    frame = pd.DataFrame([[1, [np.array([1]), np.array([2, 3])], {"a": 1}, b"ab"]], columns=["x", "x", "s", "b"])
    shown = shown_frame(frame)
    assert list(shown.columns) == ["x", "x (2)", "s", "b"]
    assert shown.iloc[0].tolist() == [1, "[[1], [2, 3]]", "{'a': 1}", "ab"]
    assert summary(1, 0.414) == "1 rad på 0,41 s." and plain(summary(12000, 2)) == "12 000 rader på 2,00 s."


def run_on_page(at, sql: str):
    at.text_area(key="sql_text").input(sql).run()
    at.button(key="sql_run_button").click().run()
    assert not at.exception, at.exception
    return at


def test_sql_page_runs_an_example_with_time_and_download(demo_env):
    at = open_page(PAGE)
    at.selectbox(key="sql_example").select("Ringing per år").run()
    assert at.text_area(key="sql_text").value == dict(EXAMPLES)["Ringing per år"]
    at.button(key="sql_run_button").click().run()
    assert not at.exception, at.exception
    frame = at.dataframe[0].value
    assert frame["oppringinger"].tolist() == [32000, 31060, 19601]
    assert any(plain(c.value).startswith("3 rader på ") and c.value.endswith(" s.") for c in at.caption)
    assert [b.proto.label for b in at.get("download_button")] == [
        "Last ned resultatet (CSV)", "Last ned resultatet (Excel)"]
    assert not at.error and not at.warning[1:]  # the demo banner is the only warning


def test_sql_page_lists_the_views_beside_the_editor(demo_env):
    at = open_page(PAGE)
    labels = [e.label for e in at.expander]
    assert "results – resultater" in labels and "field_calls – ringing" in labels
    listed = " ".join(m.value for m in at.markdown)
    assert "`party_code` (tekst): partikoden (SV, A, H …)" in listed


def test_sql_page_cuts_at_the_row_cap_with_a_notice(demo_env):
    at = run_on_page(open_page(PAGE), "SELECT range AS n FROM range(25000)")
    assert len(at.dataframe[0].value) == 10000
    assert any(plain(w.value) == "Viser de første 10 000 radene av 25 000." for w in at.warning)


@pytest.mark.parametrize(("sql", "words"), [
    ("DELETE FROM results", "Bare én SELECT-spørring"),
    ("SELECT * FROM read_csv('/etc/passwd')", "ikke tillatt"),
    ("SELECT * FROM nothing_here", "finnes ikke"),
    ("SELECT 1/0::int AS x, 'a'::int AS y", "Spørringen kan ikke kjøres"),
])
def test_sql_page_refuses_in_norwegian_without_a_traceback(demo_env, sql, words):
    at = run_on_page(open_page(PAGE), sql)
    assert len(at.error) == 1 and words in at.error[0].value, [e.value for e in at.error]
    assert "Traceback" not in at.error[0].value and not at.dataframe


def test_sql_page_stops_a_runaway_query(demo_env, monkeypatch):
    import time

    monkeypatch.setattr("campaign.sandbox.TIMEOUT_S", 2.0)
    started = time.monotonic()
    at = run_on_page(open_page(PAGE), "SELECT sum(a.range * b.range) AS s FROM range(1000000) a, range(1000000) b")
    assert [e.value for e in at.error] == ["Spørringen brukte mer enn 2 sekunder og ble stoppet."]
    assert any("stoppes etter 2 sekunder" in c.value for c in at.caption)
    assert time.monotonic() - started < 30


def test_a_refused_query_raises_only_sandbox_errors(demo_dir):
    with pytest.raises(SandboxError):
        run_sql(Store(demo_dir), "COPY results TO 'x.csv'")


def test_odd_column_types_show_and_download(demo_dir):
    from campaign import downloads
    sql = "SELECT [1, 2] AS liste, {'a': 1} AS struktur, INTERVAL 3 DAY AS intervall, 'x'::BLOB AS blob, " \
          "1::HUGEINT * 3 AS stor, '=1+1' AS formel"
    shown = shown_frame(run_sql(Store(demo_dir), sql).frame)
    assert shown.loc[0, "liste"] == "[1, 2]" and shown.loc[0, "blob"] == "x"
    data = downloads.xlsx_bytes(shown, sheet_name="sql_resultat")
    assert pd.read_excel(io.BytesIO(data)).loc[0, "stor"] == 3
    sheet = openpyxl.load_workbook(io.BytesIO(data)).active
    formula = next(c for c in sheet[2] if str(c.value).endswith("=1+1"))
    assert formula.data_type == "s"  # text, never a formula
    assert downloads.csv_bytes(shown).decode("utf-8-sig").splitlines()[1].endswith(";'=1+1")
