"""LinkedIn Campaign Manager campaign performance exports with a daily time breakdown → the ads table.

The export (shared/formats/export-formats.md §4) is UTF-16LE with a BOM, tab-separated, maybe
with report lines above the header, and written in the user's locale: headers, numbers
(«454,06», «95,769%») and dates (MM/DD/YYYY in English, DD/MM/YYYY in pt-BR, dd.mm.yyyy
presumably in Norwegian) follow the interface language. The decimal mark and the date order are
decided once per file. A file without a daily breakdown (monthly buckets) is rejected: the ads
table holds days, and ads_period has no room for spend or clicks.
"""
from __future__ import annotations

import datetime as dt

from campaign.config import Config
from campaign.ingest import ads_rows
from campaign.ingest.ads_rows import AdsRead
from campaign.ingest.base import Check, ParsedBatch, rejected
from campaign.ingest.source import Sniff, Source
from campaign.ingest.tabular import Columns, norm

KIND = "linkedin_ads"
# canonical → header variants: English ✓ from the formats note, pt-BR from a real export, Norwegian guessed.
ALIASES: dict[str, list[str]] = {
    "date": ["Start Date (in UTC)", "Start Date", "Data de início (em UTC)", "Startdato (i UTC)", "Startdato (UTC)",
             "Startdato"],
    "end": ["End Date (in UTC)", "End Date", "Data de término (em UTC)", "Sluttdato (i UTC)", "Sluttdato"],
    "account": ["Account Name", "Nome da conta", "Kontonavn"],
    "currency": ["Currency", "Moeda", "Valuta"],
    "campaign": ["Campaign Name", "Nome da campanha", "Kampanjenavn"],
    "creative": ["Creative Name", "Ad Name", "Nome do anúncio", "Annonsenavn"],
    "spend_nok": ["Total Spent", "Amount Spent", "Total investido", "Totalt brukt", "Totalt forbruk", "Brukt totalt"],
    "impressions": ["Impressions", "Impressões", "Visninger", "Eksponeringer"],
    "clicks": ["Clicks", "Cliques", "Klikk"],
    "link_clicks": ["Clicks to Landing Page", "Cliques que levam à página de destino", "Klikk til landingsside",
                    "Klikk til landingssiden"],
    "reach": ["Reach", "Alcance", "Rekkevidde"],
    "frequency": ["Average Frequency", "Frequência média", "Gjennomsnittlig frekvens"],
    "video_p25": ["Video First Quartile Completions", "Videoavspillinger til første kvartil"],
    "video_p50": ["Video Midpoint Completions", "Videoavspillinger til midtpunktet"],
    "video_p75": ["Video Third Quartile Completions", "Video Third-Quartile Completions",
                  "Videoavspillinger til tredje kvartil"],
    "video_p100": ["Video Completions", "Conclusões de vídeo", "Fullførte videoavspillinger", "Videofullføringer"],
}
REQUIRED = ("date", "campaign", "spend_nok", "impressions")
# Header words only Campaign Manager writes (the UTC start date, «Total Spent», campaign groups).
MARKERS = {norm(v) for v in ("Start Date (in UTC)", "Data de início (em UTC)", "Startdato (i UTC)", "Startdato (UTC)",
                             "Total Spent", "Total investido", "Totalt brukt", "Clicks to Landing Page",
                             "Campaign Group Name", "Nome do grupo de campanhas", "Kampanjegruppenavn")}
ENGLISH_DATE = {norm(v) for v in ALIASES["date"][:2]}  # English headers: month first (en-US)
MONTH_FIRST = ("%m/%d/%Y", "%d/%m/%Y", "%Y-%m-%d", "%d.%m.%Y")
DAY_FIRST = ("%d/%m/%Y", "%d.%m.%Y", "%m/%d/%Y", "%Y-%m-%d")
TEXT_WORDS = ("name", "nome", "navn", "date", "data", "dato", "status", "type", "tipo", "objective", "currency")


def _is_header(header: list[str]) -> bool:
    """A date column and a word only Campaign Manager writes; the other columns are required after."""
    return "date" in Columns(header, ALIASES) and bool(MARKERS & set(header))


def parse_linkedin_ads(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """A Campaign Manager export, one row per campaign and day → ads (and ads_period from a Total row)."""
    warnings: list[str] = []
    table = ads_rows.table_of(data, source_name, _is_header, warnings)
    cols = Columns(table.header, ALIASES)
    cols.require(source_name, REQUIRED, ALIASES)
    checks = [_clicks(cols)]
    names = [n for n in ("date", "account", "campaign", "creative") if n in cols]
    body, totals = [], []
    for line, row in ads_rows.rows_with_lines(table, source_name):
        (totals if ads_rows.is_total(cols.cell(row, n) for n in names) else body).append((line, row))
    english = table.header[cols.index["date"]] in ENGLISH_DATE
    comma = ads_rows.comma_decimals(_number_cells(body, table.header), source_name, default=not english)
    days = _days(body, cols, english, source_name, checks)
    _one_account(body, cols, source_name)
    if "currency" in cols:
        ads_rows.require_nok(((line, cols.cell(r, "currency")) for line, r in body), source_name,
                             cols.header[cols.index["currency"]])
    rows = [{"line": line, "date": day, "campaign": cols.cell(r, "campaign"), "level": cols.cell(r, "creative"),
             **ads_rows.figures(r, cols, source_name, line, comma)} for (line, r), day in zip(body, days)]
    total = None
    if totals:
        line, row = totals[-1]
        total = {"line": line, **ads_rows.figures(row, cols, source_name, line, comma)}
    read = AdsRead("linkedin", "LinkedIn", rows, {k: cols.header[i] for k, i in cols.index.items()}, total,
                   checks, warnings)
    return ads_rows.ads_batch(KIND, source_name, read)


def _clicks(cols: Columns) -> Check:
    """Link clicks are «Clicks to Landing Page» when the file has it, else LinkedIn's «Clicks» (which counts more)."""
    if "link_clicks" in cols:
        return Check("Klikk", True, "lenkeklikk er LinkedIns «Clicks to Landing Page». LinkedIns «Clicks» teller "
                                    "også klikk på firmasiden, «se mer» og lignende, og er ikke brukt.")
    if "clicks" in cols:
        cols.index["link_clicks"] = cols.index["clicks"]
    return Check("Klikk", True, "filen har ikke «Clicks to Landing Page»; lenkeklikk er LinkedIns «Clicks», som også "
                                "teller klikk på firmasiden, «se mer» og lignende, og overdriver klikkene til nettsiden.")


def _number_cells(body: list[tuple[int, list[str]]], header: list[str]):
    """Every cell of the columns that hold numbers (not names, dates, statuses or types)."""
    numeric = [i for i, h in enumerate(header) if not any(word in h for word in TEXT_WORDS)]
    return (row[i] for _, row in body for i in numeric if i < len(row))


def _days(body: list[tuple[int, list[str]]], cols: Columns, english: bool, source_name: str,
          checks: list[Check]) -> list[dt.date]:
    """Each row's day, in the date order of the file's locale; rejects monthly (or longer) buckets."""
    lines = [line for line, _ in body]
    formats = MONTH_FIRST if english else DAY_FIRST
    values = [cols.cell(r, "date").split(" ")[0] for _, r in body]
    days = ads_rows.dates(values, lines, formats, source_name, cols.header[cols.index["date"]])
    if _reads(values, "%m/%d/%Y") and _reads(values, "%d/%m/%Y") and any(d.day != d.month for d in days):
        order = "måned/dag/år (amerikansk)" if english else "dag/måned/år"
        checks.append(Check("Datoformat", True, f"datoene kan leses både som dag/måned og måned/dag; lest som "
                                                f"{order} ut fra språket i overskriftene."))
    if "end" in cols:
        column = cols.header[cols.index["end"]]
        ends = ads_rows.dates([cols.cell(r, "end").split(" ")[0] for _, r in body], lines, formats, source_name, column)
        longer = next((line for line, day, end in zip(lines, days, ends) if end != day), None)
        if longer is not None:
            raise rejected(source_name, _NOT_DAILY + ".", longer, column)
    distinct = sorted(set(days))
    gaps = [(b - a).days for a, b in zip(distinct, distinct[1:])]
    if gaps and all(d.day == 1 for d in distinct) and min(gaps) >= 28:
        raise rejected(source_name, _NOT_DAILY + " (alle radene starter den 1. i måneden).", lines[0],
                       cols.header[cols.index["date"]])
    return days


def _reads(values: list[str], fmt: str) -> bool:
    try:
        [dt.datetime.strptime(v, fmt) for v in values]
        return True
    except ValueError:
        return False


_NOT_DAILY = ("filen har ikke én rad per dag, men tall for lengre perioder (f.eks. måneder). Eksporter på nytt med "
              "«Time breakdown: Daily» («Tidsoppdeling: Daglig»)")


def _one_account(body: list[tuple[int, list[str]]], cols: Columns, source_name: str) -> None:
    """A Campaign Manager export belongs to one ad account; two accounts contradict it."""
    if "account" not in cols:
        return
    seen: dict[str, int] = {}
    for line, row in body:
        name = cols.cell(row, "account")
        if name:
            seen.setdefault(name, line)
        if len(seen) > 1:
            first, second = list(seen)
            raise rejected(source_name, f"filen har to annonsekontoer («{first}» og «{second}»); eksporter én konto "
                                        "per fil.", line, cols.header[cols.index["account"]])


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    return ads_rows.recognise_header(sniff, _is_header)


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_linkedin_ads(data, source_name, config)


SOURCE = Source(
    kind=KIND,
    label="LinkedIn-annonser (Campaign Manager)",
    description="LinkedIn Campaign Manager-rapport med daglig tidsoppdeling (UTF-16, tabulatordelt, eller XLSX)",
    credit="LinkedIn Campaign Manager",
    extensions=("csv", "tsv", "xlsx"),
    recognise=_recognise,
    parse=_parse,
    tables=("ads", "ads_period"),
    rules=(*ads_rows.RULES, "to annonsekontoer i én fil", "tall for måneder i stedet for dager"),
)
