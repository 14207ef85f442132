"""Ad-hoc SQL with limits: one SELECT over the views, in a sandbox (the `sql` command, the SQL page).

Each call runs in a child process (campaign/sandbox_worker.py). It checks the query's parse tree
against allowlists (campaign/sql_guard.py: the views, a few table functions, the query's own
CTEs; no settings, catalog or file functions), copies the tables the query reads into an
in-memory DuckDB with the staging objects, then locks it down: local file system disabled, no
extensions, no spilling to a temp dir, configuration locked. The tables are copies, so no view
definition or setting holds a path. Limits: a row cap (the first `limit` rows, the total counted
up to a bound), an output size cap, DuckDB's memory limit under an OS cap on the process
(RLIMIT_DATA), and a wall-clock deadline on the whole call: the child interrupts itself just
before it, and is killed at it. Startup and the copy cost ~0.3 s on the demo store (more on a
national-scale store; see bench/bench_sql_sandbox.py).
"""
from __future__ import annotations

import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import pandas as pd
import pyarrow as pa

from campaign import fmt
from campaign.db import QueryError, live_rows_sql, staging_sql, table_select_sql
from campaign.store import TABLES, Store

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_LIMIT = 10_000  # rows
MAX_LIMIT = 1_000_000
TIMEOUT_S = 30.0
MEMORY_MB = 500
MAX_BYTES = 64 * 2**20  # of result data
COUNT_CAP = 1_000_000  # rows counted to report the total of a cut result
MAX_SQL_CHARS = 100_000


class SandboxError(QueryError):
    """A query the sandbox refused or stopped; the message is Norwegian and names no path."""


@dataclass(frozen=True)
class SqlResult:
    """The first rows of an ad-hoc query, and how many rows it had."""
    frame: pd.DataFrame
    truncated: bool  # the query had more rows than the frame holds
    total_rows: int | None  # exact count; None when there were more than the sandbox counted
    counted_rows: int  # rows seen: the total, or a lower bound of it

    def notice(self) -> str | None:
        """A Norwegian line saying the result was cut, or None."""
        if not self.truncated:
            return None
        total = (fmt.number(self.total_rows) if self.total_rows is not None
                 else f"mer enn {fmt.number(self.counted_rows)}")
        return f"Viser de første {fmt.number(len(self.frame))} radene av {total}."


def run_sql(store: Store, sql: str, *, limit: int = DEFAULT_LIMIT, timeout_s: float = TIMEOUT_S,
            memory_mb: int = MEMORY_MB) -> SqlResult:
    """Run one read-only SELECT over the views in the sandbox; SandboxError when refused or stopped."""
    deadline = time.time() + timeout_s
    _check_request(sql, limit)
    try:
        setup = setup_sql(store)
    except (OSError, pa.ArrowException) as exc:
        raise SandboxError("Lageret kunne ikke leses; prøv igjen, eller importer på nytt.") from exc
    request = {"sql": sql, **setup, "limit": limit, "count_cap": max(COUNT_CAP, limit),
               "deadline": deadline, "memory_mb": memory_mb, "max_bytes": MAX_BYTES, "threads": 2}
    out = _run_worker(request, deadline, timeout_s)
    limits = {"store": store, "timeout_s": timeout_s, "memory_mb": memory_mb}
    header, table = _parse(out, limits)
    frame = to_frame(table)
    refuse_machine_paths(frame, store)
    counted = int(header["counted"])
    return SqlResult(frame, counted > len(frame), counted if header["exact"] else None, counted)


def readonly_sql(store: Store, sql: str, timeout_s: float = TIMEOUT_S) -> pd.DataFrame:
    """The first DEFAULT_LIMIT rows of one read-only SELECT (run_sql without the counts)."""
    return run_sql(store, sql, timeout_s=timeout_s).frame


def setup_sql(store: Store) -> dict:
    """What fills the sandbox: per table DDL that copies it into memory (or only its columns), the
    staging objects' DDL, and which tables each staging object reads."""
    version = store.version()
    # CREATE TABLE … AS copies the rows: the catalog keeps no trace of the Parquet paths.
    selects = {table: table_select_sql(store, table, version) for table in TABLES}
    tables = {t: {"full": f"CREATE TABLE {t} AS {sql}", "empty": f"CREATE TABLE {t} AS {sql} LIMIT 0"}
              for t, sql in selects.items()}
    staging = [live_rows_sql(), *staging_sql()]
    return {"tables": tables, "staging": staging, "depends": staging_depends(staging)}


def staging_depends(staging: list[str]) -> dict[str, list[str]]:
    """For each staging object, the stored tables it reads (through earlier staging objects too)."""
    depends: dict[str, set[str]] = {}
    for ddl in staging:
        text = re.sub(r"--[^\n]*", "", ddl).lower()  # comments name tables they do not read
        created = re.search(r"create\s+(?:or\s+replace\s+)?(?:view|macro)\s+(\w+)", text)
        if created:
            words = set(re.findall(r"\w+", text))
            reads = words & set(TABLES)
            depends[created.group(1)] = reads.union(*(depends[w] for w in words & set(depends)))
    return {name: sorted(tables) for name, tables in depends.items()}


def _check_request(sql, limit) -> None:
    if not isinstance(sql, str) or not sql.strip():
        raise SandboxError("Skriv én SELECT-spørring.")
    if len(sql) > MAX_SQL_CHARS:
        raise SandboxError(f"Spørringen er for lang (over {fmt.number(MAX_SQL_CHARS)} tegn).")
    if not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        raise SandboxError(f"Radgrensen må være et heltall fra 1 til {fmt.number(MAX_LIMIT)}.")


def _run_worker(request: dict, deadline: float, timeout_s: float) -> tuple[int, bytes, bytes]:
    """Run the worker; kill it at the deadline. (exit code, stdout, stderr)."""
    env = {**os.environ, "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))}
    try:
        proc = subprocess.Popen([sys.executable, "-m", "campaign.sandbox_worker"], stdin=subprocess.PIPE,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=tempfile.gettempdir(), env=env)
    except OSError as exc:
        raise SandboxError("SQL-sandkassen kunne ikke startes.") from exc
    try:
        out, err = proc.communicate(json.dumps(request).encode("utf-8"), timeout=max(0.1, deadline - time.time()))
    except subprocess.TimeoutExpired as exc:
        proc.kill()  # our own child, by its pid
        proc.communicate()
        raise SandboxError(_timeout_message(timeout_s)) from exc
    return proc.returncode, out, err


def _parse(result: tuple[int, bytes, bytes], limits: dict) -> tuple[dict, pa.Table]:
    """The worker's header and rows; SandboxError with a Norwegian message for any failure."""
    code, out, err = result
    first, _, rest = out.partition(b"\n")
    try:
        header = json.loads(first)
    except ValueError:
        header = {"ok": False, "kind": "memory" if _ran_out_of_memory(code, err) else "crash"}
    if not header.get("ok"):
        raise SandboxError(fmt.one_line(_message(header, **limits)))
    try:
        return header, pa.ipc.open_stream(io.BytesIO(rest)).read_all()
    except pa.ArrowException as exc:
        raise SandboxError(_message({"kind": "crash"}, **limits)) from exc


def to_frame(table: pa.Table) -> pd.DataFrame:
    """Rows as a DataFrame; via Arrow sums stay exact (HUGEINT → decimal), and a column type pandas
    has no block for (a UNION) becomes Python objects instead of an error."""
    try:
        return table.to_pandas()
    except pa.ArrowException:
        columns = {}
        for index, column in enumerate(table.columns):
            try:
                columns[index] = column.to_pandas()
            except pa.ArrowException:
                columns[index] = pd.Series(column.to_pylist(), dtype=object)
        frame = pd.DataFrame(columns)
        frame.columns = table.column_names
        return frame


def _ran_out_of_memory(code: int, err: bytes) -> bool:
    return code < 0 or b"MemoryError" in err or b"bad_alloc" in err or b"Out of Memory" in err


def _timeout_message(timeout_s: float) -> str:
    return f"Spørringen brukte mer enn {fmt.number(timeout_s, 0 if timeout_s == int(timeout_s) else 1)} sekunder og ble stoppet."


def _message(header: dict, store: Store, timeout_s: float, memory_mb: int) -> str:
    kind = header.get("kind")
    if kind == "timeout":
        return _timeout_message(timeout_s)
    if kind == "memory":
        return f"Spørringen trengte mer enn {fmt.number(memory_mb)} MB minne og ble stoppet."
    if kind == "sql":
        return f"Spørringen kan ikke kjøres: {_scrub(header.get('error', ''), store)}"
    if kind == "refused":
        return _scrub(header.get("error", ""), store)
    return "SQL-sandkassen stoppet uventet; spørringen ble ikke kjørt ferdig."


def machine_paths(store: Store | None = None) -> re.Pattern:
    """The absolute paths of this machine a query must never reveal, as one pattern."""
    paths = {ROOT, ROOT.parent, Path.home(), Path(sys.prefix), Path(sys.base_prefix), Path(tempfile.gettempdir()),
             Path.cwd()}
    if store is not None:
        paths.add(Path(store.data_dir))
    texts = {str(p.absolute()) for p in paths} | {str(p.resolve()) for p in paths}
    alternatives = sorted((re.escape(t) for t in texts if len(t) > 3), key=len, reverse=True)
    # Whole path components only: "/work" is a path here, "/workshop" in a page name is not.
    return re.compile(r"(?<![\w.])(?:" + "|".join(alternatives) + r")(?![\w.-])")


def _scrub(text: str, store: Store) -> str:
    """A message without any of the machine's paths (DuckDB quotes paths in some errors)."""
    return machine_paths(store).sub("…", text)


def refuse_machine_paths(frame: pd.DataFrame, store: Store) -> None:
    """Last line of defence: refuse a result that shows a path of the machine."""
    pattern = machine_paths(store)
    texts = [pd.Series([str(c) for c in frame.columns], dtype=object)]
    texts += [frame.iloc[:, i].dropna().map(str).astype(object) for i in range(frame.shape[1])
              if not pd.api.types.is_numeric_dtype(frame.iloc[:, i])]
    if any(series.str.contains(pattern).any() for series in texts):
        raise SandboxError("Svaret inneholder en filsti på maskinen og vises ikke.")
