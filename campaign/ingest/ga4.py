"""Google Analytics 4 report downloads (CSV): traffic acquisition per day and channel → `web`, pages → `web_pages`.

The layout (export-formats.md §6.1): a `#` comment block (title, account, property, start and end
date as YYYYMMDD, all localized), then the table with raw numbers; `Date` (YYYYMMDD) is there only
when the user added it as a secondary dimension. A file may hold further tables (a chart series)
after a blank line and another `#` block: only the main table is read. Explorations may add a
`Grand total` row, which is checked against the rows and never stored. A comparison export (two
Start/End date pairs) keeps the rows of both windows; other columns (a `Date range`) are ignored.
"""
from __future__ import annotations

import datetime as dt
import re

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ParsedBatch, rejected
from campaign.ingest.source import Option, Sniff, Source
from campaign.ingest.tabular import (
    Columns,
    Table,
    count,
    decode,
    norm,
    one_date_format,
    original_header,
    period_text,
    read_table,
    sniff_header,
)

KIND = "ga4"

# Header aliases (matched case- and space-insensitively). English, Norwegian (guessed: not yet seen
# in a real file) and French (seen in public code). Extend freely.
ALIASES: dict[str, list[str]] = {
    "date": ["dato", "jour"],
    "channel": ["session default channel group", "session primary channel group (default channel group)",
                "default channel group", "session primary channel group", "standard kanalgruppe for økten",
                "primær kanalgruppe for økten (standard kanalgruppe)", "standard kanalgruppering for økten",
                "groupe de canaux par défaut de la session"],
    "page": ["page path and screen class", "page title and screen class", "page path", "page title",
             "page path + query string and screen class", "page path + query string",
             "sidebane og skjermklasse", "sidetittel og skjermklasse", "sidebane", "sidetittel",
             "chemin de la page et classe de l'écran", "titre de la page et classe de l'écran"],
    "sessions": ["økter", "sesjoner"],
    "engaged_sessions": ["engaged sessions", "engasjerte økter", "engasjerte sesjoner", "sessions avec engagement"],
    "users": ["active users", "total users", "brukere", "aktive brukere", "totalt antall brukere",
              "utilisateurs", "utilisateurs actifs"],
    "views": ["visninger", "vues", "screen page views"],
}
# A custom channel group is named by the property owner: the first column matches loosely.
CHANNEL_WORDS = ("channel group", "channel grouping", "kanalgrupp", "groupe de canaux")
PAGE_WORDS = ("page path", "page title", "screen class", "sidebane", "sidetittel", "skjermklasse")
# Comment-block keys: `# Start date: 20230801` (Norwegian guessed, French seen).
COMMENT_KEYS = {
    "start": ("start date", "startdato", "fra dato", "date de début"),
    "end": ("end date", "sluttdato", "til dato", "date de fin"),
    "property": ("property", "egenskap", "eiendom", "propriété"),
    "account": ("account", "konto", "compte"),
}
TOTAL_WORDS = {"grand total", "total", "totalt", "totalsum", "sum", "totaux", "total général"}
TABLES = {"web": ("channel", "kanal"), "web_pages": ("page", "side")}
METRICS = {"web": ("sessions", "engaged_sessions", "users", "views"), "web_pages": ("views", "users")}
NEEDED = {"web": ["channel", "sessions"], "web_pages": ["page", "views"]}
DATE_FORMATS = ("%Y%m%d", "%Y-%m-%d")
ADD_DATE = ("Dashbordet trenger tall per dag: legg til «Dato» (Date) som sekundær dimensjon i GA4-rapporten, "
            "og last den ned på nytt.")


def _dimension(header: list[str], canonical: str, words: tuple[str, ...]) -> int | None:
    """The column of a channel or page dimension: an alias, else a header holding one of the words."""
    wanted = {norm(a) for a in ALIASES[canonical]}
    found = [i for i, cell in enumerate(header) if cell in wanted or any(w in cell for w in words)]
    return found[0] if found else None


class _Columns(Columns):
    """Columns that also know the header as the file writes it, for messages."""

    def __init__(self, header: list[str], names: list[str]):
        super().__init__(header, ALIASES)
        self.names = names

    def name(self, canonical: str) -> str:
        return self.names[self.index[canonical]] if canonical in self.index else canonical


def _columns(header: list[str], names: list[str] | None = None) -> _Columns:
    cols = _Columns(header, names or header)
    for canonical, words in (("channel", CHANNEL_WORDS), ("page", PAGE_WORDS)):
        index = _dimension(header, canonical, words)
        if index is not None:
            cols.index[canonical] = index
    return cols


def _is_header(header: list[str]) -> bool:
    cols = _columns(header)
    return ("channel" in cols or "page" in cols) and ("sessions" in cols or "views" in cols)


def _comments(preamble: list[str], source_name: str) -> dict:
    """Title, account, property and the report's date windows from the `#` block(s) above the table."""
    meta: dict = {"windows": [], "starts": [], "title": None}
    for number, line in enumerate(preamble, start=1):
        text = line.lstrip("#").strip()
        if not line.startswith("#") or not text or set(text) <= {"-"}:
            continue
        key, _, value = text.partition(":")
        name = next((k for k, words in COMMENT_KEYS.items() if norm(key) in words), None)
        if name in ("start", "end"):
            (day,) = one_date_format([value], DATE_FORMATS, source_name, number, key.strip())
            if name == "start":
                meta["starts"].append(day)
            elif meta["starts"]:
                meta["windows"].append((meta["starts"].pop(0), day))
        elif name:
            meta.setdefault(name, value.strip())
        elif meta["title"] is None:
            meta["title"] = text
    meta["windows"] = sorted(set(meta["windows"]))
    return meta


def _main_table(table: Table) -> tuple[list[tuple[int, list[str]]], bool]:
    """The main table's rows with their file lines (up to a blank or `#` line), and whether more follows."""
    rows = []
    for offset, row in enumerate(table.rows):
        if not row or not "".join(row).strip() or row[0].startswith("#"):
            rest = table.rows[offset:]
            return rows, any(r and "".join(r).strip() for r in rest)
        rows.append((table.first_line + offset, row))
    return rows, False


def _kind(cols: _Columns, source_name: str) -> str:
    if "channel" in cols and "page" in cols:
        raise rejected(source_name, "rapporten har både kanal og side som dimensjon. Last ned «Trafikkanskaffelse» "
                                    "og «Sider og skjermer» hver for seg, med «Dato» som sekundær dimensjon.")
    kind = "web_pages" if "page" in cols else "web"
    cols.require(source_name, NEEDED[kind], ALIASES)
    return kind


def _split_total(rows: list, cols: _Columns) -> tuple[list, list]:
    """Rows of data, and `Grand total` rows (first cell a total word, no day of its own)."""
    data, totals = [], []
    for line, row in rows:
        is_total = norm(row[0]) in TOTAL_WORDS and not re.fullmatch(r"[0-9]{8}", cols.cell(row, "date"))
        (totals if is_total else data).append((line, row))
    return data, totals


def _days(rows: list, cols: _Columns, meta: dict, source_name: str) -> list[dt.date]:
    """Each row's day: the Date column, or the report's window when that is a single day."""
    if "date" in cols:
        column = cols.name("date")
        days = [one_date_format([cols.cell(r, "date")], DATE_FORMATS, source_name, line, column)[0]
                for line, r in rows]
        _within_windows(days, rows, meta["windows"], source_name, column)
        return days
    windows = meta["windows"]
    if len(windows) == 1 and windows[0][0] == windows[0][1]:
        return [windows[0][0]] * len(rows)
    period = "; ".join(period_text(a, b) for a, b in windows) or "en ukjent periode"
    raise rejected(source_name, f"rapporten har ingen dato per rad, men gjelder {period} samlet. {ADD_DATE}")


def _within_windows(days: list[dt.date], rows: list, windows: list, source_name: str, column: str) -> None:
    outside = [(day, line) for day, (line, _) in zip(days, rows) if not any(a <= day <= b for a, b in windows)]
    if windows and outside:
        spans = "; ".join(period_text(a, b) for a, b in windows)
        raise rejected(source_name, f"dagen {outside[0][0]:%d.%m.%Y} ligger utenfor rapportens periode ({spans}).",
                       outside[0][1], column)


def _frame(kind: str, rows: list, days: list, cols: _Columns, site: str, comma: bool, source_name: str) -> pd.DataFrame:
    dimension, _ = TABLES[kind]
    records = []
    for day, (line, row) in zip(days, rows):
        record = {"date": day, "site": site, dimension: cols.cell(row, dimension)}
        for metric in METRICS[kind]:
            record[metric] = count(cols.cell(row, metric), source_name, line, cols.name(metric), comma)
        records.append(record | {"_line": line})
    frame = pd.DataFrame.from_records(records)
    for metric in METRICS[kind]:
        frame[metric] = frame[metric].astype("Int64")
    return frame


def _reject_impossible(kind: str, frame: pd.DataFrame, cols: _Columns, source_name: str) -> None:
    """Two rows for one day and channel/page, or more engaged sessions than sessions."""
    dimension, noun = TABLES[kind]
    twice = frame[frame.duplicated(["date", dimension], keep=False)]
    if len(twice):
        first, second = twice["_line"].iloc[0], twice["_line"].iloc[1]
        raise rejected(source_name, f"rad {first} og rad {second} gjelder samme dag og {noun} "
                                    f"(«{twice[dimension].iloc[0]}»). Har rapporten en dimensjon til? Fjern den.",
                       second, cols.name(dimension))
    if kind == "web" and "engaged_sessions" in cols:
        worse = frame[frame["engaged_sessions"].fillna(0) > frame["sessions"].fillna(0)]
        if len(worse):
            raise rejected(source_name, f"flere engasjerte økter ({worse['engaged_sessions'].iloc[0]}) enn økter "
                                        f"({worse['sessions'].iloc[0]}).", int(worse["_line"].iloc[0]),
                           cols.name("engaged_sessions"))


def _site(meta: dict, site: str | None, source_name: str) -> str:
    """The property named in the comment block (without « - GA4»), else the --site option."""
    named = re.sub(r"\s*[-–(]\s*GA4\)?\s*$", "", meta.get("property") or "", flags=re.IGNORECASE).strip()
    if named := named or (site or "").strip():
        return named
    raise rejected(source_name, "filen sier ikke hvilket nettsted den gjelder (linjen «# Property:» mangler). "
                                "Oppgi --site på kommandolinjen, eller fyll ut «Nettsted» på importsiden.")


def _total_check(kind: str, frame: pd.DataFrame, totals: list, cols: _Columns, comma: bool, source_name: str) -> Check:
    """The rows add up to the file's own `Grand total` (sessions or views; users never add up)."""
    metric, noun = ("sessions", "økter") if kind == "web" else ("views", "visninger")
    line, row = totals[0]
    stated = count(cols.cell(row, metric), source_name, line, cols.name(metric), comma)
    summed = int(frame[metric].sum())
    ok = stated is None or stated == summed
    return Check("Totalsum", ok, f"radene gir {fmt.number(summed)} {noun}, filens egen totalrad "
                                 f"{'sier det samme' if ok else f'sier {fmt.number(stated)}'}; totalraden lagres ikke.")


def _checks(kind: str, frame: pd.DataFrame, totals: list, cols: _Columns, comma: bool, source_name: str) -> list[Check]:
    noun, nouns = ("kanal", "kanaler") if kind == "web" else ("side", "sider")
    checks = [Check("Brukere summeres ikke", True, f"GA4 teller brukere per dag og {noun}; samme person kan telles "
                                                   f"flere dager, så brukere legges ikke sammen over dager eller {nouns}.")]
    if totals:
        checks.append(_total_check(kind, frame, totals, cols, comma, source_name))
    return checks


def _notes(encoding: str, table: Table, more: bool, meta: dict) -> list[str]:
    notes = [f"Filen ble lest som {encoding}."] if encoding != "UTF-8" else []
    if any(line.strip() and not line.startswith("#") for line in table.preamble) or more:
        notes.append("Filen har flere tabeller; bare hovedtabellen ble lest "
                     f"({meta['title'] or 'den med kanal eller side per rad'}). Diagramserien ble ikke importert.")
    return notes


def parse_ga4(data: bytes, source_name: str, config: Config | None = None, site: str | None = None) -> ParsedBatch:
    """A GA4 report download as `web` (traffic acquisition) or `web_pages` (pages and screens) rows."""
    text, encoding = decode(data, source_name)
    table = read_table(text, source_name, _is_header, max_preamble=1000)
    meta = _comments(table.preamble, source_name)
    cols = _columns(table.header, original_header(text, table))
    kind = _kind(cols, source_name)
    rows, more = _main_table(table)
    rows, totals = _split_total(rows, cols)
    if not rows:
        raise rejected(source_name, "rapporten har ingen rader med tall (bare overskrift og kommentarer).")
    comma = table.delimiter == ";"
    days = _days(rows, cols, meta, source_name)
    frame = _frame(kind, rows, days, cols, _site(meta, site, source_name), comma, source_name)
    _reject_impossible(kind, frame, cols, source_name)
    checks = _checks(kind, frame, totals, cols, comma, source_name)
    stored = frame.drop(columns="_line").sort_values(["date", TABLES[kind][0]], ignore_index=True)
    return ParsedBatch(KIND, source_name, None, {kind: stored}, _areas(kind, stored), checks,
                       _notes(encoding, table, more, meta))


def _areas(kind: str, frame: pd.DataFrame) -> str:
    n = frame[TABLES[kind][0]].nunique()
    what = f"{n} {'kanal' if n == 1 else 'kanaler'}" if kind == "web" else f"{n} {'side' if n == 1 else 'sider'}"
    return f"GA4 {frame['site'].iloc[0]}, {what}, {period_text(frame['date'].min(), frame['date'].max())}"


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    return not sniff.is_zip and sniff_header(sniff.data, _is_header) is not None


def _parse(data: bytes, source_name: str, config: Config, site: str | None = None) -> ParsedBatch:
    return parse_ga4(data, source_name, config, site)


SOURCE = Source(
    kind=KIND,
    label="Google Analytics 4 (nettsted)",
    description=("rapporter lastet ned fra Google Analytics 4 som CSV («Trafikkanskaffelse» eller «Sider og "
                 "skjermer», med «Dato» som sekundær dimensjon)"),
    credit="Google Analytics 4",
    extensions=("csv",),
    recognise=_recognise,
    parse=_parse,
    tables=("web", "web_pages"),
    options=(Option("site", "Nettsted (bare når GA4-filen ikke sier det)",
                    "nettstedet en GA4-fil gjelder, når linjen «# Property:» mangler i filen",
                    placeholder="f.eks. oslosv.no"),),
    rules=("samme dag og kanal eller side to ganger", "flere engasjerte økter enn økter",
           "en dag utenfor rapportens periode", "en rapport uten dato per rad som gjelder mer enn én dag"),
)
