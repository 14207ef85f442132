"""The command line: python -m campaign {demo,import,fetch-valg,sql,seats,report} [--data-dir DIR]."""
from __future__ import annotations

import argparse
import errno
import sys
from dataclasses import replace
from pathlib import Path

import duckdb
import pandas as pd

from campaign import fmt
from campaign.cli_args import NorwegianParser
from campaign.config import load_config
from campaign.db import Database, QueryError
from campaign.demo import write_demo
from campaign.fetch import FetchError, fetch_valg
from campaign.ingest import registry
from campaign.ingest import report as report_text
from campaign.ingest.importer import ImportPlan, apply_import, read_files
from campaign.results import SeatBasis, seat_basis
from campaign.sandbox import DEFAULT_LIMIT, run_sql
from campaign.seats import seat_table
from campaign.store import Store, StoreBusy
from campaign.writelock import seconds


def _parser() -> argparse.ArgumentParser:
    common = NorwegianParser(add_help=False)
    common.add_argument("--data-dir", help="lagerets mappe (ellers CAMPAIGN_DATA_DIR eller data/)")
    common.add_argument("-v", "--verbose", action="store_true", help="vis alle kontroller og merknader")
    writer = NorwegianParser(add_help=False, parents=[common])
    writer.add_argument("--lock-timeout", type=float, metavar="SEKUNDER",
                        help="hvor lenge å vente på en annen import (ellers CAMPAIGN_LOCK_TIMEOUT eller 120)")
    parser = NorwegianParser(prog="python -m campaign", parents=[common],
                             description="Valgkampdashbordets kommandolinje.")
    sub = parser.add_subparsers(dest="command", required=True)
    sub.add_parser("demo", parents=[writer], help="skriv eksempeldata til lageret")
    sql = sub.add_parser("sql", parents=[common], help="kjør én lesende SQL-spørring (CSV ut)")
    sql.add_argument("query")
    sql.add_argument("--json", action="store_true", help="skriv JSON i stedet for CSV")
    sql.add_argument("--limit", metavar="N", help=f"høyst N rader ut (standard {fmt.number(DEFAULT_LIMIT)}); "
                     "en merknad på stderr sier fra når svaret er kuttet")
    imp = sub.add_parser("import", parents=[writer], help="importer filer (valgresultater, kartgrenser …)")
    imp.add_argument("files", nargs="+", metavar="FIL")
    for option in registry.options():  # what some kind of file does not say itself
        imp.add_argument(f"--{option.name.replace('_', '-')}", dest=option.name, help=option.help)
    fetch = sub.add_parser("fetch-valg", parents=[writer], help="hent et valgresultat fra valgresultat.no og importer det")
    fetch.add_argument("year", type=int)
    fetch.add_argument("type", choices=["ko", "fy", "st"])
    fetch.add_argument("kommune", nargs="?", help="kommunenummer; ellers kommunen i campaign.toml")
    fetch.add_argument("--fylke", help="valgdistrikt/fylkesnummer i API-et; ellers fra campaign.toml")
    fetch.add_argument("--depth", choices=["bydel", "krets"], default="krets", help="hvor langt ned (standard: krets)")
    fetch.add_argument("--base-url", default="https://valgresultat.no/api")
    fetch.add_argument("--timeout", type=float, default=10.0)
    seats = sub.add_parser("seats", parents=[common], help="mandatfordeling for et valg (CSV ut)")
    seats.add_argument("election_id")
    seats.add_argument("--area", help="områdekode (fylke, kommune eller bydel); ellers der lagets velgere vinner "
                                      "mandatene (kommunestyret, eller valgdistriktets distriktsmandater)")
    seats.add_argument("--seats", type=int, help="antall mandater; ellers fra campaign.toml eller fra fila")
    report = sub.add_parser("report", parents=[common], help="evalueringen som lysbilder (16:9), PDF eller HTML")
    report.add_argument("election_id", metavar="VALG")
    report.add_argument("--compare", metavar="VALG", help="valget å sammenligne med (ellers forrige valg av samme slag)")
    report.add_argument("--out", required=True, metavar="FIL", help="rapport.pdf (trenger Chromium) eller rapport.html")
    return parser


def cmd_report(store: Store, args) -> int:
    """The evaluation deck for an election (python -m campaign report ko2023 --out rapport.pdf)."""
    import logging
    import os

    from campaign.analysis import default_comparison

    config = load_config()
    available = Database(store).query("elections_available", kommune_id=config.kommune_id, fylke_id=config.fylke_id)
    ids = list(available["election_id"])
    for wanted in (args.election_id, args.compare):
        if wanted and wanted not in ids:
            print(f"Feil: ingen resultater for «{fmt.one_line(wanted)}» i lageret (valg med data: "
                  f"{', '.join(ids) or 'ingen'}).", file=sys.stderr)
            return 1
    compare = args.compare or default_comparison(args.election_id, ids, dict(zip(ids, available["kind"])))
    os.environ["CAMPAIGN_DATA_DIR"] = str(store.data_dir)  # the slides read through campaign.queries
    from streamlit import logger as streamlit_logger

    streamlit_logger.set_log_level(logging.ERROR)  # no «No runtime found» lines: the cache works without a server
    from campaign.report_deck import ReportError, write_report

    out = Path(args.out)
    try:
        deck = write_report(args.election_id, compare, out)
    except (ReportError, OSError) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    print(f"rapport: {len(deck.slides)} lysbilder ({deck.heading}) skrevet til {out}."
          + (f" Ikke med: {len(deck.missing)} (se siste side)." if deck.missing else ""))
    return 0


def cmd_demo(store: Store, _args) -> int:
    from campaign.demo import demo_elections, demo_note  # only the demo command needs them

    config = load_config()
    try:
        version, rows = write_demo(store, config, on_wait=_tell_waiting)
    except StoreBusy as exc:
        print(f"AVVIST  {exc}")
        return 1
    print(f"demo: {rows} rader skrevet ({', '.join(demo_elections(config))}) for {config.org_name}, "
          f"dataversjon {version}.{demo_note(config)}")
    return 0


def _row_limit(text: str | None) -> int:
    """--limit as a number (0 and text are caught by run_sql's range check)."""
    if text is None:
        return DEFAULT_LIMIT
    return int(text) if text.isascii() and text.isdigit() and len(text) < 10 else 0


def cmd_sql(store: Store, args) -> int:
    try:
        result = run_sql(store, args.query, limit=_row_limit(args.limit))
    except (QueryError, duckdb.Error) as exc:
        print(f"Feil: {exc}", file=sys.stderr)
        return 1
    if result.truncated:
        print(f"Merk: {result.notice()} Bruk --limit N for flere.", file=sys.stderr)
    if args.json:
        print(result.frame.to_json(orient="records", force_ascii=False, date_format="iso", default_handler=str))
    else:
        print(result.frame.to_csv(index=False), end="")
    return 0


def cmd_seats(store: Store, args) -> int:
    """Seats of an election: over --area's votes (with --seats, else the configured seats), or without
    --area where the branch's voters win them (the kommunestyre, the constituency's district seats …)."""
    config = load_config()
    run = Database(store).query
    if args.area:
        votes = run("party_shares", election_id=args.election_id, compare_id=None, area_id=args.area)
        basis = SeatBasis(args.seats or config.seats_for(args.election_id), votes, args.area, area_name=args.area)
        if votes.empty:
            print(f"Feil: ingen resultater for {args.election_id} i område {args.area}.", file=sys.stderr)
            return 1
    else:
        basis = seat_basis(args.election_id, config, run)
        if args.seats and len(basis.parts) < 2:
            basis = replace(basis, total=args.seats)
    chosen = basis.allocating()
    if not chosen:
        why = basis.note or f"antall mandater for {args.election_id} er ikke oppgitt; bruk --seats N."
        print(f"Feil: {why}", file=sys.stderr)
        return 1
    if basis.note:
        print(f"Merk: {basis.note}", file=sys.stderr)
    columns = ["party_code", "party_name", "votes", "seats", "votes_for_next_seat", "votes_to_spare"]
    frames = [seat_table(b.votes, b.total, config.first_divisor)[columns].assign(area=b.area_name) for b in chosen]
    table = pd.concat(frames, ignore_index=True)
    table = table[["area", *columns]] if len(frames) > 1 else table[columns]
    print(table.to_csv(index=False), end="")
    return 0


def _print_report(report, verbose: bool = False) -> None:
    print("\n".join(report_text.as_text(report, verbose)))


def _tell_waiting(timeout: float) -> None:
    print(f"En annen import pågår – venter på tur (opptil {seconds(timeout)} s) …", file=sys.stderr, flush=True)


def _apply_and_report(plan: ImportPlan, store: Store, args, source_name: str | None = None) -> int:
    """Write the plan, then print one report per file: «OK» only for what was committed."""
    try:
        apply_import(plan, store, load_config(), source_name, on_wait=_tell_waiting)
    except (StoreBusy, OSError) as exc:
        for report in plan.reports:
            if not report.accepted:
                _print_report(report, args.verbose)
        print(f"AVVIST  {_not_written(exc, store)}")
        return 1
    for report in plan.reports:
        _print_report(report, args.verbose)
    if plan.waited_s:
        print(f"(ventet {seconds(plan.waited_s)} s på en annen import)", file=sys.stderr)
    return 0 if all(r.accepted for r in plan.reports) else 1


def _not_written(exc: Exception, store: Store) -> str:
    if isinstance(exc, StoreBusy):
        return str(exc)
    return (f"Kunne ikke skrive til lageret i «{fmt.one_line(str(store.data_dir))}» "
            f"({fmt.one_line(exc.strerror or type(exc).__name__)}); ingenting er endret.")


def _unreadable(exc: OSError) -> str:
    return {errno.ENOENT: "finnes ikke", errno.EACCES: "mangler lesetilgang", errno.EISDIR: "er en mappe"}.get(
        exc.errno, fmt.one_line(exc.strerror or "ukjent feil"))


def cmd_import(store: Store, args) -> int:
    files = []
    for name in args.files:
        try:
            files.append((Path(name).name, Path(name).read_bytes()))
        except OSError as exc:
            print(f"AVVIST  «{fmt.one_line(name)}»: kan ikke leses ({_unreadable(exc)}). Ingenting er importert.")
            return 1
    options = {o.name: getattr(args, o.name) for o in registry.options()}
    return _apply_and_report(read_files(files, load_config(), **options), store, args)


def cmd_fetch(store: Store, args) -> int:
    config = load_config()
    kommune = args.kommune or config.kommune_id
    if not kommune:  # a county branch has no kommune of its own
        print(f"AVVIST  {config.org_name} er et fylkeslag ({config.area_name}): oppgi kommunenummeret, "
              "f.eks. «fetch-valg 2023 ko 5001». Ingenting er importert.")
        return 1
    # Fylke numbers in the API follow the election's own county division, not the kommune number.
    fylke = args.fylke or (config.fylke_id if kommune == config.kommune_id else kommune[:2])
    try:
        responses = fetch_valg(args.year, args.type, kommune, fylke, depth=args.depth,
                               base_url=args.base_url, timeout=args.timeout)
    except FetchError as exc:
        print(f"AVVIST  {exc} Ingenting er importert.")
        return 1
    plan = read_files(responses, config)
    if not all(r.accepted for r in plan.reports):
        for report in plan.reports:
            _print_report(report, args.verbose)
        print("AVVIST  minst ett svar kunne ikke leses; ingenting er importert.")
        return 1
    source = f"valgresultat.no/{args.year}/{args.type}/{fylke}/{kommune} ({len(responses)} svar)"
    return _apply_and_report(plan, store, args, source_name=source)


COMMANDS = {"demo": cmd_demo, "sql": cmd_sql, "seats": cmd_seats, "import": cmd_import, "fetch-valg": cmd_fetch,
            "report": cmd_report}


def main(argv: list[str] | None = None) -> int:
    """Run one command; the exit code says whether it succeeded (2: the command line was wrong)."""
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exc:  # --help (0), or a Norwegian usage error (2)
        return exc.code if isinstance(exc.code, int) else 2
    return COMMANDS[args.command](Store(args.data_dir, lock_timeout=getattr(args, "lock_timeout", None)), args)
