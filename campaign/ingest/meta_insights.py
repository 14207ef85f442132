"""Meta Business Suite insight files: one metric per file, one row per day, for Facebook or Instagram.

The layout (export-formats.md §5.1): UTF-16LE with BOM, a `sep=,` line, a line naming the metric,
a `"Date","Primary"` header and quoted values. Days with 0 are left out. The file names neither
the account nor, for most metrics, the platform: the user says which platform on import.
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

PLATFORMS = ("facebook", "instagram")
ALIASES: dict[str, tuple[str, ...]] = {"date": ("Date", "Dato"), "value": ("Primary", "Primær", "Primærverdi")}
# The metric line without its platform word («Facebook follows» → «follows») → social.metric.
# English names seen in real files; the Norwegian ones are guesses (export-formats.md §5.1, §8 item 2).
METRICS: dict[str, tuple[str, ...]] = {
    "views": ("Views", "Visninger"),
    "reach": ("Reach", "Viewers", "Rekkevidde", "Seere"),  # Facebook's «Viewers» is its reach (unique accounts)
    "interactions": ("Content interactions", "Innholdsinteraksjoner", "Interaksjoner med innhold"),
    "new_followers": ("Follows", "Nye følgere", "Følgere", "Følger"),
    "profile_visits": ("Visits", "Profile visits", "Besøk", "Profilbesøk"),
    "link_clicks": ("Link clicks", "Lenkeklikk", "Klikk på lenker", "Klikk på lenke"),
}
METRIC_NAMES = {"views": "visninger", "reach": "rekkevidde", "interactions": "innholdsinteraksjoner",
                "new_followers": "nye følgere", "profile_visits": "profilbesøk", "link_clicks": "lenkeklikk"}
PLATFORM_WORD = re.compile(r"\b(facebook|instagram)\b-?", re.IGNORECASE)
DATE_FORMATS = ("%Y-%m-%dT%H:%M:%S", "%Y-%m-%d", "%d.%m.%Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y")
MAX_DAYS = 3700  # Business Suite exports at most a few years; more is a broken date, not data


def parse_meta_insights(data: bytes, source_name: str, config: Config | None, platform: str,
                        account: str | None = None) -> ParsedBatch:
    """One Business Suite metric file → `social` rows, days left out between the first and last filled with 0."""
    text, encoding = decode(data, source_name)
    table = read_table(text, source_name, is_header)
    metric, named = metric_of(_metric_line(table, source_name), source_name)
    if named and named != platform:
        raise rejected(source_name, f"filen gjelder {named.capitalize()} (måltallet heter «{_metric_line(table, source_name)}»), "
                                    f"men du valgte {platform.capitalize()}.", table.first_line - 2)
    days = _days(table, original_header(text, table), source_name)
    filled = _filled(days)
    account = (account or "").strip() or (config.org_name if config and config.org_name else platform)
    frame = pd.DataFrame({"date": list(filled.index), "platform": platform, "account": account, "metric": metric,
                          "value": filled.to_numpy(dtype="float64")})
    warnings = [f"Filen ble lest som {encoding}."] if encoding == "Windows-1252" else []
    areas = (f"{platform.capitalize()}, {account}: {METRIC_NAMES[metric]}, "
             f"{period_text(filled.index[0], filled.index[-1])}")
    checks = [_platform_check(named, platform), _gap_check(len(filled) - len(days)), *_reach_check(metric)]
    return ParsedBatch("meta_insights", source_name, None, {"social": frame}, areas=areas, checks=checks,
                       warnings=warnings)


def is_header(header: list[str]) -> bool:
    """The `"Date","Primary"` header (or its translation)."""
    columns = Columns(header, ALIASES)
    return "date" in columns and "value" in columns


def metric_of(line: str, source_name: str) -> tuple[str, str | None]:
    """The metric of a metric line and the platform it names, if any: «Instagram profile visits» → (profile_visits, instagram)."""
    name = norm(line)
    found = {m.group(1).casefold() for m in PLATFORM_WORD.finditer(name)}
    if len(found) > 1:
        raise rejected(source_name, f"måltallet «{line.strip()}» nevner både Facebook og Instagram.")
    rest = norm(PLATFORM_WORD.sub(" ", name))
    for metric, variants in METRICS.items():
        if rest in {norm(v) for v in variants}:
            return metric, next(iter(found), None)
    known = ", ".join(f"«{v}»" for variants in METRICS.values() for v in variants[:2])
    raise rejected(source_name, f"ukjent måltall «{line.strip()}». Dashbordet kjenner {known} "
                                "(med eller uten «Facebook»/«Instagram» foran).")


def _metric_line(table: Table, source_name: str) -> str:
    """The line above the header that names the metric (not the `sep=` line)."""
    lines = [line.strip().strip('"').strip() for line in table.preamble
             if line.strip() and not line.lower().startswith("sep=")]
    if not lines:
        raise rejected(source_name, "filen sier ikke hvilket måltall den gjelder (linjen over «Date,Primary» mangler).",
                       table.first_line - 1)
    return lines[-1]


def _days(table: Table, labels: list[str], source_name: str) -> pd.Series:
    """The value of each day the file lists; an empty, broken or repeated day rejects the file."""
    columns = Columns(table.header, ALIASES)
    date_label, value_label = labels[columns.index["date"]], labels[columns.index["value"]]
    rows = list(table.rows)
    while rows and not any(cell.strip() for cell in rows[-1]):
        rows.pop()
    if not rows:
        raise rejected(source_name, "filen har ingen dager, bare overskriften.")
    dates = one_date_format([columns.cell(r, "date") for r in rows], DATE_FORMATS, source_name, table.first_line,
                            date_label)
    comma = table.delimiter == ";"
    values = [count(columns.cell(r, "value"), source_name, table.first_line + i, value_label, comma)
              for i, r in enumerate(rows)]
    for i, value in enumerate(values):
        if value is None:
            raise rejected(source_name, "verdien mangler.", table.first_line + i, value_label)
    days = pd.Series(values, index=dates, dtype="int64")
    _reject_repeated(days, table.first_line, source_name, date_label)
    days = days.sort_index()
    if (days.index[-1] - days.index[0]).days > MAX_DAYS:
        raise rejected(source_name, f"dagene går fra {fmt.date(days.index[0])} til {fmt.date(days.index[-1])}; "
                                    "det er urimelig langt for én eksport.")
    return days


def _reject_repeated(days: pd.Series, first_line: int, source_name: str, column: str) -> None:
    repeated = days.index.duplicated()
    if repeated.any():
        i = int(repeated.argmax())
        raise rejected(source_name, f"{fmt.date(days.index[i])} står to ganger.", first_line + i, column)


def _filled(days: pd.Series) -> pd.Series:
    """Every day from the first to the last, with 0 for the days Meta left out (it leaves out days with 0)."""
    every = [days.index[0] + dt.timedelta(days=n) for n in range((days.index[-1] - days.index[0]).days + 1)]
    return days.reindex(every, fill_value=0)


def _platform_check(named: str | None, platform: str) -> Check:
    if named:
        return Check("Plattform", True, f"filen sier selv {named.capitalize()}, som du valgte.")
    return Check("Plattform", True, f"filen sier ikke plattform; lagret som {platform.capitalize()} slik du valgte.")


def _gap_check(gaps: int) -> Check:
    if not gaps:
        return Check("Dager uten tall", True, "filen har én rad for hver dag fra første til siste dag.")
    return Check("Dager uten tall", False,
                 f"{fmt.number(gaps)} {'dag' if gaps == 1 else 'dager'} mellom første og siste dag sto ikke i filen "
                 "og er lagret som 0 (Meta utelater dager med 0). Dager med 0 før første eller etter siste rad "
                 "kan ikke lagres, for filen sier ikke hvilken periode den gjelder.")


def _reach_check(metric: str) -> list[Check]:
    if metric != "reach":
        return []
    return [Check("Rekkevidde summeres ikke", True, "rekkevidde per dag er lagret som Meta oppgir den; "
                                                    "den kan ikke legges sammen til rekkevidde for en lengre periode.")]


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    """A `"Date","Primary"` header under a metric line (and usually `sep=,`)."""
    return not sniff.is_zip and sniff_header(sniff.data, is_header) is not None


def _parse(data: bytes, source_name: str, config: Config, platform: str, account: str | None = None) -> ParsedBatch:
    return parse_meta_insights(data, source_name, config, platform, account)


SOURCE = Source(
    kind="meta_insights",
    label="Meta Business Suite (innsikt)",
    description="innsiktsfiler fra Meta Business Suite for Facebook eller Instagram (ett måltall per fil, "
                "«Date,Primary»)",
    credit="Meta Business Suite",
    extensions=("csv",),
    recognise=_recognise,
    parse=_parse,
    tables=("social",),
    options=(
        Option("platform", "Plattform", "hvilken plattform filen gjelder (facebook eller instagram)",
               choices=PLATFORMS, required=True, missing="Filen sier ikke om den gjelder Facebook eller Instagram."),
        Option("account", "Konto (valgfritt)", "kontoen filen gjelder; ellers organisasjonsnavnet i campaign.toml",
               placeholder="f.eks. Oslo SV"),
    ),
    rules=("samme dag to ganger", "negative tall", "et måltall som nevner den andre plattformen enn den du valgte"),
)
