"""The command line: python -m campaign {demo,import,fetch-valg,sql,seats} [--data-dir DIR]."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

from campaign.config import load_config
from campaign.db import Database, QueryError, readonly_sql
from campaign.demo import write_demo
from campaign.fetch import FetchError, fetch_valg
from campaign.ingest import registry
from campaign.ingest import report as report_text
from campaign.ingest.importer import apply_import, plan_import
from campaign.seats import seat_table
from campaign.store import Store


def _parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="lagerets mappe (ellers CAMPAIGN_DATA_DIR eller data/)")
    common.add_argument("-v", "--verbose", action="store_true", help="vis alle kontroller og merknader")
    parser = argparse.ArgumentParser(prog="python -m campaign", parents=[common],
                                     description="Valgkampdashbordets kommandolinje.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", parents=[common], help="skriv eksempeldata til lageret")
    sql = sub.add_parser("sql", parents=[common], help="kjør én lesende SQL-spørring (CSV ut)")
    sql.add_argument("query")
    sql.add_argument("--json", action="store_true", help="skriv JSON i stedet for CSV")
    imp = sub.add_parser("import", parents=[common], help="importer filer (valgresultater, kartgrenser …)")
    imp.add_argument("files", nargs="+", metavar="FIL")
    for option in registry.options():  # what some kind of file does not say itself
        imp.add_argument(f"--{option.name.replace('_', '-')}", dest=option.name, help=option.help)
    fetch = sub.add_parser("fetch-valg", parents=[common], help="hent et valgresultat fra valgresultat.no og importer det")
    fetch.add_argument("year", type=int)
    fetch.add_argument("type", choices=["ko", "fy", "st"])
    fetch.add_argument("kommune", nargs="?", help="kommunenummer; ellers kommunen i campaign.toml")
    fetch.add_argument("--fylke", help="valgdistrikt/fylkesnummer i API-et; ellers fra campaign.toml")
    fetch.add_argument("--depth", choices=["bydel", "krets"], default="krets", help="hvor langt ned (standard: krets)")
    fetch.add_argument("--base-url", default="https://valgresultat.no/api")
    fetch.add_argument("--timeout", type=float, default=10.0)
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


def _print_report(report, verbose: bool = False) -> None:
    print("\n".join(report_text.as_text(report, verbose)))


def cmd_import(store: Store, args) -> int:
    files = []
    for name in args.files:
        try:
            files.append((Path(name).name, Path(name).read_bytes()))
        except OSError as exc:
            print(f"AVVIST  «{name}»: kan ikke leses ({exc.strerror}).")
            return 1
    config = load_config()
    options = {o.name: getattr(args, o.name) for o in registry.options()}
    plan = plan_import(files, store, config, **options)
    for report in plan.reports:
        _print_report(report, args.verbose)
    apply_import(plan, store, config)
    return 0 if all(r.accepted for r in plan.reports) else 1


def cmd_fetch(store: Store, args) -> int:
    config = load_config()
    kommune = args.kommune or config.kommune_id
    # Fylke numbers in the API follow the election's own county division, not the kommune number.
    fylke = args.fylke or (config.fylke_id if kommune == config.kommune_id else kommune[:2])
    try:
        responses = fetch_valg(args.year, args.type, kommune, fylke, depth=args.depth,
                               base_url=args.base_url, timeout=args.timeout)
    except FetchError as exc:
        print(f"AVVIST  {exc} Ingenting er importert.")
        return 1
    plan = plan_import(responses, store, config)
    for report in plan.reports:
        _print_report(report, args.verbose)
    if not all(r.accepted for r in plan.reports):
        print("AVVIST  minst ett svar kunne ikke leses; ingenting er importert.")
        return 1
    source = f"valgresultat.no/{args.year}/{args.type}/{fylke}/{kommune} ({len(responses)} svar)"
    apply_import(plan, store, config, source_name=source)
    return 0


COMMANDS = {"demo": cmd_demo, "sql": cmd_sql, "seats": cmd_seats, "import": cmd_import, "fetch-valg": cmd_fetch}


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code says whether it succeeded."""
    args = _parser().parse_args(argv)
    return COMMANDS[args.command](Store(args.data_dir), args)
