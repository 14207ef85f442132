"""The SQL sandbox (`sql` command, and the SQL page's run_sql): escape attempts are refused or cut;
ordinary queries over the views and staging objects still work."""
from __future__ import annotations

import io
import json
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from decimal import Decimal
from pathlib import Path

import pandas as pd
import pytest

from campaign import sql_guard
from campaign.cli import main
from campaign.sandbox import (
    TIMEOUT_S,
    SandboxError,
    SqlResult,
    readonly_sql,
    refuse_machine_paths,
    run_sql,
    setup_sql,
    staging_depends,
)
from campaign.store import DATA_TABLES, TABLES, Store
from tests.sql_attempts import ATTEMPTS, Attempt, escaped, outcome

ROOT = Path(__file__).resolve().parent.parent
LONG_TIMEOUT_S = 3.0  # the queries meant to run forever; the others get the usual limit (a busy machine is slow)


def machine_paths(store_dir: Path) -> list[str]:
    """Paths of this machine that no output may show (listed here, not taken from the sandbox)."""
    paths = {str(ROOT), str(store_dir), str(Path(store_dir).resolve()), str(Path.home()), sys.prefix,
             tempfile.gettempdir() + "/", str(Path.cwd())}
    return [p for p in paths if len(p) > 3]


def shown(result: SqlResult | None, error: Exception | None) -> str:
    """Everything the user would see: the message, or the result as CSV."""
    return str(error) if error is not None else result.frame.to_csv(index=False)


@pytest.fixture(scope="module")
def attempts(demo_dir) -> list[tuple[SqlResult | None, Exception | None]]:
    """Every escape attempt run once, a few at a time."""
    store = Store(demo_dir)

    def attempt(attempt: Attempt):
        try:
            return run_sql(store, attempt.sql, timeout_s=LONG_TIMEOUT_S if attempt.group == "long" else TIMEOUT_S), None
        except SandboxError as exc:
            return None, exc
    with ThreadPoolExecutor(max_workers=4) as pool:
        return list(pool.map(attempt, ATTEMPTS))


def test_there_are_at_least_40_attempts():
    assert len(ATTEMPTS) >= 40


@pytest.mark.parametrize("index", range(len(ATTEMPTS)), ids=[f"{a.group}-{i}" for i, a in enumerate(ATTEMPTS)])
def test_escape_attempt_is_refused_or_cut(attempts, demo_dir, index):
    attempt = ATTEMPTS[index]
    result, error = attempts[index]
    got = outcome(result, error)
    assert not escaped(attempt, got), f"{attempt.sql!r}: {got}, expected {attempt.expected}"
    text = shown(result, error)
    assert not [p for p in machine_paths(demo_dir) if p in text], text
    if error is not None:
        assert "Traceback" not in text and text.strip()


def test_refusals_are_norwegian(attempts):
    messages = [str(error) for _, error in attempts if error is not None]
    norwegian = ("ikke", "Bare én", "finnes ikke", "stoppet", "reservert", "Spørringen")
    assert all(any(word in m for word in norwegian) for m in messages), messages


def test_repeat_bomb_hits_the_memory_limit(attempts):
    index = next(i for i, a in enumerate(ATTEMPTS) if "repeat('x', 2000000000)" in a.sql)
    assert "MB minne" in str(attempts[index][1])


def test_a_long_query_is_stopped_at_the_deadline(demo_dir):
    started = time.monotonic()
    with pytest.raises(SandboxError, match="mer enn 2 sekunder"):
        run_sql(Store(demo_dir), "select sum(a.range * b.range) from range(1000000) a, range(1000000) b",
                timeout_s=2.0)
    assert time.monotonic() - started < 2.0 + 1.5  # the whole call, not only DuckDB's part


def test_a_huge_result_is_cut_with_a_notice(demo_dir):
    result = run_sql(Store(demo_dir), "select * from range(25000)", limit=1000)
    assert len(result.frame) == 1000 and result.truncated
    assert (result.total_rows, result.counted_rows) == (25000, 25000)
    assert result.notice() == "Viser de første 1\u00a0000 radene av 25\u00a0000."
    assert result.frame["range"].iloc[-1] == 999


# Ordinary queries


def test_views_and_staging_objects_answer(demo_dir):
    store = Store(demo_dir)
    votes = readonly_sql(store, "select sum(votes) as v from results where election_id = 'ko2023' "
                                "and area_level = 'krets' and party_code = 'SV'")
    assert votes["v"].iloc[0] == Decimal(36612)  # exact, not a float
    live = readonly_sql(store, "select table_name, count(*) as n from live_rows group by all")
    assert dict(zip(live["table_name"], live["n"]))["results"] == len(store.read("results"))
    chosen = readonly_sql(store, "select distinct area_level from results_at_chosen_level('0301', 'area') "
                                 "where election_id = 'ko2023'")
    assert chosen["area_level"].tolist() == ["krets"]


def test_catalog_lists_the_views_without_paths(demo_dir):
    store = Store(demo_dir)
    listed = readonly_sql(store, "select table_name, sql from duckdb_tables() order by table_name")
    assert set(TABLES) <= set(listed["table_name"])
    assert not listed["sql"].str.contains("parquet|/", regex=True).any()
    columns = readonly_sql(store, "select column_name from information_schema.columns where table_name = 'results'")
    assert "party_code" in set(columns["column_name"])
    assert len(readonly_sql(store, "describe results")) == len(store.read("results").columns)


def test_ctes_joins_and_generators_work(demo_dir):
    frame = readonly_sql(Store(demo_dir), """
        with parties as (select distinct party_code from results where election_id = 'ko2023')
        select count(*) as n, (select count(*) from range(5)) as r,
               (select count(*) from generate_series(1, 3)) as g from parties""")
    assert frame["r"].iloc[0] == 5 and frame["g"].iloc[0] == 3 and frame["n"].iloc[0] > 5


def test_empty_store(tmp_path):
    frame = readonly_sql(Store(tmp_path), "select count(*) as n from results")
    assert frame["n"].iloc[0] == 0


# The CLI


def run_cli(args, capsys) -> tuple[int, str, str]:
    code = main(args)
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_cuts_at_10000_rows_by_default(demo_dir, capsys):
    code, out, err = run_cli(["sql", "--data-dir", str(demo_dir), "select * from range(12345)"], capsys)
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 10000
    assert err.startswith("Merk: Viser de første 10\u00a0000 radene av 12\u00a0345.") and "--limit" in err


def test_cli_limit_and_json(demo_dir, capsys):
    code, out, err = run_cli(["sql", "--json", "--limit", "3", "--data-dir", str(demo_dir),
                              "select range as n from range(10)"], capsys)
    assert code == 0 and json.loads(out) == [{"n": 0}, {"n": 1}, {"n": 2}] and "Merk:" in err
    code, out, err = run_cli(["sql", "--limit", "20", "--data-dir", str(demo_dir), "select 1 as n"], capsys)
    assert code == 0 and err == ""


@pytest.mark.parametrize("flag", [[], ["--json"]])
def test_cli_prints_every_column_type(demo_dir, capsys, flag):
    query = ("select interval 1 day as i, map([1], [2]) as m, {'a': 1} as s, [1, 2] as l, 'x'::blob as b, "
             "1::union(a int, b varchar) as u, 170141183460469231731687303715884105727::hugeint as h")
    code, out, err = run_cli(["sql", *flag, "--data-dir", str(demo_dir), query], capsys)
    assert code == 0 and err == "" and "170141183460469231731687303715884105727" in out


@pytest.mark.parametrize("limit", ["0", "-5", "abc", "99999999999", "١٠"])
def test_cli_refuses_a_bad_limit(demo_dir, capsys, limit):
    code, out, err = run_cli(["sql", "--limit", limit, "--data-dir", str(demo_dir), "select 1"], capsys)
    assert code == 1 and out == "" and err.startswith("Feil: Radgrensen")


@pytest.mark.parametrize("query", [
    "select length(repeat('x', 2000000000) || repeat('y', 2000000000))",
    "select * from read_text('/etc/passwd')",
    "select current_setting('allowed_directories')",
    "select 1; select 2",
    "select * from nowhere",
])
def test_cli_refusal_is_one_norwegian_line(demo_dir, capsys, query):
    code, out, err = run_cli(["sql", "--data-dir", str(demo_dir), query], capsys)
    assert code == 1 and out == ""
    assert err.startswith("Feil: ") and err.count("\n") == 1 and "Traceback" not in err
    assert str(demo_dir) not in err and str(ROOT) not in err


# The pieces


def test_only_the_tables_a_query_reads_are_loaded(demo_dir):
    setup = setup_sql(Store(demo_dir))
    depends = {k: frozenset(v) for k, v in setup["depends"].items()}
    assert depends["live_rows"] == frozenset(DATA_TABLES) and depends["results_at_chosen_level"] == {"results"}

    def needed(sql: str) -> frozenset[str]:
        import duckdb
        tree = duckdb.connect().execute("select json_serialize_sql($s)", {"s": sql}).fetchone()[0]
        return sql_guard.tables_needed(sql_guard.parse(tree), frozenset(TABLES), depends)
    assert needed("select * from elections e join turnout t using (election_id)") == {"elections", "turnout"}
    assert needed("select * from results_at_chosen_level('0301', 'area')") == {"results"}
    assert needed("select * from duckdb_tables()") == frozenset(TABLES)
    assert needed("select 1") == frozenset()


def test_staging_depends_ignores_comments():
    ddl = ["-- reads turnout? no\ncreate or replace view a as select * from results",
           "create or replace macro b(x) as table select * from a"]
    assert staging_depends(ddl) == {"a": ["results"], "b": ["results"]}


def test_a_result_showing_a_machine_path_is_refused(demo_dir):
    frame = pd.DataFrame({"x": ["fine", f"{ROOT}/campaign.toml"]})
    with pytest.raises(SandboxError, match="filsti"):
        refuse_machine_paths(frame, Store(demo_dir))
    refuse_machine_paths(pd.DataFrame({"page": ["/workshop", "/tmpl"]}), Store(demo_dir))  # not a path here
