"""TikTok Ads Manager custom reports (CSV or XLSX, a `By Day` breakdown) → the ads table.

The layout (shared/formats/export-formats.md §3.3) is known with low-medium confidence: the
header aliases below are the one place to extend when a real export differs. The last row,
`Total of N results`, is checked against the rows and never stored as a day; its reach goes to
ads_period. TikTok does not allow political ads, so a party may never have such a file.
"""
from __future__ import annotations

from campaign.config import Config
from campaign.ingest import ads_rows
from campaign.ingest.ads_rows import ALL_CAMPAIGNS, AdsRead
from campaign.ingest.base import Check, ParsedBatch
from campaign.ingest.source import Sniff, Source
from campaign.ingest.tabular import Columns

KIND = "tiktok_ads"
# canonical → header variants (English UI as seen in public parsers; Norwegian are guesses).
ALIASES: dict[str, list[str]] = {
    "date": ["By Day", "Day", "Date", "Etter dag", "Dag", "Dato", "일별"],
    "campaign": ["Campaign name", "Campaign", "Kampanjenavn", "Kampanje"],
    "ad_group": ["Ad group name", "Ad group", "Annonsegruppenavn", "Annonsegruppe"],
    "ad": ["Ad name", "Annonsenavn"],
    "spend_nok": ["Cost", "Cost (NOK)", "Total cost", "Spend", "Kostnad", "Kostnad (NOK)"],
    "impressions": ["Impressions", "Visninger", "Eksponeringer"],
    "reach": ["Reach", "Rekkevidde"],
    "frequency": ["Frequency", "Frekvens"],
    "link_clicks": ["Clicks (destination)", "Klikk (destinasjon)"],
    "clicks": ["Clicks", "Clicks (all)", "Klikk", "Klikk (alle)"],
    "landing_page_views": ["Landing page views", "Landing page view", "Visninger av landingsside"],
    "video_p25": ["Video views at 25%", "Video views at 25 %", "Videovisninger ved 25 %", "Videovisninger ved 25%"],
    "video_p50": ["Video views at 50%", "Video views at 50 %", "Videovisninger ved 50 %", "Videovisninger ved 50%"],
    "video_p75": ["Video views at 75%", "Video views at 75 %", "Videovisninger ved 75 %", "Videovisninger ved 75%"],
    "video_p100": ["Video views at 100%", "Video views at 100 %", "Videovisninger ved 100 %", "Videovisninger ved 100%"],
    "currency": ["Currency", "Valuta"],
}
REQUIRED = ("date", "spend_nok", "impressions")
# Header words only TikTok Ads Manager writes (Google Ads also has Day, Cost and Impressions).
MARKERS = {"by day", "clicks (destination)", "ctr (destination)", "cpc (destination)", "video views at 25%",
           "2-second video views", "6-second video views", "average play time per video view", "paid likes",
           "klikk (destinasjon)", "etter dag"}
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%d.%m.%Y", "%m/%d/%Y", "%d/%m/%Y")


def _is_header(header: list[str]) -> bool:
    """A date column and a word only this platform writes; the other columns are required after."""
    cols = Columns(header, ALIASES)
    return all(c in cols for c in ("date",)) and bool(MARKERS & set(header))


def parse_tiktok_ads(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """A TikTok Ads Manager custom report → ads (and ads_period from its total row)."""
    warnings: list[str] = []
    table = ads_rows.table_of(data, source_name, _is_header, warnings)
    cols = Columns(table.header, ALIASES)
    cols.require(source_name, REQUIRED, ALIASES)
    checks = _clicks(cols)
    names = [n for n in ("date", "campaign", "ad_group", "ad") if n in cols]
    body, totals = [], []
    for line, row in ads_rows.rows_with_lines(table, source_name):
        (totals if ads_rows.is_total(cols.cell(row, n) for n in names) else body).append((line, row))
    comma = ads_rows.comma_decimals((cols.cell(r, "spend_nok") for _, r in body), source_name,
                                    default=table.delimiter == ";")
    column = cols.header[cols.index["date"]]
    days = ads_rows.dates([cols.cell(r, "date").split(" ")[0] for _, r in body], [line for line, _ in body],
                          DATE_FORMATS, source_name, column)
    if "currency" in cols:
        ads_rows.require_nok(((line, cols.cell(r, "currency")) for line, r in body), source_name,
                             cols.header[cols.index["currency"]])
    if "campaign" not in cols:
        warnings.append(f"Filen har ingen kampanjekolonne; tallene er lagret som «{ALL_CAMPAIGNS}».")
    rows = [{"line": line, "date": day, "campaign": cols.cell(r, "campaign") or ALL_CAMPAIGNS,
             "level": " / ".join(cols.cell(r, n) for n in ("ad_group", "ad")),
             **ads_rows.figures(r, cols, source_name, line, comma)} for (line, r), day in zip(body, days)]
    total = _total(totals, cols, source_name, comma)
    read = AdsRead("tiktok", "TikTok", rows, {k: cols.header[i] for k, i in cols.index.items()}, total,
                   checks, warnings)
    return ads_rows.ads_batch(KIND, source_name, read)


def _clicks(cols: Columns) -> list[Check]:
    """Link clicks are «Clicks (destination)»; without it, «Clicks» stands in (and says so)."""
    if "link_clicks" in cols or "clicks" not in cols:
        return []
    cols.index["link_clicks"] = cols.index["clicks"]
    return [Check("Klikk", True, "filen har ikke «Clicks (destination)»; lenkeklikk er TikToks «Clicks», som kan "
                                 "telle flere slags klikk enn klikk videre til nettsiden.")]


def _total(totals: list[tuple[int, list[str]]], cols: Columns, source_name: str, comma: bool) -> dict | None:
    """The last total row's figures, line and «N results»."""
    if not totals:
        return None
    line, row = totals[-1]
    results = ads_rows.total_results(cols.cell(row, n) for n in ("date", "campaign"))
    return {"line": line, "results": results, **ads_rows.figures(row, cols, source_name, line, comma)}


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    return ads_rows.recognise_header(sniff, _is_header)


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_tiktok_ads(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="TikTok-annonser (Ads Manager)",
    description="TikTok Ads Manager-rapport med dagsoppdeling («By Day», CSV eller XLSX)",
    credit="TikTok Ads Manager",
    extensions=("csv", "xlsx"),
    recognise=_recognise,
    parse=_parse,
    tables=("ads", "ads_period"),
    rules=ads_rows.RULES,
)
