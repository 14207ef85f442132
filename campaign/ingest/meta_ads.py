"""Meta Ads Manager exports (CSV or XLSX, English or Norwegian, also re-saved by Norwegian Excel).

Daily rows (Reporting starts = Reporting ends, or a Day column) become one `ads` row per day and
campaign; ad-set and ad rows are summed, except reach, which is never summed. The summary row and
rows covering a whole window (an export without daily breakdown) go to `ads_period`, whose reach
is Meta's own de-duplicated figure. See ../shared/formats/export-formats.md §1.
"""
from __future__ import annotations

import pandas as pd

from campaign import fmt
from campaign.config import Config
from campaign.ingest.base import Check, ImportRejected, ParsedBatch, rejected
from campaign.ingest.meta_ads_rows import ALIASES, is_header, parse_rows, spend_currency
from campaign.ingest.source import Sniff, Source
from campaign.ingest.tabular import (
    Table,
    decode,
    is_workbook,
    original_header,
    period_text,
    read_table,
    sniff_header,
    workbook_sheets,
)

PLATFORM = "meta"
SUMMARY_CAMPAIGN = ""  # ads_period.campaign of the summary row: every campaign in the export together
RAW_SHEET = "Raw Data Report"  # the data sheet of a scheduled Ads Reporting workbook
SUM_COLUMNS = ["spend_nok", "impressions", "link_clicks", "landing_page_views",
               "video_p25", "video_p50", "video_p75", "video_p100"]
ADS_COLUMNS = ["date", "platform", "campaign", "spend_nok", "impressions", "reach", "link_clicks",
               "landing_page_views", "video_p25", "video_p50", "video_p75", "video_p100"]
# ads_period: the contract's columns, then spend and clicks for the period (kept by the store once
# store.py has those columns; until then to_arrow leaves them out).
PERIOD_COLUMNS = ["platform", "campaign", "first_date", "last_date", "reach", "impressions", "frequency",
                  "spend_nok", "link_clicks", "landing_page_views"]


def parse_meta_ads(data: bytes, source_name: str, config: Config | None = None) -> ParsedBatch:
    """Read one Meta Ads Manager export into `ads` (days) and `ads_period` (summary row, whole windows)."""
    table, labels, warnings = read_export(data, source_name)
    rows = parse_rows(table, labels, source_name, decimal_comma=table.delimiter == ";")
    summary, entries = rows[rows["summary"]], rows[~rows["summary"]]
    if entries.empty:
        raise rejected(source_name, "filen har ingen kampanjerader (bare overskrift eller sammendragsrad).")
    summary = summary.fillna({"start": entries["start"].min(), "end": entries["end"].max()})
    _check_summary_span(summary, entries, source_name)
    days, windows = _grouped(entries[entries["start"] == entries["end"]]), _grouped(entries[entries["start"] < entries["end"]])
    tables = {"ads": _ads(days)} if len(days) else {}
    period = pd.concat([_period(windows), _period(_as_summary(summary))], ignore_index=True)
    if len(period):
        tables["ads_period"] = period
    if windows.size and not days.size:
        warnings.append(f"Filen har ingen dagsoppdeling: {fmt.kroner(windows['spend_nok'].sum())} brukt er ikke lagret "
                        "per dag, så budsjettgrafen får ingenting fra den. Eksporter med «Fordeling → Etter tid → "
                        "Dag» for tall per dag; rekkevidden for perioden er lagret.")
    checks = [_summary_check(summary, entries), *_reach_check(days), *_window_check(windows)]
    return ParsedBatch("meta_ads", source_name, None, tables, areas=_areas(entries), checks=checks, warnings=warnings)


def read_export(data: bytes, source_name: str) -> tuple[Table, list[str], list[str]]:
    """The export's table, its header as written, and notes: from a CSV or the workbook sheet holding it."""
    sniff = Sniff(data, source_name)
    if sniff.is_zip and is_workbook(sniff.zip_names):
        sheets = workbook_sheets(data, source_name)
        for name in sorted(sheets, key=lambda n: n != RAW_SHEET):
            try:
                table = read_table(sheets[name], source_name, is_header)
            except ImportRejected:  # no header on this sheet: try the next
                continue
            return table, original_header(sheets[name], table), [f"Regnearket ble lest fra arket «{name}»."]
        raise rejected(source_name, f"fant ingen ark med Meta-kolonner (ark: {', '.join(sheets)}).")
    text, encoding = decode(data, source_name)
    table = read_table(text, source_name, is_header)
    warnings = []
    if encoding != "UTF-8" or table.delimiter == ";":
        warnings.append(f"Filen ble lest som {encoding}, «{table.delimiter}»-delt"
                        + (" med desimalkomma og datoer som dd.mm.åååå (lagret på nytt i norsk Excel)."
                           if table.delimiter == ";" else "."))
    return table, original_header(text, table), warnings


def _check_summary_span(summary: pd.DataFrame, entries: pd.DataFrame, source_name: str) -> None:
    """A summary row must cover every row's dates, and there is at most one."""
    if len(summary) > 1:
        raise rejected(source_name, "filen har flere sammendragsrader (rader uten kampanjenavn).",
                       int(summary["line"].iloc[1]))
    if len(summary) and (summary["start"].iloc[0] > entries["start"].min() or summary["end"].iloc[0] < entries["end"].max()):
        raise rejected(source_name, f"sammendragsraden gjelder {period_text(summary['start'].iloc[0], summary['end'].iloc[0])}, "
                                    f"men radene går {period_text(entries['start'].min(), entries['end'].max())}.",
                       int(summary["line"].iloc[0]))


def _grouped(entries: pd.DataFrame) -> pd.DataFrame:
    """One row per campaign and date range: counts summed; reach and frequency kept only from a single row."""
    if entries.empty:
        return entries.assign(rows=pd.Series(dtype="int64"))
    keys = ["start", "end", "campaign"]
    groups = entries.groupby(keys, sort=True)
    sums = groups[SUM_COLUMNS].sum(min_count=1)
    single = groups[["reach", "frequency"]].first()
    result = sums.join(single).assign(rows=groups.size()).reset_index()
    several = result["rows"] > 1
    result.loc[several, ["reach", "frequency"]] = None
    return result


def _ads(days: pd.DataFrame) -> pd.DataFrame:
    frame = days.rename(columns={"start": "date"}).assign(platform=PLATFORM)
    return _typed(frame[ADS_COLUMNS])


def _as_summary(summary: pd.DataFrame) -> pd.DataFrame:
    return summary.assign(campaign=SUMMARY_CAMPAIGN)


def _period(rows: pd.DataFrame) -> pd.DataFrame:
    frame = rows.rename(columns={"start": "first_date", "end": "last_date"}).assign(platform=PLATFORM)
    return _typed(frame.reindex(columns=PERIOD_COLUMNS))


def _typed(frame: pd.DataFrame) -> pd.DataFrame:
    """Counts as nullable integers, amounts as floats, names as strings."""
    frame = frame.copy()
    for column in frame.columns:
        if column in ("spend_nok", "frequency"):
            frame[column] = frame[column].astype("float64")
        elif column in ("platform", "campaign"):
            frame[column] = frame[column].astype("str")
        elif column not in ("date", "first_date", "last_date"):
            frame[column] = frame[column].astype("Int64")
    return frame


def _summary_check(summary: pd.DataFrame, entries: pd.DataFrame) -> Check:
    """The summary row's reach is kept for the period; its spend and impressions should equal the rows'."""
    if summary.empty:
        return Check("Sammendragsrad", False, "filen har ingen sammendragsrad, så Metas samlede (avdupliserte) "
                                              "rekkevidde for perioden mangler. Kryss av for «Inkluder sammendragsrad» "
                                              "ved eksport.")
    top = summary.iloc[0]
    spend, impressions = entries["spend_nok"].sum(), entries["impressions"].sum()
    same = (abs(spend - _or_zero(top["spend_nok"])) <= 0.01 * len(entries) + 0.01
            and impressions == _or_zero(top["impressions"]))
    said = (f"samlet rekkevidde {fmt.number(top['reach'])} og {fmt.number(top['impressions'])} visninger for "
            f"{period_text(top['start'], top['end'])} lagret for perioden (rekkevidde legges aldri sammen over dager)")
    if same:
        return Check("Sammendragsrad", True, f"{said}; beløp og visninger er lik summen av radene.")
    return Check("Sammendragsrad", False, f"{said}; men radene summerer til {fmt.kroner(spend, 2)} og "
                                          f"{fmt.number(impressions)} visninger, sammendragsraden sier "
                                          f"{fmt.kroner(top['spend_nok'], 2)} og {fmt.number(top['impressions'])}.")


def _or_zero(value) -> float:
    return 0.0 if pd.isna(value) else float(value)


def _reach_check(days: pd.DataFrame) -> list[Check]:
    if days.empty:
        return []
    merged = int((days["rows"] > 1).sum())
    if merged:
        return [Check("Rekkevidde summeres ikke", False,
                     f"i {fmt.number(merged)} kampanjedager er flere annonsesett eller annonser lagt sammen; "
                     "rekkevidden deres kan ikke summeres og er lagret som tom for de dagene.")]
    return [Check("Rekkevidde summeres ikke", True, "rekkevidde er lagret per kampanje og dag slik Meta oppgir den; "
                                                    "den legges aldri sammen over dager eller kampanjer.")]


def _window_check(windows: pd.DataFrame) -> list[Check]:
    if windows.empty:
        return []
    return [Check("Dagsoppdeling", False, f"{fmt.number(len(windows))} rader gjelder en hel periode, ikke én dag; "
                                          "de er lagret som periodetall (rekkevidde, visninger, frekvens).")]


def _areas(entries: pd.DataFrame) -> str:
    campaigns = entries["campaign"].nunique()
    return (f"Meta, {campaigns} {'kampanje' if campaigns == 1 else 'kampanjer'}, "
            f"{period_text(entries['start'].min(), entries['end'].max())}")


# ✱ Source declaration ----------------------------------------------------------------------------

def _recognise(sniff: Sniff) -> bool:
    """A header with a Meta date column, «Amount spent (…)» or its translation, and impressions or reach."""
    try:
        if sniff.is_zip:
            return is_workbook(sniff.zip_names) and any(
                _has_header(text) for text in workbook_sheets(sniff.data, sniff.source_name, max_rows=20).values())
        return sniff_header(sniff.data, is_header) is not None
    except ImportRejected:  # a broken workbook: detection names it unknown
        return False


def _has_header(text: str) -> bool:
    try:
        read_table(text, "", is_header, max_preamble=20)
        return True
    except ImportRejected:
        return False


def _parse(data: bytes, source_name: str, config: Config) -> ParsedBatch:
    return parse_meta_ads(data, source_name, config)


SOURCE = Source(
    kind="meta_ads",
    label="Meta-annonser (Ads Manager)",
    description="annonsetall fra Meta Ads Manager (CSV eller XLSX, «Eksporter tabelldata», gjerne per dag)",
    credit="Meta Ads Manager",
    extensions=("csv", "xlsx"),
    recognise=_recognise,
    parse=_parse,
    tables=("ads", "ads_period"),
    rules=("rekkevidde større enn visninger i en rad", "negative tall", "en sluttdato før startdatoen",
           "samme kampanje, annonsesett og annonse to ganger for samme dag",
           "en sammendragsrad som ikke dekker radenes datoer", "beløp i annen valuta enn NOK"),
)

__all__ = ["ALIASES", "SOURCE", "parse_meta_ads", "spend_currency"]
