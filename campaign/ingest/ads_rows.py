"""Daily ad rows shared by the ad-platform sources (TikTok Ads, Snapchat, LinkedIn).

A source reads its own layout into `AdsRead` (one dict per data row with date, campaign and the
figures, plus the file's total row when it has one); `ads_batch` checks and shapes it for the
store: impossible rows and a total row that does not add up reject the file, several rows per
campaign and day (ad sets, ads) are summed, and a total row's reach goes to ads_period.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import pandas as pd

from campaign import fmt
from campaign.ingest.base import Check, ImportRejected, ParsedBatch, rejected
from campaign.ingest.source import Sniff
from campaign.ingest.tabular import (
    Columns,
    Table,
    count,
    decimal_marks,
    decode,
    is_workbook,
    norm,
    number,
    one_date_format,
    period_text,
    read_table,
    sniff_header,
    workbook_sheets,
)

FIGURES = ("spend_nok", "impressions", "reach", "link_clicks", "landing_page_views",
           "video_p25", "video_p50", "video_p75", "video_p100")
ADDITIVE = tuple(f for f in FIGURES if f != "reach")
ALL_CAMPAIGNS = "Alle kampanjer"  # ads_period's campaign for a total row over several campaigns
TOTAL_WORDS = {"total", "totalt", "totals", "sum", "grand total", "total geral", "totalsum"}
TOTAL_OF = re.compile(r"total of ([0-9]+) results?")
RULES = ("rekkevidde større enn visninger i en rad", "negative beløp eller tall",
         "samme kampanje og dag to ganger med ulike tall", "en totalrad som ikke stemmer med radene")


@dataclass
class AdsRead:
    """What a source read from its file: data rows, the total row, and where each figure came from."""
    platform: str  # "tiktok"
    name: str  # "TikTok", for the report
    rows: list[dict]  # line, date, campaign, level (ad set/ad name or ""), figures
    columns: dict[str, str]  # figure → the file's column header, for messages
    total: dict | None = None  # line, figures (and "frequency", "results") of the total row
    checks: list[Check] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_total(cells: Iterable[str]) -> bool:
    """True for a total/summary row: «Total», «Totalt», «Total of 12 results» in a name or date cell."""
    return any(norm(c) in TOTAL_WORDS or TOTAL_OF.fullmatch(norm(c)) is not None for c in cells)


def total_results(cells: Iterable[str]) -> int | None:
    """N in a «Total of N results» cell (TikTok Ads), else None."""
    found = [TOTAL_OF.fullmatch(norm(c)) for c in cells]
    return next((int(m.group(1)) for m in found if m), None)


def table_of(data: bytes, source_name: str, is_header: Callable[[list[str]], bool], warnings: list[str]) -> Table:
    """The rows below the header of a CSV/TSV export, or of the first XLSX sheet that has one."""
    if data.startswith(b"PK\x03\x04"):
        for text in workbook_sheets(data, source_name).values():
            try:
                return read_table(text, source_name, is_header)
            except ImportRejected:
                continue
        raise rejected(source_name, "fant ingen ark med en overskriftsrad med kjente kolonner.")
    text, encoding = decode(data, source_name)
    if encoding == "Windows-1252":
        warnings.append("Filen ble lest som Windows-1252 (lagret på nytt i Excel); sjekk æ, ø og å i navnene.")
    return read_table(text, source_name, is_header)


def recognise_header(sniff: Sniff, is_header: Callable[[list[str]], bool]) -> bool:
    """True when a CSV/TSV file, or an XLSX file's sheet, has a header line `is_header` accepts."""
    if not sniff.is_zip:
        return sniff_header(sniff.data, is_header) is not None
    if not is_workbook(sniff.zip_names):
        return False
    try:
        sheets = workbook_sheets(sniff.data, sniff.source_name, max_rows=40)
    except ImportRejected:
        return False
    return any(sniff_header(text.encode(), is_header) is not None for text in sheets.values())


def rows_with_lines(table: Table, source_name: str) -> list[tuple[int, list[str]]]:
    """The table's non-blank rows with their file line numbers; rejects a row with more values than the header."""
    rows = [(table.first_line + i, row) for i, row in enumerate(table.rows) if any(c.strip() for c in row)]
    for line, row in rows:
        if any(c.strip() for c in row[len(table.header):]):
            raise rejected(source_name, f"raden har {len(row)} verdier, men overskriften har {len(table.header)} "
                                        "kolonner (et skilletegn for mye, f.eks. desimalkomma i en kommadelt fil?).",
                           line)
    return rows


def dates(values: list[str], lines: list[int], formats: Iterable[str], source_name: str, column: str) -> list:
    """Dates read with one format for the whole file (tabular.one_date_format), a bad one named by its line."""
    formats = list(formats)
    try:
        return one_date_format(values, formats, source_name, lines[0] if lines else 0, column)
    except ImportRejected:
        for value, line in zip(values, lines):
            one_date_format([value], formats, source_name, line, column)  # rejects the first bad one
        raise rejected(source_name, "datoene står i ulike formater i samme fil.", lines[0], column) from None


def comma_decimals(values: Iterable[str], source_name: str, default: bool) -> bool:
    """Whether the file writes decimal commas, from its values (tabular.decimal_marks), else `default`."""
    marks = decimal_marks(values)
    if len(marks) == 2:
        raise rejected(source_name, "tallene bruker både komma og punktum som desimaltegn; filen kan ikke leses sikkert.")
    return "," in marks if marks else default


def figures(row: list[str], cols: Columns, source_name: str, line: int, decimal_comma: bool = False) -> dict:
    """The row's figures (those the file has) as numbers; rejects a non-number or a negative."""
    out = {}
    for name in (*FIGURES, "frequency"):
        if name in cols:
            column = cols.header[cols.index[name]]
            read = number if name in ("spend_nok", "frequency") else count
            out[name] = read(cols.cell(row, name), source_name, line, column, decimal_comma)
    return out


def require_nok(values: Iterable[tuple[int, str]], source_name: str, column: str) -> None:
    """Reject amounts in another currency than NOK (the store keeps kroner)."""
    for line, value in values:
        if value.strip() and value.strip().upper() not in ("NOK", "KR"):
            raise rejected(source_name, f"beløpene er i {value.strip()}; dashbordet lagrer annonsekostnader i norske "
                                        "kroner. Eksporter fra en annonsekonto i NOK.", line, column)


def ads_batch(kind: str, source_name: str, read: AdsRead) -> ParsedBatch:
    """Check the rows and shape them as the ads (and ads_period) tables."""
    if not read.rows:
        raise rejected(source_name, "filen har ingen datarader (bare overskrift eller totalrad).")
    frame = pd.DataFrame(read.rows)
    for name in FIGURES:
        if name not in frame.columns:
            frame[name] = None
    _check_reach(frame, read, source_name)
    if read.total:
        _check_total(frame, read, source_name)
    ads = _collapse(frame, read, source_name).assign(platform=read.platform)
    tables = {"ads": ads[["date", "platform", "campaign", *FIGURES]].reset_index(drop=True)}
    period = _period(ads, read, source_name)
    if period is not None:
        tables["ads_period"] = period
    campaigns = ads["campaign"].nunique()
    areas = (f"{read.name}, {campaigns} {'kampanje' if campaigns == 1 else 'kampanjer'}, "
             f"{period_text(ads['date'].min(), ads['date'].max())}")
    return ParsedBatch(kind, source_name, None, tables, areas, read.checks, read.warnings)


def _check_reach(frame: pd.DataFrame, read: AdsRead, source_name: str) -> None:
    bad = frame[frame["reach"].notna() & frame["impressions"].notna() & (frame["reach"] > frame["impressions"])]
    if len(bad):
        first = bad.iloc[0]
        raise rejected(source_name, f"rekkevidden ({fmt.number(first['reach'])}) er større enn visningene "
                                    f"({fmt.number(first['impressions'])}); det er umulig.",
                       int(first["line"]), read.columns.get("reach"))


def _check_total(frame: pd.DataFrame, read: AdsRead, source_name: str) -> None:
    """The total row's additive figures must equal the sum of the rows (amounts to the øre per row)."""
    total = read.total
    for name in ADDITIVE:
        if total.get(name) is None or frame[name].isna().all():
            continue
        summed = float(frame[name].sum())
        tolerance = 0.005 * len(frame) + 0.01 if name == "spend_nok" else 0
        if abs(summed - total[name]) > tolerance:
            decimals = 2 if name == "spend_nok" else 0
            raise rejected(source_name, f"totalraden sier {fmt.number(total[name], decimals)}, men radene summerer "
                                        f"til {fmt.number(summed, decimals)}.", total["line"], read.columns.get(name))
    results = total.get("results")
    if results is not None and results != len(frame):
        read.checks.append(Check("Totalraden", True, f"totalraden sier {results} resultater; filen har "
                                                     f"{len(frame)} datarader."))


def _collapse(frame: pd.DataFrame, read: AdsRead, source_name: str) -> pd.DataFrame:
    """One row per day and campaign: exact repeats dropped, ad sets/ads summed (reach then unknown)."""
    keys = ["date", "campaign", "level"]
    repeated = frame[frame.duplicated(keys, keep=False)]
    distinct = repeated.drop(columns="line").astype("string").drop_duplicates()
    if distinct.duplicated(keys).any():
        first = repeated.iloc[0]
        lines = repeated.loc[(repeated[keys] == first[keys]).all(axis=1), "line"].tolist()
        raise rejected(source_name, f"«{first['campaign']}» {fmt.date(first['date'])} står på flere rader "
                                    f"(linje {', '.join(map(str, lines))}) med ulike tall.", int(lines[-1]))
    if len(repeated):
        read.warnings.append(f"{len(repeated) - len(distinct)} rader sto to ganger med like tall og er tatt med én gang.")
        frame = frame.drop_duplicates(keys)
    if not frame.duplicated(["date", "campaign"]).any():
        return frame
    summed = frame.groupby(["date", "campaign"], as_index=False, sort=False)[list(ADDITIVE)].sum(min_count=1)
    read.checks.append(Check("Rekkevidde per kampanje", True, "filen har flere rader per kampanje og dag "
                             "(annonsesett eller annonser); tallene er summert per kampanje og dag, men "
                             "rekkevidden kan ikke summeres og er utelatt."))
    return summed.assign(reach=None)


def _period(ads: pd.DataFrame, read: AdsRead, source_name: str) -> pd.DataFrame | None:
    """The total row's (de-duplicated) reach for the whole period, as one ads_period row."""
    total = read.total
    if not total or total.get("reach") is None:
        return None
    reach, impressions = total["reach"], total.get("impressions")
    if impressions is not None and reach > impressions:
        raise rejected(source_name, f"totalradens rekkevidde ({fmt.number(reach)}) er større enn visningene "
                                    f"({fmt.number(impressions)}).", total["line"], read.columns.get("reach"))
    frequency = total.get("frequency") or (impressions / reach if impressions and reach else None)
    campaigns = ads["campaign"].unique()
    daily = ads["reach"].sum(min_count=1)
    note = f"; summen av rekkevidden per rad er {fmt.number(daily)} og overdriver" if pd.notna(daily) else ""
    read.checks.append(Check("Rekkevidde summeres ikke", True, f"totalradens rekkevidde ({fmt.number(reach)}) er "
                             f"lagret som rekkevidden for hele perioden{note}."))
    return pd.DataFrame([{"platform": read.platform, "campaign": campaigns[0] if len(campaigns) == 1 else ALL_CAMPAIGNS,
                          "first_date": ads["date"].min(), "last_date": ads["date"].max(), "reach": reach,
                          "impressions": impressions, "frequency": frequency}])
