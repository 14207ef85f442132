"""Which ad-hoc SELECTs the SQL sandbox runs: a check of DuckDB's parse tree against allowlists.

The sandbox also disables the file system, so a name that slips past this check still cannot
read a file; this check is what keeps catalog and settings functions (which may reveal paths,
and `query()`, which would hide a second statement from the check) out of reach. It is pure: it
reads the JSON of `json_serialize_sql` and imports nothing heavy, so the worker starts fast.
"""
from __future__ import annotations

import json

# Table functions a query may call: generators, and the catalog functions that list the views.
CATALOG_FUNCTIONS = frozenset({"duckdb_tables", "duckdb_columns"})
TABLE_FUNCTIONS = frozenset({"range", "generate_series", "unnest"}) | CATALOG_FUNCTIONS
# information_schema tables a query may read (they list the views and their columns).
INFORMATION_SCHEMA = frozenset({"tables", "columns"})
# Scalar functions that read settings (paths among them) or the environment.
SCALAR_DENIED = frozenset({"current_setting", "getenv", "getvariable"})
SCHEMAS_OK = frozenset({"", "main"})
CATALOGS_OK = frozenset({"", "memory"})
QUERY_NODES = frozenset({"SELECT_NODE", "SET_OPERATION_NODE", "RECURSIVE_CTE_NODE", "CTE_NODE"})  # not INSERT … in a CTE
SHOW_OK = frozenset({"DESCRIBE", "SUMMARY"})  # DESCRIBE / SUMMARIZE of a query; SHOW … is refused


class Refused(Exception):
    """A query the sandbox will not run; the message is Norwegian and names no path."""


def parse(tree_json: str) -> dict:
    """The parse tree from DuckDB's json_serialize_sql; Refused when DuckDB could not serialise it."""
    try:
        tree = json.loads(tree_json)
    except (RecursionError, ValueError) as exc:
        raise Refused("Spørringen er for dypt nestet til å kontrolleres.") from exc
    if not isinstance(tree, dict) or tree.get("error"):
        raise Refused("Bare én SELECT-spørring er tillatt (kun lesing).")
    return tree


def check(tree: dict, views: frozenset[str], reserved: frozenset[str]) -> None:
    """Refuse a parsed SELECT that reads anything but the views, allowed functions or its own CTEs.

    `views` are the sandbox's tables, views and table macros; `reserved` the names of DuckDB's
    own table functions and system views (a CTE may not borrow one: outside the CTE's scope
    the name would reach the system object).
    """
    nodes = list(_nodes(tree))
    ctes = _cte_names(nodes)
    if borrowed := sorted((ctes & reserved) - views):
        raise Refused(f"Navnet «{borrowed[0]}» er reservert; gi CTE-en et annet navn.")
    for node in nodes:
        _check_node(node, views, ctes)


def tables_needed(tree: dict, tables: frozenset[str], depends: dict[str, list[str]]) -> frozenset[str]:
    """The stored tables a query reads: named directly or through a staging object (all for the catalog)."""
    named = set()
    for node in _nodes(tree):
        if node.get("type") == "BASE_TABLE" and "class" not in node:
            named.add(str(node.get("table_name", "")).lower())
            if str(node.get("schema_name", "")).lower() == "information_schema":
                return tables  # row counts in the catalog must be the real ones
        elif node.get("type") == "TABLE_FUNCTION" and "class" not in node:
            named.add(str((node.get("function") or {}).get("function_name", "")).lower())
    if named & CATALOG_FUNCTIONS:
        return tables
    return frozenset((named & tables).union(*(depends.get(name, ()) for name in named)))


def _nodes(tree):
    """Every dict in the tree, iteratively (a deep tree must not exhaust Python's stack)."""
    stack = [tree]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            yield item
            stack.extend(item.values())
        elif isinstance(item, list):
            stack.extend(item)


def _cte_names(nodes) -> frozenset[str]:
    names = set()
    for node in nodes:
        cte_map = node.get("cte_map")
        if isinstance(cte_map, dict):
            names.update(str(entry.get("key", "")).lower() for entry in cte_map.get("map", []))
    return frozenset(names)


def _check_node(node: dict, views: frozenset[str], ctes: frozenset[str]) -> None:
    kind = str(node.get("type"))
    if kind.endswith("_NODE") and "class" not in node and kind not in QUERY_NODES:
        raise Refused("SQL-konsollen kan bare lese: INSERT, UPDATE, DELETE og COPY er ikke tillatt, heller ikke i en CTE.")
    if kind == "BASE_TABLE" and "class" not in node:
        _check_table(node, views | ctes)
    elif kind == "TABLE_FUNCTION" and "class" not in node:
        _check_table_function(node.get("function") or {}, views)  # a CTE is never a function
    elif kind == "SHOW_REF" and "class" not in node:
        if node.get("show_type") not in SHOW_OK or node.get("table_name"):
            raise Refused("SHOW er ikke tillatt her; bruk DESCRIBE, SUMMARIZE eller duckdb_tables().")
    elif node.get("class") == "FUNCTION" and str(node.get("function_name", "")).lower() in SCALAR_DENIED:
        raise Refused(f"Funksjonen {node['function_name']}() er ikke tillatt i SQL-konsollen.")


def _check_table(node: dict, names: frozenset[str]) -> None:
    shown = str(node.get("table_name", ""))
    name = shown.lower()
    schema = str(node.get("schema_name", "")).lower()
    catalog = str(node.get("catalog_name", "")).lower()
    if catalog not in CATALOGS_OK:
        raise Refused(f"Databasen «{catalog}» finnes ikke i SQL-konsollen.")
    if schema == "information_schema" and name in INFORMATION_SCHEMA:
        return
    if schema not in SCHEMAS_OK or name not in names:
        raise Refused(f"Tabellen «{shown}» finnes ikke i SQL-konsollen. Tillatt: visningene "
                      "(results, turnout, elections …), live_rows og egne CTE-er.")


def _check_table_function(function: dict, views: frozenset[str]) -> None:
    name = str(function.get("function_name", "")).lower()
    schema = str(function.get("schema", "")).lower()
    catalog = str(function.get("catalog", "")).lower()
    allowed = name in TABLE_FUNCTIONS or name in views
    if not allowed or schema not in SCHEMAS_OK or catalog not in CATALOGS_OK:
        raise Refused(f"Tabellfunksjonen {name}() er ikke tillatt i SQL-konsollen (ingen filer, "
                      "innstillinger eller systemkataloger). Tillatt: " + ", ".join(sorted(TABLE_FUNCTIONS))
                      + " og results_at_chosen_level().")
