"""Escape attempts against the SQL sandbox, shared by tests/test_sql_sandbox.py and bench/bench_sql_sandbox.py.

Each attempt is (group, sql, expected): "refused" (a Norwegian refusal), "cut" (the first rows
of a result too long to return whole) or "either". An attempt escapes when it returns a whole
result it should not have, or when anything it prints holds a path of the machine.
"""
from __future__ import annotations

from typing import NamedTuple


class Attempt(NamedTuple):
    group: str
    sql: str
    expected: str = "refused"


FILES = [
    "select * from read_text('/etc/passwd')",
    "select * from read_blob('/proc/self/environ')",
    "select * from read_csv('/etc/passwd')",
    "select * from read_csv_auto('campaign.toml')",
    "select * from read_parquet('data/*/results.parquet')",
    "select * from read_json_auto('.streamlit/secrets.toml')",
    "select * from glob('*')",
    "select * from '/etc/passwd'",
    "from 'data/CURRENT'",
    "select * from parquet_metadata('data/g000001/results.parquet')",
    "select * from sniff_csv('/etc/passwd')",
    "select * from READ_TEXT('/etc/hostname')",
    'select * from "read_text"(\'/etc/hostname\')',
    "select * from read_text('.tmp/*')",  # DuckDB's default temp dir, below the working directory
    "select * from read_blob('.tmp/**')",
    "select * from read_text(current_setting('temp_directory') || '/*')",
    "select * from range(3) where exists (select * from read_text('/etc/hostname'))",
    "select * from results, lateral (select * from read_text(results.party_name)) limit 1",
    "summarize select * from read_text('/etc/passwd')",
]
STATEMENTS = [
    "attach ':memory:' as other",
    "attach '/tmp/sandbox-escape.db' as other",
    "install httpfs",
    "load httpfs",
    "copy results to '/tmp/sandbox-leak.csv'",
    "copy (select 1) to 'leak.parquet'",
    "export database '/tmp/sandbox-dump'",
    "pragma database_list",
    "pragma show_tables",
    "set enable_external_access = true",
    "set disabled_filesystems = ''",
    "reset lock_configuration",
    "call duckdb_settings()",
    "explain select 1",
    "use system",
    "detach memory",
    "vacuum",
    "prepare p as select 1",
    "select 1; select 2",
    "select 1; attach 'x.db' as x",
    "select 1 /* ; */ ; copy results to '/tmp/sandbox-leak.csv'",
    "select 1 -- harmless\n; install httpfs",
    "/* select */ copy results to 'leak.csv'",
    "select * from query('attach ''x.db'' as x')",
]
SETTINGS = [
    "select current_setting('allowed_directories')",
    "select current_setting('temp_directory')",
    "select current_setting('secret_directory')",
    "select (select current_setting('home_directory'))",
    "select getenv('HOME')",
    "select * from duckdb_settings()",
    "select * from system.main.duckdb_settings()",
    "select * from duckdb_views()",
    "select * from information_schema.views",
    "select * from duckdb_databases()",
    "select * from pragma_database_list",
    "select * from pragma_database_list()",
    "select * from duckdb_extensions()",
    "select * from duckdb_temporary_files()",
    "select * from duckdb_secrets()",
    "select * from which_secret('s3://bucket/x', 's3')",
    "select * from duckdb_functions()",
    "select * from query('select * from duckdb_settings()')",
    "select * from query_table('duckdb_settings')",
    "with duckdb_settings as (select 1) select * from duckdb_settings",
    "select * from (with x as (select 1) select * from x), pragma_database_list",
    "select * from pg_catalog.pg_settings",
    "select * from information_schema.schemata",
    "show databases",
    "describe duckdb_settings",
    "select * from checkpoint()",
]
WRITES = [
    "create table stolen as select * from results",
    "insert into results select * from results",
    "update elections set name = 'x'",
    "delete from imports",
    "drop view live_rows",
    "create macro m(x) as x",
    "create or replace macro results_at_chosen_level(a, b) as table select 1",
    "with x as (insert into results select * from results returning *) select * from x",
    "with x as (delete from imports returning *) select count(*) from x",
    "with x as (update elections set name = 'x' returning *) select * from x",
    "with x as (copy results to '/tmp/sandbox-leak.csv') select 1",
]
BOMBS = [
    Attempt("bombs", "select length(repeat('x', 2000000000) || repeat('y', 2000000000))"),
    Attempt("bombs", "select lpad('x', 2000000000, 'y')"),
    Attempt("bombs", "select repeat('x', 100000000) from range(10)"),
    Attempt("bombs", "select list(range) from range(100000000)"),
    Attempt("bombs", "select string_agg(range::varchar, ',') from range(100000000)"),
    Attempt("bombs", "with recursive t(s) as (select 'x' union all select s || s from t) select length(s) from t"),
    Attempt("bombs", "with recursive t(n) as (select 1 union all select n + 1 from t) select * from t", "either"),
    Attempt("bombs", "select * from range(100000000)", "cut"),
    Attempt("bombs", "select * from range(1000000000) order by random()", "either"),
    Attempt("long", "select sum(a.range * b.range) from range(1000000) a, range(1000000) b"),
    Attempt("long", "select a.range from range(100000) a, range(100000) b where a.range + b.range = -1"),
    Attempt("long", "select count(*) from range(10000000000) where range % 7 = 3"),
]

ATTEMPTS: list[Attempt] = [
    *(Attempt("files", sql) for sql in FILES),
    *(Attempt("statements", sql) for sql in STATEMENTS),
    *(Attempt("settings", sql) for sql in SETTINGS),
    *(Attempt("writes", sql) for sql in WRITES),
    *BOMBS,
]


def outcome(result=None, error: Exception | None = None) -> str:
    """What an attempt came to: refused, cut or answered (a whole result)."""
    if error is not None:
        return "refused"
    return "cut" if result.truncated else "answered"


def escaped(attempt: Attempt, got: str) -> bool:
    """Whether the outcome is one the attempt must not have."""
    if attempt.expected == "either":
        return got == "answered"
    return got != attempt.expected
