"""Snapchat Ads Manager exports with a day breakdown (CSV or XLSX) → the ads table.

PROVISIONAL: no real export has been seen (shared/formats/export-formats.md §2, low confidence).
Rows carry `Start Time`/`End Time` timestamps; a row must cover one whole day. Snapchat renamed
«Ad Squad» to «Ad Set» and «Swipe Up» to «Swipe», so both names are aliased; extend ALIASES when
a real file differs.
"""
from __future__ import annotations

import datetime as dt

from campaign import fmt
from campaign.config import Config
from campaign.ingest import ads_rows
from campaign.ingest.ads_rows import ALL_CAMPAIGNS, AdsRead
from campaign.ingest.base import ParsedBatch, rejected
from campaign.ingest.source import Sniff, Source
from campaign.ingest.tabular import Columns

KIND = "snapchat_ads"
ALIASES: dict[str, list[str]] = {
    "start": ["Start Time", "Start time", "Start Date", "Starttid", "Startdato", "Day", "Date", "Dato"],
    "end": ["End Time", "End time", "End Date", "Sluttid", "Sluttdato"],
    "campaign": ["Campaign Name", "Campaign", "Kampanjenavn", "Kampanje"],
    "ad_set": ["Ad Set Name", "Ad Squad Name", "Ad Set", "Ad Squad", "Annonsesettnavn", "Annonsesett"],
    "ad": ["Ad Name", "Annonsenavn"],
    "spend_nok": ["Spend", "Amount Spent", "Spend (NOK)", "Forbruk", "Beløp brukt", "Kostnad"],
    "impressions": ["Paid Impressions", "Impressions", "Betalte visninger", "Visninger"],
    "reach": ["Paid Reach", "Reach", "Betalt rekkevidde", "Rekkevidde"],
    "frequency": ["Paid Frequency", "Frequency", "Frekvens"],
    "link_clicks": ["Swipe Ups", "Swipes", "Swipe Up", "Swipe", "Sveip opp", "Sveip"],
    "landing_page_views": ["Landing Page Views", "Landing Page View", "Visninger av landingsside"],
    "video_p25": ["Quartile 1", "First Quartile", "Video Views at 25%", "Første kvartil"],
    "video_p50": ["Quartile 2", "Midpoint", "Video Views at 50%", "Andre kvartil"],
    "video_p75": ["Quartile 3", "Third Quartile", "Video Views at 75%", "Tredje kvartil"],
    "video_p100": ["Video Completions", "View Completions", "Completions", "Fullførte videovisninger"],
    "currency": ["Currency", "Currency Code", "Valuta"],
}
REQUIRED = ("start", "spend_nok", "impressions")
# Header words only Snapchat writes (the «Paid …» metrics, swipes, 2-second views).
MARKERS = {"paid impressions", "paid reach", "swipe ups", "swipes", "swipe up", "2 second video views",
           "ecpsu", "swipe up rate", "swipe rate", "betalte visninger", "sveip opp"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y")


def _is_header(header: list[str]) -> bool:
    """A date column and a word only this platform writes; the other columns are required after."""
    cols = Columns(header, ALIASES)
    return all(c in cols for c in ("start",)) and bool(MARKERS & set(header))


def parse_snapchat_ads(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """A Snapchat Ads Manager export with one row per day → ads (and ads_period from a total row)."""
    warnings: list[str] = []
    table = ads_rows.table_of(data, source_name, _is_header, warnings)
    cols = Columns(table.header, ALIASES)
    cols.require(source_name, REQUIRED, ALIASES)
    names = [n for n in ("start", "end", "campaign", "ad_set", "ad") if n in cols]
    body, totals = [], []
    for line, row in ads_rows.rows_with_lines(table, source_name):
        (totals if ads_rows.is_total(cols.cell(row, n) for n in names) else body).append((line, row))
    comma = ads_rows.comma_decimals((cols.cell(r, "spend_nok") for _, r in body), source_name,
                                    default=table.delimiter == ";")
    days = _days(body, cols, source_name)
    if "currency" in cols:
        ads_rows.require_nok(((line, cols.cell(r, "currency")) for line, r in body), source_name,
                             cols.header[cols.index["currency"]])
    if "campaign" not in cols:
        warnings.append(f"Filen har ingen kampanjekolonne; tallene er lagret som «{ALL_CAMPAIGNS}».")
    rows = [{"line": line, "date": day, "campaign": cols.cell(r, "campaign") or ALL_CAMPAIGNS,
             "level": " / ".join(cols.cell(r, n) for n in ("ad_set", "ad")),
             **ads_rows.figures(r, cols, source_name, line, comma)} for (line, r), day in zip(body, days)]
    total = None
    if totals:
        line, row = totals[-1]
        total = {"line": line, **ads_rows.figures(row, cols, source_name, line, comma)}
    read = AdsRead("snapchat", "Snapchat", rows, {k: cols.header[i] for k, i in cols.index.items()}, total,
                   warnings=warnings)
    return ads_rows.ads_batch(KIND, source_name, read)


def _split(value: str) -> tuple[str, str]:
    """«2023-08-01 00:00:00» → («2023-08-01», «00:00:00»); a plain date has no time."""
    date, _, time = value.strip().replace("T", " ").partition(" ")
    return date, time.strip()


def _days(body: list[tuple[int, list[str]]], cols: Columns, source_name: str) -> list[dt.date]:
    """Each row's day; rejects a row that covers less or more than one whole day."""
    lines = [line for line, _ in body]
    starts = [_split(cols.cell(r, "start")) for _, r in body]
    start_column = cols.header[cols.index["start"]]
    days = ads_rows.dates([d for d, _ in starts], lines, DATE_FORMATS, source_name, start_column)
    for line, (_, time) in zip(lines, starts):
        if time and not time.startswith("00:00"):
            raise rejected(source_name, f"raden starter kl. {time}, ikke ved midnatt: filen er ikke delt opp per "
                                        "dag. Eksporter med oppdeling per dag.", line, start_column)
    if "end" not in cols:
        return days
    ends = [_split(cols.cell(r, "end")) for _, r in body]
    end_column = cols.header[cols.index["end"]]
    end_days = ads_rows.dates([d for d, _ in ends], lines, DATE_FORMATS, source_name, end_column)
    for line, day, end, (_, time) in zip(lines, days, end_days, ends):
        midnight = not time or time.startswith("00:00")
        if not (end == day or (end == day + dt.timedelta(days=1) and midnight)):
            raise rejected(source_name, f"raden dekker {fmt.date(day)}–{fmt.date(end)}, ikke én dag: filen er ikke "
                                        "delt opp per dag. Eksporter med oppdeling per dag.", line, end_column)
    return days


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    return ads_rows.recognise_header(sniff, _is_header)


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_snapchat_ads(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="Snapchat-annonser (Ads Manager)",
    description="Snapchat Ads Manager-eksport med én rad per dag («Start Time», «Paid Impressions», CSV eller XLSX)",
    credit="Snapchat Ads Manager",
    extensions=("csv", "xlsx"),
    recognise=_recognise,
    parse=_parse,
    tables=("ads", "ads_period"),
    rules=(*ads_rows.RULES, "rader som dekker mer eller mindre enn ett døgn"),
)
