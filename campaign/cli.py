"""The command line: python -m campaign {demo,sql,seats} [--data-dir DIR]."""
from __future__ import annotations

import argparse
import sys

import duckdb

from campaign.config import load_config
from campaign.db import Database, QueryError, readonly_sql
from campaign.demo import write_demo
from campaign.seats import seat_table
from campaign.store import Store


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="lagerets mappe (ellers CAMPAIGN_DATA_DIR eller data/)")
    parser = argparse.ArgumentParser(prog="python -m campaign", parents=[common],
                                     description="Valgkampdashbordets kommandolinje.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", parents=[common], help="skriv eksempeldata til lageret")
    sql = sub.add_parser("sql", parents=[common], help="kjør én lesende SQL-spørring (CSV ut)")
    sql.add_argument("query")
    sql.add_argument("--json", action="store_true", help="skriv JSON i stedet for CSV")
    seats = sub.add_parser("seats", parents=[common], help="mandatfordeling for et valg (CSV ut)")
    seats.add_argument("election_id")
    seats.add_argument("--area", help="områdekode (fylke, kommune eller bydel); ellers kommunen i campaign.toml")
    seats.add_argument("--seats", type=int, help="antall mandater; ellers fra campaign.toml")
    return parser


def cmd_demo(store: Store, _args) -> int:
    version, rows = write_demo(store)
    print(f"demo: {rows} rader skrevet (ko2019, st2021, ko2023), dataversjon {version}")
    return 0


def cmd_sql(store: Store, args) -> int:
    try:
        frame = readonly_sql(store, args.query)
    except (QueryError, duckdb.Error) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    if args.json:
        print(frame.to_json(orient="records", force_ascii=False, date_format="iso"))
    else:
        print(frame.to_csv(index=False), end="")
    return 0


def cmd_seats(store: Store, args) -> int:
    config = load_config()
    area = args.area or config.kommune_id
    votes = Database(store).query("party_shares", election_id=args.election_id, compare_id=None, area_id=area)
    if votes.empty:
        print(f"Feil: ingen resultater for {args.election_id} i område {area}.", file=sys.stderr)
        return 1
    total = args.seats or config.seats_for(args.election_id)
    table = seat_table(votes, total, config.first_divisor)
    table = table[["party_code", "party_name", "votes", "seats", "votes_for_next_seat", "votes_to_spare"]]
    print(table.to_csv(index=False), end="")
    return 0


COMMANDS = {"demo": cmd_demo, "sql": cmd_sql, "seats": cmd_seats}


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code says whether it succeeded."""
    args = _parser().parse_args(argv)
    return COMMANDS[args.command](Store(args.data_dir), args)
