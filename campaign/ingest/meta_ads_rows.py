"""The rows of a Meta Ads Manager export: header aliases, dates, numbers, and the rows that are impossible."""
from __future__ import annotations

import re

import pandas as pd

from campaign.ingest.base import ImportRejected, rejected
from campaign.ingest.tabular import Columns, Table, count, norm, number, one_date_format


def _video(percent: int) -> tuple[str, ...]:
    return (f"Video plays at {percent}%", f"Videoavspillinger til {percent} %", f"Videoavspillinger til {percent}%",
            f"Videoavspillinger ved {percent} %", f"Avspillinger av video til {percent} %")


# Header aliases: canonical name → headers seen (English, verified) or expected (Norwegian and other
# locales: partly guesses, see export-formats.md §1.4). Compared case- and space-insensitively.
ALIASES: dict[str, tuple[str, ...]] = {
    "starts": ("Reporting starts", "Rapportering starter", "Rapporteringen starter", "Rapporteringsstart",
               "Inicio del informe", "Início dos relatórios"),
    "ends": ("Reporting ends", "Rapportering slutter", "Rapporteringen slutter", "Rapporteringsslutt",
             "Fin del informe", "Término dos relatórios"),
    "day": ("Day", "Dag", "Día", "Dia", "Tag"),
    "campaign": ("Campaign name", "Kampanjenavn", "Navn på kampanje", "Nombre de la campaña", "Nome da campanha"),
    "campaign_id": ("Campaign ID", "Kampanje-ID"),
    "ad_set": ("Ad set name", "Navn på annonsesett", "Annonsesettnavn"),
    "ad_set_id": ("Ad set ID", "Annonsesett-ID"),
    "ad": ("Ad name", "Annonsenavn", "Navn på annonse"),
    "ad_id": ("Ad ID", "Annonse-ID"),
    "spend_nok": ("Amount spent (NOK)", "Beløp brukt (NOK)", "Brukt beløp (NOK)"),
    "impressions": ("Impressions", "Eksponeringer", "Visninger"),
    "reach": ("Reach", "Rekkevidde"),
    "frequency": ("Frequency", "Frekvens"),
    "link_clicks": ("Link clicks", "Klikk på lenke", "Klikk på lenker", "Lenkeklikk"),
    "landing_page_views": ("Landing page views", "Visninger av landingsside", "Landingssidevisninger"),
    "video_p25": _video(25), "video_p50": _video(50), "video_p75": _video(75), "video_p100": _video(100),
}
# «Amount spent (XXX)» in any currency, so a file in another currency is named, not called unknown.
SPEND = re.compile(r"(amount spent|beløp brukt|brukt beløp) \(([a-z]{3})\)")
DATE_FORMATS = ("%Y-%m-%d", "%d.%m.%Y", "%m/%d/%Y", "%Y-%m-%dT%H:%M:%S")
NAMES = ("campaign", "campaign_id", "ad_set", "ad_set_id", "ad", "ad_id")
COUNTS = ("impressions", "reach", "link_clicks", "landing_page_views", "video_p25", "video_p50", "video_p75",
          "video_p100")
AMOUNTS = ("spend_nok", "frequency")


def spend_currency(header: list[str]) -> str | None:
    """The currency of the «Amount spent (…)» column ("NOK"), or None without one."""
    for cell in header:
        match = SPEND.fullmatch(norm(cell))
        if match:
            return match.group(2).upper()
    return None


def is_header(header: list[str]) -> bool:
    """A Meta header: a date column, an amount spent in some currency, and impressions or reach."""
    columns = Columns(header, ALIASES)
    dated = "day" in columns or "starts" in columns
    return dated and spend_currency(header) is not None and ("impressions" in columns or "reach" in columns)


def parse_rows(table: Table, labels: list[str], source_name: str, decimal_comma: bool) -> pd.DataFrame:
    """One record per row: line, summary flag, start, end, names, counts and amounts (NaN when empty)."""
    columns = Columns(table.header, ALIASES)
    _require(columns, table.header, source_name)
    named = {name: labels[i] for name, i in columns.index.items()}
    body = _body(table, source_name)
    spans = [_span_cells(columns, named, line, row) for line, row in body]
    dates = _dates([cell for span in spans for cell in span if cell[2]], source_name)
    records = [_record(columns, named, line, row, span, dates, source_name, decimal_comma)
               for (line, row), span in zip(body, spans)]
    frame = pd.DataFrame.from_records(records)
    for name in (*COUNTS, *AMOUNTS):
        frame[name] = pd.to_numeric(frame[name]).astype("float64")
    _reject_duplicates(frame, source_name)
    return frame


def _require(columns: Columns, header: list[str], source_name: str) -> None:
    currency = spend_currency(header)
    if currency not in (None, "NOK"):
        raise rejected(source_name, f"beløpene er i {currency}, men dashbordet regner i kroner; importer en "
                                    "eksport fra en annonsekonto i NOK.")
    columns.require(source_name, ["campaign", "spend_nok", "impressions"], ALIASES)
    if "day" not in columns and not ("starts" in columns and "ends" in columns):
        columns.require(source_name, ["starts", "ends"], ALIASES)


def _body(table: Table, source_name: str) -> list[tuple[int, list[str]]]:
    """The data rows with their file lines; blank rows at the end dropped, a blank row inside rejected."""
    rows = [(table.first_line + i, row) for i, row in enumerate(table.rows)]
    while rows and not any(cell.strip() for cell in rows[-1][1]):
        rows.pop()
    for line, row in rows:
        if not any(cell.strip() for cell in row):
            raise rejected(source_name, "tom rad midt i filen.", line)
    if not rows:
        raise rejected(source_name, "filen har ingen datarader, bare overskriften.")
    return rows


def _span_cells(columns: Columns, named: dict[str, str], line: int, row: list[str]) -> tuple[tuple, tuple]:
    """(line, column, text) of the row's first and last day: the Day column, else Reporting starts/ends."""
    day = columns.cell(row, "day")
    if day or "starts" not in columns:
        return (line, named.get("day"), day), (line, named.get("day"), day)
    return ((line, named["starts"], columns.cell(row, "starts")), (line, named.get("ends"), columns.cell(row, "ends")))


def _dates(cells: list[tuple[int, str, str]], source_name: str) -> dict:
    """Each date text read with the one format every date in the file has."""
    for line, column, text in cells:
        one_date_format([text], DATE_FORMATS, source_name, line, column)  # names a cell that is no date
    texts = list(dict.fromkeys(text for _, _, text in cells))
    try:
        return dict(zip(texts, one_date_format(texts, DATE_FORMATS, source_name, 0, "")))
    except ImportRejected:
        raise rejected(source_name, f"filen blander datoformater (f.eks. «{texts[0]}» og «{texts[-1]}»).") from None


def _record(columns: Columns, named: dict[str, str], line: int, row: list[str], span: tuple, dates: dict,
            source_name: str, comma: bool) -> dict:
    names = {name: columns.cell(row, name) for name in NAMES}
    summary = not any(names.values())
    if not names["campaign"] and not summary:
        raise rejected(source_name, "kampanjenavnet mangler.", line, named["campaign"])
    (_, start_column, first), (_, end_column, last) = span
    if not summary and not (first and last):
        raise rejected(source_name, "datoen mangler.", line, start_column if not first else end_column)
    start, end = dates.get(first), dates.get(last)
    if start and end and end < start:
        raise rejected(source_name, f"sluttdatoen {last} er før startdatoen {first}.", line, end_column)
    values = {name: count(columns.cell(row, name), source_name, line, named.get(name), comma) for name in COUNTS}
    values |= {name: number(columns.cell(row, name), source_name, line, named.get(name), comma) for name in AMOUNTS}
    if values["reach"] is not None and values["impressions"] is not None and values["reach"] > values["impressions"]:
        raise rejected(source_name, f"rekkevidden ({values['reach']}) er større enn antall visninger "
                                    f"({values['impressions']}); det er umulig.", line, named["reach"])
    return {"line": line, "summary": summary, "start": start, "end": end, **names, **values}


def _reject_duplicates(frame: pd.DataFrame, source_name: str) -> None:
    """The same campaign, ad set and ad twice for the same dates cannot be summed: reject the file."""
    key = ["start", "end", *NAMES]
    twice = frame[~frame["summary"] & frame.duplicated(key, keep=False)]
    if twice.empty:
        return
    first = twice.iloc[0]
    same = twice[(twice[key].astype("string").fillna("") == first[key].astype("string").fillna("")).all(axis=1)]
    other = same.iloc[1]
    values = [*COUNTS, *AMOUNTS]
    differ = not first[values].fillna(-1).equals(other[values].fillna(-1))
    what = "med ulike tall" if differ else "med like tall"
    raise rejected(source_name, f"kampanjen «{first['campaign']}» står to ganger for samme dag og annonse {what} "
                                f"(rad {int(first['line'])} og {int(other['line'])}). Har to annonser samme navn? "
                                "Ta med kolonnen «Ad ID» i eksporten.", int(other["line"]))
