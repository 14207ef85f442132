"""The child process that runs one ad-hoc SELECT for campaign.sandbox (never imported by the app).

Protocol: a JSON request on stdin; on stdout one JSON header line, then (when ok) the rows as an
Arrow IPC stream. Messages in the header are Norwegian and meant for the user. The process
caps its own memory (RLIMIT_DATA) before DuckDB allocates anything, and again once the store is
loaded, because DuckDB's memory_limit does not cover every allocation (a 2 GB string from
repeat() sails past it).
"""
from __future__ import annotations

import json
import os
import resource
import sys
import threading
import time

import duckdb
import pyarrow as pa

from campaign import sql_guard
from campaign.sql_guard import Refused

MARGIN_S = 0.5  # interrupt this long before the parent's hard deadline, to report cleanly
LOAD_CAP_MB = 4096  # while copying the store into memory
HEADROOM_MB = 512  # for Python and Arrow on top of what is in use once the store is loaded
BATCH_ROWS = 2048
COUNT_BUDGET_S = 2.0  # time spent counting the rows of a cut result
LOCKDOWN = (
    # The views are in-memory tables by now: nothing below needs a file.
    "SET enable_external_access = false",
    "SET disabled_filesystems = 'LocalFileSystem'",
    "SET autoinstall_known_extensions = false",
    "SET autoload_known_extensions = false",
    "SET allow_community_extensions = false",
    "SET python_enable_replacements = false",
    "SET secret_directory = ''",  # the only setting left that holds a path of the machine
    "SET lock_configuration = true",
)
SYSTEM_NAMES = """
    select function_name from duckdb_functions() where function_type in ('table', 'table_macro') and internal
    union select view_name from duckdb_views() where internal
"""


class Failed(Exception):
    """The query could not run; the message is for the user."""


def cap_data_segment(megabytes: int) -> None:
    """Cap the process's data segment (heap and anonymous mappings): no allocation gets past it."""
    cap = megabytes * 2**20
    resource.setrlimit(resource.RLIMIT_DATA, (cap, cap))


def data_segment_mb() -> int:
    """The data segment in use now (VmData), or 0 where /proc cannot tell."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            return next(int(line.split()[1]) // 1024 for line in status if line.startswith("VmData:"))
    except (OSError, StopIteration, ValueError):
        return 0


def connect(request: dict) -> duckdb.DuckDBPyConnection:
    """An empty in-memory database; no spilling, so there are no temporary files to read."""
    con = duckdb.connect(":memory:", config={"threads": request["threads"], "memory_limit": f"{LOAD_CAP_MB}MB",
                                             "temp_directory": ""})
    con.execute("SET enable_progress_bar = false")  # stdout carries the result
    return con


def parse(con: duckdb.DuckDBPyConnection, sql: str) -> dict:
    """The parse tree of the one SELECT in `sql`; Refused for anything else."""
    statements = con.extract_statements(sql)
    if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
        raise Refused("Bare én SELECT-spørring er tillatt (kun lesing).")
    return sql_guard.parse(con.execute("select json_serialize_sql($sql)", {"sql": sql}).fetchone()[0])


def load(con: duckdb.DuckDBPyConnection, request: dict, needed: frozenset[str]) -> None:
    """Copy the tables the query reads into memory (the others empty), then the staging objects."""
    for name, ddl in request["tables"].items():
        con.execute(ddl["full"] if name in needed else ddl["empty"])
    for ddl in request["staging"]:
        con.execute(ddl)


def lock(con: duckdb.DuckDBPyConnection, memory_mb: int) -> None:
    """Lock the database down; from now on the query gets memory_mb on top of the loaded data."""
    loaded = con.execute("select coalesce(sum(memory_usage_bytes), 0) from duckdb_memory()").fetchone()[0]
    con.execute("SET memory_limit = $limit", {"limit": f"{loaded // 2**20 + memory_mb}MB"})
    for statement in LOCKDOWN:
        con.execute(statement)
    if in_use := data_segment_mb():
        cap_data_segment(in_use + memory_mb + HEADROOM_MB)


def system_names(con: duckdb.DuckDBPyConnection) -> frozenset[str]:
    return frozenset(str(row[0]).lower() for row in con.execute(SYSTEM_NAMES).fetchall())


def prepare(con: duckdb.DuckDBPyConnection, request: dict) -> None:
    """Check the query (before any data is loaded), load what it reads, and lock down."""
    tree = parse(con, request["sql"])
    own = frozenset(request["tables"]) | frozenset(request["depends"])  # tables and staging objects
    sql_guard.check(tree, own, system_names(con))
    depends = {name: frozenset(tables) for name, tables in request["depends"].items()}
    load(con, request, sql_guard.tables_needed(tree, frozenset(request["tables"]), depends))
    lock(con, request["memory_mb"])


def fetch(con: duckdb.DuckDBPyConnection, request: dict, deadline: Deadline) -> tuple[pa.Table, int, bool]:
    """The first `limit` rows, how many rows were counted, and whether that count is the total."""
    reader = con.sql(request["sql"]).to_arrow_reader(BATCH_ROWS)
    batches, rows, size = [], 0, 0
    for batch in reader:
        batches.append(batch)
        rows, size = rows + batch.num_rows, size + batch.nbytes
        if size > request["max_bytes"]:
            raise Failed(f"Svaret er større enn {request['max_bytes'] // 2**20} MB. Velg færre kolonner "
                         "eller rader (LIMIT).")
        if rows > request["limit"]:
            break
    table = pa.Table.from_batches(batches, reader.schema).slice(0, request["limit"])
    if rows <= request["limit"]:
        return table, rows, True
    deadline.bring_forward(COUNT_BUDGET_S)  # the first rows are there: do not keep the user waiting
    return table, *count_rest(reader, rows, request["count_cap"])


def count_rest(reader, rows: int, cap: int) -> tuple[int, bool]:
    """Count the rows beyond the cap (up to `cap`, or until time or memory runs out) without keeping them."""
    try:
        for batch in reader:
            rows += batch.num_rows
            if rows > cap:
                return rows, False
    except Exception as exc:
        if kind_of(exc) not in ("timeout", "memory"):
            raise  # an error further down is the query's answer, not a cut
        return rows, False
    return rows, True


def kind_of(exc: BaseException) -> str:
    """What stopped the query; errors from the Arrow stream arrive as OSError with DuckDB's text."""
    text = str(exc)
    if isinstance(exc, duckdb.InterruptException) or text.startswith("INTERRUPT Error"):
        return "timeout"
    if isinstance(exc, (duckdb.OutOfMemoryException, MemoryError)) or text.startswith("Out of Memory Error"):
        return "memory"
    if isinstance(exc, duckdb.PermissionException) or text.startswith("Permission Error"):
        return "permission"
    return "sql"


def run(request: dict) -> tuple[dict, pa.Table | None]:
    """Run the request: (header, rows) on success, (header with a Norwegian error, None) otherwise."""
    try:
        con = connect(request)
        deadline = Deadline(con, request["deadline"] - MARGIN_S)
        try:
            prepare(con, request)
            table, counted, exact = fetch(con, request, deadline)
        finally:
            deadline.stopped.set()
    except (Refused, Failed) as exc:
        return {"ok": False, "kind": "refused", "error": str(exc)}, None
    except (duckdb.Error, OSError, pa.ArrowException, MemoryError) as exc:
        return failure(exc), None
    return {"ok": True, "rows": table.num_rows, "counted": counted, "exact": exact}, table


def failure(exc: BaseException) -> dict:
    """The header for a query DuckDB stopped: the kind, and for SQL errors DuckDB's first line."""
    kind = kind_of(exc)
    if kind == "permission":
        return {"ok": False, "kind": "refused", "error": "SQL-konsollen kan ikke lese filer eller endre innstillinger."}
    lines = str(exc).strip().splitlines()
    return {"ok": False, "kind": kind, "error": lines[0] if lines else type(exc).__name__}


class Deadline:
    """Interrupts the connection from `when` on, again and again (a no-op between statements), until stopped."""

    def __init__(self, con: duckdb.DuckDBPyConnection, when: float):
        self.con, self.when = con, when
        self.stopped = threading.Event()
        threading.Thread(target=self._watch, daemon=True).start()

    def _watch(self) -> None:
        while not self.stopped.wait(0.05):
            if time.time() >= self.when:
                self.con.interrupt()

    def bring_forward(self, seconds: float) -> None:
        self.when = min(self.when, time.time() + seconds)


def write(header: dict, table: pa.Table | None) -> None:
    out = sys.stdout.buffer
    out.write(json.dumps(header, ensure_ascii=False).encode("utf-8") + b"\n")
    if table is not None:
        with pa.ipc.new_stream(out, table.schema) as stream:
            stream.write_table(table)
    out.flush()


def main() -> None:
    request = json.loads(sys.stdin.buffer.read().decode("utf-8"))
    cap_data_segment(LOAD_CAP_MB)
    try:
        header, table = run(request)
    except MemoryError:
        header, table = {"ok": False, "kind": "memory"}, None
    write(header, table)
    os._exit(0)  # skip interpreter teardown: DuckDB may still be unwinding an interrupted query


if __name__ == "__main__":
    main()
